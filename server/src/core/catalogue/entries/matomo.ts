import type { CallSpec, SdkEntry, TypeSpec } from '../types';

/**
 * Matomo tracker commands, `_paq.push([command, ...args])`. `p(i)` is the path of argument `i` of
 * the command (`a0[i]` for `_paq.push`, `a<i>` for `pushInstruction(command, ...args)`).
 */
function commands(p: (i: number) => string): Record<string, CallSpec> {
  const consent: CallSpec = { kind: 'consent' };
  return {
    trackEvent: { kind: 'track', event: p(2), named: { category: p(1), name: p(3), value: p(4) } },
    trackPageView: { kind: 'page', event: p(1) },
    trackGoal: { kind: 'track', event: p(1), named: { revenue: p(2) } },
    trackSiteSearch: { kind: 'track', event: { fixed: 'trackSiteSearch' }, named: { keyword: p(1), category: p(2), count: p(3) } },
    trackLink: { kind: 'track', event: { fixed: 'trackLink' }, named: { url: p(1), linkType: p(2) } },
    addEcommerceItem: { kind: 'track', event: { fixed: 'addEcommerceItem' }, named: { sku: p(1), productName: p(2), productCategory: p(3), price: p(4), quantity: p(5) } },
    setEcommerceView: { kind: 'track', event: { fixed: 'setEcommerceView' }, named: { sku: p(1), productName: p(2), productCategory: p(3), price: p(4) } },
    trackEcommerceOrder: { kind: 'track', event: { fixed: 'trackEcommerceOrder' }, named: { orderId: p(1), grandTotal: p(2), subTotal: p(3), tax: p(4), shipping: p(5), discount: p(6) } },
    trackEcommerceCartUpdate: { kind: 'track', event: { fixed: 'trackEcommerceCartUpdate' }, named: { grandTotal: p(1) } },
    setUserId: { kind: 'identify', identity: p(1) },
    resetUserId: { kind: 'reset' },
    setCustomDimension: { kind: 'other' },
    // Legacy custom variables: `['setCustomVariable', index, name, value, scope]`.
    setCustomVariable: { kind: 'other', keyValue: { key: p(2), value: p(3) } },
    requireConsent: consent,
    setConsentGiven: consent,
    rememberConsentGiven: consent,
    forgetConsentGiven: consent,
    requireCookieConsent: consent,
    setCookieConsentGiven: consent,
    rememberCookieConsentGiven: consent,
    forgetCookieConsentGiven: consent,
    disableCookies: consent,
    optUserOut: consent,
    forgetUserOptOut: consent,
  };
}

/** `@datapunt/matomo-tracker-js` `MatomoTracker` (also what `useMatomo()` and `createInstance()` give). */
const tracker: TypeSpec = {
  methods: {
    trackEvent: { kind: 'track', event: 'a0.action', props: 'a0', exclude: ['action'] },
    trackPageView: { kind: 'page', event: 'a0.documentTitle', props: 'a0', exclude: ['documentTitle'] },
    trackSiteSearch: { kind: 'track', event: { fixed: 'trackSiteSearch' }, props: 'a0' },
    trackLink: { kind: 'track', event: { fixed: 'trackLink' }, props: 'a0' },
    addEcommerceItem: { kind: 'track', event: { fixed: 'addEcommerceItem' }, props: 'a0' },
    setEcommerceView: { kind: 'track', event: { fixed: 'setEcommerceView' }, props: 'a0' },
    trackEcommerceOrder: { kind: 'track', event: { fixed: 'trackEcommerceOrder' }, props: 'a0' },
    trackEcommerceCartUpdate: { kind: 'track', event: { fixed: 'trackEcommerceCartUpdate' }, named: { amount: 'a0' } },
    pushInstruction: { dispatch: { at: 'a0', cases: commands((i) => `a${i}`) } },
  },
};

export const matomo: SdkEntry = {
  id: 'matomo',
  name: 'Matomo (Piwik)',
  vendor: 'Matomo',
  category: 'analytics',
  modules: {
    '@datapunt/matomo-tracker-react': { createInstance: 'createInstance', useMatomo: 'useMatomo' },
    '@datapunt/matomo-tracker-js': { default: 'MatomoTracker' },
  },
  globals: { _paq: 'paq', _mtm: 'mtm' },
  types: {
    paq: { methods: { push: { dispatch: { at: 'a0[0]', cases: commands((i) => `a0[${i}]`) } } } },
    // Tag Manager data layer: `_mtm.push({ event: 'signup', ... })`.
    mtm: { methods: { push: { dispatch: { at: 'a0', cases: {}, object: { kind: 'track', event: 'a0.event', props: 'a0.*', exclude: ['event'] } } } } },
    // `createInstance({ urlBase, siteId, userId? })`: an identity call only when it sets a user ID.
    createInstance: { call: { kind: 'identify', identity: 'a0.userId', requireKeys: { path: 'a0', keys: ['userId'] }, returns: 'tracker' } },
    useMatomo: { call: { kind: 'other', silent: true, returns: 'tracker' } },
    MatomoTracker: { construct: 'tracker' },
    tracker,
  },
  hosts: ['cdn.matomo.cloud'],
  docs: 'tracking-sdks.md §4.27',
};
