import type { CallSpec, MethodSpec, SdkEntry } from '../types';

// ---------------------------------------------------------------- LaunchDarkly

/** `initialize(clientSideId, context, options)`: the evaluation context (key, email, name, …) is sent to LaunchDarkly. */
const ldInitialize: CallSpec = { kind: 'identify', identity: 'a1.key', traits: 'a1', returns: 'client' };
const ldContext: CallSpec = { kind: 'identify', identity: 'a0.key', traits: 'a0' };

export const launchdarkly: SdkEntry = {
  id: 'launchdarkly',
  name: 'LaunchDarkly (client-side)',
  vendor: 'LaunchDarkly',
  category: 'other',
  modules: {
    'launchdarkly-js-client-sdk': { initialize: 'initialize', default: 'LaunchDarkly' },
    'launchdarkly-react-client-sdk': { useLDClient: 'useLDClient', withLDProvider: 'provider', asyncWithLDProvider: 'provider' },
  },
  types: {
    initialize: { call: ldInitialize },
    LaunchDarkly: { methods: { initialize: ldInitialize } },
    client: {
      methods: {
        identify: ldContext,
        track: { kind: 'track', event: 'a0', props: 'a1', named: { metricValue: 'a2' } },
      },
    },
    useLDClient: { call: { kind: 'other', silent: true, returns: 'client' } },
    // `withLDProvider({ clientSideID, context })`: an identity call only when it passes a context.
    provider: {
      call: { kind: 'identify', identity: ['a0.context.key', 'a0.user.key'], traits: ['a0.context', 'a0.user'], requireKeys: { path: 'a0', keys: ['context', 'user'] } },
    },
  },
  docs: 'https://launchdarkly.github.io/js-client-sdk/',
};

export const launchdarklyNode: SdkEntry = {
  id: 'launchdarkly-node',
  name: 'LaunchDarkly Node.js server SDK',
  vendor: 'LaunchDarkly',
  category: 'other',
  modules: {
    '@launchdarkly/node-server-sdk': { init: 'init', default: 'sdk' },
    'launchdarkly-node-server-sdk': { init: 'init', default: 'sdk' },
  },
  types: {
    init: { call: { kind: 'other', silent: true, returns: 'client' } },
    sdk: { methods: { init: { kind: 'other', silent: true, returns: 'client' } } },
    client: {
      methods: {
        identify: { kind: 'identify', identity: 'a0.key', traits: 'a0' },
        // `track(key, context, data, metricValue)`
        track: { kind: 'track', event: 'a0', identity: 'a1.key', props: 'a2', named: { metricValue: 'a3' } },
      },
    },
  },
  docs: 'https://launchdarkly.github.io/js-core/packages/sdk/server-node/docs/',
};

// ---------------------------------------------------------------- Statsig

/** `StatsigUser`: `{ userID, email, ip, userAgent, country, custom, customIDs, … }`. */
const statsigUser = (at: string): CallSpec => ({ kind: 'identify', identity: `${at}.userID`, traits: at });
const statsigLog: CallSpec = { kind: 'track', event: 'a0', props: 'a2', named: { value: 'a1' } };
/** `initialize(sdkKey, user | null, options)` */
const statsigInit: MethodSpec = { dispatch: { at: 'a1', cases: {}, object: { ...statsigUser('a1') }, value: { ...statsigUser('a1') } } };

export const statsig: SdkEntry = {
  id: 'statsig',
  name: 'Statsig (client)',
  vendor: 'Statsig',
  category: 'product-analytics',
  modules: {
    'statsig-js': { default: 'statsig' },
    '@statsig/js-client': { StatsigClient: 'StatsigClient' },
    '@statsig/react-bindings': { useStatsigClient: 'useStatsigClient' },
  },
  types: {
    statsig: {
      methods: {
        initialize: statsigInit,
        logEvent: statsigLog,
        updateUser: statsigUser('a0'),
      },
    },
    StatsigClient: { construct: 'client' },
    client: {
      methods: {
        // `logEvent(name, value?, metadata?)` or `logEvent({ eventName, value, metadata })`.
        logEvent: {
          dispatch: {
            at: 'a0',
            cases: {},
            default: statsigLog,
            value: statsigLog,
            object: { kind: 'track', event: 'a0.eventName', props: 'a0.metadata', named: { value: 'a0.value' } },
          },
        },
        updateUserAsync: statsigUser('a0'),
        updateUserSync: statsigUser('a0'),
        initializeAsync: { kind: 'other', silent: true },
        initializeSync: { kind: 'other', silent: true },
      },
    },
    useStatsigClient: { call: { kind: 'other', silent: true, returns: 'hook' } },
    hook: { members: { client: 'client' } },
  },
  docs: 'https://docs.statsig.com/client/jsClientSDK',
};

export const statsigNode: SdkEntry = {
  id: 'statsig-node',
  name: 'Statsig Node.js server SDK',
  vendor: 'Statsig',
  category: 'product-analytics',
  modules: { 'statsig-node': { default: 'statsig' } },
  types: {
    statsig: {
      methods: {
        initialize: { kind: 'other', silent: true },
        // `logEvent(user, eventName, value?, metadata?)`
        logEvent: { kind: 'track', event: 'a1', identity: 'a0.userID', props: 'a3', named: { value: 'a2' } },
        logEventObject: { kind: 'track', event: 'a0.eventName', identity: 'a0.user.userID', props: 'a0.metadata', named: { value: 'a0.value' } },
      },
    },
  },
  docs: 'https://docs.statsig.com/server/nodejsServerSDK',
};
