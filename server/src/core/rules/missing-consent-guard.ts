/**
 * `missing-consent-guard`: the call sends data for a purpose whose legal basis is consent (the
 * event's, a property's, the identity's or the technique's purpose) and no guard for that
 * purpose's consent category dominates it; or it reads the advertising ID (`ad-id`) without an App
 * Tracking Transparency check (a guard for an `att: true` category).
 *
 * What counts as proof is what `analysis/guards.ts` proves (if/ternary/&&/early return/callback
 * guards within a function and its in-file callers), turned into categories by
 * `services/callContext.ts`. Calls inside a wrapper's body are judged at the wrapper's call
 * sites, where the callers' guards are known (in the body itself when no call site is in the run).
 */
import { posix } from 'node:path';
import ts from 'typescript';
import type { ConsentGuard, Manifest, Purpose } from '../manifest/types';
import { TODO } from '../manifest/types';
import { lineStarts, offsetAt, positionAt } from '../textEdits';
import type { Fix, TextEdit, TrackingCall } from '../types';
import type { Rule, RuleContext } from './ruleTypes';
import { codeFix, eventLabel, eventTargets, isEventCall, isIdentityCall, isInert, knownDestinations, own, q } from './support';

interface Need {
  category: string;
  /** What sends for the purpose: `event 'X'`, `property 'email' of event 'X'`, `technique 'session-replay'`. */
  what: string;
  purpose: string | null;
  event: string | null;
}

function consentNeeds(call: TrackingCall, m: Manifest): Need[] {
  const out: Need[] = [];
  const add = (p: Purpose | undefined, what: string, event: string | null) => {
    if (!p || p.legal_basis !== 'consent' || !p.consent || p.consent === TODO || !own(m.consent.categories, p.consent)) return;
    if (!out.some((n) => n.category === p.consent)) out.push({ category: p.consent, what, purpose: p.name, event });
  };
  if (isEventCall(call)) {
    for (const t of eventTargets(call, m)) {
      if (!t.declared) continue;
      for (const p of t.declared.purposes) add(own(m.purposes, p), eventLabel(t), t.name);
      for (const prop of call.properties) {
        const dp = own(t.declared.properties, prop.key);
        if (dp?.purpose) add(own(m.purposes, dp.purpose), `property ${q(prop.key)} of ${eventLabel(t)}`, t.name);
      }
    }
  }
  if (isIdentityCall(call)) {
    for (const d of knownDestinations(call, m)) {
      const id = own(m.identities, d.name);
      if (!id) continue;
      if (id.purpose) add(own(m.purposes, id.purpose), `identity call to ${q(d.name)}`, null);
      for (const prop of call.properties) {
        const tr = own(id.traits, prop.key);
        if (tr?.purpose) add(own(m.purposes, tr.purpose), `trait ${q(prop.key)}`, null);
      }
    }
  }
  if (call.technique) {
    const tech = own(m.techniques as Record<string, { purpose?: string }>, call.technique);
    if (tech?.purpose) add(own(m.purposes, tech.purpose), `technique ${q(call.technique)}`, null);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The fix: wrap the call's statement in the first declared guard for the category.

interface GuardShape {
  guard: ConsentGuard;
  /** `if (cond) { … }` */
  cond?: string;
  /** `fn(args…)` with the statement in a callback at `callbackIndex`. */
  callee?: string;
  args?: string[];
  callbackIndex?: number;
}

function guardFor(m: Manifest, category: string): GuardShape | null {
  const lit = `'${category.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  for (const g of m.consent.guards) {
    if (g.function && g.callback_arg === undefined) {
      if (g.category_arg !== undefined) {
        const args = Array.from({ length: g.category_arg + 1 }, (_, i) => (i === g.category_arg ? lit : 'undefined'));
        return { guard: g, cond: `${g.function}(${args.join(', ')})` };
      }
      if (g.category === category) return { guard: g, cond: `${g.function}()` };
      continue;
    }
    if (g.function && g.callback_arg !== undefined) {
      if (g.category_arg === undefined && g.category !== category) continue;
      const n = Math.max(g.callback_arg, g.category_arg ?? -1) + 1;
      const args = Array.from({ length: n }, (_, i) => (i === g.category_arg ? lit : 'undefined'));
      return { guard: g, callee: g.function, args, callbackIndex: g.callback_arg };
    }
    if (g.expression && g.category === category) return { guard: g, cond: g.expression };
  }
  return null;
}

function indentUnit(text: string, current: string): string {
  if (current.includes('\t')) return '\t';
  const m = /^( +)\S/m.exec(text);
  if (m && (m[1].length === 4 || m[1].length === 2)) return m[1];
  return '  ';
}

function scriptKind(file: string): ts.ScriptKind {
  const f = file.toLowerCase();
  if (f.endsWith('.tsx')) return ts.ScriptKind.TSX;
  if (f.endsWith('.ts') || f.endsWith('.mts') || f.endsWith('.cts')) return ts.ScriptKind.TS;
  if (f.endsWith('.jsx')) return ts.ScriptKind.JSX;
  return ts.ScriptKind.JS;
}

function findStatement(sf: ts.SourceFile, start: number, end: number): ts.ExpressionStatement | null {
  let found = null as ts.Node | null;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (n.getStart(sf) <= start && n.end >= end) {
      if (ts.isCallExpression(n) && n.getStart(sf) === start && n.end === end) {
        found = n;
        return;
      }
      ts.forEachChild(n, visit);
    }
  };
  visit(sf);
  for (let p: ts.Node | null = found; p; p = p.parent ?? null) {
    if (ts.isFunctionLike(p)) return null; // the call is inside a callback of something else
    if (ts.isExpressionStatement(p)) {
      let x: ts.Expression = p.expression;
      while (ts.isAwaitExpression(x) || ts.isParenthesizedExpression(x) || ts.isVoidExpression(x)) x = x.expression;
      if (x !== found) return null; // the call is part of a larger expression
      const parent = p.parent;
      return parent && (ts.isBlock(parent) || ts.isSourceFile(parent) || ts.isCaseClause(parent) || ts.isDefaultClause(parent)) ? p : null;
    }
  }
  return null;
}

function importEdit(text: string, sf: ts.SourceFile, file: string, g: ConsentGuard, manifestDir: string, eol: string): TextEdit | null {
  const fn = g.function;
  if (!fn || !g.module || fn.includes('.')) return null;
  const bound = new RegExp(`\\b(?:import|const|let|var|function|class)\\b[^;\\n]*\\b${fn.replace(/[$]/g, '\\$')}\\b`);
  if (bound.test(text)) return null;
  const imports = sf.statements.filter(ts.isImportDeclaration);
  const esm = imports.length > 0 || /\.(?:[cm]?ts|tsx)$/.test(file);
  if (!esm) return null;
  let spec = g.module;
  const isPath = spec.startsWith('.') || spec.startsWith('/') || (spec.includes('/') && !spec.startsWith('@'));
  if (isPath) {
    const abs = posix.resolve(manifestDir || '/', spec);
    const fromAbs = posix.resolve(manifestDir || '/', file);
    spec = posix.relative(posix.dirname(fromAbs), abs).replace(/\.(?:[cm]?ts|tsx|jsx?)$/, '').replace(/\/index$/, '');
    if (!spec.startsWith('.')) spec = './' + spec;
  }
  const line = `import { ${fn} } from '${spec}';`;
  if (imports.length > 0) {
    const last = imports[imports.length - 1];
    const at = positionAt(text, last.end);
    return { range: { start: at, end: at }, newText: eol + line };
  }
  return { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: line + eol };
}

/** The "wrap in the first declared guard" fix, or null when the call is not a plain statement. */
export function wrapInGuardFix(ctx: RuleContext, call: TrackingCall, category: string): Fix | null {
  const m = ctx.manifest;
  if (!m) return null;
  const shape = guardFor(m, category);
  if (!shape) return null;
  const text = ctx.getText(call.file);
  if (text === undefined) return null;
  const starts = lineStarts(text);
  const sf = ts.createSourceFile(call.file, text, ts.ScriptTarget.Latest, true, scriptKind(call.file));
  const st = findStatement(sf, offsetAt(text, call.range.start, starts), offsetAt(text, call.range.end, starts));
  if (!st) return null;
  const s = st.getStart(sf);
  const e = st.end;
  const lineNo = positionAt(text, s, starts).line;
  const indent = text.slice(starts[lineNo], s);
  if (indent.trim() !== '') return null;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const unit = indentUnit(text, indent);
  const lines = text.slice(s, e).split(/\r?\n/);
  const body = lines.map((l, i) => (i === 0 ? indent + unit + l : l.trim() === '' ? '' : unit + l)).join(eol);
  let newText: string;
  if (shape.cond !== undefined) newText = `if (${shape.cond}) {${eol}${body}${eol}${indent}}`;
  else {
    const args = shape.args!.map((a, i) => (i === shape.callbackIndex ? `() => {${eol}${body}${eol}${indent}}` : a));
    newText = `${shape.callee}(${args.join(', ')});`;
  }
  const edits: TextEdit[] = [{ range: { start: positionAt(text, s, starts), end: positionAt(text, e, starts) }, newText }];
  const imp = importEdit(text, sf, call.file, shape.guard, ctx.manifestDir, eol);
  if (imp) edits.unshift(imp);
  const label = shape.cond !== undefined ? `if (${shape.cond})` : `${shape.callee}(…)`;
  return codeFix(call.file, `Wrap the call in ${label}`, edits, true);
}

export const rule: Rule = {
  meta: {
    id: 'missing-consent-guard',
    defaultSeverity: 'warning',
    description: 'The purpose needs consent and the call is not guarded by a check of its consent category',
    fixable: true,
    scope: 'call',
  },
  checkCall(call, ctx) {
    const m = ctx.manifest;
    if (!m || isInert(call)) return;
    // A wrapper's body is judged at its call sites (where the callers' guards are known), when
    // there are any in the run; otherwise here.
    if (call.insideWrapper && ctx.calls.some((c) => c !== call && c.via === call.insideWrapper && !c.insideWrapper)) return;
    const guarded = call.guarded ?? [];
    for (const n of consentNeeds(call, m)) {
      if (guarded.includes(n.category)) continue;
      ctx.report({
        message: `${n.what[0].toUpperCase()}${n.what.slice(1)} is sent for purpose ${q(n.purpose!)}, which needs consent ${q(n.category)}, but no check of that consent guards the call`,
        file: call.file,
        range: call.calleeRange,
        event: n.event,
        purpose: n.purpose,
        category: null,
        fixes: [wrapInGuardFix(ctx, call, n.category)].filter((f): f is Fix => !!f),
      });
    }
    if (call.technique === 'ad-id') {
      const att = Object.values(m.consent.categories).filter((c) => c.att);
      if (att.length === 0) {
        ctx.report({
          message: `The call reads the advertising ID (technique 'ad-id'), and no consent category has att: true for an App Tracking Transparency check`,
          file: call.file,
          range: call.calleeRange,
        });
      } else if (!att.some((c) => guarded.includes(c.name))) {
        ctx.report({
          message: `The call reads the advertising ID (technique 'ad-id') without an App Tracking Transparency check (consent ${q(att[0].name)})`,
          file: call.file,
          range: call.calleeRange,
          fixes: [wrapInGuardFix(ctx, call, att[0].name)].filter((f): f is Fix => !!f),
        });
      }
    }
  },
};
