/**
 * `--format json`: the machine-readable contract of the CLI spec (cli.md). Field order follows
 * the example there; a field is only ever added, never renamed or removed.
 */
import type { CheckResult, TrackingCall } from '../../core/types';
import { cmp, compareFindings, relativePath, toLocation1 } from './common';

export interface JsonFormatOptions {
  /** Paths are reported relative to this directory. */
  cwd: string;
  /** Privet's version, for `tool.version`. */
  toolVersion: string;
}

/** `--format json` document (version 1). */
export interface JsonReport {
  version: 1;
  tool: { name: 'privet'; version: string };
  manifests: string[];
  diagnostics: JsonDiagnostic[];
  calls: JsonCall[];
  summary: { files: number; calls: number; errors: number; warnings: number; ms: number };
}

export interface JsonDiagnostic {
  rule: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  event: string | null;
  property: string | null;
  suppressed: boolean;
}

export interface JsonCall {
  file: string;
  line: number;
  column: number;
  sdk: string;
  via: string | null;
  destinations: string[];
  kind: TrackingCall['kind'];
  event: string | null;
  properties: { key: string; category: string | null; inferred: string | null }[];
  guarded: string[];
  technique: TrackingCall['technique'];
}

/** The report as an object (what `formatJson` serialises). */
export function buildJsonReport(result: CheckResult, opts: JsonFormatOptions): JsonReport {
  const { cwd } = opts;
  const findings = [...result.findings].sort(compareFindings(cwd));
  const diagnostics = findings.map((f): JsonDiagnostic => {
    const loc = toLocation1(f.range);
    return {
      rule: f.rule,
      severity: f.severity,
      message: f.message,
      file: relativePath(f.file, cwd),
      line: loc.line,
      column: loc.column,
      endLine: loc.endLine,
      endColumn: loc.endColumn,
      event: f.event ?? null,
      property: f.property ?? null,
      suppressed: f.suppressed,
    };
  });
  const calls = result.calls
    .map((c) => ({ c, file: relativePath(c.file, cwd) }))
    .sort(
      (a, b) =>
        cmp(a.file, b.file) ||
        a.c.range.start.line - b.c.range.start.line ||
        a.c.range.start.character - b.c.range.start.character,
    )
    .map(({ c, file }): JsonCall => ({
      file,
      line: c.range.start.line + 1,
      column: c.range.start.character + 1,
      sdk: c.sdk,
      via: c.via ?? null,
      destinations: [...(c.destinations ?? [])],
      kind: c.kind,
      event: c.event ?? null,
      properties: c.properties.map((p) => ({
        key: p.key,
        category: p.declared ?? null,
        inferred: p.inferred ?? null,
      })),
      guarded: [...c.guarded],
      technique: c.technique ?? null,
    }));
  const active = result.findings.filter((f) => !f.suppressed);
  return {
    version: 1,
    tool: { name: 'privet', version: opts.toolVersion },
    manifests: result.manifests.map((m) => relativePath(m, cwd)),
    diagnostics,
    calls,
    summary: {
      files: result.files,
      calls: result.calls.length,
      errors: active.filter((f) => f.severity === 'error').length,
      warnings: active.filter((f) => f.severity === 'warning').length,
      ms: Math.round(result.ms),
    },
  };
}

/** `--format json`: one JSON object, pretty-printed, with a trailing newline. */
export function formatJson(result: CheckResult, opts: JsonFormatOptions): string {
  return JSON.stringify(buildJsonReport(result, opts), null, 2) + '\n';
}
