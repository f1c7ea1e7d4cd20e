import type { SdkEntry } from '../types';

export const ga4: SdkEntry = {
  id: 'ga4',
  name: 'Google tag (gtag.js): GA4, Google Ads, Floodlight',
  vendor: 'Google',
  category: 'analytics',
  globals: { gtag: 'gtag' },
  types: {
    gtag: {
      call: {
        dispatch: {
          at: 'a0',
          cases: {
            event: { kind: 'track', event: 'a1', props: 'a2' },
            config: { kind: 'other', props: 'a2', requireKeys: { path: 'a2', keys: ['user_id', 'user_properties'] } },
            set: { kind: 'identify', traits: ['a2', 'a1'], requireKeys: { path: 'a1', keys: ['user_id', 'user_properties'] } },
            consent: { kind: 'consent' },
          },
        },
      },
    },
  },
  hosts: ['www.googletagmanager.com', 'www.google-analytics.com', 'googleadservices.com'],
  docs: 'tracking-sdks.md §4.1',
};

export const gtm: SdkEntry = {
  id: 'gtm',
  name: 'Google Tag Manager data layer',
  vendor: 'Google',
  category: 'tag-manager',
  globals: { dataLayer: 'dataLayer' },
  types: {
    dataLayer: {
      methods: {
        push: { dispatch: { at: 'a0', cases: {}, object: { kind: 'track', event: 'a0.event', props: 'a0.*', exclude: ['event'] } } },
      },
    },
  },
  hosts: ['www.googletagmanager.com'],
  docs: 'tracking-sdks.md §4.2',
};
