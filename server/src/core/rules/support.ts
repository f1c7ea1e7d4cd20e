/**
 * Helpers shared by the rule modules: what a call's parts mean under the manifest, message
 * fragments, and quick-fix construction (manifest edits composed one after another, code edits).
 */
import { getCatalogue } from '../catalogue';
import { parseManifest } from '../manifest/parseManifest';
import { TODO, type DeclaredEvent, type DeclaredProperty, type Destination, type Manifest, type ParsedManifest, type Purpose } from '../manifest/types';
import { isPersonalCategory, isSpecialCategory, isWithin, NONE_CATEGORY } from '../taxonomy';
import { applyEdits, lineStarts, offsetAt, positionAt } from '../textEdits';
import type { CallProperty, Fix, Range, TextEdit, TrackingCall } from '../types';
import { eventDestinations, eventTargets, isEventCall, isIdentityCall, type EventTarget } from '../services/callContext';
import type { RuleContext } from './ruleTypes';

export { eventDestinations, eventTargets, isEventCall, isIdentityCall, type EventTarget };

/** Own-property lookup in the manifest's records. */
export function own<T>(rec: Record<string, T> | undefined, key: string | null | undefined): T | undefined {
  if (!rec || key === null || key === undefined) return undefined;
  return Object.prototype.hasOwnProperty.call(rec, key) ? rec[key] : undefined;
}

/** Calls no rule looks at: `reset` and consent-mode updates carry no data. */
export function isInert(call: TrackingCall): boolean {
  return call.kind === 'reset' || call.kind === 'consent';
}

/** The declared destinations a call reaches (unknown names dropped). */
export function knownDestinations(call: TrackingCall, m: Manifest): Destination[] {
  const out: Destination[] = [];
  for (const name of call.destinations ?? []) {
    const d = own(m.destinations, name);
    if (d && !out.includes(d)) out.push(d);
  }
  return out;
}

/** A real category (not missing, not the TODO placeholder). */
export function isCategory(c: string | null | undefined): c is string {
  return typeof c === 'string' && c.length > 0 && c !== TODO;
}

/** The category rules judge a property by: the declared one when there is one, else the inferred one. */
export function effectiveCategory(p: CallProperty): string | null {
  if (isCategory(p.declared)) return p.declared;
  return isCategory(p.inferred) ? p.inferred : null;
}

/** Whether a category is about a person. */
export function isPersonal(c: string | null | undefined): boolean {
  return isCategory(c) && c !== NONE_CATEGORY && isPersonalCategory(c);
}

export { isSpecialCategory, isWithin, NONE_CATEGORY };

/** `Art. 9`, `Art. 10` or children's data, for messages. */
export function specialLabel(c: string): string {
  if (isWithin(c, 'user.criminal_history')) return 'GDPR Art. 10 data';
  if (isWithin(c, 'user.childrens')) return "children's data";
  return 'GDPR Art. 9 special-category data';
}

/** The purposes a property of a declared event is sent for: its own `purpose`, else the event's. */
export function propertyPurposes(ev: DeclaredEvent | null, key: string): string[] {
  if (!ev) return [];
  const dp = own(ev.properties, key);
  return dp?.purpose ? [dp.purpose] : ev.purposes;
}

/** Declared purposes by name (TODO and dangling names dropped). */
export function purposesNamed(m: Manifest, names: readonly string[]): Purpose[] {
  const out: Purpose[] = [];
  for (const n of names) {
    const p = own(m.purposes, n);
    if (p && !out.includes(p)) out.push(p);
  }
  return out;
}

/** The declared trait of an identity call's property for a destination. */
export function declaredTrait(m: Manifest, destination: string, key: string): DeclaredProperty | undefined {
  return own(own(m.identities, destination)?.traits, key);
}

/** `'x'` for messages. */
export function q(s: string): string {
  return `'${s}'`;
}

/** `event 'X'`, or `page event 'X'` when matched implicitly. */
export function eventLabel(t: EventTarget): string {
  return t.implicitPage ? `page event ${q(t.name)}` : `event ${q(t.name)}`;
}

/** Where an event-level finding goes: the event-name expression, else the callee. */
export function eventRangeOf(call: TrackingCall): Range {
  return call.eventRange ?? call.calleeRange;
}

/** The property label of messages: `Property 'email' (user.contact.email)`. */
export function propertyLabel(p: CallProperty, category: string | null = effectiveCategory(p)): string {
  return category ? `Property ${q(p.key)} (${category})` : `Property ${q(p.key)}`;
}

/** A human list: `a, b and c`. */
export function list(items: readonly string[], quote = true): string {
  const xs = items.map((x) => (quote ? q(x) : x));
  if (xs.length <= 1) return xs.join('');
  return `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`;
}

/** Today is after the date (`YYYY-MM-DD`). */
export function isExpired(expires: string | undefined, today: string): boolean {
  return typeof expires === 'string' && /^\d{4}-\d{2}-\d{2}/.test(expires) && expires.slice(0, 10) < today;
}

/** The display name of a catalogue SDK. */
export function sdkVendor(sdk: string): string | undefined {
  const e = getCatalogue().byId.get(sdk);
  return e?.vendor ?? e?.name;
}

/** The purpose a new declaration for this call should get: the one purpose its destinations share, else null (TODO). */
export function purposeForCall(call: TrackingCall, m: Manifest): string | null {
  const dests = knownDestinations(call, m);
  if (dests.length === 0) return null;
  let common = dests[0].purposes.filter((p) => p !== TODO);
  for (const d of dests.slice(1)) common = common.filter((p) => d.purposes.includes(p));
  return common.length === 1 ? common[0] : null;
}

// ---------------------------------------------------------------------------------------------
// Fixes

/** One edit replacing the differing middle of two texts (prefix and suffix kept). */
export function diffEdit(before: string, after: string): TextEdit[] {
  if (before === after) return [];
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let endB = before.length;
  let endA = after.length;
  while (endB > start && endA > start && before.charCodeAt(endB - 1) === after.charCodeAt(endA - 1)) {
    endB--;
    endA--;
  }
  const starts = lineStarts(before);
  return [{ range: { start: positionAt(before, start, starts), end: positionAt(before, endB, starts) }, newText: after.slice(start, endA) }];
}

/**
 * A fix editing the manifest by one or more `manifestEdits` steps. Each step sees the manifest as
 * the previous steps left it; the result is one edit against the original text. Null when a step
 * gives no edits (nothing to do, or a manifest shape the edits refuse to touch).
 */
export function manifestFix(ctx: RuleContext, title: string, safe: boolean, steps: ((pm: ParsedManifest) => TextEdit[])[], preferred?: boolean): Fix | null {
  const pm = ctx.parsedManifest;
  if (!pm || !ctx.manifestPath || steps.length === 0) return null;
  try {
    let edits: TextEdit[];
    if (steps.length === 1) edits = steps[0](pm);
    else {
      let cur = pm;
      let text = pm.text;
      let any = false;
      for (const step of steps) {
        const e = step(cur);
        if (e.length === 0) continue;
        any = true;
        text = applyEdits(text, e);
        cur = parseManifest(text, pm.manifest?.path ?? ctx.manifestPath);
      }
      edits = any ? diffEdit(pm.text, text) : [];
    }
    if (edits.length === 0) return null;
    const fix: Fix = { title, edits: { [ctx.manifestPath]: edits }, safe };
    if (preferred) fix.preferred = true;
    return fix;
  } catch {
    return null;
  }
}

/** A fix editing one source file. */
export function codeFix(file: string, title: string, edits: TextEdit[], safe: boolean, preferred?: boolean): Fix {
  const fix: Fix = { title, edits: { [file]: edits }, safe };
  if (preferred) fix.preferred = true;
  return fix;
}

/** Non-null fixes. */
export function fixes(...xs: (Fix | null | undefined)[]): Fix[] {
  return xs.filter((x): x is Fix => !!x);
}

/** The source text of a range, or undefined. */
export function textAt(ctx: RuleContext, file: string, range: Range): string | undefined {
  const text = ctx.getText(file);
  if (text === undefined) return undefined;
  return text.slice(offsetAt(text, range.start), offsetAt(text, range.end));
}

/** Whether a property is written at the call (so removing it is an edit of the call itself). */
export function isRemovable(p: CallProperty): boolean {
  return !p.indirect && !p.fromWrapper && (p.range.start.line !== p.range.end.line || p.range.start.character !== p.range.end.character);
}

/**
 * Edits removing a property assignment from an object literal: with its comma, and with its line
 * when it stands alone on it.
 */
export function removePropertyEdits(text: string, range: Range): TextEdit[] | null {
  const starts = lineStarts(text);
  const s = offsetAt(text, range.start, starts);
  const e = offsetAt(text, range.end, starts);
  if (e <= s) return null;
  const isWs = (ch: string | undefined) => ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r';
  const isSp = (ch: string | undefined) => ch === ' ' || ch === '\t';
  let a = e;
  while (a < text.length && isWs(text[a])) a++;
  const mk = (from: number, to: number): TextEdit[] => [{ range: { start: positionAt(text, from, starts), end: positionAt(text, to, starts) }, newText: '' }];
  if (text[a] === ',') {
    let after = a + 1;
    while (after < text.length && isSp(text[after])) after++;
    const lineStart = starts[range.start.line];
    const onlyWsBefore = text.slice(lineStart, s).trim() === '';
    if (onlyWsBefore && (text[after] === '\n' || text[after] === '\r')) {
      let next = after + (text[after] === '\r' && text[after + 1] === '\n' ? 2 : 1);
      if (next > text.length) next = text.length;
      return mk(lineStart, next);
    }
    return mk(s, after);
  }
  let b = s;
  while (b > 0 && isWs(text[b - 1])) b--;
  if (text[b - 1] === ',') return mk(b - 1, e);
  if (text[b - 1] === '{' && text[a] === '}') return mk(b, a);
  return mk(s, e);
}

/** The "remove the property from the call" fix (never safe: it changes what the code sends). */
export function removePropertyFix(ctx: RuleContext, call: TrackingCall, p: CallProperty): Fix | null {
  if (!isRemovable(p)) return null;
  const text = ctx.getText(call.file);
  if (text === undefined) return null;
  const edits = removePropertyEdits(text, p.range);
  return edits ? codeFix(call.file, `Remove property '${p.key}' from the call`, edits, false) : null;
}

/** The properties of a call as `declareEvent` wants them: inferred categories, null for TODO. */
export function inferredProperties(call: TrackingCall): Record<string, string | null> {
  const out: Record<string, string | null> = Object.create(null);
  for (const p of call.properties) if (!Object.prototype.hasOwnProperty.call(out, p.key)) out[p.key] = isCategory(p.inferred) ? p.inferred : null;
  return out;
}

/** Properties of a call that are real keys (a spread's unknown keys are not listed at all). */
export function callProperties(call: TrackingCall): CallProperty[] {
  return call.properties;
}

/** Event names an `@privacy event=` / `events=` annotation on the call gives. */
export function annotationEventNames(call: TrackingCall): string[] {
  const v = call.annotation && !call.annotation.tracker ? call.annotation.values : undefined;
  if (!v) return [];
  if (v.events) return v.events.split('|').map((x) => x.trim()).filter(Boolean);
  return v.event ? [v.event] : [];
}

/** The manifest's file name for messages. */
export function manifestName(ctx: RuleContext): string {
  const p = ctx.manifestPath ?? ctx.manifest?.path ?? 'privacy.yaml';
  const i = Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\'));
  return i >= 0 ? p.slice(i + 1) : p;
}

/** `SDK 'segment'` or `tracker 'trackEvent'`, for messages. */
export function sdkLabel(call: TrackingCall): string {
  if (call.sdk.startsWith('custom:')) return `tracker ${q(call.sdk.slice('custom:'.length))}`;
  return `SDK ${q(call.sdk)}`;
}

/** `Property` for event calls, `Trait` for identity calls. */
export function keyNoun(call: TrackingCall): string {
  return isIdentityCall(call) ? 'Trait' : 'Property';
}

/** `Property 'email' (user.contact.email)` / `Trait 'email'`. */
export function keyLabel(call: TrackingCall, p: CallProperty, category: string | null = effectiveCategory(p)): string {
  const noun = keyNoun(call);
  return category ? `${noun} ${q(p.key)} (${category})` : `${noun} ${q(p.key)}`;
}

/** The first property of each key (a key may appear twice through spreads). */
export function uniqueProperties(call: TrackingCall): CallProperty[] {
  const seen = new Set<string>();
  const out: CallProperty[] = [];
  for (const p of call.properties) {
    if (seen.has(p.key)) continue;
    seen.add(p.key);
    out.push(p);
  }
  return out;
}

/** Upper-cases the first letter. */
export function cap(s: string): string {
  return s.length ? s[0].toUpperCase() + s.slice(1) : s;
}

/** A property of a call seen under one declaration (an event, or a destination's identity). */
export interface PropertyContext {
  prop: CallProperty;
  /** The event (null for identity calls). */
  event: string | null;
  /** `event 'X'` or `identities.segment`, for messages. */
  label: string;
  /** The purposes the property is sent for (declared names; may include TODO). */
  purposes: string[];
  /** Whether the key is declared there. */
  declared: boolean;
  /** The declared category there (undefined when undeclared or declared without one). */
  category?: string;
  /** For identity calls: the destination. */
  destination?: string;
}

/** Every (property, declaration) pair of a call: per declared event, or per declared identity. */
export function propertyContexts(call: TrackingCall, m: Manifest): PropertyContext[] {
  const out: PropertyContext[] = [];
  if (isEventCall(call)) {
    for (const t of eventTargets(call, m)) {
      if (!t.declared) continue;
      for (const p of uniqueProperties(call)) {
        const dp = own(t.declared.properties, p.key);
        out.push({ prop: p, event: t.name, label: eventLabel(t), purposes: propertyPurposes(t.declared, p.key), declared: !!dp, category: dp?.category });
      }
    }
  } else if (isIdentityCall(call)) {
    for (const d of knownDestinations(call, m)) {
      const id = own(m.identities, d.name);
      if (!id) continue;
      for (const p of uniqueProperties(call)) {
        const tr = own(id.traits, p.key);
        const purposes = tr?.purpose ? [tr.purpose] : id.purpose ? [id.purpose] : [];
        out.push({ prop: p, event: null, label: `identities.${d.name}`, purposes, declared: !!tr, category: tr?.category, destination: d.name });
      }
    }
  }
  return out;
}

/** The category of a property under one declaration: the declared one, else the inferred one. */
export function contextCategory(c: PropertyContext): string | null {
  if (isCategory(c.category)) return c.category;
  return isCategory(c.prop.inferred) ? c.prop.inferred : null;
}

/** Reports the manifest parser's problems of one kind, at their nodes in the manifest. */
export function reportParserProblems(ctx: RuleContext, rule: 'manifest-syntax' | 'manifest-schema'): void {
  const pm = ctx.parsedManifest;
  if (!pm || !ctx.manifestPath) return;
  for (const p of pm.problems) if (p.rule === rule) ctx.report({ message: p.message, file: ctx.manifestPath, range: p.range });
}
