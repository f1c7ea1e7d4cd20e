import type { SdkEntry, TypeSpec } from '../types';

const client: TypeSpec = {
  methods: {
    // Properties may carry person properties under `$set` / `$set_once`: they are reported as those keys.
    capture: { kind: 'track', event: 'a0', props: 'a1' },
    captureException: { kind: 'track', event: { fixed: '$exception' }, props: 'a1' },
    screen: { kind: 'page', event: 'a0', props: 'a1' },
    // `identify(distinctId, $set?, $set_once?)`
    identify: { kind: 'identify', identity: 'a0', traits: ['a1', 'a2'], allProps: true },
    alias: { kind: 'alias', identity: 'a0', technique: 'identity-matching' },
    group: { kind: 'group', identity: 'a1', named: { group_type: 'a0' }, traits: 'a2' },
    setPersonProperties: { kind: 'identify', traits: ['a0', 'a1'], allProps: true },
    register: { kind: 'other', props: 'a0' },
    register_once: { kind: 'other', props: 'a0' },
    register_for_session: { kind: 'other', props: 'a0' },
    reset: { kind: 'reset' },
    opt_in_capturing: { kind: 'consent' },
    opt_out_capturing: { kind: 'consent' },
    clear_opt_in_out_capturing: { kind: 'consent' },
    // Session replay (techniques-b §B3.2): recording is a project setting the code cannot see, so
    // `init` is a replay call only when its options ask for recording (`session_recording: {…}`
    // without `disable_session_recording: true`, or `disable_session_recording: false`).
    // Inputs are masked by default; `maskAllInputs: false` unmasks them, `maskTextSelector: '*'` masks all text.
    init: {
      kind: 'other',
      silent: true,
      returns: 'client',
      switches: [
        { path: 'a1.session_recording', technique: 'session-replay', unless: { path: 'a1.disable_session_recording', equals: 'true' } },
        { path: 'a1.disable_session_recording', technique: 'session-replay', equals: 'false' },
      ],
      masking: {
        default: 'inputs',
        rules: [
          { path: 'a1.session_recording.maskAllInputs', equals: 'false', level: 'none' },
          { path: 'a1.session_recording.maskTextSelector', equals: "'*'", level: 'all' },
        ],
      },
    },
    // Forces recording on; the masking was configured in `init` (unknown here).
    startSessionRecording: { kind: 'other', technique: 'session-replay' },
    stopSessionRecording: { kind: 'consent' },
  },
  // Named instances (`posthog.init(token, cfg, 'name')`) are reached as other members.
  members: { people: 'people', featureFlags: 'none', sessionRecording: 'none', persistence: 'none', sessionPersistence: 'none', config: 'none', surveys: 'none', toolbar: 'none', sessionManager: 'none', webVitalsAutocapture: 'none' },
  anyMember: 'client',
};

export const posthog: SdkEntry = {
  id: 'posthog',
  name: 'PostHog (posthog-js, React, React Native)',
  vendor: 'PostHog',
  category: 'product-analytics',
  modules: {
    'posthog-js': { default: 'client', posthog: 'client', PostHog: 'PostHogClass' },
    'posthog-js/react': { usePostHog: 'usePostHog' },
    'posthog-react-native': { default: 'PostHogClass', PostHog: 'PostHogClass', usePostHog: 'usePostHog' },
  },
  globals: { posthog: 'client' },
  types: {
    client,
    people: { methods: { set: { kind: 'identify', traits: 'a0', keyValue: { key: 'a0', value: 'a1' } }, set_once: { kind: 'identify', traits: 'a0', keyValue: { key: 'a0', value: 'a1' } } } },
    usePostHog: { call: { kind: 'other', silent: true, returns: 'client' } },
    PostHogClass: { construct: 'client' },
    none: {},
  },
  hosts: ['us.i.posthog.com', 'eu.i.posthog.com', 'app.posthog.com', 'us-assets.i.posthog.com', 'eu-assets.i.posthog.com'],
  docs: 'tracking-sdks.md §4.10',
};

export const posthogNode: SdkEntry = {
  id: 'posthog-node',
  name: 'PostHog Node.js',
  vendor: 'PostHog',
  category: 'product-analytics',
  // `require('posthog-node')` is both the namespace (`{ PostHog }`) and, in old versions, the class itself.
  modules: { 'posthog-node': { PostHog: 'PostHog', default: 'PostHog', '*': 'PostHog' } },
  types: {
    PostHog: { construct: 'client', members: { PostHog: 'PostHog', default: 'PostHog' } },
    client: {
      methods: {
        capture: { kind: 'track', event: 'a0.event', props: 'a0.properties', identity: 'a0.distinctId' },
        captureImmediate: { kind: 'track', event: 'a0.event', props: 'a0.properties', identity: 'a0.distinctId' },
        captureException: { kind: 'track', event: { fixed: '$exception' }, identity: 'a1', props: 'a2' },
        identify: { kind: 'identify', identity: 'a0.distinctId', traits: 'a0.properties' },
        identifyImmediate: { kind: 'identify', identity: 'a0.distinctId', traits: 'a0.properties' },
        alias: { kind: 'alias', identity: 'a0.distinctId', technique: 'identity-matching' },
        groupIdentify: { kind: 'group', identity: 'a0.groupKey', named: { group_type: 'a0.groupType' }, traits: 'a0.properties' },
      },
    },
  },
  hosts: ['us.i.posthog.com', 'eu.i.posthog.com', 'app.posthog.com'],
  docs: 'tracking-sdks.md §4.11',
};
