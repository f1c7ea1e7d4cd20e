import type { CallSpec, SdkEntry } from '../types';

const track: CallSpec = { kind: 'track', event: 'a0', props: 'a1' };
const page: CallSpec = { kind: 'page', props: 'a0' };
const identify: CallSpec = { kind: 'identify', identity: 'a0', traits: 'a1' };
const core = { default: 'Analytics', Analytics: 'Analytics', init: 'Analytics' };

export const getanalytics: SdkEntry = {
  id: 'getanalytics',
  name: 'getanalytics (analytics, use-analytics)',
  vendor: 'DavidWells/analytics',
  category: 'analytics',
  modules: {
    analytics: core,
    '@analytics/core': core,
    'use-analytics': { useAnalytics: 'useAnalytics', useTrack: 'useTrack', usePage: 'usePage', useIdentify: 'useIdentify' },
  },
  types: {
    // `Analytics({ app, plugins: [...] })`.
    Analytics: { call: { kind: 'other', silent: true, returns: 'instance' } },
    instance: {
      methods: { track, page, identify, reset: { kind: 'reset' } },
      members: { plugins: 'plugins' },
    },
    // Plugin toggles are how consent is applied.
    plugins: { methods: { enable: { kind: 'consent' }, disable: { kind: 'consent' } } },
    useAnalytics: { call: { kind: 'other', silent: true, returns: 'instance' } },
    useTrack: { call: { kind: 'other', silent: true, returns: 'trackFn' } },
    usePage: { call: { kind: 'other', silent: true, returns: 'pageFn' } },
    useIdentify: { call: { kind: 'other', silent: true, returns: 'identifyFn' } },
    trackFn: { call: track },
    pageFn: { call: page },
    identifyFn: { call: identify },
  },
  docs: 'tracking-sdks.md §4.42',
};
