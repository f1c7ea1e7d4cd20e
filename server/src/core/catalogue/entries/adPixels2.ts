import type { SdkEntry } from '../types';

export const snapPixel: SdkEntry = {
  id: 'snap-pixel',
  name: 'Snap Pixel',
  vendor: 'Snap',
  category: 'advertising',
  globals: { snaptr: 'snaptr' },
  types: {
    snaptr: {
      call: {
        dispatch: {
          at: 'a0',
          cases: {
            // Advanced matching: user_email / user_phone_number (hashed by the SDK) in arg 2.
            init: { kind: 'identify', traits: 'a2', technique: 'identity-matching', requireKeys: { path: 'a2', keys: ['*'] } },
            track: { kind: 'track', event: 'a1', props: 'a2' },
          },
        },
      },
    },
  },
  hosts: ['sc-static.net'],
  docs: 'tracking-sdks.md §4.23',
};

const REDDIT_NON_IDENTITY = ['optOut', 'useDecimalCurrencyValues'];

export const redditPixel: SdkEntry = {
  id: 'reddit-pixel',
  name: 'Reddit Pixel',
  vendor: 'Reddit',
  category: 'advertising',
  globals: { rdt: 'rdt' },
  types: {
    rdt: {
      call: {
        dispatch: {
          at: 'a0',
          cases: {
            init: {
              kind: 'identify',
              traits: 'a2',
              exclude: REDDIT_NON_IDENTITY,
              technique: 'identity-matching',
              requireKeys: { path: 'a2', keys: ['email', 'externalId', 'phoneNumber', 'aaid', 'idfa', 'ip', 'uuid'] },
            },
            track: { kind: 'track', event: 'a1', props: 'a2' },
            disableFirstPartyCookies: { kind: 'consent' },
            enableFirstPartyCookies: { kind: 'consent' },
          },
        },
      },
    },
  },
  hosts: ['www.redditstatic.com'],
  docs: 'tracking-sdks.md §4.24',
};

export const clarity: SdkEntry = {
  id: 'clarity',
  name: 'Microsoft Clarity',
  vendor: 'Microsoft',
  category: 'session-replay',
  modules: { '@microsoft/clarity': { default: 'npm' }, 'react-microsoft-clarity': { clarity: 'npm' } },
  globals: { clarity: 'clarity' },
  types: {
    clarity: {
      call: {
        dispatch: {
          at: 'a0',
          cases: {
            identify: { kind: 'identify', identity: 'a1', named: { friendlyName: 'a4' } },
            set: { kind: 'other', keyValue: { key: 'a1', value: 'a2' } },
            event: { kind: 'track', event: 'a1' },
            consent: { kind: 'consent' },
            consentv2: { kind: 'consent' },
            upgrade: { kind: 'other' },
          },
        },
      },
    },
    npm: {
      methods: {
        // Records sessions once loaded (techniques-b §B3.7); masking is a project setting (unknown here).
        init: { kind: 'other', technique: 'session-replay' },
        identify: { kind: 'identify', identity: 'a0', named: { friendlyName: 'a3' } },
        setTag: { kind: 'other', keyValue: { key: 'a0', value: 'a1' } },
        event: { kind: 'track', event: 'a0' },
        consent: { kind: 'consent' },
        consentV2: { kind: 'consent' },
        upgrade: { kind: 'other' },
      },
    },
  },
  hosts: ['www.clarity.ms'],
  docs: 'tracking-sdks.md §4.25',
};

export const microsoftUet: SdkEntry = {
  id: 'microsoft-uet',
  name: 'Microsoft Advertising UET',
  vendor: 'Microsoft',
  category: 'advertising',
  globals: { uetq: 'uetq' },
  types: {
    uetq: {
      methods: {
        // `push` takes positional arguments, not an array.
        push: {
          dispatch: {
            at: 'a0',
            cases: {
              pageLoad: { kind: 'page' },
              event: { kind: 'track', event: 'a1', props: 'a2' },
              // Enhanced conversions: `{ pid: { em, ph } }`.
              set: { kind: 'identify', traits: 'a1.pid', technique: 'identity-matching', requireKeys: { path: 'a1', keys: ['pid'] } },
              consent: { kind: 'consent' },
            },
            // Legacy `uetq.push({ ec, ea, el, ev, gv })`.
            object: { kind: 'track', event: 'a0.ea', props: 'a0.*', exclude: ['ea'] },
          },
        },
      },
    },
  },
  hosts: ['bat.bing.com'],
  docs: 'tracking-sdks.md §4.26',
};
