import type { CallSpec, MethodSpec, SdkEntry } from '../types';
import { functionExports } from './moduleFunctions';

// ---------------------------------------------------------------------------------------------
// Mixpanel (tracking-sdks.md §4.8)

/** `people.set(prop | {props}, to?)` and its siblings: traits from the object, or one `prop: to` pair. */
const profileSet = (at: number): CallSpec => ({ kind: 'identify', traits: `a${at}`, keyValue: { key: `a${at}`, value: `a${at + 1}` } });

const mixpanelBrowser: Record<string, MethodSpec> = {
  init: { kind: 'other', silent: true, returns: 'mixpanel' },
  track: { kind: 'track', event: 'a0', props: 'a1' },
  track_links: { kind: 'track', event: 'a1', props: 'a2' },
  track_forms: { kind: 'track', event: 'a1', props: 'a2' },
  track_pageview: { kind: 'page', props: 'a0' },
  identify: { kind: 'identify', identity: 'a0' },
  alias: { kind: 'alias', identity: 'a0', technique: 'identity-matching' },
  register: { kind: 'other', props: 'a0' },
  register_once: { kind: 'other', props: 'a0' },
  reset: { kind: 'reset' },
  set_group: { kind: 'group', identity: 'a1', named: { group_key: 'a0' } },
  add_group: { kind: 'group', identity: 'a1', named: { group_key: 'a0' } },
  get_group: { kind: 'other', silent: true, returns: 'group' },
  opt_in_tracking: { kind: 'consent' },
  opt_out_tracking: { kind: 'consent' },
  clear_opt_in_out_tracking: { kind: 'consent' },
  // The snippet's queue before the library loads: `mixpanel.push(['register', {...}])`.
  push: {
    dispatch: {
      at: 'a0[0]',
      cases: {
        track: { kind: 'track', event: 'a0[1]', props: 'a0[2]' },
        track_pageview: { kind: 'page', props: 'a0[1]' },
        identify: { kind: 'identify', identity: 'a0[1]' },
        alias: { kind: 'alias', identity: 'a0[1]', technique: 'identity-matching' },
        register: { kind: 'other', props: 'a0[1]' },
        register_once: { kind: 'other', props: 'a0[1]' },
        reset: { kind: 'reset' },
        opt_in_tracking: { kind: 'consent' },
        opt_out_tracking: { kind: 'consent' },
      },
    },
  },
};

export const mixpanel: SdkEntry = {
  id: 'mixpanel',
  name: 'Mixpanel (browser)',
  vendor: 'Mixpanel',
  category: 'product-analytics',
  modules: { 'mixpanel-browser': { default: 'mixpanel', '*': 'mixpanel' } },
  globals: { mixpanel: 'mixpanel' },
  types: {
    // Named instances (`mixpanel.init(token, cfg, 'marketing')` then `mixpanel.marketing.track(…)`) are any other member.
    mixpanel: { methods: mixpanelBrowser, members: { people: 'people', config: 'none', persistence: 'none', cookie: 'none' }, anyMember: 'mixpanel' },
    people: {
      methods: {
        set: profileSet(0),
        set_once: profileSet(0),
        increment: profileSet(0),
        append: profileSet(0),
        union: profileSet(0),
        remove: profileSet(0),
        unset: { kind: 'identify', traits: 'a0' },
        track_charge: { kind: 'track', event: { fixed: 'track_charge' }, named: { amount: 'a0' }, props: 'a1' },
      },
    },
    group: { methods: { set: { ...profileSet(0), kind: 'group' }, set_once: { ...profileSet(0), kind: 'group' }, union: { ...profileSet(0), kind: 'group' } } },
    none: {},
  },
  hosts: ['cdn.mxpnl.com', 'api-js.mixpanel.com', 'api.mixpanel.com', 'api-eu.mixpanel.com'],
  docs: 'tracking-sdks.md §4.8',
};

/** Node `mixpanel`: every profile call names the `distinct_id` first. */
const nodeProfileSet: CallSpec = { kind: 'identify', identity: 'a0', traits: 'a1', keyValue: { key: 'a1', value: 'a2' } };

export const mixpanelNode: SdkEntry = {
  id: 'mixpanel-node',
  name: 'Mixpanel (Node.js)',
  vendor: 'Mixpanel',
  category: 'product-analytics',
  modules: { mixpanel: { default: 'Mixpanel', '*': 'Mixpanel' } },
  types: {
    Mixpanel: { methods: { init: { kind: 'other', silent: true, returns: 'client' } } },
    client: {
      methods: {
        track: { kind: 'track', event: 'a0', props: 'a1', identity: 'a1.distinct_id' },
        import: { kind: 'track', event: 'a0', props: 'a2', identity: 'a2.distinct_id' },
        alias: { kind: 'alias', identity: 'a0', technique: 'identity-matching' },
      },
      members: { people: 'people', groups: 'groups' },
    },
    people: {
      methods: {
        set: nodeProfileSet,
        set_once: nodeProfileSet,
        increment: nodeProfileSet,
        append: nodeProfileSet,
        union: nodeProfileSet,
        remove: nodeProfileSet,
        unset: { kind: 'identify', identity: 'a0' },
        track_charge: { kind: 'track', event: { fixed: 'track_charge' }, identity: 'a0', named: { amount: 'a1' }, props: 'a2' },
        clear_charges: { kind: 'identify', identity: 'a0' },
        delete_user: { kind: 'other', identity: 'a0' },
      },
    },
    groups: {
      methods: {
        set: { kind: 'group', identity: 'a1', named: { group_key: 'a0' }, traits: 'a2', keyValue: { key: 'a2', value: 'a3' } },
        set_once: { kind: 'group', identity: 'a1', named: { group_key: 'a0' }, traits: 'a2', keyValue: { key: 'a2', value: 'a3' } },
      },
    },
  },
  hosts: ['api.mixpanel.com', 'api-eu.mixpanel.com'],
  docs: 'tracking-sdks.md §4.8',
};

// ---------------------------------------------------------------------------------------------
// Amplitude (§4.9): Browser SDK 2 (named / namespace imports, script loader global), legacy amplitude-js

const ampTrack: CallSpec = {
  kind: 'track',
  event: ['a0', 'a0.event_type'],
  props: ['a1', 'a0.event_properties'],
  identity: ['a2.user_id', 'a0.user_id', 'a2.device_id', 'a0.device_id'],
};

const amplitudeMethods: Record<string, MethodSpec> = {
  // React Native `init(apiKey, userId?, { trackingOptions: { adid: true } })` reads the Google advertising id
  // (tracking-techniques-b.md §B4.8).
  init: {
    kind: 'other',
    silent: true,
    switches: [
      { path: 'a2.trackingOptions.adid', technique: 'ad-id', when: 'truthy' },
      { path: 'a1.trackingOptions.adid', technique: 'ad-id', when: 'truthy' },
    ],
  },
  track: ampTrack,
  logEvent: ampTrack,
  // `identify(new Identify().set(…))`: the builder's values are not followed (properties stay open).
  identify: { kind: 'identify', traits: 'a0', identity: ['a1.user_id', 'a1.device_id'] },
  setUserId: { kind: 'identify', identity: 'a0' },
  setDeviceId: { kind: 'identify', identity: 'a0' },
  setUserProperties: { kind: 'identify', traits: 'a0' },
  setGroup: { kind: 'group', identity: 'a1', named: { group_type: 'a0' } },
  groupIdentify: { kind: 'group', identity: 'a1', named: { group_type: 'a0' }, traits: 'a2' },
  revenue: { kind: 'track', event: { fixed: 'revenue_amount' }, props: 'a0' },
  logRevenue: { kind: 'track', event: { fixed: 'revenue_amount' }, named: { price: 'a0', quantity: 'a1', product: 'a2' } },
  logRevenueV2: { kind: 'track', event: { fixed: 'revenue_amount' }, props: 'a0' },
  reset: { kind: 'reset' },
  regenerateDeviceId: { kind: 'reset' },
  setOptOut: { kind: 'consent' },
  createInstance: { kind: 'other', silent: true, returns: 'client' },
  getInstance: { kind: 'other', silent: true, returns: 'client' },
};
const amplitudeFns = functionExports('amplitude', amplitudeMethods);

export const amplitude: SdkEntry = {
  id: 'amplitude',
  name: 'Amplitude (Browser SDK 2, React Native, legacy amplitude-js)',
  vendor: 'Amplitude',
  category: 'product-analytics',
  modules: {
    '@amplitude/analytics-browser': amplitudeFns.exports,
    '@amplitude/analytics-react-native': amplitudeFns.exports,
    '@amplitude/marketing-analytics-browser': amplitudeFns.exports,
    'amplitude-js': { default: 'client', '*': 'client' },
  },
  globals: { amplitude: 'client' },
  types: {
    client: { methods: amplitudeMethods },
    ...amplitudeFns.types,
  },
  hosts: ['cdn.amplitude.com', 'api2.amplitude.com', 'api.eu.amplitude.com'],
  docs: 'tracking-sdks.md §4.9',
};

/** `@amplitude/analytics-node`: the identity sits in the event options (arg 2) or in the event object. */
const amplitudeNodeMethods: Record<string, MethodSpec> = {
  init: { kind: 'other', silent: true },
  track: ampTrack,
  identify: { kind: 'identify', traits: 'a0', identity: ['a1.user_id', 'a1.device_id'] },
  setGroup: { kind: 'group', identity: 'a1', named: { group_type: 'a0' } },
  groupIdentify: { kind: 'group', identity: 'a1', named: { group_type: 'a0' }, traits: 'a2' },
  revenue: { kind: 'track', event: { fixed: 'revenue_amount' }, props: 'a0', identity: ['a1.user_id', 'a1.device_id'] },
  setOptOut: { kind: 'consent' },
  createInstance: { kind: 'other', silent: true, returns: 'client' },
};
const amplitudeNodeFns = functionExports('amplitude-node', amplitudeNodeMethods);

export const amplitudeNode: SdkEntry = {
  id: 'amplitude-node',
  name: 'Amplitude (Node.js)',
  vendor: 'Amplitude',
  category: 'product-analytics',
  modules: {
    '@amplitude/analytics-node': amplitudeNodeFns.exports,
    // The older `@amplitude/node`: `Amplitude.init(KEY).logEvent({event_type, user_id, event_properties})`.
    '@amplitude/node': { init: 'legacyInit' },
  },
  types: {
    client: { methods: amplitudeNodeMethods },
    ...amplitudeNodeFns.types,
    legacyInit: { call: { kind: 'other', silent: true, returns: 'legacy' } },
    legacy: {
      methods: {
        logEvent: { kind: 'track', event: 'a0.event_type', props: 'a0.event_properties', identity: ['a0.user_id', 'a0.device_id'] },
        identify: { kind: 'identify', identity: ['a0', 'a1'], traits: 'a2' },
      },
    },
  },
  hosts: ['api2.amplitude.com', 'api.eu.amplitude.com'],
  docs: 'tracking-sdks.md §4.9',
};

// ---------------------------------------------------------------------------------------------
// Heap (§4.12)

const heapMethods: Record<string, MethodSpec> = {
  load: { kind: 'other', silent: true },
  init: { kind: 'other', silent: true },
  setAppId: { kind: 'other', silent: true },
  track: { kind: 'track', event: 'a0', props: 'a1' },
  identify: { kind: 'identify', identity: 'a0' },
  identifyHashed: { kind: 'identify', identity: 'a0' },
  addUserProperties: { kind: 'identify', traits: 'a0' },
  addEventProperties: { kind: 'other', props: 'a0' },
  resetIdentity: { kind: 'reset' },
  stopTracking: { kind: 'consent' },
  startTracking: { kind: 'consent' },
};

export const heap: SdkEntry = {
  id: 'heap',
  name: 'Heap',
  vendor: 'Heap (Contentsquare)',
  category: 'product-analytics',
  modules: { '@heap/react-native-heap': { default: 'heap', '*': 'heap' } },
  globals: { heap: 'heap' },
  types: { heap: { methods: heapMethods } },
  hosts: ['cdn.us.heap-api.com', 'cdn.heapanalytics.com', 'heapanalytics.com', 'c.us.heap-api.com'],
  docs: 'tracking-sdks.md §4.12',
};

// ---------------------------------------------------------------- OpenPanel

/**
 * OpenPanel (open-source product analytics): `@openpanel/web` / `@openpanel/nextjs` /
 * `@openpanel/sdk` / `@openpanel/react-native` export the `OpenPanel` class; Next.js adds the
 * `useOpenPanel()` hook. The script tag's `window.op` command queue is not catalogued: `op` is
 * far too common a word for the pre-filter.
 */
const openPanelClient: Record<string, CallSpec> = {
  track: { kind: 'track', event: 'a0', props: 'a1' },
  identify: { kind: 'identify', identity: 'a0.profileId', traits: 'a0' },
  alias: { kind: 'alias', identity: 'a0.profileId', technique: 'identity-matching' },
  screenView: { kind: 'page', event: 'a0', props: 'a1' },
  setGlobalProperties: { kind: 'other', props: 'a0' },
  increment: { kind: 'identify', identity: 'a0.profileId', traits: 'a0' },
  decrement: { kind: 'identify', identity: 'a0.profileId', traits: 'a0' },
  clear: { kind: 'reset' },
};

export const openpanel: SdkEntry = {
  id: 'openpanel',
  name: 'OpenPanel',
  vendor: 'OpenPanel',
  category: 'product-analytics',
  modules: Object.fromEntries(
    ['@openpanel/web', '@openpanel/nextjs', '@openpanel/sdk', '@openpanel/react-native', '@openpanel/express'].map((m) => [m, { OpenPanel: 'OpenPanel', useOpenPanel: 'useOpenPanel' }]),
  ),
  types: {
    OpenPanel: { construct: 'client' },
    useOpenPanel: { call: { kind: 'other', silent: true, returns: 'client' } },
    client: { methods: openPanelClient },
  },
  hosts: ['openpanel.dev', 'api.openpanel.dev'],
  docs: 'https://openpanel.dev/docs',
};
