import type { CallSpec, SdkEntry } from '../types';

export const adobeAnalytics: SdkEntry = {
  id: 'adobe-analytics',
  name: 'Adobe Analytics (AppMeasurement)',
  vendor: 'Adobe',
  category: 'analytics',
  // Only an `s` obtained from `s_gi(rsid)` / `new AppMeasurement(rsid)` is AppMeasurement.
  globals: { s_gi: 's_gi', AppMeasurement: 'AppMeasurementClass' },
  types: {
    s_gi: { call: { kind: 'other', silent: true, returns: 's' } },
    AppMeasurementClass: { construct: 's' },
    s: {
      methods: {
        // Page view beacon; the variables (`s.pageName`, `s.eVar1`, …) are set by assignment before it.
        t: { kind: 'page' },
        // Link / custom call: `s.tl(linkObj | true, 'o' | 'd' | 'e', 'link name')`.
        tl: { kind: 'track', event: 'a2' },
      },
    },
  },
  hosts: ['sc.omtrdc.net'],
  docs: 'tracking-sdks.md §4.34',
};

export const adobeTags: SdkEntry = {
  id: 'adobe-tags',
  name: 'Adobe Experience Platform Tags (Launch) and Client Data Layer',
  vendor: 'Adobe',
  category: 'tag-manager',
  globals: { _satellite: 'satellite', adobeDataLayer: 'dataLayer' },
  types: {
    satellite: {
      methods: {
        track: { kind: 'track', event: 'a0', props: 'a1' },
      },
    },
    dataLayer: {
      methods: {
        push: { dispatch: { at: 'a0', cases: {}, object: { kind: 'track', event: 'a0.event', props: 'a0.*', exclude: ['event'] } } },
      },
    },
  },
  hosts: ['assets.adobedtm.com'],
  docs: 'tracking-sdks.md §4.34',
};

/** `alloy('sendEvent', { xdm, data, type })`: the event type is `type` or `xdm.eventType`. */
const sendEvent: CallSpec = { kind: 'track', event: ['a1.type', 'a1.xdm.eventType'], props: ['a1.xdm', 'a1.data'], allProps: true, exclude: ['eventType'] };

export const adobeAlloy: SdkEntry = {
  id: 'adobe-alloy',
  name: 'Adobe Experience Platform Web SDK (alloy)',
  vendor: 'Adobe',
  category: 'analytics',
  modules: { '@adobe/alloy': { createInstance: 'createInstance' } },
  globals: { alloy: 'alloy' },
  types: {
    createInstance: { call: { kind: 'other', silent: true, returns: 'alloy' } },
    alloy: {
      call: {
        dispatch: {
          at: 'a0',
          cases: {
            configure: { kind: 'other', silent: true },
            sendEvent,
            setConsent: { kind: 'consent' },
          },
        },
      },
    },
  },
  hosts: ['edge.adobedc.net'],
  docs: 'tracking-sdks.md §4.34',
};
