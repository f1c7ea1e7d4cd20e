/**
 * Marketing automation (tracking-techniques-a.md §A1): visitor tracking that turns into a named CRM
 * contact once the visitor gives an e-mail. Their identify calls are identity calls; page views
 * and events are ordinary calls. Server SDKs of the same vendors (HubSpot, Brevo, Mailchimp,
 * Klaviyo) are here too; a campaign or transactional send that tracks opens and clicks is
 * technique `email-tracking` (§A3.1).
 *
 * Not expressible as calls: snippet variables (`_smid`, `piAId`/`piCId`, `window.civchat`,
 * `window.sib`), script tags (see `hosts`), and REST calls (recognised by the endpoint detector).
 * SALESmanago's browser queue and Mautic's `mt(…)` are not catalogued: their global names (`sm`,
 * `mt`) are too common a word for the pre-filter; Mautic's npm wrapper is.
 */
import type { CallSpec, MethodSpec, SdkEntry } from '../types';

// ---------------------------------------------------------------- SALESmanago (§A1.1)

export const salesmanago: SdkEntry = {
  id: 'salesmanago',
  name: 'SALESmanago',
  vendor: 'SALESmanago',
  category: 'marketing',
  // `var _smid = '<clientId>'` + the loader script; the REST API (`/api/contact/upsert`,
  // `/api/v2/contact/addContactExtEvent`) is plain HTTP.
  types: {},
  hosts: ['www.salesmanago.pl', 'app1.salesmanago.pl', 'app2.salesmanago.pl', 'app3.salesmanago.pl', 'www.salesmanago.com', 'app2.salesmanago.com', 'app3.salesmanago.com', 'app2.emlgrid.com'],
  docs: 'tracking-techniques-a.md §A1.1',
};

// ---------------------------------------------------------------- Marketo Munchkin (§A1.3)

export const marketo: SdkEntry = {
  id: 'marketo',
  name: 'Marketo Munchkin (Adobe Marketo Engage)',
  vendor: 'Adobe',
  category: 'marketing',
  globals: { Munchkin: 'Munchkin', MktoForms2: 'MktoForms2' },
  types: {
    Munchkin: {
      methods: {
        // `init(munchkinId, config?)` logs "Visits Web Page" against the `_mkto_trk` cookie.
        init: { kind: 'page', event: { fixed: 'Visits Web Page' } },
        munchkinFunction: {
          dispatch: {
            at: 'a0',
            cases: {
              visitWebPage: { kind: 'page', event: 'a1.url', props: 'a1', exclude: ['url'] },
              clickLink: { kind: 'track', event: { fixed: 'Clicks Link' }, props: 'a1' },
              // Links the anonymous cookie history to a lead: `associateLead({ Email, … }, hash)`.
              associateLead: { kind: 'identify', identity: ['a1.Email', 'a1.email'], traits: 'a1' },
            },
          },
        },
        createTrackingCookie: { kind: 'other', silent: true },
      },
    },
    // Forms 2.0: the embedded form submits its fields to the lead tied to the cookie.
    MktoForms2: { methods: { loadForm: { kind: 'other', named: { formId: 'a2' } } } },
  },
  hosts: ['munchkin.marketo.net', 'mktoresp.com', 'marketo.com', 'mktoweb.com'],
  docs: 'tracking-techniques-a.md §A1.3',
};

// ---------------------------------------------------------------- Salesforce Account Engagement / Pardot (§A1.4)

export const pardot: SdkEntry = {
  id: 'pardot',
  name: 'Salesforce Marketing Cloud Account Engagement (Pardot)',
  vendor: 'Salesforce',
  category: 'marketing',
  globals: { piTracker: 'piTracker', pdt: 'pdt' },
  types: {
    // SPA page visit: `piTracker(absoluteUrl)`.
    piTracker: { call: { kind: 'page', event: 'a0' } },
    // Tracking & Consent API queue.
    pdt: {
      call: {
        dispatch: {
          at: 'a0',
          cases: {
            create: { kind: 'other', silent: true },
            set: { kind: 'other', keyValue: { key: 'a1', value: 'a2' } },
            sendPageView: { kind: 'page' },
            setOptIn: { kind: 'consent' },
            revokeConsent: { kind: 'consent' },
            showConsentBanner: { kind: 'consent' },
            hideConsentBanner: { kind: 'consent' },
          },
        },
      },
    },
  },
  hosts: ['pi.pardot.com', 'cdn.pardot.com', 'go.pardot.com'],
  docs: 'tracking-techniques-a.md §A1.4',
};

// ---------------------------------------------------------------- ActiveCampaign site tracking (§A1.5)

export const activecampaign: SdkEntry = {
  id: 'activecampaign',
  name: 'ActiveCampaign site tracking',
  vendor: 'ActiveCampaign',
  category: 'marketing',
  globals: { vgo: 'vgo' },
  types: {
    vgo: {
      call: {
        dispatch: {
          at: 'a0',
          cases: {
            setAccount: { kind: 'other', silent: true },
            setTrackByDefault: { kind: 'consent' },
            setEmail: { kind: 'identify', identity: 'a1' },
            // `vgo('process')` logs the visit; `vgo('process', 'allowTracking')` grants consent.
            process: { dispatch: { at: 'a1', cases: { allowTracking: { kind: 'consent' } }, absent: { kind: 'page' }, default: { kind: 'page' } } },
          },
        },
      },
    },
  },
  hosts: ['diffuser-cdn.app-us1.com', 'trackcmp.net', 'prism.app-us1.com'],
  docs: 'tracking-techniques-a.md §A1.5',
};

// ---------------------------------------------------------------- Mautic (§A1.6)

export const mautic: SdkEntry = {
  id: 'mautic',
  name: 'Mautic tracking',
  vendor: 'Mautic (open source)',
  category: 'marketing',
  // npm `mautic-tracking`: `mautic.initialize('<host>/mtc.js')`, `mautic.pageView({ email, … })`.
  modules: { 'mautic-tracking': { default: 'mautic', '*': 'mautic' } },
  types: {
    mautic: {
      methods: {
        initialize: { kind: 'other', silent: true },
        // Contact fields in the page view identify the contact.
        pageView: { kind: 'page', identity: 'a0.email', props: 'a0' },
      },
    },
  },
  hosts: ['mautic.net'],
  docs: 'tracking-techniques-a.md §A1.6',
};

// ---------------------------------------------------------------- Brevo (ex-Sendinblue) (§A1.7, §A3.1)

const brevoTrack = (at: number): CallSpec => ({ kind: 'track', event: `a${at}`, props: [`a${at + 2}.data`, `a${at + 2}`], traits: `a${at + 1}` });
const brevoIdentify: CallSpec = { kind: 'identify', identity: ['a0.identifiers.email_id', 'a0.identifiers.ext_id', 'a0.email_id'], traits: 'a0.attributes' };

/**
 * Transactional e-mail: open pixel and click tracking are on by default; `contactPixelTrackingConsent: false`
 * on the recipient anonymises them.
 */
const brevoSend: CallSpec = {
  kind: 'other',
  silent: true,
  switches: [{ path: 'a0', technique: 'email-tracking', unless: { path: 'a0.to[0].contactPixelTrackingConsent', equals: 'false' } }],
};
const brevoEvent: CallSpec = {
  kind: 'track',
  event: ['a0.event_name', 'a0.eventName'],
  props: ['a0.event_properties', 'a0.eventProperties'],
  identity: ['a0.identifiers.email_id', 'a0.identifiers.ext_id', 'a0.identifiers.phone_id', 'a0.identifiers.contact_id'],
  traits: ['a0.contact_properties', 'a0.contactProperties'],
};
const brevoContact: CallSpec = { kind: 'identify', identity: ['a0.email', 'a0.ext_id'], traits: 'a0.attributes' };

const brevoApis: Record<string, string> = {
  TransactionalEmailsApi: 'TxApiClass',
  ContactsApi: 'ContactsApiClass',
  EventsApi: 'EventsApiClass',
  BrevoClient: 'BrevoClientClass',
};

export const brevo: SdkEntry = {
  id: 'brevo',
  name: 'Brevo (Sendinblue) tracker and API',
  vendor: 'Brevo',
  category: 'marketing',
  modules: {
    '@getbrevo/brevo': { ...brevoApis, default: 'brevoNs', '*': 'brevoNs' },
    'sib-api-v3-sdk': { ...brevoApis, default: 'brevoNs', '*': 'brevoNs' },
    '@sendinblue/client': { ...brevoApis, default: 'brevoNs', '*': 'brevoNs' },
  },
  globals: { sendinblue: 'sendinblue', Brevo: 'Brevo' },
  types: {
    // Legacy tracker: `sendinblue.identify(email, attrs)`, `sendinblue.track(name, contactProps, { id, data })`.
    sendinblue: {
      methods: {
        identify: { kind: 'identify', identity: 'a0', traits: 'a1' },
        track: brevoTrack(0),
        page: { kind: 'page', event: 'a0', props: 'a1' },
        trackLink: { kind: 'track', event: { fixed: 'trackLink' }, props: 'a1' },
      },
    },
    // v2 tracker: `Brevo.push(['init', {…}])`, `Brevo.push(['identify', {…}])`, or `Brevo.identify(…)` inside a pushed function.
    Brevo: {
      methods: {
        identify: brevoIdentify,
        track: brevoTrack(0),
        page: { kind: 'page', event: 'a0', props: 'a1' },
        push: {
          dispatch: {
            at: 'a0[0]',
            cases: {
              init: { kind: 'other', silent: true },
              identify: { kind: 'identify', identity: ['a0[1].identifiers.email_id', 'a0[1].email_id'], traits: 'a0[1].attributes' },
              track: { kind: 'track', event: 'a0[1]', props: ['a0[3].data', 'a0[3]'], traits: 'a0[2]' },
              page: { kind: 'page', event: 'a0[1]', props: 'a0[2]' },
            },
          },
        },
      },
    },
    brevoNs: { members: brevoApis },
    TxApiClass: { construct: 'txApi' },
    txApi: { methods: { sendTransacEmail: brevoSend } },
    ContactsApiClass: { construct: 'contactsApi' },
    contactsApi: { methods: { createContact: brevoContact, updateContact: { kind: 'identify', identity: 'a0', traits: 'a1.attributes' } } },
    EventsApiClass: { construct: 'eventsApi' },
    eventsApi: { methods: { createEvent: brevoEvent } },
    // v6: `new BrevoClient({ apiKey })`, `brevo.event.createEvent(…)`, `brevo.transactionalEmails.sendTransacEmail(…)`.
    BrevoClientClass: { construct: 'client' },
    client: { members: { event: 'eventsApi', events: 'eventsApi', transactionalEmails: 'txApi', contacts: 'contactsApi' } },
  },
  hosts: ['sibautomation.com', 'cdn.brevo.com', 'in-automate.brevo.com', 'in-automate.sendinblue.com', 's.sib.im', 'api.brevo.com'],
  docs: 'tracking-techniques-a.md §A1.7, §A3.1',
};

// ---------------------------------------------------------------- GetResponse Web Connect (§A1.8)

export const getresponse: SdkEntry = {
  id: 'getresponse',
  name: 'GetResponse Web Connect',
  vendor: 'GetResponse',
  category: 'marketing',
  globals: { GrTracking: 'GrTracking' },
  types: {
    GrTracking: {
      call: {
        dispatch: {
          at: 'a0',
          cases: {
            setDomain: { kind: 'other', silent: true },
            importScript: { kind: 'other', silent: true },
            push: { kind: 'page' },
            setUserId: { kind: 'identify', identity: 'a1' },
            viewItem: { kind: 'track', event: { fixed: 'viewItem' }, props: 'a1' },
            viewCategory: { kind: 'track', event: { fixed: 'viewCategory' }, props: 'a1' },
            cartUpdate: { kind: 'track', event: { fixed: 'cartUpdate' }, props: 'a1' },
            orderPlaced: { kind: 'track', event: { fixed: 'orderPlaced' }, props: 'a1' },
          },
        },
      },
    },
  },
  hosts: ['ga.getresponse.com'],
  docs: 'tracking-techniques-a.md §A1.8',
};

// ---------------------------------------------------------------- User.com (§A1.9)

const USERCOM_CONFIG = ['apiKey', 'event'];

export const userCom: SdkEntry = {
  id: 'user-com',
  name: 'User.com (UserEngage)',
  vendor: 'User.com',
  category: 'marketing',
  globals: { userengage: 'userengage', UE: 'UE' },
  types: {
    // `userengage('event.<Name>', props)`: the event is the whole command string.
    userengage: {
      call: {
        dispatch: {
          at: 'a0',
          cases: {
            'client.update': { kind: 'identify', traits: 'a1' },
            product_event: { kind: 'track', event: { fixed: 'product_event' }, props: 'a1' },
          },
          default: { kind: 'track', event: 'a0', props: 'a1' },
        },
      },
    },
    UE: {
      methods: {
        pageHit: { kind: 'page', identity: ['a0.user_id', 'a0.email'], props: 'a0', exclude: USERCOM_CONFIG },
        resetAuth: { kind: 'reset' },
        destroy: { kind: 'reset' },
      },
    },
  },
  hosts: ['widget.userengage.io', 'user.com'],
  docs: 'tracking-techniques-a.md §A1.9',
};

// ---------------------------------------------------------------- Mailchimp Marketing API (§A1.10)

/** Campaign opens and HTML clicks are tracked unless `tracking.opens` / `html_clicks` are false (Marketing API defaults). */
const mailchimpCampaign = (at: string): CallSpec => ({
  kind: 'other',
  silent: true,
  switches: [
    { path: at, technique: 'email-tracking', unless: { path: `${at}.tracking.opens`, equals: 'false' } },
    { path: at, technique: 'email-tracking', unless: { path: `${at}.tracking.html_clicks`, equals: 'false' } },
  ],
});
const memberFields = (at: string): CallSpec => ({ kind: 'identify', identity: `${at}.email_address`, traits: at });

export const mailchimp: SdkEntry = {
  id: 'mailchimp',
  name: 'Mailchimp Marketing API and connected-site script',
  vendor: 'Intuit Mailchimp',
  category: 'marketing',
  modules: { '@mailchimp/mailchimp_marketing': { default: 'client', '*': 'client' } },
  types: {
    client: { members: { lists: 'lists', campaigns: 'campaigns' }, methods: { setConfig: { kind: 'other', silent: true } } },
    lists: {
      methods: {
        addListMember: memberFields('a1'),
        setListMember: { ...memberFields('a2'), identity: ['a2.email_address', 'a1'] },
        updateListMember: { kind: 'identify', identity: 'a1', traits: 'a2' },
        updateListMemberTags: { kind: 'identify', identity: 'a1', named: { tags: 'a2.tags' } },
        createListMemberEvent: { kind: 'track', event: 'a2.name', props: 'a2.properties', identity: 'a1' },
        batchListMembers: { kind: 'identify', traits: 'a1.members[0]' },
      },
    },
    campaigns: { methods: { create: mailchimpCampaign('a0'), update: mailchimpCampaign('a1') } },
  },
  hosts: ['chimpstatic.com', 'list-manage.com'],
  docs: 'tracking-techniques-a.md §A1.10',
};

// ---------------------------------------------------------------- HubSpot Node API client (§A1.2)

const hubspotEvent = (at: string): CallSpec => ({ kind: 'track', event: `${at}.eventName`, props: `${at}.properties`, identity: [`${at}.email`, `${at}.utk`, `${at}.objectId`] });

export const hubspotApi: SdkEntry = {
  id: 'hubspot-api',
  name: 'HubSpot API client (@hubspot/api-client)',
  vendor: 'HubSpot',
  category: 'marketing',
  modules: { '@hubspot/api-client': { Client: 'ClientClass', default: 'ns', '*': 'ns' } },
  types: {
    ns: { members: { Client: 'ClientClass' } },
    ClientClass: { construct: 'client' },
    client: { members: { events: 'events', crm: 'crm', marketing: 'marketing' } },
    events: { members: { send: 'eventsSend' } },
    eventsSend: { members: { basicApi: 'eventsBasic', batchApi: 'eventsBatch' } },
    eventsBasic: { methods: { send: hubspotEvent('a0') } },
    eventsBatch: { methods: { send: hubspotEvent('a0.inputs[0]') } },
    crm: { members: { contacts: 'contacts' } },
    contacts: { members: { basicApi: 'contactsBasic', batchApi: 'contactsBatch' } },
    contactsBasic: {
      methods: {
        create: { kind: 'identify', identity: 'a0.properties.email', traits: 'a0.properties' },
        update: { kind: 'identify', identity: 'a0', traits: 'a1.properties' },
      },
    },
    contactsBatch: { methods: { create: { kind: 'identify', traits: 'a0.inputs[0].properties' }, upsert: { kind: 'identify', traits: 'a0.inputs[0].properties' } } },
    marketing: { members: { transactional: 'transactional' } },
    transactional: { members: { singleSendApi: 'singleSend' } },
    // HubSpot tracks opens and clicks of marketing and transactional e-mail.
    singleSend: { methods: { sendEmail: { kind: 'other', technique: 'email-tracking' } } },
  },
  hosts: ['api.hubapi.com', 'api.hsforms.com'],
  docs: 'tracking-techniques-a.md §A1.2',
};

// ---------------------------------------------------------------- Klaviyo server API (§A1.11)

const KLAVIYO_EVENT = 'a0.data.attributes';
const klaviyoEvent: CallSpec = {
  kind: 'track',
  event: `${KLAVIYO_EVENT}.metric.data.attributes.name`,
  props: `${KLAVIYO_EVENT}.properties`,
  identity: [`${KLAVIYO_EVENT}.profile.data.attributes.email`, `${KLAVIYO_EVENT}.profile.data.attributes.externalId`, `${KLAVIYO_EVENT}.profile.data.attributes.phoneNumber`, `${KLAVIYO_EVENT}.profile.data.id`],
  traits: `${KLAVIYO_EVENT}.profile.data.attributes`,
};
const klaviyoProfile: CallSpec = { kind: 'identify', identity: ['a0.data.attributes.email', 'a0.data.attributes.externalId', 'a0.data.attributes.phoneNumber'], traits: 'a0.data.attributes' };
const klaviyoEventsMethods: Record<string, MethodSpec> = { createEvent: klaviyoEvent };
const klaviyoProfilesMethods: Record<string, MethodSpec> = {
  createOrUpdateProfile: klaviyoProfile,
  createProfile: klaviyoProfile,
  updateProfile: { kind: 'identify', identity: 'a0', traits: 'a1.data.attributes' },
  bulkSubscribeProfiles: { kind: 'consent' },
  subscribeProfiles: { kind: 'consent' },
  unsubscribeProfiles: { kind: 'consent' },
  bulkUnsubscribeProfiles: { kind: 'consent' },
};

export const klaviyoNode: SdkEntry = {
  id: 'klaviyo-node',
  name: 'Klaviyo API (klaviyo-api)',
  vendor: 'Klaviyo',
  category: 'marketing',
  modules: {
    'klaviyo-api': {
      EventsApi: 'EventsApiClass',
      ProfilesApi: 'ProfilesApiClass',
      // Older SDKs: static `Events.createEvent(body)` / `Profiles.createProfile(body)`.
      Events: 'events',
      Profiles: 'profiles',
    },
  },
  types: {
    EventsApiClass: { construct: 'events' },
    ProfilesApiClass: { construct: 'profiles' },
    events: { methods: klaviyoEventsMethods },
    profiles: { methods: klaviyoProfilesMethods },
  },
  hosts: ['a.klaviyo.com'],
  docs: 'tracking-techniques-a.md §A1.11',
};
