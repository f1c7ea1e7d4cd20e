import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Ajv from 'ajv';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { CheckResult, Finding, Range, TrackingCall } from '../../src/core/types';
import { format, formatGithub, formatJson, formatSarif, formatStylish } from '../../src/cli/formatters';
import { escapeData, escapeProperty } from '../../src/cli/formatters/github';
import type { SarifRuleInfo } from '../../src/cli/formatters/sarif';
import { STYLISH_FILE_PATTERN, STYLISH_PROBLEM_PATTERN } from '../../src/cli/formatters/stylish';

// ---------------------------------------------------------------------------------------------
// A realistic CheckResult, written by hand.

const CWD = '/work/acme-shop';
const CHECKOUT = `${CWD}/src/checkout.ts`;
const LANDING = `${CWD}/src/My Pages/landing page.tsx`;
const REPLAY = `file://${CWD}/src/replay.ts`;
const TRACKING = `${CWD}/src/tracking.ts`;
const MANIFEST = `${CWD}/privacy.yaml`;

const checkoutText = [
  "import { analytics } from './analytics';",
  "import { trackEvent } from './tracking';",
  '',
  'export function completeOrder(order: Order, user: User) {',
  "  analytics.track('Order Completed', { order_id: order.id, email: user.email, total: order.total });",
  "  trackEvent('Checkout Step', { step: 3 });",
  '}',
  '',
  'export function trackStep(name: string) {',
  '  analytics.track(name, {});',
  '}',
  '',
  'export function legacy(user: User) {',
  '  // privet-disable-next-line missing-consent-guard -- consent is checked by the router (PRIV-12)',
  '  analytics.identify(user.id, { plan: user.plan });',
  '}',
  '',
].join('\n');

const landingText = [
  'export function Landing() {',
  '  useEffect(() => {',
  "    gtag('event', 'Café ✓ Visité — 日本', { référent: document.referrer });",
  '  }, []);',
  '  return <main />;',
  '}',
  '',
].join('\n');

const replayText = [
  "import posthog from 'posthog-js';",
  '',
  'posthog.init(KEY, {',
  '\tsession_recording: { maskAllInputs: false },',
  '});',
  '',
].join('\n');

const trackingText = [
  "import { analytics } from './analytics';",
  '',
  '/** @privacy tracker destination=segment kind=track event_arg=0 properties_arg=1 */',
  'export function trackEvent(name: string, props: object) {',
  '  analytics.track(name, props);',
  '}',
  '',
].join('\n');

const manifestText = [
  'version: 1',
  'destinations:',
  '  segment:',
  '    retension: 30d',
  'events:',
  '  Signup Started:',
  '    purpose: product-analytics',
  'purposes:',
  '  marketing:',
  '    legal_basis: consent',
  '',
].join('\n');

const texts: Record<string, string> = {
  [CHECKOUT]: checkoutText,
  [LANDING]: landingText,
  [REPLAY]: replayText,
  [TRACKING]: trackingText,
  [MANIFEST]: manifestText,
};

/** The range of the `nth` occurrence of `needle` on 0-based `line` of `text`. */
function at(text: string, line: number, needle: string, nth = 0): Range {
  const src = text.split('\n')[line];
  let i = -1;
  for (let k = 0; k <= nth; k++) {
    i = src.indexOf(needle, i + 1);
    if (i < 0) throw new Error(`'${needle}' not on line ${line}: ${src}`);
  }
  return { start: { line, character: i }, end: { line, character: i + needle.length } };
}

function finding(p: Partial<Finding> & Pick<Finding, 'rule' | 'severity' | 'message' | 'file' | 'range'>): Finding {
  return { suppressed: false, fixes: [], ...p };
}

function call(p: Partial<TrackingCall> & Pick<TrackingCall, 'file' | 'range' | 'sdk' | 'kind'>): TrackingCall {
  return {
    calleeRange: p.range,
    via: null,
    event: null,
    eventCandidates: p.event ? [p.event] : [],
    eventRange: null,
    eventDynamic: false,
    properties: [],
    propertiesRange: null,
    propertiesOpen: false,
    guardFacts: [],
    guarded: [],
    technique: null,
    method: p.kind,
    ...p,
  };
}

function prop(text: string, line: number, key: string, inferred: string | null, declared?: string | null) {
  const keyRange = at(text, line, key);
  return { key, keyRange, range: keyRange, valueText: '', inferred, ...(declared !== undefined ? { declared } : {}) };
}

function makeResult(shift = 0): CheckResult {
  const sh = (r: Range): Range => ({
    start: { line: r.start.line + shift, character: r.start.character },
    end: { line: r.end.line + shift, character: r.end.character },
  });
  const findings: Finding[] = [
    // Out of order on purpose: the formatters sort.
    finding({
      rule: 'dynamic-event-name',
      severity: 'warning',
      message: 'The event name of analytics.track() cannot be resolved statically',
      file: CHECKOUT,
      range: sh(at(checkoutText, 9, 'name')),
    }),
    finding({
      rule: 'undeclared-property',
      severity: 'error',
      message: "Property 'email' is not declared for event 'Order Completed'",
      file: CHECKOUT,
      range: sh(at(checkoutText, 4, 'email: user.email')),
      event: 'Order Completed',
      property: 'email',
      fixes: [
        { title: "Declare 'email' (user.contact.email) in privacy.yaml", safe: true, edits: { [MANIFEST]: [] } },
        { title: "Remove 'email' from the call", safe: false, edits: { [CHECKOUT]: [] } },
      ],
    }),
    finding({
      rule: 'forbidden-category',
      severity: 'error',
      message: "Property 'email' (user.contact.email) is forbidden for destination 'segment'",
      file: CHECKOUT,
      range: sh(at(checkoutText, 4, 'email: user.email')),
      event: 'Order Completed',
      property: 'email',
      category: 'user.contact.email',
      destination: 'segment',
    }),
    finding({
      rule: 'destination-not-allowed',
      severity: 'error',
      message: "Event 'Checkout Step' is sent to 'mixpanel', which is not in its destinations",
      file: CHECKOUT,
      range: sh(at(checkoutText, 5, "trackEvent('Checkout Step', { step: 3 })")),
      event: 'Checkout Step',
      destination: 'mixpanel',
    }),
    finding({
      rule: 'missing-consent-guard',
      severity: 'warning',
      message: "The call to analytics.identify() is not guarded by consent for 'marketing'",
      file: CHECKOUT,
      range: sh(at(checkoutText, 14, 'analytics.identify(user.id, { plan: user.plan })')),
      suppressed: true,
      suppression: { kind: 'inSource', justification: 'consent is checked by the router (PRIV-12)' },
    }),
    finding({
      rule: 'undeclared-event',
      severity: 'error',
      message: "Event 'Café ✓ Visité — 日本' is not declared in privacy.yaml",
      file: LANDING,
      range: at(landingText, 2, "'Café ✓ Visité — 日本'"),
      event: 'Café ✓ Visité — 日本',
    }),
    finding({
      rule: 'category-mismatch',
      severity: 'warning',
      message: "Property 'référent' is declared 'none', but 100% of its values look like user.behavior.browsing_history",
      file: LANDING,
      range: at(landingText, 2, 'référent'),
      event: 'Café ✓ Visité — 日本',
      property: 'référent',
    }),
    finding({
      rule: 'replay-unmasked',
      severity: 'warning',
      message: "Session replay masks less than declared: maskAllInputs: false, technique 'session-replay' declares masking: all",
      file: REPLAY,
      range: at(replayText, 3, 'maskAllInputs: false'),
      fixes: [{ title: 'Set maskAllInputs: true', safe: true, edits: { [REPLAY]: [] } }],
    }),
    finding({
      rule: 'undeclared-technique',
      severity: 'error',
      message: "Technique 'session-replay' is not declared for destination 'posthog'",
      file: REPLAY,
      range: at(replayText, 2, 'posthog.init'),
      suppressed: true,
      suppression: { kind: 'external', justification: 'Exception EX-7: replay approved until 2027-03-31' },
    }),
    finding({
      rule: 'manifest-schema',
      severity: 'error',
      message: "Unknown key 'retension' in destinations.segment\nDid you mean 'retention'?",
      file: MANIFEST,
      range: at(manifestText, 3, 'retension'),
    }),
    finding({
      rule: 'unused-event',
      severity: 'warning',
      message: "Event 'Signup Started' is declared but sent by no call",
      file: MANIFEST,
      range: at(manifestText, 5, 'Signup Started'),
      event: 'Signup Started',
    }),
    finding({
      rule: 'unused-declaration',
      severity: 'info',
      message: "Purpose 'marketing' is not used",
      file: MANIFEST,
      range: at(manifestText, 8, 'marketing'),
      purpose: 'marketing',
    }),
  ];
  const calls: TrackingCall[] = [
    call({
      file: TRACKING,
      range: at(trackingText, 4, 'analytics.track(name, props)'),
      sdk: 'segment',
      kind: 'track',
      eventDynamic: true,
      propertiesOpen: true,
      destinations: ['segment'],
      insideWrapper: 'trackEvent',
    }),
    call({
      file: CHECKOUT,
      range: sh(at(checkoutText, 4, "analytics.track('Order Completed', { order_id: order.id, email: user.email, total: order.total })")),
      sdk: 'segment',
      kind: 'track',
      event: 'Order Completed',
      properties: [
        prop(checkoutText, 4, 'order_id', 'none', 'none'),
        prop(checkoutText, 4, 'email', 'user.contact.email', null),
        prop(checkoutText, 4, 'total', null, 'none'),
      ],
      guarded: ['analytics'],
      destinations: ['segment'],
    }),
    call({
      file: CHECKOUT,
      range: sh(at(checkoutText, 5, "trackEvent('Checkout Step', { step: 3 })")),
      sdk: 'segment',
      via: 'trackEvent',
      kind: 'track',
      event: 'Checkout Step',
      properties: [prop(checkoutText, 5, 'step', null, 'none')],
      destinations: ['segment', 'mixpanel'],
    }),
    call({
      file: CHECKOUT,
      range: sh(at(checkoutText, 9, 'analytics.track(name, {})')),
      sdk: 'segment',
      kind: 'track',
      eventDynamic: true,
      destinations: ['segment'],
    }),
    call({
      file: CHECKOUT,
      range: sh(at(checkoutText, 14, 'analytics.identify(user.id, { plan: user.plan })')),
      sdk: 'segment',
      kind: 'identify',
      properties: [prop(checkoutText, 14, 'plan', null)],
    }),
    call({
      file: LANDING,
      range: at(landingText, 2, "gtag('event', 'Café ✓ Visité — 日本', { référent: document.referrer })"),
      sdk: 'google-analytics',
      kind: 'track',
      event: 'Café ✓ Visité — 日本',
      properties: [prop(landingText, 2, 'référent', 'user.behavior.browsing_history', 'none')],
      destinations: ['google-analytics'],
    }),
    call({
      file: REPLAY,
      range: { start: { line: 2, character: 0 }, end: { line: 4, character: 2 } },
      sdk: 'posthog',
      kind: 'other',
      technique: 'session-replay',
      masking: 'none',
      destinations: ['posthog'],
    }),
  ];
  return { manifests: [MANIFEST], findings, calls, files: 42, ms: 137.4 };
}

const getText = (file: string) => texts[file];

function shiftedGetText(shift: number, file: string): string | undefined {
  const t = texts[file];
  if (t === undefined || file !== CHECKOUT) return t;
  return '// a\n// b\n// c\n'.slice(0, shift * 5) + t;
}

const RULES: SarifRuleInfo[] = [
  { id: 'undeclared-event', defaultSeverity: 'error', description: 'The event name is not declared in the manifest.' },
  { id: 'undeclared-property', defaultSeverity: 'error', description: 'A property key is not declared for its event.' },
  { id: 'unknown-destination', defaultSeverity: 'error', description: "The call's SDK or tracker maps to no destination." },
  { id: 'destination-not-allowed', defaultSeverity: 'error', description: "The event is sent to a destination not in its destinations." },
  { id: 'forbidden-category', defaultSeverity: 'error', description: "A property's category is forbidden by the destination." },
  { id: 'category-mismatch', defaultSeverity: 'warning', description: 'The inferred category of a property disagrees with its declaration.' },
  { id: 'dynamic-event-name', defaultSeverity: 'warning', description: 'The event name cannot be resolved statically.' },
  { id: 'missing-consent-guard', defaultSeverity: 'warning', description: 'The call is not guarded by the consent its purpose requires.' },
  { id: 'undeclared-technique', defaultSeverity: 'error', description: 'The call uses a technique the manifest does not declare.' },
  { id: 'replay-unmasked', defaultSeverity: 'warning', description: 'Session replay masks less than the technique declares.' },
  { id: 'manifest-missing', defaultSeverity: 'info', description: 'No manifest governs the file.' },
  { id: 'manifest-schema', defaultSeverity: 'error', description: 'The manifest does not match its schema.' },
  { id: 'unused-event', defaultSeverity: 'warning', description: 'A declared event is sent by no call.' },
  { id: 'unused-declaration', defaultSeverity: 'info', description: 'A declaration nothing uses.' },
];

const stripAnsi = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, '');

const REPO = path.resolve(__dirname, '../../../..');

// ---------------------------------------------------------------------------------------------
// Goldens

const expectedJson = {
  version: 1,
  tool: { name: 'privet', version: '0.1.0' },
  manifests: ['privacy.yaml'],
  diagnostics: [
    {
      rule: 'manifest-schema',
      severity: 'error',
      message: "Unknown key 'retension' in destinations.segment\nDid you mean 'retention'?",
      file: 'privacy.yaml',
      line: 4, column: 5, endLine: 4, endColumn: 14,
      event: null,
      property: null,
      suppressed: false,
    },
    {
      rule: 'unused-event',
      severity: 'warning',
      message: "Event 'Signup Started' is declared but sent by no call",
      file: 'privacy.yaml',
      line: 6, column: 3, endLine: 6, endColumn: 17,
      event: 'Signup Started',
      property: null,
      suppressed: false,
    },
    {
      rule: 'unused-declaration',
      severity: 'info',
      message: "Purpose 'marketing' is not used",
      file: 'privacy.yaml',
      line: 9, column: 3, endLine: 9, endColumn: 12,
      event: null,
      property: null,
      suppressed: false,
    },
    {
      rule: 'undeclared-event',
      severity: 'error',
      message: "Event 'Café ✓ Visité — 日本' is not declared in privacy.yaml",
      file: 'src/My Pages/landing page.tsx',
      line: 3, column: 19, endLine: 3, endColumn: 39,
      event: 'Café ✓ Visité — 日本',
      property: null,
      suppressed: false,
    },
    {
      rule: 'category-mismatch',
      severity: 'warning',
      message: "Property 'référent' is declared 'none', but 100% of its values look like user.behavior.browsing_history",
      file: 'src/My Pages/landing page.tsx',
      line: 3, column: 43, endLine: 3, endColumn: 51,
      event: 'Café ✓ Visité — 日本',
      property: 'référent',
      suppressed: false,
    },
    {
      rule: 'forbidden-category',
      severity: 'error',
      message: "Property 'email' (user.contact.email) is forbidden for destination 'segment'",
      file: 'src/checkout.ts',
      line: 5, column: 60, endLine: 5, endColumn: 77,
      event: 'Order Completed',
      property: 'email',
      suppressed: false,
    },
    {
      rule: 'undeclared-property',
      severity: 'error',
      message: "Property 'email' is not declared for event 'Order Completed'",
      file: 'src/checkout.ts',
      line: 5, column: 60, endLine: 5, endColumn: 77,
      event: 'Order Completed',
      property: 'email',
      suppressed: false,
    },
    {
      rule: 'destination-not-allowed',
      severity: 'error',
      message: "Event 'Checkout Step' is sent to 'mixpanel', which is not in its destinations",
      file: 'src/checkout.ts',
      line: 6, column: 3, endLine: 6, endColumn: 43,
      event: 'Checkout Step',
      property: null,
      suppressed: false,
    },
    {
      rule: 'dynamic-event-name',
      severity: 'warning',
      message: 'The event name of analytics.track() cannot be resolved statically',
      file: 'src/checkout.ts',
      line: 10, column: 19, endLine: 10, endColumn: 23,
      event: null,
      property: null,
      suppressed: false,
    },
    {
      rule: 'missing-consent-guard',
      severity: 'warning',
      message: "The call to analytics.identify() is not guarded by consent for 'marketing'",
      file: 'src/checkout.ts',
      line: 15, column: 3, endLine: 15, endColumn: 51,
      event: null,
      property: null,
      suppressed: true,
    },
    {
      rule: 'undeclared-technique',
      severity: 'error',
      message: "Technique 'session-replay' is not declared for destination 'posthog'",
      file: 'src/replay.ts',
      line: 3, column: 1, endLine: 3, endColumn: 13,
      event: null,
      property: null,
      suppressed: true,
    },
    {
      rule: 'replay-unmasked',
      severity: 'warning',
      message: "Session replay masks less than declared: maskAllInputs: false, technique 'session-replay' declares masking: all",
      file: 'src/replay.ts',
      line: 4, column: 23, endLine: 4, endColumn: 43,
      event: null,
      property: null,
      suppressed: false,
    },
  ],
  calls: [
    {
      file: 'src/My Pages/landing page.tsx',
      line: 3, column: 5,
      sdk: 'google-analytics',
      via: null,
      destinations: ['google-analytics'],
      kind: 'track',
      event: 'Café ✓ Visité — 日本',
      properties: [{ key: 'référent', category: 'none', inferred: 'user.behavior.browsing_history' }],
      guarded: [],
      technique: null,
    },
    {
      file: 'src/checkout.ts',
      line: 5, column: 3,
      sdk: 'segment',
      via: null,
      destinations: ['segment'],
      kind: 'track',
      event: 'Order Completed',
      properties: [
        { key: 'order_id', category: 'none', inferred: 'none' },
        { key: 'email', category: null, inferred: 'user.contact.email' },
        { key: 'total', category: 'none', inferred: null },
      ],
      guarded: ['analytics'],
      technique: null,
    },
    {
      file: 'src/checkout.ts',
      line: 6, column: 3,
      sdk: 'segment',
      via: 'trackEvent',
      destinations: ['segment', 'mixpanel'],
      kind: 'track',
      event: 'Checkout Step',
      properties: [{ key: 'step', category: 'none', inferred: null }],
      guarded: [],
      technique: null,
    },
    {
      file: 'src/checkout.ts',
      line: 10, column: 3,
      sdk: 'segment',
      via: null,
      destinations: ['segment'],
      kind: 'track',
      event: null,
      properties: [],
      guarded: [],
      technique: null,
    },
    {
      file: 'src/checkout.ts',
      line: 15, column: 3,
      sdk: 'segment',
      via: null,
      destinations: [],
      kind: 'identify',
      event: null,
      properties: [{ key: 'plan', category: null, inferred: null }],
      guarded: [],
      technique: null,
    },
    {
      file: 'src/replay.ts',
      line: 3, column: 1,
      sdk: 'posthog',
      via: null,
      destinations: ['posthog'],
      kind: 'other',
      event: null,
      properties: [],
      guarded: [],
      technique: 'session-replay',
    },
    {
      file: 'src/tracking.ts',
      line: 5, column: 3,
      sdk: 'segment',
      via: null,
      destinations: ['segment'],
      kind: 'track',
      event: null,
      properties: [],
      guarded: [],
      technique: null,
    },
  ],
  summary: { files: 42, calls: 7, errors: 5, warnings: 4, ms: 137 },
};

const expectedStylish = [
  '',
  'privacy.yaml',
  "  4:5  error    Unknown key 'retension' in destinations.segment Did you mean 'retention'?  manifest-schema",
  "  6:3  warning  Event 'Signup Started' is declared but sent by no call                     unused-event",
  "  9:3  info     Purpose 'marketing' is not used                                            unused-declaration",
  '',
  '    4 |     retension: 30d',
  '      |     ^^^^^^^^^ manifest-schema',
  '    6 |   Signup Started:',
  '      |   ^^^^^^^^^^^^^^ unused-event',
  '    9 |   marketing:',
  '      |   ^^^^^^^^^ unused-declaration',
  '',
  'src/My Pages/landing page.tsx',
  "  3:19  error    Event 'Café ✓ Visité — 日本' is not declared in privacy.yaml                                             undeclared-event",
  "  3:43  warning  Property 'référent' is declared 'none', but 100% of its values look like user.behavior.browsing_history  category-mismatch",
  '',
  "    3 |     gtag('event', 'Café ✓ Visité — 日本', { référent: document.referrer });",
  '      |                   ^^^^^^^^^^^^^^^^^^^^^^ undeclared-event',
  '      |                                             ^^^^^^^^ category-mismatch',
  '',
  'src/checkout.ts',
  "   5:60  error    Property 'email' (user.contact.email) is forbidden for destination 'segment'   forbidden-category",
  "   5:60  error    Property 'email' is not declared for event 'Order Completed'                   undeclared-property",
  "   6:3   error    Event 'Checkout Step' is sent to 'mixpanel', which is not in its destinations  destination-not-allowed",
  '  10:19  warning  The event name of analytics.track() cannot be resolved statically              dynamic-event-name',
  '',
  "     5 |   analytics.track('Order Completed', { order_id: order.id, email: user.email, total: order.total });",
  '       |                                                            ^^^^^^^^^^^^^^^^^ forbidden-category',
  '       |                                                            ^^^^^^^^^^^^^^^^^ undeclared-property',
  "     6 |   trackEvent('Checkout Step', { step: 3 });",
  '       |   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ destination-not-allowed',
  '    10 |   analytics.track(name, {});',
  '       |                   ^^^^ dynamic-event-name',
  '',
  'src/replay.ts',
  "  4:23  warning  Session replay masks less than declared: maskAllInputs: false, technique 'session-replay' declares masking: all  replay-unmasked",
  '',
  '    4 | \tsession_recording: { maskAllInputs: false },',
  '      | \t                     ^^^^^^^^^^^^^^^^^^^^ replay-unmasked',
  '',
  '✖ 10 problems (5 errors, 4 warnings, 1 info)',
  '  1 error and 1 warning potentially fixable with the `--fix` option.',
  '',
].join('\n');

const expectedGithub = [
  "::error file=privacy.yaml,line=4,col=5,endLine=4,endColumn=14,title=manifest-schema::Unknown key 'retension' in destinations.segment%0ADid you mean 'retention'?",
  "::warning file=privacy.yaml,line=6,col=3,endLine=6,endColumn=17,title=unused-event::Event 'Signup Started' is declared but sent by no call",
  "::notice file=privacy.yaml,line=9,col=3,endLine=9,endColumn=12,title=unused-declaration::Purpose 'marketing' is not used",
  "::error file=src/My Pages/landing page.tsx,line=3,col=19,endLine=3,endColumn=39,title=undeclared-event::Event 'Café ✓ Visité — 日本' is not declared in privacy.yaml",
  "::warning file=src/My Pages/landing page.tsx,line=3,col=43,endLine=3,endColumn=51,title=category-mismatch::Property 'référent' is declared 'none', but 100%25 of its values look like user.behavior.browsing_history",
  "::error file=src/checkout.ts,line=5,col=60,endLine=5,endColumn=77,title=forbidden-category::Property 'email' (user.contact.email) is forbidden for destination 'segment'",
  "::error file=src/checkout.ts,line=5,col=60,endLine=5,endColumn=77,title=undeclared-property::Property 'email' is not declared for event 'Order Completed'",
  "::error file=src/checkout.ts,line=6,col=3,endLine=6,endColumn=43,title=destination-not-allowed::Event 'Checkout Step' is sent to 'mixpanel', which is not in its destinations",
  '::warning file=src/checkout.ts,line=10,col=19,endLine=10,endColumn=23,title=dynamic-event-name::The event name of analytics.track() cannot be resolved statically',
  "::warning file=src/replay.ts,line=4,col=23,endLine=4,endColumn=43,title=replay-unmasked::Session replay masks less than declared: maskAllInputs: false, technique 'session-replay' declares masking: all",
  '',
].join('\n');

// ---------------------------------------------------------------------------------------------
// A problem-matcher engine with VS Code's semantics (problemCollectors.ts / problemMatcher.ts):
// lines are buffered until the patterns match consecutive lines; a `loop` last pattern then
// matches following lines one by one, and the first line it does not match ends the loop.

interface MatcherPattern {
  regexp: string;
  file?: number;
  line?: number;
  column?: number;
  severity?: number;
  message?: number;
  code?: number;
  loop?: boolean;
}

interface Matched {
  file: string;
  line: number;
  column: number;
  severity: string;
  message: string;
  code: string;
}

function runProblemMatcher(patterns: MatcherPattern[], output: string): Matched[] {
  const res = patterns.map((p) => new RegExp(p.regexp));
  const fill = (data: Partial<Matched>, p: MatcherPattern, m: RegExpExecArray) => {
    const get = (k?: number) => (k !== undefined && m[k] !== undefined ? m[k].trim() : undefined);
    if (get(p.file) !== undefined) data.file = get(p.file);
    if (get(p.line) !== undefined) data.line = Number(get(p.line));
    if (get(p.column) !== undefined) data.column = Number(get(p.column));
    if (get(p.severity) !== undefined) data.severity = get(p.severity);
    if (get(p.message) !== undefined) data.message = get(p.message);
    if (get(p.code) !== undefined) data.code = get(p.code);
  };
  const complete = (d: Partial<Matched>): d is Matched => !!d.file && d.line !== undefined && !!d.message;
  const out: Matched[] = [];
  let buffer: string[] = [];
  let active: Partial<Matched> | null = null;
  const last = patterns[patterns.length - 1];
  for (const line of output.split('\n')) {
    if (active) {
      const m = res[res.length - 1].exec(line);
      const d = { ...active };
      if (m) fill(d, last, m);
      if (m && complete(d)) {
        out.push(d);
        continue;
      }
      active = null;
      buffer = [];
    }
    buffer.push(line);
    if (buffer.length > patterns.length) buffer.shift();
    if (buffer.length < patterns.length) continue;
    const data: Partial<Matched> = {};
    let base: Partial<Matched> = {};
    let ok = true;
    for (let i = 0; i < patterns.length && ok; i++) {
      const m = res[i].exec(buffer[i]);
      if (!m) ok = false;
      else {
        if (i === patterns.length - 1) base = { ...data };
        fill(data, patterns[i], m);
      }
    }
    if (ok && complete(data)) {
      out.push(data);
      buffer = [];
      if (last.loop) active = base;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// SARIF validators

function multitoolPath(): string {
  // The package's main resolves `@microsoft/sarif-multitool-<platform>`'s native binary.
  const bin: string = require('@microsoft/sarif-multitool');
  assert.ok(fs.existsSync(bin), `SARIF multitool binary missing: ${bin}`);
  return bin;
}

function sarifSchema(): Record<string, unknown> {
  // The SARIF 2.1.0 schema as shipped by Microsoft with the multitool (the same file its `validate` uses).
  const file = path.join(path.dirname(multitoolPath()), 'sarif-2.1.0.json');
  return JSON.parse(fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
}

type Validator = ((data: unknown) => boolean) & { errors?: { instancePath: string; message?: string; params: unknown }[] | null };
let validators: [string, Validator][] | undefined;

/** Validates with ajv under the schema's declared dialect (2020-12) and under draft-07. */
function ajvErrors(log: unknown): string[] {
  if (!validators) {
    const schema = sarifSchema();
    // strictRequired is off: the schema's `anyOf: [{ required: [...] }]` lists properties defined
    // one level up, which is valid JSON Schema that ajv's strict mode merely warns about.
    const opts = { allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true };
    const a2020 = new Ajv2020(opts);
    const a07 = new Ajv(opts);
    addFormats(a2020);
    addFormats(a07);
    validators = [
      ['2020-12', a2020.compile(schema)],
      ['draft-07', a07.compile({ ...schema, $schema: 'http://json-schema.org/draft-07/schema#' })],
    ];
  }
  const errors: string[] = [];
  for (const [name, validate] of validators) {
    if (!validate(log)) {
      for (const e of validate.errors ?? []) errors.push(`[${name}] ${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`);
    }
  }
  return errors;
}

interface MultitoolReport {
  errors: string[];
  warnings: string[];
  notes: string[];
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'privet-formatters-'));

/**
 * Runs `sarif-multitool validate` on a log and reads its findings from the SARIF it writes (its
 * exit code is 0 whatever it finds). SARIF2006 (URIs reachable over HTTP) is switched off: it
 * would make network requests, and this machine has no network.
 */
function multitool(log: unknown, name: string): MultitoolReport {
  const dir = fs.mkdtempSync(path.join(tmp, 'mt '));
  const input = path.join(dir, `${name}.sarif`);
  const output = path.join(dir, `${name}.validation.sarif`);
  const config = path.join(dir, 'no-network.xml');
  fs.writeFileSync(input, JSON.stringify(log, null, 2));
  fs.writeFileSync(
    config,
    '<?xml version="1.0" encoding="utf-8"?>\n<Properties>\n' +
      '  <Properties Key="SARIF2006.UrisShouldBeReachable.Options">\n' +
      '    <Property Key="RuleEnabled" Value="Disabled" Type="Driver.RuleEnabledState" />\n' +
      '  </Properties>\n</Properties>\n',
  );
  const run = spawnSync(
    multitoolPath(),
    ['validate', input, '--output', output, '--log', 'ForceOverwrite', '--level', 'Error;Warning;Note', '--config', config, '--quiet'],
    { encoding: 'utf8', timeout: 60_000 },
  );
  assert.equal(run.error, undefined, `multitool did not start: ${run.error}`);
  assert.equal(run.status, 0, `multitool failed (${run.status}): ${run.stdout}\n${run.stderr}`);
  const report = JSON.parse(fs.readFileSync(output, 'utf8').replace(/^\uFEFF/, ''));
  const out: MultitoolReport = { errors: [], warnings: [], notes: [] };
  for (const r of report.runs) {
    const rules: any[] = r.tool?.driver?.rules ?? [];
    for (const inv of r.invocations ?? []) {
      assert.equal(inv.executionSuccessful, true, 'multitool run not successful');
      for (const n of [...(inv.toolExecutionNotifications ?? []), ...(inv.toolConfigurationNotifications ?? [])]) {
        const id = n.descriptor?.id ?? n.associatedRule?.id ?? '?';
        const text = `${id}: ${n.message?.text ?? ''}`;
        // Disabling SARIF2006 is reported as a configuration warning; that one is expected.
        if (id === 'WRN999.RuleExplicitlyDisabled' && /SARIF2006/.test(text)) continue;
        (n.level === 'error' ? out.errors : n.level === 'note' ? out.notes : out.warnings).push(text);
      }
    }
    for (const res of r.results ?? []) {
      const rule = rules[res.ruleIndex] ?? rules.find((x) => x.id === res.ruleId);
      const level = res.level ?? rule?.defaultConfiguration?.level ?? 'warning';
      let text: string = res.message?.text ?? rule?.messageStrings?.[res.message?.id]?.text ?? '';
      (res.message?.arguments ?? []).forEach((a: string, i: number) => (text = text.split(`{${i}}`).join(a)));
      const line = `${res.ruleId}: ${text}`;
      (level === 'error' ? out.errors : level === 'note' ? out.notes : out.warnings).push(line);
    }
  }
  return out;
}

function sarifOf(result: CheckResult, get: (f: string) => string | undefined = getText): any {
  return JSON.parse(formatSarif(result, { cwd: CWD, toolVersion: '0.1.0', rules: RULES, getText: get }));
}

function fingerprints(log: any): Map<string, string> {
  const m = new Map<string, string>();
  for (const r of log.runs[0].results) m.set(`${r.ruleId}|${r.message.text}`, r.partialFingerprints['privet/v1']);
  return m;
}

// ---------------------------------------------------------------------------------------------

suite('cli formatters', () => {
  suiteTeardown(() => fs.rmSync(tmp, { recursive: true, force: true }));

  suite('json', () => {
    test('golden: exactly the cli.md contract (field order, relative paths, 1-based positions)', () => {
      const text = formatJson(makeResult(), { cwd: CWD, toolVersion: '0.1.0' });
      assert.deepEqual(JSON.parse(text), expectedJson);
      // Same text as the golden, so the field order is the contract's too.
      assert.equal(text, JSON.stringify(expectedJson, null, 2) + '\n');
    });

    test('summary counts only findings that are not suppressed', () => {
      const r = makeResult();
      r.findings = r.findings.map((f) => ({ ...f, suppressed: true }));
      const j = JSON.parse(formatJson(r, { cwd: CWD, toolVersion: '0.1.0' }));
      assert.deepEqual(j.summary, { files: 42, calls: 7, errors: 0, warnings: 0, ms: 137 });
      assert.equal(j.diagnostics.length, 12);
    });

    test('calls are listed without any manifest or finding', () => {
      const r: CheckResult = { ...makeResult(), manifests: [], findings: [] };
      const j = JSON.parse(formatJson(r, { cwd: CWD, toolVersion: '9.9.9' }));
      assert.deepEqual(j.manifests, []);
      assert.deepEqual(j.diagnostics, []);
      assert.deepEqual(j.calls, expectedJson.calls);
      assert.deepEqual(j.tool, { name: 'privet', version: '9.9.9' });
    });
  });

  suite('stylish', () => {
    test('golden without colour: grouped by file, aligned, code frames, summary and fix hint', () => {
      const out = formatStylish(makeResult(), { cwd: CWD, color: false, getText });
      assert.equal(out, expectedStylish);
      assert.ok(!out.includes('\x1b['));
    });

    test('with colour: the same text plus ANSI codes', () => {
      const out = formatStylish(makeResult(), { cwd: CWD, color: true, getText });
      assert.equal(stripAnsi(out), expectedStylish);
      assert.ok(out.includes('\x1b[4mprivacy.yaml\x1b[24m'), 'file header underlined');
      assert.ok(out.includes('\x1b[31merror\x1b[39m'), 'error in red');
      assert.ok(out.includes('\x1b[33mwarning\x1b[39m'), 'warning in yellow');
      assert.ok(out.includes('\x1b[36minfo\x1b[39m'), 'info in cyan');
      assert.ok(out.includes('\x1b[2mundeclared-property\x1b[22m'), 'rule id dimmed');
      assert.ok(out.includes('\x1b[31m\x1b[1m✖ 10 problems (5 errors, 4 warnings, 1 info)\x1b[22m\x1b[39m'));
    });

    test('quiet: errors only; no text: no code frames; nothing to report: empty output', () => {
      const quiet = formatStylish(makeResult(), { cwd: CWD, color: false, quiet: true });
      assert.equal(
        quiet,
        [
          '',
          'privacy.yaml',
          "  4:5  error  Unknown key 'retension' in destinations.segment Did you mean 'retention'?  manifest-schema",
          '',
          'src/My Pages/landing page.tsx',
          "  3:19  error  Event 'Café ✓ Visité — 日本' is not declared in privacy.yaml  undeclared-event",
          '',
          'src/checkout.ts',
          "  5:60  error  Property 'email' (user.contact.email) is forbidden for destination 'segment'   forbidden-category",
          "  5:60  error  Property 'email' is not declared for event 'Order Completed'                   undeclared-property",
          "  6:3   error  Event 'Checkout Step' is sent to 'mixpanel', which is not in its destinations  destination-not-allowed",
          '',
          '✖ 5 problems (5 errors, 0 warnings)',
          '  1 error and 0 warnings potentially fixable with the `--fix` option.',
          '',
        ].join('\n'),
      );
      const empty: CheckResult = { ...makeResult(), findings: makeResult().findings.filter((f) => f.suppressed) };
      assert.equal(formatStylish(empty, { cwd: CWD, color: true, getText }), '');
    });

    test('problemMatcher.json (privet-stylish) finds every problem, with code frames and colour', () => {
      const matcher = JSON.parse(fs.readFileSync(path.join(REPO, 'server/src/cli/formatters/problemMatcher.json'), 'utf8'));
      assert.equal(matcher.name, 'privet-stylish');
      assert.equal(matcher.pattern[0].regexp, STYLISH_FILE_PATTERN.source);
      assert.equal(matcher.pattern[1].regexp, STYLISH_PROBLEM_PATTERN.source);
      const expected = JSON.parse(formatJson(makeResult(), { cwd: CWD, toolVersion: '0' }))
        .diagnostics.filter((d: any) => !d.suppressed)
        .map((d: any) => ({
          file: d.file,
          line: d.line,
          column: d.column,
          severity: d.severity,
          message: d.message.replace(/\n/g, ' '),
          code: d.rule,
        }));
      for (const color of [false, true]) {
        for (const get of [getText, undefined]) {
          // Terminals hand VS Code the text with ANSI codes removed.
          const out = stripAnsi(formatStylish(makeResult(), { cwd: CWD, color, getText: get }));
          assert.deepEqual(runProblemMatcher(matcher.pattern, out), expected);
        }
      }
    });
  });

  suite('github', () => {
    test('golden: ::error / ::warning / ::notice, suppressed findings left out, message escaped', () => {
      assert.equal(formatGithub(makeResult(), { cwd: CWD }), expectedGithub);
      assert.equal(
        formatGithub(makeResult(), { cwd: CWD, quiet: true }).split('\n').filter(Boolean).length,
        5,
      );
    });

    test('escaping of data and properties', () => {
      assert.equal(escapeData('100% done\r\nnext: a, b'), '100%25 done%0D%0Anext: a, b');
      assert.equal(escapeProperty('a:b,c%d\ne'), 'a%3Ab%2Cc%25d%0Ae');
      const r: CheckResult = {
        manifests: [],
        calls: [],
        files: 1,
        ms: 1,
        findings: [
          finding({
            rule: 'undeclared-event',
            severity: 'error',
            message: "Event 'a:b, 50%' is not declared\nsecond line",
            file: `${CWD}/src/odd,name:v2 %.ts`,
            range: { start: { line: 0, character: 0 }, end: { line: 1, character: 4 } },
          }),
        ],
      };
      assert.equal(
        formatGithub(r, { cwd: CWD }),
        "::error file=src/odd%2Cname%3Av2 %25.ts,line=1,col=1,endLine=2,endColumn=5,title=undeclared-event::Event 'a:b, 50%25' is not declared%0Asecond line\n",
      );
    });
  });

  suite('sarif', () => {
    test('shape: driver rules, results, locations, suppressions, base ids, artifacts, invocations', () => {
      const log = sarifOf(makeResult());
      assert.equal(log.version, '2.1.0');
      assert.equal(log.runs.length, 1);
      const run = log.runs[0];
      const driver = run.tool.driver;
      assert.equal(driver.name, 'privet');
      assert.equal(driver.version, '0.1.0');
      assert.equal(driver.informationUri, 'https://github.com/privet-dev/privet');
      assert.deepEqual(
        driver.rules.map((r: any) => r.id),
        RULES.map((r) => r.id),
        'every rule, also those that did not fire',
      );
      assert.deepEqual(driver.rules[1], {
        id: 'undeclared-property',
        name: 'UndeclaredProperty',
        shortDescription: { text: 'A property key is not declared for its event.' },
        fullDescription: { text: 'A property key is not declared for its event.' },
        defaultConfiguration: { level: 'error' },
        helpUri: 'https://github.com/privet-dev/privet/blob/main/docs/rules/undeclared-property.md',
        help: {
          text: 'A property key is not declared for its event. See https://github.com/privet-dev/privet/blob/main/docs/rules/undeclared-property.md',
          markdown:
            'A property key is not declared for its event.\n\n[Documentation](https://github.com/privet-dev/privet/blob/main/docs/rules/undeclared-property.md)',
        },
        properties: { tags: ['privacy'], precision: 'high', 'problem.severity': 'error' },
      });
      assert.equal(driver.rules.find((r: any) => r.id === 'unused-declaration').defaultConfiguration.level, 'note');

      assert.equal(run.results.length, 12, 'suppressed findings are results too');
      for (const r of run.results) {
        assert.equal(driver.rules[r.ruleIndex].id, r.ruleId);
        assert.match(r.partialFingerprints['privet/v1'], /^[0-9a-f]{32}:\d+$/);
      }
      assert.deepEqual(
        run.results.map((r: any) => r.level),
        ['error', 'warning', 'note', 'error', 'warning', 'error', 'error', 'error', 'warning', 'warning', 'error', 'warning'],
      );
      const landing = run.results.find((r: any) => r.ruleId === 'undeclared-event');
      assert.deepEqual(landing.message, { text: "Event 'Café ✓ Visité — 日本' is not declared in privacy.yaml" });
      assert.deepEqual(landing.locations[0].physicalLocation, {
        artifactLocation: { uri: 'src/My%20Pages/landing%20page.tsx', uriBaseId: '%SRCROOT%', index: 1 },
        region: { startLine: 3, startColumn: 19, endLine: 3, endColumn: 39, snippet: { text: "'Café ✓ Visité — 日本'" } },
        contextRegion: {
          startLine: 3,
          endLine: 3,
          snippet: { text: "    gtag('event', 'Café ✓ Visité — 日本', { référent: document.referrer });" },
        },
      });
      assert.equal(landing.suppressions, undefined);

      const inSource = run.results.find((r: any) => r.ruleId === 'missing-consent-guard');
      assert.deepEqual(inSource.suppressions, [
        { kind: 'inSource', status: 'accepted', justification: 'consent is checked by the router (PRIV-12)' },
      ]);
      const external = run.results.find((r: any) => r.ruleId === 'undeclared-technique');
      assert.deepEqual(external.suppressions, [
        { kind: 'external', status: 'accepted', justification: 'Exception EX-7: replay approved until 2027-03-31' },
      ]);
      assert.equal(external.locations[0].physicalLocation.artifactLocation.uri, 'src/replay.ts');

      assert.deepEqual(run.originalUriBaseIds, { '%SRCROOT%': { uri: 'file:///work/acme-shop/' } });
      assert.deepEqual(
        run.artifacts.map((a: any) => [a.location.uri, a.location.uriBaseId, a.roles[0], a.sourceLanguage]),
        [
          ['privacy.yaml', '%SRCROOT%', 'userSpecifiedConfiguration', 'yaml'],
          ['src/My%20Pages/landing%20page.tsx', '%SRCROOT%', 'analysisTarget', 'typescriptreact'],
          ['src/checkout.ts', '%SRCROOT%', 'analysisTarget', 'typescript'],
          ['src/replay.ts', '%SRCROOT%', 'analysisTarget', 'typescript'],
        ],
      );
      assert.deepEqual(run.invocations, [{ executionSuccessful: true }]);
      assert.equal(run.columnKind, 'utf16CodeUnits');
    });

    test('validates against the SARIF 2.1.0 JSON schema (ajv), which does catch errors', () => {
      for (const log of [sarifOf(makeResult()), sarifOf(makeResult(), () => undefined), sarifOf({ ...makeResult(), findings: [] })]) {
        assert.deepEqual(ajvErrors(log), []);
      }
      const bad = sarifOf(makeResult());
      bad.runs[0].results[0].level = 'info';
      bad.runs[0].results[1].locations[0].physicalLocation.region.startLine = 0;
      bad.runs[0].results[2].locations[0].physicalLocation.artifactLocation.uri = 'src/My Pages/landing page.tsx';
      const errors = ajvErrors(bad);
      assert.ok(errors.some((e) => e.includes('/runs/0/results/0/level')), errors.join('\n'));
      assert.ok(errors.some((e) => e.includes('/runs/0/results/1/locations/0/physicalLocation/region/startLine')), errors.join('\n'));
      assert.ok(errors.some((e) => e.includes('/runs/0/results/2/locations/0/physicalLocation/artifactLocation/uri')), errors.join('\n'));
    });

    test("passes Microsoft's SARIF multitool validator with no error and no warning", function () {
      this.timeout(120_000);
      const report = multitool(sarifOf(makeResult()), 'privet results');
      assert.deepEqual(report.errors, []);
      assert.deepEqual(report.warnings, []);
      // What remains are notes that the contract or the data rule out (kebab-case rule ids
      // are the CLI contract; messages are per finding; no VCS data or file contents are embedded).
      const noteRules = [...new Set(report.notes.map((n) => n.split(':')[0]))].sort();
      for (const id of noteRules) assert.ok(['SARIF2002', 'SARIF2003', 'SARIF2009', 'SARIF2013'].includes(id), report.notes.join('\n'));

      // And the validator does report errors (guards against reading its output wrongly).
      const bad = sarifOf(makeResult());
      bad.runs[0].results[1].locations[0].physicalLocation.region.startLine = 0;
      bad.runs[0].results[2].locations[0].physicalLocation.artifactLocation.uri = 'src/My Pages/landing page.tsx';
      const badReport = multitool(bad, 'broken');
      assert.ok(badReport.errors.some((e) => e.startsWith('JSON1008:')), badReport.errors.join('\n'));
      assert.ok(badReport.errors.some((e) => e.startsWith('SARIF1002:')), badReport.errors.join('\n'));
    });

    test('fingerprints stay when all lines of a file move by 3, and differ for different events', () => {
      const base = fingerprints(sarifOf(makeResult()));
      const shifted = sarifOf(makeResult(3), (f) => shiftedGetText(3, f));
      const moved = shifted.runs[0].results.find((r: any) => r.ruleId === 'dynamic-event-name');
      assert.equal(moved.locations[0].physicalLocation.region.startLine, 13, 'the finding did move');
      assert.deepEqual(fingerprints(shifted), base);

      // Without source text the message stands in for the line; still no line numbers.
      const noText = fingerprints(sarifOf(makeResult(), () => undefined));
      assert.deepEqual(fingerprints(sarifOf(makeResult(3), () => undefined)), noText);

      // A different event on the same line: a different fingerprint; the others unchanged.
      const other = makeResult();
      const f = other.findings.find((x) => x.rule === 'undeclared-property')!;
      f.event = 'Order Refunded';
      const changed = fingerprints(sarifOf(other));
      for (const [k, v] of base) {
        if (k.startsWith('undeclared-property|')) assert.notEqual(changed.get(k), v);
        else assert.equal(changed.get(k), v, k);
      }
    });

    test('identical findings get distinct fingerprints through the occurrence counter', () => {
      const text = "track('A', { email })\ntrack('A', { email })\n";
      const file = `${CWD}/src/dup.ts`;
      const mk = (line: number) =>
        finding({
          rule: 'undeclared-property',
          severity: 'error',
          message: "Property 'email' is not declared for event 'A'",
          file,
          range: at(text, line, 'email'),
          event: 'A',
          property: 'email',
        });
      const r: CheckResult = { manifests: [], calls: [], files: 1, ms: 0, findings: [mk(1), mk(0)] };
      const log = JSON.parse(formatSarif(r, { cwd: CWD, toolVersion: '0.1.0', rules: [], getText: () => text }));
      const fps = log.runs[0].results.map((x: any) => x.partialFingerprints['privet/v1']);
      assert.equal(fps[0].split(':')[0], fps[1].split(':')[0]);
      assert.deepEqual(fps.map((x: string) => x.split(':')[1]), ['1', '2']);
      // A rule that fired without being listed still gets a descriptor, so ruleIndex is valid.
      assert.equal(log.runs[0].tool.driver.rules[log.runs[0].results[0].ruleIndex].id, 'undeclared-property');
      assert.deepEqual(ajvErrors(log), []);
    });
  });

  test('format() dispatches to each formatter', () => {
    const r = makeResult();
    const opts = { cwd: CWD, toolVersion: '0.1.0', color: false, getText, rules: RULES };
    assert.equal(format('json', r, opts), formatJson(r, opts));
    assert.equal(format('stylish', r, opts), formatStylish(r, opts));
    assert.equal(format('github', r, opts), formatGithub(r, opts));
    assert.equal(format('sarif', r, opts), formatSarif(r, opts));
  });
});
