/**
 * Test harness for the rules: detect calls in inline sources with the real detection, parse an
 * inline manifest, run the rule engine. Files are relative to `/proj`; the manifest is
 * `privacy.yaml` in `/proj`.
 */
import { posix } from 'node:path';
import { detect, ROOT } from '../../helpers/detect';
import { parseManifest } from '../../../src/core/manifest/parseManifest';
import type { ParsedManifest } from '../../../src/core/manifest/types';
import { getCatalogue } from '../../../src/core/catalogue';
import { runRules, ruleIds, type RuleRunResult, type SeverityOverride } from '../../../src/core/rules';
import { applyEdits } from '../../../src/core/textEdits';
import type { Finding, Fix, TrackingCall } from '../../../src/core/types';

export const MANIFEST = 'privacy.yaml';
export const TODAY = '2026-01-15';

export interface RunOptions {
  today?: string;
  wholeScope?: boolean;
  overrides?: Record<string, SeverityOverride>;
  /** Change the detected calls before the rules run (for techniques the catalogue does not detect yet). */
  mutate?: (calls: TrackingCall[]) => void;
}

export interface RunResult extends RuleRunResult {
  calls: TrackingCall[];
  texts: Record<string, string>;
  parsed: ParsedManifest | null;
  /** Unsuppressed findings. */
  active: Finding[];
}

/** Remove the common leading indentation of a template (so YAML and code can be indented in tests). */
export function dedent(s: string): string {
  const lines = s.replace(/^\n/, '').split('\n');
  const ind = Math.min(...lines.filter((l) => l.trim()).map((l) => /^ */.exec(l)![0].length));
  return lines.map((l) => l.slice(ind)).join('\n');
}

export async function run(files: Record<string, string>, manifest: string | null, opts: RunOptions = {}): Promise<RunResult> {
  const texts: Record<string, string> = {};
  for (const [k, v] of Object.entries(files)) texts[k] = v;
  let parsed: ParsedManifest | null = null;
  if (manifest !== null) {
    texts[MANIFEST] = manifest;
    parsed = parseManifest(manifest, MANIFEST, { knownSdkIds: new Set(getCatalogue().entries.map((e) => e.id)), knownRuleIds: ruleIds });
  }
  const trackers = (parsed?.manifest?.trackers ?? []).map((t) => ({
    function: t.function,
    module: t.module && (t.module.startsWith('.') || (t.module.includes('/') && !t.module.startsWith('@'))) ? posix.join(ROOT, t.module) : t.module,
    kind: t.kind,
    eventArg: t.event_arg,
    propertiesArg: t.properties_arg,
    destinations: t.destinations,
  }));
  const calls = await detect(files, { trackers });
  opts.mutate?.(calls);
  const out = runRules({
    calls,
    parsed,
    manifestPath: manifest === null ? null : MANIFEST,
    manifestDir: ROOT,
    files: Object.keys(files),
    getText: (f) => texts[f],
    overrides: opts.overrides,
    today: opts.today ?? TODAY,
    wholeScope: opts.wholeScope ?? false,
  });
  return { ...out, calls, texts, parsed, active: out.findings.filter((f) => !f.suppressed) };
}

/** Findings of one rule (unsuppressed by default). */
export function of(r: RunResult, rule: string, includeSuppressed = false): Finding[] {
  return (includeSuppressed ? r.findings : r.active).filter((f) => f.rule === rule);
}

/** Messages of one rule. */
export function messages(r: RunResult, rule: string): string[] {
  return of(r, rule).map((f) => f.message);
}

/** The texts after applying a fix. */
export function applyFix(r: RunResult, fix: Fix): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [file, edits] of Object.entries(fix.edits)) {
    const text = r.texts[file];
    if (text === undefined) throw new Error(`fix edits unknown file ${file}`);
    out[file] = applyEdits(text, edits);
  }
  return out;
}

/** The fix with this title prefix. */
export function fixNamed(f: Finding, prefix: string): Fix {
  const fix = f.fixes.find((x) => x.title.startsWith(prefix));
  if (!fix) throw new Error(`no fix '${prefix}' on ${f.rule}: ${f.fixes.map((x) => x.title).join(' | ')}`);
  return fix;
}

/** A compact 1-based position `line:col` of a finding. */
export function at(f: Finding): string {
  return `${f.range.start.line + 1}:${f.range.start.character + 1}`;
}

/** A small manifest most tests start from (no consent needed, so guards stay out of the way). */
export const BASE = dedent(`
  version: 1
  purposes:
    product-analytics:
      use: analytics.reporting
      legal_basis: legitimate_interests
      data: [user.behavior, user.device, user.unique_id, none]
    marketing:
      use: marketing.advertising.first_party.targeted
      legal_basis: legitimate_interests
      data: [user.contact, user.unique_id]
  destinations:
    segment:
      sdk: segment
      purposes: [product-analytics]
      region: US
      retention: P1Y
    meta:
      sdk: meta-pixel
      purposes: [marketing]
      forbid: [user.health_and_medical]
      region: US
      retention: P1Y
  events:
    Order Completed:
      purpose: product-analytics
      properties:
        order_id: user.behavior
        plan: user.behavior
    Page Viewed:
      kind: page
      purpose: product-analytics
`);
