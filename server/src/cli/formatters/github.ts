/**
 * `--format github`: GitHub Actions workflow commands, one annotation per finding.
 *
 *     ::error file=src/checkout.ts,line=42,col=3,endLine=42,endColumn=31,title=undeclared-property::Property 'email' …
 *
 * `warning` findings become `::warning`, `info` ones `::notice`; suppressed findings are left out.
 */
import type { CheckResult, Severity } from '../../core/types';
import { relativePath, toLocation1, visibleFindings } from './common';

export interface GithubFormatOptions {
  /** Paths are reported relative to this directory (the workspace root in Actions). */
  cwd: string;
  /** Errors only. */
  quiet?: boolean;
}

const command: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

/** Escapes a command's message (data) the way the Actions runner unescapes it. */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a command property value: as data, plus `:` and `,`, which delimit properties. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function formatGithub(result: CheckResult, opts: GithubFormatOptions): string {
  const findings = visibleFindings(result.findings, opts.cwd, opts.quiet);
  return findings
    .map((f) => {
      const loc = toLocation1(f.range);
      const props = [
        `file=${escapeProperty(relativePath(f.file, opts.cwd))}`,
        `line=${loc.line}`,
        `col=${loc.column}`,
        `endLine=${loc.endLine}`,
        `endColumn=${loc.endColumn}`,
        `title=${escapeProperty(f.rule)}`,
      ].join(',');
      return `::${command[f.severity]} ${props}::${escapeData(f.message)}\n`;
    })
    .join('');
}
