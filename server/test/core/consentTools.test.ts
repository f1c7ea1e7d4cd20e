/**
 * Consent tools as guards without configuration (manifest.md "Consent guards without
 * configuration", tracking-techniques-b §B4.0 and §B5, tracking-sdks §2.3): with the tool's ids
 * mapped under `consent.categories` (`cmp`, `consent_mode`, `tcf`, `att`) and no `guards:` entry,
 * the tool's own checks prove the category. Each case is real code through the real pipeline
 * (detection, guard facts, `consentCategoriesProven`, `missing-consent-guard`): the calls the
 * tool's checks guard get no finding, each call they do not guard gets exactly one (marked
 * `// unguarded` in the sources).
 */
import * as assert from 'node:assert/strict';
import { check } from '../../src/core/check';
import { dedent, of, run } from './rules/harness';

const MANIFEST = dedent(`
  version: 1
  consent:
    categories:
      marketing:
        cmp: { cookiebot: marketing, onetrust: C0004, didomi: cookies, usercentrics: HkocEodjb7, osano: marketing }
        consent_mode: [ad_storage, ad_user_data]
        tcf: [1, 4]
      analytics:
        cmp: { cookieconsent: analytics, cookiebot: statistics }
        consent_mode: [analytics_storage]
      tracking: { att: true }
  purposes:
    ads:
      use: marketing.advertising.third_party.targeted
      legal_basis: consent
      consent: marketing
      data: [user.behavior, none]
    stats:
      use: analytics.reporting
      legal_basis: consent
      consent: analytics
      data: [user.behavior, none]
    app-ads:
      use: marketing.advertising.third_party.targeted
      legal_basis: consent
      consent: tracking
      data: [user.behavior, none]
  destinations:
    meta: { sdk: meta-pixel, purposes: [ads] }
    segment: { sdk: segment, purposes: [stats, app-ads] }
  events:
    Purchase: { purpose: ads, destinations: [meta] }
    Order Completed: { purpose: stats, destinations: [segment] }
    App Opened: { purpose: app-ads, destinations: [segment] }
`);

/** Lines (1-based) of the `// unguarded` markers. */
function unguardedLines(src: string): number[] {
  return src.split('\n').flatMap((l, i) => (/\/\/ unguarded/.test(l) ? [i + 1] : []));
}

async function expectGuards(src: string, file = 'src/app.ts'): Promise<void> {
  const r = await run({ [file]: src }, MANIFEST);
  const got = of(r, 'missing-consent-guard').map((f) => f.range.start.line + 1);
  assert.deepEqual(got, unguardedLines(src), `missing-consent-guard at ${JSON.stringify(got)}:\n${of(r, 'missing-consent-guard').map((f) => f.message).join('\n')}`);
  // The guarded calls were detected (a guard only counts on a real call).
  assert.ok(r.calls.length > unguardedLines(src).length, 'every call is detected');
}

suite('consent tools as guards (no guards: entries)', () => {
  test('Cookiebot: Cookiebot.consent.<category>, optional chaining through window, the CookiebotOnAccept listener', async () => {
    await expectGuards(dedent(`
      if (Cookiebot.consent.marketing) fbq('track', 'Purchase', {});
      if (window.Cookiebot?.consent?.statistics) analytics.track('Order Completed', {});
      window.addEventListener('CookiebotOnAccept', () => {
        if (Cookiebot.consent.marketing) {
          fbq('track', 'Purchase', {});
        }
        fbq('track', 'Purchase', {}); // unguarded
      });
      function CookiebotCallback_OnAccept() {
        if (!window.Cookiebot.consent.statistics) return;
        analytics.track('Order Completed', {});
      }
      if (Cookiebot.consent.statistics) fbq('track', 'Purchase', {}); // unguarded
      fbq('track', 'Purchase', {}); // unguarded
    `));
  });

  test('OneTrust: OnetrustActiveGroups includes / indexOf, OneTrust.OnConsentChanged with a check', async () => {
    await expectGuards(dedent(`
      if (window.OnetrustActiveGroups.includes('C0004')) fbq('track', 'Purchase', {});
      if (OnetrustActiveGroups.indexOf(',C0004,') > -1) fbq('track', 'Purchase', {});
      if (window.OptanonActiveGroups.split(',').includes('C0004')) fbq('track', 'Purchase', {});
      const groups = window.OnetrustActiveGroups || '';
      if (groups.includes(',C0004,')) fbq('track', 'Purchase', {});
      OneTrust.OnConsentChanged(() => {
        if (OnetrustActiveGroups.includes('C0004')) fbq('track', 'Purchase', {});
      });
      window.addEventListener('OneTrustGroupsUpdated', (e) => {
        if (e.detail.includes('C0004')) fbq('track', 'Purchase', {});
      });
      OneTrust.OnConsentChanged(() => fbq('track', 'Purchase', {})); // unguarded
      if (OnetrustActiveGroups.includes('C0002')) fbq('track', 'Purchase', {}); // unguarded
    `));
  });

  test("Didomi: getUserConsentStatusForPurpose('cookies'), didomiOnReady push with a check", async () => {
    await expectGuards(dedent(`
      if (Didomi.getUserConsentStatusForPurpose('cookies')) fbq('track', 'Purchase', {});
      window.didomiOnReady = window.didomiOnReady || [];
      window.didomiOnReady.push(function (Didomi) {
        if (Didomi.getUserConsentStatusForPurpose('cookies') === true) fbq('track', 'Purchase', {});
      });
      window.didomiOnReady.push(() => fbq('track', 'Purchase', {})); // unguarded
      if (Didomi.getUserConsentStatusForPurpose('select_personalized_ads')) fbq('track', 'Purchase', {}); // unguarded
    `));
  });

  test('Usercentrics: v3 consent details, v2 UC_UI service info', async () => {
    await expectGuards(dedent(`
      export async function go() {
        const details = await window.__ucCmp.getConsentDetails();
        if (details.services['HkocEodjb7'].consent.given) fbq('track', 'Purchase', {});
        if (details.consent.serviceIds.includes('HkocEodjb7')) fbq('track', 'Purchase', {});
        if (UC_UI.getServicesBaseInfo().find((s) => s.id === 'HkocEodjb7').consent.status === true) fbq('track', 'Purchase', {});
        if (details.services['other'].consent.given) fbq('track', 'Purchase', {}); // unguarded
      }
    `));
  });

  test('Osano: Osano.cm.<category>, getConsent() ACCEPT', async () => {
    await expectGuards(dedent(`
      if (Osano.cm.marketing) fbq('track', 'Purchase', {});
      if (window.Osano.cm.getConsent().MARKETING === 'ACCEPT') fbq('track', 'Purchase', {});
      Osano.cm.addEventListener('osano-cm-marketing', () => fbq('track', 'Purchase', {})); // unguarded
    `));
  });

  test("cookieconsent v3: CookieConsent.acceptedCategory('analytics'), named import, onConsent callback", async () => {
    await expectGuards(dedent(`
      import * as CookieConsent from 'vanilla-cookieconsent';
      import { acceptedCategory } from 'vanilla-cookieconsent';
      if (CookieConsent.acceptedCategory('analytics')) analytics.track('Order Completed', {});
      if (acceptedCategory('analytics')) analytics.track('Order Completed', {});
      CookieConsent.run({
        categories: { necessary: { readOnly: true }, analytics: {} },
        onConsent: () => {
          if (CookieConsent.acceptedCategory('analytics')) analytics.track('Order Completed', {});
          analytics.track('Order Completed', {}); // unguarded
        },
      });
      if (CookieConsent.acceptedCategory('marketing')) analytics.track('Order Completed', {}); // unguarded
    `));
  });

  test('Google consent mode state: granted consent types', async () => {
    await expectGuards(dedent(`
      export function onConsent(state: Record<string, 'granted' | 'denied'>) {
        gtag('consent', 'update', state);
        if (state.ad_storage === 'granted') fbq('track', 'Purchase', {});
        if (state['analytics_storage'] === 'granted') analytics.track('Order Completed', {});
        const { ad_user_data } = state;
        if (ad_user_data !== 'granted') return;
        fbq('track', 'Purchase', {});
      }
      export function other(state: Record<string, string>) {
        if (state.analytics_storage === 'granted') fbq('track', 'Purchase', {}); // unguarded
        if (state.ad_storage === 'denied') fbq('track', 'Purchase', {}); // unguarded
      }
    `));
  });

  test('TCF: __tcfapi addEventListener callback checking purpose consents', async () => {
    await expectGuards(dedent(`
      __tcfapi('addEventListener', 2, (tcData, success) => {
        if (success && tcData.purpose.consents[1]) fbq('track', 'Purchase', {});
        if (tcData.purpose.consents['4']) {
          fbq('track', 'Purchase', {});
        }
        if (tcData.purpose.consents[7]) fbq('track', 'Purchase', {}); // unguarded
        fbq('track', 'Purchase', {}); // unguarded
      });
    `));
  });

  test('App Tracking Transparency: expo, react-native-tracking-transparency, react-native-permissions', async () => {
    await expectGuards(
      dedent(`
        import { requestTrackingPermissionsAsync, getTrackingPermissionsAsync } from 'expo-tracking-transparency';
        import { requestTrackingPermission, getTrackingStatus } from 'react-native-tracking-transparency';
        import { check, request, PERMISSIONS, RESULTS } from 'react-native-permissions';
        import { Camera } from 'expo-camera';

        export async function start() {
          const { status } = await requestTrackingPermissionsAsync();
          if (status === 'granted') analytics.track('App Opened', {});
          const perm = await getTrackingPermissionsAsync();
          if (perm.granted) analytics.track('App Opened', {});
          const s = await requestTrackingPermission();
          if (s === 'authorized') analytics.track('App Opened', {});
          if ((await getTrackingStatus()) !== 'authorized') return;
          analytics.track('App Opened', {});
        }
        export async function rnPermissions() {
          if ((await check(PERMISSIONS.IOS.APP_TRACKING_TRANSPARENCY)) === RESULTS.GRANTED) analytics.track('App Opened', {});
          const result = await request(PERMISSIONS.IOS.APP_TRACKING_TRANSPARENCY);
          if (result === RESULTS.GRANTED) analytics.track('App Opened', {});
          requestTrackingPermission().then((st) => {
            if (st === 'authorized') analytics.track('App Opened', {});
          });
        }
        export async function notAtt() {
          const { status } = await Camera.requestCameraPermissionsAsync();
          if (status === 'granted') analytics.track('App Opened', {}); // unguarded
          const cam = await check(PERMISSIONS.IOS.CAMERA);
          if (cam === RESULTS.GRANTED) analytics.track('App Opened', {}); // unguarded
          await requestTrackingPermission();
          analytics.track('App Opened', {}); // unguarded
          const t = await getTrackingStatus();
          if (t === 'denied') analytics.track('App Opened', {}); // unguarded
        }
      `),
      'src/app.tsx',
    );
  });

  test('a tool check also guards hand-written pixels and beacons', async () => {
    const src = dedent(`
      const m = { techniques: 1 };
      if (Cookiebot.consent.marketing) new Image().src = 'https://www.facebook.com/tr?id=1&ev=Purchase';
      navigator.sendBeacon('https://www.facebook.com/tr?id=1&ev=Purchase'); // unguarded
    `);
    const manifest = MANIFEST + 'techniques:\n  cross-site-pixel: { purpose: ads }\n';
    const r = await run({ 'src/app.ts': src }, manifest);
    assert.deepEqual(
      of(r, 'missing-consent-guard').map((f) => f.range.start.line + 1),
      unguardedLines(src),
    );
  });

  test('the whole check pipeline (check()) with an in-memory host gives the same result', async () => {
    const files: Record<string, string> = {
      '/p/privacy.yaml': MANIFEST,
      '/p/src/app.ts': `if (Cookiebot.consent.marketing) fbq('track', 'Purchase', {});\nfbq('track', 'Purchase', {});\n`,
    };
    const out = await check({ files: ['/p/src/app.ts'], readFile: (p) => files[p], fileExists: (p) => p in files, today: '2026-01-15' });
    const mcg = out.findings.filter((f) => f.rule === 'missing-consent-guard');
    assert.deepEqual(mcg.map((f) => f.range.start.line + 1), [2]);
    assert.deepEqual(out.calls.map((c) => c.guarded), [['marketing'], []]);
  });
});
