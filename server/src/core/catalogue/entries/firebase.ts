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
    '@react-native-firebase/analytics': { ...modular.exports, default: 'rnAnalytics' },
  },
  globals: { firebase: 'compatApp' },
  types: {
    ...modular.types,
    compatApp,
    compatAnalytics: { methods: namespaced },
    // React Native Firebase: `analytics().logEvent(name, params)`.
    rnAnalytics: { call: { kind: 'other', silent: true, returns: 'rnModule' } },
    rnModule: {
      methods: {
        ...namespaced,
        setUserProperty: { kind: 'identify', keyValue: { key: 'a0', value: 'a1' } },
        logScreenView: { kind: 'page', event: 'a0.screen_name', props: 'a0' },
        setConsent: consent,
        resetAnalyticsData: { kind: 'reset' },
      },
    },
  },
  docs: 'tracking-sdks.md §4.41',
};
