import type { SdkEntry } from '../types';

// ---------------------------------------------------------------------------------------------
// TikTok Pixel (tracking-sdks.md §4.19)

export const tiktokPixel: SdkEntry = {
  id: 'tiktok-pixel',
  name: 'TikTok Pixel',
  vendor: 'TikTok',
  category: 'advertising',
  globals: { ttq: 'ttq' },
  types: {
    ttq: {
      methods: {
        load: { kind: 'other', silent: true },
        instance: { kind: 'other', silent: true, returns: 'ttq' },
        track: { kind: 'track', event: 'a0', props: 'a1' },
        page: { kind: 'page' },
        // Advanced matching: email / phone_number / external_id, hashed by the pixel.
        identify: { kind: 'identify', traits: 'a0', technique: 'identity-matching' },
        holdConsent: { kind: 'consent' },
        grantConsent: { kind: 'consent' },
        revokeConsent: { kind: 'consent' },
        enableCookie: { kind: 'consent' },
        disableCookie: { kind: 'consent' },
      },
    },
  },
  hosts: ['analytics.tiktok.com'],
  docs: 'tracking-sdks.md §4.19',
};

// ---------------------------------------------------------------------------------------------
// LinkedIn Insight Tag (§4.20). Conversion ids are numbers: the event name is their decimal text.

export const linkedinInsight: SdkEntry = {
  id: 'linkedin-insight',
  name: 'LinkedIn Insight Tag',
  vendor: 'LinkedIn',
  category: 'advertising',
  modules: { 'react-linkedin-insight': { default: 'LinkedInTag', '*': 'LinkedInTag' } },
  globals: { lintrk: 'lintrk' },
  types: {
    lintrk: {
      call: {
        dispatch: {
          at: 'a0',
          cases: { track: { kind: 'track', event: 'a1.conversion_id', props: 'a1', exclude: ['conversion_id'] } },
        },
      },
    },
    LinkedInTag: {
      methods: {
        init: { kind: 'other', silent: true },
        track: { kind: 'track', event: 'a0' },
      },
    },
  },
  hosts: ['snap.licdn.com', 'dc.ads.linkedin.com', 'px.ads.linkedin.com'],
  docs: 'tracking-sdks.md §4.20',
};

// ---------------------------------------------------------------------------------------------
// X / Twitter Pixel (§4.21)

export const xPixel: SdkEntry = {
  id: 'x-pixel',
  name: 'X (Twitter) Pixel',
  vendor: 'X',
  category: 'advertising',
  globals: { twq: 'twq', twttr: 'twttr' },
  types: {
    twq: {
      call: {
        dispatch: {
          at: 'a0',
          cases: {
            // `twq('config', pixelId, {email_address, phone_number})`: matching data with the config.
            config: { kind: 'identify', traits: 'a2', technique: 'identity-matching', requireKeys: { path: 'a2', keys: ['email_address', 'phone_number', 'external_id'] } },
            event: { kind: 'track', event: 'a1', props: 'a2' },
            // Legacy single-event syntax.
            track: { kind: 'track', event: 'a1', props: 'a2' },
          },
        },
      },
    },
    // Legacy `oct.js`: `twttr.conversion.trackPid(pid, {tw_sale_amount, tw_order_quantity})`.
    twttr: { members: { conversion: 'conversion' } },
    conversion: { methods: { trackPid: { kind: 'track', event: 'a0', props: 'a1' } } },
  },
  hosts: ['static.ads-twitter.com', 'platform.twitter.com', 'analytics.twitter.com', 't.co'],
  docs: 'tracking-sdks.md §4.21',
};

// ---------------------------------------------------------------------------------------------
// Pinterest Tag (§4.22)

export const pinterestTag: SdkEntry = {
  id: 'pinterest-tag',
  name: 'Pinterest Tag',
  vendor: 'Pinterest',
  category: 'advertising',
  globals: { pintrk: 'pintrk' },
  types: {
    pintrk: {
      call: {
        dispatch: {
          at: 'a0',
          cases: {
            // Enhanced match: `pintrk('load', tagId, {em})`.
            load: { kind: 'identify', traits: 'a2', technique: 'identity-matching', requireKeys: { path: 'a2', keys: ['*'] } },
            set: { kind: 'identify', traits: 'a1', technique: 'identity-matching', requireKeys: { path: 'a1', keys: ['*'] } },
            page: { kind: 'page', props: 'a1' },
            track: { kind: 'track', event: 'a1', props: 'a2' },
            setconsent: { kind: 'consent' },
          },
        },
      },
    },
  },
  hosts: ['s.pinimg.com', 'ct.pinterest.com'],
  docs: 'tracking-sdks.md §4.22',
};
