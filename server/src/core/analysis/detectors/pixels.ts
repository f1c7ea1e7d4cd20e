/**
 * Raw pixels and beacons (tracking-techniques-a §A4) and hand-made e-mail tracking (§A3.2), found
 * from the AST during the per-file walk.
 *
 * Recognised transport shapes, each checked against the endpoint table (`catalogue/endpoints.ts`):
 * - `new Image().src = url`, `img.src = url`, `const i = new Image(); i.src = …`,
 *   `el.setAttribute('src', url)`;
 * - `navigator.sendBeacon(url, data)`;
 * - `fetch(url, init)`, `axios.post(url, data)` / `axios({ url })` / `got`, `ky`, `superagent`,
 *   `$.ajax({ url })`, any `x.get|post|put|request(url, …)`, `https.request({ hostname, path })`,
 *   `xhr.open('GET', url)`;
 * - `<img src="…">` in JSX (also react-email `<Img>`, `<amp-pixel>`) and `<img …>` inside HTML in
 *   string, template and `+`-concatenated literals.
 * URL values are literals, templates (their static part; `…` for the rest), concatenations and
 * constants (followed through the file's value machinery; imported constants at project level).
 *
 * Technique and SDK id come from the endpoint: browser pixels are `cross-site-pixel` (a Meta or
 * Pinterest pixel that writes hashed identity parameters `ud[em]`/`pd[em]` is also
 * `identity-matching`), server conversion APIs are `identity-matching`, GA4 Measurement Protocol is
 * `identity-matching` when its body has `user_data` and `cross-site-pixel` otherwise; the event is
 * read where the vendor puts it (`ev=`, `event=`, `en=`, the body's `event_name`…).
 *
 * Not reported: URLs without a host (`fetch('/api/orders')`, `sendBeacon('/log')`,
 * `${location.origin}/log`: a first-party beacon is not a cross-site pixel), hosts not in the
 * table (CDN images, APIs), images that are not 1×1 or hidden (a product photo). One exception for
 * unknown hosts: a 1×1 or hidden `<img>` (or a `new Image()` beacon) to an absolute URL with a
 * tracking-looking path or query is `cross-site-pixel` with SDK id `pixel:unknown-host`.
 *
 * E-mail (technique `email-tracking`), in files that build e-mail (nodemailer, a mail SDK, `html:`
 * / `HtmlBody` / `htmlContent`, react-email, …) or in HTML strings that look like e-mail:
 * - `email:open-pixel`: an `<img>` that is 1×1 (or 0) or hidden whose `src` has a per-recipient
 *   part, or whose URL has an `open`/`track`/`pixel`… path and a per-recipient parameter; a URL
 *   builder of that shape; an express-style route `app.get('/track/open/:id', …)` answering a GIF;
 * - `email:click-redirect`: links rewritten through a redirect (`/click?url=…&rid=…`, `/r/…`).
 */
import ts from 'typescript';
import type { ArgValue } from '../argValues';
import { matchEndpoint, parseStaticUrl, type CollectionEndpoint, type StaticUrl } from '../../catalogue/endpoints';
import type { TechniqueId } from '../../types';
import { DYN, bodyValue, calleeName, objProp, objectLiteral, receiverOf, rootName, staticText, strip, valueAtKeys, type DetectorContext, type SiteSink } from './common';

/** Files that build or send e-mail. */
export const MAIL_CONTEXT = /nodemailer|@react-email|jsx-email|mjml|\bsendMail\b|\bsendEmail\b|\bHtmlBody\b|\bhtmlContent\b|\bhtml\s*:|\bsubject\s*:|\bunsubscribe\b|\bnewsletter\b|\brecipients?\b|@sendgrid|postmark|mailgun|sparkpost|@aws-sdk\/client-sesv?2|\bresend\b|\bmailer\b|smtp/i;
/** Files named like e-mail code (`emails/welcome.tsx`, `newsletter-template.ts`). */
const MAIL_FILE = /(?:^|[/._-])(?:e?mails?|mailers?|newsletters?|campaigns?)(?:[/._-]|$)/i;
/** Placeholders of mail templates and sending services: `{{id}}`, `%recipient.id%`, `*|UNIQID|*`, `[[id]]`. */
const MAIL_PLACEHOLDER = /\{\{[^}]*\}\}|%[\w.-]+%|\*\|[^|]*\|\*|\[\[[^\]]*\]\]/g;
/** HTML that looks like an e-mail body. */
const MAIL_HTML = /<html|<body|<table|mailto:|unsubscribe|{{\s*\w|%recipient|\*\|/i;

const HTTP_VERBS = new Set(['get', 'post', 'put', 'patch', 'request', 'head']);
const HTTP_FUNCS = new Set(['fetch', '$fetch', 'ofetch', 'axios', 'got', 'ky', 'superagent', 'needle', 'request', 'wretch']);
/** Receivers whose `get`/`post`/`request` is an HTTP request. */
const HTTP_CLIENTS = new Set(['axios', 'got', 'ky', 'superagent', 'needle', 'request', 'undici', 'http', 'https', '$', 'jQuery', 'wretch', 'ofetch', 'fetch', '$fetch']);
const IMG_TAGS = new Set(['img', 'Img', 'amp-pixel', 'amp-img']);

const RECIPIENT_KEYS = /^(?:id|uid|rid|mid|eid|sid|cid|e|u|m|r|s|email|mail|recipient|recipient_id|subscriber|subscriber_id|contact|contact_id|user|user_id|userid|message|message_id|msg|msgid|token|t|tid|campaign|lead|lead_id|member|hash)$/i;
const OPEN_PATH = /(?:^|\/)(?:open|opened|opens|o|pixel|px|track|tracking|t|beacon|wf\/open|read|view)(?:[/.]|$)/i;
/**
 * URL builders (not in an `<img>`) are open pixels only with open-specific words or a per-recipient
 * image name (`/track/${n}` is also a parcel link, `/o/${slug}` an organisation page).
 */
const OPEN_BUILDER = /(?:^|\/)(?:open|opened|opens|pixel|px|beacon|wf\/open)(?:[/.]|$)|\/track(?:ing)?\/open|\u2026\.(?:gif|png)$/i;
const REDIRECT_PATH = /(?:^|\/)(?:click|clicks|c|r|l|ls|redirect|redir|link|go|track\/click|t\/c)(?:\/|$)/i;
const REDIRECT_KEYS = /^(?:url|u|redirect|redirect_url|redirect_to|to|link|target|dest|destination|href|next)$/i;
const TRACKING_PATH = /(?:collect|track|pixel|beacon|event|log|ping|hit|impression|conversion|(?:^|\/)(?:p|i|t|e)(?:\/|$)|\.gif)/i;
const IMAGE_FILE = /\.(?:jpe?g|png|webp|avif|svg|ico|bmp)$/i;

export class PixelDetector {
  private readonly mail: boolean;
  /** E-mail URL builders (not HTML themselves), kept until the end: dropped when an `<img>`/`<a>` reports them. */
  private readonly builders: { node: ts.Node; sdk: string; url: string }[] = [];
  private readonly origins = new Set<ts.Node>();

  constructor(
    private readonly ctx: DetectorContext,
    private readonly sink: SiteSink,
  ) {
    this.mail = MAIL_CONTEXT.test(ctx.text) || MAIL_FILE.test(ctx.sf.fileName);
  }

  visit(n: ts.Node): void {
    switch (n.kind) {
      case ts.SyntaxKind.CallExpression:
        this.onCall(n as ts.CallExpression);
        break;
      case ts.SyntaxKind.BinaryExpression: {
        const b = n as ts.BinaryExpression;
        if (b.operatorToken.kind === ts.SyntaxKind.EqualsToken) this.onAssign(b);
        else if (b.operatorToken.kind === ts.SyntaxKind.PlusToken && !isPlus(b.parent)) this.onString(b);
        break;
      }
      case ts.SyntaxKind.JsxSelfClosingElement:
      case ts.SyntaxKind.JsxOpeningElement:
        this.onJsx(n as ts.JsxSelfClosingElement | ts.JsxOpeningElement);
        break;
      case ts.SyntaxKind.StringLiteral:
      case ts.SyntaxKind.NoSubstitutionTemplateLiteral:
      case ts.SyntaxKind.TemplateExpression:
        if (!isPlus(n.parent) && !ts.isImportDeclaration(n.parent) && !ts.isJsxAttribute(n.parent) && !ts.isExternalModuleReference(n.parent)) this.onString(n as ts.Expression);
        break;
      default:
        break;
    }
  }

  /** Builders of e-mail tracking URLs that no `<img>`/`<a>` of the file reported. */
  finish(): void {
    for (const b of this.builders) {
      if (this.origins.has(b.node)) continue;
      this.sink.add(b.node, b.node, { technique: 'email-tracking', sdk: b.sdk, method: b.sdk === 'email:open-pixel' ? 'open-url' : 'redirect-url', event: null, url: b.url });
    }
  }

  // ------------------------------------------------------------------ calls

  private onCall(call: ts.CallExpression): void {
    const name = calleeName(call.expression);
    if (!name) return;
    const recv = receiverOf(call.expression);
    const args = call.arguments;
    if (name === 'sendBeacon' && args[0]) {
      this.request(call, args[0], bodyValue(args[1], this.ctx), 'sendBeacon', true);
      return;
    }
    if (name === 'setAttribute' && args.length >= 2 && ts.isStringLiteralLike(strip(args[0])) && (strip(args[0]) as ts.StringLiteral).text === 'src') {
      this.request(call, args[1], undefined, 'img.src', true, recv);
      return;
    }
    if (name === 'open' && recv && args.length >= 2) {
      const verb = strip(args[0]);
      if (ts.isStringLiteralLike(verb) && /^(?:GET|POST|PUT|HEAD)$/i.test(verb.text)) this.request(call, args[1], undefined, 'xhr.open', false);
      return;
    }
    const isFunc = !recv && HTTP_FUNCS.has(name);
    const isVerb = !!recv && (HTTP_VERBS.has(name) || name === 'ajax' || name === 'fetch');
    if (!isFunc && !isVerb) return;
    if (recv && (name === 'get' || name === 'all') && this.onRoute(call)) return;
    const a0 = args[0];
    if (!a0) return;
    // An instance with a base URL: `const api = axios.create({ baseURL })`, `got.extend({ prefixUrl })`, `ky.create({ prefixUrl })`.
    const base = recv && ts.isIdentifier(recv) ? this.baseUrl(recv) : undefined;
    if (base !== undefined) {
      const rel = staticText(a0, this.ctx);
      if (rel !== undefined && !/^(?:https?:)?\/\//i.test(rel)) {
        const body = bodyValue(args[1], this.ctx);
        this.match(call, call.expression, base.replace(/\/+$/, '') + '/' + rel.replace(/^\/+/, ''), body, name);
        return;
      }
    }
    const obj = objectLiteral(a0, this.ctx);
    const method = name === 'fetch' || name === '$fetch' || name === 'ofetch' ? 'fetch' : name;
    if (obj) {
      // axios({ url, data }), $.ajax({ url }), https.request({ hostname, path })
      const url = objProp(obj, 'url') ?? objProp(obj, 'uri');
      if (url) {
        this.request(call, url, bodyValue(objProp(obj, 'data') ?? objProp(obj, 'body') ?? objProp(obj, 'json'), this.ctx), method, false);
        return;
      }
      const host = objProp(obj, 'hostname') ?? objProp(obj, 'host');
      if (host) {
        const h = staticText(host, this.ctx);
        const p = objProp(obj, 'path');
        const path = p ? staticText(p, this.ctx) ?? DYN : '/';
        if (h) this.match(call, call.expression, `https://${h}${path.startsWith('/') ? '' : '/'}${path}`, undefined, method);
      }
      return;
    }
    if (ts.isNewExpression(strip(a0)) && calleeName((strip(a0) as ts.NewExpression).expression) === 'Request') {
      const r = strip(a0) as ts.NewExpression;
      if (r.arguments?.[0]) this.request(call, r.arguments[0], bodyValue(objProp(r.arguments[1], 'body'), this.ctx), method, false);
      return;
    }
    const init = args[1];
    const initObj = objectLiteral(init, this.ctx);
    const body = method === 'fetch' || method === 'ky' || method === 'got' ? bodyValue(objProp(initObj, 'body') ?? objProp(initObj, 'json'), this.ctx) : initObj && (objProp(initObj, 'json') || objProp(initObj, 'body')) ? bodyValue(objProp(initObj, 'json') ?? objProp(initObj, 'body'), this.ctx) : bodyValue(init, this.ctx);
    this.request(call, a0, body, method, false);
  }

  /** The base URL of an HTTP client instance created with one. */
  private baseUrl(id: ts.Identifier): string | undefined {
    const init = this.ctx.initOf(id);
    const c = init && strip(init);
    if (!c || !ts.isCallExpression(c)) return undefined;
    const n = calleeName(c.expression);
    if (n !== 'create' && n !== 'extend') return undefined;
    const opts = objectLiteral(c.arguments[0], this.ctx);
    const b = objProp(opts, 'baseURL') ?? objProp(opts, 'prefixUrl') ?? objProp(opts, 'baseUrl');
    return b ? staticText(b, this.ctx) : undefined;
  }

  /** A request to `urlExpr`: match its static text against the endpoint table. */
  private request(call: ts.CallExpression, urlExpr: ts.Expression, body: ArgValue | undefined, method: string, beacon: boolean, receiver?: ts.Expression): void {
    const text = staticText(urlExpr, this.ctx);
    if (text === undefined) {
      const v = this.ctx.value(urlExpr);
      // A helper taking the URL (`function beacon(url) { navigator.sendBeacon(url) }`): its call sites
      // are matched at project level. Only for request shapes, not any `x.get(key)`.
      if (v.t === 'param' && v.path.length === 0 && (method === 'sendBeacon' || method === 'xhr.open' || (method === 'fetch' && (!receiverOf(call.expression) || /^(?:window|globalThis|self|global)$/.test(rootName(call.expression) ?? ''))) || HTTP_CLIENTS.has(rootName(call.expression) ?? ''))) {
        this.sink.add(call, call.expression, { technique: 'cross-site-pixel', sdk: '', method, event: null, sinkParam: { fn: v.fn, index: v.i } });
        return;
      }
      // An imported constant (`import { PIXEL_URL } from './config'`): matched at project level.
      if (v.t === 'dyn' && v.imp && (beacon || method === 'fetch')) this.sink.add(call, call.expression, { technique: 'cross-site-pixel', sdk: '', method, event: null, pendingUrl: v });
      return;
    }
    if (method === 'img.src' && receiver && this.onImageBeacon(call, call.expression, text, receiver)) return;
    this.match(call, call.expression, text, body, method);
  }

  private match(node: ts.Node, callee: ts.Node, text: string, body: ArgValue | undefined, method: string): boolean {
    const url = parseStaticUrl(text);
    const e = matchEndpoint(url);
    if (!e) return false;
    report(this.sink, node, callee, e, url, body, method);
    return true;
  }

  // ------------------------------------------------------------------ images

  private onAssign(b: ts.BinaryExpression): void {
    const left = strip(b.left);
    if (!ts.isPropertyAccessExpression(left) || left.name.text !== 'src') return;
    const text = staticText(b.right, this.ctx);
    if (text === undefined) {
      const v = this.ctx.value(b.right);
      if (v.t === 'dyn' && v.imp) this.sink.add(b, left, { technique: 'cross-site-pixel', sdk: '', method: 'img.src', event: null, pendingUrl: v });
      else if (v.t === 'param' && v.path.length === 0 && isNewImage(strip(left.expression), this.ctx)) this.sink.add(b, left, { technique: 'cross-site-pixel', sdk: '', method: 'img.src', event: null, sinkParam: { fn: v.fn, index: v.i } });
      return;
    }
    if (this.match(b, left, text, undefined, 'img.src')) return;
    this.onImageBeacon(b, left, text, strip(left.expression));
  }

  /** `new Image().src = 'https://px.unknown.io/track?…'`: a beacon to a host the table does not know. */
  private onImageBeacon(node: ts.Node, callee: ts.Node, text: string, receiver: ts.Expression): boolean {
    if (!isNewImage(receiver, this.ctx)) return false;
    const url = parseStaticUrl(text);
    if (!url.host || url.host.startsWith(DYN) || IMAGE_FILE.test(url.path) || url.query.size === 0 || !TRACKING_PATH.test(url.path + '?' + [...url.query.keys()].join('&'))) return false;
    if (matchEndpoint(url)) return false;
    this.sink.add(node, callee, { technique: 'cross-site-pixel', sdk: 'pixel:unknown-host', method: 'img.src', event: null, url: text });
    return true;
  }

  private onJsx(el: ts.JsxSelfClosingElement | ts.JsxOpeningElement): void {
    const tag = el.tagName.getText(this.ctx.sf);
    if (!IMG_TAGS.has(tag)) return;
    const attrs = new Map<string, ts.JsxAttribute>();
    for (const p of el.attributes.properties) if (ts.isJsxAttribute(p)) attrs.set(p.name.getText(this.ctx.sf), p);
    const src = attrs.get('src');
    if (!src?.initializer) return;
    const srcExpr = ts.isStringLiteral(src.initializer) ? src.initializer : ts.isJsxExpression(src.initializer) ? src.initializer.expression : undefined;
    if (!srcExpr) return;
    const text = staticText(srcExpr, this.ctx);
    if (text === undefined) return;
    const attr = (k: string): string | undefined => {
      const a = attrs.get(k);
      if (!a) return undefined;
      if (!a.initializer) return 'true';
      if (ts.isStringLiteral(a.initializer)) return a.initializer.text;
      if (ts.isJsxExpression(a.initializer) && a.initializer.expression) {
        const x = strip(a.initializer.expression);
        if (ts.isObjectLiteralExpression(x)) return x.getText(this.ctx.sf);
        return staticText(x, this.ctx) ?? x.getText(this.ctx.sf);
      }
      return undefined;
    };
    const pixelLike = isPixelSize(attr('width'), attr('height')) || isHidden(attr('style')) || attr('hidden') !== undefined;
    const node = ts.isJsxOpeningElement(el) ? el.parent : el;
    this.classifyImg(node, el.tagName, text, pixelLike, this.mail, undefined, strip(srcExpr));
  }

  /** Technique of an `<img>` with this src. */
  private classifyImg(node: ts.Node, callee: ts.Node, written: string, pixelLike: boolean, mail: boolean, at: { span: { start: number; end: number } } | undefined, origin?: ts.Node): void {
    const text = written.replace(MAIL_PLACEHOLDER, DYN);
    const url = parseStaticUrl(text);
    const e = matchEndpoint(url);
    const extra = at ? { span: at.span, calleeSpan: at.span } : {};
    if (e) {
      if (e.emailPixel && mail) this.sink.add(node, callee, { technique: 'email-tracking', sdk: e.vendor, method: '<img>', event: null, url: text, ...extra });
      else report(this.sink, node, callee, e, url, undefined, '<img>', at?.span);
      return;
    }
    if (mail && (url.host || text.startsWith(DYN)) && isOpenPixel(url, pixelLike)) {
      if (origin) this.origins.add(origin);
      this.sink.add(node, callee, { technique: 'email-tracking', sdk: 'email:open-pixel', method: '<img>', event: null, url: text, ...extra });
      return;
    }
    if (pixelLike && url.host && !url.host.startsWith(DYN) && url.query.size > 0 && !IMAGE_FILE.test(url.path)) {
      this.sink.add(node, callee, { technique: 'cross-site-pixel', sdk: 'pixel:unknown-host', method: '<img>', event: null, url: text, ...extra });
    }
  }

  // ------------------------------------------------------------------ HTML and URL strings

  private onString(e: ts.Expression): void {
    const raw = this.ctx.text.slice(e.pos, e.end);
    const hasTag = /<(?:img|a)\b/i.test(raw);
    if (!hasTag && !(this.mail && /\/\/|\$\{|['"`]\s*\+|\+\s*['"`]/.test(raw) && /\?|\/(?:o|r|c|l)\//.test(raw))) return;
    const p = pieces(e, this.ctx);
    if (!p) return;
    if (hasTag) {
      const mail = this.mail || MAIL_HTML.test(p.text);
      const imgRe = /<(?:img|amp-pixel)\b[^>]*>/gi;
      let m: RegExpExecArray | null;
      while ((m = imgRe.exec(p.text))) {
        const attrs = parseAttrs(m[0]);
        const src = attrs.get('src');
        if (src === undefined) continue;
        const pixelLike = isPixelSize(attrs.get('width'), attrs.get('height')) || isHidden(attrs.get('style')) || attrs.has('hidden');
        const span = p.spanOf(m.index, m.index + m[0].length);
        const srcAt = m.index + m[0].indexOf(src);
        this.classifyImg(e, e, src, pixelLike, mail, { span }, p.originAt(srcAt, src.length));
      }
      if (mail) {
        const aRe = /<a\b[^>]*>/gi;
        while ((m = aRe.exec(p.text))) {
          const raw = parseAttrs(m[0]).get('href');
          const href = raw?.replace(MAIL_PLACEHOLDER, DYN);
          if (raw === undefined || href === undefined || !isRedirect(parseStaticUrl(href))) continue;
          const origin = p.originAt(m.index + m[0].indexOf(raw), raw.length);
          if (origin) this.origins.add(origin);
          const span = p.spanOf(m.index, m.index + m[0].length);
          this.sink.add(e, e, { technique: 'email-tracking', sdk: 'email:click-redirect', method: '<a>', event: null, url: href, span, calleeSpan: span });
        }
      }
      return;
    }
    // A URL builder in a mail-sending file: `${BASE}/open?id=${recipient.id}`, `${BASE}/click?url=…&rid=…`
    // (not one the code requests itself: `fetch(`${API}/track?id=${id}`)`).
    if (ts.isCallExpression(e.parent) && e.parent.arguments.includes(e)) return;
    if (!/^(?:(?:https?:)?\/\/|\u2026\/)/i.test(p.text)) return;
    const url = parseStaticUrl(p.text.startsWith(DYN + '/') && !p.text.startsWith(DYN + '//') ? 'https://' + DYN + p.text.slice(1) : p.text);
    if (matchEndpoint(url)) return;
    if (isRedirect(url)) this.builders.push({ node: e, sdk: 'email:click-redirect', url: p.text });
    else if (OPEN_BUILDER.test(url.path) && perRecipient(url)) this.builders.push({ node: e, sdk: 'email:open-pixel', url: p.text });
  }

  /** `app.get('/track/open/:id', (req, res) => … image/gif …)`: the collection point of a hand-made open pixel. */
  private onRoute(call: ts.CallExpression): boolean {
    const a0 = call.arguments[0] && strip(call.arguments[0]);
    if (!a0 || !ts.isStringLiteralLike(a0) || !/open|pixel|track|beacon|\.gif/i.test(a0.text)) return false;
    // A first-party pixel route that is not about e-mail opens is not a technique of its own.
    if (!this.mail && !/open|mail/i.test(a0.text)) return false;
    const handler = call.arguments.slice(1).find((a) => ts.isArrowFunction(strip(a)) || ts.isFunctionExpression(strip(a)));
    if (!handler) return false;
    const body = handler.getText(this.ctx.sf);
    if (!/image\/gif|R0lGOD|type\(\s*['"`]gif|\.gif['"`]/.test(body)) return false;
    this.sink.add(call, call.expression, { technique: 'email-tracking', sdk: 'email:open-pixel', method: 'route', event: null, url: a0.text });
    return true;
  }
}

/** Record a request to a known endpoint (and its identity-matching twin when it carries hashed identity). */
function report(sink: SiteSink, node: ts.Node, callee: ts.Node, e: CollectionEndpoint, url: StaticUrl, body: ArgValue | undefined, method: string, span?: { start: number; end: number }): void {
  let technique: TechniqueId = e.technique;
  if (e.identityBody && body && valueAtKeys(body, e.identityBody) !== undefined) technique = 'identity-matching';
  const event = eventOf(e, url, body);
  const extra = span ? { span, calleeSpan: span } : {};
  sink.add(node, callee, { technique, sdk: e.vendor, method, event, url: url.text, ...extra });
  if (technique === 'cross-site-pixel' && e.identityParams?.some((k) => url.query.has(k))) sink.add(node, callee, { technique: 'identity-matching', sdk: e.vendor, method, event, url: url.text, ...extra });
}

/** The event name from the query or the body, where the vendor puts it. */
export function eventOf(e: CollectionEndpoint, url: StaticUrl, body: ArgValue | undefined): string | null {
  for (const k of e.eventParam ?? []) {
    const v = url.query.get(k);
    if (v) return v;
  }
  if (e.eventBody && body) {
    const v = valueAtKeys(body, e.eventBody);
    if (v?.t === 'str') return v.v;
  }
  return null;
}

function isPlus(n: ts.Node | undefined): boolean {
  return !!n && ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.PlusToken;
}

function isNewImage(e: ts.Expression, ctx: DetectorContext): boolean {
  let u = strip(e);
  if (ts.isIdentifier(u)) {
    const init = ctx.initOf(u);
    if (!init) return false;
    u = strip(init);
  }
  if (ts.isNewExpression(u)) return calleeName(u.expression) === 'Image';
  if (ts.isCallExpression(u) && calleeName(u.expression) === 'createElement' && u.arguments[0]) {
    const a = strip(u.arguments[0]);
    return ts.isStringLiteralLike(a) && a.text.toLowerCase() === 'img';
  }
  return false;
}

function isPixelSize(w: string | undefined, h: string | undefined): boolean {
  const small = (x: string | undefined) => x !== undefined && /^\s*[01](?:px)?\s*$/.test(x);
  return small(w) && small(h);
}

function isHidden(style: string | undefined): boolean {
  if (!style) return false;
  if (/display\s*:\s*['"]?none|visibility\s*:\s*['"]?hidden/i.test(style)) return true;
  const w = /\bwidth\s*:\s*['"]?(\d+)/i.exec(style);
  const h = /\bheight\s*:\s*['"]?(\d+)/i.exec(style);
  return !!w && !!h && Number(w[1]) <= 1 && Number(h[1]) <= 1;
}

/** The path without a leading dynamic base URL (`${BASE}/open` -> `/open`). */
function pathOf(url: StaticUrl): string {
  return url.host ? url.path : url.path.replace(/^\u2026+/, '');
}

function queryDynamic(url: StaticUrl): boolean {
  const q = url.text.indexOf('?');
  return q >= 0 && url.text.slice(q).includes(DYN);
}

/** A per-recipient part: a dynamic piece in the path or a query value, or a recipient-ish key. */
function perRecipient(url: StaticUrl): boolean {
  if (pathOf(url).includes(DYN)) return true;
  for (const [k, v] of url.query) if (v === null || RECIPIENT_KEYS.test(k)) return true;
  return queryDynamic(url);
}

function isOpenPixel(url: StaticUrl, pixelLike: boolean): boolean {
  if (pixelLike) return pathOf(url).includes(DYN) || url.query.size > 0 || queryDynamic(url);
  return OPEN_PATH.test(pathOf(url)) && perRecipient(url);
}

/** Hosts of click-tracking domains (`click.example.com`, `links.example.com`, `t.example.com`). */
const TRACKING_HOST = /^(?:clicks?|links?|lnk|track|tracking|trk|t|email|e|em|go|r|url\d*|mail|news)\./i;

function isRedirect(url: StaticUrl): boolean {
  const p = pathOf(url);
  if (!REDIRECT_PATH.test(p)) return false;
  let target = false;
  let id = false;
  for (const [k, v] of url.query) {
    if (REDIRECT_KEYS.test(k)) target = true;
    else if (v === null || RECIPIENT_KEYS.test(k)) id = true;
  }
  if (!target) {
    // `/click/${token}`, `/ls/click?upn=…`; the short forms `/r/${mid}/${lid}`, `/c/${token}` only
    // with two dynamic parts or on a click-tracking host (`/c/${slug}` is also a category page).
    if (/\/(?:click|clicks|ls\/click|redirect|redir|track\/click)\/\u2026/.test(p)) return true;
    if (/\/(?:r|c|l|go|link)\/\u2026/.test(p)) return p.split(DYN).length > 2 || TRACKING_HOST.test(url.host);
    return false;
  }
  return id || /\/\u2026/.test(p);
}

/** `name="value"` attributes of one tag. */
function parseAttrs(tag: string): Map<string, string> {
  const out = new Map<string, string>();
  const re = /([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+))|\s(hidden)(?=[\s/>])/gi;
  let m: RegExpExecArray | null;
  while ((m = re.exec(tag))) {
    if (m[5]) out.set('hidden', 'true');
    else {
      const k = m[1].toLowerCase();
      if (!out.has(k)) out.set(k, m[2] ?? m[3] ?? m[4] ?? '');
    }
  }
  return out;
}

interface Pieces {
  text: string;
  spanOf(from: number, to: number): { start: number; end: number };
  /** The constant's initializer when [at, at+len) is exactly one `${name}` substitution. */
  originAt(at: number, len: number): ts.Node | undefined;
}

/** The static text of a string/template/concatenation with a map back to source offsets. */
function pieces(e: ts.Expression, ctx: DetectorContext): Pieces | undefined {
  const anchors: { at: number; src: number; sub?: ts.Expression; len?: number }[] = [];
  let text = '';
  const sf = ctx.sf;
  const addSub = (x: ts.Expression) => {
    const s = staticText(x, ctx) ?? DYN;
    anchors.push({ at: text.length, src: x.getStart(sf), sub: x, len: s.length });
    text += s;
  };
  const walk = (x: ts.Expression): void => {
    const u = strip(x);
    if (ts.isStringLiteralLike(u)) {
      anchors.push({ at: text.length, src: u.getStart(sf) + 1 });
      text += u.text;
    } else if (ts.isTemplateExpression(u)) {
      anchors.push({ at: text.length, src: u.head.getStart(sf) + 1 });
      text += u.head.text;
      for (const sp of u.templateSpans) {
        addSub(sp.expression);
        anchors.push({ at: text.length, src: sp.literal.getStart(sf) + 1 });
        text += sp.literal.text;
      }
    } else if (isPlus(u)) {
      walk((u as ts.BinaryExpression).left);
      walk((u as ts.BinaryExpression).right);
    } else addSub(u);
  };
  walk(e);
  if (!text) return undefined;
  const srcAt = (i: number): number => {
    let a = anchors[0];
    for (const x of anchors) if (x.at <= i) a = x;
    return a.sub ? a.src : a.src + (i - a.at);
  };
  return {
    text,
    spanOf: (from, to) => ({ start: srcAt(from), end: Math.max(srcAt(from) + 1, srcAt(to)) }),
    originAt: (at, len) => {
      const a = anchors.find((x) => x.sub && x.at === at && x.len === len);
      if (!a?.sub) return undefined;
      const s = strip(a.sub);
      if (ts.isIdentifier(s)) return ctx.initOf(s) ?? undefined;
      if (ts.isCallExpression(s) && ts.isIdentifier(strip(s.expression))) return ctx.returnOf?.(strip(s.expression) as ts.Identifier);
      return undefined;
    },
  };
}

