/**
 * Collection endpoints (tracking-techniques-a §A4.2): host and path of the URLs that vendors
 * collect at, as data. A hand-written request to one of them (an `<img>` pixel, `new Image().src`,
 * `navigator.sendBeacon`, `fetch`/`axios`/`XMLHttpRequest`, a server-side conversion API call) is
 * a technique site (`analysis/detectors/pixels.ts`), reported with the vendor's SDK id so that it
 * maps to the same destination as the vendor's SDK.
 *
 * Matching is on the static part of the URL: dynamic parts (`${id}`, concatenated variables) are
 * `…` and match any run of characters inside one host label or path segment. A URL without a host
 * (`/api/log`, `${location.origin}/log`) is first-party and never matches.
 *
 * SDK ids without a catalogue entry of their own (the server-side conversion APIs, and the
 * hand-written technique families `fingerprint:*`, `email:*`, `pixel:unknown-host`) get a stub
 * entry (`techniqueEntries`) so that `privet sdks` lists them and a destination can name them.
 */
import type { TechniqueId } from '../types';
import type { SdkEntry } from './types';

export interface CollectionEndpoint {
  /** Exact host, `*.suffix` (the suffix and any subdomain of it), or `*` (any host: distinctive self-hosted collector paths). */
  host: string;
  /** Regular expression over the path (from its leading `/`), anchored at the start. */
  path: string;
  /** SDK id of the vendor (a catalogue entry, or a stub from `techniqueEntries`). */
  vendor: string;
  technique: TechniqueId;
  side: 'browser' | 'server';
  /** Query parameters holding the event name, first present wins (`ev` for Meta, `event` for Pinterest). */
  eventParam?: string[];
  /** Path in the request body (JSON object) to the event name. */
  eventBody?: string[];
  /** Query parameters carrying hashed identity: when one is written, the pixel also does identity matching. */
  identityParams?: string[];
  /** Body key whose presence turns the request into identity matching (GA4 Measurement Protocol `user_data`). */
  identityBody?: string[];
  /** An e-mail open pixel when it sits in e-mail HTML (HubSpot `__ptq.gif`). */
  emailPixel?: boolean;
}

const E = (host: string, path: string, vendor: string, technique: TechniqueId, side: 'browser' | 'server', extra: Partial<CollectionEndpoint> = {}): CollectionEndpoint => ({ host, path, vendor, technique, side, ...extra });

const PIXEL: TechniqueId = 'cross-site-pixel';
const MATCH: TechniqueId = 'identity-matching';

/** The endpoints, most specific first (the first match wins). */
export const collectionEndpoints: readonly CollectionEndpoint[] = [
  // Google
  E('*.google-analytics.com', '/(?:debug/)?mp/collect', 'ga4-mp', PIXEL, 'server', { eventBody: ['events', '0', 'name'], identityBody: ['user_data'] }),
  E('*.google-analytics.com', '/g/collect', 'ga4', PIXEL, 'browser', { eventParam: ['en'] }),
  E('analytics.google.com', '/g/collect', 'ga4', PIXEL, 'browser', { eventParam: ['en'] }),
  E('*.google-analytics.com', '/(?:r/)?(?:collect|batch)(?:$|[?/])', 'universal-analytics', PIXEL, 'browser', { eventParam: ['ea', 't'] }),
  E('googleads.g.doubleclick.net', '/pagead/(?:viewthrough)?conversion/', 'google-ads', PIXEL, 'browser'),
  E('www.googleadservices.com', '/pagead/conversion/', 'google-ads', PIXEL, 'browser'),
  // Meta
  E('www.facebook.com', '/tr(?:$|[/?])', 'meta-pixel', PIXEL, 'browser', { eventParam: ['ev'], identityParams: ['ud[em]', 'ud[ph]', 'ud[external_id]', 'ud[fn]', 'ud[ln]'] }),
  E('graph.facebook.com', '/[^/]+/[^/]+/(?:events|users)(?:$|[/?])', 'meta-capi', MATCH, 'server', { eventBody: ['data', '0', 'event_name'] }),
  // LinkedIn
  E('px.ads.linkedin.com', '/collect', 'linkedin-insight', PIXEL, 'browser', { eventParam: ['conversionId'] }),
  E('dc.ads.linkedin.com', '/collect', 'linkedin-insight', PIXEL, 'browser', { eventParam: ['conversionId'] }),
  E('api.linkedin.com', '/rest/conversionEvents', 'linkedin-capi', MATCH, 'server'),
  // TikTok
  E('business-api.tiktok.com', '/open_api/[^/]+/(?:event/track|pixel/track|pixel/batch)', 'tiktok-events-api', MATCH, 'server', { eventBody: ['event'] }),
  E('analytics.tiktok.com', '/api/v2/pixel', 'tiktok-pixel', PIXEL, 'browser', { eventBody: ['event'] }),
  // X / Twitter
  E('ads-api.x.com', '/[^/]+/measurement/conversions/', 'x-capi', MATCH, 'server'),
  E('ads-api.twitter.com', '/[^/]+/measurement/conversions/', 'x-capi', MATCH, 'server'),
  E('analytics.twitter.com', '/i/adsct', 'x-pixel', PIXEL, 'browser'),
  E('t.co', '/i/adsct', 'x-pixel', PIXEL, 'browser'),
  // Pinterest
  E('api.pinterest.com', '/v5/ad_accounts/[^/]+/events', 'pinterest-capi', MATCH, 'server', { eventBody: ['data', '0', 'event_name'] }),
  E('ct.pinterest.com', '/(?:v3|user)(?:$|[/?])', 'pinterest-tag', PIXEL, 'browser', { eventParam: ['event'], identityParams: ['pd[em]'] }),
  // Snap
  E('tr.snapchat.com', '/v[23]/', 'snap-capi', MATCH, 'server', { eventBody: ['data', '0', 'event_name'] }),
  E('tr.snapchat.com', '/(?:p|cm/i)(?:$|[/?])', 'snap-pixel', PIXEL, 'browser', { eventParam: ['ev'] }),
  // Reddit
  E('ads-api.reddit.com', '/api/v[^/]+/conversions/events/', 'reddit-capi', MATCH, 'server', { eventBody: ['events', '0', 'event_type', 'tracking_type'] }),
  E('alb.reddit.com', '/rp(?:\\.gif)?(?:$|[/?])', 'reddit-pixel', PIXEL, 'browser', { eventParam: ['event'] }),
  // Microsoft, Yandex
  E('bat.bing.com', '/action/', 'microsoft-uet', PIXEL, 'browser', { eventParam: ['ea', 'evt'] }),
  E('*.clarity.ms', '/collect', 'clarity', PIXEL, 'browser'),
  E('mc.yandex.ru', '/watch/', 'yandex-metrica', PIXEL, 'browser'),
  // Other ad pixels of the catalogue
  E('q.quora.com', '/_/ad/', 'quora-pixel', PIXEL, 'browser'),
  E('sslwidget.criteo.com', '/event', 'criteo', PIXEL, 'browser'),
  E('trc.taboola.com', '/[^/]+/log/3/unip', 'taboola', PIXEL, 'browser', { eventParam: ['en'] }),
  E('tr.outbrain.com', '/(?:unifiedPixel|pixel)', 'outbrain', PIXEL, 'browser', { eventParam: ['name'] }),
  // Marketing automation and B2B identification
  E('track.hubspot.com', '/__ptq?\\.gif', 'hubspot', PIXEL, 'browser', { emailPixel: true }),
  E('api.hsforms.com', '/submissions/v3/integration/submit/', 'hubspot', PIXEL, 'server', { identityBody: ['context', 'hutk'] }),
  E('*.mktoresp.com', '/webevents/', 'marketo', PIXEL, 'browser'),
  E('trackcmp.net', '/(?:event|visit)(?:$|[/?])', 'activecampaign', PIXEL, 'browser', { eventParam: ['event'], eventBody: ['event'] }),
  E('in-automate.brevo.com', '/api/v2/(?:identify|trackEvent|trackPage|trackLink)', 'brevo', PIXEL, 'server', { eventBody: ['event'] }),
  E('in-automate.sendinblue.com', '/api/v2/(?:identify|trackEvent|trackPage|trackLink)', 'brevo', PIXEL, 'server', { eventBody: ['event'] }),
  E('*.salesmanago.com', '/api/(?:contact/upsert|v2/contact/addContactExtEvent)', 'salesmanago', PIXEL, 'server'),
  E('*', '/mtracking\\.gif', 'mautic', PIXEL, 'browser'),
  E('*', '/mtc/event', 'mautic', PIXEL, 'browser'),
  E('secure.leadforensics.com', '/(?:Track/Capture\\.aspx|[^/]+\\.png)', 'lead-forensics', 'visitor-identification', 'browser'),
  E('reveal.clearbit.com', '/v1/companies/find', 'clearbit-reveal', 'visitor-identification', 'server'),
  E('track.customer.io', '/(?:events|api/v1/customers/)', 'customerio', PIXEL, 'server', { eventBody: ['name'] }),
  E('track-eu.customer.io', '/(?:events|api/v1/customers/)', 'customerio', PIXEL, 'server', { eventBody: ['name'] }),
  E('a.klaviyo.com', '/(?:client/(?:events|profiles|subscriptions)|api/(?:events|profiles))', 'klaviyo', PIXEL, 'browser'),
  // Product analytics HTTP APIs
  E('api.segment.io', '/v1/(?:track|identify|page|screen|group|alias|batch|t|i|p)(?:$|[/?])', 'segment', PIXEL, 'server', { eventBody: ['event'] }),
  E('events.eu1.segmentapis.com', '/v1/(?:track|identify|page|screen|group|alias|batch)(?:$|[/?])', 'segment', PIXEL, 'server', { eventBody: ['event'] }),
  E('*.dataplane.rudderstack.com', '/v1/(?:track|identify|page|screen|group|alias|batch)(?:$|[/?])', 'rudderstack', PIXEL, 'server', { eventBody: ['event'] }),
  E('api.mixpanel.com', '/(?:track|import|engage|groups)(?:$|[/?])', 'mixpanel', PIXEL, 'server', { eventBody: ['event'] }),
  E('api-eu.mixpanel.com', '/(?:track|import|engage|groups)(?:$|[/?])', 'mixpanel', PIXEL, 'server', { eventBody: ['event'] }),
  E('api2.amplitude.com', '/(?:2/httpapi|batch)', 'amplitude', PIXEL, 'server', { eventBody: ['events', '0', 'event_type'] }),
  E('api.eu.amplitude.com', '/(?:2/httpapi|batch)', 'amplitude', PIXEL, 'server', { eventBody: ['events', '0', 'event_type'] }),
  E('api.amplitude.com', '/(?:2/httpapi|identify|batch)', 'amplitude', PIXEL, 'server', { eventBody: ['events', '0', 'event_type'] }),
  E('*.i.posthog.com', '/(?:i/v0/e|capture|batch|e)(?:$|[/?])', 'posthog', PIXEL, 'browser', { eventBody: ['event'] }),
  E('app.posthog.com', '/(?:i/v0/e|capture|batch|e)(?:$|[/?])', 'posthog', PIXEL, 'browser', { eventBody: ['event'] }),
  E('heapanalytics.com', '/api/(?:track|add_user_properties)', 'heap', PIXEL, 'server', { eventBody: ['event'] }),
  E('plausible.io', '/api/event', 'plausible', PIXEL, 'browser', { eventBody: ['name'] }),
  E('cloud.umami.is', '/api/send', 'umami', PIXEL, 'browser', { eventBody: ['payload', 'name'] }),
  E('*', '/(?:matomo|piwik)\\.php', 'matomo', PIXEL, 'browser', { eventParam: ['e_a', 'action_name'] }),
  E('*', '/com\\.snowplowanalytics\\.snowplow/tp2', 'snowplow', PIXEL, 'browser'),
];

// ---------------------------------------------------------------------------------------------
// Matching

/** Marks a dynamic part of a URL in its static text. */
export const DYN = '\u2026';

/** A URL split into its static parts. */
export interface StaticUrl {
  /** Lower-cased host, `…` where dynamic; '' for a relative URL. */
  host: string;
  /** Path from its leading `/` ('' when none). */
  path: string;
  /** Query parameters written statically (`k=v`; the value is null when it is dynamic). */
  query: Map<string, string | null>;
  /** The whole static text. */
  text: string;
}

/** Split a URL's static text (`…` for dynamic parts). Relative URLs get host ''. */
export function parseStaticUrl(text: string): StaticUrl {
  let rest = text.trim();
  let host = '';
  const abs = /^(?:(?:https?:)?\/\/|\u2026(?=:\/\/|\/\/))/i.exec(rest);
  if (abs) {
    rest = rest.slice(abs[0].length).replace(/^:?\/\//, '');
    const end = rest.search(/[/?#]/);
    host = (end < 0 ? rest : rest.slice(0, end)).toLowerCase().replace(/:\d+$/, '');
    rest = end < 0 ? '' : rest.slice(end);
  }
  const q = rest.indexOf('?');
  const path = (q < 0 ? rest : rest.slice(0, q)).replace(/#.*$/, '');
  const query = new Map<string, string | null>();
  if (q >= 0) {
    for (const part of rest.slice(q + 1).replace(/#.*$/, '').split('&')) {
      if (!part) continue;
      const eq = part.indexOf('=');
      const rawKey = eq < 0 ? part : part.slice(0, eq);
      const rawVal = eq < 0 ? '' : part.slice(eq + 1);
      if (rawKey.includes(DYN)) continue;
      let key = rawKey;
      let val: string | null = rawVal.includes(DYN) ? null : rawVal;
      try {
        key = decodeURIComponent(rawKey);
        if (val !== null) val = decodeURIComponent(val.replace(/\+/g, ' '));
      } catch {
        // keep the raw text
      }
      if (!query.has(key)) query.set(key, val);
    }
  }
  return { host, path, query, text };
}

/** A `…` in a pattern's subject matches a run of characters within one host label or path segment. */
function hostMatches(pattern: string, host: string): boolean {
  if (!host) return false;
  if (pattern === '*') return true;
  if (pattern.startsWith('*.')) {
    const suffix = pattern.slice(2);
    return host === suffix || host.endsWith('.' + suffix);
  }
  if (!host.includes(DYN)) return host === pattern;
  return wildcard(host).test(pattern);
}

function wildcard(s: string): RegExp {
  return new RegExp('^' + s.split(DYN).map((x) => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[^./]*') + '$');
}

const compiled = collectionEndpoints.map((e) => ({ e, path: new RegExp('^' + e.path) }));

/** The endpoint a URL collects at, if any (never for a relative URL). */
export function matchEndpoint(url: StaticUrl): CollectionEndpoint | undefined {
  if (!url.host || /^\u2026+$/.test(url.host)) return undefined;
  // A dynamic part in the path stands for one or more segments' worth of text: try it as-is and as a segment.
  const paths = url.path.includes(DYN) ? [url.path, url.path.replace(/\u2026/g, 'x'), url.path.replace(/\u2026/g, 'x/x')] : [url.path || '/'];
  for (const { e, path } of compiled) {
    if (!hostMatches(e.host, url.host)) continue;
    if (paths.some((p) => path.test(p))) return e;
  }
  return undefined;
}

/** Every host of the table (for the pre-filter). */
export const collectionHosts: readonly string[] = [...new Set(collectionEndpoints.map((e) => e.host.replace(/^\*\.?/, '')).filter((h) => h.length >= 8))];

// ---------------------------------------------------------------------------------------------
// Stub entries

const NAMES: Record<string, [string, string, SdkEntry['category']]> = {
  'ga4-mp': ['GA4 Measurement Protocol (server)', 'Google', 'analytics'],
  'google-ads': ['Google Ads conversion pixel', 'Google', 'advertising'],
  'meta-capi': ['Meta Conversions API / custom audiences (server)', 'Meta', 'advertising'],
  'linkedin-insight': ['LinkedIn Insight pixel', 'LinkedIn', 'advertising'],
  'linkedin-capi': ['LinkedIn Conversions API (server)', 'LinkedIn', 'advertising'],
  'tiktok-pixel': ['TikTok Pixel', 'TikTok', 'advertising'],
  'tiktok-events-api': ['TikTok Events API (server)', 'TikTok', 'advertising'],
  'x-pixel': ['X / Twitter pixel', 'X', 'advertising'],
  'x-capi': ['X Conversions API (server)', 'X', 'advertising'],
  'pinterest-tag': ['Pinterest Tag', 'Pinterest', 'advertising'],
  'pinterest-capi': ['Pinterest Conversions API (server)', 'Pinterest', 'advertising'],
  'snap-capi': ['Snap Conversions API (server)', 'Snap', 'advertising'],
  'reddit-capi': ['Reddit Conversions API (server)', 'Reddit', 'advertising'],
  hubspot: ['HubSpot', 'HubSpot', 'marketing'],
  marketo: ['Marketo Munchkin', 'Adobe', 'marketing'],
  activecampaign: ['ActiveCampaign site tracking', 'ActiveCampaign', 'marketing'],
  brevo: ['Brevo tracker', 'Brevo', 'marketing'],
  salesmanago: ['SALESmanago', 'SALESmanago', 'marketing'],
  mautic: ['Mautic', 'Mautic', 'marketing'],
  'lead-forensics': ['Lead Forensics', 'Lead Forensics', 'identity'],
  'clearbit-reveal': ['Clearbit Reveal', 'HubSpot (Clearbit)', 'identity'],
  'fingerprint:canvas': ['Hand-written canvas fingerprint', 'first party', 'fingerprinting'],
  'fingerprint:webgl': ['Hand-written WebGL fingerprint', 'first party', 'fingerprinting'],
  'fingerprint:audio': ['Hand-written audio fingerprint', 'first party', 'fingerprinting'],
  'fingerprint:fonts': ['Hand-written font probing', 'first party', 'fingerprinting'],
  'fingerprint:traits': ['Hand-written device-trait fingerprint', 'first party', 'fingerprinting'],
  'email:open-pixel': ['Hand-made e-mail open pixel', 'first party', 'email'],
  'email:click-redirect': ['Hand-made e-mail click-tracking redirect', 'first party', 'email'],
  'pixel:unknown-host': ['Hidden 1×1 image pixel to an unknown host', 'unknown', 'advertising'],
};

/** Words and substrings whose presence lets a file through the pre-filter for technique detection. */
export const techniqueTriggers: readonly string[] = [
  ...collectionHosts,
  '/matomo.php',
  '/piwik.php',
  'mtracking.gif',
  'com.snowplowanalytics',
  // beacons and e-mail pixels
  'sendBeacon',
  'width="1"',
  "width='1'",
  'width="0"',
  'height="1"',
  "height='1'",
  'display:none',
  'nodemailer',
  '@react-email',
  'sendMail',
  'sendEmail',
  'HtmlBody',
  'htmlContent',
  'R0lGOD',
  'image/gif',
  // fingerprinting
  'toDataURL',
  'getImageData',
  'UNMASKED_RENDERER_WEBGL',
  'UNMASKED_VENDOR_WEBGL',
  'WEBGL_debug_renderer_info',
  'OfflineAudioContext',
  'webkitOfflineAudioContext',
  'hardwareConcurrency',
  'deviceMemory',
  'getHighEntropyValues',
  'measureText',
  'queryLocalFonts',
  'fonts.check(',
];

/** Stub catalogue entries for the SDK ids the technique detectors report that no entry defines. */
export function techniqueEntries(existing: readonly SdkEntry[]): SdkEntry[] {
  const have = new Set(existing.map((e) => e.id));
  const hostsOf = new Map<string, string[]>();
  for (const e of collectionEndpoints) if (e.host !== '*') hostsOf.set(e.vendor, [...(hostsOf.get(e.vendor) ?? []), e.host]);
  const out: SdkEntry[] = [];
  for (const [id, [name, vendor, category]] of Object.entries(NAMES)) {
    if (have.has(id)) continue;
    out.push({ id, name, vendor, category, types: {}, hosts: hostsOf.get(id), docs: id.includes(':') ? 'tracking-techniques-a/-b (hand-written techniques)' : 'tracking-techniques-a §A4.2' });
  }
  // The technique triggers ride on one always-present entry.
  const carrier = out.find((e) => e.id === 'pixel:unknown-host');
  if (carrier) carrier.triggers = [...techniqueTriggers];
  return out;
}
