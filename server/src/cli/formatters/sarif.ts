/**
 * `--format sarif`: SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.
 *
 * One run. `tool.driver.rules` lists every rule (so a viewer can explain rules that did not
 * fire); each result points at its rule by id and index. Paths are relative URIs against the
 * `%SRCROOT%` base (the directory the check ran in, given in `originalUriBaseIds`).
 *
 * `partialFingerprints["privet/v1"]` identifies a finding across commits without using its line
 * number: a hash of the rule, the file, the whitespace-normalised text of the flagged line(s) (the
 * message when no text is available), the event and the property, then `:<n>` counting identical
 * keys in the file, so a result keeps its fingerprint when unrelated lines are added above it.
 */
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CheckResult, Finding, Severity } from '../../core/types';
import { GetText, compareFindings, relativePath, splitLines, toLocation1 } from './common';

/** Rule metadata for `tool.driver.rules` (from the rule registry). */
export interface SarifRuleInfo {
  id: string;
  defaultSeverity: Severity;
  /** One-line summary (`shortDescription`). */
  description: string;
  /** Longer explanation (`fullDescription`); the summary when absent. */
  fullDescription?: string;
  /** `properties.tags`; `['privacy']` when absent. */
  tags?: string[];
}

export interface SarifFormatOptions {
  /** The check's working directory: `%SRCROOT%`, and paths are made relative to it. */
  cwd: string;
  toolVersion: string;
  rules: SarifRuleInfo[];
  /** Source text of a file (as named in the findings), for snippets and fingerprints. */
  getText?: GetText;
  /** `invocations[0].executionSuccessful`; true when absent. */
  executionSuccessful?: boolean;
}

export const SARIF_SCHEMA_URI =
  'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
export const PRIVET_INFORMATION_URI = 'https://github.com/privet-dev/privet';
export const FINGERPRINT_KEY = 'privet/v1';
const SRCROOT = '%SRCROOT%';

export function ruleHelpUri(id: string): string {
  return `${PRIVET_INFORMATION_URI}/blob/main/docs/rules/${encodeURIComponent(id)}.md`;
}

const sarifLevel: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

/** GitHub code scanning's severity property for non-security queries. */
const problemSeverity: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'recommendation' };

/** `undeclared-event` → `UndeclaredEvent` (SARIF's `reportingDescriptor.name`). */
function ruleName(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join('');
}

/** A relative path as a relative URI reference: each segment percent-encoded. */
function pathToUri(rel: string): string {
  return rel.split('/').map(encodeURIComponent).join('/');
}

function sourceLanguage(file: string): string | undefined {
  const ext = path.extname(file).toLowerCase();
  switch (ext) {
    case '.ts':
    case '.mts':
    case '.cts':
      return 'typescript';
    case '.tsx':
      return 'typescriptreact';
    case '.js':
    case '.mjs':
    case '.cjs':
      return 'javascript';
    case '.jsx':
      return 'javascriptreact';
    case '.yaml':
    case '.yml':
      return 'yaml';
    case '.json':
      return 'json';
    case '.vue':
      return 'vue';
    case '.svelte':
      return 'svelte';
    case '.html':
    case '.htm':
      return 'html';
    default:
      return undefined;
  }
}

interface Artifact {
  uri: string;
  /** False for a non-file URI (kept absolute, no base). */
  relative: boolean;
  index: number;
  file: string;
  lines?: string[];
  text?: string;
}

function normalise(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

export function formatSarif(result: CheckResult, opts: SarifFormatOptions): string {
  return JSON.stringify(buildSarifLog(result, opts), null, 2) + '\n';
}

/** The SARIF log as an object (what `formatSarif` serialises). */
export function buildSarifLog(result: CheckResult, opts: SarifFormatOptions): Record<string, unknown> {
  const { cwd } = opts;
  const findings = [...result.findings].sort(compareFindings(cwd));

  // Rules: the registry's, then any rule that fired without being listed (so ruleIndex is valid).
  const rules: SarifRuleInfo[] = [];
  const ruleIndex = new Map<string, number>();
  for (const r of opts.rules) {
    if (ruleIndex.has(r.id)) continue;
    ruleIndex.set(r.id, rules.length);
    rules.push(r);
  }
  for (const f of findings) {
    if (ruleIndex.has(f.rule)) continue;
    ruleIndex.set(f.rule, rules.length);
    rules.push({ id: f.rule, defaultSeverity: f.severity, description: `Privet rule ${f.rule}.` });
  }

  // Artifacts, in order of first finding.
  const manifests = new Set(result.manifests.map((m) => relativePath(m, cwd)));
  const artifacts = new Map<string, Artifact>();
  const artifactOf = (f: Finding): Artifact => {
    const rel = relativePath(f.file, cwd);
    let a = artifacts.get(rel);
    if (!a) {
      const relative = !/^[a-z][a-z0-9+.-]+:/i.test(rel);
      const text = opts.getText?.(f.file);
      a = {
        uri: relative ? pathToUri(rel) : rel,
        relative,
        index: artifacts.size,
        file: rel,
        text,
        lines: text === undefined ? undefined : splitLines(text),
      };
      artifacts.set(rel, a);
    }
    return a;
  };

  const occurrences = new Map<string, number>();
  const results = findings.map((f) => {
    const a = artifactOf(f);
    const loc = toLocation1(f.range);
    const region: Record<string, unknown> = {
      startLine: loc.line,
      startColumn: loc.column,
      endLine: loc.endLine,
      endColumn: loc.endColumn,
    };
    let contextRegion: Record<string, unknown> | undefined;
    let flagged: string | undefined;
    if (a.lines && f.range.start.line < a.lines.length) {
      const last = Math.min(f.range.end.line, a.lines.length - 1, f.range.start.line + 9);
      const lines = a.lines.slice(f.range.start.line, last + 1);
      flagged = lines.join('\n');
      const snippet =
        f.range.start.line === f.range.end.line
          ? lines[0].slice(f.range.start.character, f.range.end.character)
          : [
              lines[0].slice(f.range.start.character),
              ...lines.slice(1, -1),
              lines[lines.length - 1].slice(0, last === f.range.end.line ? f.range.end.character : undefined),
            ].join('\n');
      region.snippet = { text: snippet };
      contextRegion = { startLine: loc.line, endLine: last + 1, snippet: { text: flagged } };
    }

    const key = [f.rule, a.file, normalise(flagged ?? f.message), f.event ?? '', f.property ?? ''].join('\u0000');
    const hash = createHash('sha256').update(key).digest('hex').slice(0, 32);
    const n = (occurrences.get(hash) ?? 0) + 1;
    occurrences.set(hash, n);

    const physicalLocation: Record<string, unknown> = {
      artifactLocation: a.relative ? { uri: a.uri, uriBaseId: SRCROOT, index: a.index } : { uri: a.uri, index: a.index },
      region,
    };
    if (contextRegion) physicalLocation.contextRegion = contextRegion;

    const out: Record<string, unknown> = {
      ruleId: f.rule,
      ruleIndex: ruleIndex.get(f.rule),
      level: sarifLevel[f.severity],
      message: { text: f.message },
      locations: [{ physicalLocation }],
      partialFingerprints: { [FINGERPRINT_KEY]: `${hash}:${n}` },
    };
    if (f.suppressed) {
      const s = f.suppression ?? { kind: 'inSource' as const, justification: '' };
      const suppression: Record<string, unknown> = { kind: s.kind, status: 'accepted' };
      if (s.justification) suppression.justification = s.justification;
      out.suppressions = [suppression];
    }
    return out;
  });

  const driverRules = rules.map((r) => {
    const helpUri = ruleHelpUri(r.id);
    const full = r.fullDescription ?? r.description;
    return {
      id: r.id,
      name: ruleName(r.id),
      shortDescription: { text: r.description },
      fullDescription: { text: full },
      defaultConfiguration: { level: sarifLevel[r.defaultSeverity] },
      helpUri,
      help: { text: `${full} See ${helpUri}`, markdown: `${full}\n\n[Documentation](${helpUri})` },
      properties: { tags: r.tags ?? ['privacy'], precision: 'high', 'problem.severity': problemSeverity[r.defaultSeverity] },
    };
  });

  const driver: Record<string, unknown> = {
    name: 'privet',
    version: opts.toolVersion,
    informationUri: PRIVET_INFORMATION_URI,
    rules: driverRules,
  };
  if (/^\d+\.\d+\.\d+(?:[-+].*)?$/.test(opts.toolVersion)) driver.semanticVersion = opts.toolVersion;

  let root = pathToFileURL(cwd).href;
  if (!root.endsWith('/')) root += '/';

  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: { driver },
        invocations: [{ executionSuccessful: opts.executionSuccessful ?? true }],
        originalUriBaseIds: { [SRCROOT]: { uri: root } },
        artifacts: [...artifacts.values()].map((a) => {
          const art: Record<string, unknown> = {
            location: a.relative ? { uri: a.uri, uriBaseId: SRCROOT } : { uri: a.uri },
            roles: [manifests.has(a.file) ? 'userSpecifiedConfiguration' : 'analysisTarget'],
          };
          const lang = sourceLanguage(a.file);
          if (lang) art.sourceLanguage = lang;
          if (a.text !== undefined) art.length = Buffer.byteLength(a.text, 'utf8');
          return art;
        }),
        results,
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
}
