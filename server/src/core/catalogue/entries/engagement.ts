import type { CallSpec, MethodSpec, SdkEntry } from '../types';
import { functionExports } from './moduleFunctions';
import { objectStyleMethods, segmentStyleMethods } from './segment';

// ---------------------------------------------------------------- Pendo

/** `pendo.initialize / identify / updateOptions({ visitor: {id, email, …}, account: {id, …} })`. */
const pendoIdentity: CallSpec = { kind: 'identify', identity: ['a0.visitor.id', 'a0'], traits: ['a0.visitor', 'a0.account'], allProps: true };

export const pendo: SdkEntry = {
  id: 'pendo',
  name: 'Pendo',
  vendor: 'Pendo',
  category: 'product-analytics',
  globals: { pendo: 'pendo' },
  types: {
    pendo: {
      methods: {
        initialize: pendoIdentity,
        identify: pendoIdentity,
        updateOptions: pendoIdentity,
        track: { kind: 'track', event: 'a0', props: 'a1' },
        pageLoad: { kind: 'page' },
        stopSendingEvents: { kind: 'consent' },
        startSendingEvents: { kind: 'consent' },
        clearSession: { kind: 'reset' },
      },
    },
  },
  hosts: ['cdn.pendo.io'],
  docs: 'tracking-sdks.md §4.35',
};

// ---------------------------------------------------------------- Braze

const brazeFns: Record<string, MethodSpec> = {
  initialize: { kind: 'other', silent: true },
  openSession: { kind: 'other', silent: true },
  changeUser: { kind: 'identify', identity: 'a0' },
  logCustomEvent: { kind: 'track', event: 'a0', props: 'a1' },
  logPurchase: { kind: 'track', event: 'a0', props: 'a4', named: { price: 'a1', currency: 'a2', quantity: 'a3' } },
  logEcommerceEvent: { kind: 'track', event: 'a0.name', props: 'a0.properties' },
  getUser: { kind: 'other', silent: true, returns: 'user' },
  disableSDK: { kind: 'consent' },
  enableSDK: { kind: 'consent' },
  wipeData: { kind: 'consent' },
  logout: { kind: 'reset' },
};

const attr = (key: string, path = 'a0'): CallSpec => ({ kind: 'identify', named: { [key]: path } });
const customAttr: CallSpec = { kind: 'identify', keyValue: { key: 'a0', value: 'a1' } };
const brazeModule = functionExports('fn', brazeFns);

export const braze: SdkEntry = {
  id: 'braze',
  name: 'Braze Web SDK',
  vendor: 'Braze',
  category: 'marketing',
  modules: {
    '@braze/web-sdk': brazeModule.exports,
    '@braze/web-sdk-core': brazeModule.exports,
    'appboy-web-sdk': { default: 'client' },
  },
  globals: { braze: 'client', appboy: 'client' },
  types: {
    client: { methods: brazeFns },
    ...brazeModule.types,
    // `braze.getUser()`: the profile setters.
    user: {
      methods: {
        setEmail: attr('email'),
        setFirstName: attr('first_name'),
        setLastName: attr('last_name'),
        setPhoneNumber: attr('phone_number'),
        setGender: attr('gender'),
        setCountry: attr('country'),
        setHomeCity: attr('home_city'),
        setLanguage: attr('language'),
        setDateOfBirth: attr('date_of_birth'),
        setLineId: attr('line_id'),
        setLastKnownLocation: { kind: 'identify', named: { latitude: 'a0', longitude: 'a1' } },
        setCustomUserAttribute: customAttr,
        addToCustomAttributeArray: customAttr,
        removeFromCustomAttributeArray: customAttr,
        incrementCustomUserAttribute: customAttr,
        setCustomLocationAttribute: customAttr,
        addAlias: { kind: 'alias', identity: 'a0' },
        setEmailNotificationSubscriptionType: { kind: 'consent' },
        setPushNotificationSubscriptionType: { kind: 'consent' },
        addToSubscriptionGroup: { kind: 'consent' },
        removeFromSubscriptionGroup: { kind: 'consent' },
      },
    },
  },
  hosts: ['js.appboycdn.com'],
  docs: 'tracking-sdks.md §4.36',
};

// ---------------------------------------------------------------- Customer.io

export const customerio: SdkEntry = {
  id: 'customerio',
  name: 'Customer.io (track.js and Data Pipelines browser)',
  vendor: 'Customer.io',
  category: 'marketing',
  modules: { '@customerio/cdp-analytics-browser': { AnalyticsBrowser: 'AnalyticsBrowser' } },
  globals: { _cio: 'cio', cioanalytics: 'instance' },
  types: {
    cio: {
      methods: {
        identify: { kind: 'identify', identity: 'a0.id', traits: 'a0' },
        track: { kind: 'track', event: 'a0', props: 'a1' },
        page: { kind: 'page', event: 'a0', props: 'a1' },
      },
    },
    AnalyticsBrowser: { methods: { load: { kind: 'other', silent: true, returns: 'instance' } } },
    instance: { methods: { ...segmentStyleMethods, load: { kind: 'other', silent: true, returns: 'instance' } } },
  },
  hosts: ['assets.customer.io', 'cdp.customer.io', 'cdp-eu.customer.io'],
  docs: 'tracking-sdks.md §4.37',
};

export const customerioNode: SdkEntry = {
  id: 'customerio-node',
  name: 'Customer.io Node.js (Data Pipelines and Track API)',
  vendor: 'Customer.io',
  category: 'marketing',
  modules: {
    '@customerio/cdp-analytics-node': { Analytics: 'Analytics', default: 'Analytics' },
    'customerio-node': { TrackClient: 'TrackClient', APIClient: 'APIClient' },
  },
  types: {
    Analytics: { construct: 'client' },
    client: { methods: objectStyleMethods },
    TrackClient: { construct: 'track' },
    // `new TrackClient(siteId, apiKey)`: `cio.identify(id, attrs)`, `cio.track(id, { name, data })`.
    track: {
      methods: {
        identify: { kind: 'identify', identity: 'a0', traits: 'a1' },
        track: { kind: 'track', identity: 'a0', event: 'a1.name', props: 'a1.data' },
        trackAnonymous: { kind: 'track', identity: 'a0', event: 'a1.name', props: 'a1.data' },
        trackPageView: { kind: 'page', identity: 'a0', event: 'a1' },
        destroy: { kind: 'consent' },
        suppress: { kind: 'consent' },
        unsuppress: { kind: 'consent' },
        // Additions (tracking-techniques-a.md §A1.11): a device token; merging two profiles joins their histories.
        addDevice: { kind: 'identify', identity: 'a0', named: { device_id: 'a1', platform: 'a2' } },
        mergeCustomers: { kind: 'alias', identity: 'a3', named: { primary_id: 'a1' }, technique: 'identity-matching' },
      },
    },
    // Transactional API: `new APIClient(appKey).sendEmail(new SendEmailRequest({ …, tracked }))`; opens and
    // clicks are tracked unless `tracked: false` (§A3.1). The request object is only visible as source text.
    APIClient: { construct: 'api' },
    api: {
      methods: {
        sendEmail: { kind: 'other', silent: true, switches: [{ path: 'a0', technique: 'email-tracking', unless: { path: 'a0', matches: '\\btracked\\s*:\\s*false\\b' } }] },
        sendPush: { kind: 'other', silent: true },
      },
    },
  },
  docs: 'tracking-sdks.md §4.37, tracking-techniques-a.md §A1.11',
};

// ---------------------------------------------------------------- Klaviyo

export const klaviyo: SdkEntry = {
  id: 'klaviyo',
  name: 'Klaviyo onsite JavaScript',
  vendor: 'Klaviyo',
  category: 'marketing',
  globals: { klaviyo: 'klaviyo', _learnq: 'learnq' },
  types: {
    klaviyo: {
      methods: {
        identify: { kind: 'identify', traits: 'a0' },
        track: { kind: 'track', event: 'a0', props: 'a1' },
      },
    },
    learnq: {
      methods: {
        push: {
          dispatch: {
            at: 'a0[0]',
            cases: {
              identify: { kind: 'identify', traits: 'a0[1]' },
              track: { kind: 'track', event: 'a0[1]', props: 'a0[2]' },
              trackViewedItem: { kind: 'track', event: { fixed: 'trackViewedItem' }, props: 'a0[1]' },
            },
          },
        },
      },
    },
  },
  hosts: ['static.klaviyo.com'],
  docs: 'tracking-sdks.md §4.38',
};
