import type { CallSpec, MethodSpec, SdkEntry, TypeSpec } from '../types';
import { functionExports } from './moduleFunctions';

const consent: CallSpec = { kind: 'consent' };

/** Modular API: the `Analytics` instance comes first, `logEvent(analytics, name, params)`. */
const modular = functionExports('fn', {
  logEvent: { kind: 'track', event: 'a1', props: 'a2' },
  // `setUserId(analytics, null)` clears the user ID.
  setUserId: {
    dispatch: { at: 'a1', cases: { null: { kind: 'reset' } }, default: { kind: 'identify', identity: 'a1' }, value: { kind: 'identify', identity: 'a1' } },
  },
  setUserProperties: { kind: 'identify', traits: 'a1' },
  setDefaultEventParameters: { kind: 'other', props: 'a0' },
  setCurrentScreen: { kind: 'page', event: 'a1' },
  setConsent: consent,
  setAnalyticsCollectionEnabled: consent,
});

/** Namespaced (compat / v8) and React Native API: no instance argument. */
const namespaced: Record<string, MethodSpec> = {
  logEvent: { kind: 'track', event: 'a0', props: 'a1' },
  setUserId: { kind: 'identify', identity: 'a0' },
  setUserProperties: { kind: 'identify', traits: 'a0' },
  setCurrentScreen: { kind: 'page', event: 'a0' },
  setAnalyticsCollectionEnabled: consent,
};

/** React Native Firebase modular API: the web functions, with events of technique `ad-id` (see `rnModule`). */
const rnModular = functionExports('rnfn', {
  ...Object.fromEntries(Object.entries(modular.types).map(([k, t]) => [k.slice('fn.'.length), t.call as MethodSpec])),
  logEvent: { kind: 'track', event: 'a1', props: 'a2', technique: 'ad-id' },
  logScreenView: { kind: 'page', event: 'a1.screen_name', props: 'a1', technique: 'ad-id' },
  ...Object.fromEntries(
    ['WithEmailAddress', 'WithHashedEmailAddress', 'WithPhoneNumber', 'WithHashedPhoneNumber'].map((k) => [`initiateOnDeviceConversionMeasurement${k}`, { kind: 'identify', identity: 'a1', technique: 'identity-matching' } as CallSpec]),
  ),
});

const compatApp: TypeSpec = {
  methods: {
    analytics: { kind: 'other', silent: true, returns: 'compatAnalytics' },
    initializeApp: { kind: 'other', silent: true, returns: 'compatApp' },
  },
};

export const firebaseAnalytics: SdkEntry = {
  id: 'firebase-analytics',
  name: 'Google Analytics for Firebase',
  vendor: 'Google',
  category: 'analytics',
  modules: {
    'firebase/analytics': modular.exports,
    '@firebase/analytics': modular.exports,
    'firebase/compat/app': { default: 'compatApp' },
    'firebase/app': { default: 'compatApp' },
    firebase: { default: 'compatApp' },
    '@react-native-firebase/analytics': { ...rnModular.exports, default: 'rnAnalytics' },
  },
  globals: { firebase: 'compatApp' },
  types: {
    ...modular.types,
    ...rnModular.types,
    compatApp,
    compatAnalytics: { methods: namespaced },
    // React Native Firebase: `analytics().logEvent(name, params)`.
    rnAnalytics: { call: { kind: 'other', silent: true, returns: 'rnModule' } },
    // The native SDK collects the advertising id with every event (`google_analytics_adid_collection_enabled`
    // defaults to true): React Native events are technique `ad-id` (tracking-techniques-b.md §B4.4, §B6).
    rnModule: {
      methods: {
        ...namespaced,
        logEvent: { kind: 'track', event: 'a0', props: 'a1', technique: 'ad-id' },
        // iOS on-device conversion measurement: the e-mail / phone is matched against Google accounts.
        ...Object.fromEntries(
          ['WithEmailAddress', 'WithHashedEmailAddress', 'WithPhoneNumber', 'WithHashedPhoneNumber'].map((k) => [`initiateOnDeviceConversionMeasurement${k}`, { kind: 'identify', identity: 'a0', technique: 'identity-matching' } as CallSpec]),
        ),
        setUserProperty: { kind: 'identify', keyValue: { key: 'a0', value: 'a1' } },
        logScreenView: { kind: 'page', event: 'a0.screen_name', props: 'a0', technique: 'ad-id' },
        setConsent: consent,
        resetAnalyticsData: { kind: 'reset' },
      },
    },
  },
  docs: 'tracking-sdks.md §4.41',
};
