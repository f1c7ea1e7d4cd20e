/**
 * Test helper: run the real detection over inline sources. Paths are taken relative to a
 * virtual root `/proj`.
 */
import { ProjectAnalyzer, type ManifestTrackerInput } from '../../src/core/analysis/project';
import { getCatalogue } from '../../src/core/catalogue';
import type { TrackingCall } from '../../src/core/types';

export const ROOT = '/proj';

export interface DetectOptions {
  trackers?: ManifestTrackerInput[];
  /** Extra non-source files (tsconfig.json) by relative path. */
  config?: Record<string, string>;
}

/** Detect the tracking calls of a set of files (`{ 'src/a.ts': '…' }`). Call files are relative to ROOT. */
export async function detect(files: Record<string, string>, opts: DetectOptions = {}): Promise<TrackingCall[]> {
  const abs = new Map(Object.entries(files).map(([k, v]) => [`${ROOT}/${k}`, v]));
  const config = new Map(Object.entries(opts.config ?? {}).map(([k, v]) => [`${ROOT}/${k}`, v]));
  const analyzer = new ProjectAnalyzer(getCatalogue(), {
    files: [...abs.keys()],
    readFile: (p) => abs.get(p) ?? config.get(p),
    trackers: opts.trackers,
  });
  const { calls } = await analyzer.analyze();
  for (const c of calls) c.file = c.file.slice(ROOT.length + 1);
  return calls;
}

/** Detect in a single file named `src/app.ts` (or the given name). */
export async function detectOne(source: string, name = 'src/app.ts'): Promise<TrackingCall[]> {
  return detect({ [name]: source });
}

/** A compact view of calls for assertions: `sdk kind event [props] via`. */
export function brief(calls: TrackingCall[]): string[] {
  return calls.map((c) => `${c.sdk} ${c.kind} ${c.event ?? (c.eventDynamic ? '<dynamic>' : '-')} [${c.properties.map((p) => p.key).join(',')}]${c.via ? ` via ${c.via}` : ''}`);
}
