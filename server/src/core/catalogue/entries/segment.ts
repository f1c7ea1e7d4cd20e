import type { CallSpec, MethodSpec, SdkEntry, TypeSpec } from '../types';
import { functionExports } from './moduleFunctions';

/** Segment-style browser method table (analytics.js, also used by RudderStack, Customer.io CDP). */
export const segmentStyleMethods: Record<string, CallSpec> = {
  track: { kind: 'track', event: 'a0', props: 'a1' },
  // `page(category?, name?, properties?)`: arguments shift left when omitted, `page({path})` is properties only.
  page: { kind: 'page', event: ['a1', 'a0'], props: ['a2', 'a1', 'a0'] },
  screen: { kind: 'page', event: ['a1', 'a0'], props: ['a2', 'a1', 'a0'] },
  identify: { kind: 'identify', identity: 'a0', traits: 'a1', identityMayBeTraits: true },
  group: { kind: 'group', identity: 'a0', traits: 'a1' },
  alias: { kind: 'alias', identity: 'a0', technique: 'identity-matching' },
  reset: { kind: 'reset' },
  trackLink: { kind: 'track', event: 'a1', props: 'a2' },
  trackForm: { kind: 'track', event: 'a1', props: 'a2' },
  trackClick: { kind: 'track', event: 'a1', props: 'a2' },
  trackSubmit: { kind: 'track', event: 'a1', props: 'a2' },
};

/** Object-argument server SDK method table (`@segment/analytics-node` and look-alikes). */
export const objectStyleMethods: Record<string, CallSpec> = {
  track: { kind: 'track', event: 'a0.event', props: 'a0.properties', identity: 'a0.userId' },
  page: { kind: 'page', event: 'a0.name', props: 'a0.properties', identity: 'a0.userId' },
  screen: { kind: 'page', event: 'a0.name', props: 'a0.properties', identity: 'a0.userId' },
  identify: { kind: 'identify', identity: 'a0.userId', traits: 'a0.traits' },
  group: { kind: 'group', identity: 'a0.groupId', traits: 'a0.traits' },
  alias: { kind: 'alias', identity: 'a0.userId', technique: 'identity-matching' },
};

/** Server SDKs: `objectStyleMethods` with the anonymous id as fallback identity. */
const nodeMethods: Record<string, CallSpec> = {
  ...objectStyleMethods,
  track: { ...objectStyleMethods.track, identity: ['a0.userId', 'a0.anonymousId'] },
  page: { ...objectStyleMethods.page, identity: ['a0.userId', 'a0.anonymousId'] },
  identify: { ...objectStyleMethods.identify, identity: ['a0.userId', 'a0.anonymousId'] },
};

const browser: TypeSpec = {
  methods: {
    ...segmentStyleMethods,
    setAnonymousId: { kind: 'identify', identity: 'a0' },
    pageview: { kind: 'page', event: 'a0' },
    load: { kind: 'other', silent: true, returns: 'instance' },
  },
};

export const segment: SdkEntry = {
  id: 'segment',
  name: 'Segment Analytics.js',
  vendor: 'Twilio Segment',
  category: 'analytics',
  modules: {
    '@segment/analytics-next': { AnalyticsBrowser: 'AnalyticsBrowser' },
    '@segment/analytics.js-core': { default: 'instance', '*': 'instance' },
    'analytics.js': { default: 'instance', '*': 'instance' },
  },
  globals: { analytics: 'instance' },
  types: {
    AnalyticsBrowser: { methods: { load: { kind: 'other', silent: true, returns: 'instance' }, standalone: { kind: 'other', silent: true, returns: 'instance' } }, construct: 'instance' },
    instance: browser,
  },
  hosts: ['cdn.segment.com', 'api.segment.io'],
  docs: 'tracking-sdks.md §4.5',
};

export const segmentNode: SdkEntry = {
  id: 'segment-node',
  name: 'Segment Node.js',
  vendor: 'Twilio Segment',
  category: 'analytics',
  modules: {
    '@segment/analytics-node': { Analytics: 'Analytics' },
    'analytics-node': { default: 'Analytics', '*': 'Analytics' },
  },
  types: {
    Analytics: { construct: 'client' },
    client: { methods: nodeMethods },
  },
  hosts: ['api.segment.io'],
  docs: 'tracking-sdks.md §4.6',
};

// ---------------------------------------------------------------------------------------------
// RudderStack (§4.7): Segment-compatible browser API; the node SDK takes Segment-node style objects.

const rudderBrowser: Record<string, MethodSpec> = {
  ...segmentStyleMethods,
  setAnonymousId: { kind: 'identify', identity: 'a0' },
  consent: { kind: 'consent' },
  load: { kind: 'other', silent: true },
};
const rudderFns = functionExports('rudder-sdk-js', rudderBrowser);

export const rudderstack: SdkEntry = {
  id: 'rudderstack',
  name: 'RudderStack JavaScript SDK',
  vendor: 'RudderStack',
  category: 'analytics',
  modules: {
    '@rudderstack/analytics-js': { RudderAnalytics: 'RudderAnalytics' },
    // Deprecated v1.1 package: the module itself is the SDK (`import * as rudderanalytics`), or named functions.
    'rudder-sdk-js': { ...rudderFns.exports, '*': 'instance' },
    '@rudderstack/rudder-sdk-node': { default: 'RudderNode', '*': 'RudderNode' },
  },
  globals: { rudderanalytics: 'instance' },
  types: {
    RudderAnalytics: { construct: 'instance' },
    instance: { methods: rudderBrowser },
    ...rudderFns.types,
    RudderNode: { construct: 'nodeClient' },
    nodeClient: { methods: nodeMethods },
  },
  hosts: ['cdn.rudderlabs.com'],
  docs: 'tracking-sdks.md §4.7',
};
