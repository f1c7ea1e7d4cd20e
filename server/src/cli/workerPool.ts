/**
 * Spreads file summarisation over worker threads when a scan has many files to parse.
 */
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import type { FileSummary } from '../core/analysis/summary';

/** Below this many files to parse, threads cost more than they save. */
export const MIN_FILES_FOR_WORKERS = 800;

/** A `summarizeMany` for the project host, or undefined when workers are unavailable. */
export function workerSummarizer(trackerNames: string[]): ((files: string[]) => Promise<Map<string, FileSummary>>) | undefined {
  const script = path.join(__dirname, 'worker.js');
  if (!existsSync(script)) return undefined;
  return async (files) => {
    const out = new Map<string, FileSummary>();
    if (files.length < MIN_FILES_FOR_WORKERS) {
      const { summarizeFile } = await import('../core/analysis/fileAnalysis');
      const { getCatalogue } = await import('../core/catalogue');
      const { readTextFile } = await import('./files');
      const names = new Set(trackerNames);
      for (const f of files) {
        const t = readTextFile(f);
        if (t !== undefined) out.set(f, summarizeFile(f, t, getCatalogue(), { trackerNames: names }));
      }
      return out;
    }
    const n = Math.max(1, Math.min(availableParallelism() - 0, 4, Math.ceil(files.length / MIN_FILES_FOR_WORKERS)));
    const chunks: string[][] = Array.from({ length: n }, () => []);
    files.forEach((f, i) => chunks[i % n].push(f));
    await Promise.all(
      chunks.map(
        (chunk) =>
          new Promise<void>((resolve, reject) => {
            const w = new Worker(script, { workerData: { files: chunk, trackerNames } });
            w.once('message', (res: [string, FileSummary][]) => {
              for (const [f, s] of res) out.set(f, s);
              resolve();
              void w.terminate();
            });
            w.once('error', reject);
          }),
      ),
    );
    return out;
  };
}
