/**
 * The shape of a rule module (one file per rule, as ESLint rules are): metadata plus check
 * functions. The rule engine (`rules/index.ts`) runs every rule, applies severities, annotations,
 * suppressions and manifest exceptions.
 */
import type { Finding, Fix, Range, Severity, TrackingCall } from '../types';
import type { Manifest, ParsedManifest } from '../manifest/types';

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

/** What a rule reports; the engine fills in severity, file and suppression state. */
export interface Report {
  message: string;
  file: string;
  range: Range;
  event?: string | null;
  property?: string | null;
  category?: string | null;
  destination?: string | null;
  purpose?: string | null;
  fixes?: Fix[];
}

/** Everything a rule may look at. */
export interface RuleContext {
  /** The manifest governing the file(s) being checked (null when none). */
  manifest: Manifest | null;
  parsedManifest: ParsedManifest | null;
  /** Today's date as YYYY-MM-DD (injected so tests are deterministic). */
  today: string;
  /** Source text by file, for computing code fixes. */
  getText(file: string): string | undefined;
  report(r: Report): void;
}

/** One rule. */
export interface Rule {
  meta: RuleMeta;
  /** Called once per tracking call governed by a manifest. */
  checkCall?(call: TrackingCall, ctx: RuleContext): void;
  /** Called once per manifest with all calls it governs (workspace-wide rules such as `unused-event`). */
  checkProject?(calls: TrackingCall[], ctx: RuleContext): void;
}

export type { Finding };
