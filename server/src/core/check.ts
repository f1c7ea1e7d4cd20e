/**
 * The check pipeline shared by the CLI and the language server: find the governing manifest of
 * each file, detect the tracking calls of the whole project once, run the rules per manifest.
 * File access is injected; nothing here touches the file system itself.
 */
import { posix } from 'node:path';
import { ProjectAnalyzer, type ManifestTrackerInput, type ProjectHost } from './analysis/project';
import type { FileSummary } from './analysis/summary';
import { getCatalogue } from './catalogue';
import { parseManifest } from './manifest/parseManifest';
import { findManifestPath } from './manifest/findManifest';
import type { ParsedManifest } from './manifest/types';
import { runRules, ruleIds } from './rules';
import { annotateCalls } from './services/callContext';
import type { CheckResult, Finding, RuleSeverityOverrides, TrackingCall } from './types';

/** What a check needs from its host. */
export interface CheckHost {
  /** The source files to check ('/'-separated absolute paths). */
  files: readonly string[];
  /** Extra files that take part in wrapper and constant resolution but are not reported. */
  contextFiles?: readonly string[];
  readFile(path: string): string | undefined;
  fileExists(path: string): boolean;
  /** Use this manifest for every file (`--manifest`, `privet.manifest`). */
  manifestOverride?: string | null;
  overrides?: RuleSeverityOverrides;
  /** YYYY-MM-DD; defaults to today (UTC). */
  today?: string;
  /** Whether the checked files are the whole folder of a manifest (enables `unused-event`). */
  wholeScope?: boolean | ((manifestPath: string) => boolean);
  summaryCache?: ProjectHost['summaryCache'];
  /** Workspace packages of a monorepo (name -> folder), for imports of `@acme/lib/…`. */
  packages?: ReadonlyMap<string, string>;
  summarizeMany?: ProjectHost['summarizeMany'];
  onProgress?: ProjectHost['onProgress'];
  /** Previously parsed manifests to fall back on when one has syntax errors (last valid). */
  lastValid?: Map<string, ParsedManifest>;
}

/** A check result plus what adapters need to reuse (parsed manifests, summaries). */
export interface CheckOutput extends CheckResult {
  parsedManifests: Map<string, ParsedManifest>;
  /** Governing manifest per file (null: none). */
  manifestOf: Map<string, string | null>;
  summaries: Map<string, FileSummary>;
  /** Files that were parsed. */
  parsed: number;
}

/** The parsed manifest that applies: the current one, or the last valid one when it does not parse. */
export function effectiveManifest(path: string, text: string | undefined, lastValid?: Map<string, ParsedManifest>): ParsedManifest {
  const knownSdkIds = new Set(getCatalogue().entries.map((e) => e.id));
  const parsed = parseManifest(text ?? '', path, { knownSdkIds, knownRuleIds: ruleIds });
  if (parsed.manifest) lastValid?.set(path, parsed);
  else {
    const prev = lastValid?.get(path);
    if (prev?.manifest) return { ...parsed, manifest: prev.manifest };
  }
  return parsed;
}

export function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}

/** Run the whole check. */
export async function check(host: CheckHost): Promise<CheckOutput> {
  const started = Date.now();
  const manifestOf = new Map<string, string | null>();
  const parsedManifests = new Map<string, ParsedManifest>();
  for (const f of host.files) {
    const m = host.manifestOverride ?? findManifestPath(f, host.fileExists);
    manifestOf.set(f, m);
    if (m && !parsedManifests.has(m)) parsedManifests.set(m, effectiveManifest(m, host.readFile(m), host.lastValid));
  }

  const trackers: ManifestTrackerInput[] = [];
  for (const [path, pm] of parsedManifests) {
    for (const t of pm.manifest?.trackers ?? []) {
      const module = t.module && (t.module.startsWith('.') || t.module.includes('/') && !t.module.startsWith('@')) ? posix.join(posix.dirname(path), t.module) : t.module;
      trackers.push({ function: t.function, module, kind: t.kind, eventArg: t.event_arg, propertiesArg: t.properties_arg, destinations: t.destinations });
    }
  }

  const reported = new Set(host.files);
  const analyzer = new ProjectAnalyzer(getCatalogue(), {
    files: [...host.files, ...(host.contextFiles ?? []).filter((f) => !reported.has(f))],
    readFile: host.readFile,
    trackers,
    summaryCache: host.summaryCache,
    summarizeMany: host.summarizeMany,
    onProgress: host.onProgress,
    packages: host.packages,
  });
  const analysis = await analyzer.analyze();
  const calls = analysis.calls.filter((c) => reported.has(c.file));

  // Rules, per governing manifest (null groups the files without one).
  const groups = new Map<string | null, { files: string[]; calls: TrackingCall[] }>();
  for (const f of host.files) {
    const m = manifestOf.get(f) ?? null;
    const g = groups.get(m) ?? { files: [], calls: [] };
    g.files.push(f);
    groups.set(m, g);
  }
  for (const c of calls) groups.get(manifestOf.get(c.file) ?? null)?.calls.push(c);
  const findings: Finding[] = [];
  const today = host.today ?? todayUtc();
  for (const [m, g] of groups) {
    const parsed = m ? parsedManifests.get(m) ?? null : null;
    // Delegated wrapper calls are judged at the SDK call inside the wrapper; they still get their
    // destinations and declared categories for the inventory.
    const delegated = g.calls.filter((c) => c.delegated);
    if (delegated.length) annotateCalls(delegated, parsed?.manifest ?? null, m ? posix.dirname(m) : '');
    const out = runRules({
      calls: g.calls.filter((c) => !c.delegated),
      parsed,
      manifestPath: m,
      manifestDir: m ? posix.dirname(m) : '',
      files: g.files,
      getText: host.readFile,
      overrides: host.overrides as Record<string, 'off' | 'warn' | 'error' | 'info'>,
      today,
      wholeScope: typeof host.wholeScope === 'function' ? (m ? host.wholeScope(m) : false) : host.wholeScope ?? false,
    });
    findings.push(...(Array.isArray(out) ? out : (out as { findings: Finding[] }).findings));
  }

  return {
    manifests: [...parsedManifests.keys()].sort(),
    findings,
    calls,
    files: host.files.length,
    ms: Date.now() - started,
    parsedManifests,
    manifestOf,
    summaries: analysis.summaries,
    parsed: analysis.parsed,
  };
}
