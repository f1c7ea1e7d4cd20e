/**
 * Consent facts that dominate a call: what must have been true on every path that reaches it.
 *
 * Proven (syntactically, within one function and its in-file callers):
 * - the call sits in the `then` branch of `if (c)` (or the `else` branch of `if (!c)`),
 * - an earlier statement of an enclosing block is `if (!c) return|throw|break|continue`,
 * - the call is the right operand of `c && …` (or of `!c || …`), or a branch of `c ? … : …`,
 * - the call is inside a callback passed to a function (`whenConsented('analytics', () => …)`):
 *   recorded as a `callback` fact, which a manifest guard with `callback_arg` turns into proof,
 * - conditions are split on `&&`, negations are followed, `await` and parentheses are looked
 *   through, and a `const ok = hasConsent('x')` is followed to its initializer,
 * - a member path whose root is a constant or a callback parameter is recorded twice: as written
 *   and with the root replaced by what it stands for, so that the fact names the API that produced
 *   the value (`const { status } = await requestTrackingPermissionsAsync(); status === 'granted'`
 *   -> `requestTrackingPermissionsAsync().status`; `const g = window.OnetrustActiveGroups || ''`;
 *   `requestTrackingPermission().then((s) => s === 'authorized')` -> `requestTrackingPermission()`).
 * Not proven: conditions held in mutable variables, consent checked in another file's caller,
 * state set in event handlers, or checks whose result is ignored.
 */
import ts from 'typescript';
import type { GuardFact } from '../types';

export interface GuardHelpers {
  text(n: ts.Node): string;
  followConst(id: ts.Identifier): ts.Expression | undefined;
  moduleOf(id: ts.Identifier): string | undefined;
  importedName(id: ts.Identifier): string | undefined;
  /** The `const` (possibly destructured: `path`) or the parameter a name is bound to. */
  binding?(id: ts.Identifier): { init: ts.Expression; path: string[] } | { fn: ts.SignatureDeclaration; index: number; path: string[] } | undefined;
}

const MAX_FACTS = 24;

/** The consent facts dominating node `n`. */
export function guardFactsAt(n: ts.Node, h: GuardHelpers): GuardFact[] {
  const facts: GuardFact[] = [];
  let child: ts.Node = n;
  for (let p = n.parent; p && facts.length < MAX_FACTS; child = p, p = p.parent) {
    if (ts.isIfStatement(p)) {
      if (child === p.thenStatement) condFacts(p.expression, true, facts, h, 0);
      else if (child === p.elseStatement) condFacts(p.expression, false, facts, h, 0);
    } else if (ts.isConditionalExpression(p)) {
      if (child === p.whenTrue) condFacts(p.condition, true, facts, h, 0);
      else if (child === p.whenFalse) condFacts(p.condition, false, facts, h, 0);
    } else if (ts.isBinaryExpression(p) && child === p.right) {
      if (p.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken) condFacts(p.left, true, facts, h, 0);
      else if (p.operatorToken.kind === ts.SyntaxKind.BarBarToken) condFacts(p.left, false, facts, h, 0);
    } else if (ts.isBlock(p) || ts.isSourceFile(p) || ts.isCaseClause(p) || ts.isDefaultClause(p)) {
      const statements = p.statements;
      for (const st of statements) {
        if (st === child) break;
        if (ts.isIfStatement(st) && !st.elseStatement && exits(st.thenStatement)) condFacts(st.expression, false, facts, h, 0);
      }
    } else if (ts.isFunctionLike(p)) {
      const call = p.parent;
      if (call && (ts.isCallExpression(call) || ts.isNewExpression(call)) && call.arguments?.includes(p as unknown as ts.Expression)) {
        const callee = call.expression;
        const idx = call.arguments.indexOf(p as unknown as ts.Expression);
        const f: GuardFact = { type: 'callback', ...calleeOf(callee, h), args: call.arguments.map(literalArg), callbackIndex: idx };
        facts.push(f);
        // `.then(() => track())` on a consent promise: the receiver call is a fact too.
        if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'then' && ts.isCallExpression(callee.expression)) condFacts(callee.expression, true, facts, h, 0);
        continue; // the callback runs in its caller's context: keep walking
      }
      break; // a declared function: its callers' guards are added by the file analysis
    }
  }
  return facts;
}

function exits(st: ts.Statement): boolean {
  if (ts.isReturnStatement(st) || ts.isThrowStatement(st) || ts.isBreakStatement(st) || ts.isContinueStatement(st)) return true;
  if (ts.isBlock(st)) return st.statements.length > 0 && exits(st.statements[st.statements.length - 1]);
  return false;
}

function literalArg(a: ts.Expression): string | null {
  const u = strip(a);
  if (ts.isStringLiteralLike(u) || ts.isNumericLiteral(u)) return u.text;
  return null;
}

function strip(e: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(e) || ts.isAwaitExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e)) e = e.expression;
  return e;
}

/**
 * How a guard fact names its callee: the normalised path, the import it comes from, and for a
 * renamed import (`import { hasConsent as ok }`) the exported name the manifest uses.
 */
function calleeOf(callee: ts.Expression, h: GuardHelpers): { callee: string; module?: string } {
  const out: { callee: string; module?: string } = { callee: normalizePath(h.text(callee)) };
  const base = rootIdentifier(callee);
  const mod = base && h.moduleOf(base);
  if (mod) out.module = mod;
  if (base && ts.isIdentifier(callee)) {
    const imported = h.importedName(base);
    if (imported) out.callee = imported;
  }
  return out;
}

function rootIdentifier(e: ts.Expression): ts.Identifier | undefined {
  let x = strip(e);
  while (ts.isPropertyAccessExpression(x) || ts.isElementAccessExpression(x) || ts.isCallExpression(x)) x = strip(x.expression);
  return ts.isIdentifier(x) ? x : undefined;
}

/** `window.Cookiebot?.consent['marketing']` -> `Cookiebot.consent.marketing`. */
export function normalizePath(text: string): string {
  return text
    .replace(/\s+/g, '')
    .replace(/\?\./g, '.')
    .replace(/!\./g, '.')
    .replace(/\[['"`]([^'"`\]]+)['"`]\]/g, '.$1')
    .replace(/^\(?(?:window|globalThis|self)\)?(?:asany\))?\./, '')
    .replace(/^\((.*)\)$/, '$1');
}

function condFacts(cond: ts.Expression, truthy: boolean, out: GuardFact[], h: GuardHelpers, depth: number): void {
  if (depth > 6 || out.length >= MAX_FACTS) return;
  const e = strip(cond);
  if (ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.ExclamationToken) return condFacts(e.operand, !truthy, out, h, depth + 1);
  if (ts.isBinaryExpression(e)) {
    const op = e.operatorToken.kind;
    if (op === ts.SyntaxKind.AmpersandAmpersandToken && truthy) {
      condFacts(e.left, true, out, h, depth + 1);
      condFacts(e.right, true, out, h, depth + 1);
      return;
    }
    if (op === ts.SyntaxKind.BarBarToken && !truthy) {
      condFacts(e.left, false, out, h, depth + 1);
      condFacts(e.right, false, out, h, depth + 1);
      return;
    }
    const eq = op === ts.SyntaxKind.EqualsEqualsEqualsToken || op === ts.SyntaxKind.EqualsEqualsToken;
    const ne = op === ts.SyntaxKind.ExclamationEqualsEqualsToken || op === ts.SyntaxKind.ExclamationEqualsToken;
    if ((eq && truthy) || (ne && !truthy)) {
      const [path, lit] = literalSide(e.left, e.right, h);
      if (path && lit !== undefined) {
        if (lit === 'true') pushPathOrCall(path, out, h);
        else {
          const p = normalizePath(h.text(strip(path)));
          out.push({ type: 'compare', path: p, value: lit });
          const x = expandedPath(path, h, 0);
          if (x && x !== p) out.push({ type: 'compare', path: x, value: lit });
        }
      }
      return;
    }
    // `groups.indexOf('C0004') > -1`, `!== -1`, `>= 0`
    if (truthy && ts.isCallExpression(strip(e.left)) && isIndexOf(strip(e.left) as ts.CallExpression)) {
      const rt = h.text(e.right).replace(/\s+/g, '');
      if ((op === ts.SyntaxKind.GreaterThanToken && rt === '-1') || (op === ts.SyntaxKind.GreaterThanEqualsToken && rt === '0') || (ne && rt === '-1')) {
        includesFact(strip(e.left) as ts.CallExpression, out, h);
      }
      return;
    }
    return;
  }
  if (!truthy) return;
  if (ts.isIdentifier(e)) {
    const init = h.followConst(e);
    if (init) return condFacts(init, truthy, out, h, depth + 1);
  }
  if (ts.isCallExpression(e) && isIncludes(e)) return includesFact(e, out, h);
  pushPathOrCall(e, out, h);
}

/** A path or call fact, and the path with its root expanded when that says more. */
function pushPathOrCall(e: ts.Expression, out: GuardFact[], h: GuardHelpers): void {
  const f = pathOrCall(e, h);
  out.push(f);
  if (f.type === 'path') {
    const x = expandedPath(e, h, 0);
    if (x && x !== f.path) out.push({ type: 'path', path: x });
  }
}

/**
 * The normalised path of `e` with its root name replaced by what it is bound to: a constant's
 * initializer (fallbacks `x || ''` dropped, destructuring followed), or, for a parameter of a
 * callback, the call the callback is passed to (`.then` callbacks: the promise's call). Undefined
 * when the root is not such a name.
 */
function expandedPath(e: ts.Expression, h: GuardHelpers, depth: number): string | undefined {
  if (!h.binding || depth > 3) return undefined;
  const u = strip(e);
  const root = rootIdentifier(u);
  if (!root || root.text === 'window' || root.text === 'globalThis' || root.text === 'self') return undefined;
  const b = h.binding(root);
  if (!b) return undefined;
  let base: string | undefined;
  if ('init' in b) {
    let init = strip(b.init);
    while (ts.isBinaryExpression(init) && (init.operatorToken.kind === ts.SyntaxKind.BarBarToken || init.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken)) init = strip(init.left);
    if (!(ts.isIdentifier(init) || ts.isPropertyAccessExpression(init) || ts.isElementAccessExpression(init) || ts.isCallExpression(init))) return undefined;
    base = expandedPath(init, h, depth + 1) ?? normalizePath(h.text(init));
  } else {
    const call = b.fn.parent;
    const fnExpr = b.fn as ts.Node as ts.Expression;
    if (!call || !ts.isCallExpression(call) || !call.arguments.includes(fnExpr)) return undefined;
    const callee = strip(call.expression);
    if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'then' && ts.isCallExpression(strip(callee.expression))) base = normalizePath(h.text(strip(callee.expression)));
    else {
      // The event name of a listener names the value: `addEventListener('OneTrustGroupsUpdated', (e) => …)`.
      const first = call.arguments[0] && call.arguments[0] !== fnExpr ? literalArg(call.arguments[0]) : null;
      base = `${normalizePath(h.text(callee))}(${first !== null ? `'${first}'` : ''})${b.index > 0 ? `.$${b.index}` : ''}`;
    }
  }
  const written = normalizePath(h.text(u));
  if (!written.startsWith(root.text)) return undefined;
  return normalizePath(base + b.path.map((p) => `.${p}`).join('') + written.slice(root.text.length));
}

function isIncludes(c: ts.CallExpression): boolean {
  const x = strip(c.expression);
  return ts.isPropertyAccessExpression(x) && (x.name.text === 'includes' || x.name.text === 'has' || x.name.text === 'contains') && c.arguments.length === 1 && literalArg(c.arguments[0]) !== null;
}
function isIndexOf(c: ts.CallExpression): boolean {
  const x = strip(c.expression);
  return ts.isPropertyAccessExpression(x) && x.name.text === 'indexOf' && c.arguments.length >= 1 && literalArg(c.arguments[0]) !== null;
}
function includesFact(c: ts.CallExpression, out: GuardFact[], h: GuardHelpers): void {
  const x = strip(c.expression) as ts.PropertyAccessExpression;
  const path = normalizePath(h.text(x.expression));
  const value = literalArg(c.arguments[0])!;
  out.push({ type: 'includes', path, value });
  const e = expandedPath(x.expression, h, 0);
  if (e && e !== path) out.push({ type: 'includes', path: e, value });
}

function literalSide(a: ts.Expression, b: ts.Expression, h: GuardHelpers): [ts.Expression | undefined, string | undefined] {
  const la = lit(a);
  const lb = lit(b);
  if (lb !== undefined) return [a, lb];
  if (la !== undefined) return [b, la];
  void h;
  return [undefined, undefined];
}
function lit(e: ts.Expression): string | undefined {
  const u = strip(e);
  if (ts.isStringLiteralLike(u) || ts.isNumericLiteral(u)) return u.text;
  if (u.kind === ts.SyntaxKind.TrueKeyword) return 'true';
  if (u.kind === ts.SyntaxKind.FalseKeyword) return 'false';
  // Enum-like members `ATTStatus.AUTHORIZED` / `RESULTS.GRANTED`
  if (ts.isPropertyAccessExpression(u) && /^[A-Z_]+$/.test(u.name.text)) return u.name.text.toLowerCase();
  return undefined;
}

function pathOrCall(e: ts.Expression, h: GuardHelpers): GuardFact {
  const u = strip(e);
  if (ts.isCallExpression(u)) {
    const callee = strip(u.expression);
    const f: GuardFact = { type: 'call', ...calleeOf(callee, h), args: u.arguments.map(literalArg) };
    return f;
  }
  return { type: 'path', path: normalizePath(h.text(u)) };
}
