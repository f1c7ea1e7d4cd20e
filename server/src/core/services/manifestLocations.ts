/**
 * Where things are in `privacy.yaml` and what a position in it refers to: the scalar under a
 * position with its path in the document, what that path names (an event, a purpose reference, a
 * taxonomy key …), the top-level sections for document symbols, and which calls use a declaration.
 * Pure: text and the parsed model in, plain ranges out. Shared by hover, definition, references,
 * code lens, symbols and completion.
 */
import { isMap, isPair, isScalar, isSeq, type Node } from 'yaml';
import { dataCategories, dataUses } from '../taxonomy';
import { contentEnd, keyText, parseYaml } from '../manifest/yamlNodes';
import { rangeAt, lineStarts } from '../textEdits';
import type { Manifest } from '../manifest/types';
import type { Range, TrackingCall } from '../types';
import { destinationsOfCall } from './callContext';

/** One path segment: a mapping key or a sequence index. */
export type PathSegment = string | number;

/** The scalar under a position: its path (the key's path for a key), whether it is a key, its text. */
export interface ManifestNode {
  path: PathSegment[];
  part: 'key' | 'value';
  value: string;
  /** Range of the scalar as written (quotes included). */
  range: Range;
}

/** What a manifest scalar names. */
export type ManifestTarget =
  | { type: 'event'; name: string; declaration: boolean }
  | { type: 'property'; event: string; key: string; declaration: boolean }
  | { type: 'purpose'; name: string; declaration: boolean }
  | { type: 'destination'; name: string; declaration: boolean }
  | { type: 'consent'; name: string; declaration: boolean }
  | { type: 'taxonomy'; key: string }
  | { type: 'sdk'; id: string };

/** The scalar at `offset` of a manifest text (null between nodes or when the text is not YAML). */
export function manifestNodeAt(text: string, offset: number): ManifestNode | null {
  const { doc } = parseYaml(text);
  const starts = lineStarts(text);
  let found: ManifestNode | null = null;
  const scalarAt = (node: unknown, path: PathSegment[], part: 'key' | 'value'): boolean => {
    if (!isScalar(node) || !node.range) return false;
    const [start] = node.range;
    const end = contentEnd(node as Node, text);
    // The end is inclusive so a cursor just after the last character still counts.
    if (offset < start || offset > end) return false;
    found = { path, part, value: keyText(node), range: rangeAt(text, start, end, starts) };
    return true;
  };
  const walk = (node: unknown, path: PathSegment[]): boolean => {
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = keyText(pair.key);
        if (scalarAt(pair.key, [...path, key], 'key')) return true;
        if (walk(pair.value, [...path, key])) return true;
      }
      return false;
    }
    if (isSeq(node)) {
      return node.items.some((item, i) => {
        if (isPair(item)) {
          const key = keyText(item.key);
          return scalarAt(item.key, [...path, i, key], 'key') || walk(item.value, [...path, i, key]);
        }
        return walk(item, [...path, i]);
      });
    }
    return scalarAt(node, path, 'value');
  };
  walk(doc.contents, []);
  return found;
}

const last = (path: PathSegment[], n = 1): PathSegment | undefined => path[path.length - n];

/** Keys whose value (or list items) name a purpose. */
const purposeKeys = new Set(['purpose', 'purposes']);
/** Keys whose value (or list items) name a destination. */
const destinationKeys = new Set(['destination', 'destinations']);

/** What the scalar at `node` refers to, or null when it is not a name Privet knows about. */
export function classifyManifestNode(node: ManifestNode, manifest: Manifest | null): ManifestTarget | null {
  const { path, part, value } = node;
  const [section] = path;
  if (part === 'key') {
    if (path.length === 2 && section === 'events') return { type: 'event', name: value, declaration: true };
    if (path.length === 4 && section === 'events' && path[2] === 'properties') return { type: 'property', event: String(path[1]), key: value, declaration: true };
    if (path.length === 2 && section === 'purposes') return { type: 'purpose', name: value, declaration: true };
    if (path.length === 2 && section === 'destinations') return { type: 'destination', name: value, declaration: true };
    if (path.length === 2 && section === 'identities') return { type: 'destination', name: value, declaration: false };
    if (path.length === 3 && section === 'consent' && path[1] === 'categories') return { type: 'consent', name: value, declaration: true };
    if (path.length === 2 && section === 'taxonomy') return { type: 'taxonomy', key: value };
    return null;
  }
  // A property or trait shorthand (`order_id: none`): the value is a category whatever the key says.
  const shorthand = path.length === 4 && ((section === 'events' && path[2] === 'properties') || (section === 'identities' && path[2] === 'traits'));
  if (shorthand) return isTaxonomyKey(value, manifest) ? { type: 'taxonomy', key: value } : null;
  // A value: the key it belongs to is the last string segment (skipping a list index).
  const key = typeof last(path) === 'number' ? last(path, 2) : last(path);
  if (typeof key !== 'string') return null;
  if (purposeKeys.has(key)) return { type: 'purpose', name: value, declaration: false };
  if (destinationKeys.has(key)) return { type: 'destination', name: value, declaration: false };
  if (key === 'consent' && section === 'purposes') return { type: 'consent', name: value, declaration: false };
  if (key === 'category' && section === 'consent') return { type: 'consent', name: value, declaration: false };
  if (key === 'sdk' && section === 'destinations') return { type: 'sdk', id: value };
  if (key === 'event' && section === 'exceptions') return { type: 'event', name: value, declaration: false };
  if (isTaxonomyKey(value, manifest)) return { type: 'taxonomy', key: value };
  return null;
}

/** True for a fideslang category or use key, or a custom `taxonomy:` entry. */
export function isTaxonomyKey(key: string, manifest: Manifest | null): boolean {
  return dataCategories.has(key) || dataUses.has(key) || !!manifest?.taxonomy[key];
}

/** A top-level section of the manifest, for document symbols. */
export interface ManifestSection {
  name: string;
  keyRange: Range;
  range: Range;
}

/** The top-level keys of the manifest with their ranges (empty when the root is not a mapping). */
export function manifestSections(text: string): ManifestSection[] {
  const { doc } = parseYaml(text);
  if (!isMap(doc.contents)) return [];
  const starts = lineStarts(text);
  const out: ManifestSection[] = [];
  for (const pair of doc.contents.items) {
    const key = pair.key as Node | null;
    if (!key?.range) continue;
    const value = pair.value as Node | null;
    const keyEnd = contentEnd(key, text);
    const end = Math.max(keyEnd, value?.range ? contentEnd(value, text) : keyEnd);
    out.push({ name: keyText(key), keyRange: rangeAt(text, key.range[0], keyEnd, starts), range: rangeAt(text, key.range[0], end, starts) });
  }
  return out;
}

/**
 * The destinations a call is sent to under a manifest: what the check recorded on the call (its
 * tracker's or annotation's list, or the destinations of its SDKs), else the same computed here.
 */
export function callDestinations(call: TrackingCall, manifest: Manifest | null): string[] {
  return call.destinations?.length ? [...call.destinations] : destinationsOfCall(call, manifest);
}

/** True when the call may send the event `name` (its resolved name or one of its candidates). */
export function callSendsEvent(call: TrackingCall, name: string): boolean {
  return call.event === name || call.eventCandidates.includes(name);
}

/** The purposes a call serves: its event's declared purposes (empty for undeclared events). */
export function callPurposes(call: TrackingCall, manifest: Manifest | null): string[] {
  if (!manifest) return [];
  const names = call.event !== null ? [call.event] : call.eventCandidates;
  return [...new Set(names.flatMap((n) => manifest.events[n]?.purposes ?? []))];
}

/** The calls that use a declaration: send an event, serve a purpose, reach a destination. */
export function callsUsing(target: ManifestTarget, calls: readonly TrackingCall[], manifest: Manifest | null): TrackingCall[] {
  switch (target.type) {
    case 'event':
      return calls.filter((c) => callSendsEvent(c, target.name));
    case 'property':
      return calls.filter((c) => callSendsEvent(c, target.event) && c.properties.some((p) => p.key === target.key));
    case 'purpose':
      return calls.filter((c) => callPurposes(c, manifest).includes(target.name));
    case 'destination':
      return calls.filter((c) => callDestinations(c, manifest).includes(target.name));
    case 'sdk':
      return calls.filter((c) => c.sdk === target.id || c.sdks?.includes(target.id));
    default:
      return [];
  }
}

/** The range inside the quotes of a string-literal expression, or null when `text` is not one. */
export function stringLiteralContent(text: string, start: number, end: number): { start: number; end: number; quote: string } | null {
  const q = text[start];
  if (end - start < 2 || (q !== "'" && q !== '"' && q !== '`') || text[end - 1] !== q) return null;
  // A template literal with substitutions is not a plain name.
  if (q === '`' && text.slice(start, end).includes('${')) return null;
  return { start: start + 1, end: end - 1, quote: q };
}

/** True when `pos` lies within `range` (both ends inclusive, the way a cursor touches a word). */
export function rangeContains(range: Range, pos: { line: number; character: number }): boolean {
  const afterStart = pos.line > range.start.line || (pos.line === range.start.line && pos.character >= range.start.character);
  const beforeEnd = pos.line < range.end.line || (pos.line === range.end.line && pos.character <= range.end.character);
  return afterStart && beforeEnd;
}

/** True when two ranges share at least one position. */
export function rangesIntersect(a: Range, b: Range): boolean {
  return rangeContains(a, b.start) || rangeContains(a, b.end) || rangeContains(b, a.start);
}
