/**
 * The shape of a rule module (one file per rule, as ESLint rules are): metadata plus check
 * functions. The rule engine (`rules/index.ts`) runs every rule, applies severities, annotations,
 * suppressions and manifest exceptions.
 */
import type { Finding, Fix, Range, Severity, TrackingCall } from '../types';
import type { Manifest, ManifestException, ParsedManifest } from '../manifest/types';

/** Metadata every rule declares. */
export interface RuleMeta {
  id: string;
  defaultSeverity: Severity;
  /** One-line summary for `privet rules` and SARIF `shortDescription`. */
  description: string;
  /** Whether the rule can offer a quick fix. */
  fixable: boolean;
  /** Where it applies. */
  scope: 'call' | 'manifest' | 'project';
}

/** What a rule reports; the engine fills in the rule id, severity and suppression state. */
export type Report = Pick<Finding, 'message' | 'file' | 'range' | 'event' | 'property' | 'category' | 'destination' | 'purpose'> & { fixes?: Fix[] };

/** Everything a rule may look at. */
export interface RuleContext {
  /** The manifest governing the file(s) being checked (null when none, or when it does not parse). */
  manifest: Manifest | null;
  parsedManifest: ParsedManifest | null;
  /** Path of the manifest (the key of manifest edits in `Fix.edits`), or null when none governs. */
  manifestPath: string | null;
  /** Folder of the manifest (module paths and exception globs are relative to it). */
  manifestDir: string;
  /** Every call governed by the manifest in this run (after `annotateCalls`). */
  calls: readonly TrackingCall[];
  /** The files checked in this run. */
  files: readonly string[];
  /** Whether the checked files cover the manifest's whole folder (enables `unused-event`, …). */
  wholeScope: boolean;
  /** Today's date as YYYY-MM-DD (injected so tests are deterministic). */
  today: string;
  /** Source text by file, for computing code fixes. */
  getText(file: string): string | undefined;
  report(r: Report): void;
}

/** A suppression comment in code (`privet-disable-next-line`, `privet-disable-line`, `privet-disable`). */
export interface SuppressionComment {
  file: string;
  kind: 'next-line' | 'line' | 'block';
  /** Rule ids named by the comment; empty means every rule. */
  rules: string[];
  justification: string;
  /** Range of the whole comment (`// …` or `/* … *\/`). */
  range: Range;
  /** Offsets of the comment in the file text. */
  start: number;
  end: number;
  /** Rule ids (or `*` for a comment without ids) that suppressed at least one finding. */
  used: Set<string>;
  /** Block comments: the matching `privet-enable` comment, if any (removed together). */
  enable?: { range: Range; start: number; end: number } | null;
}

/** What suppressed nothing in a run, handed to `unused-suppression`. */
export interface UnusedSuppressions {
  /** Comments with the rule ids of theirs that suppressed nothing (all ids, or `[]` for a bare comment). */
  comments: { comment: SuppressionComment; unusedRules: string[] }[];
  /** Unexpired manifest exceptions that matched no finding, with their index in `exceptions`. */
  exceptions: { exception: ManifestException; index: number }[];
}

/** One rule. */
export interface Rule {
  meta: RuleMeta;
  /** Called once per tracking call governed by a (usable) manifest. */
  checkCall?(call: TrackingCall, ctx: RuleContext): void;
  /**
   * Called once per run with all calls the manifest governs (workspace-wide rules such as
   * `unused-event`), also when there is no manifest (`ctx.manifest` null).
   */
  checkProject?(calls: readonly TrackingCall[], ctx: RuleContext): void;
  /** Called after suppressions were applied (only `unused-suppression`). */
  checkSuppressions?(unused: UnusedSuppressions, ctx: RuleContext): void;
}

export type { Finding };
