/**
 * Quick-fix edits to `privacy.yaml` as minimal `TextEdit`s against the original text. Nothing is
 * re-serialised: every comment, blank line, key order, indentation and quoting style outside the
 * inserted text stays byte for byte. New text follows the document's style: its indentation unit
 * (2 or 4 spaces), its line breaks, its preferred quote, blank lines between entries where the
 * surrounding entries have them, flow style inside flow collections. New lists are flow lists
 * (`[a, b]`), as in the manifest documentation.
 *
 * When the text has YAML errors, or a section has an unexpected shape (a list where a mapping
 * belongs, an alias), the functions return no edits rather than guess.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, parseDocument, visit, type Document, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import type { TextEdit } from '../types';
import { lineStarts, positionAt } from '../textEdits';
import { TODO, type ParsedManifest } from './types';
import { contentEnd, findPair, parseYaml } from './yamlNodes';

// ---------------------------------------------------------------------------------------------
// What gets written

/** A value to write: a scalar (with an optional trailing comment), a flow list, or a mapping. */
type Value =
  | { kind: 'scalar'; value: string; comment?: string }
  | { kind: 'list'; items: string[] }
  | { kind: 'map'; entries: Entry[] };
type Entry = [string, Value];

const scalar = (value: string, comment?: string): Value => ({ kind: 'scalar', value, comment });
const list = (items: string[]): Value => ({ kind: 'list', items });
const map = (entries: (Entry | null | undefined | false)[]): Value => ({ kind: 'map', entries: entries.filter((e): e is Entry => !!e) });
const category = (c: string | null): Value => (c === null ? scalar(TODO, 'TODO: choose a category') : scalar(c));

/** Top-level sections in the order of the manifest documentation; new sections go in this order. */
const sectionOrder = ['version', 'taxonomy', 'consent', 'purposes', 'destinations', 'trackers', 'identities', 'techniques', 'events', 'exceptions'];

// ---------------------------------------------------------------------------------------------
// The document and its style

type QuoteStyle = 'single' | 'double';

class Editor {
  readonly starts: number[];
  readonly nl: string;
  readonly unit: number;
  readonly quote: QuoteStyle;
  readonly edits: TextEdit[] = [];

  constructor(
    readonly text: string,
    readonly doc: Document.Parsed,
  ) {
    this.starts = lineStarts(text);
    const crlf = (text.match(/\r\n/g) ?? []).length;
    const lf = (text.match(/\n/g) ?? []).length;
    this.nl = crlf > 0 && crlf * 2 >= lf ? '\r\n' : '\n';
    this.unit = detectUnit(this);
    this.quote = detectQuote(doc);
  }

  col(offset: number): number {
    return positionAt(this.text, offset, this.starts).character;
  }
  /** Offset of the end of the line holding `offset`, before its line break. */
  lineEnd(offset: number): number {
    let i = this.text.indexOf('\n', offset);
    if (i < 0) return this.text.length;
    if (i > 0 && this.text[i - 1] === '\r') i--;
    return i;
  }
  lineStart(offset: number): number {
    return this.starts[positionAt(this.text, offset, this.starts).line];
  }
  /** Offset of the start of the next line (or the text's end). */
  nextLineStart(offset: number): number {
    const i = this.text.indexOf('\n', offset);
    return i < 0 ? this.text.length : i + 1;
  }
  insert(offset: number, newText: string): void {
    this.replace(offset, offset, newText);
  }
  replace(start: number, end: number, newText: string): void {
    this.edits.push({ range: { start: positionAt(this.text, start, this.starts), end: positionAt(this.text, end, this.starts) }, newText });
  }

  // --- rendering

  key(k: string, flow: boolean): string {
    return plainOk(k, flow ? 'flowKey' : 'blockKey') ? k : quoteScalar(k, this.quote);
  }
  scalarText(v: string, flow: boolean, style?: string): string {
    if (style === 'QUOTE_SINGLE' && !/[\u0000-\u001f]/.test(v)) return quoteScalar(v, 'single');
    if (style === 'QUOTE_DOUBLE') return quoteScalar(v, 'double');
    return plainOk(v, flow ? 'flowValue' : 'blockValue') ? v : quoteScalar(v, this.quote);
  }
  flow(v: Value): string {
    if (v.kind === 'scalar') return this.scalarText(v.value, true);
    if (v.kind === 'list') return `[${v.items.map((i) => this.scalarText(i, true)).join(', ')}]`;
    if (v.entries.length === 0) return '{}';
    return `{ ${v.entries.map(([k, x]) => `${this.key(k, true)}: ${this.flow(x)}`).join(', ')} }`;
  }
  /** Block lines for `entries` at `indent` columns, joined by line breaks, no leading or trailing one. */
  block(entries: Entry[], indent: number): string {
    const pad = ' '.repeat(indent);
    const lines: string[] = [];
    for (const [k, v] of entries) {
      const key = `${pad}${this.key(k, false)}:`;
      if (v.kind === 'scalar') lines.push(`${key} ${this.scalarText(v.value, false)}${v.comment ? `  # ${v.comment}` : ''}`);
      else if (v.kind === 'list' || v.entries.length === 0) lines.push(`${key} ${this.flow(v)}`);
      else lines.push(`${key}${this.nl}${this.block(v.entries, indent + this.unit)}`);
    }
    return lines.join(this.nl);
  }
}

function detectUnit(ed: Editor): number {
  const counts = new Map<number, number>();
  visit(ed.doc, {
    Pair(_, pair) {
      const v = pair.value;
      const k = pair.key as Node | null;
      if (!k?.range || !(isMap(v) || isSeq(v)) || v.flow || !v.range) return;
      const first = v.items[0];
      const start = isPair(first) ? (first.key as Node | null)?.range?.[0] : (v.range[0] as number | undefined);
      if (start === undefined) return;
      const diff = ed.col(start) - ed.col(k.range[0]);
      if (diff > 0 && ed.text.slice(ed.lineStart(start), start).trim() === '') counts.set(diff, (counts.get(diff) ?? 0) + 1);
    },
  });
  let best = 2;
  let bestCount = 0;
  for (const [diff, n] of counts) if (n > bestCount || (n === bestCount && diff < best)) [best, bestCount] = [diff, n];
  return best;
}

function detectQuote(doc: Document.Parsed): QuoteStyle {
  let single = 0;
  let double = 0;
  visit(doc, {
    Scalar(_, s) {
      if (s.type === 'QUOTE_SINGLE') single++;
      else if (s.type === 'QUOTE_DOUBLE') double++;
    },
  });
  return single > double ? 'single' : 'double';
}

function quoteScalar(s: string, style: QuoteStyle): string {
  if (style === 'single' && !/[\u0000-\u001f\u007f]/.test(s)) return `'${s.replace(/'/g, "''")}'`;
  // A JSON string is a valid YAML double-quoted scalar.
  return JSON.stringify(s);
}

const plainCache = new Map<string, boolean>();

/** True when `s` reads back as the same string when written plain in that position. */
function plainOk(s: string, where: 'blockKey' | 'blockValue' | 'flowKey' | 'flowValue'): boolean {
  if (s === '' || s !== s.trim() || /[\u0000-\u001f\u007f\u0085\u2028\u2029\ufeff]/.test(s)) return false;
  const cacheKey = where + '\u0000' + s;
  const cached = plainCache.get(cacheKey);
  if (cached !== undefined) return cached;
  const src = where === 'blockKey' ? `${s}: x\n` : where === 'blockValue' ? `k: ${s}\n` : where === 'flowKey' ? `{ ${s}: x }\n` : `[ ${s} ]\n`;
  let ok = false;
  try {
    const doc = parseDocument(src, { uniqueKeys: false });
    if (doc.errors.length === 0 && doc.warnings.length === 0) {
      const c = doc.contents;
      let node: unknown;
      if (where === 'flowValue') node = isSeq(c) && c.items.length === 1 ? c.items[0] : undefined;
      else if (isMap(c) && c.items.length === 1) node = where.endsWith('Key') ? c.items[0].key : c.items[0].value;
      ok = isScalar(node) && node.type === 'PLAIN' && node.value === s;
    }
  } catch {
    ok = false;
  }
  if (plainCache.size > 5000) plainCache.clear();
  plainCache.set(cacheKey, ok);
  return ok;
}

// ---------------------------------------------------------------------------------------------
// Where new entries go

/** A place that holds (or should hold) a mapping: a pair's value, or the document root. */
interface Holder {
  /** The pair whose value this is (absent for the root). */
  pair?: Pair;
  /** The current value node (null or an empty scalar when nothing is written). */
  node: Node | null;
  /** Column of the pair's key (the indentation of the holder). */
  keyCol: number;
  /** Inside a flow collection. */
  inFlow: boolean;
  root?: boolean;
}

function isEmptyNode(node: Node | null): boolean {
  return !node || (isScalar(node) && node.value === null);
}

/** Nothing written at all (`key:` alone), unlike an explicit `null` or `~`. */
function isBlank(node: Node | null): boolean {
  return !node || !node.range || (isScalar(node) && node.value === null && node.range[1] === node.range[0]);
}

/** Whether consecutive items of a block map are separated by blank lines (most of them). */
function blankLineStyle(ed: Editor, m: YAMLMap): boolean | null {
  if (m.items.length < 2) return null;
  let blank = 0;
  for (let i = 1; i < m.items.length; i++) {
    const prevEnd = contentEnd(m.items[i - 1].value as Node | null, ed.text) || contentEnd(m.items[i - 1].key as Node, ed.text);
    const start = (m.items[i].key as Node | null)?.range?.[0];
    if (start === undefined) continue;
    const between = ed.text.slice(ed.nextLineStart(prevEnd), ed.lineStart(start));
    // Whole lines between the two entries (each ends with a line break).
    if (between.split('\n').slice(0, -1).some((l) => l.trim() === '')) blank++;
  }
  return blank * 2 > m.items.length - 1;
}

/** Insert `entries` into the mapping at `holder` (which must not already hold their keys). */
function insertEntries(ed: Editor, holder: Holder, entries: Entry[]): boolean {
  const node = holder.node;
  if (isAlias(node)) return false;
  if (isMap(node)) {
    if (!node.flow) {
      const first = node.items[0];
      const firstKey = first?.key as Node | undefined;
      const indent = firstKey?.range ? ed.col(firstKey.range[0]) : holder.keyCol + ed.unit;
      if (holder.root && node.items.length > 0 && entries.length === 1 && sectionOrder.includes(entries[0][0])) return insertSection(ed, node, entries[0], indent);
      const blank = blankLineStyle(ed, node) ?? false;
      const at = ed.lineEnd(contentEnd(node, ed.text));
      ed.insert(at, ed.nl + (blank ? ed.nl : '') + ed.block(entries, indent));
      return true;
    }
    const flowText = entries.map(([k, v]) => `${ed.key(k, true)}: ${ed.flow(v)}`).join(', ');
    const [start, end] = [node.range![0], node.range![1]];
    if (node.items.length > 0) {
      const last = node.items[node.items.length - 1];
      const lastEnd = isBlank(last.value as Node | null) ? colonEnd(ed, last.key as Node) : contentEnd(last.value as Node, ed.text);
      ed.insert(lastEnd, `, ${flowText}`);
      return true;
    }
    if (!holder.inFlow && holder.pair) {
      // `events: {}` in block context: turn the placeholder into block content.
      let from = start;
      while (from > 0 && ed.text[from - 1] === ' ') from--;
      ed.replace(from, trimEnd(ed, start, end), ed.nl + ed.block(entries, holder.keyCol + ed.unit));
      return true;
    }
    ed.insert(start + 1, ` ${flowText} `);
    return true;
  }
  if (isEmptyNode(node)) {
    if (holder.root) {
      // Nothing but comments (or nothing): the manifest needs its version first.
      const prefix = ed.text === '' || /\n$/.test(ed.text) ? '' : ed.nl;
      ed.insert(ed.text.length, `${prefix}version: 1${ed.nl}${ed.nl}${ed.block(entries, 0)}${ed.nl}`);
      return true;
    }
    const keyNode = holder.pair?.key as Node | undefined;
    if (!keyNode?.range) return false;
    const written = !isBlank(node);
    if (written || holder.inFlow) {
      // `Page Viewed: null` / `{ a: }`: write a flow mapping in its place.
      const text = ed.flow(map(entries));
      if (written) ed.replace(node!.range![0], trimEnd(ed, node!.range![0], node!.range![1]), text);
      else ed.insert(colonEnd(ed, keyNode), ' ' + text);
      return true;
    }
    ed.insert(ed.lineEnd(colonEnd(ed, keyNode)), ed.nl + ed.block(entries, holder.keyCol + ed.unit));
    return true;
  }
  return false;
}

function trimEnd(ed: Editor, start: number, end: number): number {
  let e = end;
  while (e > start && /\s/.test(ed.text[e - 1])) e--;
  return e;
}

/** The offset just after the `:` following a key. */
function colonEnd(ed: Editor, key: Node): number {
  let i = contentEnd(key, ed.text);
  while (i < ed.text.length && ed.text[i] !== ':' && ed.text[i] !== '\n') i++;
  return ed.text[i] === ':' ? i + 1 : contentEnd(key, ed.text);
}

/** A new top-level section, after the section that precedes it in the documented order. */
function insertSection(ed: Editor, root: YAMLMap, entry: Entry, indent: number): boolean {
  const rank = sectionOrder.indexOf(entry[0]);
  let after: Pair | undefined;
  for (const pair of root.items) {
    const r = sectionOrder.indexOf(String((pair.key as { value?: unknown } | null)?.value));
    if (r >= 0 && r < rank) after = pair;
  }
  const anchor = after ?? root.items[root.items.length - 1];
  const end = isBlank(anchor.value as Node | null) ? colonEnd(ed, anchor.key as Node) : contentEnd(anchor.value as Node, ed.text);
  const blank = blankLineStyle(ed, root) ?? true;
  ed.insert(ed.lineEnd(end), ed.nl + (blank ? ed.nl : '') + ed.block([entry], indent));
  return true;
}

/** Walks `path` from the root; returns the holder at the end, or the deepest holder and what is missing. */
function walk(ed: Editor, path: string[]): { holder: Holder; missing: string[] } | null {
  let holder: Holder = { node: ed.doc.contents as Node | null, keyCol: 0, inFlow: false, root: true };
  for (let i = 0; i < path.length; i++) {
    const node = holder.node;
    if (isMap(node)) {
      const pair = findPair(node, path[i]);
      if (!pair) return { holder, missing: path.slice(i) };
      const keyNode = pair.key as Node | null;
      holder = { pair, node: pair.value as Node | null, keyCol: keyNode?.range ? ed.col(keyNode.range[0]) : 0, inFlow: holder.inFlow || !!node.flow };
      continue;
    }
    if (isEmptyNode(node)) return { holder, missing: path.slice(i) };
    return null;
  }
  return { holder, missing: [] };
}

/** Ensures the mapping at `path` exists and adds `entries` to it. */
function addAt(ed: Editor, path: string[], entries: Entry[]): boolean {
  const w = walk(ed, path);
  if (!w) return false;
  let nested = entries;
  for (let i = w.missing.length - 1; i >= 0; i--) nested = [[w.missing[i], map(nested)]];
  return insertEntries(ed, w.holder, nested);
}

/** The value node at `path`, or undefined when any step is missing. */
function nodeAt(ed: Editor, path: string[]): { node: Node | null; holder: Holder } | undefined {
  const w = walk(ed, path);
  if (!w || w.missing.length > 0) return undefined;
  return { node: w.holder.node, holder: w.holder };
}

/** Adds `items` to the list at `holder` (flow or block), or writes one. */
function appendToList(ed: Editor, holder: Holder, items: string[]): boolean {
  const node = holder.node;
  if (items.length === 0) return true;
  if (isSeq(node)) {
    const seq = node as YAMLSeq;
    if (seq.flow) {
      const text = items.map((i) => ed.scalarText(i, true)).join(', ');
      if (seq.items.length === 0) ed.insert(seq.range![0] + 1, text);
      else ed.insert(contentEnd(seq.items[seq.items.length - 1] as Node, ed.text), ', ' + text);
      return true;
    }
    const dashCol = ed.col(seq.range![0]);
    const at = ed.lineEnd(contentEnd(seq, ed.text));
    ed.insert(at, items.map((i) => `${ed.nl}${' '.repeat(dashCol)}- ${ed.scalarText(i, false)}`).join(''));
    return true;
  }
  if (isScalar(node) && typeof node.value === 'string') {
    ed.replace(node.range![0], trimEnd(ed, node.range![0], node.range![1]), ed.flow(list([node.value, ...items])));
    return true;
  }
  if (isEmptyNode(node) && holder.pair) {
    const keyNode = holder.pair.key as Node;
    if (node && node.range && node.range[1] > node.range[0]) ed.replace(node.range[0], trimEnd(ed, node.range[0], node.range[1]), ed.flow(list(items)));
    else ed.insert(colonEnd(ed, keyNode), ' ' + ed.flow(list(items)));
    return true;
  }
  return false;
}

function stringItems(node: Node | null): string[] | null {
  if (isSeq(node)) return node.items.map((i) => (isScalar(i) ? String(i.value) : '')).filter(Boolean);
  if (isScalar(node) && typeof node.value === 'string') return [node.value];
  return isEmptyNode(node) ? [] : null;
}

/** Runs `fn` on a fresh editor over the manifest text; no edits when the text is not clean YAML. */
function edit(pm: ParsedManifest, fn: (ed: Editor) => boolean): TextEdit[] {
  try {
    const { doc } = parseYaml(pm.text);
    if (doc.errors.some((e) => e.code !== 'DUPLICATE_KEY')) return [];
    const ed = new Editor(pm.text, doc);
    return fn(ed) ? ed.edits : [];
  } catch {
    return [];
  }
}

// ---------------------------------------------------------------------------------------------
// The edits

/** Options of `declareEvent`. */
export interface DeclareEventOptions {
  /** The purpose to write; null writes `purpose: TODO`; undefined writes none. */
  purpose?: string | null;
  destinations?: string[];
  kind?: 'page' | 'screen';
  /** Properties with their categories; a null category is written as `TODO` with a comment. */
  properties?: Record<string, string | null>;
}

/** Declares an event under `events:` (creating the section if needed). No edits when it exists. */
export function declareEvent(pm: ParsedManifest, name: string, opts: DeclareEventOptions = {}): TextEdit[] {
  return edit(pm, (ed) => {
    if (nodeAt(ed, ['events', name])) return false;
    const props = Object.entries(opts.properties ?? {}).map(([k, c]): Entry => [k, category(c)]);
    const value = map([
      opts.kind ? ['kind', scalar(opts.kind)] : null,
      opts.purpose !== undefined ? ['purpose', opts.purpose === null ? scalar(TODO, 'TODO: choose a purpose') : scalar(opts.purpose)] : null,
      opts.destinations && opts.destinations.length > 0 ? ['destinations', list(opts.destinations)] : null,
      props.length > 0 ? ['properties', map(props)] : null,
    ]);
    return addAt(ed, ['events'], [[name, value]]);
  });
}

/** Declares a property of an event (creating `properties:`, or the event, if needed). No edits when it exists. */
export function declareProperty(pm: ParsedManifest, event: string, key: string, cat: string | null): TextEdit[] {
  return edit(pm, (ed) => {
    if (nodeAt(ed, ['events', event, 'properties', key])) return false;
    return addAt(ed, ['events', event, 'properties'], [[key, category(cat)]]);
  });
}

/**
 * Sets the declared category of a property: a shorthand stays a shorthand (keeping its quoting), a
 * mapping keeps its other keys. Declares the property when it is missing. A null category writes `TODO`.
 */
export function setPropertyCategory(pm: ParsedManifest, event: string, key: string, cat: string | null): TextEdit[] {
  const at = edit(pm, (ed) => {
    const found = nodeAt(ed, ['events', event, 'properties', key]);
    if (!found) return false;
    const node = found.node;
    const value = cat ?? TODO;
    if (isScalar(node) && !isEmptyNode(node)) {
      if (node.value === value) return true;
      ed.replace(node.range![0], node.range![1], ed.scalarText(value, found.holder.inFlow, node.type));
      return true;
    }
    if (isMap(node)) {
      const pair = findPair(node, 'category');
      const v = pair?.value as Node | null | undefined;
      if (pair && isScalar(v) && !isEmptyNode(v)) {
        if (v.value === value) return true;
        ed.replace(v.range![0], v.range![1], ed.scalarText(value, !!node.flow || found.holder.inFlow, v.type));
        return true;
      }
      if (pair) return false;
      return insertEntries(ed, { ...found.holder, node }, [['category', scalar(value)]]);
    }
    if (isEmptyNode(node) && found.holder.pair) {
      const keyNode = found.holder.pair.key as Node;
      const text = ed.scalarText(value, found.holder.inFlow);
      if (node && node.range && node.range[1] > node.range[0]) ed.replace(node.range[0], node.range[1], text);
      else ed.insert(colonEnd(ed, keyNode), ' ' + text);
      return true;
    }
    return false;
  });
  if (at.length > 0) return at;
  return declareProperty(pm, event, key, cat);
}

/** Options of `declareDestination`. */
export interface DeclareDestinationOptions {
  sdk: string;
  vendor?: string;
  purposes?: string[];
}

/** Declares a destination under `destinations:`. No edits when it exists. */
export function declareDestination(pm: ParsedManifest, name: string, opts: DeclareDestinationOptions): TextEdit[] {
  return edit(pm, (ed) => {
    if (nodeAt(ed, ['destinations', name])) return false;
    const value = map([
      ['sdk', scalar(opts.sdk)],
      opts.vendor ? ['vendor', scalar(opts.vendor)] : null,
      opts.purposes && opts.purposes.length > 0 ? ['purposes', list(opts.purposes)] : null,
    ]);
    return addAt(ed, ['destinations'], [[name, value]]);
  });
}

/**
 * Adds a destination to an event's `destinations` (flow or block list). When the event has no
 * `destinations:` it is sent to every destination whose purposes include its purpose; the new list
 * keeps those and adds this one, so the edit only widens what the event may reach.
 */
export function addEventDestination(pm: ParsedManifest, event: string, destination: string): TextEdit[] {
  return edit(pm, (ed) => {
    const found = nodeAt(ed, ['events', event]);
    if (!found) return false;
    const existing = nodeAt(ed, ['events', event, 'destinations']);
    if (existing) {
      const items = stringItems(existing.node);
      if (items === null || items.includes(destination)) return false;
      return appendToList(ed, existing.holder, [destination]);
    }
    const declared = pm.manifest?.events[event];
    const defaults = declared
      ? Object.values(pm.manifest!.destinations)
          .filter((d) => d.name !== destination && d.purposes.some((p) => declared.purposes.includes(p)))
          .map((d) => d.name)
      : [];
    return addAt(ed, ['events', event], [['destinations', list([...defaults, destination])]]);
  });
}

/**
 * Declares an identity trait for a destination: creates `identities.<destination>` (with `purpose`
 * when given) and its `traits:` as needed. No edits when the trait exists.
 */
export function declareIdentityTrait(pm: ParsedManifest, destination: string, trait: string, cat: string | null, purpose?: string): TextEdit[] {
  return edit(pm, (ed) => {
    if (nodeAt(ed, ['identities', destination, 'traits', trait])) return false;
    if (!nodeAt(ed, ['identities', destination])) {
      const value = map([purpose ? ['purpose', scalar(purpose)] : null, ['traits', map([[trait, category(cat)]])]]);
      return addAt(ed, ['identities'], [[destination, value]]);
    }
    return addAt(ed, ['identities', destination, 'traits'], [[trait, category(cat)]]);
  });
}

/** Options of `declareTechnique`. */
export interface DeclareTechniqueOptions {
  /** Written as `purpose: TODO` when absent. */
  purpose?: string;
  destinations?: string[];
}

/**
 * Declares a technique under `techniques:`. When it is declared for other destinations only, the
 * given destinations are added to its list; when it is declared for all, there is nothing to do.
 */
export function declareTechnique(pm: ParsedManifest, id: string, opts: DeclareTechniqueOptions = {}): TextEdit[] {
  return edit(pm, (ed) => {
    const found = nodeAt(ed, ['techniques', id]);
    if (found) {
      const dests = nodeAt(ed, ['techniques', id, 'destinations']);
      if (!dests || !opts.destinations?.length) return false;
      const items = stringItems(dests.node);
      if (items === null) return false;
      const add = opts.destinations.filter((d) => !items.includes(d));
      return add.length > 0 && appendToList(ed, dests.holder, add);
    }
    const value = map([
      ['purpose', opts.purpose ? scalar(opts.purpose) : scalar(TODO, 'TODO: choose a purpose')],
      opts.destinations && opts.destinations.length > 0 ? ['destinations', list(opts.destinations)] : null,
    ]);
    return addAt(ed, ['techniques'], [[id, value]]);
  });
}

/** Removes the `index`th entry of `exceptions:`, with its lines (block list) or its comma (flow list). */
export function removeException(pm: ParsedManifest, index: number): TextEdit[] {
  return edit(pm, (ed) => {
    const found = nodeAt(ed, ['exceptions']);
    if (!found || !isSeq(found.node)) return false;
    const seq = found.node;
    const item = seq.items[index] as Node | undefined;
    if (!item?.range) return false;
    const end = contentEnd(item, ed.text);
    if (!seq.flow) {
      let dash = item.range[0] - 1;
      while (dash >= 0 && ed.text[dash] === ' ') dash--;
      if (ed.text[dash] !== '-') return false;
      const lineStart = ed.lineStart(dash);
      if (ed.text.slice(lineStart, dash).trim() !== '') return false;
      let to = ed.nextLineStart(end);
      // The first item, or one after a blank line: take the blank lines after it too, so no
      // blank line is left hanging under `exceptions:` or doubled between items.
      const before = lineStart > 0 ? ed.text.slice(ed.lineStart(lineStart - 1), lineStart) : '';
      if (index === 0 || before.trim() === '') {
        while (to < ed.text.length && index < seq.items.length - 1) {
          const next = ed.nextLineStart(to);
          if (ed.text.slice(to, next).trim() !== '') break;
          to = next;
        }
      }
      ed.replace(lineStart, to, '');
      return true;
    }
    const items = seq.items as Node[];
    if (items.length === 1) ed.replace(item.range[0], end, '');
    else if (index < items.length - 1) ed.replace(item.range[0], items[index + 1].range![0], '');
    else ed.replace(contentEnd(items[index - 1], ed.text), end, '');
    return true;
  });
}
