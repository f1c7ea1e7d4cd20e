import type { CallSpec, SdkEntry, TypeSpec } from '../types';

/** Segment-style browser method table (analytics.js, also used by RudderStack, Customer.io CDP). */
export const segmentStyleMethods: Record<string, CallSpec> = {
  track: { kind: 'track', event: 'a0', props: 'a1' },
  page: { kind: 'page', event: ['a1', 'a0'], props: ['a2', 'a1'] },
  screen: { kind: 'page', event: ['a1', 'a0'], props: ['a2', 'a1'] },
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

const browser: TypeSpec = { methods: { ...segmentStyleMethods, load: { kind: 'other', silent: true, returns: 'instance' } } };

export const segment: SdkEntry = {
  id: 'segment',
  name: 'Segment Analytics.js',
  vendor: 'Twilio Segment',
  category: 'analytics',
  modules: {
    '@segment/analytics-next': { AnalyticsBrowser: 'AnalyticsBrowser' },
    '@segment/analytics.js-core': { default: 'instance' },
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
    'analytics-node': { default: 'Analytics' },
  },
  types: {
    Analytics: { construct: 'client' },
    client: { methods: objectStyleMethods },
  },
  docs: 'tracking-sdks.md §4.6',
};
