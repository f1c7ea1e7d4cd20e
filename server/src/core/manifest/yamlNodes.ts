/**
 * Small helpers over the `yaml` AST shared by the manifest parser and the manifest edits: the parse
 * options, where a node's own text ends (block collections' ranges run on over trailing comments
 * and blank lines), and key lookup.
 */
import { Document, isAlias, isCollection, isMap, isPair, isScalar, LineCounter, parseDocument, type Node, type Pair, type YAMLMap } from 'yaml';

/** Documents above this size are refused (2 MB). */
export const defaultMaxManifestBytes = 2 * 1024 * 1024;
/** Alias resolutions allowed while reading a manifest; more is taken for an alias bomb. */
export const maxAliasCount = 100;

/** Parses manifest text the same way for analysis and for edits. */
export function parseYaml(text: string): { doc: Document.Parsed; lineCounter: LineCounter } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false, keepSourceTokens: false });
  return { doc, lineCounter };
}

/** The text of a key as the manifest model sees it (`String` of a scalar key). */
export function keyText(key: unknown): string {
  if (isScalar(key)) return key.value === null || key.value === undefined ? '' : String(key.value);
  if (isAlias(key)) return '*' + key.source;
  if (isCollection(key)) return String(key);
  return key === null || key === undefined ? '' : String(key);
}

/** The first pair of `map` whose key reads `key` (the first one wins over duplicates). */
export function findPair(map: YAMLMap, key: string): Pair | undefined {
  for (const item of map.items) if (isPair(item) && keyText(item.key) === key) return item;
  return undefined;
}

function trimBack(text: string, start: number, end: number): number {
  let e = end;
  while (e > start && /\s/.test(text[e - 1])) e--;
  return e;
}

/**
 * The offset just after the last character of a node's own text: the end of its value for scalars
 * and flow collections, the end of the last item for block collections (excluding trailing comments
 * and blank lines, and the trailing line breaks of block scalars).
 */
export function contentEnd(node: Node | null | undefined, text: string): number {
  if (!node || !node.range) return 0;
  if (isCollection(node) && !node.flow) {
    const last = node.items[node.items.length - 1];
    if (last === undefined) return node.range[0];
    if (isPair(last)) {
      const v = last.value as Node | null;
      if (v && v.range && !(isScalar(v) && v.value === null && v.range[0] === v.range[1])) return contentEnd(v, text);
      return contentEnd(last.key as Node, text) + colonAfter(text, contentEnd(last.key as Node, text));
    }
    return contentEnd(last as Node, text);
  }
  return trimBack(text, node.range[0], node.range[1]);
}

/** 1 when a `:` follows `offset` (after spaces), so a key-only pair's end covers its colon. */
function colonAfter(text: string, offset: number): number {
  let i = offset;
  while (text[i] === ' ' || text[i] === '\t') i++;
  return text[i] === ':' ? i + 1 - offset : 0;
}

/** The start offset of a node. */
export function nodeStart(node: Node | null | undefined): number {
  return node?.range ? node.range[0] : 0;
}

/** True when `node` is a mapping (resolving nothing: aliases are not followed). */
export function asMap(node: unknown): YAMLMap | null {
  return isMap(node) ? node : null;
}
