/**
 * The rule engine: every rule of `shared/spec/rules.md`, one module each, run over the calls a
 * manifest governs. `runRules` annotates the calls (destinations, declared categories, proven
 * consent), runs the rules, drops duplicates, applies in-source suppressions and manifest
 * exceptions, reports unused suppressions, applies severity overrides and sorts. It never throws:
 * a rule that throws is recorded in `errors` and the others go on.
 */
import { fileURLToPath } from 'node:url';
import { posix } from 'node:path';
import picomatch from 'picomatch';
import type { ParsedManifest } from '../manifest/types';
import { annotateCalls } from '../services/callContext';
import { offsetAt } from '../textEdits';
import type { Finding, Severity, TrackingCall } from '../types';
import type { Report, Rule, RuleContext, UnusedSuppressions } from './ruleTypes';
import { isExpired } from './support';
import { parseSuppressions, type ParsedSuppression } from './suppressions';

import { rule as undeclaredEvent } from './undeclared-event';
import { rule as undeclaredProperty } from './undeclared-property';
import { rule as unknownDestination } from './unknown-destination';
import { rule as destinationNotAllowed } from './destination-not-allowed';
import { rule as purposeNotAllowed } from './purpose-not-allowed';
import { rule as forbiddenCategory } from './forbidden-category';
import { rule as categoryMismatch } from './category-mismatch';
import { rule as dataMinimization } from './data-minimization';
import { rule as specialCategory } from './special-category';
import { rule as missingConsentGuard } from './missing-consent-guard';
import { rule as undeclaredIdentity } from './undeclared-identity';
import { rule as dynamicEventName } from './dynamic-event-name';
import { rule as expiredDeclaration } from './expired-declaration';
import { rule as annotationMismatch } from './annotation-mismatch';
import { rule as undeclaredTechnique } from './undeclared-technique';
import { rule as replayUnmasked } from './replay-unmasked';
import { rule as unusedSuppression } from './unused-suppression';
import { rule as manifestMissing } from './manifest-missing';
import { rule as manifestSyntax } from './manifest-syntax';
import { rule as manifestSchema } from './manifest-schema';
import { rule as unusedEvent } from './unused-event';
import { rule as unusedDeclaration } from './unused-declaration';
import { rule as missingRetention } from './missing-retention';

export type { Rule, RuleMeta, RuleContext, Report } from './ruleTypes';

/** Every rule, in the order of `rules.md`. */
export const allRules: Rule[] = [
  undeclaredEvent,
  undeclaredProperty,
  unknownDestination,
  destinationNotAllowed,
  purposeNotAllowed,
  forbiddenCategory,
  categoryMismatch,
  dataMinimization,
  specialCategory,
  missingConsentGuard,
  undeclaredIdentity,
  dynamicEventName,
  expiredDeclaration,
  annotationMismatch,
  undeclaredTechnique,
  replayUnmasked,
  unusedSuppression,
  manifestMissing,
  manifestSyntax,
  manifestSchema,
  unusedEvent,
  unusedDeclaration,
  missingRetention,
];

/** Rule ids (for `privet rules`, settings validation, `knownRuleIds` of the manifest parser). */
export const ruleIds: ReadonlySet<string> = new Set(allRules.map((r) => r.meta.id));

/** The rule with this id. */
export function ruleById(id: string): Rule | undefined {
  return allRules.find((r) => r.meta.id === id);
}

/** Documentation address of a rule (relative to the repository root). */
export function ruleDocPath(id: string): string {
  return `docs/rules/${id}.md`;
}

export type SeverityOverride = 'off' | 'warn' | 'warning' | 'error' | 'info';

export interface RuleRunInput {
  /** The calls the manifest governs (or, with no manifest, the calls of the files without one). */
  calls: TrackingCall[];
  /** The governing manifest, parsed; null when no manifest governs these files. */
  parsed: ParsedManifest | null;
  manifestPath: string | null;
  /** Folder of the manifest ('/'-separated); guard modules and exception globs are relative to it. */
  manifestDir: string;
  /** The files checked (suppression comments are read from these and from the calls' files). */
  files: string[];
  getText(file: string): string | undefined;
  overrides?: Record<string, SeverityOverride>;
  /** YYYY-MM-DD */
  today: string;
  /** The checked files are the whole folder of the manifest (enables `unused-event` and call-based `unused-declaration`). */
  wholeScope: boolean;
}

/** A rule that threw (the run goes on without its findings for that call). */
export interface RuleError {
  rule: string;
  file?: string;
  message: string;
}

export interface RuleRunResult {
  findings: Finding[];
  errors: RuleError[];
}

/** The severity a rule runs at, or 'off'. */
export function effectiveSeverity(rule: Rule, overrides?: Record<string, SeverityOverride>): Severity | 'off' {
  const o = overrides?.[rule.meta.id];
  if (o === 'off') return 'off';
  if (o === 'warn' || o === 'warning') return 'warning';
  if (o === 'error' || o === 'info') return o;
  return rule.meta.defaultSeverity;
}

interface Raw {
  finding: Finding;
  call: TrackingCall | null;
}

/** Run every rule over one manifest's calls. Never throws. */
export function runRules(input: RuleRunInput): RuleRunResult {
  const errors: RuleError[] = [];
  try {
    return run(input, errors);
  } catch (e) {
    errors.push({ rule: '(engine)', message: e instanceof Error ? e.message : String(e) });
    return { findings: [], errors };
  }
}

function toFinding(rule: Rule, severity: Severity, r: Report): Finding {
  const f: Finding = { rule: rule.meta.id, severity, message: r.message, file: r.file, range: r.range, suppressed: false, suppression: null, fixes: r.fixes ?? [] };
  if (r.event !== undefined) f.event = r.event;
  if (r.property !== undefined) f.property = r.property;
  if (r.category !== undefined) f.category = r.category;
  if (r.destination !== undefined) f.destination = r.destination;
  if (r.purpose !== undefined) f.purpose = r.purpose;
  return f;
}

function run(input: RuleRunInput, errors: RuleError[]): RuleRunResult {
  const parsed = input.parsed ?? null;
  const manifest = parsed?.manifest ?? null;
  const calls = input.calls ?? [];
  const safeText = (file: string): string | undefined => {
    try {
      return input.getText(file);
    } catch {
      return undefined;
    }
  };
  try {
    annotateCalls(calls, manifest, input.manifestDir);
  } catch (e) {
    errors.push({ rule: '(annotate)', message: e instanceof Error ? e.message : String(e) });
  }

  const severities = new Map<string, Severity | 'off'>(allRules.map((r) => [r.meta.id, effectiveSeverity(r, input.overrides)]));
  const active = allRules.filter((r) => severities.get(r.meta.id) !== 'off');
  const raw: Raw[] = [];
  let current: { rule: Rule; call: TrackingCall | null } = { rule: active[0], call: null };
  const ctx: RuleContext = {
    manifest,
    parsedManifest: parsed,
    manifestPath: input.manifestPath,
    manifestDir: input.manifestDir,
    calls,
    files: input.files,
    wholeScope: input.wholeScope,
    today: input.today,
    getText: safeText,
    report(r: Report) {
      const sev = severities.get(current.rule.meta.id) as Severity;
      raw.push({ finding: toFinding(current.rule, sev, r), call: current.call });
    },
  };
  const guarded = (rule: Rule, call: TrackingCall | null, fn: () => void) => {
    current = { rule, call };
    try {
      fn();
    } catch (e) {
      errors.push({ rule: rule.meta.id, file: call?.file, message: e instanceof Error ? e.message : String(e) });
    }
  };
  for (const rule of active) {
    if (rule.checkCall && manifest) for (const call of calls) guarded(rule, call, () => rule.checkCall!(call, ctx));
    if (rule.checkProject) guarded(rule, null, () => rule.checkProject!(calls, ctx));
  }

  const findings = dedupe(raw);

  // In-source suppressions.
  const suppressions = new Map<string, ParsedSuppression[]>();
  const sourceFiles = new Set<string>([...input.files, ...calls.map((c) => c.file), ...findings.map((f) => f.finding.file)]);
  if (input.manifestPath) sourceFiles.delete(input.manifestPath);
  for (const file of sourceFiles) {
    const text = safeText(file);
    if (text === undefined || !text.includes('privet-')) continue;
    try {
      const list = parseSuppressions(file, text);
      if (list.length) suppressions.set(file, list);
    } catch (e) {
      errors.push({ rule: '(suppressions)', file, message: e instanceof Error ? e.message : String(e) });
    }
  }
  for (const { finding: f, call } of findings) {
    const list = suppressions.get(f.file);
    if (!list) continue;
    const text = safeText(f.file) ?? '';
    for (const s of list) {
      if (s.rules.length > 0 && !s.rules.includes(f.rule)) continue;
      let hit = false;
      if (s.line !== undefined) {
        hit = f.range.start.line === s.line || (call !== null && call.file === f.file && call.range.start.line === s.line);
      } else if (s.from !== undefined) {
        const at = offsetAt(text, f.range.start);
        hit = at >= s.from && at < (s.to ?? text.length);
      }
      if (!hit) continue;
      s.used.add(s.rules.length > 0 ? f.rule : '*');
      if (!f.suppressed) {
        f.suppressed = true;
        f.suppression = { kind: 'inSource', justification: s.justification };
      }
    }
  }

  // Manifest exceptions.
  const exceptionUsed = new Set<number>();
  if (manifest) {
    manifest.exceptions.forEach((ex, index) => {
      if (isExpired(ex.expires, input.today)) return;
      let match: ((p: string) => boolean) | null = null;
      if (ex.file) {
        try {
          match = picomatch(ex.file, { dot: true });
        } catch {
          return;
        }
      }
      for (const { finding: f } of findings) {
        if (f.rule !== ex.rule) continue;
        if (ex.event !== undefined && f.event !== ex.event) continue;
        if (ex.property !== undefined && f.property !== ex.property) continue;
        if (ex.destination !== undefined && f.destination !== ex.destination) continue;
        if (ex.purpose !== undefined && f.purpose !== ex.purpose) continue;
        if (match && !match(relativeToManifest(f.file, input.manifestDir))) continue;
        exceptionUsed.add(index);
        if (!f.suppressed) {
          f.suppressed = true;
          f.suppression = { kind: 'external', justification: ex.reason ?? '' };
        }
      }
    });
  }

  const out = findings.map((x) => x.finding);

  // Unused suppressions (only with a manifest: without one almost no rule runs).
  if (manifest && severities.get(unusedSuppression.meta.id) !== 'off') {
    const unused: UnusedSuppressions = { comments: [], exceptions: [] };
    const isOff = (id: string) => severities.get(id) === 'off';
    for (const list of suppressions.values()) {
      for (const s of list) {
        if (s.rules.length === 0) {
          if (s.used.size === 0) unused.comments.push({ comment: s, unusedRules: [] });
          continue;
        }
        const idle = s.rules.filter((r) => !s.used.has(r) && !isOff(r) && r !== unusedSuppression.meta.id);
        if (idle.length > 0) unused.comments.push({ comment: s, unusedRules: idle });
      }
    }
    manifest.exceptions.forEach((ex, index) => {
      if (exceptionUsed.has(index) || isExpired(ex.expires, input.today) || isOff(ex.rule)) return;
      unused.exceptions.push({ exception: ex, index });
    });
    if (unused.comments.length || unused.exceptions.length) {
      const before = out.length;
      const collect: Raw[] = [];
      const sctx: RuleContext = {
        ...ctx,
        report(r: Report) {
          collect.push({ finding: toFinding(unusedSuppression, severities.get(unusedSuppression.meta.id) as Severity, r), call: null });
        },
      };
      try {
        unusedSuppression.checkSuppressions!(unused, sctx);
      } catch (e) {
        errors.push({ rule: unusedSuppression.meta.id, message: e instanceof Error ? e.message : String(e) });
      }
      out.push(...collect.map((c) => c.finding));
      void before;
    }
  }

  out.sort(compareFindings);
  return { findings: out, errors };
}

/** Drops exact duplicates, and findings at a wrapper's call site that its body already reports. */
function dedupe(raw: Raw[]): Raw[] {
  const inner = new Set<string>();
  for (const r of raw) if (r.call?.insideWrapper) inner.add(`${r.call.insideWrapper}\u0000${r.finding.rule}\u0000${r.finding.message}`);
  const seen = new Set<string>();
  const out: Raw[] = [];
  for (const r of raw) {
    const f = r.finding;
    if (r.call?.via && !r.call.insideWrapper && inner.has(`${r.call.via}\u0000${f.rule}\u0000${f.message}`)) continue;
    const key = `${f.rule}\u0000${f.file}\u0000${f.range.start.line}:${f.range.start.character}-${f.range.end.line}:${f.range.end.character}\u0000${f.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(r);
  }
  return out;
}

/** A finding's file relative to the manifest's folder, '/'-separated (for exception globs). */
export function relativeToManifest(file: string, manifestDir: string): string {
  let p = file;
  if (p.startsWith('file:')) {
    try {
      p = fileURLToPath(p);
    } catch {
      // keep as is
    }
  }
  p = p.replace(/\\/g, '/');
  const dir = manifestDir.replace(/\\/g, '/');
  if (posix.isAbsolute(p) || /^[A-Za-z]:\//.test(p)) {
    if (dir) {
      const rel = posix.relative(dir, p);
      return rel;
    }
    return p.replace(/^\/+/, '');
  }
  return p.replace(/^\.\//, '');
}

/** By file, line, column, rule, then message. */
export function compareFindings(a: Finding, b: Finding): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return (
    a.range.start.line - b.range.start.line ||
    a.range.start.character - b.range.start.character ||
    (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0) ||
    (a.message < b.message ? -1 : a.message > b.message ? 1 : 0)
  );
}
