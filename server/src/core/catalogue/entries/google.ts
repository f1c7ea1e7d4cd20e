import type { CallSpec, DispatchSpec, MethodSpec, SdkEntry } from '../types';
import { functionExports } from './moduleFunctions';

// ---------------------------------------------------------------------------------------------
// Google tag (gtag.js): GA4, Google Ads, Floodlight (tracking-sdks.md §4.1) and GA wrappers (§4.3)

/** Keys that make a `config` / `set` call carry identity. */
const GTAG_IDENTITY_KEYS = ['user_id', 'user_properties', 'user_data'];

const gtagConfig: CallSpec = { kind: 'identify', identity: 'a2.user_id', traits: 'a2', requireKeys: { path: 'a2', keys: GTAG_IDENTITY_KEYS } };

/** `gtag(command, …)` commands; also reached through `ReactGA.gtag(…)`, `sendGAEvent(…)` and vue-gtag `query(…)`. */
const gtagCommands: Record<string, MethodSpec> = {
  // Enhanced conversions (tracking-techniques-b.md §B1.2): `user_data` in event or config params is identity matching.
  event: { kind: 'track', event: 'a1', props: 'a2', switches: [{ path: 'a2.user_data', technique: 'identity-matching' }] },
  config: {
    dispatch: {
      at: 'a2',
      cases: {},
      objectKeys: {
        user_data: { kind: 'identify', identity: 'a2.user_id', traits: 'a2', technique: 'identity-matching' },
        // `gtag('config', 'AW-…', { allow_enhanced_conversions: true })` lets `user_data` ride with Ads conversions.
        allow_enhanced_conversions: { kind: 'other', silent: true, switches: [{ path: 'a2.allow_enhanced_conversions', technique: 'identity-matching', when: 'truthy' }] },
      },
      object: gtagConfig,
      value: gtagConfig,
      absent: gtagConfig,
    },
  },
  set: {
    dispatch: {
      at: 'a1',
      cases: {
        // Google Ads enhanced conversions: email / phone / address, hashed by the tag.
        user_data: { kind: 'identify', traits: 'a2', technique: 'identity-matching' },
        user_properties: { kind: 'identify', traits: 'a2' },
        user_id: { kind: 'identify', identity: 'a2' },
      },
      objectKeys: { user_data: { kind: 'identify', identity: 'a1.user_id', traits: 'a1', technique: 'identity-matching' } },
      object: { kind: 'identify', identity: 'a1.user_id', traits: 'a1', requireKeys: { path: 'a1', keys: GTAG_IDENTITY_KEYS } },
    },
  },
  consent: { kind: 'consent' },
};

const gtagCall: DispatchSpec = { dispatch: { at: 'a0', cases: gtagCommands } };

/** react-ga4 `ReactGA`. */
const reactGa4: Record<string, MethodSpec> = {
  initialize: { kind: 'identify', identity: 'a1.gaOptions.userId', traits: 'a1.gaOptions', requireKeys: { path: 'a1.gaOptions', keys: ['userId', 'user_id'] } },
  // GA4 form `event(name, params)` or UA form `event({category, action, label, value})`.
  event: { kind: 'track', event: ['a0', 'a0.action'], props: ['a1', 'a0'], exclude: ['action'] },
  send: {
    dispatch: {
      at: 'a0.hitType',
      cases: {
        pageview: { kind: 'page', event: ['a0.title', 'a0.page'], props: 'a0', exclude: ['hitType'] },
        event: { kind: 'track', event: 'a0.eventAction', props: 'a0', exclude: ['hitType', 'eventAction'] },
      },
      default: { kind: 'track', event: 'a0.hitType', props: 'a0', exclude: ['hitType'] },
      absent: { kind: 'page' },
    },
  },
  pageview: { kind: 'page', event: 'a0' },
  set: { kind: 'identify', identity: ['a0.userId', 'a0.user_id'], traits: 'a0', requireKeys: { path: 'a0', keys: ['userId', 'user_id', 'user_properties'] } },
  gtag: gtagCall,
};

/** vue-gtag (`this.$gtag`, named exports) and vue-gtag-next (`useGtag()`). */
const vueGtag: Record<string, MethodSpec> = {
  event: { kind: 'track', event: 'a0', props: 'a1' },
  pageview: { kind: 'page', event: ['a0', 'a0.page_path', 'a0.path'], props: 'a0' },
  screenview: { kind: 'page', event: ['a0', 'a0.screen_name'], props: 'a0' },
  config: { kind: 'identify', identity: 'a0.user_id', traits: 'a0', requireKeys: { path: 'a0', keys: GTAG_IDENTITY_KEYS } },
  set: { kind: 'identify', identity: 'a0.user_id', traits: 'a0', requireKeys: { path: 'a0', keys: GTAG_IDENTITY_KEYS } },
  purchase: { kind: 'track', event: { fixed: 'purchase' }, props: 'a0' },
  refund: { kind: 'track', event: { fixed: 'refund' }, props: 'a0' },
  exception: { kind: 'track', event: { fixed: 'exception' }, props: 'a0' },
  query: gtagCall,
  consent: { kind: 'consent' },
  consentGrantedAll: { kind: 'consent' },
  consentDeniedAll: { kind: 'consent' },
  optIn: { kind: 'consent' },
  optOut: { kind: 'consent' },
};
const vueGtagFns = functionExports('vue-gtag', vueGtag);

export const ga4: SdkEntry = {
  id: 'ga4',
  name: 'Google tag (gtag.js): GA4, Google Ads, Floodlight',
  vendor: 'Google',
  category: 'analytics',
  modules: {
    'react-ga4': { default: 'ReactGA', '*': 'ReactGA' },
    'vue-gtag': { ...vueGtagFns.exports, useGtag: 'useGtag' },
    'vue-gtag-next': { useGtag: 'useGtag' },
  },
  globals: { gtag: 'gtag', $gtag: 'vueGtag' },
  types: {
    gtag: { call: gtagCall },
    ReactGA: { methods: reactGa4 },
    vueGtag: { methods: vueGtag },
    useGtag: { call: { kind: 'other', silent: true, returns: 'vueGtag' } },
    ...vueGtagFns.types,
    // `sendGAEvent` of @next/third-parties/google pushes its arguments like gtag (older docs: one object).
    sendGAEvent: { call: { dispatch: { at: 'a0', cases: gtagCommands, object: { kind: 'track', event: 'a0.event', props: 'a0.*', exclude: ['event'] } } } },
  },
  hosts: ['www.googletagmanager.com', 'www.google-analytics.com', 'region1.google-analytics.com', 'googleads.g.doubleclick.net', 'www.googleadservices.com', 'googleadservices.com'],
  docs: 'tracking-sdks.md §4.1, §4.3',
};

// ---------------------------------------------------------------------------------------------
// Google Tag Manager data layer (§4.2)

/** An object pushed into the data layer: with `event` it is an event, without it sets data-layer variables. */
const dataLayerObject: CallSpec = { kind: 'other', props: 'a0.*' };
const dataLayerPush: DispatchSpec = {
  dispatch: {
    at: 'a0',
    cases: {},
    objectKeys: {
      // The GTM snippet's bootstrap push.
      'gtm.start': { kind: 'other', silent: true },
      event: { kind: 'track', event: 'a0.event', props: 'a0.*', exclude: ['event'] },
    },
    object: dataLayerObject,
  },
};

export const gtm: SdkEntry = {
  id: 'gtm',
  name: 'Google Tag Manager data layer',
  vendor: 'Google',
  category: 'tag-manager',
  modules: {
    '@next/third-parties/google': { sendGTMEvent: 'sendGTMEvent', sendGAEvent: 'ga4#sendGAEvent' },
    'react-gtm-module': { default: 'TagManager', '*': 'TagManager' },
  },
  globals: { dataLayer: 'dataLayer' },
  types: {
    dataLayer: { methods: { push: dataLayerPush } },
    sendGTMEvent: { call: dataLayerPush },
    TagManager: {
      methods: {
        // `initialize({gtmId, dataLayer: {...}})` seeds the data layer.
        initialize: { kind: 'other', props: 'a0.dataLayer', requireKeys: { path: 'a0.dataLayer', keys: ['*'] } },
        dataLayer: {
          dispatch: {
            at: 'a0.dataLayer',
            cases: {},
            objectKeys: { event: { kind: 'track', event: 'a0.dataLayer.event', props: 'a0.dataLayer', exclude: ['event'] } },
            object: { kind: 'other', props: 'a0.dataLayer' },
            value: { kind: 'track', event: 'a0.dataLayer.event', props: 'a0.dataLayer' },
          },
        },
      },
    },
  },
  hosts: ['www.googletagmanager.com'],
  docs: 'tracking-sdks.md §4.2',
};

// ---------------------------------------------------------------------------------------------
// Universal Analytics (analytics.js `ga`, ga.js `_gaq`), react-ga, universal-analytics (node) — legacy (§4.4)

const uaSendHits: Record<string, MethodSpec> = {
  event: { kind: 'track', event: 'a3', named: { category: 'a2', label: 'a4', value: 'a5' }, props: 'a6' },
  pageview: { kind: 'page', event: ['a2', 'a2.page'], props: ['a3', 'a2'] },
  screenview: { kind: 'page', event: 'a2.screenName', props: 'a2' },
  exception: { kind: 'track', event: { fixed: 'exception' }, props: 'a2' },
  social: { kind: 'track', event: 'a3', named: { network: 'a2', target: 'a4' } },
  timing: { kind: 'track', event: { fixed: 'timing' }, named: { category: 'a2', variable: 'a3', value: 'a4', label: 'a5' } },
};

/** `ga('send', {hitType, …})` and react-ga `send(fields)`: the fields object at `path`. */
function uaHitObject(path: string): DispatchSpec {
  return {
    dispatch: {
      at: `${path}.hitType`,
      cases: {
        event: { kind: 'track', event: `${path}.eventAction`, props: path, exclude: ['hitType', 'eventAction'] },
        pageview: { kind: 'page', event: `${path}.page`, props: path, exclude: ['hitType'] },
      },
      default: { kind: 'track', event: `${path}.hitType`, props: path, exclude: ['hitType'] },
    },
  };
}

const UA_USER_KEYS = ['userId', '&uid', 'uid'];

const gaCall: DispatchSpec = {
  dispatch: {
    at: 'a0',
    namedTrackers: true,
    cases: {
      create: {
        dispatch: {
          at: 'a2',
          cases: {},
          object: { kind: 'identify', identity: 'a2.userId', traits: 'a2', requireKeys: { path: 'a2', keys: UA_USER_KEYS } },
          default: { kind: 'identify', identity: 'a3.userId', traits: 'a3', requireKeys: { path: 'a3', keys: UA_USER_KEYS } },
        },
      },
      send: { dispatch: { at: 'a1', cases: uaSendHits, object: uaHitObject('a1') } },
      set: {
        dispatch: {
          at: 'a1',
          cases: { userId: { kind: 'identify', identity: 'a2' }, '&uid': { kind: 'identify', identity: 'a2' } },
          object: { kind: 'identify', identity: 'a1.userId', traits: 'a1', requireKeys: { path: 'a1', keys: UA_USER_KEYS } },
        },
      },
    },
  },
};

const gaqPush: DispatchSpec = {
  dispatch: {
    at: 'a0[0]',
    namedTrackers: true,
    cases: {
      _trackEvent: { kind: 'track', event: 'a0[2]', named: { category: 'a0[1]', label: 'a0[3]', value: 'a0[4]' } },
      _trackPageview: { kind: 'page', event: 'a0[1]' },
      _trackSocial: { kind: 'track', event: 'a0[2]', named: { network: 'a0[1]', target: 'a0[3]' } },
      _setCustomVar: { kind: 'other', keyValue: { key: 'a0[2]', value: 'a0[3]' } },
      _addTrans: { kind: 'track', event: { fixed: '_addTrans' }, named: { orderId: 'a0[1]', affiliation: 'a0[2]', total: 'a0[3]', tax: 'a0[4]', shipping: 'a0[5]', city: 'a0[6]', state: 'a0[7]', country: 'a0[8]' } },
      _addItem: { kind: 'track', event: { fixed: '_addItem' }, named: { orderId: 'a0[1]', sku: 'a0[2]', name: 'a0[3]', category: 'a0[4]', price: 'a0[5]', quantity: 'a0[6]' } },
      _trackTrans: { kind: 'track', event: { fixed: '_trackTrans' } },
    },
  },
};

/** react-ga (UA) `ReactGA`. */
const reactGa: Record<string, MethodSpec> = {
  initialize: { kind: 'identify', identity: 'a1.gaOptions.userId', traits: 'a1.gaOptions', requireKeys: { path: 'a1.gaOptions', keys: UA_USER_KEYS } },
  event: { kind: 'track', event: 'a0.action', props: 'a0', exclude: ['action'] },
  pageview: { kind: 'page', event: 'a0' },
  modalview: { kind: 'page', event: 'a0' },
  set: { kind: 'identify', identity: 'a0.userId', traits: 'a0', requireKeys: { path: 'a0', keys: UA_USER_KEYS } },
  send: uaHitObject('a0'),
  exception: { kind: 'track', event: { fixed: 'exception' }, props: 'a0' },
  timing: { kind: 'track', event: { fixed: 'timing' }, props: 'a0' },
  outboundLink: { kind: 'track', event: { fixed: 'outboundLink' }, props: 'a0' },
  ga: gaCall,
};

/** `universal-analytics` (node): `ua(trackingId, clientId?, {uid}?)` returns a visitor whose hit methods chain. */
const uaVisitor: Record<string, MethodSpec> = {
  // `event(category, action, label?, value?)` or `event({ec, ea, el, ev})`.
  event: {
    dispatch: {
      at: 'a0',
      cases: {},
      default: { kind: 'track', event: 'a1', named: { category: 'a0', label: 'a2', value: 'a3' }, returns: 'visitor' },
      value: { kind: 'track', event: 'a1', named: { category: 'a0', label: 'a2', value: 'a3' }, returns: 'visitor' },
      object: { kind: 'track', event: 'a0.ea', props: 'a0', exclude: ['ea'], returns: 'visitor' },
    },
  },
  pageview: { kind: 'page', event: ['a0', 'a0.dp'], props: 'a0', returns: 'visitor' },
  screenview: { kind: 'page', event: ['a0', 'a0.cd'], props: 'a0', returns: 'visitor' },
  exception: { kind: 'track', event: { fixed: 'exception' }, named: { description: 'a0' }, returns: 'visitor' },
  transaction: { kind: 'track', event: { fixed: 'transaction' }, named: { id: 'a0', revenue: 'a1' }, returns: 'visitor' },
  timing: { kind: 'track', event: { fixed: 'timing' }, named: { category: 'a0', variable: 'a1', time: 'a2' }, returns: 'visitor' },
  set: { dispatch: { at: 'a0', cases: { uid: { kind: 'identify', identity: 'a1' } }, default: { kind: 'other', keyValue: { key: 'a0', value: 'a1' } } } },
  send: { kind: 'other', silent: true },
};

export const universalAnalytics: SdkEntry = {
  id: 'universal-analytics',
  name: 'Google Universal Analytics (analytics.js / ga.js, legacy)',
  vendor: 'Google',
  category: 'analytics',
  modules: {
    'react-ga': { default: 'ReactGA', '*': 'ReactGA' },
    'universal-analytics': { default: 'ua', '*': 'ua' },
  },
  globals: { ga: 'ga', _gaq: 'gaq' },
  types: {
    ga: { call: gaCall },
    gaq: { methods: { push: gaqPush } },
    ReactGA: { methods: reactGa },
    ua: { call: { kind: 'identify', identity: 'a2.uid', traits: 'a2', requireKeys: { path: 'a2', keys: ['uid'] }, returns: 'visitor' } },
    visitor: { methods: uaVisitor },
  },
  hosts: ['www.google-analytics.com', 'ssl.google-analytics.com'],
  docs: 'tracking-sdks.md §4.4',
};
