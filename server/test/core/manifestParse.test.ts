/**
 * parseManifest: the documented example parses clean; every kind of problem lands on the right
 * line with a message that names the thing; hostile input never throws. Also findManifestPath.
 */
import * as assert from 'node:assert/strict';
import { parseManifest, type ParseManifestOptions } from '../../src/core/manifest/parseManifest';
import { findManifestPath, findManifestPathForDirectory } from '../../src/core/manifest/findManifest';
import { didYouMean, didYouMeanKey } from '../../src/core/manifest/validateManifest';
import type { ParsedManifest } from '../../src/core/manifest/types';

/** The full example of shared/spec/manifest.md, verbatim. */
export const example = `version: 1

taxonomy:                      # optional custom categories, each under a fideslang parent
  user.behavior.feature_usage: { parent: user.behavior, description: Which features a user opens }

consent:
  categories:                  # the consent choices the app's banner offers
    analytics: { consent_mode: [analytics_storage], tcf: [7, 8, 9, 10], cmp: { onetrust: C0002, cookiebot: statistics } }
    marketing: { consent_mode: [ad_storage, ad_user_data, ad_personalization], tcf: [1, 3, 4, 7], cmp: { onetrust: C0004, cookiebot: marketing } }
    cross-app-tracking: { att: true }   # iOS App Tracking Transparency (and the Android advertising ID) permission
  guards:                      # how the code proves consent before it tracks
    - function: hasConsent     # hasConsent('analytics') is true only with consent
      module: src/lib/consent.ts   # optional: only this import (path or package)
      category_arg: 0          # the argument that names the category
    - expression: consent.marketing   # this member path being truthy proves one category
      category: marketing
    - function: whenConsented  # whenConsented('analytics', () => track(...)) runs the callback only with consent
      category_arg: 0
      callback_arg: 1

purposes:
  product-analytics:
    description: Understand which features are used, to improve them
    use: analytics.reporting
    legal_basis: consent       # consent | contract | legal_obligation | vital_interests | public_interest | legitimate_interests
    consent: analytics         # a consent category; required when legal_basis is consent
    data: [user.behavior, user.device, user.unique_id.pseudonymous, none]   # categories this purpose needs (minimisation)
  identity-resolution:         # linking an anonymous visitor to a known customer
    use: marketing.advertising.first_party.targeted
    legal_basis: consent
    consent: marketing
    data: [user.unique_id, user.contact.email]
  health-reminders:
    use: essential.service.notifications
    legal_basis: consent
    consent: analytics
    special_category_basis: explicit_consent   # required to send GDPR Art. 9 / Art. 10 data or children's data
    data: [user.health_and_medical]

destinations:                  # who receives the data
  segment:
    sdk: segment               # an SDK id from \`privet sdks\`, or a tracker below
    vendor: Twilio Segment
    purposes: [product-analytics, identity-resolution]
    forbid: [user.financial, user.health_and_medical]   # categories (and their children) never sent here
    region: US
    retention: P2Y             # ISO 8601 duration
    transfer: SCCs             # legal basis for a transfer outside the EEA, for the RoPA
  google-analytics:
    sdk: ga4
    purposes: [product-analytics]
    forbid: [user.contact, user.name, user.government_id]   # GA's terms forbid PII

trackers:                      # the app's own tracking helpers, where inference is not enough
  - function: trackEvent
    module: src/lib/analytics.ts
    destinations: [segment]
    kind: track                # track | page | identify | group | alias
    event_arg: 0
    properties_arg: 1

identities:                    # identify / alias / setUserId / group / advanced matching
  segment:                     # per destination
    purpose: identity-resolution
    traits:
      userId: user.unique_id
      email: { category: user.contact.email, transform: sha256 }

techniques:                    # privacy-invasive techniques the code may use, each reviewed (see below)
  session-replay:
    purpose: product-analytics # legal basis and consent come from the purpose
    destinations: [fullstory]  # optional: only through these
    masking: inputs            # session-replay only: none | inputs | all; the least the SDK must mask (default inputs)
  identity-matching:
    purpose: identity-resolution
  email-tracking:
    purpose: product-analytics

events:
  Order Completed:             # the event name exactly as sent
    description: A customer finished checkout
    purpose: product-analytics # one purpose or a list
    destinations: [segment, google-analytics]
    owner: growth@example.com
    expires: 2027-06-30        # after this date the event must be re-reviewed
    properties:
      order_id: none           # shorthand: the category alone
      plan: { category: user.behavior.purchase_history }
      email: { category: user.contact.email, purpose: identity-resolution, transform: sha256 }
  Page Viewed:
    kind: page                 # page / screen calls; the default kind is track
    purpose: product-analytics
    destinations: [segment]

exceptions:                    # reviewed, expiring exceptions instead of scattered suppressions
  - rule: forbidden-category
    event: Order Completed
    file: src/checkout/legacy.ts   # optional glob
    reason: value is hashed upstream; reviewed in DPIA-14
    approved_by: dpo@example.com
    expires: 2027-01-31
`;

const sdks = new Set(['segment', 'ga4', 'fullstory', 'mixpanel']);

/** `line: message` for each problem (1-based lines, as an editor shows them). */
function problems(text: string, opts: ParseManifestOptions = {}): string[] {
  return parseManifest(text, 'privacy.yaml', opts).problems.map((p) => `${p.range.start.line + 1}: ${p.message}`);
}

function parseOk(text: string): ParsedManifest {
  const pm = parseManifest(text, 'privacy.yaml');
  assert.deepEqual(pm.problems, [], 'unexpected problems: ' + JSON.stringify(pm.problems, null, 1));
  assert.ok(pm.manifest);
  return pm;
}

suite('parseManifest: the documented example', () => {
  test('parses with zero problems, with and without SDK ids', () => {
    assert.deepEqual(problems(example), []);
    assert.deepEqual(problems(example, { knownSdkIds: sdks }), []);
  });

  test('builds the model', () => {
    const m = parseManifest(example, 'privacy.yaml').manifest!;
    assert.equal(m.path, 'privacy.yaml');
    assert.equal(m.version, 1);
    assert.deepEqual(Object.keys(m.taxonomy), ['user.behavior.feature_usage']);
    assert.equal(m.taxonomy['user.behavior.feature_usage'].parent, 'user.behavior');
    assert.deepEqual(Object.keys(m.consent.categories), ['analytics', 'marketing', 'cross-app-tracking']);
    assert.deepEqual(m.consent.categories.marketing.consentMode, ['ad_storage', 'ad_user_data', 'ad_personalization']);
    assert.deepEqual(m.consent.categories.analytics.tcf, [7, 8, 9, 10]);
    assert.equal(m.consent.categories.analytics.cmp.onetrust, 'C0002');
    assert.equal(m.consent.categories['cross-app-tracking'].att, true);
    assert.equal(m.consent.categories.analytics.att, false);
    assert.equal(m.consent.guards.length, 3);
    assert.equal(m.consent.guards[0].function, 'hasConsent');
    assert.equal(m.consent.guards[0].module, 'src/lib/consent.ts');
    assert.equal(m.consent.guards[0].category_arg, 0);
    assert.equal(m.consent.guards[1].expression, 'consent.marketing');
    assert.equal(m.consent.guards[1].category, 'marketing');
    assert.equal(m.consent.guards[2].callback_arg, 1);
    assert.equal(m.purposes['product-analytics'].legal_basis, 'consent');
    assert.equal(m.purposes['product-analytics'].consent, 'analytics');
    assert.deepEqual(m.purposes['product-analytics'].data, ['user.behavior', 'user.device', 'user.unique_id.pseudonymous', 'none']);
    assert.equal(m.purposes['health-reminders'].special_category_basis, 'explicit_consent');
    assert.equal(m.destinations.segment.retention, 'P2Y');
    assert.deepEqual(m.destinations['google-analytics'].forbid, ['user.contact', 'user.name', 'user.government_id']);
    assert.equal(m.trackers[0].function, 'trackEvent');
    assert.equal(m.trackers[0].kind, 'track');
    assert.equal(m.trackers[0].properties_arg, 1);
    assert.equal(m.identities.segment.purpose, 'identity-resolution');
    assert.equal(m.identities.segment.traits.userId.category, 'user.unique_id');
    assert.equal(m.identities.segment.traits.userId.shorthand, true);
    assert.equal(m.identities.segment.traits.email.transform, 'sha256');
    assert.equal(m.techniques['session-replay']?.masking, 'inputs');
    assert.deepEqual(m.techniques['session-replay']?.destinations, ['fullstory']);
    assert.equal(m.techniques['email-tracking']?.destinations, undefined);
    const oc = m.events['Order Completed'];
    assert.deepEqual(oc.purposes, ['product-analytics']);
    assert.deepEqual(oc.destinations, ['segment', 'google-analytics']);
    assert.equal(oc.expires, '2027-06-30');
    assert.equal(oc.kind, 'track');
    assert.deepEqual(
      Object.values(oc.properties).map((p) => [p.key, p.category, p.purpose, p.transform, p.shorthand]),
      [
        ['order_id', 'none', undefined, undefined, true],
        ['plan', 'user.behavior.purchase_history', undefined, undefined, false],
        ['email', 'user.contact.email', 'identity-resolution', 'sha256', false],
      ],
    );
    assert.equal(m.events['Page Viewed'].kind, 'page');
    assert.equal(m.events['Page Viewed'].description, undefined);
    assert.equal(m.exceptions[0].rule, 'forbidden-category');
    assert.equal(m.exceptions[0].expires, '2027-01-31');
  });

  test('keeps key and node ranges (0-based)', () => {
    const m = parseManifest(example, 'privacy.yaml').manifest!;
    const lines = example.split('\n');
    const text = (r: { start: { line: number; character: number }; end: { line: number; character: number } }) =>
      lines[r.start.line].slice(r.start.character, r.end.character);
    const oc = m.events['Order Completed'];
    assert.equal(text(oc.keyRange), 'Order Completed');
    assert.match(lines[oc.range.end.line], /email: \{ category: user\.contact\.email/);
    const email = oc.properties.email;
    assert.equal(text(email.keyRange), 'email');
    assert.equal(text(email.range), 'email: { category: user.contact.email, purpose: identity-resolution, transform: sha256 }');
    assert.equal(text(oc.properties.order_id.range), 'order_id: none');
    assert.equal(text(m.destinations.segment.keyRange), 'segment');
    assert.match(lines[m.destinations.segment.range.end.line], /transfer: SCCs/);
    // Sequence items: the item itself.
    assert.match(lines[m.trackers[0].keyRange.start.line], /- function: trackEvent/);
    assert.match(lines[m.exceptions[0].range.end.line], /expires: 2027-01-31/);
  });

  test('accepts empty sections and entries; records have no prototype', () => {
    const pm = parseOk('version: 1\nevents:\npurposes:\n  p:\ndestinations:\n  d:\nconsent:\n  categories:\n    a:\n');
    const m = pm.manifest!;
    assert.deepEqual(Object.keys(m.purposes), ['p']);
    assert.deepEqual(m.purposes.p.data, []);
    assert.equal(m.consent.categories.a.att, false);
    assert.equal(Object.getPrototypeOf(m.events), null);
    assert.equal(m.events['constructor'], undefined);
  });

  test('TODO placeholders are accepted where a decision is pending', () => {
    parseOk(
      [
        'version: 1',
        'purposes:',
        '  p: { use: TODO, legal_basis: consent, consent: TODO, data: [TODO] }',
        'techniques:',
        '  fingerprinting: { purpose: TODO }',
        'events:',
        '  A:',
        '    purpose: TODO',
        '    properties:',
        '      x: TODO  # TODO: choose a category',
        '',
      ].join('\n'),
    );
  });
});

suite('parseManifest: problems', () => {
  const cases: [string, string, string[], ParseManifestOptions?][] = [
    ['missing version', 'events: {}\n', ["1: Missing 'version: 1' at the top of the manifest"]],
    ['version 2', 'version: 2\n', ['1: Unsupported manifest version 2; Privet reads version 1']],
    ['version as a string', "version: '1'\n", ["1: 'version' must be 1, not '1'"]],
    ['unknown top-level key', 'version: 1\npurpsoes: {}\n', ["2: Unknown top-level key 'purpsoes'; did you mean 'purposes'?"]],
    [
      'unknown key in a destination',
      'version: 1\ndestinations:\n  segment:\n    purpose: [x]\n',
      ["4: Unknown key 'purpose' in destination 'segment'; did you mean 'purposes'?"],
    ],
    [
      'unknown key without a close match lists the allowed keys',
      'version: 1\nevents:\n  A:\n    colour: red\n',
      ["4: Unknown key 'colour' in event 'A'; expected one of description, purpose, destinations, owner, expires, kind, properties"],
    ],
    ['unknown technique', 'version: 1\ntechniques:\n  session-replays: {}\n', ["3: Unknown technique 'session-replays'; did you mean 'session-replay'?"]],
    [
      'masking outside session-replay',
      'version: 1\ntechniques:\n  fingerprinting: { masking: all }\n',
      ["3: Unknown key 'masking' in technique 'fingerprinting'; expected one of purpose, destinations"],
    ],
    [
      'masking value',
      'version: 1\ntechniques:\n  session-replay:\n    masking: some\n',
      ["4: Unknown masking 'some' in technique 'session-replay'; expected one of none, inputs, all"],
    ],
    ['wrong type', 'version: 1\nevents:\n  A:\n    destinations: segment\n', ["4: 'destinations' in event 'A' must be a list, not 'segment'"]],
    ['wrong type of an entry', 'version: 1\nevents:\n  A: [x]\n', ["3: Event 'A' must be a mapping, not a list"]],
    ['wrong type of a section', 'version: 1\nevents: [A]\n', ["2: 'events' must be a mapping, not a list"]],
    [
      'property values',
      'version: 1\nevents:\n  A:\n    properties:\n      a: [x]\n      b:\n',
      [
        "5: Property 'a' of event 'A' must be a category (e.g. 'none') or a mapping { category, purpose, transform }, not a list",
        "6: Property 'b' of event 'A' must be a category (e.g. 'none') or a mapping { category, purpose, transform }, not empty",
      ],
    ],
    [
      'property mapping without category',
      'version: 1\nevents:\n  A:\n    properties:\n      a: { purpose: p }\npurposes:\n  p: {}\n',
      ["5: Property 'a' of event 'A' needs a 'category' (use 'none' for data that is not about a person)"],
    ],
    [
      'a misspelt category key is one problem, not two',
      'version: 1\nevents:\n  A:\n    properties:\n      a: { categry: none }\n',
      ["5: Unknown key 'categry' in property 'a' of event 'A'; did you mean 'category'?"],
    ],
    ['legal_basis enum', 'version: 1\npurposes:\n  p:\n    legal_basis: consnt\n', ["4: Unknown legal_basis 'consnt' in purpose 'p'; did you mean 'consent'?"]],
    [
      'legal_basis consent without consent',
      'version: 1\npurposes:\n  p:\n    legal_basis: consent\n',
      ["4: Purpose 'p' has legal_basis consent but names no 'consent:' category"],
    ],
    ['event kind', 'version: 1\nevents:\n  A: { kind: pages }\n', ["3: Unknown kind 'pages' in event 'A'; did you mean 'page'?"]],
    [
      'tracker kind',
      'version: 1\ntrackers:\n  - function: t\n    kind: screen\n',
      ["4: Unknown kind 'screen' in tracker 't'; expected one of track, page, identify, group, alias"],
    ],
    ['tracker without function', 'version: 1\ntrackers:\n  - module: x\n', ["3: Tracker 1 needs 'function'"]],
    ['negative argument', 'version: 1\ntrackers:\n  - function: t\n    event_arg: -1\n', ["4: 'event_arg' in tracker 't' must be 0 or more, not -1"]],
    [
      'transform',
      'version: 1\nevents:\n  A:\n    properties:\n      e: { category: user.contact.email, transform: sha1 }\n',
      ["5: Unknown transform 'sha1' in property 'e' of event 'A'; expected one of sha256, hash, truncate, redact"],
    ],
    [
      'retention',
      'version: 1\ndestinations:\n  d:\n    retention: 2 years\n',
      ["4: 'retention' in destination 'd' must be an ISO 8601 duration such as P2Y, P13M or P30D, not '2 years'"],
    ],
    ['retention forms', 'version: 1\ndestinations:\n  a: { retention: P13M }\n  b: { retention: P1Y6M }\n  c: { retention: PT12H }\n  d: { retention: P2W }\n', []],
    ['retention needs a number', 'version: 1\ndestinations:\n  d: { retention: P }\n', ["3: 'retention' in destination 'd' must be an ISO 8601 duration such as P2Y, P13M or P30D, not 'P'"]],
    ['expires format', 'version: 1\nevents:\n  A:\n    expires: 2027/06/30\n', ["4: 'expires' in event 'A' must be a date YYYY-MM-DD, not '2027/06/30'"]],
    ['expires date', 'version: 1\nexceptions:\n  - rule: x\n    expires: 2027-02-30\n', ["4: 'expires' in exception 1 (x) is not a valid date ('2027-02-30')"]],
    ['exception without rule', 'version: 1\nexceptions:\n  - reason: x\n', ["3: Exception 1 needs 'rule'"]],
    ['empty special_category_basis', "version: 1\npurposes:\n  p:\n    special_category_basis: ''\n", ["4: 'special_category_basis' in purpose 'p' must not be empty"]],
    [
      'unknown purpose in an event',
      'version: 1\npurposes:\n  analytics: {}\nevents:\n  Order Completed:\n    purpose: analytcs\n',
      ["6: Unknown purpose 'analytcs' in event 'Order Completed'; did you mean 'analytics'?"],
    ],
    [
      'unknown purposes everywhere',
      [
        'version: 1',
        'purposes:',
        '  analytics: {}',
        'destinations:',
        '  d: { purposes: [analytic] }',
        'identities:',
        '  d:',
        '    purpose: nope',
        '    traits:',
        '      e: { category: user.contact.email, purpose: nope2 }',
        'techniques:',
        '  ad-id: { purpose: nope3 }',
        'events:',
        '  A:',
        '    purpose: [analytics, nope4]',
        '    properties:',
        '      p: { category: none, purpose: nope5 }',
        'exceptions:',
        '  - rule: r',
        '    purpose: nope6',
        '',
      ].join('\n'),
      [
        "5: Unknown purpose 'analytic' in destination 'd'; did you mean 'analytics'?",
        "8: Unknown purpose 'nope' in identity 'd'",
        "10: Unknown purpose 'nope2' in trait 'e' of identity 'd'",
        "12: Unknown purpose 'nope3' in technique 'ad-id'",
        "15: Unknown purpose 'nope4' in event 'A'",
        "17: Unknown purpose 'nope5' in property 'p' of event 'A'",
        "20: Unknown purpose 'nope6' in exception 1 (r)",
      ],
    ],
    [
      'unknown destinations',
      [
        'version: 1',
        'destinations:',
        '  segment: {}',
        'trackers:',
        '  - function: t',
        '    destinations: [segmnt]',
        'identities:',
        '  segmen: {}',
        'techniques:',
        '  session-replay: { destinations: [hotjar] }',
        'events:',
        '  A: { destinations: [segment, sgment] }',
        '',
      ].join('\n'),
      [
        "6: Unknown destination 'segmnt' in tracker 't'; did you mean 'segment'?",
        "8: Identity 'segmen' names no declared destination; did you mean 'segment'?",
        "10: Unknown destination 'hotjar' in technique 'session-replay'",
        "12: Unknown destination 'sgment' in event 'A'; did you mean 'segment'?",
      ],
      { knownSdkIds: sdks },
    ],
    ['technique destinations may name SDK ids', 'version: 1\ntechniques:\n  session-replay: { destinations: [fullstory] }\n', [], { knownSdkIds: sdks }],
    [
      'unknown consent categories',
      [
        'version: 1',
        'consent:',
        '  categories:',
        '    marketing: {}',
        '  guards:',
        '    - expression: consent.ads',
        '      category: marketting',
        'purposes:',
        '  p: { legal_basis: consent, consent: marketin }',
        '',
      ].join('\n'),
      [
        "7: Unknown consent category 'marketting' in guard 'consent.ads'; did you mean 'marketing'?",
        "9: Unknown consent category 'marketin' in purpose 'p'; did you mean 'marketing'?",
      ],
    ],
    [
      'guards',
      'version: 1\nconsent:\n  guards:\n    - function: hasConsent\n    - expression: consent.x\n    - module: m\n',
      [
        "4: Guard 'hasConsent' needs 'category_arg' (the argument that names the consent category) or a fixed 'category'",
        "5: Guard 'consent.x' needs the 'category' its expression proves",
        "6: Guard 3 needs a 'function' or an 'expression'",
      ],
    ],
    [
      'consent category fields',
      'version: 1\nconsent:\n  categories:\n    a: { consent_mode: [analytics_storag], tcf: [0], att: yes }\n',
      [
        "4: Unknown consent_mode 'analytics_storag' in consent category 'a'; did you mean 'analytics_storage'?",
        "4: 'tcf[0]' in consent category 'a' must be 1 or more, not 0",
        "4: 'att' in consent category 'a' must be true or false, not 'yes'",
      ],
    ],
    ['unknown SDK', 'version: 1\ndestinations:\n  d: { sdk: segmnt }\n', ["3: Unknown SDK 'segmnt' in destination 'd'; did you mean 'segment'?"], { knownSdkIds: sdks }],
    ['SDK not checked without ids', 'version: 1\ndestinations:\n  d: { sdk: anything }\n', []],
    ['SDK may be a tracker function', 'version: 1\ndestinations:\n  d: { sdk: trackEvent }\ntrackers:\n  - function: trackEvent\n', [], { knownSdkIds: sdks }],
    [
      'unknown categories with suggestions',
      [
        'version: 1',
        'purposes:',
        '  p: { data: [user.emial, user.email, analytics] }',
        'destinations:',
        '  d: { forbid: [user.contacts] }',
        'events:',
        '  A:',
        '    properties:',
        '      a: user.behavior.purchases',
        '      b: { category: user.x }',
        '',
      ].join('\n'),
      [
        "3: Unknown category 'user.emial' in purpose 'p'; did you mean 'user.contact.email'?",
        "3: Unknown category 'user.email' in purpose 'p'; did you mean 'user.contact.email'?",
        "3: 'analytics' in purpose 'p' is a data use, not a data category",
        "5: Unknown category 'user.contacts' in destination 'd'; did you mean 'user.contact'?",
        "9: Unknown category 'user.behavior.purchases' in property 'a' of event 'A'",
        "10: Unknown category 'user.x' in property 'b' of event 'A'",
      ],
    ],
    [
      'unknown uses',
      'version: 1\npurposes:\n  p: { use: analytics.reportin }\n  q: { use: user.contact }\n',
      [
        "3: Unknown data use 'analytics.reportin' in purpose 'p'; did you mean 'analytics.reporting'?",
        "4: 'user.contact' in purpose 'q' is a data category, not a data use",
      ],
    ],
    [
      'custom taxonomy',
      [
        'version: 1',
        'taxonomy:',
        '  user.behavior.feature_usage: { parent: user.behavior }',
        '  user.custom.x: { parent: user.custm }',
        '  other.y: { parent: user.behavior }',
        '  user.behavior.z: {}',
        '  analytics.reporting.funnels: { parent: analytics.reporting }',
        'purposes:',
        '  p: { use: analytics.reporting.funnels, data: [user.behavior.feature_usage, user.behavior.feature_usag] }',
        '',
      ].join('\n'),
      [
        "4: Unknown parent 'user.custm' of taxonomy entry 'user.custom.x'",
        "5: Taxonomy entry 'other.y' must extend its parent: its key must start with 'user.behavior.'",
        "6: Taxonomy entry 'user.behavior.z' needs 'parent'",
        "9: Unknown category 'user.behavior.feature_usag' in purpose 'p'; did you mean 'user.behavior.feature_usage'?",
      ],
    ],
    [
      'unknown rule in an exception',
      'version: 1\nexceptions:\n  - rule: forbiden-category\n',
      ["3: Unknown rule 'forbiden-category' in exception 1 (forbiden-category); did you mean 'forbidden-category'?"],
      { knownRuleIds: new Set(['forbidden-category', 'undeclared-event']) },
    ],
    [
      'duplicate keys: a problem at the duplicate, the first wins',
      'version: 1\nevents:\n  A: { purpose: x }\n  B: {}\n  A: {}\npurposes:\n  x: {}\n',
      ["5: Duplicate key 'A' in 'events'; the first one (line 3) is used"],
    ],
    ['alias to an unknown anchor', 'version: 1\nevents: *nope\n', ["2: Unknown alias '*nope': no anchor '&nope' before it"]],
    ['tabs', 'version: 1\nevents:\n\tA: {}\n', ['3: Tabs are not allowed for indentation in YAML; indent with spaces']],
    ['two documents', 'version: 1\n---\nversion: 1\n', ["2: The manifest must be a single YAML document; remove the second '---'"]],
    ['not a mapping', '- a\n- b\n', ['1: The manifest must be a mapping of sections, starting with version: 1']],
  ];
  for (const [name, text, expected, opts] of cases) {
    test(name, () => assert.deepEqual(problems(text, opts), expected));
  }

  test('problems point at the key for unknown keys and at the value for wrong values', () => {
    const text = 'version: 1\ndestinations:\n  segment:\n    purpose: [x]\n    retention: forever\n';
    const ps = parseManifest(text, 'p').problems;
    const lines = text.split('\n');
    const slice = (i: number) => lines[ps[i].range.start.line].slice(ps[i].range.start.character, ps[i].range.end.character);
    assert.equal(slice(0), 'purpose');
    assert.equal(slice(1), 'forever');
  });

  test('duplicate keys are reported with the duplicate key range', () => {
    const text = 'version: 1\nevents:\n  A: {}\n  A: {}\n';
    const [p] = parseManifest(text, 'p').problems;
    assert.deepEqual(p.range, { start: { line: 3, character: 2 }, end: { line: 3, character: 3 } });
    assert.equal(p.rule, 'manifest-schema');
  });

  test('syntax errors: manifest-syntax at the error, no model', () => {
    const pm = parseManifest('version: 1\nevents:\n  A: [unclosed\n', 'p');
    assert.equal(pm.manifest, null);
    assert.ok(pm.problems.length > 0);
    assert.ok(pm.problems.every((p) => p.rule === 'manifest-syntax'));
    assert.ok(pm.problems.every((p) => p.range.start.line >= 2), JSON.stringify(pm.problems));
  });

  test('schema problems keep the model, without the invalid parts', () => {
    const pm = parseManifest('version: 1\nevents:\n  A: { purpose: p, kind: pages, destinations: x }\n  B: [x]\npurposes:\n  p: {}\n', 'p');
    assert.ok(pm.manifest);
    assert.equal(
      pm.problems.every((p) => p.rule === 'manifest-schema'),
      true,
    );
    assert.deepEqual(Object.keys(pm.manifest.events), ['A']);
    assert.equal(pm.manifest.events.A.kind, 'track');
    assert.equal(pm.manifest.events.A.destinations, undefined);
    assert.deepEqual(pm.manifest.events.A.purposes, ['p']);
  });

  test('one problem per node', () => {
    const pm = parseManifest('version: 1\npurposes:\n  p: { legal_basis: 5 }\n', 'p');
    assert.deepEqual(
      pm.problems.map((p) => p.message),
      ["'legal_basis' in purpose 'p' must be a string, not 5"],
    );
  });

  test('aliases: values are read through them, problems shown at the alias', () => {
    const text = 'version: 1\npurposes:\n  p: &p { use: analytics.reporting }\n  q: *p\nevents:\n  A: &a { purpose: zz }\n  B: *a\n';
    const pm = parseManifest(text, 'p');
    assert.equal(pm.manifest!.purposes.q.use, 'analytics.reporting');
    assert.deepEqual(
      pm.problems.map((p) => `${p.range.start.line + 1}:${p.range.start.character} ${p.message}`),
      ["6:19 Unknown purpose 'zz' in event 'A'", "7:5 Unknown purpose 'zz' in event 'B'"],
    );
  });

  test('CRLF line breaks', () => {
    assert.deepEqual(problems('version: 1\r\nevents:\r\n  A:\r\n    purpose: nope\r\n'), ["4: Unknown purpose 'nope' in event 'A'"]);
  });

  test('warnings (unknown tags) are reported but keep the model', () => {
    const pm = parseManifest('version: 1\nevents: !custom {}\n', 'p');
    assert.ok(pm.manifest);
    assert.deepEqual(
      pm.problems.map((p) => [p.rule, p.message]),
      [['manifest-syntax', 'Unresolved tag: !custom']],
    );
  });
});

suite('parseManifest: hostile input never throws', () => {
  function safe(text: string, opts?: ParseManifestOptions): ParsedManifest {
    let pm: ParsedManifest | undefined;
    assert.doesNotThrow(() => {
      pm = parseManifest(text, 'privacy.yaml', opts);
    });
    assert.ok(Array.isArray(pm!.problems));
    assert.equal(pm!.text, text);
    return pm!;
  }

  test('alias bomb fails fast with a clear problem', () => {
    let bomb = 'version: 1\na: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n';
    const names = 'abcdefghij';
    for (let i = 1; i < names.length; i++) bomb += `${names[i]}: &${names[i]} [${Array(9).fill('*' + names[i - 1]).join(', ')}]\n`;
    const started = Date.now();
    const pm = safe(bomb);
    assert.ok(Date.now() - started < 2000);
    assert.equal(pm.manifest, null);
    assert.equal(pm.problems.length, 1);
    assert.equal(pm.problems[0].rule, 'manifest-syntax');
    assert.match(pm.problems[0].message, /More than 100 alias expansions .*alias bomb/);
  });

  test('a 3 MB document is refused with one problem at line 0', () => {
    const pm = safe('version: 1\nevents:\n' + '  # ' + 'x'.repeat(3 * 1024 * 1024) + '\n');
    assert.equal(pm.manifest, null);
    assert.equal(pm.problems.length, 1);
    assert.equal(pm.problems[0].range.start.line, 0);
    assert.match(pm.problems[0].message, /larger than 2 MB/);
  });

  test('maxBytes counts UTF-8 bytes', () => {
    assert.equal(safe('version: 1 # ééé\n', { maxBytes: 19 }).manifest, null);
    assert.ok(safe('version: 1 # ééé\n', { maxBytes: 20 }).manifest);
  });

  test('deep nesting is refused, not a stack overflow', () => {
    const pm = safe('a: ' + '['.repeat(20000) + ']'.repeat(20000));
    assert.equal(pm.manifest, null);
    assert.match(pm.problems[0].message, /nests more than 64 levels/);
    let block = 'version: 1\n';
    for (let i = 0; i < 80; i++) block += ' '.repeat(i) + `k${i}:\n`;
    assert.equal(safe(block).manifest, null);
  });

  test('binary garbage', () => {
    const bytes = Array.from({ length: 4096 }, (_, i) => String.fromCharCode((i * 7919 + 13) % 256)).join('');
    const pm = safe(bytes);
    assert.ok(pm.problems.length > 0);
    safe('\u0000\u0001\u0002PK\u0003\u0004\uFFFD\uD800');
  });

  test('empty and comment-only files: an empty manifest missing its version', () => {
    for (const text of ['', '\n\n', '# nothing yet\n']) {
      const pm = safe(text);
      assert.ok(pm.manifest);
      assert.deepEqual(Object.keys(pm.manifest.events), []);
      assert.deepEqual(
        pm.problems.map((p) => p.message),
        ["Missing 'version: 1' at the top of the manifest"],
      );
      assert.equal(pm.problems[0].range.start.line, 0);
    }
  });

  test('version: 2 keeps the model', () => {
    const pm = safe('version: 2\nevents:\n  A: {}\n');
    assert.ok(pm.manifest?.events.A);
    assert.equal(pm.manifest.version, 2);
  });

  test('tabs', () => {
    const pm = safe('version: 1\nevents:\n\tA:\n\t\tpurpose: x\n');
    assert.equal(pm.manifest, null);
    assert.equal(pm.problems[0].rule, 'manifest-syntax');
  });

  test('odd values', () => {
    for (const text of [
      'version: 1\nevents:\n  __proto__: { purpose: x }\n  constructor: {}\n',
      'version: 1\n? [a, b]\n: c\n',
      'version: 1\nevents: { [x]: 1, {a: b}: 2 }\n',
      'version: 1\nevents: !!binary aGVsbG8=\n',
      '%YAML 1.1\n---\nversion: 1\nevents:\n  A: { expires: 2027-01-01 }\n',
      'version: 1\nevents:\n  A:\n    properties: { a: 1, b: true, c: null, d: 1.5 }\n',
      'version: 1\ntrackers: [{ function: t, event_arg: 99999999999999999999 }]\n',
      'version: 1\nexceptions: [a: 1]\n',
      '\uFEFFversion: 1\n',
      '...\n',
      '--- |\n  text\n',
      'version: 1\nevents:\n  A: &x\n    properties:\n      a: *x\n',
    ]) {
      safe(text, { knownSdkIds: sdks, knownRuleIds: new Set(['x']) });
    }
  });

  test('random damage to the example never throws', () => {
    let seed = 42;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const alphabet = ' \n\t:-[]{}#&*!|>\'"%@,?~0aZ.';
    for (let round = 0; round < 300; round++) {
      let text = example;
      for (let k = 0; k < 1 + rand(6); k++) {
        const at = rand(text.length);
        const op = rand(3);
        if (op === 0) text = text.slice(0, at) + text.slice(at + 1 + rand(20));
        else if (op === 1) text = text.slice(0, at) + alphabet[rand(alphabet.length)] + text.slice(at);
        else text = text.slice(0, at) + text.slice(rand(text.length));
      }
      safe(text, { knownSdkIds: sdks });
    }
  });
});

suite('did you mean', () => {
  test('close words and taxonomy keys', () => {
    assert.equal(didYouMean('purpsoes', ['purposes', 'events']), 'purposes');
    assert.equal(didYouMean('Events', ['purposes', 'events']), 'events');
    assert.equal(didYouMean('xyz', ['purposes', 'events']), undefined);
    assert.equal(didYouMeanKey('user.contact.emial', ['user.contact.email', 'user.contact']), 'user.contact.email');
    assert.equal(didYouMeanKey('user.email', ['user.contact.email', 'user.contact', 'system.email']), 'user.contact.email');
    assert.equal(didYouMeanKey('user.zzz', ['user.contact.email']), undefined);
  });
});

suite('findManifestPath', () => {
  const fsOf = (paths: string[]) => {
    const set = new Set(paths);
    return (p: string) => set.has(p);
  };

  test('nearest privacy.yaml walking up, then privacy.yml', () => {
    const exists = fsOf(['/repo/privacy.yaml', '/repo/packages/web/privacy.yml', '/repo/packages/web/privacy.yaml']);
    assert.equal(findManifestPath('/repo/packages/web/src/app.ts', exists), '/repo/packages/web/privacy.yaml');
    assert.equal(findManifestPath('/repo/packages/api/src/a/b/c.ts', exists), '/repo/privacy.yaml');
    assert.equal(findManifestPath('/repo/packages/api/src/a/b/c.ts', fsOf(['/repo/packages/privacy.yml'])), '/repo/packages/privacy.yml');
    assert.equal(findManifestPath('/elsewhere/x.ts', exists), null);
    assert.equal(findManifestPath('/x.ts', fsOf(['/privacy.yaml'])), '/privacy.yaml');
  });

  test('checks each directory up to the root, in order', () => {
    const seen: string[] = [];
    findManifestPath('/a/b/c.ts', (p) => (seen.push(p), false));
    assert.deepEqual(seen, ['/a/b/privacy.yaml', '/a/b/privacy.yml', '/a/privacy.yaml', '/a/privacy.yml', '/privacy.yaml', '/privacy.yml']);
  });

  test('Windows paths', () => {
    const exists = fsOf(['C:\\repo\\privacy.yaml']);
    assert.equal(findManifestPath('C:\\repo\\src\\app.ts', exists), 'C:\\repo\\privacy.yaml');
    assert.equal(findManifestPath('D:\\other\\app.ts', exists), null);
    const seen: string[] = [];
    findManifestPath('C:\\a\\b.ts', (p) => (seen.push(p), false));
    assert.deepEqual(seen, ['C:\\a\\privacy.yaml', 'C:\\a\\privacy.yml', 'C:\\privacy.yaml', 'C:\\privacy.yml']);
  });

  test('relative paths and directories', () => {
    assert.equal(findManifestPath('src/app.ts', fsOf(['privacy.yaml'])), 'privacy.yaml');
    assert.equal(findManifestPathForDirectory('/repo', fsOf(['/repo/privacy.yaml'])), '/repo/privacy.yaml');
    assert.equal(
      findManifestPath('', () => true),
      null,
    );
  });
});
