/**
 * `privet check --fix`: apply the safe fixes the core computed, then check again, until no safe
 * fix is left (or nothing changes). Each pass applies, per file, the fixes whose edits do not
 * overlap; manifest fixes are applied one at a time per pass because several of them may create
 * the same missing section. Files are written only when their text changed.
 */
import { writeFileSync } from 'node:fs';
import { applyEdits, lineStarts, offsetAt } from '../core/textEdits';
import { readTextFile } from './files';
import type { CheckOutput } from '../core/check';
import type { Fix, TextEdit } from '../core/types';

const MAX_PASSES = 200;

/** Apply safe fixes until none is left; returns the final check. */
export async function applySafeFixes(first: CheckOutput, recheck: () => Promise<CheckOutput>): Promise<CheckOutput> {
  let result = first;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const changed = applyPass(result);
    if (changed === 0) return result;
    result = await recheck();
  }
  return result;
}

/** One pass; returns the number of files written. */
function applyPass(result: CheckOutput): number {
  const manifests = new Set(result.manifests);
  const byFile = new Map<string, TextEdit[][]>();
  const seen = new Set<string>();
  for (const f of result.findings) {
    if (f.suppressed) continue;
    const fix = f.fixes.find((x: Fix) => x.safe);
    if (!fix) continue;
    const key = JSON.stringify(fix.edits);
    if (seen.has(key)) continue;
    seen.add(key);
    const files = Object.keys(fix.edits);
    // A fix that edits several files is applied only if every file can take it in this pass.
    if (files.some((file) => manifests.has(file) && (byFile.get(file)?.length ?? 0) > 0)) continue;
    for (const file of files) {
      const list = byFile.get(file) ?? [];
      list.push(fix.edits[file]);
      byFile.set(file, list);
    }
  }
  let written = 0;
  for (const [file, groups] of byFile) {
    const text = readTextFile(file) ?? '';
    const starts = lineStarts(text);
    const taken: [number, number][] = [];
    const edits: TextEdit[] = [];
    for (const g of groups) {
      const spans = g.map((e): [number, number] => [offsetAt(text, e.range.start, starts), offsetAt(text, e.range.end, starts)]);
      const overlaps = spans.some(([s, e]) => taken.some(([ts, te]) => (s < te && e > ts) || (s === e && s === ts && te === ts)));
      if (overlaps) continue;
      taken.push(...spans);
      edits.push(...g);
    }
    if (edits.length === 0) continue;
    const next = applyEdits(text, edits);
    if (next !== text) {
      writeFileSync(file, next);
      written++;
    }
  }
  return written;
}
