/**
 * Helpers shared by the output formatters: paths relative to the current directory, 1-based
 * positions, a stable order of findings, and the "errors only" filter of `--quiet`.
 */
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Finding, Range, Severity } from '../../core/types';

/** Reads a file's text for code frames and fingerprints; `undefined` when it is not available. */
export type GetText = (file: string) => string | undefined;

/**
 * A file as given to the core (a path or a `file:` URI) relative to `cwd`, `/`-separated.
 * Other URIs (`untitled:`…) are returned unchanged.
 */
export function relativePath(file: string, cwd: string): string {
  let p = file;
  if (/^file:/i.test(p)) {
    try {
      p = fileURLToPath(p);
    } catch {
      return file;
    }
  } else if (/^[a-z][a-z0-9+.-]+:/i.test(p) && !/^[a-z]:[\\/]/i.test(p)) {
    return file;
  }
  const isWin = /^[a-z]:[\\/]/i.test(p) || /^[a-z]:[\\/]/i.test(cwd);
  const impl = isWin ? path.win32 : path;
  let rel = impl.isAbsolute(p) ? impl.relative(cwd, p) : impl.normalize(p);
  rel = rel.replace(/\\/g, '/');
  if (rel === '') rel = '.';
  if (rel.startsWith('./')) rel = rel.slice(2);
  return rel;
}

/** 1-based line/column of a 0-based range; `endColumn` exclusive. */
export interface Location1 {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export function toLocation1(range: Range): Location1 {
  return {
    line: range.start.line + 1,
    column: range.start.character + 1,
    endLine: range.end.line + 1,
    endColumn: range.end.character + 1,
  };
}

const severityRank: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Compares by file (relative), position, then rule, severity and message: a stable report order. */
export function compareFindings(cwd: string): (a: Finding, b: Finding) => number {
  return (a, b) =>
    cmp(relativePath(a.file, cwd), relativePath(b.file, cwd)) ||
    a.range.start.line - b.range.start.line ||
    a.range.start.character - b.range.start.character ||
    a.range.end.line - b.range.end.line ||
    a.range.end.character - b.range.end.character ||
    cmp(a.rule, b.rule) ||
    severityRank[a.severity] - severityRank[b.severity] ||
    cmp(a.message, b.message);
}

export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Sorted copy of the findings, suppressed ones dropped and, with `quiet`, errors only. */
export function visibleFindings(findings: readonly Finding[], cwd: string, quiet = false): Finding[] {
  return findings
    .filter((f) => !f.suppressed && (!quiet || f.severity === 'error'))
    .sort(compareFindings(cwd));
}

/** True when a finding has a fix that `privet check --fix` applies. */
export function hasSafeFix(f: Finding): boolean {
  return f.fixes.some((x) => x.safe);
}

/** Splits a text into lines (LF, CRLF or CR), without the terminators. */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/** A message on one line (for line-oriented formats). */
export function oneLine(s: string): string {
  return s.replace(/\s*(?:\r\n|\r|\n)\s*/g, ' ');
}
