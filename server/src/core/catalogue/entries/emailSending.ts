/**
 * Mail-sending SDKs whose options switch on e-mail open and click tracking
 * (tracking-techniques-a.md §A3.1). A send is a tracking call only when tracking is on: kind
 * `other`, technique `email-tracking`; a plain send is silent.
 *
 * Defaults per vendor: where tracking is an account, server or domain setting the code cannot see
 * (SendGrid, Postmark, Mailgun, Mandrill, Resend), only an explicit enable counts. Where the API
 * itself tracks unless told not to (SparkPost `options.open_tracking` / `click_tracking` default
 * true), a send counts unless both are `false`. SES tracks through the configuration set a send
 * names (its OPEN/CLICK event destination is not visible from the send): a send naming one counts.
 * Nodemailer and hand-made pixels are recognised elsewhere.
 */
import type { CallSpec, SdkEntry } from '../types';

type Switch = NonNullable<CallSpec['switches']>[number];

const on = (path: string, equals = 'true'): Switch => ({ path, technique: 'email-tracking', equals });
const matching = (path: string, matches: string): Switch => ({ path, technique: 'email-tracking', matches });
/** A send whose tracking switches sit at `at` (an object, or element 0 of an array of messages). */
const tracked = (switches: Switch[]): CallSpec => ({ kind: 'other', silent: true, switches });

// ---------------------------------------------------------------- SendGrid

const sendgridSwitches = (at: string): Switch[] => [
  on(`${at}.trackingSettings.openTracking.enable`),
  on(`${at}.trackingSettings.clickTracking.enable`),
  on(`${at}.tracking_settings.open_tracking.enable`),
  on(`${at}.tracking_settings.click_tracking.enable`),
];
/** `sgMail.send(msg | msg[], isMultiple?, cb?)`. */
const sendgridSend = tracked([...sendgridSwitches('a0'), ...sendgridSwitches('a0[0]')]);

export const sendgrid: SdkEntry = {
  id: 'sendgrid',
  name: 'Twilio SendGrid (@sendgrid/mail, @sendgrid/client)',
  vendor: 'Twilio SendGrid',
  category: 'email',
  modules: {
    '@sendgrid/mail': { default: 'mail', '*': 'mail', MailService: 'MailService' },
    '@sendgrid/client': { default: 'client', '*': 'client', Client: 'ClientClass' },
  },
  types: {
    mail: { methods: { send: sendgridSend, sendMultiple: sendgridSend }, members: { MailService: 'MailService' } },
    MailService: { construct: 'mail' },
    ClientClass: { construct: 'client' },
    // Raw v3 API: `client.request({ method: 'POST', url: '/v3/mail/send', body: { tracking_settings } })`, or the
    // account-wide switches `PATCH /v3/tracking_settings/open|click` with `{ enabled: true }`.
    client: {
      methods: {
        request: tracked([
          ...sendgridSwitches('a0.body'),
          { path: 'a0.url', technique: 'email-tracking', matches: 'tracking_settings/(?:open|click)\\b', unless: { path: 'a0.body.enabled', equals: 'false' } },
        ]),
      },
    },
  },
  hosts: ['api.sendgrid.com'],
  docs: 'tracking-techniques-a.md §A3.1',
};

// ---------------------------------------------------------------- Postmark

const postmarkSwitches = (at: string): Switch[] => [on(`${at}.TrackOpens`), matching(`${at}.TrackLinks`, '^(?:HtmlAndText|HtmlOnly|TextOnly)$')];
const postmarkSend = tracked(postmarkSwitches('a0'));
const postmarkBatch = tracked([...postmarkSwitches('a0[0]'), ...postmarkSwitches('a0.Messages[0]')]);

export const postmark: SdkEntry = {
  id: 'postmark',
  name: 'Postmark',
  vendor: 'ActiveCampaign (Postmark)',
  category: 'email',
  modules: { postmark: { ServerClient: 'ServerClientClass', Client: 'ServerClientClass', AccountClient: 'AccountClientClass' } },
  types: {
    ServerClientClass: { construct: 'server' },
    AccountClientClass: { construct: 'account' },
    server: {
      methods: {
        sendEmail: postmarkSend,
        sendEmailWithTemplate: postmarkSend,
        sendEmailBatch: postmarkBatch,
        sendEmailBatchWithTemplates: postmarkBatch,
        // Server-wide defaults: `editServer({ TrackOpens: true, TrackLinks: 'HtmlAndText' })`.
        editServer: tracked(postmarkSwitches('a0')),
      },
    },
    account: { methods: { editServer: tracked(postmarkSwitches('a1')), createServer: tracked(postmarkSwitches('a0')) } },
  },
  hosts: ['api.postmarkapp.com'],
  docs: 'tracking-techniques-a.md §A3.1',
};

// ---------------------------------------------------------------- Mailgun

const MAILGUN_ON = '^(?:yes|true|htmlonly)$';
const mailgunSwitches = (at: string): Switch[] => [
  matching(`${at}.o:tracking`, MAILGUN_ON),
  matching(`${at}.o:tracking-opens`, MAILGUN_ON),
  matching(`${at}.o:tracking-clicks`, MAILGUN_ON),
];

export const mailgun: SdkEntry = {
  id: 'mailgun',
  name: 'Mailgun (mailgun.js, mailgun-js)',
  vendor: 'Sinch Mailgun',
  category: 'email',
  modules: {
    'mailgun.js': { default: 'MailgunClass', '*': 'MailgunClass' },
    'mailgun-js': { default: 'legacyFactory', '*': 'legacyFactory' },
  },
  types: {
    // `new Mailgun(FormData).client({ username, key })`
    MailgunClass: { construct: 'mailgun' },
    mailgun: { methods: { client: { kind: 'other', silent: true, returns: 'mg' } } },
    mg: { members: { messages: 'messages', domains: 'domains' } },
    messages: { methods: { create: tracked(mailgunSwitches('a1')) } },
    domains: { members: { domainTracking: 'domainTracking' }, methods: { updateTracking: tracked([domainTracking('a2')]) } },
    // Domain-wide: `mg.domains.domainTracking.updateTracking(domain, 'open' | 'click', { active: true })`.
    domainTracking: { methods: { updateTracking: tracked([domainTracking('a2')]) } },
    // Legacy `require('mailgun-js')({ apiKey, domain }).messages().send(data)`.
    legacyFactory: { call: { kind: 'other', silent: true, returns: 'legacy' } },
    legacy: { methods: { messages: { kind: 'other', silent: true, returns: 'legacyMessages' } } },
    legacyMessages: { methods: { send: tracked(mailgunSwitches('a0')) } },
  },
  hosts: ['api.mailgun.net', 'api.eu.mailgun.net'],
  docs: 'tracking-techniques-a.md §A3.1',
};

function domainTracking(at: string): Switch {
  return { path: `${at}.active`, technique: 'email-tracking', matches: '^(?:true|yes|htmlonly)$', unless: { path: 'a1', equals: "'unsubscribe'" } };
}

// ---------------------------------------------------------------- Amazon SES

/** A send naming a configuration set (whose OPEN/CLICK event destination records opens and clicks). */
const sesSend = tracked([{ path: 'a0.ConfigurationSetName', technique: 'email-tracking', when: 'truthy' }]);
/** An event destination that listens to OPEN or CLICK events. */
const sesDestination = tracked([
  { path: 'a0.EventDestination.MatchingEventTypes', technique: 'email-tracking', matches: '\\b(?:OPEN|CLICK|[Oo]pen|[Cc]lick)\\b', unless: { path: 'a0.EventDestination.Enabled', equals: 'false' } },
]);
/**
 * SDK v3 command style `client.send(new SendEmailCommand({ …, ConfigurationSetName }))`: the command
 * is only visible as source text, so the switch reads that text.
 */
const sesCommandSend = tracked([
  { path: 'a0', technique: 'email-tracking', matches: '\\bnew\\s+Send(?:Raw|Templated|BulkTemplated|Bulk)?EmailCommand\\s*\\([^]*\\bConfigurationSetName\\b' },
  { path: 'a0', technique: 'email-tracking', matches: '\\bnew\\s+CreateConfigurationSetEventDestinationCommand\\s*\\([^]*\\b(?:OPEN|CLICK)\\b' },
]);
const sesMethods = {
  sendEmail: sesSend,
  sendRawEmail: sesSend,
  sendTemplatedEmail: sesSend,
  sendBulkTemplatedEmail: { kind: 'other' as const, silent: true, switches: [{ path: 'a0.ConfigurationSetName', technique: 'email-tracking' as const, when: 'truthy' as const }] },
  sendBulkEmail: sesSend,
  createConfigurationSetEventDestination: sesDestination,
  send: sesCommandSend,
};

export const amazonSes: SdkEntry = {
  id: 'amazon-ses',
  name: 'Amazon SES (SDK v3 client-sesv2 / client-ses, SDK v2)',
  vendor: 'Amazon Web Services',
  category: 'email',
  modules: {
    '@aws-sdk/client-sesv2': { SESv2Client: 'ClientClass', SESv2: 'ClientClass' },
    '@aws-sdk/client-ses': { SESClient: 'ClientClass', SES: 'ClientClass' },
    'aws-sdk/clients/ses': { default: 'ClientClass', '*': 'ClientClass' },
    'aws-sdk/clients/sesv2': { default: 'ClientClass', '*': 'ClientClass' },
    'aws-sdk': { SES: 'ClientClass', SESV2: 'ClientClass', default: 'awsV2', '*': 'awsV2' },
  },
  types: {
    ClientClass: { construct: 'client' },
    awsV2: { members: { SES: 'ClientClass', SESV2: 'ClientClass' } },
    client: { methods: sesMethods },
  },
  hosts: ['email.us-east-1.amazonaws.com'],
  docs: 'tracking-techniques-a.md §A3.1',
};

// ---------------------------------------------------------------- Mandrill (Mailchimp Transactional)

const mandrillSwitches = (at: string): Switch[] => [on(`${at}.track_opens`), on(`${at}.track_clicks`)];

export const mandrill: SdkEntry = {
  id: 'mandrill',
  name: 'Mailchimp Transactional (Mandrill)',
  vendor: 'Intuit Mailchimp',
  category: 'email',
  modules: {
    '@mailchimp/mailchimp_transactional': { default: 'factory', '*': 'factory' },
    'mandrill-api/mandrill': { Mandrill: 'MandrillClass' },
    'mandrill-api': { Mandrill: 'MandrillClass', default: 'legacyNs', '*': 'legacyNs' },
  },
  types: {
    // `require('@mailchimp/mailchimp_transactional')(apiKey)`
    factory: { call: { kind: 'other', silent: true, returns: 'client' } },
    legacyNs: { members: { Mandrill: 'MandrillClass' } },
    MandrillClass: { construct: 'client' },
    client: { members: { messages: 'messages' } },
    messages: {
      methods: {
        send: tracked(mandrillSwitches('a0.message')),
        sendTemplate: tracked(mandrillSwitches('a0.message')),
        'send-template': tracked(mandrillSwitches('a0.message')),
      },
    },
  },
  hosts: ['mandrillapp.com'],
  docs: 'tracking-techniques-a.md §A3.1',
};

// ---------------------------------------------------------------- SparkPost

/** Open and click tracking default to true in the Transmissions API: a send counts unless both are off. */
const sparkpostSend: CallSpec = {
  kind: 'other',
  silent: true,
  switches: [
    { path: 'a0', technique: 'email-tracking', unless: { path: 'a0.options.open_tracking', equals: 'false' } },
    { path: 'a0', technique: 'email-tracking', unless: { path: 'a0.options.click_tracking', equals: 'false' } },
  ],
};

export const sparkpost: SdkEntry = {
  id: 'sparkpost',
  name: 'SparkPost (Bird)',
  vendor: 'Bird (SparkPost)',
  category: 'email',
  modules: { sparkpost: { default: 'SparkPostClass', '*': 'SparkPostClass' } },
  types: {
    SparkPostClass: { construct: 'client' },
    client: { members: { transmissions: 'transmissions', templates: 'templates' } },
    transmissions: { methods: { send: sparkpostSend } },
    templates: {
      methods: {
        create: tracked([on('a0.options.open_tracking'), on('a0.options.click_tracking')]),
        update: tracked([on('a1.options.open_tracking'), on('a1.options.click_tracking')]),
      },
    },
  },
  hosts: ['api.sparkpost.com', 'api.eu.sparkpost.com'],
  docs: 'tracking-techniques-a.md §A3.1',
};

// ---------------------------------------------------------------- Resend

export const resend: SdkEntry = {
  id: 'resend',
  name: 'Resend',
  vendor: 'Resend',
  category: 'email',
  modules: { resend: { Resend: 'ResendClass', default: 'ResendClass' } },
  types: {
    ResendClass: { construct: 'client' },
    client: { members: { domains: 'domains', events: 'events' } },
    // Tracking is per sending domain: `domains.create({ name, openTracking: true, clickTracking: true })`.
    domains: {
      methods: {
        create: tracked([on('a0.openTracking'), on('a0.clickTracking')]),
        update: tracked([on('a0.openTracking'), on('a0.clickTracking')]),
      },
    },
    // Contact events: `resend.events.send({ event, email | contactId, payload })`.
    events: { methods: { send: { kind: 'track', event: 'a0.event', props: 'a0.payload', identity: ['a0.email', 'a0.contactId'] } } },
  },
  hosts: ['api.resend.com'],
  docs: 'tracking-techniques-a.md §A3.1',
};
