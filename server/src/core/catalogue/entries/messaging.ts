import type { CallSpec, MethodSpec, SdkEntry } from '../types';
import { functionExports } from './moduleFunctions';

// ---------------------------------------------------------------------------------------------
// Intercom (tracking-sdks.md §4.16): `Intercom(cmd, …)`, @intercom/messenger-js-sdk, react-use-intercom

/** Settings keys that identify the visitor (snake_case for the JS API, camelCase for react-use-intercom). */
const INTERCOM_USER_KEYS = ['user_id', 'email', 'name', 'phone', 'user_hash', 'created_at', 'company', 'companies', 'custom_attributes', 'avatar', 'userId', 'userHash', 'createdAt', 'customAttributes'];

/** `boot(settings)` at `at`: identify only when the settings carry user data (`{app_id}` alone is silent). */
const intercomBoot = (at: string): CallSpec => ({ kind: 'identify', identity: [`${at}.user_id`, `${at}.userId`, `${at}.email`], traits: at, requireKeys: { path: at, keys: INTERCOM_USER_KEYS } });
/** `update(attrs?)`: identify when it sends attributes (`update()` alone pings for new messages). */
const intercomUpdate = (at: string): CallSpec => ({ kind: 'identify', identity: [`${at}.user_id`, `${at}.userId`, `${at}.email`], traits: at, requireKeys: { path: at, keys: ['*'] } });

const messengerFns = functionExports('intercom', {
  boot: intercomBoot('a0'),
  update: intercomUpdate('a0'),
  trackEvent: { kind: 'track', event: 'a0', props: 'a1' },
  shutdown: { kind: 'reset' },
});

export const intercom: SdkEntry = {
  id: 'intercom',
  name: 'Intercom Messenger',
  vendor: 'Intercom',
  category: 'customer-messaging',
  modules: {
    // The default export (and `Intercom`) boots the messenger with the settings.
    '@intercom/messenger-js-sdk': { ...messengerFns.exports, default: 'intercom.boot', Intercom: 'intercom.boot' },
    'react-use-intercom': { useIntercom: 'useIntercom' },
  },
  globals: { Intercom: 'Intercom' },
  types: {
    Intercom: {
      call: {
        dispatch: {
          at: 'a0',
          cases: {
            boot: intercomBoot('a1'),
            update: intercomUpdate('a1'),
            trackEvent: { kind: 'track', event: 'a1', props: 'a2' },
            shutdown: { kind: 'reset' },
          },
        },
      },
    },
    ...messengerFns.types,
    useIntercom: { call: { kind: 'other', silent: true, returns: 'intercomHook' } },
    intercomHook: {
      methods: {
        boot: intercomBoot('a0'),
        update: intercomUpdate('a0'),
        trackEvent: { kind: 'track', event: 'a0', props: 'a1' },
        shutdown: { kind: 'reset' },
        hardShutdown: { kind: 'reset' },
      },
    },
  },
  hosts: ['widget.intercom.io', 'js.intercomcdn.com', 'api-iam.intercom.io'],
  docs: 'tracking-sdks.md §4.16',
};

// ---------------------------------------------------------------------------------------------
// HubSpot tracking code (§4.17): `_hsq.push([cmd, …])`, react-hubspot-tracking-code-hook

const hsqPush: MethodSpec = {
  dispatch: {
    at: 'a0[0]',
    cases: {
      identify: { kind: 'identify', identity: ['a0[1].email', 'a0[1].id'], traits: 'a0[1]' },
      trackPageView: { kind: 'page' },
      // Sets the path of the next page view; not sent by itself.
      setPath: { kind: 'other', silent: true },
      trackCustomBehavioralEvent: { kind: 'track', event: 'a0[1].name', props: 'a0[1].properties' },
      trackEvent: { kind: 'track', event: 'a0[1].id', named: { value: 'a0[1].value' } },
      addPrivacyConsentListener: { kind: 'consent' },
      doNotTrack: { kind: 'consent' },
      revokeCookieConsent: { kind: 'consent' },
      showBanner: { kind: 'consent' },
    },
  },
};

export const hubspot: SdkEntry = {
  id: 'hubspot',
  name: 'HubSpot tracking code',
  vendor: 'HubSpot',
  category: 'marketing',
  modules: { 'react-hubspot-tracking-code-hook': { useTrackingCode: 'useTrackingCode' } },
  // Additions (tracking-techniques-a.md §A1.2): the consent queue `_hsp` and the forms embed `hbspt.forms.create`.
  globals: { _hsq: 'hsq', _hsp: 'hsp', hbspt: 'hbspt' },
  types: {
    hsq: { methods: { push: hsqPush } },
    hsp: {
      methods: {
        push: {
          dispatch: {
            at: 'a0[0]',
            cases: {
              addPrivacyConsentListener: { kind: 'consent' },
              revokeCookieConsent: { kind: 'consent' },
              showBanner: { kind: 'consent' },
              setHubSpotConsent: { kind: 'consent' },
            },
          },
        },
      },
    },
    // The embedded form submits its fields (e-mail, names…) to the contact tied to the `hubspotutk` cookie.
    hbspt: { members: { forms: 'hbsptForms' } },
    hbsptForms: { methods: { create: { kind: 'other', named: { formId: 'a0.formId' } } } },
    useTrackingCode: { call: { kind: 'other', silent: true, returns: 'trackingCode' } },
    trackingCode: {
      methods: {
        setPathPageView: { kind: 'page', event: 'a0' },
        setTrackPageView: { kind: 'page' },
        setIdentity: { kind: 'identify', identity: 'a0', traits: 'a1' },
        setTrackEvent: { kind: 'track', event: 'a0.eventId', named: { value: 'a0.value' } },
        setContentType: { kind: 'other', silent: true },
      },
    },
  },
  hosts: ['js.hs-scripts.com', 'js.hs-analytics.net', 'track.hubspot.com', 'js.hsforms.net', 'js-eu1.hsforms.net', 'js.hs-banner.com', 'js.hscollectedforms.net'],
  docs: 'tracking-sdks.md §4.17',
};
