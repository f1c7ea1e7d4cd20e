/**
 * Worker thread for large scans: summarises a chunk of files (read, parse, summarise, drop the
 * AST) and posts the summaries back. Started by `workerPool.ts`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { summarizeFile } from '../core/analysis/fileAnalysis';
import { getCatalogue } from '../core/catalogue';
import type { FileSummary } from '../core/analysis/summary';
import { readTextFile } from './files';

interface Job {
  files: string[];
  trackerNames: string[];
}

const { files, trackerNames } = workerData as Job;
const cat = getCatalogue();
const names = new Set(trackerNames);
const out: [string, FileSummary][] = [];
for (const f of files) {
  const text = readTextFile(f);
  if (text === undefined) continue;
  try {
    out.push([f, summarizeFile(f, text, cat, { trackerNames: names })]);
  } catch {
    out.push([f, { file: f, sites: [], entities: {}, exports: {}, starExports: [], lineStarts: [0], parseErrors: 1, imports: [] }]);
  }
}
parentPort!.postMessage(out);
