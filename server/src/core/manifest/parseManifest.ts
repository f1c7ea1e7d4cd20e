/**
 * Reads `privacy.yaml` text into the `Manifest` model with ranged problems (`manifest-syntax`,
 * `manifest-schema`). Pure: no file access. Never throws.
 *
 * Steps: refuse oversized text; parse YAML (syntax errors -> `manifest-syntax`, model null); read
 * the AST into plain data, indexing every node by JSON pointer and counting alias expansions;
 * validate the data against `schemas/privacy.schema.json` with ajv and map each error to its node;
 * build the model tolerantly (values of the wrong type are skipped); run the semantic checks of
 * `validateManifest.ts`; keep one problem per range.
 */
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { isAlias, isMap, isPair, isScalar, isSeq, visit, type Document, type LineCounter, type Node } from 'yaml';
import schemaJson from '../../../../schemas/privacy.schema.json';
import type { Range } from '../types';
import type { Located, ManifestProblem, ParsedManifest } from './types';
import { buildManifest, dict, emptyManifest } from './buildManifest';
import { capitalize, describePath, describeWhere, didYouMean, pointerSegments, suggestion, validateManifest, type ManifestLocator } from './validateManifest';
import { contentEnd, defaultMaxManifestBytes, keyText, maxAliasCount, parseYaml } from './yamlNodes';

/** Options of `parseManifest`. */
export interface ParseManifestOptions {
  /** SDK ids of the catalogue; when given, `destinations.*.sdk` and technique destinations are checked against them. */
  knownSdkIds?: ReadonlySet<string>;
  /** Rule ids; when given, the `rule:` of exceptions is checked against them. */
  knownRuleIds?: ReadonlySet<string>;
  /** Refuse longer documents (UTF-8 bytes; default 2 MB). */
  maxBytes?: number;
}

export { emptyManifest };

/** The JSON Schema of the manifest (draft-07), as shipped in `schemas/privacy.schema.json`. */
export const manifestSchema: object = schemaJson;

let validator: ValidateFunction | undefined;
function schemaValidator(): ValidateFunction {
  // Compiled once, on first use: compiling costs a few milliseconds that a CLI run without a
  // manifest should not pay.
  validator ??= new Ajv({ allErrors: true, verbose: true, allowUnionTypes: true, strictTypes: true, strictRequired: false, logger: false }).compile(
    schemaJson as object,
  );
  return validator;
}

/**
 * Parses manifest text. `manifest` is null when the text is not usable YAML (syntax errors, alias
 * bomb, oversized); otherwise it holds every valid declaration, and `problems` every invalid one.
 */
export function parseManifest(text: string, path: string, options: ParseManifestOptions = {}): ParsedManifest {
  const safeText = typeof text === 'string' ? text : '';
  try {
    return parse(safeText, path, options);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return { manifest: null, problems: [{ rule: 'manifest-syntax', message: `Privet could not read the manifest: ${message}`, range: firstLine(safeText) }], text: safeText };
  }
}

function parse(text: string, path: string, options: ParseManifestOptions): ParsedManifest {
  const maxBytes = options.maxBytes ?? defaultMaxManifestBytes;
  const bytes = utf8Length(text, maxBytes);
  if (bytes > maxBytes) {
    const message = `The manifest is larger than ${formatBytes(maxBytes)}; Privet does not read manifests this large`;
    return { manifest: null, problems: [{ rule: 'manifest-syntax', message, range: firstLine(text) }], text };
  }

  // Deep nesting makes the YAML parser recurse until the stack runs out, and V8 may then abort the
  // process instead of throwing; a manifest nests about six levels, so refuse the absurd first.
  const deep = tooDeep(text, maxNesting);
  if (deep >= 0) {
    const message = `The manifest nests more than ${maxNesting} levels deep; Privet does not read it`;
    return { manifest: null, problems: [{ rule: 'manifest-syntax', message, range: rangeOfLineAt(text, deep) }], text };
  }

  const { doc, lineCounter } = parseYaml(text);
  const ranges = new Ranges(text, lineCounter);
  const syntax: ManifestProblem[] = [];
  for (const err of doc.errors) {
    // Duplicate keys are reported (with the first key's line) while reading, as schema problems.
    if (err.code === 'DUPLICATE_KEY') continue;
    syntax.push({ rule: 'manifest-syntax', message: syntaxMessage(err.code, err.message), range: ranges.between(err.pos[0], err.pos[1]) });
  }
  visit(doc, {
    Alias(_, node) {
      if (!node.resolve(doc as Document)) {
        const [s, e] = node.range ?? [0, 0];
        syntax.push({ rule: 'manifest-syntax', message: `Unknown alias '*${node.source}': no anchor '&${node.source}' before it`, range: ranges.between(s, e) });
      }
    },
  });
  if (syntax.length > 0) return { manifest: null, problems: dedupe(syntax).slice(0, 50), text };
  const warnings: ManifestProblem[] = doc.warnings.map((w) => ({ rule: 'manifest-syntax', message: w.message, range: ranges.between(w.pos[0], w.pos[1]) }));

  const reader = new Reader(doc as Document, text, ranges);
  let data: unknown;
  try {
    data = reader.read(doc.contents as Node | null, '', null, null);
  } catch (e) {
    if (e instanceof AliasLimit) {
      const message = `More than ${maxAliasCount} alias expansions (at '*${e.alias.source}'): the manifest looks like an alias bomb and was not read`;
      return { manifest: null, problems: [{ rule: 'manifest-syntax', message, range: ranges.between(e.alias.range?.[0] ?? 0, e.alias.range?.[1] ?? 0) }], text };
    }
    throw e;
  }
  if (data === null || data === undefined) data = dict();
  const locator = reader.locator();

  const problems: ManifestProblem[] = [...warnings, ...reader.duplicateProblems(data)];
  const validate = schemaValidator();
  if (!validate(data)) problems.push(...schemaProblems(validate.errors ?? [], data, locator, reader));

  const manifest = buildManifest(data, path, (pointer) => reader.located(pointer));
  problems.push(...validateManifest(manifest, data, locator, options));
  return { manifest, problems: dedupe(problems), text };
}

// ---------------------------------------------------------------------------------------------
// Positions

class Ranges {
  constructor(
    private readonly text: string,
    private readonly lc: LineCounter,
  ) {}
  pos(offset: number) {
    const o = Math.min(Math.max(offset, 0), this.text.length);
    const { line, col } = this.lc.linePos(o);
    return { line: line - 1, character: col - 1 };
  }
  between(start: number, end: number): Range {
    return { start: this.pos(start), end: this.pos(Math.max(start, end)) };
  }
  firstLine(): Range {
    return firstLine(this.text);
  }
}

function firstLine(text: string): Range {
  const nl = text.search(/[\r\n]/);
  const end = Math.min(nl < 0 ? text.length : nl, 1000);
  return { start: { line: 0, character: 0 }, end: { line: 0, character: end } };
}

// ---------------------------------------------------------------------------------------------
// Reading the AST into plain data, with an index from JSON pointer to nodes

interface IndexEntry {
  /** The key node (null for sequence items and the root). */
  key: Node | null;
  /** The value node as written (an alias node when the value is an alias). */
  value: Node | null;
  /** For nodes reached through an alias: the range of that alias, where problems are shown. */
  alias: [number, number] | null;
}

class AliasLimit extends Error {
  constructor(readonly alias: { source: string; range?: [number, number, number] | null }) {
    super('alias limit');
  }
}

class Reader {
  private readonly index = new Map<string, IndexEntry>();
  private aliases = 0;
  private readonly duplicates: { mapPointer: string; key: string; node: Node; first: Node; alias: [number, number] | null }[] = [];

  constructor(
    private readonly doc: Document,
    private readonly text: string,
    private readonly ranges: Ranges,
  ) {}

  read(node: Node | null, pointer: string, key: Node | null, alias: [number, number] | null): unknown {
    this.index.set(pointer, { key, value: node, alias });
    return this.value(node, pointer, alias);
  }

  private value(node: Node | null, pointer: string, alias: [number, number] | null): unknown {
    if (!node) return null;
    if (isAlias(node)) {
      if (++this.aliases > maxAliasCount) throw new AliasLimit(node);
      const target = node.resolve(this.doc) as Node | undefined;
      return this.value(target ?? null, pointer, alias ?? [node.range?.[0] ?? 0, node.range?.[1] ?? 0]);
    }
    if (isMap(node)) {
      const obj = dict<unknown>();
      const firsts = new Map<string, Node>();
      for (const pair of node.items) {
        const k = keyText(pair.key);
        if (Object.hasOwn(obj, k)) {
          this.duplicates.push({ mapPointer: pointer, key: k, node: pair.key as Node, first: firsts.get(k)!, alias });
          continue;
        }
        firsts.set(k, pair.key as Node);
        obj[k] = this.read(pair.value as Node | null, pointer + '/' + escapePointer(k), pair.key as Node, alias);
      }
      return obj;
    }
    if (isSeq(node)) {
      return node.items.map((item, i) => {
        const p = `${pointer}/${i}`;
        if (isPair(item)) {
          // `[a: 1]`: a single-pair mapping inside a flow sequence.
          this.index.set(p, { key: null, value: item.key as Node, alias });
          const obj = dict<unknown>();
          obj[keyText(item.key)] = this.read(item.value as Node | null, p + '/' + escapePointer(keyText(item.key)), item.key as Node, alias);
          return obj;
        }
        return this.read(item as Node, p, null, alias);
      });
    }
    if (isScalar(node)) {
      const v = node.value;
      if (v instanceof Date) return v.toISOString().slice(0, 10);
      if (typeof v === 'bigint') return Number(v);
      return v;
    }
    return null;
  }

  private entry(pointer: string): { entry: IndexEntry; exact: boolean } {
    let p = pointer;
    for (;;) {
      const e = this.index.get(p);
      if (e) return { entry: e, exact: p === pointer };
      if (p === '') return { entry: { key: null, value: null, alias: null }, exact: false };
      p = p.slice(0, p.lastIndexOf('/'));
    }
  }

  private isEmpty(node: Node | null): boolean {
    return !node || !node.range || (isScalar(node) && node.value === null && node.range[0] === node.range[1]);
  }

  /** Offsets of the value (the key's when the value is empty). */
  valueOffsets(pointer: string): [number, number] | null {
    const { entry, exact } = this.entry(pointer);
    if (!exact) return this.keyOffsets(pointer);
    if (entry.alias) return entry.alias;
    if (this.isEmpty(entry.value)) return this.keyOffsets(pointer);
    return [entry.value!.range![0], contentEnd(entry.value, this.text)];
  }

  keyOffsets(pointer: string): [number, number] | null {
    const { entry } = this.entry(pointer);
    if (entry.alias) return entry.alias;
    if (entry.key?.range) return [entry.key.range[0], contentEnd(entry.key, this.text)];
    if (entry.value?.range && pointer !== '') return [entry.value.range[0], contentEnd(entry.value, this.text)];
    return null;
  }

  /** Key start to value end. */
  pairOffsets(pointer: string): [number, number] | null {
    const { entry } = this.entry(pointer);
    if (entry.alias) return entry.alias;
    const start = entry.key?.range?.[0] ?? entry.value?.range?.[0];
    if (start === undefined) return null;
    const end = this.isEmpty(entry.value) ? (this.keyOffsets(pointer)?.[1] ?? start) : contentEnd(entry.value, this.text);
    // Include the colon of an empty value (`Page Viewed:`).
    let e = end;
    if (this.isEmpty(entry.value) && entry.key) {
      let i = e;
      while (this.text[i] === ' ') i++;
      if (this.text[i] === ':') e = i + 1;
    }
    return [start, e];
  }

  toRange(offsets: [number, number] | null): Range {
    return offsets ? this.ranges.between(offsets[0], offsets[1]) : this.ranges.firstLine();
  }

  locator(): ManifestLocator {
    return {
      valueRange: (p) => this.toRange(this.valueOffsets(p)),
      keyRange: (p) => this.toRange(this.keyOffsets(p)),
    };
  }

  located(pointer: string): Located {
    return { keyRange: this.toRange(this.keyOffsets(pointer)), range: this.toRange(this.pairOffsets(pointer)) };
  }

  duplicateProblems(data: unknown): ManifestProblem[] {
    return this.duplicates.map((d) => {
      const where = d.mapPointer === '' ? 'the manifest' : describeWhere(pointerSegments(d.mapPointer), data);
      const firstLine = this.ranges.pos(d.first.range?.[0] ?? 0).line + 1;
      const offsets: [number, number] = d.alias ?? [d.node.range?.[0] ?? 0, contentEnd(d.node, this.text)];
      return {
        rule: 'manifest-schema' as const,
        message: `Duplicate key '${d.key}' in ${where}; the first one (line ${firstLine}) is used`,
        range: this.ranges.between(offsets[0], offsets[1]),
      };
    });
  }
}

function escapePointer(s: string): string {
  return s.replace(/~/g, '~0').replace(/\//g, '~1');
}

// ---------------------------------------------------------------------------------------------
// Schema errors -> problems

const keywordPriority: Record<string, number> = { type: 0, const: 1, required: 2, anyOf: 2, enum: 3, pattern: 4 };

function typeWords(types: string[], segs: string[]): string {
  const last = segs[segs.length - 1];
  const inProps = (segs[0] === 'events' && segs[2] === 'properties' && segs.length === 4) || (segs[0] === 'identities' && segs[2] === 'traits' && segs.length === 4);
  if (inProps) return "a category (e.g. 'none') or a mapping { category, purpose, transform }";
  if (last === 'purpose' && types.includes('array')) return 'a purpose or a list of purposes';
  const words: Record<string, string> = {
    object: 'a mapping',
    array: 'a list',
    string: 'a string',
    integer: 'a whole number',
    number: 'a number',
    boolean: 'true or false',
    null: 'empty',
  };
  return types
    .filter((t) => t !== 'null')
    .map((t) => words[t] ?? t)
    .join(' or ');
}

function valueWords(v: unknown): string {
  if (v === null || v === undefined) return 'empty';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'string') {
    const shown = (v.length > 40 ? v.slice(0, 40) + '…' : v).replace(/[\u0000-\u001f\u007f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
    return `'${shown}'`;
  }
  return String(v);
}

function valueAt(data: unknown, segs: string[]): unknown {
  let v = data;
  for (const s of segs) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[s];
  }
  return v;
}

function schemaMessage(err: ErrorObject, data: unknown): { message: string; pointer: string; part: 'key' | 'value' } | null {
  const segs = pointerSegments(err.instancePath);
  const where = describeWhere(segs, data);
  const value = valueAt(data, segs);
  const field = segs[segs.length - 1];
  const params = err.params as Record<string, unknown>;
  switch (err.keyword) {
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const allowed = Object.keys(((err.parentSchema as { properties?: object } | undefined)?.properties ?? {}) as object);
      const pointer = `${err.instancePath}/${escapePointer(key)}`;
      const hint = suggestion(didYouMean(key, allowed)) || (allowed.length ? `; expected one of ${allowed.join(', ')}` : '');
      if (segs.length === 0) return { message: `Unknown top-level key '${key}'${hint}`, pointer, part: 'key' };
      if (segs.length === 1 && segs[0] === 'techniques') return { message: `Unknown technique '${key}'${hint}`, pointer, part: 'key' };
      return { message: `Unknown key '${key}' in ${where}${hint}`, pointer, part: 'key' };
    }
    case 'required': {
      const missing = String(params.missingProperty);
      if (segs.length === 0 && missing === 'version') return { message: "Missing 'version: 1' at the top of the manifest", pointer: '', part: 'key' };
      if (missing === 'category') return { message: `${capitalize(where)} needs a 'category' (use 'none' for data that is not about a person)`, pointer: err.instancePath, part: 'key' };
      return { message: `${capitalize(where)} needs '${missing}'`, pointer: err.instancePath, part: 'key' };
    }
    case 'anyOf':
      return { message: `${capitalize(where)} needs a 'function' or an 'expression'`, pointer: err.instancePath, part: 'key' };
    case 'type':
    case 'const':
    case 'pattern':
    case 'enum':
    case 'minimum':
    case 'minLength': {
      const pointer = err.instancePath;
      if (segs.length === 1 && field === 'version') {
        const msg = err.keyword === 'const' ? `Unsupported manifest version ${valueWords(value)}; Privet reads version 1` : `'version' must be 1, not ${valueWords(value)}`;
        return { message: msg, pointer, part: 'value' };
      }
      if (segs.length === 0) return { message: 'The manifest must be a mapping of sections, starting with version: 1', pointer: '', part: 'key' };
      if (field === 'expires' && (err.keyword === 'type' || err.keyword === 'pattern')) {
        return { message: `${capitalize(where)} must be a date YYYY-MM-DD, not ${valueWords(value)}`, pointer, part: 'value' };
      }
      if (field === 'retention' && (err.keyword === 'type' || err.keyword === 'pattern')) {
        return { message: `${capitalize(where)} must be an ISO 8601 duration such as P2Y, P13M or P30D, not ${valueWords(value)}`, pointer, part: 'value' };
      }
      if (err.keyword === 'type') {
        const types = Array.isArray(params.type) ? (params.type as string[]) : String(params.type).split(',');
        return { message: `${capitalize(where)} must be ${typeWords(types, segs)}, not ${valueWords(value)}`, pointer, part: 'value' };
      }
      if (err.keyword === 'enum') {
        const allowed = ((params.allowedValues as unknown[]) ?? []).map(String);
        const { entity, field: f } = describePath(segs, data);
        const label = /\[\d+\]$/.test(f) ? f.replace(/\[\d+\]$/, '') : f;
        const hint = typeof value === 'string' ? suggestion(didYouMean(value, allowed)) : '';
        return { message: `Unknown ${label || 'value'} ${valueWords(value)}${entity ? ` in ${entity}` : ''}${hint || `; expected one of ${allowed.join(', ')}`}`, pointer, part: 'value' };
      }
      if (err.keyword === 'minimum') return { message: `${capitalize(where)} must be ${String(params.limit)} or more, not ${valueWords(value)}`, pointer, part: 'value' };
      if (err.keyword === 'minLength') return { message: `${capitalize(where)} must not be empty`, pointer, part: 'value' };
      return { message: `${capitalize(where)} is not valid`, pointer, part: 'value' };
    }
    default:
      return { message: `${capitalize(where)} ${err.message ?? 'is not valid'}`, pointer: err.instancePath, part: 'value' };
  }
}

function schemaProblems(errors: ErrorObject[], data: unknown, locator: ManifestLocator, reader: Reader): ManifestProblem[] {
  const picked = new Map<string, { priority: number; problem: ManifestProblem; order: number }>();
  // Unknown keys per mapping: a missing `category` next to an unknown `categry` is one mistake.
  const unknownKeys = new Map<string, string[]>();
  for (const err of errors) {
    if (err.keyword === 'additionalProperties') {
      const list = unknownKeys.get(err.instancePath) ?? [];
      list.push(String((err.params as { additionalProperty: unknown }).additionalProperty));
      unknownKeys.set(err.instancePath, list);
    }
  }
  errors.forEach((err, order) => {
    // The branches of an anyOf report as the anyOf itself.
    if (err.schemaPath.includes('/anyOf/')) return;
    if (err.keyword === 'required') {
      const missing = String((err.params as { missingProperty: unknown }).missingProperty);
      const typo = unknownKeys.get(err.instancePath);
      if (typo && didYouMean(missing, typo) !== undefined) return;
    }
    const m = schemaMessage(err, data);
    if (!m) return;
    const range = m.pointer === '' && m.part === 'key' ? reader.toRange(null) : m.part === 'key' ? locator.keyRange(m.pointer) : locator.valueRange(m.pointer);
    const key = rangeKey(range);
    const priority = keywordPriority[err.keyword] ?? 5;
    const prev = picked.get(key);
    if (!prev || priority < prev.priority) picked.set(key, { priority, problem: { rule: 'manifest-schema', message: m.message, range }, order: prev?.order ?? order });
  });
  return [...picked.values()].sort((a, b) => a.order - b.order).map((p) => p.problem);
}

function rangeKey(r: Range): string {
  return `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
}

/** One problem per range (the first reported wins), sorted by position. */
function dedupe(problems: ManifestProblem[]): ManifestProblem[] {
  const seen = new Set<string>();
  const out: ManifestProblem[] = [];
  for (const p of problems) {
    const k = rangeKey(p.range);
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(p);
  }
  return out.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}

const syntaxMessages: Record<string, string> = {
  TAB_AS_INDENT: 'Tabs are not allowed for indentation in YAML; indent with spaces',
  MULTIPLE_DOCS: "The manifest must be a single YAML document; remove the second '---'",
};

function syntaxMessage(code: string, message: string): string {
  return syntaxMessages[code] ?? message;
}

// ---------------------------------------------------------------------------------------------
// Size and depth

const maxNesting = 64;

/**
 * The offset where nesting first exceeds `limit` levels, or -1. Counts flow brackets outside quotes
 * and comments, and block levels by indentation and `- ` prefixes; an over-estimate is harmless.
 */
function tooDeep(text: string, limit: number): number {
  let flow = 0;
  const columns: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (i === 0 || text[i - 1] === '\n') {
      let j = i;
      while (text[j] === ' ') j++;
      if (flow === 0 && j < text.length && text[j] !== '\n' && text[j] !== '\r' && text[j] !== '#') {
        const first = j - i;
        while (columns.length && columns[columns.length - 1] >= first) columns.pop();
        // `- - key:` opens one level per dash, then one for the content.
        while (text[j] === '-' && (text[j + 1] === ' ' || text[j + 1] === '\n' || text[j + 1] === undefined)) {
          columns.push(j - i);
          j++;
          while (text[j] === ' ') j++;
        }
        columns.push(j - i);
        if (columns.length > limit) return i;
      }
      i = j;
      if (i >= text.length) break;
    }
    const c = text[i];
    if ((c === '"' || c === "'") && /^[\s:[{,?-]?$/.test(prevNonSpace(text, i))) {
      // A quoted scalar, up to its closing quote or the end of the line.
      let j = i + 1;
      while (j < text.length && text[j] !== c && text[j] !== '\n') j += text[j] === '\\' && c === '"' ? 2 : 1;
      i = text[j] === '\n' ? j - 1 : j;
    } else if (c === '#' && (i === 0 || /\s/.test(text[i - 1]))) {
      while (i + 1 < text.length && text[i + 1] !== '\n') i++;
    } else if (c === '[' || c === '{') {
      if (++flow + columns.length > limit) return i;
    } else if ((c === ']' || c === '}') && flow > 0) flow--;
  }
  return -1;
}

function prevNonSpace(text: string, i: number): string {
  let j = i - 1;
  while (j >= 0 && (text[j] === ' ' || text[j] === '\t')) j--;
  return j < 0 || text[j] === '\n' ? '' : text[j];
}

function rangeOfLineAt(text: string, offset: number): Range {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  const line = (text.slice(0, start).match(/\n/g) ?? []).length;
  return { start: { line, character: 0 }, end: { line, character: Math.min(offset - start + 1, 1000) } };
}

/** UTF-8 length of `text`, stopping early once it exceeds `limit`. */
function utf8Length(text: string, limit: number): number {
  if (text.length * 3 <= limit) return text.length; // cannot exceed the limit
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      bytes += 4;
      i++;
    } else bytes += 3;
    if (bytes > limit) return bytes;
  }
  return bytes;
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${Math.round((n / (1024 * 1024)) * 10) / 10} MB` : n >= 1024 ? `${Math.round(n / 1024)} KB` : `${n} bytes`;
}
