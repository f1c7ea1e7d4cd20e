/**
 * missing-consent-guard, and the consent categories the guard facts prove (callContext).
 */
import * as assert from 'node:assert/strict';
import { consentCategoriesProven, moduleMatches } from '../../../src/core/services/callContext';
import { parseManifest } from '../../../src/core/manifest/parseManifest';
import type { GuardFact } from '../../../src/core/types';
import { applyFix, dedent, fixNamed, messages, of, run } from './harness';

const CONSENT = dedent(`
  version: 1
  consent:
    categories:
      analytics:
        consent_mode: [analytics_storage]
        tcf: [7, 8]
        cmp: { onetrust: C0002, cookiebot: statistics, didomi: measure_content_performance, osano: analytics, cookieconsent: analytics, usercentrics: HkocEodjb7 }
      marketing: { consent_mode: [ad_storage], cmp: { onetrust: C0004, cookiebot: marketing } }
      cross-app-tracking: { att: true }
    guards:
      - function: hasConsent
        module: src/lib/consent.ts
        category_arg: 0
      - expression: consent.marketing
        category: marketing
      - function: whenConsented
        category_arg: 0
        callback_arg: 1
  purposes:
    product-analytics:
      use: analytics.reporting
      legal_basis: consent
      consent: analytics
      data: [user.behavior, none]
    ads:
      use: marketing.advertising.first_party.targeted
      legal_basis: consent
      consent: marketing
      data: [user.behavior, none]
  destinations:
    segment: { sdk: segment, purposes: [product-analytics] }
    meta: { sdk: meta-pixel, purposes: [ads] }
  events:
    Order Completed:
      purpose: product-analytics
    Ad Click:
      purpose: ads
`);

const CONSENT_LIB = `export function hasConsent(c: string): boolean { return true }\nexport function whenConsented(c: string, f: () => void) { f() }\n`;

suite('consent: categories proven by guard facts', () => {
  const m = parseManifest(CONSENT, '/proj/privacy.yaml').manifest!;
  const proven = (facts: GuardFact[]) => consentCategoriesProven(facts, m, '/proj');

  test('function guards: callee, category argument, module', () => {
    assert.deepEqual(proven([{ type: 'call', callee: 'hasConsent', args: ['analytics'], module: '/proj/src/lib/consent.ts' }]), ['analytics']);
    assert.deepEqual(proven([{ type: 'call', callee: 'consentApi.hasConsent', args: ['analytics'], module: '/proj/src/lib/consent' }]), ['analytics']);
    assert.deepEqual(proven([{ type: 'call', callee: 'hasConsent', args: ['analytics'], module: '/proj/src/other.ts' }]), []);
    assert.deepEqual(proven([{ type: 'call', callee: 'hasConsent', args: ['analytics'] }]), []);
    assert.deepEqual(proven([{ type: 'call', callee: 'hasConsent', args: ['nope'], module: '/proj/src/lib/consent.ts' }]), []);
  });
  test('module: relative to the manifest, or a package name', () => {
    assert.equal(moduleMatches('/proj/src/lib/consent/index.ts', 'src/lib/consent', '/proj'), true);
    assert.equal(moduleMatches('@acme/consent', '@acme/consent', '/proj'), true);
    assert.equal(moduleMatches('@acme/consent', '@acme/other', '/proj'), false);
    assert.equal(moduleMatches(undefined, undefined, '/proj'), true);
  });
  test('callback guards need the callback index', () => {
    assert.deepEqual(proven([{ type: 'callback', callee: 'whenConsented', args: ['analytics', null], callbackIndex: 1 }]), ['analytics']);
    assert.deepEqual(proven([{ type: 'callback', callee: 'whenConsented', args: ['analytics', null], callbackIndex: 0 }]), []);
    assert.deepEqual(proven([{ type: 'call', callee: 'whenConsented', args: ['analytics'] }]), []);
  });
  test('expression guards (window. stripped)', () => {
    assert.deepEqual(proven([{ type: 'path', path: 'consent.marketing' }]), ['marketing']);
    const m2 = parseManifest(CONSENT.replace('expression: consent.marketing', 'expression: window.consent.marketing'), 'x').manifest!;
    assert.deepEqual(consentCategoriesProven([{ type: 'path', path: 'consent.marketing' }], m2, '/proj'), ['marketing']);
  });
  test('consent tools’ own checks for mapped ids', () => {
    assert.deepEqual(proven([{ type: 'path', path: 'Cookiebot.consent.statistics' }]), ['analytics']);
    assert.deepEqual(proven([{ type: 'path', path: 'Cookiebot.consent.marketing' }]), ['marketing']);
    assert.deepEqual(proven([{ type: 'includes', path: 'OnetrustActiveGroups', value: ',C0004,' }]), ['marketing']);
    assert.deepEqual(proven([{ type: 'includes', path: 'OptanonActiveGroups', value: 'C0002' }]), ['analytics']);
    assert.deepEqual(proven([{ type: 'call', callee: 'Didomi.getUserConsentStatusForPurpose', args: ['measure_content_performance'] }]), ['analytics']);
    assert.deepEqual(proven([{ type: 'path', path: 'Didomi.getCurrentUserStatus().purposes.measure_content_performance.enabled' }]), ['analytics']);
    assert.deepEqual(proven([{ type: 'path', path: 'Osano.cm.analytics' }]), ['analytics']);
    assert.deepEqual(proven([{ type: 'compare', path: 'Osano.cm.getConsent().ANALYTICS', value: 'ACCEPT' }]), ['analytics']);
    assert.deepEqual(proven([{ type: 'call', callee: 'CookieConsent.acceptedCategory', args: ['analytics'] }]), ['analytics']);
    assert.deepEqual(proven([{ type: 'call', callee: 'cc.allowedCategory', args: ['analytics'] }]), ['analytics']);
    assert.deepEqual(proven([{ type: 'path', path: 'details.services.HkocEodjb7.consent.given' }]), ['analytics']);
    assert.deepEqual(proven([{ type: 'compare', path: 'state.analytics_storage', value: 'granted' }]), ['analytics']);
    assert.deepEqual(proven([{ type: 'compare', path: 'state.ad_storage', value: 'granted' }]), ['marketing']);
    assert.deepEqual(proven([{ type: 'path', path: 'tcData.purpose.consents[7]' }]), ['analytics']);
    // Unmapped ids and negative facts prove nothing.
    assert.deepEqual(proven([{ type: 'path', path: 'Cookiebot.consent.preferences' }]), []);
    assert.deepEqual(proven([{ type: 'includes', path: 'OnetrustActiveGroups', value: 'C0003' }]), []);
    assert.deepEqual(proven([{ type: 'compare', path: 'state.analytics_storage', value: 'denied' }]), []);
  });
  test('App Tracking Transparency statuses', () => {
    assert.deepEqual(proven([{ type: 'compare', path: 'status', value: 'authorized' }]), ['cross-app-tracking']);
    assert.deepEqual(proven([{ type: 'compare', path: 'perm.status', value: 'granted' }]), ['cross-app-tracking']);
    assert.deepEqual(proven([{ type: 'path', path: 'perm.granted' }]), ['cross-app-tracking']);
    assert.deepEqual(proven([{ type: 'compare', path: 'status', value: 'denied' }]), []);
    assert.deepEqual(proven([{ type: 'call', callee: 'requestTrackingPermission', args: [], module: 'react-native-tracking-transparency' }]), []);
  });
  test('no manifest, no facts: nothing', () => {
    assert.deepEqual(consentCategoriesProven([{ type: 'path', path: 'consent.marketing' }], null, '/proj'), []);
    assert.deepEqual(proven([]), []);
  });
});

suite('rules: missing-consent-guard', () => {
  test('an unguarded call for a consent purpose; guarded calls pass (guards in code, detected for real)', async () => {
    const src = dedent(`
      import { hasConsent, whenConsented } from './lib/consent';
      analytics.track('Order Completed', {});
      if (hasConsent('analytics')) {
        analytics.track('Order Completed', {});
      }
      whenConsented('analytics', () => analytics.track('Order Completed', {}));
      if (window.Cookiebot?.consent.statistics) analytics.track('Order Completed', {});
      if (!window.OnetrustActiveGroups.includes('C0002')) return;
      analytics.track('Order Completed', {});
    `);
    const r = await run({ 'src/lib/consent.ts': CONSENT_LIB, 'src/app.ts': src }, CONSENT);
    const fs = of(r, 'missing-consent-guard');
    assert.deepEqual(fs.map((f) => `${f.range.start.line + 1} ${f.message}`), [
      "2 Event 'Order Completed' is sent for purpose 'product-analytics', which needs consent 'analytics', but no check of that consent guards the call",
    ]);
    assert.equal(fs[0].severity, 'warning');
    const guarded = r.calls.filter((c) => c.guarded.includes('analytics')).length;
    assert.equal(guarded, 4);
  });

  test('a guard for another category does not count', async () => {
    const src = `if (consent.marketing) {\n  analytics.track('Order Completed', {});\n  fbq('track', 'Ad Click', {});\n}\n`;
    const r = await run({ 'src/app.ts': src }, CONSENT);
    assert.deepEqual(messages(r, 'missing-consent-guard'), [
      "Event 'Order Completed' is sent for purpose 'product-analytics', which needs consent 'analytics', but no check of that consent guards the call",
    ]);
  });

  test('fix: wrap in the first declared guard, re-indented, with its import', async () => {
    const src = dedent(`
      import { x } from './x';

      export function done(order: Order) {
        analytics.track('Order Completed', {
          order_id: order.id,
        });
      }
    `);
    const r = await run({ 'src/app.ts': src }, CONSENT);
    const fix = fixNamed(of(r, 'missing-consent-guard')[0], 'Wrap the call');
    assert.equal(fix.title, "Wrap the call in if (hasConsent('analytics'))");
    assert.equal(fix.safe, true); // the only fix of this finding: `--fix` applies it
    assert.equal(
      applyFix(r, fix)['src/app.ts'],
      dedent(`
        import { x } from './x';
        import { hasConsent } from './lib/consent';

        export function done(order: Order) {
          if (hasConsent('analytics')) {
            analytics.track('Order Completed', {
              order_id: order.id,
            });
          }
        }
      `),
    );
  });

  test('fix: an expression guard, tabs; no import when already imported', async () => {
    const src = `function f() {\n\tfbq('track', 'Ad Click', {});\n}\n`;
    const exprFirst = CONSENT.replace('    - function: hasConsent\n', '    - expression: consent.marketing\n      category: marketing\n    - function: hasConsent\n');
    const r = await run({ 'src/app.js': src }, exprFirst);
    const fix = fixNamed(of(r, 'missing-consent-guard')[0], 'Wrap the call');
    assert.equal(applyFix(r, fix)['src/app.js'], `function f() {\n\tif (consent.marketing) {\n\t\tfbq('track', 'Ad Click', {});\n\t}\n}\n`);
    const src2 = `import { hasConsent } from './lib/consent';\nanalytics.track('Order Completed', {});\n`;
    const r2 = await run({ 'src/lib/consent.ts': CONSENT_LIB, 'src/app.ts': src2 }, CONSENT);
    const fix2 = fixNamed(of(r2, 'missing-consent-guard')[0], 'Wrap the call');
    assert.equal(applyFix(r2, fix2)['src/app.ts'], `import { hasConsent } from './lib/consent';\nif (hasConsent('analytics')) {\n  analytics.track('Order Completed', {});\n}\n`);
  });

  test('no wrap fix when the call is part of a larger expression', async () => {
    const r = await run({ 'src/app.ts': `const p = analytics.track('Order Completed', {});\n` }, CONSENT);
    assert.equal(of(r, 'missing-consent-guard').length, 1);
    assert.deepEqual(of(r, 'missing-consent-guard')[0].fixes, []);
  });

  test('a wrapper body is judged at its call sites', async () => {
    const r = await run(
      {
        'src/lib/consent.ts': CONSENT_LIB,
        'src/lib/analytics.ts': `export function trackEvent(name: string, props: object) { analytics.track(name, props) }\n`,
        'src/app.ts': `import { trackEvent } from './lib/analytics';\nimport { hasConsent } from './lib/consent';\nif (hasConsent('analytics')) trackEvent('Order Completed', {});\ntrackEvent('Order Completed', {});\n`,
      },
      CONSENT,
    );
    assert.deepEqual(of(r, 'missing-consent-guard').map((f) => `${f.file}:${f.range.start.line + 1}`), ['src/app.ts:4']);
  });

  test('legitimate interests needs no guard', async () => {
    const m = CONSENT.replace('    legal_basis: consent\n    consent: analytics\n', '    legal_basis: legitimate_interests\n');
    const r = await run({ 'src/app.ts': `analytics.track('Order Completed', {});\n` }, m);
    assert.deepEqual(of(r, 'missing-consent-guard'), []);
  });

  test('ad-id needs an App Tracking Transparency check', async () => {
    const m = CONSENT + 'techniques:\n  ad-id: { purpose: ads }\n';
    const mutate = (calls: import('../../../src/core/types').TrackingCall[]) => {
      // The catalogue does not detect an ad-id SDK yet: mark the pixel call as one.
      for (const c of calls) if (c.sdk === 'meta-pixel') c.technique = 'ad-id';
    };
    const src = `fbq('track', 'Ad Click', {});\nconst s = await getTrackingStatus();\nif (s === 'authorized' && consent.marketing) fbq('track', 'Ad Click', {});\n`;
    const r = await run({ 'src/app.ts': src }, m, { mutate });
    assert.deepEqual(of(r, 'missing-consent-guard').map((f) => `${f.range.start.line + 1} ${f.message}`), [
      "1 Event 'Ad Click' is sent for purpose 'ads', which needs consent 'marketing', but no check of that consent guards the call",
      "1 The call reads the advertising ID (technique 'ad-id') without an App Tracking Transparency check (consent 'cross-app-tracking')",
    ]);
  });
});
