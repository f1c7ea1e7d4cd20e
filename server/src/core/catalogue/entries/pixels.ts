import type { SdkEntry } from '../types';

export const metaPixel: SdkEntry = {
  id: 'meta-pixel',
  name: 'Meta (Facebook) Pixel',
  vendor: 'Meta',
  category: 'advertising',
  globals: { fbq: 'fbq' },
  types: {
    fbq: {
      call: {
        dispatch: {
          at: 'a0',
          cases: {
            track: { kind: 'track', event: 'a1', props: 'a2' },
            trackCustom: { kind: 'track', event: 'a1', props: 'a2' },
            trackSingle: { kind: 'track', event: 'a2', props: 'a3' },
            trackSingleCustom: { kind: 'track', event: 'a2', props: 'a3' },
            init: { kind: 'identify', traits: 'a2', technique: 'identity-matching', requireKeys: { path: 'a2', keys: ['*'] } },
            consent: { kind: 'consent' },
          },
        },
      },
    },
  },
  hosts: ['connect.facebook.net', 'www.facebook.com'],
  docs: 'tracking-sdks.md §4.18',
};
