/**
 * Mobile attribution SDKs for React Native (tracking-techniques-b.md §B4.5–§B4.7): they read the
 * IDFA / AAID (technique `ad-id`). The call that starts the SDK carries `ad-id`; where the SDK
 * starts natively (Branch) its calls carry it. Calls that hand the SDK a customer id or e-mail are
 * identity calls with technique `identity-matching`. Opt-out and consent calls are kind `consent`;
 * the ATT prompt helpers (`Adjust.requestAppTrackingAuthorization`, …) are guards, not listed.
 */
import type { CallSpec, MethodSpec, SdkEntry } from '../types';

const AD_ID = 'ad-id' as const;
const IM = 'identity-matching' as const;
const readAdId: CallSpec = { kind: 'other', technique: AD_ID };
const consent: CallSpec = { kind: 'consent' };

// ---------------------------------------------------------------- AppsFlyer (§B4.5)

const appsFlyerMethods: Record<string, MethodSpec> = {
  // `initSdk({ devKey, appId, manualStart? }, ok?, err?)` starts at once unless `manualStart: true` (then `startSdk()`).
  initSdk: { kind: 'other', silent: true, switches: [{ path: 'a0', technique: AD_ID, unless: { path: 'a0.manualStart', equals: 'true' } }] },
  startSdk: readAdId,
  logEvent: { kind: 'track', event: 'a0', props: 'a1' },
  setCustomerUserId: { kind: 'identify', identity: 'a0', technique: IM },
  setUserEmails: { kind: 'identify', traits: 'a0', technique: IM },
  setAdditionalData: { kind: 'identify', traits: 'a0', technique: IM },
  setPartnerData: { kind: 'other', keyValue: { key: 'a0', value: 'a1' } },
  getAppsFlyerUID: { kind: 'other', silent: true },
  stop: consent,
  anonymizeUser: consent,
  disableAdvertisingIdentifier: consent,
  disableIDFVCollection: consent,
  disableCollectASA: consent,
  setSharingFilterForPartners: consent,
  setSharingFilterForAllPartners: consent,
  enableTCFDataCollection: consent,
  setConsentData: consent,
};

export const appsflyer: SdkEntry = {
  id: 'appsflyer',
  name: 'AppsFlyer (react-native-appsflyer)',
  vendor: 'AppsFlyer',
  category: 'attribution',
  modules: { 'react-native-appsflyer': { default: 'appsFlyer', appsFlyer: 'appsFlyer' } },
  types: { appsFlyer: { methods: appsFlyerMethods } },
  hosts: ['appsflyer.com', 'appsflyersdk.com'],
  docs: 'tracking-techniques-b.md §B4.5',
};

// ---------------------------------------------------------------- Adjust (§B4.6)

const adjustMethods: Record<string, MethodSpec> = {
  // v5 `Adjust.initSdk(config)`, v4 `Adjust.create(config)`.
  initSdk: readAdId,
  create: readAdId,
  // The event token sits in `new AdjustEvent(token)`: not visible here.
  trackEvent: { kind: 'track' },
  getIdfa: readAdId,
  getGoogleAdId: readAdId,
  getAdid: readAdId,
  getIdfv: readAdId,
  getAmazonAdId: readAdId,
  addGlobalCallbackParameter: { kind: 'other', keyValue: { key: 'a0', value: 'a1' } },
  addSessionCallbackParameter: { kind: 'other', keyValue: { key: 'a0', value: 'a1' } },
  addGlobalPartnerParameter: { kind: 'other', keyValue: { key: 'a0', value: 'a1' } },
  addSessionPartnerParameter: { kind: 'other', keyValue: { key: 'a0', value: 'a1' } },
  disable: consent,
  switchToOfflineMode: consent,
  gdprForgetMe: consent,
  trackThirdPartySharing: consent,
  trackMeasurementConsent: consent,
  disableThirdPartySharing: consent,
};

export const adjust: SdkEntry = {
  id: 'adjust',
  name: 'Adjust (react-native-adjust)',
  vendor: 'Adjust',
  category: 'attribution',
  modules: { 'react-native-adjust': { Adjust: 'Adjust', AdjustConfig: 'AdjustConfigClass', default: 'Adjust' } },
  types: {
    Adjust: { methods: adjustMethods },
    // `new AdjustConfig(appToken, environment)`: `setExternalDeviceId(id)` joins the device to the app's own id.
    AdjustConfigClass: { construct: 'config' },
    config: {
      methods: {
        setExternalDeviceId: { kind: 'identify', identity: 'a0', technique: IM },
        disableIdfaReading: consent,
        disableGoogleAdIdReading: consent,
        disableAppTrackingTransparencyUsage: consent,
        enableCoppaCompliance: consent,
        enablePlayStoreKidsCompliance: consent,
      },
    },
  },
  hosts: ['app.adjust.com', 'app.adjust.net.in', 'app.eu.adjust.com'],
  docs: 'tracking-techniques-b.md §B4.6',
};

// ---------------------------------------------------------------- Branch (§B4.7)

export const branch: SdkEntry = {
  id: 'branch',
  name: 'Branch (react-native-branch)',
  vendor: 'Branch Metrics',
  category: 'attribution',
  modules: { 'react-native-branch': { default: 'branch', BranchEvent: 'BranchEventClass' } },
  types: {
    branch: {
      methods: {
        setIdentity: { kind: 'identify', identity: 'a0', technique: AD_ID },
        setIdentityAsync: { kind: 'identify', identity: 'a0', technique: AD_ID },
        logout: { kind: 'reset' },
        setRequestMetadata: { kind: 'other', keyValue: { key: 'a0', value: 'a1' } },
        handleATTAuthorizationStatus: consent,
        disableTracking: consent,
        setConsumerProtectionAttributionLevel: consent,
        setDMAParamsForEEA: consent,
      },
    },
    // `new BranchEvent(name, buo?, params?).logEvent()`: the event name sits in the constructor.
    BranchEventClass: { construct: 'branchEvent' },
    branchEvent: { methods: { logEvent: { kind: 'track', technique: AD_ID } } },
  },
  hosts: ['api2.branch.io', 'api.branch.io', 'app.link'],
  docs: 'tracking-techniques-b.md §B4.7',
};

// ---------------------------------------------------------------- Kochava and Singular (shapes from their React Native SDK docs†)

export const kochava: SdkEntry = {
  id: 'kochava',
  name: 'Kochava (react-native-kochava-tracker)',
  vendor: 'Kochava',
  category: 'attribution',
  modules: { 'react-native-kochava-tracker': { KochavaTracker: 'KochavaTracker', default: 'KochavaTracker' } },
  types: {
    KochavaTracker: { members: { instance: 'tracker' } },
    tracker: {
      methods: {
        start: readAdId,
        registerAndroidAppGuid: { kind: 'other', silent: true },
        registerIosAppGuid: { kind: 'other', silent: true },
        sendEventWithString: { kind: 'track', event: 'a0', named: { data: 'a1' } },
        sendEventWithDictionary: { kind: 'track', event: 'a0', props: 'a1' },
        registerIdentityLink: { kind: 'identify', identity: 'a1', named: { name: 'a0' }, technique: IM },
        setSleep: consent,
        shutdown: consent,
        setAppLimitAdTracking: consent,
      },
    },
  },
  hosts: ['control.kochava.com', 'kvinit-prod.api.kochava.com'],
  docs: 'https://support.kochava.com/sdk-integration/react-native-sdk-integration/',
};

export const singular: SdkEntry = {
  id: 'singular',
  name: 'Singular (singular-react-native)',
  vendor: 'Singular',
  category: 'attribution',
  modules: { 'singular-react-native': { Singular: 'Singular', SingularConfig: 'none' } },
  types: {
    Singular: {
      methods: {
        init: readAdId,
        event: { kind: 'track', event: 'a0' },
        eventWithArgs: { kind: 'track', event: 'a0', props: 'a1' },
        revenue: { kind: 'track', event: { fixed: '__iap__' }, named: { currency: 'a0', amount: 'a1' } },
        customRevenue: { kind: 'track', event: 'a0', named: { currency: 'a1', amount: 'a2' } },
        setCustomUserId: { kind: 'identify', identity: 'a0', technique: IM },
        unsetCustomUserId: { kind: 'reset' },
        limitDataSharing: consent,
        trackingOptIn: consent,
        trackingUnder13: consent,
        stopAllTracking: consent,
      },
    },
    none: {},
  },
  hosts: ['sdk-api-v1.singular.net'],
  docs: 'https://support.singular.net/hc/en-us/articles/360039991491',
};
