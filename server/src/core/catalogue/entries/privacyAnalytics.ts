import type { CallSpec, MethodSpec, SdkEntry } from '../types';
import { functionExports } from './moduleFunctions';

// ---------------------------------------------------------------- Plausible

/** `plausible(name, { props, revenue, callback, interactive })`. */
const plausibleEvent: CallSpec = { kind: 'track', event: 'a0', props: 'a1.props', named: { revenue: 'a1.revenue' } };

export const plausible: SdkEntry = {
  id: 'plausible',
  name: 'Plausible Analytics',
  vendor: 'Plausible',
  category: 'analytics',
  modules: {
    '@plausible-analytics/tracker': { init: 'init', track: 'fn' },
    'plausible-tracker': { default: 'Plausible' },
    'next-plausible': { usePlausible: 'usePlausible' },
  },
  globals: { plausible: 'fn' },
  types: {
    fn: { call: plausibleEvent },
    // `init({ domain, customProperties })`: only the custom properties (sent with every event) matter.
    init: { call: { kind: 'other', props: 'a0.customProperties', requireKeys: { path: 'a0', keys: ['customProperties'] } } },
    Plausible: { call: { kind: 'other', silent: true, returns: 'tracker' } },
    tracker: {
      methods: {
        trackEvent: plausibleEvent,
        trackPageview: { kind: 'page', props: 'a1.props' },
        enableAutoPageviews: { kind: 'page' },
      },
    },
    usePlausible: { call: { kind: 'other', silent: true, returns: 'fn' } },
  },
  hosts: ['plausible.io'],
  docs: 'tracking-sdks.md §4.28',
};

// ---------------------------------------------------------------- Fathom

const fathomFns: Record<string, MethodSpec> = {
  trackEvent: { kind: 'track', event: 'a0', props: 'a1' },
  trackGoal: { kind: 'track', event: 'a0', named: { value: 'a1' } },
  trackPageview: { kind: 'page', props: 'a0' },
  blockTrackingForMe: { kind: 'consent' },
  enableTrackingForMe: { kind: 'consent' },
};
const fathomModule = functionExports('fathom', { ...fathomFns, load: { kind: 'other', silent: true }, setSite: { kind: 'other', silent: true } });

export const fathom: SdkEntry = {
  id: 'fathom',
  name: 'Fathom Analytics',
  vendor: 'Fathom',
  category: 'analytics',
  modules: { 'fathom-client': fathomModule.exports },
  globals: { fathom: 'client' },
  types: { client: { methods: fathomFns }, ...fathomModule.types },
  hosts: ['cdn.usefathom.com'],
  docs: 'tracking-sdks.md §4.29',
};

// ---------------------------------------------------------------- Umami

/** `umami.track()` / `track(payload | fn)` is a page view, `track(name, data)` an event. */
const umamiTrack: MethodSpec = {
  dispatch: {
    at: 'a0',
    cases: {},
    default: { kind: 'track', event: 'a0', props: 'a1' },
    object: { kind: 'page', props: 'a0' },
    value: { kind: 'track', event: 'a0', props: 'a1' },
    absent: { kind: 'page' },
  },
};

export const umami: SdkEntry = {
  id: 'umami',
  name: 'Umami',
  vendor: 'Umami',
  category: 'analytics',
  modules: { '@umami/node': { default: 'node', Umami: 'Umami' } },
  globals: { umami: 'client' },
  types: {
    client: {
      methods: {
        track: umamiTrack,
        identify: { kind: 'identify', identity: 'a0', traits: 'a1', identityMayBeTraits: true },
      },
    },
    Umami: { construct: 'node' },
    node: {
      methods: {
        init: { kind: 'other', silent: true },
        track: umamiTrack,
        identify: { kind: 'identify', traits: 'a0' },
        send: { kind: 'track', event: 'a0.name', props: 'a0.data' },
        reset: { kind: 'reset' },
      },
    },
  },
  hosts: ['cloud.umami.is'],
  docs: 'tracking-sdks.md §4.30',
};

// ---------------------------------------------------------------- Simple Analytics

const saClient = functionExports('next', {
  trackEvent: { kind: 'track', event: 'a0', props: 'a1' },
  trackPageview: { kind: 'page', event: 'a0', props: 'a1' },
});
const saServer = functionExports('server', {
  trackEvent: { kind: 'track', event: 'a0', props: 'a1.metadata' },
  trackPageview: { kind: 'page', event: 'a0.path', props: 'a0.metadata' },
});

export const simpleAnalytics: SdkEntry = {
  id: 'simple-analytics',
  name: 'Simple Analytics',
  vendor: 'Simple Analytics',
  category: 'analytics',
  modules: { '@simpleanalytics/next': saClient.exports, '@simpleanalytics/next/server': saServer.exports },
  globals: { sa_event: 'sa_event', sa_pageview: 'sa_pageview' },
  types: {
    sa_event: { call: { kind: 'track', event: 'a0', props: 'a1' } },
    sa_pageview: { call: { kind: 'page', event: 'a0' } },
    ...saClient.types,
    ...saServer.types,
  },
  hosts: ['scripts.simpleanalyticscdn.com'],
  docs: 'tracking-sdks.md §4.31',
};

// ---------------------------------------------------------------- Vercel Web Analytics

const vercelClient = functionExports('va', {
  track: { kind: 'track', event: 'a0', props: 'a1' },
  pageview: { kind: 'page', event: ['a0.route', 'a0.path'] },
  inject: { kind: 'other', silent: true },
  injectAnalytics: { kind: 'other', silent: true },
});

export const vercelAnalytics: SdkEntry = {
  id: 'vercel-analytics',
  name: 'Vercel Web Analytics',
  vendor: 'Vercel',
  category: 'analytics',
  modules: {
    '@vercel/analytics': { track: 'va.track', pageview: 'va.pageview', inject: 'va.inject', default: 'generic' },
    '@vercel/analytics/react': { track: 'va.track' },
    '@vercel/analytics/sveltekit': { track: 'va.track', injectAnalytics: 'va.injectAnalytics' },
    '@vercel/analytics/server': { track: 'va.track' },
  },
  globals: { va: 'va' },
  types: {
    ...vercelClient.types,
    generic: { methods: { track: { kind: 'track', event: 'a0', props: 'a1' }, pageview: { kind: 'page', event: ['a0.route', 'a0.path'] }, inject: { kind: 'other', silent: true } } },
    // What the package itself queues: `window.va('event', { name, data })`, `window.va('pageview', { route, path })`.
    va: {
      call: {
        dispatch: {
          at: 'a0',
          cases: {
            event: { kind: 'track', event: 'a1.name', props: 'a1.data' },
            pageview: { kind: 'page', event: ['a1.route', 'a1.path'] },
          },
        },
      },
    },
  },
  docs: 'tracking-sdks.md §4.32',
};
