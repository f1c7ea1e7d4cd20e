/**
 * Technique detectors (analysis/detectors/): hand-written pixels and beacons to the collection
 * endpoints of tracking-techniques-a §A4.2, server-side conversion APIs, hand-made e-mail open
 * pixels and click redirects (§A3.2), hand-written fingerprinting (tracking-techniques-b §B2.5).
 * Positive cases in the forms the references document, and the look-alikes that must not match,
 * through the real detection (pre-filter, file analysis, project resolution).
 */
import * as assert from 'node:assert/strict';
import { detect } from '../helpers/detect';
import { collectionEndpoints, matchEndpoint, parseStaticUrl } from '../../src/core/catalogue/endpoints';
import { getCatalogue } from '../../src/core/catalogue';
import { Prefilter } from '../../src/core/analysis/prefilter';
import type { TrackingCall } from '../../src/core/types';

/** `line sdk technique event method` of the technique calls of kind other. */
function brief(calls: TrackingCall[]): string[] {
  return calls.filter((c) => c.kind === 'other' && c.technique).map((c) => `${c.range.start.line + 1} ${c.sdk} ${c.technique} ${c.event ?? '-'} ${c.method}`);
}

async function techniques(src: string, file = 'src/app.ts', extra: Record<string, string> = {}): Promise<string[]> {
  return brief(await detect({ [file]: src, ...extra }));
}

async function none(src: string, file = 'src/app.ts'): Promise<void> {
  assert.deepEqual(await techniques(src, file), []);
}

// ------------------------------------------------------------------------------------------------

suite('endpoint table', () => {
  const cases: [string, string | undefined, string?][] = [
    ['https://www.google-analytics.com/g/collect?v=2&tid=G-X&cid=1&en=page_view', 'ga4'],
    ['https://region1.google-analytics.com/g/collect?v=2&en=purchase', 'ga4'],
    ['https://analytics.google.com/g/collect?v=2', 'ga4'],
    ['https://www.google-analytics.com/mp/collect?measurement_id=G-X&api_secret=S', 'ga4-mp'],
    ['https://www.google-analytics.com/debug/mp/collect', 'ga4-mp'],
    ['https://www.google-analytics.com/collect?v=1&tid=UA-1', 'universal-analytics'],
    ['https://googleads.g.doubleclick.net/pagead/viewthroughconversion/123/?value=1', 'google-ads'],
    ['https://www.googleadservices.com/pagead/conversion/123/', 'google-ads'],
    ['https://www.facebook.com/tr?id=1&ev=PageView&noscript=1', 'meta-pixel'],
    ['https://www.facebook.com/tr/?id=1&ev=Lead', 'meta-pixel'],
    ['https://graph.facebook.com/v19.0/1234/events?access_token=T', 'meta-capi'],
    ['https://graph.facebook.com/v19.0/6000/users', 'meta-capi'],
    ['https://px.ads.linkedin.com/collect/?pid=1&fmt=gif&conversionId=9', 'linkedin-insight'],
    ['https://dc.ads.linkedin.com/collect/?pid=1&fmt=gif', 'linkedin-insight'],
    ['https://api.linkedin.com/rest/conversionEvents', 'linkedin-capi'],
    ['https://analytics.tiktok.com/api/v2/pixel/track/', 'tiktok-pixel'],
    ['https://business-api.tiktok.com/open_api/v1.3/event/track/', 'tiktok-events-api'],
    ['https://analytics.twitter.com/i/adsct?txn_id=o1', 'x-pixel'],
    ['https://t.co/i/adsct?txn_id=o1', 'x-pixel'],
    ['https://ads-api.x.com/12/measurement/conversions/o1', 'x-capi'],
    ['https://ct.pinterest.com/v3/?tid=1&event=checkout&pd[em]=abc', 'pinterest-tag'],
    ['https://api.pinterest.com/v5/ad_accounts/55/events', 'pinterest-capi'],
    ['https://tr.snapchat.com/v3/PIXEL/events?access_token=T', 'snap-capi'],
    ['https://tr.snapchat.com/p', 'snap-pixel'],
    ['https://alb.reddit.com/rp.gif?id=t2_x&event=PageVisit', 'reddit-pixel'],
    ['https://ads-api.reddit.com/api/v2.0/conversions/events/a2_1', 'reddit-capi'],
    ['https://bat.bing.com/action/0?ti=1&evt=pageLoad', 'microsoft-uet'],
    ['https://mc.yandex.ru/watch/123', 'yandex-metrica'],
    ['https://track.hubspot.com/__ptq.gif?a=1&k=14', 'hubspot'],
    ['https://api.hsforms.com/submissions/v3/integration/submit/1/guid', 'hubspot'],
    ['https://123-ABC-456.mktoresp.com/webevents/visitWebPage', 'marketo'],
    ['https://trackcmp.net/event', 'activecampaign'],
    ['https://in-automate.brevo.com/api/v2/trackEvent', 'brevo'],
    ['https://app3.salesmanago.com/api/contact/upsert', 'salesmanago'],
    ['https://crm.example.com/mtracking.gif?email=a', 'mautic'],
    ['https://secure.leadforensics.com/Track/Capture.aspx', 'lead-forensics'],
    ['https://reveal.clearbit.com/v1/companies/find?ip=1.2.3.4', 'clearbit-reveal'],
    ['https://track.customer.io/api/v1/customers/5/events', 'customerio'],
    ['https://a.klaviyo.com/client/events/?company_id=X', 'klaviyo'],
    ['https://api.segment.io/v1/track', 'segment'],
    ['https://api.mixpanel.com/track', 'mixpanel'],
    ['https://api2.amplitude.com/2/httpapi', 'amplitude'],
    ['https://eu.i.posthog.com/i/v0/e/', 'posthog'],
    ['https://plausible.io/api/event', 'plausible'],
    ['https://cloud.umami.is/api/send', 'umami'],
    ['https://stats.example.org/matomo.php?idsite=1&rec=1', 'matomo'],
    ['https://collector.example.com/com.snowplowanalytics.snowplow/tp2', 'snowplow'],
    ['//www.facebook.com/tr?id=1', 'meta-pixel'],
    ['https://\u2026.google-analytics.com/g/collect', 'ga4'],
    ['https://graph.facebook.com/\u2026/\u2026/events', 'meta-capi'],
    // look-alikes
    ['https://www.facebook.com/sharer/sharer.php?u=x', undefined],
    ['https://graph.facebook.com/me?fields=name,email', undefined],
    ['https://connect.facebook.net/en_US/fbevents.js', undefined],
    ['https://www.google-analytics.com/analytics.js', undefined],
    ['https://www.googletagmanager.com/gtag/js?id=G-1', undefined],
    ['https://api.linkedin.com/v2/me', undefined],
    ['https://api.pinterest.com/v5/pins/1', undefined],
    ['/api/orders', undefined],
    ['/tr?id=1&ev=Lead', undefined],
    ['/matomo.php?idsite=1', undefined],
    ['\u2026/log', undefined],
    ['https://cdn.shop.example/p/1.jpg?w=400', undefined],
  ];
  for (const [url, vendor] of cases) {
    test(`${url} -> ${vendor ?? 'no endpoint'}`, () => assert.equal(matchEndpoint(parseStaticUrl(url))?.vendor, vendor));
  }
  test('every vendor of the table is a catalogue SDK id (a destination can name it)', () => {
    const ids = new Set(getCatalogue().entries.map((e) => e.id));
    for (const e of collectionEndpoints) assert.ok(ids.has(e.vendor), e.vendor);
    for (const id of ['fingerprint:canvas', 'fingerprint:webgl', 'fingerprint:audio', 'fingerprint:fonts', 'fingerprint:traits', 'email:open-pixel', 'email:click-redirect', 'pixel:unknown-host']) assert.ok(ids.has(id), id);
  });
});

// ------------------------------------------------------------------------------------------------

suite('pixels and beacons: transport shapes', () => {
  test('new Image().src, const i = new Image(); i.src, createElement img, setAttribute', async () => {
    assert.deepEqual(
      await techniques(`
const PIXEL_ID = '123';
export function lead() {
  new Image().src = \`https://www.facebook.com/tr?id=\${PIXEL_ID}&ev=Lead&noscript=1\`;
  const img = new Image(1, 1);
  img.src = 'https://ct.pinterest.com/v3/?tid=26&event=checkout&noscript=1';
  document.createElement('img').src = 'https://alb.reddit.com/rp.gif?id=t2_1&event=Purchase';
  const el = document.getElementById('px')!;
  el.setAttribute('src', 'https://bat.bing.com/action/0?ti=5&evt=custom&ea=signup');
}
`),
      [
        '4 meta-pixel cross-site-pixel Lead img.src',
        '6 pinterest-tag cross-site-pixel checkout img.src',
        '7 reddit-pixel cross-site-pixel Purchase img.src',
        '9 microsoft-uet cross-site-pixel signup img.src',
      ],
    );
  });

  test('navigator.sendBeacon, fetch with keepalive, xhr.open, $.ajax', async () => {
    assert.deepEqual(
      await techniques(`
const GA = 'https://www.google-analytics.com/g/collect';
export function report(cid: string) {
  navigator.sendBeacon(\`\${GA}?v=2&tid=G-1&cid=\${cid}&en=scroll\`);
  window.navigator.sendBeacon?.('https://analytics.tiktok.com/api/v2/pixel', JSON.stringify({ event: 'ViewContent' }));
  fetch('https://api.mixpanel.com/track', { method: 'POST', keepalive: true, body: JSON.stringify({ event: 'Signed Up', properties: { distinct_id: cid } }) });
  const xhr = new XMLHttpRequest();
  xhr.open('GET', 'https://px.ads.linkedin.com/collect/?pid=1&fmt=gif&conversionId=77');
  xhr.send();
  $.ajax({ url: 'https://api.segment.io/v1/track', method: 'POST', data: { event: 'Order Completed' } });
}
`),
      [
        '4 ga4 cross-site-pixel scroll sendBeacon',
        '5 tiktok-pixel cross-site-pixel ViewContent sendBeacon',
        '6 mixpanel cross-site-pixel Signed Up fetch',
        '8 linkedin-insight cross-site-pixel 77 xhr.open',
        '10 segment cross-site-pixel Order Completed ajax',
      ],
    );
  });

  test('URL values: concatenation, new URL(path, base), URLSearchParams, a constant object member', async () => {
    assert.deepEqual(
      await techniques(`
const CONFIG = { pixel: 'https://www.facebook.com/tr' };
export function a(id: string) {
  new Image().src = 'https://www.facebook.com/tr?id=' + id + '&ev=AddToCart';
  const u = new URL('/tr', 'https://www.facebook.com');
  new Image().src = u.toString();
  const params = new URLSearchParams({ id, ev: 'Search' });
  new Image().src = CONFIG.pixel + '?' + params.toString();
}
`),
      ['4 meta-pixel cross-site-pixel AddToCart img.src', '6 meta-pixel cross-site-pixel - img.src', '8 meta-pixel cross-site-pixel Search img.src'],
    );
  });

  test('hashed identity in a browser pixel is also identity matching', async () => {
    assert.deepEqual(await techniques(`export function p(h: string) {\n  new Image().src = \`https://www.facebook.com/tr?id=1&ev=Purchase&ud[em]=\${h}\`;\n}\n`), [
      '2 meta-pixel cross-site-pixel Purchase img.src',
      '2 meta-pixel identity-matching Purchase img.src',
    ]);
  });

  test('<img> pixels in JSX (noscript, hidden, conditional) and in HTML strings', async () => {
    assert.deepEqual(
      await techniques(
        `
export const MetaNoscript = () => (
  <noscript>
    <img height="1" width="1" style={{ display: 'none' }} src="https://www.facebook.com/tr?id=1&ev=PageView&noscript=1" alt="" />
  </noscript>
);
export const Li = ({ ok }: { ok: boolean }) => ok && <img src={\`https://px.ads.linkedin.com/collect/?pid=\${1}&fmt=gif\`} width={1} height={1} />;
export function inject() {
  document.body.insertAdjacentHTML('beforeend', '<img src="https://ct.pinterest.com/v3/?event=init&tid=2&noscript=1" height="1" width="1" style="display:none" alt="">');
}
`,
        'src/Pixels.tsx',
      ),
      ['4 meta-pixel cross-site-pixel PageView <img>', '7 linkedin-insight cross-site-pixel - <img>', '9 pinterest-tag cross-site-pixel init <img>'],
    );
  });

  test('an unknown host: a hidden 1×1 <img> or a new Image() beacon with a tracking query', async () => {
    assert.deepEqual(
      await techniques(
        `
export const Px = () => <img src="https://px.adnet.example/track?cid=42&e=view" width="1" height="1" alt="" />;
export function beacon() { new Image().src = 'https://collect.adnet.example/pixel.gif?u=1&ev=lead'; }
`,
        'src/Px.tsx',
      ),
      ['2 pixel:unknown-host cross-site-pixel - <img>', '3 pixel:unknown-host cross-site-pixel - img.src'],
    );
  });

  test('a URL in an imported constant is matched at project level', async () => {
    const calls = await detect({
      'src/config.ts': `export const META_PIXEL = 'https://www.facebook.com/tr?id=1&ev=Lead';\n`,
      'src/beacon.ts': `import { META_PIXEL } from './config';\nexport function b() { navigator.sendBeacon(META_PIXEL); }\n`,
    });
    assert.deepEqual(brief(calls), ['2 meta-pixel cross-site-pixel Lead sendBeacon']);
    assert.equal(calls[0].file, 'src/beacon.ts');
  });

  test('a pixel helper taking the URL: reported where it is called with a collection endpoint', async () => {
    const calls = await detect({
      'src/lib/beacon.ts': `export function beacon(url: string, data?: object) {\n  navigator.sendBeacon(url, JSON.stringify(data ?? {}));\n}\nexport const pixel = (src: string) => { new Image().src = src; };\n`,
      'src/app.ts': `import { beacon, pixel } from './lib/beacon';\nbeacon('https://api.mixpanel.com/track', { event: 'Opened' });\nbeacon('/api/log', {});\nif (Cookiebot.consent.marketing) pixel('https://www.facebook.com/tr?id=1&ev=Lead');\n`,
    });
    assert.deepEqual(brief(calls), ['2 mixpanel cross-site-pixel Opened sendBeacon', '4 meta-pixel cross-site-pixel Lead img.src']);
    assert.deepEqual(calls.map((c) => c.file), ['src/app.ts', 'src/app.ts']);
    assert.deepEqual(calls[1].guardFacts, [{ type: 'path', path: 'Cookiebot.consent.marketing' }]);
  });

  test('consent facts dominate pixel sites (guards, early returns, && in JSX)', async () => {
    const calls = await detect({
      'src/p.tsx': `
export function fire(consent: { marketing: boolean }) {
  if (!Cookiebot.consent.marketing) return;
  new Image().src = 'https://www.facebook.com/tr?id=1&ev=Lead';
}
export const Tag = () => window.OnetrustActiveGroups.includes('C0004') && <img src="https://www.facebook.com/tr?id=1&ev=PageView" width="1" height="1" />;
`,
    });
    assert.deepEqual(calls.map((c) => c.guardFacts), [[{ type: 'path', path: 'Cookiebot.consent.marketing' }], [{ type: 'includes', path: 'OnetrustActiveGroups', value: 'C0004' }]]);
  });

  test('look-alikes: first-party requests, APIs, CDN and product images, own beacons, SDK script loading', async () => {
    await none(
      `
import axios from 'axios';
export async function app(product: { imageUrl: string; name: string }) {
  await fetch('/api/orders');
  await fetch('https://api.shop.example.com/v1/orders', { method: 'POST', body: JSON.stringify({ id: 1 }) });
  await axios.post('/api/track', { event: 'x' });
  navigator.sendBeacon('/log', JSON.stringify({ t: Date.now() }));
  navigator.sendBeacon(\`\${location.origin}/log\`, 'x');
  navigator.sendBeacon('https://logs.shop.example.com/collect', 'x');
  const img = new Image();
  img.src = product.imageUrl;
  new Image().src = 'https://cdn.shop.example.com/hero.jpg?w=1200';
  const s = document.createElement('script');
  s.src = 'https://connect.facebook.net/en_US/fbevents.js';
  await fetch('https://graph.facebook.com/me?fields=name,email&access_token=t');
  window.open('https://www.facebook.com/sharer/sharer.php?u=' + encodeURIComponent(location.href));
}
`,
    );
    await none(
      `
export const Card = ({ p }: { p: { photo: string; name: string } }) => (
  <div>
    <img src={p.photo} alt={p.name} />
    <img src="https://cdn.shop.example.com/p/1.jpg?w=400" width="400" height="400" />
    <img src="https://cdn.shop.example.com/spacer.gif" width="1" height="1" />
    <a href="https://www.facebook.com/shop">Follow us</a>
  </div>
);
`,
      'src/Card.tsx',
    );
  });
});

// ------------------------------------------------------------------------------------------------

suite('server-side conversion APIs and Measurement Protocol', () => {
  test('Meta CAPI, TikTok Events API, LinkedIn, Pinterest, Snap, Reddit, X: identity matching', async () => {
    assert.deepEqual(
      await techniques(`
import axios from 'axios';
import got from 'got';
import https from 'node:https';
const PIXEL_ID = process.env.META_PIXEL_ID;
export async function upload(email: string, phone: string) {
  const em = sha256(email.trim().toLowerCase());
  await fetch(\`https://graph.facebook.com/v19.0/\${PIXEL_ID}/events?access_token=\${process.env.META_TOKEN}\`, {
    method: 'POST',
    body: JSON.stringify({ data: [{ event_name: 'Purchase', action_source: 'website', user_data: { em: [em] } }] }),
  });
  await axios.post('https://business-api.tiktok.com/open_api/v1.3/event/track/', { event_source: 'web', event: 'CompletePayment', data: [] }, { headers: { 'Access-Token': 't' } });
  await got.post('https://api.linkedin.com/rest/conversionEvents', { json: { conversion: 'urn:lla:llaPartnerConversion:1', user: { userIds: [{ idType: 'SHA256_EMAIL', idValue: em }] } } });
  await fetch('https://api.pinterest.com/v5/ad_accounts/55/events', { method: 'POST', body: JSON.stringify({ data: [{ event_name: 'checkout', user_data: { em: [em] } }] }) });
  await fetch(\`https://tr.snapchat.com/v3/\${PIXEL_ID}/events?access_token=t\`, { method: 'POST', body: JSON.stringify({ data: [{ event_name: 'PURCHASE' }] }) });
  await axios({ method: 'post', url: 'https://ads-api.reddit.com/api/v2.0/conversions/events/a2_1', data: { events: [{ event_type: { tracking_type: 'Purchase' }, user: { email: em } }] } });
  await fetch('https://ads-api.x.com/12/measurement/conversions/o8z6j', { method: 'POST' });
  https.request({ hostname: 'graph.facebook.com', path: \`/v19.0/\${PIXEL_ID}/events\`, method: 'POST' });
}
`),
      [
        '8 meta-capi identity-matching Purchase fetch',
        '12 tiktok-events-api identity-matching CompletePayment post',
        '13 linkedin-capi identity-matching - post',
        '14 pinterest-capi identity-matching checkout fetch',
        '15 snap-capi identity-matching PURCHASE fetch',
        '16 reddit-capi identity-matching Purchase axios',
        '17 x-capi identity-matching - fetch',
        '18 meta-capi identity-matching - request',
      ],
    );
  });

  test('an HTTP client instance with a base URL (axios.create, got.extend)', async () => {
    assert.deepEqual(
      await techniques(`
import axios from 'axios';
import got from 'got';
const graph = axios.create({ baseURL: 'https://graph.facebook.com/v19.0', timeout: 5000 });
const tiktok = got.extend({ prefixUrl: 'https://business-api.tiktok.com/open_api/v1.3' });
export async function send(pixel: string, body: object) {
  await graph.post(\`/\${pixel}/events\`, body);
  await tiktok.post('event/track/', { json: body });
  await graph.get('/me');
}
`),
      ['7 meta-capi identity-matching - post', '8 tiktok-events-api identity-matching - post'],
    );
  });

  test('GA4 Measurement Protocol: identity matching with user_data, otherwise a cross-site pixel', async () => {
    assert.deepEqual(
      await techniques(`
const MP = \`https://www.google-analytics.com/mp/collect?measurement_id=\${process.env.GA_ID}&api_secret=\${process.env.GA_SECRET}\`;
export async function purchase(clientId: string, emailHash: string) {
  const body = { client_id: clientId, user_data: { sha256_email_address: [emailHash] }, events: [{ name: 'purchase', params: { value: 1 } }] };
  await fetch(MP, { method: 'POST', body: JSON.stringify(body) });
  await fetch(MP, { method: 'POST', body: JSON.stringify({ client_id: clientId, events: [{ name: 'login' }] }) });
}
`),
      ['5 ga4-mp identity-matching purchase fetch', '6 ga4-mp cross-site-pixel login fetch'],
    );
  });

  test('visitor identification: Clearbit Reveal by IP', async () => {
    assert.deepEqual(await techniques(`export async function company(ip: string) {\n  return fetch(\`https://reveal.clearbit.com/v1/companies/find?ip=\${ip}\`, { headers: { Authorization: 'Bearer k' } });\n}\n`), [
      '2 clearbit-reveal visitor-identification - fetch',
    ]);
  });
});

// ------------------------------------------------------------------------------------------------

suite('hand-made e-mail tracking', () => {
  test('open pixels and tracked links in e-mail HTML templates (nodemailer)', async () => {
    assert.deepEqual(
      await techniques(`
import nodemailer from 'nodemailer';
const TRACK = process.env.TRACK_HOST;
export async function sendNewsletter(r: { id: string; email: string }, links: string[]) {
  const html = \`
    <table><tr><td>
      <img src="https://cdn.example.com/logo.png" width="120" alt="Shop" />
      <a href="\${TRACK}/click?url=\${encodeURIComponent(links[0])}&rid=\${r.id}">Shop now</a>
      <a href="https://shop.example.com/unsubscribe?id=\${r.id}">Unsubscribe</a>
      <img src="\${TRACK}/open?id=\${r.id}" width="1" height="1" alt="" style="display:none" />
    </td></tr></table>\`;
  await transporter.sendMail({ from: 'shop@example.com', to: r.email, subject: 'News', html });
}
`),
      ['8 email:click-redirect email-tracking - <a>', '10 email:open-pixel email-tracking - <img>'],
    );
  });

  test('concatenated HTML, a URL builder used by the template, react-email <Img>, and the open route', async () => {
    assert.deepEqual(
      await techniques(
        `
import { Html, Img, Link } from '@react-email/components';
import express from 'express';
const BASE = 'https://mail.example.com';
export function pixelUrl(messageId: string) {
  return \`\${BASE}/o/\${messageId}.gif\`;
}
export function body(m: { id: string }) {
  return '<p>Hello</p><img src="' + BASE + '/track/open?mid=' + m.id + '" width="1" height="1">';
}
export const Email = ({ id }: { id: string }) => (
  <Html>
    <Img src={\`\${BASE}/pixel?uid=\${id}\`} width="1" height="1" alt="" />
  </Html>
);
const app = express();
app.get('/track/open/:id', (req, res) => {
  res.set('Content-Type', 'image/gif');
  res.end(Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64'));
});
`,
        'src/email.tsx',
      ),
      ['6 email:open-pixel email-tracking - open-url', '9 email:open-pixel email-tracking - <img>', '13 email:open-pixel email-tracking - <img>', '17 email:open-pixel email-tracking - route'],
    );
  });

  test('a link builder function used in the template; template placeholders; a file named like e-mail code', async () => {
    assert.deepEqual(
      await techniques(
        `
const T = 'https://t.example-mail.com';
function tracked(url: string, rid: string) {
  return \`\${T}/click?url=\${encodeURIComponent(url)}&rid=\${rid}\`;
}
export const welcome = (rid: string) => \`<table><tr><td><a href="\${tracked('https://shop.example.com', rid)}">Shop</a></td></tr></table>\`;
export const digest = '<table><tr><td><img src="https://t.example-mail.com/open?uid={{subscriber_id}}" width="1" height="1" alt=""></td></tr></table>';
`,
        'src/emails/welcome.ts',
      ),
      ['6 email:click-redirect email-tracking - <a>', '7 email:open-pixel email-tracking - <img>'],
    );
  });

  test('look-alikes in e-mail code: logos, spacers, plain links, unsubscribe links, requests', async () => {
    await none(`
import nodemailer from 'nodemailer';
export async function welcome(to: string, name: string) {
  const html = \`<img src="https://cdn.example.com/logo.png" width="200" alt="Logo">
    <img src="https://cdn.example.com/spacer.gif" width="1" height="1">
    <p>Hi \${name}</p><a href="https://shop.example.com/products?utm_source=email">Shop</a>
    <a href="https://shop.example.com/unsubscribe?token=\${to}">Unsubscribe</a>\`;
  await fetch(\`https://api.example.com/track?id=\${to}\`);
  await transporter.sendMail({ to, subject: 'Welcome', html });
}
`);
  });

  test('a 1×1 image in web code is not e-mail tracking', async () => {
    await none(`export const Spacer = () => <img src="/img/spacer.gif" width="1" height="1" alt="" />;\n`, 'src/Spacer.tsx');
  });
});

// ------------------------------------------------------------------------------------------------

suite('hand-written fingerprinting', () => {
  test('canvas: constant text drawn, read back and hashed / returned', async () => {
    assert.deepEqual(
      await techniques(`
export function canvasFingerprint(): string {
  const canvas = document.createElement('canvas');
  canvas.width = 240; canvas.height = 60;
  const ctx = canvas.getContext('2d')!;
  ctx.textBaseline = 'alphabetic';
  ctx.fillStyle = '#f60';
  ctx.fillRect(100, 1, 62, 20);
  ctx.fillStyle = '#069';
  ctx.font = '11pt "Times New Roman"';
  ctx.fillText('Cwm fjordbank gly \u{1F603}', 2, 15);
  return murmurhash3_32_gc(canvas.toDataURL(), 31);
}
export async function canvasId() {
  const c = new OffscreenCanvas(200, 50);
  const x = c.getContext('2d')!;
  x.fillText('BrowserLeaks,com <canvas> 1.0', 4, 17);
  const data = x.getImageData(0, 0, 200, 50).data;
  const digest = await crypto.subtle.digest('SHA-256', data);
  return btoa(String.fromCharCode(...new Uint8Array(digest)));
}
`),
      ['12 fingerprint:canvas fingerprinting - canvas', '18 fingerprint:canvas fingerprinting - canvas'],
    );
  });

  test('webgl: WEBGL_debug_renderer_info + UNMASKED_RENDERER_WEBGL, hashed or sent', async () => {
    assert.deepEqual(
      await techniques(`
export function gpuId() {
  const gl = document.createElement('canvas').getContext('webgl') as WebGLRenderingContext;
  const ext = gl.getExtension('WEBGL_debug_renderer_info');
  const vendor = ext ? gl.getParameter(ext.UNMASKED_VENDOR_WEBGL) : '';
  const renderer = ext ? gl.getParameter(ext.UNMASKED_RENDERER_WEBGL) : '';
  return sha1(vendor + '~' + renderer);
}
export function reportGpu() {
  const gl = document.createElement('canvas').getContext('webgl2')!;
  const dbg = gl.getExtension('WEBGL_debug_renderer_info')!;
  navigator.sendBeacon('/fp', JSON.stringify({ r: gl.getParameter(dbg.UNMASKED_RENDERER_WEBGL) }));
}
`),
      ['5 fingerprint:webgl fingerprinting - webgl', '12 fingerprint:webgl fingerprinting - webgl'],
    );
  });

  test('audio: OfflineAudioContext + oscillator + compressor + startRendering', async () => {
    assert.deepEqual(
      await techniques(`
export function audioFingerprint(): Promise<number> {
  const AC = window.OfflineAudioContext || (window as any).webkitOfflineAudioContext;
  const context = new AC(1, 5000, 44100);
  const oscillator = context.createOscillator();
  oscillator.type = 'triangle';
  oscillator.frequency.value = 10000;
  const compressor = context.createDynamicsCompressor();
  compressor.threshold.value = -50;
  compressor.knee.value = 40;
  compressor.ratio.value = 12;
  oscillator.connect(compressor);
  compressor.connect(context.destination);
  oscillator.start(0);
  return new Promise((resolve) => {
    context.oncomplete = (e) => resolve(e.renderedBuffer.getChannelData(0).slice(4500).reduce((a, b) => a + Math.abs(b), 0));
    context.startRendering();
  });
}
`),
      ['17 fingerprint:audio fingerprinting - audio'],
    );
  });

  test('fonts: widths against the generic families over a font list; measureText per font', async () => {
    assert.deepEqual(
      await techniques(`
const BASE = ['monospace', 'sans-serif', 'serif'];
const FONTS = ['Arial', 'Calibri', 'Comic Sans MS', 'Courier New', 'Georgia', 'Helvetica', 'Segoe UI', 'Tahoma', 'Verdana'];
export function detectFonts(): string[] {
  const span = document.createElement('span');
  span.style.fontSize = '72px';
  span.textContent = 'mmmmmmmmmmlli';
  document.body.appendChild(span);
  const base: Record<string, number> = {};
  for (const b of BASE) { span.style.fontFamily = b; base[b] = span.offsetWidth; }
  const found = FONTS.filter((f) => BASE.some((b) => { span.style.fontFamily = \`'\${f}', \${b}\`; return span.offsetWidth !== base[b]; }));
  span.remove();
  return found;
}
export function fontsByCanvas() {
  const ctx = document.createElement('canvas').getContext('2d')!;
  const widths = ['Arial', 'Courier New', 'Georgia', 'Verdana', 'Wingdings'].map((f) => { ctx.font = \`72px \${f}, monospace\`; return ctx.measureText('mmMwWLliI0O&1').width; });
  return hash(widths.join());
}
`),
      ['10 fingerprint:fonts fingerprinting - fonts', '17 fingerprint:fonts fingerprinting - fonts'],
    );
  });

  test('traits: navigator / screen / locale traits combined and hashed into an id', async () => {
    assert.deepEqual(
      await techniques(`
export async function getDeviceId(): Promise<string> {
  const traits = [
    navigator.userAgent,
    navigator.language,
    navigator.hardwareConcurrency,
    (navigator as any).deviceMemory,
    screen.width + 'x' + screen.height,
    screen.colorDepth,
    Intl.DateTimeFormat().resolvedOptions().timeZone,
    new Date().getTimezoneOffset(),
  ].join('|');
  const buf = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(traits));
  return [...new Uint8Array(buf)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
export function fp() {
  const { hardwareConcurrency, platform, languages, maxTouchPoints } = navigator;
  const fingerprint = murmur([hardwareConcurrency, platform, languages.join(), maxTouchPoints].join());
  return fingerprint;
}
`),
      ['13 fingerprint:traits fingerprinting - traits', '18 fingerprint:traits fingerprinting - traits'],
    );
  });

  test('a fingerprint class; the AudioContext + analyser form', async () => {
    assert.deepEqual(
      await techniques(`
export class BrowserFingerprint {
  private canvas(): string {
    const c = document.createElement('canvas');
    const ctx = c.getContext('2d')!;
    ctx.fillText('Hello, world!', 2, 2);
    return c.toDataURL();
  }
  private gpu(gl: WebGLRenderingContext) {
    const e = gl.getExtension('WEBGL_debug_renderer_info')!;
    return gl.getParameter(e.UNMASKED_RENDERER_WEBGL);
  }
}
export function audioHash(): Promise<string> {
  const ctx = new AudioContext();
  const osc = ctx.createOscillator();
  const analyser = ctx.createAnalyser();
  const gain = ctx.createGain();
  gain.gain.value = 0;
  osc.connect(analyser); analyser.connect(gain); gain.connect(ctx.destination);
  osc.start(0);
  const data = new Float32Array(analyser.frequencyBinCount);
  analyser.getFloatFrequencyData(data);
  return sha256(data.join(','));
}
`),
      ['7 fingerprint:canvas fingerprinting - canvas', '11 fingerprint:webgl fingerprinting - webgl', '23 fingerprint:audio fingerprinting - audio'],
    );
  });

  test('look-alikes: image editor export, avatar upload, chart download, WebGL capabilities, GPU check, audio player, synth, offline mixdown', async () => {
    await none(`
export function exportDrawing(canvas: HTMLCanvasElement) {
  const a = document.createElement('a');
  a.href = canvas.toDataURL('image/png');
  a.download = 'drawing.png';
  a.click();
}
export async function uploadAvatar(file: HTMLImageElement, crop: { x: number; y: number; size: number }) {
  const canvas = document.createElement('canvas');
  const ctx = canvas.getContext('2d')!;
  ctx.drawImage(file, crop.x, crop.y, crop.size, crop.size, 0, 0, 256, 256);
  ctx.fillText('avatar', 0, 0);
  await fetch('/api/avatar', { method: 'POST', body: canvas.toDataURL('image/png') });
}
export function downloadChart(chart: HTMLCanvasElement) {
  const ctx = chart.getContext('2d')!;
  ctx.fillText('Revenue 2025', 10, 10);
  const url = chart.toDataURL('image/png');
  const link = document.createElement('a');
  link.download = 'chart.png';
  link.href = url;
  link.click();
}
export function thumbnail(img: HTMLImageElement) {
  const c = document.createElement('canvas');
  c.getContext('2d')!.drawImage(img, 0, 0, 100, 100);
  return c.toDataURL('image/jpeg', 0.8);
}
export function capabilities(gl: WebGLRenderingContext) {
  return { maxTexture: gl.getParameter(gl.MAX_TEXTURE_SIZE), maxViewport: gl.getParameter(gl.MAX_VIEWPORT_DIMS) };
}
export function useSoftwareFallback(gl: WebGLRenderingContext): boolean {
  const ext = gl.getExtension('WEBGL_debug_renderer_info');
  const renderer = ext ? String(gl.getParameter(ext.UNMASKED_RENDERER_WEBGL)) : '';
  return /SwiftShader|llvmpipe/i.test(renderer);
}
export function play(url: string) {
  const ac = new AudioContext();
  const src = ac.createMediaElementSource(new Audio(url));
  const comp = ac.createDynamicsCompressor();
  src.connect(comp).connect(ac.destination);
}
export function beep() {
  const ac = new AudioContext();
  const osc = ac.createOscillator();
  osc.frequency.value = 440;
  osc.connect(ac.destination);
  osc.start();
}
export async function mixdown(buffers: AudioBuffer[]) {
  const off = new OfflineAudioContext(2, 44100 * 60, 44100);
  for (const b of buffers) { const s = off.createBufferSource(); s.buffer = b; s.connect(off.destination); s.start(); }
  return off.startRendering();
}
`);
  });

  test('look-alikes: feature detection, analytics context, worker pools, one web font, text layout', async () => {
    await none(`
export const isSafari = () => /^((?!chrome|android).)*safari/i.test(navigator.userAgent);
export function context() {
  return { screen_width: screen.width, screen_height: screen.height, language: navigator.language, user_agent: navigator.userAgent, timezone: Intl.DateTimeFormat().resolvedOptions().timeZone };
}
export const workers = Math.max(1, (navigator.hardwareConcurrency || 4) - 1);
export async function interLoaded() {
  await document.fonts.load('16px Inter');
  return document.fonts.check('16px Inter');
}
export function wrap(ctx: CanvasRenderingContext2D, words: string[], max: number) {
  ctx.font = '14px Georgia, serif';
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    if (ctx.measureText(line + w).width > max) { lines.push(line); line = ''; }
    line += w + ' ';
  }
  return lines;
}
`);
  });
});

// ------------------------------------------------------------------------------------------------

suite('pre-filter for technique triggers', () => {
  const pf = new Prefilter(getCatalogue().triggers);
  test('files with a technique trigger pass', () => {
    for (const t of [
      `navigator.sendBeacon(url)`,
      `fetch('https://graph.facebook.com/v19.0/1/events')`,
      `x.src = 'https://www.facebook.com/tr?id=1'`,
      `c.toDataURL()`,
      `gl.getParameter(e.UNMASKED_RENDERER_WEBGL)`,
      `new OfflineAudioContext(1, 5000, 44100)`,
      `'<img src="x" width="1" height="1">'`,
      `import nodemailer from 'nodemailer'`,
    ])
      assert.ok(pf.test(t), t);
  });
  test('plain application code does not (fetch, images, canvas drawing alone are not enough)', () => {
    for (const t of [
      `await fetch('/api/orders'); const r = await fetch(url, { method: 'POST' });`,
      `export const Card = () => <img src={p.photo} alt={p.name} />;`,
      `ctx.fillRect(0, 0, 10, 10); gl.getParameter(gl.MAX_TEXTURE_SIZE);`,
      `const ac = new AudioContext(); if (/Safari/.test(navigator.userAgent)) {}`,
    ])
      assert.ok(!pf.test(t), t);
  });
});

suite('look-alikes in e-mail and canvas code (more)', () => {
  test('parcel tracking links, category links, spacers from a configured CDN, placeholder images', async () => {
    await none(`
import nodemailer from 'nodemailer';
const CDN = process.env.CDN_URL;
export async function shipped(to: string, order: { trackingNumber: string; category: string }) {
  const trackUrl = \`https://parcels.example-carrier.com/track/\${order.trackingNumber}\`;
  const html = \`<table><tr><td>
    <img src="\${CDN}/spacer.gif" width="1" height="1" alt="">
    <a href="\${trackUrl}">Track your parcel</a>
    <a href="https://shop.example.com/c/\${order.category}">More like this</a>
  </td></tr></table>\`;
  await transporter.sendMail({ to, subject: 'Shipped', html });
}
export function placeholder(): string {
  const c = document.createElement('canvas');
  const ctx = c.getContext('2d')!;
  ctx.fillRect(0, 0, 100, 100);
  ctx.fillText('No image', 20, 50);
  return c.toDataURL();
}
`);
  });
  test('short redirect forms on a click-tracking host, or with two dynamic parts', async () => {
    assert.deepEqual(
      await techniques(`
import nodemailer from 'nodemailer';
export const a = (m: string, l: string) => \`<table><tr><td><a href="https://shop.example.com/r/\${m}/\${l}">Go</a></td></tr></table>\`;
export const b = (t: string) => \`<table><tr><td><a href="https://click.example-mail.com/c/\${t}">Go</a></td></tr></table>\`;
`),
      ['3 email:click-redirect email-tracking - <a>', '4 email:click-redirect email-tracking - <a>'],
    );
  });
});

suite('shapes from real code (FingerprintJS-style sources, Modernizr probes, app URLs)', () => {
  test('canvas text built with String.fromCharCode, read in a helper; a WebGL parameter harvest', async () => {
    assert.deepEqual(
      await techniques(`
export function getCanvasFingerprint() {
  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d')!;
  renderTextImage(canvas, context);
  return canvasToString(canvas);
}
function renderTextImage(canvas: HTMLCanvasElement, context: CanvasRenderingContext2D) {
  const printedText = \`Cwm fjordbank gly \${String.fromCharCode(55357, 56835)}\`;
  context.fillText(printedText, 2, 15);
}
function canvasToString(canvas: HTMLCanvasElement) {
  return canvas.toDataURL();
}
export function getWebGlBasics(gl: WebGLRenderingContext) {
  const debug = gl.getExtension('WEBGL_debug_renderer_info');
  return {
    version: gl.getParameter(gl.VERSION),
    vendor: gl.getParameter(gl.VENDOR),
    vendorUnmasked: debug ? gl.getParameter(debug.UNMASKED_VENDOR_WEBGL) : '',
    shadingLanguageVersion: gl.getParameter(gl.SHADING_LANGUAGE_VERSION),
  };
}
`),
      ['13 fingerprint:canvas fingerprinting - canvas', '20 fingerprint:webgl fingerprinting - webgl'],
    );
  });
  test('look-alikes: an emoji support probe, GPU info for a bug report, an organisation URL in a mail-sending app', async () => {
    await none(`
import nodemailer from 'nodemailer';
export const supportsEmoji = () => {
  const canvas = document.createElement('canvas');
  const ctx = canvas.getContext('2d');
  if (!ctx) return false;
  ctx.fillText('\u{1F600}', 0, 0);
  return ctx.getImageData(12, 12, 1, 1).data[0] !== 0;
};
export function gpuForBugReport(gl: WebGLRenderingContext) {
  const ext = gl.getExtension('WEBGL_debug_renderer_info');
  return { renderer: ext ? gl.getParameter(ext.UNMASKED_RENDERER_WEBGL) : 'unknown' };
}
export const orgUrl = (base: string, slug: string) => \`\${base}/o/\${slug}\`;
export const subject = 'Welcome';
`);
  });
});


suite('technique sites inherit the guards of their function’s in-file callers', () => {
  test('a pixel in a callback of a helper called under a consent check', async () => {
    const calls = await detect({
      'src/p.ts': `function fire() {\n  setTimeout(() => { new Image().src = 'https://www.facebook.com/tr?id=1&ev=Lead'; }, 0);\n}\nexport function onLead() {\n  if (Cookiebot.consent.marketing) fire();\n}\n`,
    });
    assert.equal(calls.length, 1);
    assert.ok(calls[0].guardFacts.some((f) => f.type === 'path' && f.path === 'Cookiebot.consent.marketing'), JSON.stringify(calls[0].guardFacts));
  });
});
