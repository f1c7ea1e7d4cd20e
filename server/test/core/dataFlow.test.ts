/**
 * The data-flow graph model (core/services/dataFlow.ts): built from real detection over inline
 * sources and a parsed manifest, and from hand-made calls for the cases detection does not reach
 * in a few lines (techniques, wrappers, several manifests).
 */
import * as assert from 'node:assert/strict';
import { buildDataFlowGraph, type DataFlowGraph } from '../../src/core/services/dataFlow';
import { parseManifest } from '../../src/core/manifest/parseManifest';
import type { ParsedManifest } from '../../src/core/manifest/types';
import type { Finding, TrackingCall } from '../../src/core/types';
import { detect } from '../helpers/detect';

/** The manifest the tests map against (a trimmed version of the spec's example). */
export const MANIFEST = `version: 1
consent:
  categories:
    analytics: { consent_mode: [analytics_storage] }
    marketing: { consent_mode: [ad_storage] }
purposes:
  product-analytics:
    description: Understand which features are used
    use: analytics.reporting
    legal_basis: consent
    consent: analytics
    data: [user.behavior, user.device, none]
  identity-resolution:
    use: marketing.advertising.first_party.targeted
    legal_basis: consent
    consent: marketing
    data: [user.unique_id, user.contact.email]
destinations:
  segment:
    sdk: segment
    vendor: Twilio Segment
    purposes: [product-analytics, identity-resolution]
    region: US
    retention: P2Y
    transfer: SCCs
  google-analytics:
    sdk: ga4
    vendor: Google
    purposes: [product-analytics]
    forbid: [user.contact]
    region: US
    retention: P14M
  mixpanel:
    sdk: mixpanel
    vendor: Mixpanel
    purposes: [product-analytics]
identities:
  segment:
    purpose: identity-resolution
    traits:
      email: { category: user.contact.email, transform: sha256 }
techniques:
  session-replay:
    purpose: product-analytics
events:
  Order Completed:
    purpose: product-analytics
    destinations: [segment, google-analytics]
    properties:
      order_id: none
      email: { category: user.contact.email, purpose: identity-resolution }
  purchase:
    purpose: product-analytics
    destinations: [google-analytics]
    properties:
      value: none
`;

export const SOURCE = `import { AnalyticsBrowser } from '@segment/analytics-next';
import posthog from 'posthog-js';
const analytics = AnalyticsBrowser.load({ writeKey: 'x' });
export function checkout(user: { id: string; email: string }, id: string, code: string) {
  analytics.track('Order Completed', { order_id: id, email: user.email, coupon: code });
  analytics.track('Signed Up', { plan: 'pro' });
  analytics.identify(user.id, { email: user.email });
  posthog.capture('<img src=x onerror=alert(1)>', { button: 'buy' });
  window.gtag('event', 'purchase', { value: 3 });
  analytics.reset();
}
`;

/** The manifests map as `check()` returns it. */
export function manifests(text = MANIFEST, path = 'privacy.yaml'): Map<string, ParsedManifest> {
  const pm = parseManifest(text, path, { knownSdkIds: new Set(['segment', 'ga4', 'mixpanel', 'posthog', 'fullstory']) });
  assert.ok(pm.manifest, 'the test manifest parses');
  assert.deepEqual(pm.problems, [], 'the test manifest is valid');
  return new Map([[path, pm]]);
}

/** Real detection over SOURCE (as src/app.ts). */
export async function detectedCalls(source = SOURCE): Promise<TrackingCall[]> {
  return detect({ 'src/app.ts': source });
}

/** A hand-made call with sensible defaults. */
export function call(over: Partial<TrackingCall> & { line: number }): TrackingCall {
  const { line, ...rest } = over;
  const r = { start: { line, character: 2 }, end: { line, character: 40 } };
  return {
    file: 'src/app.ts',
    range: r,
    calleeRange: r,
    sdk: 'segment',
    via: null,
    kind: 'track',
    event: null,
    eventCandidates: [],
    eventRange: null,
    eventDynamic: false,
    properties: [],
    propertiesRange: null,
    propertiesOpen: false,
    guardFacts: [],
    guarded: [],
    technique: null,
    method: 'track',
    ...rest,
  };
}

function prop(key: string, inferred: string | null, declared?: string | null): TrackingCall['properties'][number] {
  const r = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };
  return { key, keyRange: r, range: r, valueText: key, inferred, ...(declared !== undefined ? { declared } : {}) };
}

function finding(over: Partial<Finding> & { rule: string; line: number }): Finding {
  const { line, ...rest } = over;
  return {
    severity: 'error',
    message: `${over.rule} here`,
    file: 'src/app.ts',
    range: { start: { line, character: 10 }, end: { line, character: 20 } },
    suppressed: false,
    fixes: [],
    ...rest,
  };
}

const ids = (g: DataFlowGraph, layer: string) => g.nodes.filter((n) => n.layer === layer).map((n) => n.id);
const node = (g: DataFlowGraph, id: string) => {
  const n = g.nodes.find((x) => x.id === id);
  assert.ok(n, `node ${id} in ${g.nodes.map((x) => x.id).join(', ')}`);
  return n;
};
const edge = (g: DataFlowGraph, from: string, to: string) => {
  const e = g.edges.find((x) => x.from === from && x.to === to);
  assert.ok(e, `edge ${from} -> ${to} in\n  ${g.edges.map((x) => x.id).join('\n  ')}`);
  return e;
};

suite('dataFlow: graph from real detection', () => {
  let g: DataFlowGraph;
  suiteSetup(async () => {
    g = buildDataFlowGraph(await detectedCalls(), [], manifests());
  });

  test('every layer holds what the code and the manifest say', () => {
    assert.deepEqual(ids(g, 'code'), ['code:src/app.ts']);
    assert.deepEqual(ids(g, 'event'), ['event:<img src=x onerror=alert(1)>', 'event:Order Completed', 'event:Signed Up', 'event:call:reset:reset', 'event:identify()', 'event:purchase']);
    assert.deepEqual(ids(g, 'category'), ['category:none', 'category:user.behavior.purchase_history', 'category:user.contact.email']);
    assert.deepEqual(ids(g, 'purpose'), ['purpose:?', 'purpose:identity-resolution', 'purpose:product-analytics']);
    assert.deepEqual(ids(g, 'destination'), ['destination:google-analytics', 'destination:mixpanel', 'destination:posthog', 'destination:segment']);
  });

  test('the path of a declared event: category, purpose (per property), destination', () => {
    edge(g, 'code:src/app.ts', 'event:Order Completed');
    edge(g, 'event:Order Completed', 'category:none');
    edge(g, 'event:Order Completed', 'category:user.contact.email');
    // email has its own purpose; order_id the event's
    edge(g, 'category:user.contact.email', 'purpose:identity-resolution');
    edge(g, 'category:none', 'purpose:product-analytics');
    edge(g, 'purpose:identity-resolution', 'destination:segment');
    const seg = node(g, 'destination:segment');
    assert.equal(seg.label, 'segment');
    assert.equal(seg.sublabel, 'Twilio Segment · US · P2Y · SCCs');
    assert.equal(seg.details.retention, 'P2Y');
    assert.equal(node(g, 'purpose:identity-resolution').sublabel, 'consent: marketing');
    assert.equal(node(g, 'category:user.contact.email').personal, true);
    assert.equal(node(g, 'category:none').personal, false);
  });

  test('undeclared things are drawn and marked', () => {
    const signedUp = node(g, 'event:Signed Up');
    assert.equal(signedUp.marked, true);
    assert.deepEqual(signedUp.marks, ['event not declared in the manifest']);
    // an undeclared event has no purpose: its data goes to the marked "no purpose" node
    assert.equal(node(g, 'purpose:?').marked, true);
    edge(g, 'category:user.behavior.purchase_history', 'purpose:?');
    // the undeclared property `coupon` is drawn at its inferred category, on a marked edge
    const coupon = edge(g, 'event:Order Completed', 'category:user.behavior.purchase_history');
    assert.equal(coupon.marked, true);
    const inferred = node(g, 'category:user.behavior.purchase_history');
    assert.match(inferred.marks.join(), /inferred from undeclared property 'coupon'/);
    assert.equal(inferred.marked, true, 'only undeclared properties reach it');
    // `none` is reached by the declared order_id too: the node is not marked, the undeclared edge is
    assert.equal(node(g, 'category:none').marked, false);
    assert.equal(edge(g, 'event:<img src=x onerror=alert(1)>', 'category:none').marked, true);
    // posthog: no destination names the SDK
    const ph = node(g, 'destination:posthog');
    assert.equal(ph.marked, true);
    assert.equal(ph.sublabel, 'unknown destination');
    assert.equal(edge(g, 'purpose:?', 'destination:posthog').marked, true);
    // the declared, matching path is not marked
    assert.equal(edge(g, 'event:Order Completed', 'category:none').marked, false);
    assert.equal(node(g, 'event:Order Completed').marked, false);
  });

  test('identity calls: traits to the identity purpose of their destination', () => {
    const id = node(g, 'event:identify()');
    assert.equal(id.kind, 'identity');
    edge(g, 'event:identify()', 'category:user.contact.email');
    const flow = g.flows.find((f) => f.nodes[1] === 'event:identify()');
    assert.deepEqual(flow?.nodes, ['code:src/app.ts', 'event:identify()', 'category:user.contact.email', 'purpose:identity-resolution', 'destination:segment']);
    assert.equal(flow?.personal, true);
  });

  test('calls that carry no data skip the category and purpose layers', () => {
    const e = edge(g, 'event:call:reset:reset', 'destination:segment');
    assert.equal(e.count, 1);
  });

  test('counts, sites and summary', () => {
    const seg = node(g, 'destination:segment');
    assert.equal(seg.count, 4, 'Order Completed, Signed Up, identify, reset');
    assert.equal(node(g, 'destination:mixpanel').count, 0, 'declared destinations nothing reaches are drawn with count 0');
    const e = edge(g, 'code:src/app.ts', 'event:Order Completed');
    assert.deepEqual(e.sites.map((s) => `${s.file}:${s.line}:${s.column} ${s.call}`), ['src/app.ts:5:3 segment.track']);
    assert.deepEqual(g.summary, { files: 1, calls: 6, events: 6, destinations: 3, findings: 0, undeclared: 5 });
  });

  test('the injection attempt is kept verbatim as data', () => {
    const n = node(g, 'event:<img src=x onerror=alert(1)>');
    assert.equal(n.label, '<img src=x onerror=alert(1)>');
  });
});

suite('dataFlow: determinism', () => {
  test('the same input in any order gives the same graph, byte for byte', async () => {
    const calls = await detectedCalls();
    const a = JSON.stringify(buildDataFlowGraph(calls, [], manifests()));
    const b = JSON.stringify(buildDataFlowGraph([...calls].reverse(), [], manifests()));
    const c = JSON.stringify(buildDataFlowGraph(await detectedCalls(), [], manifests()));
    assert.equal(a, b);
    assert.equal(a, c);
  });

  test('nodes are sorted by layer then id, edges by from/to, sites by position', async () => {
    const g = buildDataFlowGraph(await detectedCalls(), [], manifests());
    const order = ['code', 'event', 'category', 'purpose', 'destination'];
    const keys = g.nodes.map((n) => `${order.indexOf(n.layer)}|${n.id}`);
    assert.deepEqual(keys, [...keys].sort());
    const ek = g.edges.map((e) => [e.from, e.to, e.technique ?? '']);
    assert.deepEqual(ek, [...ek].sort((x, y) => (x.join('\0') < y.join('\0') ? -1 : 1)));
  });

  test('building does not mutate the calls', async () => {
    const calls = await detectedCalls();
    const before = JSON.stringify(calls);
    buildDataFlowGraph(calls, [], manifests());
    assert.equal(JSON.stringify(calls), before);
  });
});

suite('dataFlow: findings, techniques, wrappers, scopes', () => {
  test('findings sit on the flows they are about', () => {
    const calls = [
      call({ line: 4, event: 'Order Completed', eventCandidates: ['Order Completed'], properties: [prop('order_id', 'none'), prop('email', 'user.contact.email')], destinations: ['segment', 'google-analytics'] }),
      call({ line: 8, event: 'Order Completed', eventCandidates: ['Order Completed'], properties: [prop('order_id', 'none')], destinations: ['segment'] }),
    ];
    const findings = [
      finding({ rule: 'forbidden-category', line: 4, property: 'email', destination: 'google-analytics' }),
      finding({ rule: 'missing-consent-guard', line: 8, severity: 'warning' }),
      finding({ rule: 'undeclared-event', line: 8, suppressed: true }),
      finding({ rule: 'unused-event', line: 30, file: 'privacy.yaml', severity: 'warning' }),
    ];
    const g = buildDataFlowGraph(calls, findings, manifests());
    // drawn on the hop where it sits (what the destination may not receive) …
    const forbidden = g.edges.filter((e) => e.findings.includes('forbidden-category')).map((e) => e.id);
    assert.deepEqual(forbidden, ['purpose:identity-resolution->destination:google-analytics']);
    assert.deepEqual(edge(g, 'purpose:identity-resolution', 'destination:google-analytics').flags, ['forbidden']);
    // … and carried by the whole flow, for the findings filter
    const emailToGa = g.flows.filter((f) => f.nodes.includes('category:user.contact.email') && f.nodes.includes('destination:google-analytics'));
    assert.deepEqual(emailToGa.map((f) => f.findings), [['forbidden-category']]);
    // an event-level finding (no property) sits on the code → event hop of the call
    assert.deepEqual(edge(g, 'code:src/app.ts', 'event:Order Completed').flags, ['unguarded']);
    assert.deepEqual(edge(g, 'purpose:product-analytics', 'destination:segment').flags, []);
    assert.deepEqual(edge(g, 'purpose:product-analytics', 'destination:google-analytics').findings, [], 'order_id to GA is fine');
    assert.deepEqual(node(g, 'destination:google-analytics').findings, ['forbidden-category']);
    assert.deepEqual(
      g.findings.map((f) => `${f.rule} ${f.file}:${f.line} ${f.onCall}`),
      ['unused-event privacy.yaml:31 false', 'forbidden-category src/app.ts:5 true', 'missing-consent-guard src/app.ts:9 true'],
      'suppressed findings are left out; findings off calls are listed',
    );
    const code = edge(g, 'code:src/app.ts', 'event:Order Completed');
    assert.equal(code.count, 2);
    assert.deepEqual(code.sites.map((s) => s.line), [5, 9]);
  });

  test('techniques are drawn on their edges and listed for the filter', () => {
    const calls = [
      call({ line: 1, sdk: 'fullstory', kind: 'other', method: 'init', technique: 'session-replay' }),
      call({ line: 2, sdk: 'segment', event: 'Order Completed', eventCandidates: ['Order Completed'], properties: [prop('order_id', 'none')], technique: 'cross-site-pixel', destinations: ['segment'] }),
      call({ line: 3, sdk: 'segment', event: 'Order Completed', eventCandidates: ['Order Completed'], properties: [prop('order_id', 'none')], destinations: ['segment'] }),
    ];
    const g = buildDataFlowGraph(calls, [], manifests());
    assert.deepEqual(g.techniques, ['cross-site-pixel', 'session-replay']);
    const replay = node(g, 'event:technique:session-replay');
    assert.equal(replay.kind, 'technique');
    assert.equal(replay.marked, false, 'declared under techniques');
    const e = edge(g, 'event:technique:session-replay', 'purpose:product-analytics');
    assert.equal(e.technique, 'session-replay');
    // fullstory is not a destination of this manifest
    assert.equal(node(g, 'destination:fullstory').marked, true);
    // the same hop with and without a technique: two parallel edges
    const parallel = g.edges.filter((x) => x.from === 'code:src/app.ts' && x.to === 'event:Order Completed');
    assert.deepEqual(parallel.map((x) => [x.technique ?? null, x.count]), [[null, 1], ['cross-site-pixel', 1]]);
    assert.deepEqual(g.flows.filter((f) => f.technique === 'cross-site-pixel').map((f) => f.nodes.length), [5]);
  });

  test('the SDK call inside a wrapper is drawn only when the wrapper has no call site', () => {
    const inner = call({ line: 1, file: 'src/lib/analytics.ts', eventDynamic: true, insideWrapper: 'trackEvent' });
    const site = call({ line: 5, via: 'trackEvent', event: 'Order Completed', eventCandidates: ['Order Completed'] });
    assert.deepEqual(ids(buildDataFlowGraph([inner, site], [], manifests()), 'code'), ['code:src/app.ts']);
    assert.deepEqual(ids(buildDataFlowGraph([inner], [], manifests()), 'code'), ['code:src/lib/analytics.ts']);
    const g = buildDataFlowGraph([site], [], manifests());
    assert.equal(g.edges[0].sites[0].call, 'trackEvent');
    // a wrapper body with its own event, or with a finding on it, is a call of its own: drawn
    const own = call({ line: 1, file: 'src/lib/analytics.ts', event: 'purchase', eventCandidates: ['purchase'], insideWrapper: 'trackEvent' });
    assert.deepEqual(ids(buildDataFlowGraph([own, site], [], manifests()), 'code'), ['code:src/app.ts', 'code:src/lib/analytics.ts']);
    const flagged = finding({ rule: 'missing-consent-guard', line: 1, file: 'src/lib/analytics.ts' });
    const withFinding = buildDataFlowGraph([inner, site], [flagged], manifests());
    assert.deepEqual(ids(withFinding, 'code'), ['code:src/app.ts', 'code:src/lib/analytics.ts']);
    assert.deepEqual(withFinding.findings.map((f) => f.onCall), [true]);
  });

  test('paths are relative to the root; several manifests get scoped ids', () => {
    const a = parseManifest(MANIFEST, '/w/a/privacy.yaml');
    const b = parseManifest('version: 1\n', '/w/b/privacy.yaml');
    const calls = [
      call({ line: 1, file: '/w/a/src/x.ts', event: 'purchase', eventCandidates: ['purchase'], sdk: 'ga4' }),
      call({ line: 1, file: '/w/b/src/y.ts', event: 'purchase', eventCandidates: ['purchase'], sdk: 'ga4' }),
    ];
    const g = buildDataFlowGraph(calls, [], new Map([['/w/a/privacy.yaml', a], ['/w/b/privacy.yaml', b]]), { root: '/w' });
    assert.equal(g.root, '/w');
    assert.deepEqual(g.manifests, ['a/privacy.yaml', 'b/privacy.yaml']);
    assert.deepEqual(ids(g, 'code'), ['code:a/src/x.ts', 'code:b/src/y.ts']);
    assert.equal(node(g, 'event:purchase@a/privacy.yaml').marked, false);
    assert.equal(node(g, 'event:purchase@b/privacy.yaml').marked, true);
    assert.equal(node(g, 'destination:ga4@b/privacy.yaml').marked, true);
  });

  test('without any manifest every call is an inventory of undeclared flows', async () => {
    const g = buildDataFlowGraph(await detectedCalls(), [], new Map());
    assert.ok(g.nodes.filter((n) => n.layer !== 'code' && n.layer !== 'category').every((n) => n.marked || n.kind === 'call' || n.kind === 'identity'));
    assert.deepEqual(ids(g, 'destination'), ['destination:ga4', 'destination:posthog', 'destination:segment']);
    assert.deepEqual(g.manifests, []);
  });
});
