/**
 * Completion candidates: declared event names in the event-name argument of a tracking call,
 * declared property keys inside its properties object, and in `privacy.yaml` the names a value
 * position expects (taxonomy keys, purposes, destinations, consent categories, legal bases, SDK
 * ids …). Pure: returns plain entries with the range they replace; the server maps them to LSP.
 *
 * The manifest side reads the text around the cursor line by line instead of the YAML tree,
 * because the document is usually incomplete while the user types.
 */
import ts from 'typescript';
import { getCatalogue } from '../catalogue';
import { dataCategories, dataUses, NONE_CATEGORY } from '../taxonomy';
import { lineStarts, offsetAt, positionAt, rangeAt } from '../textEdits';
import type { Manifest } from '../manifest/types';
import type { Range, TrackingCall } from '../types';
import { stringLiteralContent } from './manifestLocations';

/** What a candidate is, for the client's icon. */
export type CompletionEntryKind = 'event' | 'property' | 'category' | 'use' | 'purpose' | 'destination' | 'consent' | 'value' | 'sdk';

/** One completion candidate. */
export interface CompletionEntry {
  label: string;
  kind: CompletionEntryKind;
  detail?: string;
  /** Markdown. */
  documentation?: string;
  /** The text to insert when it differs from the label (quoted keys). */
  insertText?: string;
  /** The range the candidate replaces. */
  range: Range;
  /** Candidates that fit best sort first. */
  sortText?: string;
}

/** The legal bases of `purposes.*.legal_basis`, in the manifest documentation's order. */
export const legalBases = ['consent', 'contract', 'legal_obligation', 'vital_interests', 'public_interest', 'legitimate_interests'] as const;

// ---------------------------------------------------------------------------------------------
// Code

/** What the cursor sits in inside a source file. */
export type CodeCompletionContext =
  | { type: 'event'; call: TrackingCall | null; kindHint: 'track' | 'page'; replace: { start: number; end: number } }
  | { type: 'property'; call: TrackingCall; replace: { start: number; end: number }; quoted: boolean };

/**
 * Where completion applies at `offset` of a source text, given the calls detected in that same
 * text: inside the string literal of an event-name argument, or at a key position of the
 * properties object. `trackerNames` are callee names (SDK methods, wrappers) used when detection
 * did not recognise the call being typed.
 */
export function codeCompletionContext(text: string, offset: number, calls: readonly TrackingCall[], trackerNames: ReadonlySet<string>): CodeCompletionContext | null {
  const starts = lineStarts(text);
  for (const call of calls) {
    if (!call.eventRange) continue;
    const start = offsetAt(text, call.eventRange.start, starts);
    const end = offsetAt(text, call.eventRange.end, starts);
    const content = stringLiteralContent(text, start, end);
    if (content && offset >= content.start && offset <= content.end) {
      return { type: 'event', call, kindHint: call.kind === 'page' ? 'page' : 'track', replace: { start: content.start, end: content.end } };
    }
  }
  for (const call of calls) {
    if (!call.propertiesRange) continue;
    const start = offsetAt(text, call.propertiesRange.start, starts);
    const end = offsetAt(text, call.propertiesRange.end, starts);
    if (offset <= start || offset >= end || text[start] !== '{') continue;
    const key = keyPositionAt(text, start, offset);
    if (key) return { type: 'property', call, replace: key.replace, quoted: key.quoted };
  }
  return eventArgumentByName(text, offset, trackerNames);
}

/** The identifier (or quoted key) being typed at `offset`, when it stands where an object key goes. */
function keyPositionAt(text: string, objectStart: number, offset: number): { replace: { start: number; end: number }; quoted: boolean } | null {
  let wordStart = offset;
  while (wordStart > objectStart && /[\w$]/.test(text[wordStart - 1])) wordStart--;
  let wordEnd = offset;
  while (wordEnd < text.length && /[\w$]/.test(text[wordEnd])) wordEnd++;
  let quoted = false;
  let before = wordStart;
  if (text[before - 1] === "'" || text[before - 1] === '"') {
    quoted = true;
    before--;
  }
  // The last token before the word must be the object's `{` or a `,` at the object's own depth.
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, ts.LanguageVariant.Standard, text, undefined, objectStart);
  scanner.resetTokenState(objectStart);
  let depth = 0;
  let lastToken: ts.SyntaxKind | null = null;
  let lastDepth = 0;
  for (let token = scanner.scan(); token !== ts.SyntaxKind.EndOfFileToken && scanner.getTokenStart() < before; token = scanner.scan()) {
    if (token === ts.SyntaxKind.OpenBraceToken || token === ts.SyntaxKind.OpenBracketToken || token === ts.SyntaxKind.OpenParenToken) depth++;
    lastToken = token;
    lastDepth = depth;
    if (token === ts.SyntaxKind.CloseBraceToken || token === ts.SyntaxKind.CloseBracketToken || token === ts.SyntaxKind.CloseParenToken) depth--;
  }
  const atKey = lastDepth === 1 && (lastToken === ts.SyntaxKind.OpenBraceToken || lastToken === ts.SyntaxKind.CommaToken);
  if (!atKey) return null;
  if (quoted) {
    const close = text.indexOf(text[before], offset);
    return { replace: { start: before, end: close >= 0 && !text.slice(offset, close).includes('\n') ? close + 1 : wordEnd }, quoted };
  }
  return { replace: { start: wordStart, end: wordEnd }, quoted };
}

/** A string literal argument of a call whose callee is named like a known tracking function. */
function eventArgumentByName(text: string, offset: number, trackerNames: ReadonlySet<string>): CodeCompletionContext | null {
  if (trackerNames.size === 0) return null;
  const source = ts.createSourceFile('completion.tsx', text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  let found: CodeCompletionContext | null = null;
  const visit = (node: ts.Node): void => {
    if (found || offset < node.getStart(source) || offset > node.getEnd()) return;
    if (ts.isCallExpression(node)) {
      const index = node.arguments.findIndex((a) => (ts.isStringLiteral(a) || ts.isNoSubstitutionTemplateLiteral(a)) && offset > a.getStart(source) && offset <= a.getEnd());
      const callee = ts.isPropertyAccessExpression(node.expression) ? node.expression.name.text : ts.isIdentifier(node.expression) ? node.expression.text : null;
      if (index >= 0 && index <= 1 && callee && trackerNames.has(callee)) {
        const arg = node.arguments[index];
        const start = arg.getStart(source) + 1;
        const closed = arg.getEnd() - start >= 1 && text[arg.getEnd() - 1] === text[arg.getStart(source)];
        found = { type: 'event', call: null, kindHint: /page|screen/i.test(callee) ? 'page' : 'track', replace: { start, end: closed ? arg.getEnd() - 1 : arg.getEnd() } };
        return;
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** The names by which tracking functions are called in `calls` (SDK methods and wrappers). */
export function trackerNamesOf(calls: readonly TrackingCall[]): Set<string> {
  const names = new Set<string>();
  for (const c of calls) {
    if (c.eventRange === null) continue;
    if (c.method) names.add(c.method);
    if (c.via) names.add(c.via.split('.').pop()!);
  }
  return names;
}

const isIdentifierName = (s: string) => /^[A-Za-z_$][\w$]*$/.test(s);

/** Completion entries for a code context. */
export function codeCompletions(text: string, context: CodeCompletionContext, manifest: Manifest | null): CompletionEntry[] {
  if (!manifest) return [];
  const range = rangeAt(text, context.replace.start, context.replace.end);
  if (context.type === 'event') {
    return Object.values(manifest.events).map((e) => {
      const fits = (e.kind === 'track') === (context.kindHint === 'track');
      return {
        label: e.name,
        kind: 'event' as const,
        detail: [e.kind !== 'track' ? e.kind : null, e.purposes.length ? `purpose: ${e.purposes.join(', ')}` : null].filter(Boolean).join(' · ') || undefined,
        documentation: e.description,
        range,
        sortText: `${fits ? 0 : 1}${e.name}`,
      };
    });
  }
  const call = context.call;
  const declared = call.event !== null ? manifest.events[call.event]?.properties : undefined;
  if (!declared) return [];
  const present = new Set(call.properties.map((p) => p.key));
  const quote = context.quoted ? text[context.replace.start] : "'";
  return Object.values(declared)
    .filter((p) => !present.has(p.key) || text.slice(context.replace.start, context.replace.end).replace(/['"]/g, '') === p.key)
    .map((p) => ({
      label: p.key,
      kind: 'property' as const,
      detail: p.category ? `${p.category}${p.transform ? ` (${p.transform})` : ''}` : undefined,
      documentation: p.category ? dataCategories.get(p.category)?.description : undefined,
      insertText: context.quoted || !isIdentifierName(p.key) ? `${quote}${p.key}${quote}` : undefined,
      range,
    }));
}

// ---------------------------------------------------------------------------------------------
// privacy.yaml

/** What a value position in the manifest expects. */
type ManifestValueKind = 'category' | 'use' | 'purpose' | 'destination' | 'consent' | 'legalBasis' | 'sdk' | 'event' | 'eventKind' | 'trackerKind' | 'transform' | 'masking';

const keyKinds: Record<string, ManifestValueKind> = {
  category: 'category',
  data: 'category',
  forbid: 'category',
  parent: 'category',
  use: 'use',
  purpose: 'purpose',
  purposes: 'purpose',
  destination: 'destination',
  destinations: 'destination',
  consent: 'consent',
  legal_basis: 'legalBasis',
  sdk: 'sdk',
  event: 'event',
  transform: 'transform',
  masking: 'masking',
  kind: 'eventKind',
};

const fixedValues: Partial<Record<ManifestValueKind, readonly string[]>> = {
  legalBasis: legalBases,
  eventKind: ['track', 'page', 'screen'],
  trackerKind: ['track', 'page', 'identify', 'group', 'alias'],
  transform: ['sha256', 'hash', 'truncate', 'redact'],
  masking: ['none', 'inputs', 'all'],
};

const indentOf = (line: string) => line.length - line.trimStart().length;

/** The keys of the enclosing block mappings of `lineIndex`, innermost last. */
function parentKeys(lines: readonly string[], lineIndex: number, indent: number): string[] {
  const keys: string[] = [];
  let current = indent;
  for (let i = lineIndex - 1; i >= 0 && current > 0; i--) {
    const line = lines[i];
    if (!line.trim() || line.trimStart().startsWith('#')) continue;
    const ind = indentOf(line);
    if (ind >= current) continue;
    const m = /^(\s*(?:-\s+)?)(?:"([^"]*)"|'([^']*)'|([^:#\s-][^:#]*?))\s*:(?:\s|$)/.exec(line);
    // In a `- key: value` item the key's column is that of the item's mapping: at the cursor's
    // column it is a sibling, not a parent; the dash's column is where the list sits.
    const sibling = line.trimStart().startsWith('-') && m !== null && m[1].length >= current;
    if (m && !sibling) keys.unshift(m[2] ?? m[3] ?? m[4].trim());
    current = ind;
  }
  return keys;
}

/** The kind of value expected at the cursor, from the text of its line and the enclosing keys. */
function manifestValueKind(before: string, parents: string[]): ManifestValueKind | null {
  // `key: value`, `key: [a, b, …`, `{ key: …` on the cursor's own line.
  const inline = /(?:^|[\s{,-])([A-Za-z_][\w-]*)\s*:\s*(\[[^\]]*)?$/.exec(before);
  let key: string | undefined;
  if (inline) key = inline[1];
  else if (/^\s*-\s*$/.test(before)) key = parents[parents.length - 1];
  else if (/^\s*(?:"[^"]*"|'[^']*'|[^:#\s][^:#]*?)\s*:\s*$/.test(before)) {
    // A shorthand property or trait: `order_id: |`.
    const parent = parents[parents.length - 1];
    if (parent === 'properties' || parent === 'traits') return 'category';
  }
  if (!key) return null;
  const parent = parents[parents.length - 1];
  // Directly inside `properties:`/`traits:` a key is a property name, whatever it is called, and
  // its value the shorthand category; inside `{ … }` on the line it is a property setting.
  if (!before.includes('{') && !inline?.[2] && (parent === 'properties' || parent === 'traits')) return 'category';
  if (key === 'category' && parents.includes('guards')) return 'consent';
  if (key === 'kind' && parents[0] === 'trackers') return 'trackerKind';
  if (key === 'parent' && parents[0] !== 'taxonomy') return null;
  if (key === 'consent' && parents[0] !== 'purposes') return null;
  if (key === 'event' && parents[0] !== 'exceptions') return null;
  return keyKinds[key] ?? null;
}

/** Completion entries at `offset` of a manifest text. */
export function manifestCompletions(text: string, offset: number, manifest: Manifest | null): CompletionEntry[] {
  const starts = lineStarts(text);
  const pos = positionAt(text, offset, starts);
  const lineStart = starts[pos.line];
  let wordStart = offset;
  while (wordStart > lineStart && /[\w.\-]/.test(text[wordStart - 1])) wordStart--;
  let wordEnd = offset;
  while (wordEnd < text.length && /[\w.\-]/.test(text[wordEnd])) wordEnd++;
  const before = text.slice(lineStart, wordStart);
  if (before.includes('#')) return [];
  const lines = text.split(/\r\n|\r|\n/);
  const kind = manifestValueKind(before, parentKeys(lines, pos.line, indentOf(lines[pos.line] ?? '')));
  if (!kind) return [];
  const range = rangeAt(text, wordStart, wordEnd, starts);
  const entry = (label: string, k: CompletionEntryKind, detail?: string, documentation?: string): CompletionEntry => ({ label, kind: k, detail, documentation, range });
  switch (kind) {
    case 'category': {
      const out = [...dataCategories.values()].map((c) => entry(c.key, 'category', c.name, c.description));
      for (const t of Object.values(manifest?.taxonomy ?? {})) out.push(entry(t.key, 'category', `custom, under ${t.parent}`, t.description));
      out.push(entry(NONE_CATEGORY, 'category', 'not about a person', 'Data that is not about a person (a button id, a theme name).'));
      return out;
    }
    case 'use':
      return [...dataUses.values()].map((u) => entry(u.key, 'use', u.name, u.description));
    case 'purpose':
      return Object.values(manifest?.purposes ?? {}).map((p) => entry(p.name, 'purpose', [p.use, p.legal_basis].filter(Boolean).join(' · ') || undefined, p.description));
    case 'destination':
      return Object.values(manifest?.destinations ?? {}).map((d) => entry(d.name, 'destination', [d.vendor, d.sdk].filter(Boolean).join(' · ') || undefined));
    case 'consent':
      return Object.values(manifest?.consent.categories ?? {}).map((c) => entry(c.name, 'consent', 'consent category'));
    case 'event':
      return Object.values(manifest?.events ?? {}).map((e) => entry(e.name, 'event', e.kind, e.description));
    case 'sdk':
      return getCatalogue().entries.map((e) => entry(e.id, 'sdk', `${e.name} (${e.vendor})`));
    default:
      return (fixedValues[kind] ?? []).map((v) => entry(v, 'value'));
  }
}
