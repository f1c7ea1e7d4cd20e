/**
 * What the technique detectors need from the per-file analysis, and the static-text helpers they
 * share. The detectors see the AST during the file walk (`FileAnalyzer.run`) and record
 * `DirectTechnique`s; they never keep nodes past the walk.
 */
import ts from 'typescript';
import type { ArgValue, Span } from '../argValues';
import type { DirectTechnique } from '../summary';
import type { GuardFact } from '../../types';
import { DYN } from '../../catalogue/endpoints';

export { DYN };

/** The per-file services a detector uses. */
export interface DetectorContext {
  sf: ts.SourceFile;
  text: string;
  /** The abstract value of an expression (local constants and parameters followed). */
  value(e: ts.Expression): ArgValue;
  /** The initializer of the variable an identifier names (any `const`/`let`/`var`, no destructuring). */
  initOf(id: ts.Identifier): ts.Expression | undefined;
  /** What a local function (declaration or `const f = () => …`) returns. */
  returnOf?(id: ts.Identifier): ts.Expression | undefined;
  /** The consent facts dominating a node. */
  guards(n: ts.Node): GuardFact[];
  /** The entity id of the function enclosing a node, or null at module level. */
  fnOf(n: ts.Node): string | null;
}

export function spanOf(n: ts.Node, sf: ts.SourceFile): Span {
  return { start: n.getStart(sf), end: n.getEnd() };
}

/** Strip parentheses, type assertions, `!`, `await`. */
export function strip(e: ts.Expression): ts.Expression {
  for (;;) {
    if (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e) || ts.isTypeAssertionExpression(e) || ts.isSatisfiesExpression(e) || ts.isAwaitExpression(e)) e = e.expression;
    else return e;
  }
}

/** The name a call calls (`fetch`, `post` of `axios.post`, `sendBeacon` of `navigator.sendBeacon?.`). */
export function calleeName(e: ts.Expression): string | undefined {
  const u = strip(e);
  if (ts.isIdentifier(u)) return u.text;
  if (ts.isPropertyAccessExpression(u)) return u.name.text;
  if (ts.isElementAccessExpression(u) && ts.isStringLiteralLike(u.argumentExpression)) return u.argumentExpression.text;
  return undefined;
}

/** The receiver of a member call, or undefined for a bare call. */
export function receiverOf(e: ts.Expression): ts.Expression | undefined {
  const u = strip(e);
  return ts.isPropertyAccessExpression(u) || ts.isElementAccessExpression(u) ? strip(u.expression) : undefined;
}

/** The root identifier's name of a member chain (`axios` of `axios.default.post`). */
export function rootName(e: ts.Expression | undefined): string | undefined {
  let x = e && strip(e);
  while (x && (ts.isPropertyAccessExpression(x) || ts.isElementAccessExpression(x) || ts.isCallExpression(x))) x = strip(x.expression);
  return x && ts.isIdentifier(x) ? x.text : undefined;
}

/**
 * The static text of a string expression, with `…` for the parts the analysis cannot know:
 * literals, templates, `+` concatenation, constants (followed to their initializer), `new URL(path, base)`,
 * `new URLSearchParams({…})`, `.toString()`, `.href`, `String(x)`, a local function's returned
 * value (`trackedUrl(link)`). Undefined when nothing is static.
 */
export function staticText(e: ts.Expression, ctx: DetectorContext, depth = 0): string | undefined {
  if (depth > 8) return undefined;
  const u = strip(e);
  if (ts.isStringLiteralLike(u)) return u.text;
  if (ts.isTemplateExpression(u)) {
    let s = u.head.text;
    for (const sp of u.templateSpans) s += (staticText(sp.expression, ctx, depth + 1) ?? DYN) + sp.literal.text;
    return s;
  }
  if (ts.isBinaryExpression(u)) {
    const op = u.operatorToken.kind;
    if (op === ts.SyntaxKind.PlusToken) {
      const a = staticText(u.left, ctx, depth + 1);
      const b = staticText(u.right, ctx, depth + 1);
      if (a === undefined && b === undefined) return undefined;
      return (a ?? DYN) + (b ?? DYN);
    }
    if (op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.QuestionQuestionToken) return staticText(u.left, ctx, depth + 1) ?? staticText(u.right, ctx, depth + 1);
    return undefined;
  }
  if (ts.isConditionalExpression(u)) return staticText(u.whenTrue, ctx, depth + 1) ?? staticText(u.whenFalse, ctx, depth + 1);
  if (ts.isIdentifier(u)) {
    const init = ctx.initOf(u);
    if (init) return staticText(init, ctx, depth + 1);
    const v = ctx.value(u);
    return v.t === 'str' ? v.v : undefined;
  }
  if (ts.isPropertyAccessExpression(u)) {
    if (u.name.text === 'href') return staticText(u.expression, ctx, depth + 1);
    const v = ctx.value(u);
    return v.t === 'str' ? v.v : undefined;
  }
  if (ts.isElementAccessExpression(u)) {
    const v = ctx.value(u);
    return v.t === 'str' ? v.v : undefined;
  }
  if (ts.isCallExpression(u)) {
    const name = calleeName(u.expression);
    const recv = receiverOf(u.expression);
    if (name === 'toString' && recv && u.arguments.length === 0) return staticText(recv, ctx, depth + 1);
    // `String.fromCharCode(55357, 56835)` (an emoji drawn by canvas fingerprints)
    if (name === 'fromCharCode' && recv && ts.isIdentifier(recv) && recv.text === 'String' && u.arguments.every((a) => ts.isNumericLiteral(strip(a)))) {
      return String.fromCharCode(...u.arguments.map((a) => Number((strip(a) as ts.NumericLiteral).text)));
    }
    if ((name === 'String' || name === 'encodeURI' || name === 'encodeURIComponent') && !recv && u.arguments[0]) {
      const s = staticText(u.arguments[0], ctx, depth + 1);
      return s === undefined || s.includes(DYN) ? undefined : name === 'String' ? s : encodeURIComponent(s);
    }
    // A local URL builder: `pixelUrl(id)` -> its returned template, parameters unknown.
    if (!recv && ts.isIdentifier(strip(u.expression))) {
      const ret = ctx.returnOf?.(strip(u.expression) as ts.Identifier);
      return ret ? staticText(ret, ctx, depth + 1) : undefined;
    }
    if (name === 'concat' && recv) {
      let s = staticText(recv, ctx, depth + 1);
      if (s === undefined) return undefined;
      for (const a of u.arguments) s += staticText(a, ctx, depth + 1) ?? DYN;
      return s;
    }
    return undefined;
  }
  if (ts.isNewExpression(u) && ts.isIdentifier(strip(u.expression))) {
    const ctor = (strip(u.expression) as ts.Identifier).text;
    const args = u.arguments ?? [];
    if (ctor === 'URL' && args[0]) {
      const a = staticText(args[0], ctx, depth + 1);
      const base = args[1] ? staticText(args[1], ctx, depth + 1) : undefined;
      if (a !== undefined && /^(?:https?:)?\/\//i.test(a)) return a;
      if (base === undefined) return a;
      return base.replace(/\/+$/, '') + '/' + (a ?? DYN).replace(/^\/+/, '');
    }
    if (ctor === 'URLSearchParams' && args[0]) {
      const o = strip(args[0]);
      if (ts.isObjectLiteralExpression(o)) {
        const parts: string[] = [];
        for (const p of o.properties) {
          if (ts.isPropertyAssignment(p) && (ts.isIdentifier(p.name) || ts.isStringLiteralLike(p.name))) {
            const v = staticText(p.initializer, ctx, depth + 1);
            parts.push(`${encodeURIComponent(p.name.text)}=${v === undefined || v.includes(DYN) ? DYN : encodeURIComponent(v)}`);
          } else if (ts.isShorthandPropertyAssignment(p)) {
            const v = staticText(p.name, ctx, depth + 1);
            parts.push(`${encodeURIComponent(p.name.text)}=${v === undefined || v.includes(DYN) ? DYN : encodeURIComponent(v)}`);
          } else parts.push(DYN);
        }
        return parts.join('&');
      }
      return staticText(args[0], ctx, depth + 1);
    }
    return undefined;
  }
  return undefined;
}

/** The request body as an abstract value: `JSON.stringify(x)`, `new Blob([x])`, `new URLSearchParams(x)`, a constant. */
export function bodyValue(e: ts.Expression | undefined, ctx: DetectorContext, depth = 0): ArgValue | undefined {
  if (!e || depth > 6) return undefined;
  const u = strip(e);
  if (ts.isCallExpression(u)) {
    const name = calleeName(u.expression);
    if (name === 'stringify' && u.arguments[0]) return bodyValue(u.arguments[0], ctx, depth + 1);
  }
  if (ts.isNewExpression(u) && ts.isIdentifier(strip(u.expression))) {
    const ctor = (strip(u.expression) as ts.Identifier).text;
    const a0 = u.arguments?.[0] && strip(u.arguments[0]);
    if (ctor === 'Blob' && a0 && ts.isArrayLiteralExpression(a0) && a0.elements[0]) return bodyValue(a0.elements[0], ctx, depth + 1);
    if (ctor === 'URLSearchParams' && a0) return bodyValue(a0, ctx, depth + 1);
    return undefined;
  }
  if (ts.isIdentifier(u)) {
    const init = ctx.initOf(u);
    if (init) return bodyValue(init, ctx, depth + 1);
  }
  return ctx.value(u);
}

/** The value at a key path of an abstract object (array indices as keys). */
export function valueAtKeys(v: ArgValue | undefined, keys: readonly string[]): ArgValue | undefined {
  let cur = v;
  for (const k of keys) {
    if (!cur) return undefined;
    if (cur.t === 'obj') {
      let found: ArgValue | undefined;
      for (let i = cur.props.length - 1; i >= 0 && !found; i--) if (cur.props[i].key === k) found = cur.props[i].value;
      cur = found;
    } else if (cur.t === 'arr' && /^\d+$/.test(k)) cur = cur.items[Number(k)];
    else return undefined;
  }
  return cur;
}

/** A property of an object literal expression by key. */
export function objProp(o: ts.Expression | undefined, key: string): ts.Expression | undefined {
  const u = o && strip(o);
  if (!u || !ts.isObjectLiteralExpression(u)) return undefined;
  for (let i = u.properties.length - 1; i >= 0; i--) {
    const p = u.properties[i];
    if (ts.isPropertyAssignment(p) && p.name && (ts.isIdentifier(p.name) || ts.isStringLiteralLike(p.name)) && p.name.text === key) return p.initializer;
    if (ts.isShorthandPropertyAssignment(p) && p.name.text === key) return p.name;
  }
  return undefined;
}

/** The object literal an expression is (following one constant). */
export function objectLiteral(e: ts.Expression | undefined, ctx: DetectorContext): ts.ObjectLiteralExpression | undefined {
  let u = e && strip(e);
  if (u && ts.isIdentifier(u)) u = ctx.initOf(u) && strip(ctx.initOf(u)!);
  return u && ts.isObjectLiteralExpression(u) ? u : undefined;
}

/** A recorder for technique sites of one file (deduplicated by position and technique). */
export class SiteSink {
  readonly sites: DirectTechnique[] = [];
  private readonly seen = new Set<string>();

  constructor(private readonly ctx: DetectorContext) {}

  add(node: ts.Node, calleeNode: ts.Node, d: Pick<DirectTechnique, 'technique' | 'sdk' | 'method' | 'event' | 'sinkParam'> & { url?: string; pendingUrl?: ArgValue; span?: { start: number; end: number }; calleeSpan?: { start: number; end: number } }): void {
    const span = d.span ?? spanOf(node, this.ctx.sf);
    const key = `${span.start}:${d.technique}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    const site: DirectTechnique = {
      technique: d.technique,
      sdk: d.sdk,
      method: d.method,
      event: d.event,
      span,
      calleeSpan: d.calleeSpan ?? spanOf(calleeNode, this.ctx.sf),
      fn: this.ctx.fnOf(node),
      guards: this.ctx.guards(node),
    };
    if (d.url !== undefined) site.url = d.url.length > 200 ? d.url.slice(0, 200) + DYN : d.url;
    if (d.pendingUrl) site.pendingUrl = d.pendingUrl;
    if (d.sinkParam) site.sinkParam = d.sinkParam;
    this.sites.push(site);
  }
}
