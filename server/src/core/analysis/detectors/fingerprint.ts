/**
 * Hand-written device fingerprinting (tracking-techniques-b §B2.5), found from the AST during the
 * per-file walk. Evidence is gathered per function (anonymous callbacks count for the function
 * they are written in) and judged when the walk ends; each source found is one technique site of
 * technique `fingerprinting`, SDK id `fingerprint:<source>`, method `<source>`:
 *
 * - `canvas`: a canvas read (`toDataURL()`, `getImageData`, `toBlob`) of constant drawn text
 *   (`fillText('Cwm fjordbank glyphs vext quiz', …)`), with no image drawn into the canvas
 *   (`drawImage`), not downloaded or shown (`a.download`, `img.src = canvas.toDataURL()`), not a
 *   JPEG/WebP export, and hashed, sent, returned, named like a fingerprint, or combined with
 *   other sources in the file. Not: an image editor or avatar cropper exporting a drawing.
 * - `webgl`: `getParameter(ext.UNMASKED_RENDERER_WEBGL | UNMASKED_VENDOR_WEBGL)` (after
 *   `getExtension('WEBGL_debug_renderer_info')`) hashed, sent, named like a fingerprint, or with
 *   other sources; or a harvest of ≥ 4 WebGL parameters/extensions that is hashed. Not: rendering
 *   code reading `MAX_TEXTURE_SIZE`, a GPU check that only tests the renderer string.
 * - `audio`: `OfflineAudioContext` + `createOscillator` + `createDynamicsCompressor` (or a read of
 *   `getChannelData`) + `startRendering`, with no media source. Not: an audio player or synth
 *   playing through `AudioContext`.
 * - `fonts`: width measurement (`offsetWidth`, `measureText`, `document.fonts.check`) in a loop,
 *   compared against the generic families (`monospace`, `sans-serif`, `serif`) and/or over a list
 *   of known font names. Not: one web font's load check, text layout.
 * - `traits`: ≥ 4 distinct navigator/screen/locale traits in one function, at least one of them
 *   high-entropy (`hardwareConcurrency`, `deviceMemory`, `plugins`, `colorDepth`,
 *   `getHighEntropyValues`, …), hashed or named like a fingerprint (≥ 3 when the file has another
 *   source). Not: feature detection reading `navigator.userAgent`, an analytics context object of
 *   screen size and language.
 */
import ts from 'typescript';
import { DYN, calleeName, receiverOf, staticText, strip, type DetectorContext, type SiteSink } from './common';

type Source = 'canvas' | 'webgl' | 'audio' | 'fonts' | 'traits';

const HASH = /^(?:murmur\w*|x64hash\w*|x86hash\w*|hash\w*|\w*Hash|md5|sha\d*|sha|digest|crc32|fnv\w*|cyrb\w*|djb2|createHash|hashCode|mmh3)$/i;
const SEND = new Set(['fetch', 'sendBeacon', 'post', 'put', 'ajax', 'send', 'emit']);
const HINT = /fingerprint|^fp$|^fp[A-Z_]|fpid|device_?id|visitor_?id|browser_?id|machine_?id|device_?hash|canvas_?(?:hash|fp|print|id)|webgl_?(?:hash|fp|id)|audio_?(?:hash|fp)|unique_?device|hwid|deviceSignature/i;
const PANGRAM = /Cwm fjordbank|mmMwWLliI0O|mmmmmmmmmmlli|BrowserLeaks|<canvas> 1\.0|\u{1F603}|\u{1F600}/u;
const NAV_TRAITS = new Set(['userAgent', 'language', 'languages', 'platform', 'hardwareConcurrency', 'deviceMemory', 'plugins', 'mimeTypes', 'maxTouchPoints', 'vendor', 'doNotTrack', 'cookieEnabled', 'oscpu', 'cpuClass', 'appVersion', 'productSub', 'webdriver', 'pdfViewerEnabled', 'connection', 'userAgentData']);
const SCREEN_TRAITS = new Set(['width', 'height', 'colorDepth', 'pixelDepth', 'availWidth', 'availHeight', 'availTop', 'availLeft', 'orientation']);
const HIGH = new Set(['navigator.hardwareConcurrency', 'navigator.deviceMemory', 'navigator.plugins', 'navigator.mimeTypes', 'navigator.maxTouchPoints', 'navigator.oscpu', 'navigator.cpuClass', 'navigator.productSub', 'screen.colorDepth', 'screen.pixelDepth', 'uaHighEntropy', 'battery', 'performance.memory', 'voices', 'webrtc', 'localFonts']);
const KNOWN_FONTS = new Set(
  [
    'Arial', 'Arial Black', 'Arial Narrow', 'Arial Unicode MS', 'Book Antiqua', 'Bookman Old Style', 'Calibri', 'Cambria', 'Cambria Math', 'Century', 'Century Gothic', 'Comic Sans MS', 'Consolas',
    'Courier', 'Courier New', 'Garamond', 'Geneva', 'Georgia', 'Helvetica', 'Helvetica Neue', 'Impact', 'Lucida Bright', 'Lucida Console', 'Lucida Grande', 'Lucida Sans Unicode', 'Menlo',
    'Monaco', 'MS Gothic', 'MS PGothic', 'MS Sans Serif', 'MS Serif', 'Palatino', 'Palatino Linotype', 'Segoe Print', 'Segoe Script', 'Segoe UI', 'Segoe UI Light', 'Tahoma', 'Times',
    'Times New Roman', 'Trebuchet MS', 'Verdana', 'Wingdings', 'Wingdings 2', 'Wingdings 3', 'Andale Mono', 'Futura', 'Gill Sans', 'Optima', 'Didot', 'American Typewriter', 'Baskerville',
    'Franklin Gothic', 'Franklin Gothic Medium', 'Haettenschweiler', 'Marlett', 'Microsoft Sans Serif', 'Minion Pro', 'Myriad Pro', 'PMingLiU', 'SimHei', 'SimSun', 'MingLiU', 'Ubuntu',
    'DejaVu Sans', 'Liberation Sans', 'Noto Sans', 'Roboto', 'Droid Sans', 'Cantarell', 'Apple Color Emoji', 'Segoe UI Emoji', 'Symbol', 'Webdings', 'Papyrus', 'Copperplate',
  ].map((f) => f.toLowerCase()),
);
const MEMBERS = new Set([...NAV_TRAITS, ...SCREEN_TRAITS, 'offsetWidth', 'offsetHeight', 'scrollWidth', 'memory', 'devicePixelRatio']);
const LOOP_METHODS = new Set(['forEach', 'map', 'filter', 'some', 'every', 'reduce', 'find', 'flatMap']);

interface Scope {
  node: ts.Node;
  reads: ts.Node[];
  badReads: number;
  constText: boolean;
  /** Number of constant texts drawn. */
  texts: number;
  userImage: boolean;
  shown: boolean;
  unmasked: ts.Node[];
  glParams: Set<string>;
  glFirst?: ts.Node;
  offline?: ts.Node;
  osc: boolean;
  comp: boolean;
  render?: ts.Node;
  channel: boolean;
  media: boolean;
  /** A read of rendered audio (`getChannelData`, `getFloatFrequencyData`). */
  audioRead?: ts.Node;
  measure?: ts.Node;
  families: Set<string>;
  fontList: number;
  traits: Map<string, ts.Node>;
  hash?: ts.Node;
  send: boolean;
  returnsRead: boolean;
  hint: boolean;
  pangram: boolean;
}

export class FingerprintDetector {
  private readonly scopes = new Map<ts.Node, Scope>();

  constructor(
    private readonly ctx: DetectorContext,
    private readonly sink: SiteSink,
  ) {}

  visit(n: ts.Node): void {
    switch (n.kind) {
      case ts.SyntaxKind.CallExpression:
        this.onCall(n as ts.CallExpression);
        break;
      case ts.SyntaxKind.NewExpression: {
        const ctor = strip((n as ts.NewExpression).expression);
        // `const AC = window.OfflineAudioContext || window.webkitOfflineAudioContext; new AC(1, 5000, 44100)`
        const init = ts.isIdentifier(ctor) ? this.ctx.initOf(ctor) : undefined;
        const name = init ? init.getText(this.ctx.sf) : calleeName(ctor) ?? ctor.getText(this.ctx.sf);
        if (/OfflineAudioContext/.test(name)) this.scope(n).offline ??= n;
        else if (name === 'RTCPeerConnection' || name === 'webkitRTCPeerConnection') this.trait(n, 'webrtc');
        break;
      }
      case ts.SyntaxKind.PropertyAccessExpression:
        this.onMember(n as ts.PropertyAccessExpression);
        break;
      case ts.SyntaxKind.Identifier:
        if ((n as ts.Identifier).text === 'devicePixelRatio' && !(ts.isPropertyAccessExpression(n.parent) && n.parent.name === n)) this.trait(n, 'devicePixelRatio');
        break;
      case ts.SyntaxKind.StringLiteral:
      case ts.SyntaxKind.NoSubstitutionTemplateLiteral: {
        const t = (n as ts.StringLiteral).text;
        if (t.length < 80) {
          for (const m of t.matchAll(/(?<![\w-])(monospace|sans-serif|serif)(?![\w-])/g)) this.scope(n).families.add(m[1]);
        }
        if (PANGRAM.test(t)) this.scope(n).pangram = true;
        break;
      }
      case ts.SyntaxKind.ArrayLiteralExpression: {
        const els = (n as ts.ArrayLiteralExpression).elements;
        if (els.length >= 3) {
          let known = 0;
          for (const el of els) if (ts.isStringLiteralLike(el) && KNOWN_FONTS.has(el.text.toLowerCase().replace(/^['"]|['"]$/g, ''))) known++;
          if (known >= 3) {
            const s = this.scope(n);
            s.fontList = Math.max(s.fontList, known);
          }
        }
        break;
      }
      case ts.SyntaxKind.BinaryExpression: {
        const b = n as ts.BinaryExpression;
        if (b.operatorToken.kind !== ts.SyntaxKind.EqualsToken) break;
        const left = strip(b.left);
        if (!ts.isPropertyAccessExpression(left)) break;
        const k = left.name.text;
        const right = b.right.getText(this.ctx.sf);
        if (k === 'download' || ((k === 'href' || k === 'src') && /toDataURL|createObjectURL/.test(right))) this.scope(n).shown = true;
        if (k === 'href' || k === 'src') {
          const r = strip(b.right);
          const init = ts.isIdentifier(r) ? this.ctx.initOf(r) : undefined;
          if (init && /toDataURL|createObjectURL/.test(init.getText(this.ctx.sf))) this.scope(n).shown = true;
        }
        break;
      }
      case ts.SyntaxKind.ReturnStatement: {
        const e = (n as ts.ReturnStatement).expression;
        if (e) {
          const t = strip(e).getText(this.ctx.sf);
          if (/\b(?:toDataURL|getImageData|toBlob)\s*\(/.test(t) && !/\.(?:test|includes|match|indexOf|startsWith)\(/.test(t)) this.scope(n).returnsRead = true;
        }
        break;
      }
      case ts.SyntaxKind.VariableDeclaration: {
        // `const { hardwareConcurrency, deviceMemory } = navigator`
        const d = n as ts.VariableDeclaration;
        if (ts.isObjectBindingPattern(d.name) && d.initializer) {
          const src = strip(d.initializer).getText(this.ctx.sf).replace(/\s+/g, '').replace(/^(?:window|self|globalThis)\./, '');
          const set = src === 'navigator' ? NAV_TRAITS : src === 'screen' ? SCREEN_TRAITS : undefined;
          if (set) {
            for (const el of d.name.elements) {
              const key = (el.propertyName ?? el.name).getText(this.ctx.sf);
              if (set.has(key)) this.trait(el, `${src}.${key}`);
            }
          }
        }
      }
      // falls through
      case ts.SyntaxKind.FunctionDeclaration:
      case ts.SyntaxKind.MethodDeclaration:
      case ts.SyntaxKind.PropertyAssignment: {
        const name = (n as ts.NamedDeclaration).name;
        if (name && (ts.isIdentifier(name) || ts.isStringLiteral(name)) && HINT.test(name.text)) {
          this.scope(n).hint = true;
          if (ts.isFunctionDeclaration(n) || ts.isMethodDeclaration(n)) this.scopeFor(n).hint = true;
          else if (ts.isVariableDeclaration(n) && n.initializer && (ts.isArrowFunction(strip(n.initializer)) || ts.isFunctionExpression(strip(n.initializer)))) this.scopeFor(strip(n.initializer)).hint = true;
        }
        break;
      }
      default:
        break;
    }
  }

  finish(): void {
    const all = [...this.scopes.values()];
    // Module-level constants (`const BASE_FONTS = ['monospace', …]`) count for every function.
    const top = this.scopes.get(this.ctx.sf);
    const families = (s: Scope) => new Set([...s.families, ...(top?.families ?? [])]).size;
    const fontList = (s: Scope) => Math.max(s.fontList, top?.fontList ?? 0);
    const fileHint = HINT.test(this.ctx.sf.fileName.replace(/^.*[/\\]/, '').replace(/\.[^.]+$/, ''));
    const reported = new Set<Source>();
    const add = (k: Source, node: ts.Node) => {
      reported.add(k);
      this.sink.add(node, node, { technique: 'fingerprinting', sdk: `fingerprint:${k}`, method: k, event: null });
    };
    /** `others(k)`: another source is already proven in this file (weaker evidence then suffices). */
    const judge = (s: Scope, others: (k: Source) => boolean) => {
      const sink = !!s.hash || s.send || s.hint || s.pangram || fileHint || hintedOwner(s.node);
      // Returned without a hash: only a fingerprint-like drawing (a pangram, or several constant texts), not a placeholder image.
      const fpDrawing = s.pangram || s.texts >= 2;
      if (s.reads.length > s.badReads && (s.constText || s.pangram) && !s.userImage && !s.shown && (sink || (s.returnsRead && fpDrawing) || others('canvas'))) add('canvas', s.reads[0]);
      // The unmasked renderer collected with other values: other traits, or a harvest of GPU parameters.
      const harvested = this.collected(s.unmasked[0] ?? s.node) && (s.traits.size >= 2 || s.glParams.size >= 2);
      if (s.unmasked.length && (sink || others('webgl') || harvested)) add('webgl', s.unmasked[0]);
      else if (s.glParams.size >= 4 && s.hash && s.glFirst) add('webgl', s.glFirst);
      if (s.offline && s.osc && (s.comp || s.channel) && s.render && !s.media) add('audio', s.render);
      // The older AudioContext form: an oscillator read back through an analyser, hashed or sent.
      else if (s.osc && s.channel && !s.media && s.audioRead && (sink || others('audio'))) add('audio', s.audioRead);
      const fam = families(s);
      const list = fontList(s);
      if (s.measure && ((fam >= 2 && (list >= 3 || sink || others('fonts'))) || (list >= 5 && (sink || fam >= 1 || others('fonts'))))) add('fonts', s.measure);
      const high = [...s.traits.keys()].filter((t) => HIGH.has(t)).length;
      if ((s.traits.size >= 4 && high >= 1 && (s.hash || s.hint)) || (s.traits.size >= 3 && others('traits') && (sink || s.returnsRead))) add('traits', s.hash ?? s.traits.values().next().value!);
    };
    for (const s of all) judge(s, () => false);
    if (reported.size > 0) {
      const proven = new Set(reported);
      for (const s of all) judge(s, (k) => [...proven].some((x) => x !== k));
    }
    // Sources split over helpers of one module (draw in one function, read in another): the file as a whole.
    if (!reported.has('canvas') || !reported.has('webgl')) {
      const u = all.reduce(
        (a, s) => ({
          reads: a.reads.concat(s.reads),
          constText: a.constText || s.constText || s.pangram,
          userImage: a.userImage || s.userImage,
          shown: a.shown || s.shown,
          sink: a.sink || !!s.hash || s.hint || fileHint || hintedOwner(s.node),
          unmasked: a.unmasked.concat(s.unmasked),
        }),
        { reads: [] as ts.Node[], constText: false, userImage: false, shown: false, sink: false, unmasked: [] as ts.Node[] },
      );
      if (!reported.has('canvas') && u.reads.length && u.constText && !u.userImage && !u.shown && u.sink) {
        const r = all.flatMap((s) => s.reads.slice(0, s.reads.length - s.badReads))[0];
        if (r) add('canvas', r);
      }
      if (!reported.has('webgl') && u.unmasked.length && u.sink) add('webgl', u.unmasked[0]);
    }
  }

  // ------------------------------------------------------------------ evidence

  private onCall(call: ts.CallExpression): void {
    const name = calleeName(call.expression);
    if (!name) return;
    const args = call.arguments;
    switch (name) {
      case 'toDataURL':
      case 'toBlob':
      case 'getImageData': {
        const s = this.scope(call);
        s.reads.push(call);
        const mime = name === 'toDataURL' ? args[0] : name === 'toBlob' ? args[1] : undefined;
        const t = mime && staticText(mime, this.ctx);
        // Not a fingerprint read: a JPEG/WebP export, or a feature probe (one pixel read and compared:
        // `ctx.getImageData(12, 12, 1, 1).data[0] !== 0` after drawing an emoji).
        const small = (a?: ts.Expression) => !!a && ts.isNumericLiteral(strip(a)) && Number((strip(a) as ts.NumericLiteral).text) <= 2;
        if ((t && /image\/(?:jpe?g|webp)/i.test(t)) || (name === 'getImageData' && small(args[2]) && small(args[3])) || compared(call)) s.badReads++;
        return;
      }
      case 'fillText':
      case 'strokeText': {
        const t = args[0] && staticText(args[0], this.ctx);
        if (t !== undefined && !t.includes(DYN) && t.length > 0) {
          const s = this.scope(call);
          s.constText = true;
          s.texts++;
          if (PANGRAM.test(t)) s.pangram = true;
        }
        return;
      }
      case 'drawImage':
      case 'putImageData':
      case 'createPattern':
        this.scope(call).userImage = true;
        return;
      case 'getParameter': {
        const a = args[0] ? args[0].getText(this.ctx.sf) : '';
        const s = this.scope(call);
        if (/UNMASKED_(?:RENDERER|VENDOR)_WEBGL|\b(?:37445|37446|0x9245|0x9246)\b/.test(a)) s.unmasked.push(call);
        else if (/\b(?:MAX_\w+|ALIASED_\w+|\w+_BITS|SHADING_LANGUAGE_VERSION|VERSION|VENDOR|RENDERER)\b/.test(a)) {
          s.glParams.add(a.replace(/^.*\./, ''));
          s.glFirst ??= call;
        }
        return;
      }
      case 'getSupportedExtensions':
      case 'getShaderPrecisionFormat':
      case 'getContextAttributes': {
        const s = this.scope(call);
        s.glParams.add(name);
        s.glFirst ??= call;
        return;
      }
      case 'createOscillator':
        this.scope(call).osc = true;
        return;
      case 'createDynamicsCompressor':
        this.scope(call).comp = true;
        return;
      case 'startRendering':
        this.scope(call).render ??= call;
        return;
      case 'getChannelData':
      case 'getFloatFrequencyData':
      case 'getByteFrequencyData':
      case 'getFloatTimeDomainData': {
        const sc = this.scope(call);
        sc.channel = true;
        sc.audioRead ??= call;
        return;
      }
      case 'createBufferSource':
      case 'decodeAudioData':
      case 'createMediaElementSource':
      case 'createMediaStreamSource':
      case 'getUserMedia':
        this.scope(call).media = true;
        return;
      case 'measureText':
        if (inLoop(call)) this.scope(call).measure ??= call;
        return;
      case 'check': {
        const r = receiverOf(call.expression);
        if (r && /(?:^|\.)fonts$/.test(r.getText(this.ctx.sf)) && inLoop(call)) this.scope(call).measure ??= call;
        return;
      }
      case 'queryLocalFonts':
        this.trait(call, 'localFonts');
        return;
      case 'getHighEntropyValues':
        this.trait(call, 'uaHighEntropy');
        return;
      case 'getBattery':
        this.trait(call, 'battery');
        return;
      case 'getVoices':
        this.trait(call, 'voices');
        return;
      case 'getTimezoneOffset':
        this.trait(call, 'timezoneOffset');
        return;
      case 'resolvedOptions':
        if (ts.isPropertyAccessExpression(call.parent) && call.parent.name.text === 'timeZone') this.trait(call, 'timezone');
        return;
      default:
        break;
    }
    const s = () => this.scope(call);
    if (HASH.test(name) || /subtle\.digest$/.test(call.expression.getText(this.ctx.sf))) s().hash ??= call;
    else if (SEND.has(name)) s().send = true;
  }

  private onMember(m: ts.PropertyAccessExpression): void {
    const k = m.name.text;
    if (!MEMBERS.has(k)) return;
    if ((k === 'offsetWidth' || k === 'offsetHeight' || k === 'scrollWidth') && inLoop(m)) {
      this.scope(m).measure ??= m;
      return;
    }
    const obj = strip(m.expression);
    const objText = ts.isIdentifier(obj) ? this.alias(obj) : obj.getText(this.ctx.sf).replace(/\s+/g, '').replace(/\?\./g, '.');
    if (NAV_TRAITS.has(k) && /(?:^|\.)navigator$/.test(objText)) this.trait(m, `navigator.${k}`);
    else if (SCREEN_TRAITS.has(k) && /(?:^|\.)screen$/.test(objText) && !/\.screen$/.test(objText.replace(/^window\.screen$/, 'screen'))) this.trait(m, `screen.${k}`);
    else if (k === 'memory' && /(?:^|\.)performance$/.test(objText)) this.trait(m, 'performance.memory');
    else if (k === 'devicePixelRatio' && /(?:^|\.)(?:window|self|globalThis)$/.test(objText)) this.trait(m, 'devicePixelRatio');
  }

  /** `const nav = window.navigator` -> `navigator`. */
  private alias(id: ts.Identifier): string {
    const init = this.ctx.initOf(id);
    return init ? strip(init).getText(this.ctx.sf).replace(/\s+/g, '').replace(/\?\./g, '.') : id.text;
  }

  private trait(n: ts.Node, name: string): void {
    const s = this.scope(n);
    if (!s.traits.has(name)) s.traits.set(name, n);
  }

  /** The read sits in an object/array literal or a concatenation (collected with other values). */
  private collected(n: ts.Node): boolean {
    for (let p = n.parent; p && !ts.isFunctionLike(p) && !ts.isStatement(p); p = p.parent) {
      if (ts.isObjectLiteralExpression(p) || ts.isArrayLiteralExpression(p) || ts.isTemplateExpression(p)) return true;
      if (ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.PlusToken) return true;
    }
    return false;
  }

  private scope(n: ts.Node): Scope {
    return this.scopeFor(scopeNode(n));
  }

  private scopeFor(node: ts.Node): Scope {
    let s = this.scopes.get(node);
    if (!s) {
      s = { node, reads: [], badReads: 0, constText: false, texts: 0, userImage: false, shown: false, unmasked: [], glParams: new Set(), osc: false, comp: false, channel: false, media: false, families: new Set(), fontList: 0, traits: new Map(), send: false, returnsRead: false, hint: false, pangram: false };
      this.scopes.set(node, s);
    }
    return s;
  }
}

/** A class, object or variable named like a fingerprint owns the function (`class DeviceFingerprint { canvas() {…} }`). */
function hintedOwner(n: ts.Node): boolean {
  for (let p = n.parent; p && !ts.isSourceFile(p); p = p.parent) {
    const name = (p as ts.NamedDeclaration).name;
    if ((ts.isClassLike(p) || ts.isVariableDeclaration(p) || ts.isPropertyAssignment(p) || ts.isFunctionDeclaration(p) || ts.isMethodDeclaration(p)) && name && ts.isIdentifier(name) && HINT.test(name.text)) return true;
  }
  return false;
}

/** The function evidence is gathered in: the nearest named function (callbacks count for their writer). */
function scopeNode(n: ts.Node): ts.Node {
  for (let p = n.parent; p; p = p.parent) {
    if (!ts.isFunctionLike(p)) continue;
    const parent: ts.Node = p.parent;
    const fn = p as ts.Node as ts.Expression;
    const isCallback = !!parent && (ts.isCallExpression(parent) || ts.isNewExpression(parent)) && (parent.arguments ?? ([] as readonly ts.Expression[])).includes(fn);
    const isHandler = !!parent && ts.isBinaryExpression(parent) && parent.right === fn && ts.isPropertyAccessExpression(parent.left) && /^on/.test(parent.left.name.text);
    if (isCallback || isHandler) continue;
    return p;
  }
  return n.getSourceFile();
}

/** The value is compared right away (`….data[0] !== 0`, `toDataURL() === blank`): a feature check. */
function compared(n: ts.Node): boolean {
  let c: ts.Node = n;
  for (let p = n.parent; p; c = p, p = p.parent) {
    if (ts.isPropertyAccessExpression(p) || ts.isElementAccessExpression(p) || ts.isParenthesizedExpression(p) || (ts.isCallExpression(p) && p.expression === c)) continue;
    if (ts.isBinaryExpression(p)) {
      const k = p.operatorToken.kind;
      return k === ts.SyntaxKind.EqualsEqualsEqualsToken || k === ts.SyntaxKind.ExclamationEqualsEqualsToken || k === ts.SyntaxKind.EqualsEqualsToken || k === ts.SyntaxKind.ExclamationEqualsToken || k === ts.SyntaxKind.GreaterThanToken || k === ts.SyntaxKind.LessThanToken;
    }
    return false;
  }
  return false;
}

/** Inside a loop statement or a callback of `forEach`/`map`/`filter`/… of the same function. */
function inLoop(n: ts.Node): boolean {
  for (let p = n.parent; p; p = p.parent) {
    if (ts.isForStatement(p) || ts.isForOfStatement(p) || ts.isForInStatement(p) || ts.isWhileStatement(p) || ts.isDoStatement(p)) return true;
    if (ts.isFunctionLike(p)) {
      const c = p.parent;
      if (c && ts.isCallExpression(c) && c.arguments.includes(p as unknown as ts.Expression) && LOOP_METHODS.has(calleeName(c.expression) ?? '')) return true;
      return false;
    }
  }
  return false;
}
