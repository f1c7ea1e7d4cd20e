/**
 * Session-replay-only SDKs that tracking-sdks.md does not cover (tracking-techniques-b.md §B3):
 * rrweb, Smartlook, Contentsquare. The replay switches of SDKs with their own entries (PostHog,
 * Sentry, LogRocket, FullStory, Hotjar, Clarity, Mouseflow, Datadog) sit in those entries.
 *
 * Masking (§B3.0) is `none | inputs | all`: what the SDK masks by default, changed by the options a
 * call writes; `null` (no `masking` spec) where only a dashboard setting decides.
 */
import type { CallSpec, MethodSpec, SdkEntry } from '../types';

// ---------------------------------------------------------------- rrweb (§B3.1)

/**
 * `record({ emit, maskAllInputs?, maskTextSelector?, … })` starts recording. rrweb masks only
 * password inputs by default (`none`); `maskAllInputs: true` masks inputs; `maskTextSelector: '*'`
 * masks all text (§B3.0 takes that as `all`).
 */
const rrwebRecord: CallSpec = {
  kind: 'other',
  technique: 'session-replay',
  masking: {
    default: 'none',
    rules: [
      { path: 'a0.maskTextSelector', equals: "'*'", level: 'all' },
      { path: 'a0.maskAllInputs', equals: 'true', level: 'inputs' },
    ],
  },
};

export const rrweb: SdkEntry = {
  id: 'rrweb',
  name: 'rrweb',
  vendor: 'rrweb (open source)',
  category: 'session-replay',
  modules: {
    rrweb: { record: 'record', default: 'rrweb' },
    '@rrweb/record': { record: 'record', default: 'record' },
    'rrweb-record': { default: 'record', record: 'record' },
  },
  // CDN builds: `rrweb.record({...})` (rrweb.min.js), `rrwebRecord({...})` (record-only bundle).
  globals: { rrweb: 'rrweb', rrwebRecord: 'record' },
  types: {
    rrweb: { members: { record: 'record' } },
    // `record.addCustomEvent` / `record.takeFullSnapshot` add to a recording that is already on.
    record: { call: rrwebRecord },
  },
  docs: 'tracking-techniques-b.md §B3.1',
};

// ---------------------------------------------------------------- Smartlook (§B3.8)

/**
 * `Smartlook.init(key, opts)` records at once; forms, e-mails and numbers are masked by default
 * (`inputs`). `Smartlook.record({ forms, emails, numbers, ips })` unmasks the types set to true: it
 * is reported (as the replay call that weakens masking, `none`) only when it unmasks something.
 */
const smartlookInit: CallSpec = { kind: 'other', technique: 'session-replay', masking: { default: 'inputs', rules: [] } };
const smartlookRecord = (at: string): CallSpec => ({
  kind: 'other',
  silent: true,
  switches: ['forms', 'emails', 'numbers', 'ips'].map((k) => ({ path: `${at}.${k}`, technique: 'session-replay' as const, when: 'truthy' as const })),
  masking: {
    default: 'inputs',
    rules: ['forms', 'emails', 'numbers'].map((k) => ({ path: `${at}.${k}`, equals: 'true', level: 'none' as const })),
  },
});

const smartlookMethods: Record<string, MethodSpec> = {
  init: smartlookInit,
  record: smartlookRecord('a0'),
  identify: { kind: 'identify', identity: 'a0', traits: 'a1' },
  track: { kind: 'track', event: 'a0', props: 'a1' },
  properties: { kind: 'other', props: 'a0' },
  navigation: { kind: 'page', event: 'a0' },
  anonymize: { kind: 'reset' },
  disable: { kind: 'consent' },
  pause: { kind: 'consent' },
  resume: { kind: 'consent' },
  restart: { kind: 'consent' },
};

export const smartlook: SdkEntry = {
  id: 'smartlook',
  name: 'Smartlook',
  vendor: 'Smartlook (Cisco)',
  category: 'session-replay',
  modules: { 'smartlook-client': { default: 'Smartlook', '*': 'Smartlook' } },
  globals: { smartlook: 'smartlookFn' },
  types: {
    Smartlook: { methods: smartlookMethods },
    // Snippet queue: `smartlook('init', key, opts)`, `smartlook('record', {...})`.
    smartlookFn: {
      call: {
        dispatch: {
          at: 'a0',
          cases: {
            init: smartlookInit,
            record: smartlookRecord('a1'),
            identify: { kind: 'identify', identity: 'a1', traits: 'a2' },
            track: { kind: 'track', event: 'a1', props: 'a2' },
            properties: { kind: 'other', props: 'a1' },
            navigation: { kind: 'page', event: 'a1' },
            anonymize: { kind: 'reset' },
            disable: { kind: 'consent' },
          },
        },
      },
    },
  },
  hosts: ['web-sdk.smartlook.com', 'rec.smartlook.com', 'web-writer.eu.smartlook.cloud', 'manager.smartlook.com'],
  docs: 'tracking-techniques-b.md §B3.8',
};

// ---------------------------------------------------------------- Contentsquare (§B3.10)

/**
 * The tag (`t.contentsquare.net/uxa/<id>.js`, or `injectContentsquareScript` of
 * `@contentsquare/tag-sdk`) records sessions when Session Replay is in the contract; masking is set
 * in the Contentsquare configuration, so it is unknown from code (not judged).
 */
export const contentsquare: SdkEntry = {
  id: 'contentsquare',
  name: 'Contentsquare',
  vendor: 'Contentsquare',
  category: 'session-replay',
  modules: {
    '@contentsquare/tag-sdk': { injectContentsquareScript: 'inject' },
    '@contentsquare/react-native-bridge': { default: 'csNative', Contentsquare: 'csNative' },
  },
  globals: { _uxa: 'uxa' },
  types: {
    inject: { call: { kind: 'other', technique: 'session-replay' } },
    uxa: {
      methods: {
        push: {
          dispatch: {
            at: 'a0[0]',
            cases: {
              trackPageview: { kind: 'page', event: 'a0[1]' },
              setCustomVariable: { kind: 'other', keyValue: { key: 'a0[2]', value: 'a0[3]' } },
              trackDynamicVariable: { kind: 'other', keyValue: { key: 'a0[1].key', value: 'a0[1].value' } },
              trackTransaction: { kind: 'track', event: { fixed: 'transaction' }, props: 'a0[1]' },
              setReplayTracking: { kind: 'other', technique: 'session-replay' },
              optin: { kind: 'consent' },
              optout: { kind: 'consent' },
            },
          },
        },
      },
    },
    // React Native: opted out until `optIn()`; `send(screenName)` is a screen view.
    csNative: {
      methods: {
        optIn: { kind: 'consent' },
        optOut: { kind: 'consent' },
        send: { kind: 'page', event: 'a0' },
        sendDynamicVar: { kind: 'other', keyValue: { key: 'a0', value: 'a1' } },
      },
    },
  },
  hosts: ['t.contentsquare.net', 'c.contentsquare.net', 'k.contentsquare.net'],
  docs: 'tracking-techniques-b.md §B3.10',
};
