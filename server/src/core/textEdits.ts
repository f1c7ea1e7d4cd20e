/**
 * Text helpers shared by the core: 0-based LSP positions (UTF-16 code units) to string offsets and
 * back, and applying `TextEdit`s computed against an original text. Line breaks are `\n`, `\r\n`
 * and a lone `\r`, as in LSP.
 */
import type { Position, Range, TextEdit } from './types';

/** Offsets at which each line starts (line 0 starts at 0). */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 13 /* \r */) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    } else if (ch === 10 /* \n */) {
      starts.push(i + 1);
    }
  }
  return starts;
}

/** The offset just before the line break ending `line` (or the text's end). */
function lineEnd(text: string, starts: number[], line: number): number {
  let end = line + 1 < starts.length ? starts[line + 1] : text.length;
  if (end > starts[line] && text.charCodeAt(end - 1) === 10) end--;
  if (end > starts[line] && text.charCodeAt(end - 1) === 13) end--;
  return end;
}

/**
 * The string offset of a position. Positions past the end of a line clamp to the line's end
 * (before its line break); lines past the end clamp to the text's end.
 */
export function offsetAt(text: string, position: Position, starts: number[] = lineStarts(text)): number {
  if (position.line < 0) return 0;
  if (position.line >= starts.length) return text.length;
  const start = starts[position.line];
  const end = lineEnd(text, starts, position.line);
  return Math.min(Math.max(start + Math.max(position.character, 0), start), end);
}

/** The position of a string offset (clamped to the text). */
export function positionAt(text: string, offset: number, starts: number[] = lineStarts(text)): Position {
  const o = Math.min(Math.max(offset, 0), text.length);
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= o) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo, character: o - starts[lo] };
}

/** The range between two offsets. */
export function rangeAt(text: string, start: number, end: number, starts: number[] = lineStarts(text)): Range {
  return { start: positionAt(text, start, starts), end: positionAt(text, end, starts) };
}

/**
 * Applies edits computed against `text` and returns the new text. Edits must not overlap; edits at
 * the same offset are applied in the order given (the first one's text comes first).
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const starts = lineStarts(text);
  const resolved = edits.map((e, index) => ({
    start: offsetAt(text, e.range.start, starts),
    end: offsetAt(text, e.range.end, starts),
    newText: e.newText,
    index,
  }));
  // Descending by offset so earlier offsets stay valid; ties in reverse order so that the first edit
  // given ends up first in the result.
  resolved.sort((a, b) => b.start - a.start || b.end - a.end || b.index - a.index);
  let result = text;
  let lastStart = text.length;
  for (const e of resolved) {
    if (e.end > lastStart) throw new Error('Overlapping edits');
    result = result.slice(0, e.start) + e.newText + result.slice(e.end);
    lastStart = e.start;
  }
  return result;
}
