/**
 * Compliance exports (core/services/complianceExports.ts): goldens of every format on a small
 * manifest and real detection, CSV that parses back with the right number of columns, a
 * well-formed plist, YAML that parses back into a valid fideslang shape, a hostile event name and
 * hostile descriptions in every format, determinism, and the mapping tables.
 */
import * as assert from 'node:assert/strict';
import { parse as parseYaml } from 'yaml';
import { getCatalogue } from '../../src/core/catalogue';
import { parseManifest } from '../../src/core/manifest/parseManifest';
import type { ParsedManifest } from '../../src/core/manifest/types';
import { annotateCalls } from '../../src/core/services/callContext';
import {
  appleDataTypeOf,
  applePurposeOf,
  buildComplianceModel,
  csvField,
  durationText,
  exportFides,
  exportKinds,
  exportNoticeMarkdown,
  exportPlayCsv,
  exportRopaCsv,
  exportRopaMarkdown,
  exportXcprivacy,
  isEeaRegion,
  mdText,
  playDataTypeOf,
  playPurposeOf,
  runComplianceExport,
  type ComplianceInput,
} from '../../src/core/services/complianceExports';
import { dataCategories } from '../../src/core/taxonomy';
import type { TrackingCall } from '../../src/core/types';
import { detect } from '../helpers/detect';

export const EVIL_EVENT = 'Order <script>alert(1)</script> Completed';

export const MANIFEST = `version: 1
taxonomy:
  user.behavior.feature_usage: { parent: user.behavior, description: Which features a user opens }
consent:
  categories:
    analytics: {}
    marketing: { att: true }
purposes:
  product-analytics:
    description: 'Understand which features are used, "fast" | well'
    use: analytics.reporting
    legal_basis: consent
    consent: analytics
    data: [user.behavior, user.unique_id, none]
  ads:
    description: "Measure ad campaigns,\\nacross <script>alert(2)</script> networks"
    use: marketing.advertising.third_party.targeted
    legal_basis: consent
    consent: marketing
    data: [user.behavior.purchase_history, user.contact.email]
  health:
    description: Medication reminders
    use: essential.service.notifications
    legal_basis: legitimate_interests
    special_category_basis: explicit_consent
    data: [user.health_and_medical]
destinations:
  segment:
    sdk: segment
    vendor: 'Twilio Segment, Inc.'
    purposes: [product-analytics, health]
    region: US
    retention: P1Y6M
    transfer: SCCs
  meta:
    sdk: meta-pixel
    vendor: Meta
    purposes: [ads]
    region: US
  posthog:
    sdk: posthog
    vendor: PostHog
    purposes: [product-analytics]
    region: EU
    retention: P30D
identities:
  segment:
    purpose: product-analytics
    traits:
      userId: user.unique_id.pseudonymous
events:
  '${EVIL_EVENT}':
    purpose: product-analytics
    destinations: [segment]
    properties:
      plan: user.behavior.purchase_history
      order_id: none
  Purchase:
    purpose: ads
    destinations: [meta]
    properties:
      value: user.behavior.purchase_history
  Reminder Set:
    purpose: health
    destinations: [segment]
    properties:
      medication: user.health_and_medical
  Feature Opened:
    purpose: product-analytics
    destinations: [posthog]
    properties:
      feature: user.behavior.feature_usage
  Never Sent:
    purpose: product-analytics
    destinations: [posthog]
    properties:
      search: user.behavior.search_history
`;

export const SOURCE = `import { AnalyticsBrowser } from '@segment/analytics-next';
import posthog from 'posthog-js';
declare const fbq: (...args: unknown[]) => void;
const analytics = AnalyticsBrowser.load({ writeKey: 'k' });
export function checkout(user: { id: string; email: string; plan: string }, id: string) {
  analytics.track('${EVIL_EVENT}', { plan: user.plan, order_id: id, email: user.email });
  fbq('track', 'Purchase', { value: 10 });
  analytics.track('Reminder Set', { medication: 'ibuprofen' });
  analytics.identify(user.id, { userId: user.id });
  posthog.capture('Feature Opened', { feature: 'search' });
}
`;

/** A parsed manifest at `privacy.yaml`, as `check()` returns it. */
export function manifests(text = MANIFEST, path = 'privacy.yaml'): Map<string, ParsedManifest> {
  const pm = parseManifest(text, path, { knownSdkIds: new Set(getCatalogue().entries.map((e) => e.id)) });
  assert.ok(pm.manifest, 'the test manifest parses');
  assert.deepEqual(pm.problems, [], 'the test manifest is valid');
  return new Map([[path, pm]]);
}

/** Real detection over SOURCE, with destinations and declared categories filled in as `check()` does. */
export async function input(source = SOURCE, text = MANIFEST): Promise<ComplianceInput> {
  const ms = manifests(text);
  const calls = await detect({ 'src/app.ts': source });
  annotateCalls(calls, ms.get('privacy.yaml')!.manifest, '');
  return { calls, manifests: ms, systemNames: new Map([['privacy.yaml', 'Shop <App>']]) };
}

// ---------------------------------------------------------------------------------------------
// Checkers

/** RFC 4180: rows of fields (quoted fields may hold commas, doubled quotes and line breaks). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
      } else if (c === '"') {
        quoted = false;
        i++;
      } else {
        field += c;
        i++;
      }
      continue;
    }
    if (c === '"') {
      assert.equal(field, '', `a quote opens a field only at its start (row ${rows.length + 1})`);
      quoted = true;
      i++;
    } else if (c === ',') {
      row.push(field);
      field = '';
      i++;
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 2;
    } else {
      assert.ok(c !== '\n' && c !== '\r', `bare line break outside quotes at ${i}`);
      field += c;
      i++;
    }
  }
  assert.equal(quoted, false, 'every quoted field is closed');
  assert.ok(field === '' && row.length === 0, 'the last record ends with CRLF');
  return rows;
}

/**
 * A small XML well-formedness check: balanced tags, only the five predefined entities (or
 * character references), no `<` or stray `&` in text, comments without `--`.
 */
export function checkXml(xml: string): void {
  const stack: string[] = [];
  let rest = xml.replace(/^<\?xml[^?]*\?>/, '').replace(/<!DOCTYPE[^>]*>/, '');
  for (;;) {
    const lt = rest.indexOf('<');
    const text = lt < 0 ? rest : rest.slice(0, lt);
    assert.doesNotMatch(text, /&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/, `stray & in text: ${text}`);
    assert.doesNotMatch(text, />/, `stray > in text: ${text}`);
    if (lt < 0) break;
    rest = rest.slice(lt);
    if (rest.startsWith('<!--')) {
      const end = rest.indexOf('-->');
      assert.ok(end > 0, 'comment closed');
      assert.doesNotMatch(rest.slice(4, end), /--/, 'no -- inside a comment');
      rest = rest.slice(end + 3);
      continue;
    }
    const m = /^<(\/?)([A-Za-z_][\w.-]*)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)>/.exec(rest);
    assert.ok(m, `a well-formed tag at: ${rest.slice(0, 40)}`);
    const [whole, close, name, , selfClose] = m;
    if (close) assert.equal(stack.pop(), name, `</${name}> closes the open tag`);
    else if (!selfClose) stack.push(name);
    rest = rest.slice(whole.length);
  }
  assert.deepEqual(stack, [], 'every tag is closed');
}

// ---------------------------------------------------------------------------------------------

const ROPA_CSV_HEADER = [
  'Processing activity',
  'Purpose',
  'Purpose description',
  'Data use (fideslang)',
  'Legal basis',
  'Art. 9 condition',
  'Data subjects',
  'Personal data categories',
  'Recipients',
  'Third-country transfers',
  'Retention',
  'Consent category',
  'Events',
  'Techniques',
  'Source files',
  'Status',
];

suite('complianceExports: goldens', () => {
  let inp: ComplianceInput;
  suiteSetup(async () => {
    inp = await input();
  });

  test('the model: one activity per purpose × destination, seen or declared', () => {
    const m = buildComplianceModel(inp);
    assert.deepEqual(
      m.activities.map((a) => `${a.purpose} via ${a.destination}: ${a.seen ? 'seen' : 'unseen'}, ${a.declared ? 'declared' : 'undeclared'}`),
      ['ads via meta: seen, declared', 'health via segment: seen, declared', 'product-analytics via posthog: seen, declared', 'product-analytics via segment: seen, declared'],
    );
  });

  test('ropa-csv', () => {
    assert.equal(exportRopaCsv(inp), ROPA_CSV_GOLDEN);
  });

  test('ropa-md', () => {
    assert.equal(exportRopaMarkdown(inp), ROPA_MD_GOLDEN);
  });

  test('notice-md', () => {
    assert.equal(exportNoticeMarkdown(inp), NOTICE_GOLDEN);
  });

  test('xcprivacy', () => {
    assert.equal(exportXcprivacy(inp), XCPRIVACY_GOLDEN);
  });

  test('play-csv', () => {
    assert.equal(exportPlayCsv(inp), PLAY_GOLDEN);
  });

  test('fides', () => {
    assert.equal(exportFides(inp), FIDES_GOLDEN);
  });
});

suite('complianceExports: formats', () => {
  let inp: ComplianceInput;
  suiteSetup(async () => {
    inp = await input();
  });

  test('the RoPA CSV parses back: a header row, the same number of columns in every row, descriptions intact', () => {
    const rows = parseCsv(exportRopaCsv(inp));
    assert.deepEqual(rows[0], ROPA_CSV_HEADER);
    assert.equal(rows.length, 1 + buildComplianceModel(inp).activities.length);
    for (const r of rows) assert.equal(r.length, ROPA_CSV_HEADER.length, r.join(' | '));
    const col = (name: string) => ROPA_CSV_HEADER.indexOf(name);
    const ads = rows.find((r) => r[col('Purpose')] === 'ads')!;
    // A comma, a line break and markup survive as data.
    assert.equal(ads[col('Purpose description')], 'Measure ad campaigns,\nacross <script>alert(2)</script> networks');
    const pa = rows.find((r) => r[col('Processing activity')] === 'product-analytics via segment')!;
    assert.equal(pa[col('Purpose description')], 'Understand which features are used, "fast" | well');
    assert.equal(pa[col('Recipients')], 'Twilio Segment, Inc. (segment)');
    assert.match(pa[col('Events')], /Order <script>alert\(1\)<\/script> Completed/);
  });

  test('the Play CSV parses back with the same number of columns in every row', () => {
    const rows = parseCsv(exportPlayCsv(inp));
    assert.ok(rows.length > 1);
    for (const r of rows) assert.equal(r.length, rows[0].length);
  });

  test('the plist is well-formed XML with the keys Apple reads', () => {
    const xml = exportXcprivacy(inp);
    checkXml(xml);
    for (const key of ['NSPrivacyTracking', 'NSPrivacyTrackingDomains', 'NSPrivacyCollectedDataTypes', 'NSPrivacyCollectedDataType', 'NSPrivacyCollectedDataTypeLinked', 'NSPrivacyCollectedDataTypeTracking', 'NSPrivacyCollectedDataTypePurposes']) {
      assert.ok(xml.includes(`<key>${key}</key>`), key);
    }
  });

  test('the checker itself rejects broken XML', () => {
    assert.throws(() => checkXml('<plist><dict></plist>'));
    assert.throws(() => checkXml('<plist>a & b</plist>'));
    assert.throws(() => checkXml('<plist><!-- a -- b --></plist>'));
    assert.throws(() => checkXml('<plist><string><script></string></plist>'));
    checkXml('<plist version="1.0"><dict><key>a &amp; b</key><true/></dict></plist>');
  });

  test('the Fides YAML parses back; declarations only reference egress and ingress the system defines', () => {
    const doc = parseYaml(exportFides(inp)) as { system: { fides_key: string; system_type: string; egress?: { fides_key: string }[]; ingress?: { fides_key: string }[]; privacy_declarations: Record<string, unknown>[] }[]; data_category?: { fides_key: string }[] };
    const custom = new Set((doc.data_category ?? []).map((c) => c.fides_key));
    assert.deepEqual([...custom], ['user.behavior.feature_usage']);
    const keys = doc.system.map((s) => s.fides_key);
    assert.equal(new Set(keys).size, keys.length, 'unique fides_keys');
    for (const s of doc.system) {
      assert.equal(s.system_type, 'Service');
      assert.match(s.fides_key, /^[a-z0-9_]+$/);
      for (const d of s.privacy_declarations) {
        assert.deepEqual(d.data_subjects, ['customer']);
        for (const c of d.data_categories as string[]) assert.ok(dataCategories.has(c) || custom.has(c), c);
        for (const dir of ['egress', 'ingress'] as const) {
          const refs = d[dir] as string[] | undefined;
          if (!refs) continue;
          const defined = new Set((s[dir] ?? []).map((f) => f.fides_key));
          for (const r of refs) assert.ok(defined.has(r), `${s.fides_key}: ${dir} ${r} is defined`);
          for (const r of refs) assert.ok(keys.includes(r), `${r} is a system`);
        }
      }
    }
  });

  test('a hostile event name, vendor and description are escaped in every format', async () => {
    const hostile = MANIFEST.replace("vendor: 'Twilio Segment, Inc.'", "vendor: '<b>Seg|ment</b> & \"Co\" -- =cmd'").replace(
      'description: Medication reminders',
      "description: 'Reminders: # not a comment, `code` *bold* [link](x) <img src=x onerror=alert(3)>'",
    );
    const i = await input(SOURCE, hostile);
    for (const kind of exportKinds) {
      const out = runComplianceExport(kind, i);
      if (kind === 'ropa-md' || kind === 'notice-md' || kind === 'xcprivacy') {
        assert.doesNotMatch(out, /<script|<img|<b>/i, `${kind}: no live markup`);
      }
      if (kind === 'ropa-md') {
        assert.ok(out.includes('Order &lt;script&gt;alert(1)&lt;/script&gt; Completed'), 'ropa-md: the event name as entities');
        assert.ok(out.includes('&lt;b&gt;Seg\\|ment&lt;/b&gt; &amp; "Co"'), 'ropa-md: the vendor, pipe escaped');
        // Every table row keeps its column count.
        for (const line of out.split('\n').filter((l) => l.startsWith('| '))) {
          const cells = line.replace(/\\\|/g, '').split('|').length;
          assert.ok(cells === 4 || cells === 8, `row keeps its columns: ${line}`);
        }
      }
      if (kind === 'notice-md') assert.ok(out.includes('\\`code\\` \\*bold\\* \\[link\\](x) &lt;img'), 'notice-md: Markdown syntax escaped');
      if (kind === 'xcprivacy') checkXml(out);
      if (kind === 'ropa-csv' || kind === 'play-csv') {
        const rows = parseCsv(out);
        for (const r of rows) assert.equal(r.length, rows[0].length);
        if (kind === 'ropa-csv') assert.ok(rows.some((r) => r.includes("<b>Seg|ment</b> & \"Co\" -- =cmd (segment)")), 'ropa-csv: the vendor round-trips');
      }
      if (kind === 'fides') {
        const doc = parseYaml(out) as { system: { name: string; description: string }[] };
        assert.ok(doc.system.some((s) => s.name === '<b>Seg|ment</b> & "Co" -- =cmd'), 'fides: the vendor round-trips');
        assert.ok(doc.system.some((s) => s.name === 'Shop <App>'), 'fides: the system name round-trips');
      }
    }
  });

  test('deterministic: the order of calls does not change a byte', async () => {
    const a = await input();
    const b: ComplianceInput = { ...a, calls: [...a.calls].reverse() };
    for (const kind of exportKinds) assert.equal(runComplianceExport(kind, b), runComplianceExport(kind, a), kind);
  });

  test('the fideslang credit is in every format that has room for it', () => {
    for (const kind of ['ropa-md', 'notice-md', 'xcprivacy', 'fides'] as const) assert.ok(runComplianceExport(kind, inp).includes('fideslang by Ethyca, CC BY 4.0'), kind);
  });

  test('without tracking purposes or techniques the app does not track', async () => {
    const plain = `version: 1
purposes:
  product-analytics: { use: analytics.reporting, legal_basis: legitimate_interests, data: [user.behavior] }
destinations:
  posthog: { sdk: posthog, purposes: [product-analytics], region: DE, retention: P1Y }
events:
  Feature Opened: { purpose: product-analytics, properties: { feature: user.behavior } }
`;
    const xml = exportXcprivacy(await input(`import posthog from 'posthog-js';\nposthog.capture('Feature Opened', { feature: 'x' });\n`, plain));
    assert.match(xml, /<key>NSPrivacyTracking<\/key>\n\t<false\/>/);
    assert.match(xml, /<key>NSPrivacyTrackingDomains<\/key>\n\t<array\/>/);
    assert.match(xml, /NSPrivacyCollectedDataTypeProductInteraction<\/string>\n\t\t\t<key>NSPrivacyCollectedDataTypeLinked<\/key>\n\t\t\t<true\/>\n\t\t\t<key>NSPrivacyCollectedDataTypeTracking<\/key>\n\t\t\t<false\/>/);
    // Legitimate interests: the data is not optional for Play.
    const play = parseCsv(exportPlayCsv(await input(`import posthog from 'posthog-js';\nposthog.capture('Feature Opened', { feature: 'x' });\n`, plain)));
    assert.deepEqual(play[1].slice(0, 7), ['App activity', 'App interactions', 'Yes', 'No', 'No', 'Required', 'Analytics']);
  });

  test('undeclared things are listed and marked, not dropped', async () => {
    const src = `import { AnalyticsBrowser } from '@segment/analytics-next';
const analytics = AnalyticsBrowser.load({ writeKey: 'k' });
export function f(user: { email: string; phone: string }) {
  analytics.track('Signed Up', { email: user.email, phone_number: user.phone });
}
`;
    const rows = parseCsv(exportRopaCsv(await input(src)));
    const col = (name: string) => ROPA_CSV_HEADER.indexOf(name);
    const none = rows.find((r) => r[col('Purpose')] === '(no declared purpose)')!;
    assert.ok(none, rows.map((r) => r[0]).join('\n'));
    assert.equal(none[col('Processing activity')], '(no declared purpose) via segment');
    assert.match(none[col('Personal data categories')], /user\.contact\.email \(User Contact Email\) \[inferred, undeclared: email\]/);
    assert.match(none[col('Events')], /Signed Up \[not declared\]/);
    assert.match(none[col('Status')], /^Needs review: no purpose declared for this data/);
    // Declared activities the code does not reach are still on record.
    const ads = rows.find((r) => r[col('Purpose')] === 'ads')!;
    assert.equal(ads[col('Status')], 'Declared, not seen in code');
    assert.equal(ads[col('Events')], 'Purchase');
  });

  test('no manifest: every format still renders', async () => {
    const calls: TrackingCall[] = await detect({ 'src/app.ts': SOURCE });
    const i: ComplianceInput = { calls, manifests: new Map() };
    for (const kind of exportKinds) assert.ok(runComplianceExport(kind, i).length > 0, kind);
    checkXml(exportXcprivacy(i));
  });
});

suite('complianceExports: mappings', () => {
  test('fideslang categories → Apple data types', () => {
    const cases: [string, string | null][] = [
      ['user.contact.email', 'NSPrivacyCollectedDataTypeEmailAddress'],
      ['user.name.first', 'NSPrivacyCollectedDataTypeName'],
      ['user.contact.phone_number', 'NSPrivacyCollectedDataTypePhoneNumber'],
      ['user.contact.address.city', 'NSPrivacyCollectedDataTypePhysicalAddress'],
      ['user.location.precise', 'NSPrivacyCollectedDataTypePreciseLocation'],
      ['user.location.imprecise', 'NSPrivacyCollectedDataTypeCoarseLocation'],
      ['user.unique_id.pseudonymous', 'NSPrivacyCollectedDataTypeUserID'],
      ['user.device.device_id', 'NSPrivacyCollectedDataTypeDeviceID'],
      ['user.behavior.purchase_history', 'NSPrivacyCollectedDataTypePurchaseHistory'],
      ['user.behavior', 'NSPrivacyCollectedDataTypeProductInteraction'],
      ['user.health_and_medical', 'NSPrivacyCollectedDataTypeHealth'],
      ['user.health_and_medical.genetic', 'NSPrivacyCollectedDataTypeSensitiveInfo'],
      ['user.demographic.religious_belief', 'NSPrivacyCollectedDataTypeSensitiveInfo'],
      ['user.financial.credit_card', 'NSPrivacyCollectedDataTypePaymentInfo'],
      ['user.content.self_image', 'NSPrivacyCollectedDataTypePhotosorVideos'],
      ['user.demographic.gender', 'NSPrivacyCollectedDataTypeOtherDataTypes'],
      ['system.operations', null],
      ['none', null],
    ];
    for (const [c, t] of cases) assert.equal(appleDataTypeOf(c), t, c);
    // Every fideslang user category maps to some Apple type.
    for (const key of dataCategories.keys()) if (key.startsWith('user.')) assert.ok(appleDataTypeOf(key), key);
  });

  test('fideslang uses → Apple and Play purposes', () => {
    assert.equal(applePurposeOf('analytics.reporting'), 'NSPrivacyCollectedDataTypePurposeAnalytics');
    assert.equal(applePurposeOf('marketing.advertising.third_party.targeted'), 'NSPrivacyCollectedDataTypePurposeThirdPartyAdvertising');
    assert.equal(applePurposeOf('marketing.advertising.first_party.targeted'), 'NSPrivacyCollectedDataTypePurposeDeveloperAdvertising');
    assert.equal(applePurposeOf('personalize.content'), 'NSPrivacyCollectedDataTypePurposeProductPersonalization');
    assert.equal(applePurposeOf('essential.service.security'), 'NSPrivacyCollectedDataTypePurposeAppFunctionality');
    assert.equal(applePurposeOf('train_ai_system'), 'NSPrivacyCollectedDataTypePurposeOther');
    assert.equal(applePurposeOf(undefined), 'NSPrivacyCollectedDataTypePurposeOther');
    assert.equal(playPurposeOf('analytics.reporting'), 'Analytics');
    assert.equal(playPurposeOf('marketing.communications.email'), 'Advertising or marketing');
    assert.equal(playPurposeOf('essential.fraud_detection'), 'Fraud prevention, security, and compliance');
    assert.equal(playPurposeOf('essential.service.authentication'), 'Account management');
    assert.equal(playPurposeOf('essential.service.notifications.email'), 'Developer communications');
    assert.equal(playPurposeOf('personalize.system'), 'Personalization');
    assert.equal(playPurposeOf('functional.storage'), 'App functionality');
  });

  test('fideslang categories → Play data types', () => {
    assert.deepEqual(playDataTypeOf('user.contact.email'), { category: 'Personal info', type: 'Email address' });
    assert.deepEqual(playDataTypeOf('user.behavior.purchase_history'), { category: 'Financial info', type: 'Purchase history' });
    assert.deepEqual(playDataTypeOf('user.location.imprecise'), { category: 'Location', type: 'Approximate location' });
    assert.deepEqual(playDataTypeOf('user.device.cookie_id'), { category: 'Device or other IDs', type: 'Device or other IDs' });
    assert.deepEqual(playDataTypeOf('user.health_and_medical.record_id'), { category: 'Health and fitness', type: 'Health info' });
    assert.equal(playDataTypeOf('none'), null);
    for (const key of dataCategories.keys()) if (key.startsWith('user.')) assert.ok(playDataTypeOf(key), key);
  });

  test('retention in words, EEA regions, CSV and Markdown escaping', () => {
    assert.equal(durationText('P2Y'), '2 years');
    assert.equal(durationText('P1Y6M'), '1 year and 6 months');
    assert.equal(durationText('P1Y2M3D'), '1 year, 2 months and 3 days');
    assert.equal(durationText('PT24H'), '24 hours');
    assert.equal(durationText('P1W'), '1 week');
    assert.equal(durationText('two years'), null);
    assert.equal(durationText('P'), null);
    assert.ok(isEeaRegion('EU') && isEeaRegion('de') && isEeaRegion('eu-west-1') && !isEeaRegion('US') && !isEeaRegion(undefined));
    assert.equal(csvField('plain'), 'plain');
    assert.equal(csvField('a,b'), '"a,b"');
    assert.equal(csvField('say "hi"'), '"say ""hi"""');
    assert.equal(csvField('two\nlines'), '"two\nlines"');
    assert.equal(csvField('=HYPERLINK("x")'), `"'=HYPERLINK(""x"")"`);
    assert.equal(mdText('a|b <i> purchase_history _x_'), 'a\\|b &lt;i&gt; purchase_history \\_x\\_');
  });
});

// ---------------------------------------------------------------------------------------------
// Goldens

const ROPA_CSV_GOLDEN = `Processing activity,Purpose,Purpose description,Data use (fideslang),Legal basis,Art. 9 condition,Data subjects,Personal data categories,Recipients,Third-country transfers,Retention,Consent category,Events,Techniques,Source files,Status\r
ads via meta,ads,"Measure ad campaigns,
across <script>alert(2)</script> networks",marketing.advertising.third_party.targeted (Third Party Targeted Advertising),Consent (GDPR Art. 6(1)(a)),,Users,user.behavior.purchase_history (Purchase History),Meta (meta),US; no safeguard declared,Not declared,marketing (iOS App Tracking Transparency),Purchase,,src/app.ts,"Declared, seen in code"\r
health via segment,health,Medication reminders,essential.service.notifications (Essential Service Notifications),Legitimate interests (GDPR Art. 6(1)(f)),Explicit consent (GDPR Art. 9(2)(a)),Users,user.health_and_medical (Health and Medical Data) [special category],"Twilio Segment, Inc. (segment)",US; safeguard: SCCs,1 year and 6 months (P1Y6M),Not consent-based,Reminder Set,,src/app.ts,Needs review: Art. 9 explicit consent without a consent category\r
product-analytics via posthog,product-analytics,"Understand which features are used, ""fast"" | well",analytics.reporting (Analytics for Reporting),Consent (GDPR Art. 6(1)(a)),,Users,"user.behavior.feature_usage (Which features a user opens); user.behavior.search_history (Search History) [declared, not seen in code]",PostHog (posthog),None: processed in EU (EEA),30 days (P30D),analytics,"Feature Opened; Never Sent [declared, not seen in code]",,src/app.ts,"Declared, seen in code"\r
product-analytics via segment,product-analytics,"Understand which features are used, ""fast"" | well",analytics.reporting (Analytics for Reporting),Consent (GDPR Art. 6(1)(a)),,Users,"user.behavior.purchase_history (Purchase History); user.contact.email (User Contact Email) [inferred, undeclared: email]; user.unique_id.pseudonymous (Pseudonymous User ID)","Twilio Segment, Inc. (segment)",US; safeguard: SCCs,1 year and 6 months (P1Y6M),analytics,Order <script>alert(1)</script> Completed; identify(),,src/app.ts,Needs review: undeclared properties\r
`;
const ROPA_MD_GOLDEN = `# Record of Processing Activities (GDPR Art. 30(1))

Generated by Privet from 5 tracking calls and the manifest privacy.yaml. One activity is one purpose × one recipient. Items marked *not declared*, *inferred* or *Needs review* must be resolved in \`privacy.yaml\` before this record is filed.

| Controller field | Value |
|---|---|
| Name and contact details of the controller (and joint controller, representative) | *to be completed* |
| Contact details of the data protection officer | *to be completed* |
| Technical and organisational security measures (Art. 32) | *to be completed* |
| Date of this record | *to be completed* |

## Summary

| Processing activity | Legal basis | Recipients | Transfers | Retention | Status |
|---|---|---|---|---|---|
| ads via meta | Consent (GDPR Art. 6(1)(a)) | Meta (meta) | US; no safeguard declared | Not declared | Declared, seen in code |
| health via segment | Legitimate interests (GDPR Art. 6(1)(f)) | Twilio Segment, Inc. (segment) | US; safeguard: SCCs | 1 year and 6 months (P1Y6M) | Needs review: Art. 9 explicit consent without a consent category |
| product-analytics via posthog | Consent (GDPR Art. 6(1)(a)) | PostHog (posthog) | None: processed in EU (EEA) | 30 days (P30D) | Declared, seen in code |
| product-analytics via segment | Consent (GDPR Art. 6(1)(a)) | Twilio Segment, Inc. (segment) | US; safeguard: SCCs | 1 year and 6 months (P1Y6M) | Needs review: undeclared properties |

## ads via meta

| Field | Value |
|---|---|
| Purpose | ads |
| Purpose description | Measure ad campaigns, across &lt;script&gt;alert(2)&lt;/script&gt; networks |
| Data use (fideslang) | marketing.advertising.third_party.targeted (Third Party Targeted Advertising) |
| Legal basis | Consent (GDPR Art. 6(1)(a)) |
| Art. 9 condition | — |
| Data subjects | Users |
| Personal data categories | user.behavior.purchase_history (Purchase History) |
| Recipients | Meta (meta) |
| Third-country transfers | US; no safeguard declared |
| Retention | Not declared |
| Consent category | marketing (iOS App Tracking Transparency) |
| Events | Purchase |
| Techniques | — |
| Source files | src/app.ts |
| Status | Declared, seen in code |

## health via segment

| Field | Value |
|---|---|
| Purpose | health |
| Purpose description | Medication reminders |
| Data use (fideslang) | essential.service.notifications (Essential Service Notifications) |
| Legal basis | Legitimate interests (GDPR Art. 6(1)(f)) |
| Art. 9 condition | Explicit consent (GDPR Art. 9(2)(a)) |
| Data subjects | Users |
| Personal data categories | user.health_and_medical (Health and Medical Data) \\[special category\\] |
| Recipients | Twilio Segment, Inc. (segment) |
| Third-country transfers | US; safeguard: SCCs |
| Retention | 1 year and 6 months (P1Y6M) |
| Consent category | Not consent-based |
| Events | Reminder Set |
| Techniques | — |
| Source files | src/app.ts |
| Status | Needs review: Art. 9 explicit consent without a consent category |

## product-analytics via posthog

| Field | Value |
|---|---|
| Purpose | product-analytics |
| Purpose description | Understand which features are used, "fast" \\| well |
| Data use (fideslang) | analytics.reporting (Analytics for Reporting) |
| Legal basis | Consent (GDPR Art. 6(1)(a)) |
| Art. 9 condition | — |
| Data subjects | Users |
| Personal data categories | user.behavior.feature_usage (Which features a user opens); user.behavior.search_history (Search History) \\[declared, not seen in code\\] |
| Recipients | PostHog (posthog) |
| Third-country transfers | None: processed in EU (EEA) |
| Retention | 30 days (P30D) |
| Consent category | analytics |
| Events | Feature Opened; Never Sent \\[declared, not seen in code\\] |
| Techniques | — |
| Source files | src/app.ts |
| Status | Declared, seen in code |

## product-analytics via segment

| Field | Value |
|---|---|
| Purpose | product-analytics |
| Purpose description | Understand which features are used, "fast" \\| well |
| Data use (fideslang) | analytics.reporting (Analytics for Reporting) |
| Legal basis | Consent (GDPR Art. 6(1)(a)) |
| Art. 9 condition | — |
| Data subjects | Users |
| Personal data categories | user.behavior.purchase_history (Purchase History); user.contact.email (User Contact Email) \\[inferred, undeclared: email\\]; user.unique_id.pseudonymous (Pseudonymous User ID) |
| Recipients | Twilio Segment, Inc. (segment) |
| Third-country transfers | US; safeguard: SCCs |
| Retention | 1 year and 6 months (P1Y6M) |
| Consent category | analytics |
| Events | Order &lt;script&gt;alert(1)&lt;/script&gt; Completed; identify() |
| Techniques | — |
| Source files | src/app.ts |
| Status | Needs review: undeclared properties |

---

Data categories and data uses: fideslang by Ethyca, CC BY 4.0.
`;
const NOTICE_GOLDEN = `# How Shop &lt;App&gt; uses your data

> **Before publishing** (generated by Privet; delete this box when resolved):
> - Meta: how long the data is kept (retention) is not declared.
> - Meta: transfer outside the EEA without a declared safeguard.
> - health: explicit consent (Art. 9) but no consent category says where it is given and withdrawn.
> - product-analytics: the code sends properties the manifest does not declare; the list of what is collected may be incomplete.

For each reason we use your data, this page says what we collect, why, on what legal basis, who receives it and for how long, and how you can change your mind.

## Measure ad campaigns, across &lt;script&gt;alert(2)&lt;/script&gt; networks

**What we collect:** Purchase History.

**Why:** Measure ad campaigns, across &lt;script&gt;alert(2)&lt;/script&gt; networks

**Legal basis:** We only do this if you agree to it (your consent).

**Who receives it, where, and for how long:**

- Meta in the United States.

**Your choice:** You can withdraw your consent at any time in our privacy settings (the “marketing” choice); it is as easy as giving it. Withdrawing does not affect what happened before. On iPhone and iPad you can also turn off tracking for this app in Settings › Privacy &amp; Security › Tracking.

## Medication reminders

**What we collect:** Health and Medical Data.

**Why:** Medication reminders

**Legal basis:** We do this because we have a legitimate interest in it, which we have weighed against your rights. Because this includes sensitive information, we ask for your explicit consent.

**Who receives it, where, and for how long:**

- Twilio Segment, Inc. in the United States, protected by standard contractual clauses; kept for 1 year and 6 months.

**Your choice:** You can withdraw your explicit consent to the use of your sensitive information at any time. Withdrawing does not affect what happened before.

## Understand which features are used, "fast" \\| well

**What we collect:** Pseudonymous User ID, Purchase History, Search History, User Contact Email, Which features a user opens.

**Why:** Understand which features are used, "fast" \\| well

**Legal basis:** We only do this if you agree to it (your consent).

**Who receives it, where, and for how long:**

- PostHog in the European Union; kept for 30 days.
- Twilio Segment, Inc. in the United States, protected by standard contractual clauses; kept for 1 year and 6 months.

**Your choice:** You can withdraw your consent at any time in our privacy settings (the “analytics” choice); it is as easy as giving it. Withdrawing does not affect what happened before.

---

Data categories: fideslang by Ethyca, CC BY 4.0.
`;
const XCPRIVACY_GOLDEN = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<!-- Generated by Privet from 5 tracking calls and privacy.yaml. Review before shipping: see docs/exports.md. -->
<!-- Data categories mapped from fideslang by Ethyca, CC BY 4.0. -->
<plist version="1.0">
<dict>
\t<key>NSPrivacyTracking</key>
\t<true/>
\t<key>NSPrivacyTrackingDomains</key>
\t<array>
\t\t<string>connect.facebook.net</string>
\t\t<string>www.facebook.com</string>
\t</array>
\t<key>NSPrivacyCollectedDataTypes</key>
\t<array>
\t\t<dict>
\t\t\t<!-- from user.contact.email -->
\t\t\t<key>NSPrivacyCollectedDataType</key>
\t\t\t<string>NSPrivacyCollectedDataTypeEmailAddress</string>
\t\t\t<key>NSPrivacyCollectedDataTypeLinked</key>
\t\t\t<true/>
\t\t\t<key>NSPrivacyCollectedDataTypeTracking</key>
\t\t\t<false/>
\t\t\t<key>NSPrivacyCollectedDataTypePurposes</key>
\t\t\t<array>
\t\t\t\t<string>NSPrivacyCollectedDataTypePurposeAnalytics</string>
\t\t\t</array>
\t\t</dict>
\t\t<dict>
\t\t\t<!-- from user.health_and_medical -->
\t\t\t<key>NSPrivacyCollectedDataType</key>
\t\t\t<string>NSPrivacyCollectedDataTypeHealth</string>
\t\t\t<key>NSPrivacyCollectedDataTypeLinked</key>
\t\t\t<true/>
\t\t\t<key>NSPrivacyCollectedDataTypeTracking</key>
\t\t\t<false/>
\t\t\t<key>NSPrivacyCollectedDataTypePurposes</key>
\t\t\t<array>
\t\t\t\t<string>NSPrivacyCollectedDataTypePurposeAppFunctionality</string>
\t\t\t</array>
\t\t</dict>
\t\t<dict>
\t\t\t<!-- from user.behavior.feature_usage -->
\t\t\t<key>NSPrivacyCollectedDataType</key>
\t\t\t<string>NSPrivacyCollectedDataTypeProductInteraction</string>
\t\t\t<key>NSPrivacyCollectedDataTypeLinked</key>
\t\t\t<true/>
\t\t\t<key>NSPrivacyCollectedDataTypeTracking</key>
\t\t\t<false/>
\t\t\t<key>NSPrivacyCollectedDataTypePurposes</key>
\t\t\t<array>
\t\t\t\t<string>NSPrivacyCollectedDataTypePurposeAnalytics</string>
\t\t\t</array>
\t\t</dict>
\t\t<dict>
\t\t\t<!-- from user.behavior.purchase_history -->
\t\t\t<key>NSPrivacyCollectedDataType</key>
\t\t\t<string>NSPrivacyCollectedDataTypePurchaseHistory</string>
\t\t\t<key>NSPrivacyCollectedDataTypeLinked</key>
\t\t\t<true/>
\t\t\t<key>NSPrivacyCollectedDataTypeTracking</key>
\t\t\t<true/>
\t\t\t<key>NSPrivacyCollectedDataTypePurposes</key>
\t\t\t<array>
\t\t\t\t<string>NSPrivacyCollectedDataTypePurposeAnalytics</string>
\t\t\t\t<string>NSPrivacyCollectedDataTypePurposeThirdPartyAdvertising</string>
\t\t\t</array>
\t\t</dict>
\t\t<dict>
\t\t\t<!-- from user.behavior.search_history -->
\t\t\t<key>NSPrivacyCollectedDataType</key>
\t\t\t<string>NSPrivacyCollectedDataTypeSearchHistory</string>
\t\t\t<key>NSPrivacyCollectedDataTypeLinked</key>
\t\t\t<true/>
\t\t\t<key>NSPrivacyCollectedDataTypeTracking</key>
\t\t\t<false/>
\t\t\t<key>NSPrivacyCollectedDataTypePurposes</key>
\t\t\t<array>
\t\t\t\t<string>NSPrivacyCollectedDataTypePurposeAnalytics</string>
\t\t\t</array>
\t\t</dict>
\t\t<dict>
\t\t\t<!-- from user.unique_id.pseudonymous -->
\t\t\t<key>NSPrivacyCollectedDataType</key>
\t\t\t<string>NSPrivacyCollectedDataTypeUserID</string>
\t\t\t<key>NSPrivacyCollectedDataTypeLinked</key>
\t\t\t<true/>
\t\t\t<key>NSPrivacyCollectedDataTypeTracking</key>
\t\t\t<false/>
\t\t\t<key>NSPrivacyCollectedDataTypePurposes</key>
\t\t\t<array>
\t\t\t\t<string>NSPrivacyCollectedDataTypePurposeAnalytics</string>
\t\t\t</array>
\t\t</dict>
\t</array>
</dict>
</plist>
`;
const PLAY_GOLDEN = `Data category,Data type,Collected,Shared,Processed ephemerally,Required or optional,Collection purposes,Sharing purposes,Recipients,Shared with,fideslang categories,Events,Notes\r
Personal info,Email address,Yes,No,No,Optional,Analytics,,"Twilio Segment, Inc.",,user.contact.email,Order <script>alert(1)</script> Completed,inferred from undeclared properties: email\r
Personal info,User IDs,Yes,No,No,Optional,Analytics,,"Twilio Segment, Inc.",,user.unique_id.pseudonymous,identify(),\r
Financial info,Purchase history,Yes,Yes,No,Optional,Advertising or marketing; Analytics,Advertising or marketing,"Meta; Twilio Segment, Inc.",Meta,user.behavior.purchase_history,Order <script>alert(1)</script> Completed; Purchase,\r
Health and fitness,Health info,Yes,No,No,Required,Developer communications,,"Twilio Segment, Inc.",,user.health_and_medical,Reminder Set,\r
App activity,App interactions,Yes,No,No,Optional,Analytics,,PostHog,,user.behavior.feature_usage,Feature Opened,\r
App activity,In-app search history,Yes,No,No,Optional,Analytics,,PostHog,,user.behavior.search_history,Never Sent,\r
`;
const FIDES_GOLDEN = `# Fides system manifest generated by Privet from 5 tracking calls and privacy.yaml.
# Data categories, uses and subjects: fideslang by Ethyca, CC BY 4.0.

data_category:
  - fides_key: user.behavior.feature_usage
    name: user.behavior.feature_usage
    description: Which features a user opens
    parent_key: user.behavior
system:
  - fides_key: shop_app
    name: Shop <App>
    description: "Shop <App>: the tracking calls in its code, as checked by Privet against privacy.yaml."
    system_type: Service
    egress:
      - fides_key: meta
        type: system
        data_categories:
          - user.behavior.purchase_history
      - fides_key: posthog
        type: system
        data_categories:
          - user.behavior.feature_usage
          - user.behavior.search_history
      - fides_key: segment
        type: system
        data_categories:
          - user.behavior.purchase_history
          - user.contact.email
          - user.health_and_medical
          - user.unique_id.pseudonymous
    privacy_declarations:
      - name: ads
        data_categories:
          - user.behavior.purchase_history
        data_use: marketing.advertising.third_party.targeted
        data_subjects:
          - customer
        egress:
          - meta
        legal_basis_for_processing: Consent
      - name: health
        data_categories:
          - user.health_and_medical
        data_use: essential.service.notifications
        data_subjects:
          - customer
        egress:
          - segment
        legal_basis_for_processing: Legitimate interests
        processes_special_category_data: true
        special_category_legal_basis: Explicit consent
      - name: product-analytics
        data_categories:
          - user.behavior.feature_usage
          - user.behavior.purchase_history
          - user.behavior.search_history
          - user.contact.email
          - user.unique_id.pseudonymous
        data_use: analytics.reporting
        data_subjects:
          - customer
        egress:
          - posthog
          - segment
        legal_basis_for_processing: Consent
  - fides_key: meta
    name: Meta
    description: Destination 'meta' (SDK meta-pixel), receiving tracking data from Shop <App>.
    system_type: Service
    ingress:
      - fides_key: shop_app
        type: system
        data_categories:
          - user.behavior.purchase_history
    privacy_declarations:
      - name: ads
        data_categories:
          - user.behavior.purchase_history
        data_use: marketing.advertising.third_party.targeted
        data_subjects:
          - customer
        ingress:
          - shop_app
        legal_basis_for_processing: Consent
    does_international_transfers: true
    meta:
      privet_destination: meta
      region: US
  - fides_key: posthog
    name: PostHog
    description: Destination 'posthog' (SDK posthog), receiving tracking data from Shop <App>.
    system_type: Service
    ingress:
      - fides_key: shop_app
        type: system
        data_categories:
          - user.behavior.feature_usage
          - user.behavior.search_history
    privacy_declarations:
      - name: product-analytics
        data_categories:
          - user.behavior.feature_usage
          - user.behavior.search_history
        data_use: analytics.reporting
        data_subjects:
          - customer
        ingress:
          - shop_app
        legal_basis_for_processing: Consent
        retention_period: 30 days
    does_international_transfers: false
    meta:
      privet_destination: posthog
      region: EU
      retention: P30D
  - fides_key: segment
    name: Twilio Segment, Inc.
    description: Destination 'segment' (SDK segment), receiving tracking data from Shop <App>.
    system_type: Service
    ingress:
      - fides_key: shop_app
        type: system
        data_categories:
          - user.behavior.purchase_history
          - user.contact.email
          - user.health_and_medical
          - user.unique_id.pseudonymous
    privacy_declarations:
      - name: health
        data_categories:
          - user.health_and_medical
        data_use: essential.service.notifications
        data_subjects:
          - customer
        ingress:
          - shop_app
        legal_basis_for_processing: Legitimate interests
        processes_special_category_data: true
        special_category_legal_basis: Explicit consent
        retention_period: 1 year and 6 months
      - name: product-analytics
        data_categories:
          - user.behavior.purchase_history
          - user.contact.email
          - user.unique_id.pseudonymous
        data_use: analytics.reporting
        data_subjects:
          - customer
        ingress:
          - shop_app
        legal_basis_for_processing: Consent
        retention_period: 1 year and 6 months
    does_international_transfers: true
    legal_basis_for_transfers:
      - SCCs
    meta:
      privet_destination: segment
      region: US
      retention: P1Y6M
`;
