/**
 * The pure helpers behind the server's features: what a manifest position names, completion
 * contexts in YAML and code, the rename edits, fix-all's conflict rule, settings parsing.
 * Sources are inline, the cursor is `|`.
 */
import * as assert from 'node:assert/strict';
import { parseManifest } from '../../src/core/manifest/parseManifest';
import { codeCompletionContext, manifestCompletions } from '../../src/core/services/completionItems';
import { classifyManifestNode, manifestNodeAt, manifestSections } from '../../src/core/services/manifestLocations';
import { renameEventEdits } from '../../src/core/services/renameEvent';
import { applyEdits } from '../../src/core/textEdits';
import type { Fix, TrackingCall } from '../../src/core/types';
import { compatibleSafeFixes } from '../../src/features/codeActions';
import { toSettings } from '../../src/settings';

/** Text without the `|` and the cursor's offset. */
function cursor(marked: string): { text: string; offset: number } {
  const offset = marked.indexOf('|');
  return { text: marked.slice(0, offset) + marked.slice(offset + 1), offset };
}

const manifest = `version: 1
consent:
  categories:
    analytics: {}
  guards:
    - function: hasConsent
      category: analytics
purposes:
  product-analytics:
    use: analytics.reporting
    legal_basis: consent
    consent: analytics
destinations:
  segment: { sdk: segment, purposes: [product-analytics] }
events:
  'Order Completed':
    purpose: product-analytics
    properties:
      purpose: none
      email: { category: user.contact.email }
exceptions:
  - rule: undeclared-property
    event: 'Order Completed'
    reason: reviewed
`;

suite('services: manifest locations', () => {
  const parsed = parseManifest(manifest, '/p/privacy.yaml');
  const at = (needle: string, delta = 1) => {
    const node = manifestNodeAt(manifest, manifest.indexOf(needle) + delta);
    return node && classifyManifestNode(node, parsed.manifest);
  };

  test('declarations and references are told apart', () => {
    assert.deepEqual(at("'Order Completed':"), { type: 'event', name: 'Order Completed', declaration: true });
    assert.deepEqual(at("event: 'Order", 8), { type: 'event', name: 'Order Completed', declaration: false });
    assert.deepEqual(at('product-analytics:'), { type: 'purpose', name: 'product-analytics', declaration: true });
    assert.deepEqual(at('purposes: [product', 12), { type: 'purpose', name: 'product-analytics', declaration: false });
    assert.deepEqual(at('consent: analytics', 10), { type: 'consent', name: 'analytics', declaration: false });
    assert.deepEqual(at('category: analytics', 11), { type: 'consent', name: 'analytics', declaration: false });
    assert.deepEqual(at('sdk: segment', 6), { type: 'sdk', id: 'segment' });
    assert.deepEqual(at('analytics.reporting'), { type: 'taxonomy', key: 'analytics.reporting' });
    assert.deepEqual(at('user.contact.email'), { type: 'taxonomy', key: 'user.contact.email' });
  });

  test('a property named like a setting is a property, its value a category', () => {
    assert.deepEqual(at('purpose: none', 10), null, "'none' has no taxonomy entry, and it is not a purpose reference");
    assert.deepEqual(at('      purpose: none', 7), { type: 'property', event: 'Order Completed', key: 'purpose', declaration: true });
  });

  test('sections with their ranges', () => {
    assert.deepEqual(manifestSections(manifest).map((s) => `${s.name}:${s.keyRange.start.line}`), ['version:0', 'consent:1', 'purposes:7', 'destinations:12', 'events:14', 'exceptions:20']);
  });
});

suite('services: manifest completion', () => {
  const parsed = parseManifest(manifest, '/p/privacy.yaml');
  const labels = (marked: string) => {
    const { text, offset } = cursor(marked);
    return manifestCompletions(text, offset, parsed.manifest).map((e) => e.label);
  };

  test('the enclosing keys decide: a guard category is a consent category', () => {
    assert.deepEqual(labels(manifest.replace('      category: analytics', '      category: |')), ['analytics']);
  });

  test('directly under properties, any key takes a category', () => {
    const got = labels(manifest.replace('      purpose: none', '      purpose: |'));
    assert.ok(got.includes('user.contact.email') && got.includes('none'), got.slice(0, 5).join(', '));
  });

  test('inside a flow mapping of a property, the setting decides', () => {
    assert.deepEqual(labels(manifest.replace('email: { category: user.contact.email }', 'email: { purpose: | }')), ['product-analytics']);
  });

  test('block list items under data/forbid, flow lists, and nothing inside comments', () => {
    assert.ok(labels('purposes:\n  p:\n    data:\n      - |\n').includes('user.behavior'));
    assert.deepEqual(labels('destinations:\n  d:\n    purposes: [|]\n'), ['product-analytics']);
    assert.deepEqual(labels(manifest.replace('    purpose: product-analytics', '    purpose: pro|')), ['product-analytics']);
    assert.deepEqual(labels('# purpose: |\n'), []);
  });
});

suite('services: code completion context', () => {
  const call = (over: Partial<TrackingCall>): TrackingCall =>
    ({ file: '/p/a.ts', range: over.range!, calleeRange: over.range!, sdk: 'segment', via: null, kind: 'track', event: 'X', eventCandidates: ['X'], eventRange: null, eventDynamic: false, properties: [], propertiesRange: null, propertiesOpen: false, guardFacts: [], guarded: [], technique: null, method: 'track', ...over }) as TrackingCall;
  const line = (a: number, b: number) => ({ start: { line: 0, character: a }, end: { line: 0, character: b } });

  test('a quoted key position in the properties object, not a value or a nested object', () => {
    const src = "analytics.track('X', { 'a': 1, b: { c: 2 }, d: 3 });";
    const c = call({ range: line(0, src.length - 1), eventRange: line(16, 19), propertiesRange: line(21, src.length - 2) });
    const at = (needle: string, delta: number) => codeCompletionContext(src, src.indexOf(needle) + delta, [c], new Set())?.type ?? null;
    assert.equal(at("'a'", 1), 'property');
    assert.equal(at(': 1', 2), null, 'a value');
    assert.equal(at('c: 2', 0), null, 'a nested object');
    assert.equal(at('d: 3', 0), 'property');
    assert.equal(at("'X'", 1), 'event');
  });

  test('a string argument of a known tracking function the detection did not see', () => {
    const src = "trackEvent('Ord";
    const ctx = codeCompletionContext(src, src.length, [], new Set(['trackEvent']));
    assert.deepEqual(ctx && ctx.type === 'event' ? ctx.replace : null, { start: 12, end: 15 });
  });
});

suite('services: rename event', () => {
  test('the key keeps its quotes, exceptions follow, literal call sites change, others are skipped', () => {
    const parsed = parseManifest(manifest, '/p/privacy.yaml');
    const code = "track('Order Completed'); track(NAME);";
    const calls = [
      { file: '/p/a.ts', event: 'Order Completed', eventCandidates: ['Order Completed'], eventRange: { start: { line: 0, character: 6 }, end: { line: 0, character: 23 } } },
      { file: '/p/a.ts', event: 'Order Completed', eventCandidates: ['Order Completed'], eventRange: { start: { line: 0, character: 32 }, end: { line: 0, character: 36 } } },
    ] as TrackingCall[];
    const { edits, skipped } = renameEventEdits(parsed, '/p/privacy.yaml', 'Order Completed', "Buyer's Order", calls, () => code);
    const yaml = applyEdits(manifest, edits['/p/privacy.yaml']);
    assert.match(yaml, /^ {2}'Buyer''s Order':$/m);
    assert.match(yaml, /^ {4}event: 'Buyer''s Order'$/m);
    assert.equal(applyEdits(code, edits['/p/a.ts']), "track('Buyer\\'s Order'); track(NAME);");
    assert.equal(skipped.length, 1);
  });
});

suite('services: fix all and settings', () => {
  const fix = (title: string, line: number, from: number, to: number, safe = true): Fix => ({ title, safe, edits: { f: [{ range: { start: { line, character: from }, end: { line, character: to } }, newText: 'x' }] } });

  test('safe fixes that overlap, or insert at the same place, wait for the next round', () => {
    const text = 'abcdef\nghijkl\n';
    const chosen = compatibleSafeFixes([fix('a', 0, 0, 2), fix('b', 0, 1, 3), fix('c', 1, 2, 2), fix('d', 1, 2, 2), fix('e', 1, 4, 5, false), fix('f', 1, 0, 1)], () => text);
    assert.deepEqual(chosen.map((f) => f.title), ['a', 'c', 'f']);
  });

  test('settings from the client: wrong types ignored, warning accepted as warn', () => {
    assert.deepEqual(toSettings({ manifest: ' ', rules: { a: 'warning', b: 'loud', c: 'off' }, exclude: ['x/**', 3], trace: { server: 'verbose' } }), {
      manifest: null,
      rules: { a: 'warn', c: 'off' },
      exclude: ['x/**'],
      trace: { server: 'verbose' },
    });
    assert.deepEqual(toSettings(null), { manifest: null, rules: {}, exclude: [], trace: { server: 'off' } });
  });
});
