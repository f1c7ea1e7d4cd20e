import type { MethodSpec, SdkEntry } from '../types';

/** `fbq(command, …)`. */
const fbqCall: MethodSpec = {
  dispatch: {
    at: 'a0',
    cases: {
      track: { kind: 'track', event: 'a1', props: 'a2' },
      trackCustom: { kind: 'track', event: 'a1', props: 'a2' },
      trackSingle: { kind: 'track', event: 'a2', props: 'a3' },
      trackSingleCustom: { kind: 'track', event: 'a2', props: 'a3' },
      // Advanced matching: em, fn, ln, ph, ge, db, ct, st, zp, country, external_id (hashed by the pixel).
      init: { kind: 'identify', traits: 'a2', technique: 'identity-matching', requireKeys: { path: 'a2', keys: ['*'] } },
      consent: { kind: 'consent' },
      // Limited Data Use for US states.
      dataProcessingOptions: { kind: 'consent' },
    },
  },
};

export const metaPixel: SdkEntry = {
  id: 'meta-pixel',
  name: 'Meta (Facebook) Pixel',
  vendor: 'Meta',
  category: 'advertising',
  modules: { 'react-facebook-pixel': { default: 'ReactPixel', '*': 'ReactPixel' } },
  globals: { fbq: 'fbq' },
  types: {
    fbq: { call: fbqCall },
    ReactPixel: {
      methods: {
        init: { kind: 'identify', traits: 'a1', technique: 'identity-matching', requireKeys: { path: 'a1', keys: ['*'] } },
        pageView: { kind: 'track', event: { fixed: 'PageView' } },
        track: { kind: 'track', event: 'a0', props: 'a1' },
        trackCustom: { kind: 'track', event: 'a0', props: 'a1' },
        trackSingle: { kind: 'track', event: 'a1', props: 'a2' },
        trackSingleCustom: { kind: 'track', event: 'a1', props: 'a2' },
        grantConsent: { kind: 'consent' },
        revokeConsent: { kind: 'consent' },
        fbq: fbqCall,
      },
    },
  },
  hosts: ['connect.facebook.net', 'www.facebook.com'],
  docs: 'tracking-sdks.md §4.18',
};
