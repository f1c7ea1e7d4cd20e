/**
 * Renaming an event: the key under `events:`, every `event:` of `exceptions:` that names it, and
 * every call site whose event-name argument is the literal name. Call sites whose name comes from
 * a constant, an enum or an expression are left alone (the constant's own literal is not a call
 * site); `renameEventEdits` reports how many it skipped. Minimal edits: quoting style kept.
 */
import { isMap, isScalar, isSeq, stringify, type Node } from 'yaml';
import { contentEnd, findPair, parseYaml } from '../manifest/yamlNodes';
import { lineStarts, offsetAt, rangeAt } from '../textEdits';
import type { ParsedManifest } from '../manifest/types';
import type { TextEdit, TrackingCall } from '../types';
import { stringLiteralContent } from './manifestLocations';

/** The edits of a rename, per file, and the call sites that could not be renamed. */
export interface RenameEventResult {
  edits: Record<string, TextEdit[]>;
  /** Calls sending the event whose name is not a literal at the call site. */
  skipped: TrackingCall[];
}

/** A YAML scalar for `name`, in the quoting style of `original` (plain when it can be). */
export function yamlScalarLike(original: string, name: string): string {
  if (original.startsWith("'")) return `'${name.replace(/'/g, "''")}'`;
  if (original.startsWith('"')) return JSON.stringify(name);
  return stringify(name, { lineWidth: 0 }).trimEnd();
}

/** `name` as the content of a JS string literal quoted with `quote`. */
function jsStringContent(name: string, quote: string): string {
  let out = name.replace(/\\/g, '\\\\').split(quote).join('\\' + quote);
  if (quote === '`') out = out.replace(/\$\{/g, '\\${');
  return out.replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

/**
 * The edits that rename event `from` to `to` in the manifest `manifestPath` and at the literal
 * call sites among `calls`. `getText` reads the current text of a source file.
 */
export function renameEventEdits(parsed: ParsedManifest, manifestPath: string, from: string, to: string, calls: readonly TrackingCall[], getText: (file: string) => string | undefined): RenameEventResult {
  const edits: Record<string, TextEdit[]> = {};
  const add = (file: string, edit: TextEdit) => (edits[file] ??= []).push(edit);
  const text = parsed.text;
  const starts = lineStarts(text);
  const { doc } = parseYaml(text);
  const replaceScalar = (node: unknown) => {
    if (!isScalar(node) || !node.range) return;
    const start = node.range[0];
    const end = contentEnd(node as Node, text);
    add(manifestPath, { range: rangeAt(text, start, end, starts), newText: yamlScalarLike(text.slice(start, end), to) });
  };
  if (isMap(doc.contents)) {
    const events = findPair(doc.contents, 'events')?.value;
    if (isMap(events)) {
      const pair = findPair(events, from);
      if (pair) replaceScalar(pair.key);
    }
    const exceptions = findPair(doc.contents, 'exceptions')?.value;
    if (isSeq(exceptions)) {
      for (const item of exceptions.items) {
        if (!isMap(item)) continue;
        const event = findPair(item, 'event')?.value;
        if (isScalar(event) && event.value === from) replaceScalar(event);
      }
    }
  }

  const skipped: TrackingCall[] = [];
  const seen = new Set<string>();
  for (const call of calls) {
    if (call.event !== from && !call.eventCandidates.includes(from)) continue;
    const source = call.eventRange ? getText(call.file) : undefined;
    if (!call.eventRange || source === undefined) {
      skipped.push(call);
      continue;
    }
    const s = lineStarts(source);
    const content = stringLiteralContent(source, offsetAt(source, call.eventRange.start, s), offsetAt(source, call.eventRange.end, s));
    if (!content || source.slice(content.start, content.end) !== jsStringContent(from, content.quote)) {
      skipped.push(call);
      continue;
    }
    // A wrapper's call sites and the SDK call inside it can share a range; edit each place once.
    const key = `${call.file}:${content.start}`;
    if (seen.has(key)) continue;
    seen.add(key);
    add(call.file, { range: rangeAt(source, content.start, content.end, s), newText: jsStringContent(to, content.quote) });
  }
  return { edits, skipped };
}
