/**
 * Identity matching (tracking-techniques-b.md §B1): uploads of hashed contact data, click ids and
 * customer ids that join behaviour to a known person or to offline records, and the ID solutions
 * that turn an e-mail into a shared advertising id. Conversion APIs that are plain HTTP (TikTok,
 * LinkedIn, Snap, Pinterest, Reddit, GA4 Measurement Protocol, Meta's raw Graph API) are found by
 * the endpoint detector; enhanced conversions (`gtag('set', 'user_data', …)`) sit in the ga4 entry,
 * advanced matching in the pixel entries, `alias` in the CDP entries.
 *
 * Reported calls: one per upload. Meta's Conversions API builds `UserData` / `ServerEvent` /
 * `EventRequest` with chained setters that are silent; the upload is `EventRequest.execute()`, kind
 * `other`. Google Ads uploads are the service calls that send identifiers. ID-solution calls that
 * hand over an e-mail or phone are identity calls (kind `identify`, like advanced matching).
 */
import type { CallSpec, MethodSpec, SdkEntry, TypeSpec } from '../types';

const IM = 'identity-matching' as const;
const upload: CallSpec = { kind: 'other', technique: IM };

// ---------------------------------------------------------------- Meta Conversions API (§B1.1)

/** A builder whose setters (any of `names`) return the builder. */
function builder(self: string, names: string[], extra: Record<string, MethodSpec> = {}): TypeSpec {
  const methods: Record<string, MethodSpec> = {};
  for (const n of names) methods[n] = { kind: 'other', silent: true, returns: self };
  return { methods: { ...methods, ...extra } };
}

const USER_DATA_SETTERS = [
  'setEmail', 'setEmails', 'setPhone', 'setPhones', 'setExternalId', 'setExternalIds', 'setClientIpAddress', 'setClientUserAgent',
  'setFbp', 'setFbc', 'setFirstName', 'setFirstNames', 'setLastName', 'setLastNames', 'setDateOfBirth', 'setDatesOfBirth',
  'setGender', 'setGenders', 'setCity', 'setCities', 'setState', 'setStates', 'setZip', 'setZips', 'setCountry', 'setCountries',
  'setMadid', 'setAnonId', 'setFbLoginId', 'setLeadId', 'setCtwaClid', 'setSubscriptionId', 'setPageId', 'setF5first', 'setF5last',
  'setFi', 'setDobd', 'setDobm', 'setDoby', 'normalize',
];
const SERVER_EVENT_SETTERS = [
  'setEventName', 'setEventTime', 'setUserData', 'setCustomData', 'setEventSourceUrl', 'setActionSource', 'setEventId', 'setOptOut',
  'setDataProcessingOptions', 'setDataProcessingOptionsCountry', 'setDataProcessingOptionsState', 'setAppData', 'setAdvancedMeasurementTable',
  'setMessagingChannel', 'setOriginalEventData', 'setAttributionData',
];
const EVENT_REQUEST_SETTERS = ['setEvents', 'setTestEventCode', 'setPartnerAgent', 'setNamespaceId', 'setUploadId', 'setUploadTag', 'setUploadSource', 'setDebugMode', 'setHttpService'];
const META_CLASSES: Record<string, string> = {
  UserData: 'UserDataClass',
  ServerEvent: 'ServerEventClass',
  EventRequest: 'EventRequestClass',
  CustomData: 'CustomDataClass',
  Content: 'CustomDataClass',
  FacebookAdsApi: 'FacebookAdsApi',
  AdAccount: 'AdAccountClass',
  CustomAudience: 'CustomAudienceClass',
};

export const metaCapi: SdkEntry = {
  id: 'meta-capi',
  name: 'Meta Conversions API and Custom Audiences (facebook-nodejs-business-sdk)',
  vendor: 'Meta',
  category: 'advertising',
  modules: { 'facebook-nodejs-business-sdk': { ...META_CLASSES, default: 'ns', '*': 'ns' } },
  types: {
    ns: { members: META_CLASSES },
    UserDataClass: { construct: 'userData' },
    userData: builder('userData', USER_DATA_SETTERS),
    ServerEventClass: { construct: 'serverEvent' },
    serverEvent: builder('serverEvent', SERVER_EVENT_SETTERS),
    CustomDataClass: { construct: 'customData' },
    customData: { anyMember: 'customDataSetter' },
    customDataSetter: { call: { kind: 'other', silent: true, returns: 'customData' } },
    EventRequestClass: { construct: 'eventRequest' },
    // `new EventRequest(token, pixelId).setEvents([event]).execute()`: the upload.
    eventRequest: builder('eventRequest', EVENT_REQUEST_SETTERS, { execute: upload }),
    FacebookAdsApi: { methods: { init: { kind: 'other', silent: true } } },
    AdAccountClass: { construct: 'adAccount' },
    adAccount: { methods: { createCustomAudience: { kind: 'other', silent: true } } },
    // Customer list upload: `new CustomAudience(id).createUser([], { payload: { schema: ['EMAIL_SHA256'], data } })`.
    CustomAudienceClass: { construct: 'customAudience' },
    customAudience: { methods: { createUser: { kind: 'other', technique: IM, named: { schema: 'a1.payload.schema' } }, deleteUsers: { kind: 'consent' } } },
  },
  hosts: ['graph.facebook.com'],
  docs: 'tracking-techniques-b.md §B1.1',
};

// ---------------------------------------------------------------- Google Ads API (§B1.3)

export const googleAdsApi: SdkEntry = {
  id: 'google-ads-api',
  name: 'Google Ads API (google-ads-api, google-ads-node)',
  vendor: 'Google',
  category: 'advertising',
  modules: {
    'google-ads-api': { GoogleAdsApi: 'GoogleAdsApiClass', default: 'ns', '*': 'ns' },
  },
  types: {
    ns: { members: { GoogleAdsApi: 'GoogleAdsApiClass' } },
    GoogleAdsApiClass: { construct: 'api' },
    api: { methods: { Customer: { kind: 'other', silent: true, returns: 'customer' } } },
    customer: {
      members: {
        conversionUploads: 'conversionUploads',
        conversionAdjustmentUploads: 'adjustments',
        offlineUserDataJobs: 'offlineJobs',
        userData: 'userData',
      },
    },
    // Offline / enhanced conversions for leads: click ids and hashed identifiers per conversion.
    conversionUploads: { methods: { uploadClickConversions: upload, uploadCallConversions: upload } },
    adjustments: { methods: { uploadConversionAdjustments: upload } },
    // Customer Match and store-sales uploads: create a job (silent), add hashed identifiers (the upload), run it.
    offlineJobs: {
      methods: {
        createOfflineUserDataJob: { kind: 'other', silent: true },
        addOfflineUserDataJobOperations: upload,
        addOperations: upload,
        runOfflineUserDataJob: { kind: 'other', silent: true },
      },
    },
    userData: { methods: { uploadUserData: upload } },
  },
  hosts: ['googleads.googleapis.com'],
  docs: 'tracking-techniques-b.md §B1.3',
};

// ---------------------------------------------------------------- LiveRamp ATS (§B1.10)

/** Settings of `ats.start` that are not identity. */
const ATS_SETTINGS = ['placementID', 'storageType', 'detectionType', 'cssSelectors', 'logging', 'urlParameter', 'detectDynamicNodes', 'accountID', 'customerIDRegex', 'consent'];

export const liverampAts: SdkEntry = {
  id: 'liveramp-ats',
  name: 'LiveRamp Authenticated Traffic Solution (ATS.js)',
  vendor: 'LiveRamp',
  category: 'identity',
  globals: { ats: 'ats' },
  types: {
    ats: {
      methods: {
        // Turns a logged-in e-mail (given, hashed, or scraped from the page) into a RampID envelope.
        start: { kind: 'identify', identity: ['a0.email', 'a0.emailHashes', 'a0.phoneNumber'], traits: 'a0', exclude: ATS_SETTINGS, technique: IM },
        setAdditionalData: { kind: 'identify', identity: 'a0.id', named: { type: 'a0.type' }, technique: IM },
        retrieveEnvelope: { kind: 'other', silent: true },
        invalidateEnvelope: { kind: 'reset' },
      },
    },
  },
  hosts: ['ats.rlcdn.com', 'ats-wrapper.privacymanager.io', 'launchpad-wrapper.privacymanager.io', 'api.rlcdn.com'],
  docs: 'tracking-techniques-b.md §B1.10',
};

// ---------------------------------------------------------------- UID2 / EUID (§B1.11)

const uid2Identity: CallSpec = { kind: 'identify', identity: 'a0', technique: IM };
const uid2Methods: Record<string, MethodSpec> = {
  // Starts refreshing a stored (or given) identity: the token rides the bid stream.
  init: upload,
  setIdentityFromEmail: uid2Identity,
  setIdentityFromEmailHash: uid2Identity,
  setIdentityFromPhone: uid2Identity,
  setIdentityFromPhoneHash: uid2Identity,
  setIdentity: uid2Identity,
  disconnect: { kind: 'reset' },
  getAdvertisingToken: { kind: 'other', silent: true },
  getAdvertisingTokenAsync: { kind: 'other', silent: true },
};
const uid2Types: Record<string, TypeSpec> = { client: { methods: uid2Methods }, ClientClass: { construct: 'client' } };

export const uid2: SdkEntry = {
  id: 'uid2',
  name: 'Unified ID 2.0 (UID2) SDK',
  vendor: 'The Trade Desk',
  category: 'identity',
  modules: { '@uid2/uid2-sdk': { UID2: 'ClientClass', default: 'ClientClass' } },
  globals: { __uid2: 'client' },
  types: uid2Types,
  hosts: ['cdn.prod.uidapi.com', 'prod.uidapi.com', 'cdn.integ.uidapi.com'],
  docs: 'tracking-techniques-b.md §B1.11',
};

export const euid: SdkEntry = {
  id: 'euid',
  name: 'European Unified ID (EUID) SDK',
  vendor: 'The Trade Desk',
  category: 'identity',
  modules: { '@unified-id/euid-sdk': { EUID: 'ClientClass', default: 'ClientClass' } },
  globals: { __euid: 'client' },
  types: uid2Types,
  hosts: ['cdn.prod.euid.eu', 'prod.euid.eu'],
  docs: 'tracking-techniques-b.md §B1.11',
};

// ---------------------------------------------------------------- ID5 (§B1.12)

export const id5: SdkEntry = {
  id: 'id5',
  name: 'ID5 universal ID',
  vendor: 'ID5',
  category: 'identity',
  modules: { '@id5io/id5-api.js': { default: 'ID5', ID5: 'ID5' } },
  globals: { ID5: 'ID5' },
  types: {
    // `ID5.init({ partnerId, pd, partnerUserId })`: `pd` carries the hashed e-mail.
    ID5: { methods: { init: { kind: 'other', technique: IM, named: { pd: 'a0.pd', partnerUserId: 'a0.partnerUserId' } }, refreshId: { kind: 'other', silent: true } } },
  },
  hosts: ['cdn.id5-sync.com', 'id5-sync.com'],
  docs: 'tracking-techniques-b.md §B1.12',
};

// ---------------------------------------------------------------- Prebid.js User ID modules (§B1.13)

export const prebid: SdkEntry = {
  id: 'prebid',
  name: 'Prebid.js (User ID modules)',
  vendor: 'Prebid.org',
  category: 'advertising',
  modules: { 'prebid.js': { default: 'pbjs', '*': 'pbjs' } },
  globals: { pbjs: 'pbjs' },
  types: {
    pbjs: {
      methods: {
        // `setConfig({ userSync: { userIds: [{ name: 'uid2' | 'identityLink' | 'id5Id' | 'sharedId', params }] } })`.
        setConfig: { kind: 'other', silent: true, switches: [{ path: 'a0.userSync.userIds', technique: IM }] },
        mergeConfig: { kind: 'other', silent: true, switches: [{ path: 'a0.userSync.userIds', technique: IM }] },
      },
    },
  },
  docs: 'tracking-techniques-b.md §B1.13',
};
