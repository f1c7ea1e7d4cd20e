import type { SdkEntry } from '../types';

export const matomo: SdkEntry = {
  id: 'matomo',
  name: 'Matomo (Piwik)',
  vendor: 'Matomo',
  category: 'analytics',
  globals: { _paq: 'paq' },
  types: {
    paq: {
      methods: {
        push: {
          dispatch: {
            at: 'a0[0]',
            cases: {
              trackEvent: { kind: 'track', event: 'a0[2]', named: { category: 'a0[1]', name: 'a0[3]', value: 'a0[4]' } },
              trackPageView: { kind: 'page', event: 'a0[1]' },
              trackGoal: { kind: 'track', event: 'a0[1]' },
              trackSiteSearch: { kind: 'track', event: { fixed: 'trackSiteSearch' } },
              setUserId: { kind: 'identify', identity: 'a0[1]' },
              resetUserId: { kind: 'reset' },
              setCustomDimension: { kind: 'other' },
              requireConsent: { kind: 'consent' },
              setConsentGiven: { kind: 'consent' },
              rememberConsentGiven: { kind: 'consent' },
              forgetConsentGiven: { kind: 'consent' },
              requireCookieConsent: { kind: 'consent' },
              setCookieConsentGiven: { kind: 'consent' },
              rememberCookieConsentGiven: { kind: 'consent' },
              forgetCookieConsentGiven: { kind: 'consent' },
              optUserOut: { kind: 'consent' },
            },
          },
        },
      },
    },
  },
  docs: 'tracking-sdks.md §4.27',
};
