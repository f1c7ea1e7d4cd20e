/**
 * React Native / Expo (tracking-techniques-b.md §B4): the tracking SDKs' React Native packages not
 * covered by their web entries, and the advertising-id readers (technique `ad-id`: reading the IDFA
 * / AAID, or an SDK call that makes the SDK read it). App Tracking Transparency permission requests
 * and status checks are guards, not tracking calls, and are not listed here. Firebase
 * (`@react-native-firebase/analytics`), Amplitude, PostHog and Heap React Native sit in their
 * entries; attribution SDKs in `attribution.ts`.
 */
import type { CallSpec, MethodSpec, SdkEntry } from '../types';

const AD_ID = 'ad-id' as const;
const readAdId: CallSpec = { kind: 'other', technique: AD_ID };

// ---------------------------------------------------------------- Segment (§B4.8)

/**
 * `createClient({ writeKey, collectDeviceId })` / `useAnalytics()`; `client.add({ plugin: new IdfaPlugin() })`
 * reads the IDFA into every event's context (and asks for ATT as soon as it is added).
 */
const segmentRnClient: Record<string, MethodSpec> = {
  track: { kind: 'track', event: 'a0', props: 'a1' },
  screen: { kind: 'page', event: 'a0', props: 'a1' },
  identify: { kind: 'identify', identity: 'a0', traits: 'a1' },
  group: { kind: 'group', identity: 'a0', traits: 'a1' },
  // `alias(newUserId)`: one argument in the RN SDK.
  alias: { kind: 'alias', identity: 'a0', technique: 'identity-matching' },
  reset: { kind: 'reset' },
  add: { kind: 'other', silent: true, switches: [{ path: 'a0.plugin', technique: AD_ID, matches: '\\b(?:IdfaPlugin|AdvertisingIdPlugin)\\b' }] },
};

export const segmentReactNative: SdkEntry = {
  id: 'segment-react-native',
  name: 'Segment Analytics React Native',
  vendor: 'Twilio Segment',
  category: 'analytics',
  modules: {
    '@segment/analytics-react-native': { createClient: 'createClient', useAnalytics: 'useAnalytics', SegmentClient: 'ClientClass' },
  },
  types: {
    createClient: { call: { kind: 'other', silent: true, returns: 'client' } },
    useAnalytics: { call: { kind: 'other', silent: true, returns: 'client' } },
    ClientClass: { construct: 'client' },
    client: { methods: segmentRnClient },
  },
  hosts: ['api.segment.io', 'cdn-settings.segment.com'],
  docs: 'tracking-techniques-b.md §B4.8',
};

// ---------------------------------------------------------------- Mixpanel React Native (§B4.8)

const mixpanelSet: CallSpec = { kind: 'identify', traits: 'a0', keyValue: { key: 'a0', value: 'a1' } };

export const mixpanelReactNative: SdkEntry = {
  id: 'mixpanel-react-native',
  name: 'Mixpanel React Native',
  vendor: 'Mixpanel',
  category: 'product-analytics',
  modules: { 'mixpanel-react-native': { Mixpanel: 'MixpanelClass', default: 'MixpanelClass' } },
  types: {
    // `const mp = new Mixpanel(token, trackAutomaticEvents); mp.init()`.
    MixpanelClass: { construct: 'client', methods: { init: { kind: 'other', silent: true, returns: 'client' } } },
    client: {
      methods: {
        init: { kind: 'other', silent: true },
        track: { kind: 'track', event: 'a0', props: 'a1' },
        identify: { kind: 'identify', identity: 'a0' },
        alias: { kind: 'alias', identity: 'a0', technique: 'identity-matching' },
        registerSuperProperties: { kind: 'other', props: 'a0' },
        registerSuperPropertiesOnce: { kind: 'other', props: 'a0' },
        getPeople: { kind: 'other', silent: true, returns: 'people' },
        reset: { kind: 'reset' },
        optOutTracking: { kind: 'consent' },
        optInTracking: { kind: 'consent' },
      },
    },
    people: { methods: { set: mixpanelSet, setOnce: mixpanelSet, increment: mixpanelSet } },
  },
  hosts: ['api.mixpanel.com', 'api-eu.mixpanel.com'],
  docs: 'tracking-techniques-b.md §B4.8',
};

// ---------------------------------------------------------------- Meta App Events: react-native-fbsdk-next (§B4.3)

/**
 * The SDK initialises natively and sends install / launch events with the advertising id: every
 * App Events call is technique `ad-id`. `logEvent(name, valueToSum?, params?)`: params shift right
 * when arg 1 is a number.
 */
const fbLogger: Record<string, MethodSpec> = {
  logEvent: { kind: 'track', event: 'a0', props: ['a2', 'a1'], technique: AD_ID },
  logPurchase: { kind: 'track', event: { fixed: 'fb_mobile_purchase' }, named: { amount: 'a0', currency: 'a1' }, props: 'a2', technique: AD_ID },
  logProductItem: { kind: 'track', event: { fixed: 'fb_mobile_catalog_update' }, named: { id: 'a0' }, technique: AD_ID },
  logPushNotificationOpen: { kind: 'track', event: { fixed: 'fb_mobile_push_opened' }, technique: AD_ID },
  // Advanced matching: hashed by the SDK.
  setUserData: { kind: 'identify', traits: 'a0', technique: 'identity-matching' },
  setUserID: { kind: 'identify', identity: 'a0' },
  clearUserID: { kind: 'reset' },
  getAdvertiserID: readAdId,
  getAttributionID: readAdId,
  getAnonymousID: { kind: 'other', silent: true },
  flush: { kind: 'other', silent: true },
  setFlushBehavior: { kind: 'other', silent: true },
};
/** `true` switches collection on (ad-id); anything else is the ATT hand-off or an opt-out (consent). */
const fbEnable: MethodSpec = { dispatch: { at: 'a0', cases: { true: readAdId, false: { kind: 'consent' } }, value: { kind: 'consent' }, default: { kind: 'consent' } } };
const fbSettings: Record<string, MethodSpec> = {
  initializeSDK: readAdId,
  setAdvertiserTrackingEnabled: fbEnable,
  setAdvertiserIDCollectionEnabled: fbEnable,
  setAutoLogAppEventsEnabled: { kind: 'consent' },
  setDataProcessingOptions: { kind: 'consent' },
  setAppID: { kind: 'other', silent: true },
  setClientToken: { kind: 'other', silent: true },
};
const fbsdkModule = { AppEventsLogger: 'AppEventsLogger', Settings: 'Settings' };

export const fbsdkReactNative: SdkEntry = {
  id: 'fbsdk-react-native',
  name: 'Meta SDK for React Native (react-native-fbsdk-next)',
  vendor: 'Meta',
  category: 'advertising',
  modules: { 'react-native-fbsdk-next': fbsdkModule, 'react-native-fbsdk': fbsdkModule },
  types: { AppEventsLogger: { methods: fbLogger }, Settings: { methods: fbSettings } },
  hosts: ['graph.facebook.com'],
  docs: 'tracking-techniques-b.md §B4.3',
};

// ---------------------------------------------------------------- Advertising-id readers (§B4.2, §B4.9)

export const expoTrackingTransparency: SdkEntry = {
  id: 'expo-tracking-transparency',
  name: 'expo-tracking-transparency (getAdvertisingId)',
  vendor: 'Expo',
  category: 'attribution',
  // The permission functions (`requestTrackingPermissionsAsync`, `getTrackingPermissionsAsync`) are guards.
  modules: { 'expo-tracking-transparency': { getAdvertisingId: 'getAdvertisingId', default: 'ns', '*': 'ns' } },
  types: { getAdvertisingId: { call: readAdId }, ns: { methods: { getAdvertisingId: readAdId } } },
  docs: 'tracking-techniques-b.md §B4.2',
};

export const idfaAaid: SdkEntry = {
  id: 'react-native-idfa-aaid',
  name: '@sparkfabrik/react-native-idfa-aaid',
  vendor: 'SparkFabrik',
  category: 'attribution',
  modules: { '@sparkfabrik/react-native-idfa-aaid': { default: 'reader', ReactNativeIdfaAaid: 'reader' } },
  types: { reader: { methods: { getAdvertisingInfo: readAdId, getAdvertisingInfoAndCheckAuthorization: readAdId } } },
  docs: 'tracking-techniques-b.md §B4.9',
};

export const reactNativeIdfa: SdkEntry = {
  id: 'react-native-idfa',
  name: 'react-native-idfa',
  vendor: 'react-native-idfa (open source)',
  category: 'attribution',
  modules: { 'react-native-idfa': { IDFA: 'IDFA', default: 'IDFA' } },
  types: { IDFA: { methods: { getIDFA: readAdId } } },
  docs: 'tracking-techniques-b.md §B4.9',
};

// ---------------------------------------------------------------- Google Mobile Ads (AdMob)

export const googleMobileAds: SdkEntry = {
  id: 'google-mobile-ads',
  name: 'Google Mobile Ads for React Native (AdMob)',
  vendor: 'Google',
  category: 'advertising',
  // `mobileAds().initialize()` starts the ad SDK, which reads the IDFA / AAID for ad requests.
  modules: { 'react-native-google-mobile-ads': { default: 'mobileAds', MobileAds: 'mobileAds' } },
  types: {
    mobileAds: { call: { kind: 'other', silent: true, returns: 'ads' } },
    ads: { methods: { initialize: readAdId, setRequestConfiguration: { kind: 'other', silent: true } } },
  },
  docs: 'https://docs.page/invertase/react-native-google-mobile-ads',
};
