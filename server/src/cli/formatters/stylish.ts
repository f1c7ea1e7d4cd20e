/**
 * `--format stylish` (the default): ESLint-stylish-like, grouped by file.
 *
 *     src/checkout.ts
 *       42:3   error    Property 'email' is not declared for event 'Order Completed'  undeclared-property
 *       57:11  warning  The event name cannot be resolved statically                   dynamic-event-name
 *
 *         42 |   analytics.track('Order Completed', { email, total })
 *            |                                        ^^^^^ undeclared-property
 *         57 |   track(name, props)
 *            |         ^^^^ dynamic-event-name
 *
 *     ✖ 2 problems (1 error, 1 warning)
 *       1 error and 0 warnings potentially fixable with the `--fix` option.
 *
 * The problem lines of a file are consecutive and the code frames follow them: a problem
 * matcher's looping pattern (VS Code, GitHub Actions) stops at the first line it does not match,
 * so a frame between two problem lines would hide every later problem of the file. Frame lines
 * are indented and carry no `line:col`, so neither pattern below matches them.
 */
import type { CheckResult, Finding, Severity } from '../../core/types';
import { GetText, hasSafeFix, oneLine, relativePath, splitLines, visibleFindings } from './common';

export interface StylishFormatOptions {
  /** Paths are shown relative to this directory. */
  cwd: string;
  /** ANSI colours (the CLI passes true on a TTY). */
  color: boolean;
  /** Errors only. */
  quiet?: boolean;
  /** Source text of a file (as named in the findings), for code frames. */
  getText?: GetText;
}

/**
 * The output's regex-able shape (the same regexps as `problemMatcher.json`, applied to output
 * without ANSI codes): a file header line, then one problem line per finding.
 */
export const STYLISH_FILE_PATTERN = /^(?!✖ )(\S.*)$/;
/** Groups: 1 line, 2 column, 3 severity, 4 message, 5 rule id. */
export const STYLISH_PROBLEM_PATTERN = /^\s+(\d+):(\d+)\s+(error|warning|info)\s+(.+?)\s{2,}(\S+)$/;

/** Longest source line shown in a frame before it is cut around the flagged column. */
const FRAME_WIDTH = 160;

interface Paint {
  red(s: string): string;
  yellow(s: string): string;
  cyan(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
  underline(s: string): string;
}

const ansi = (open: number, close: number) => (s: string) => (s ? `\x1b[${open}m${s}\x1b[${close}m` : s);

const colored: Paint = {
  red: ansi(31, 39),
  yellow: ansi(33, 39),
  cyan: ansi(36, 39),
  dim: ansi(2, 22),
  bold: ansi(1, 22),
  underline: ansi(4, 24),
};

const plain: Paint = {
  red: (s) => s,
  yellow: (s) => s,
  cyan: (s) => s,
  dim: (s) => s,
  bold: (s) => s,
  underline: (s) => s,
};

function severityPaint(p: Paint, s: Severity): (t: string) => string {
  return s === 'error' ? p.red : s === 'warning' ? p.yellow : p.cyan;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Terminal columns of a code point: 0 for combining marks, 2 for East Asian wide and emoji. */
function charWidth(cp: number): number {
  if (
    (cp >= 0x0300 && cp <= 0x036f) ||
    (cp >= 0x1ab0 && cp <= 0x1aff) ||
    (cp >= 0x1dc0 && cp <= 0x1dff) ||
    (cp >= 0x20d0 && cp <= 0x20ff) ||
    (cp >= 0xfe00 && cp <= 0xfe0f) ||
    (cp >= 0xfe20 && cp <= 0xfe2f) ||
    cp === 0x200b ||
    cp === 0x200c ||
    cp === 0x200d
  ) {
    return 0;
  }
  if (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0x303e) ||
    (cp >= 0x3041 && cp <= 0x33ff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0xa000 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1f64f) ||
    (cp >= 0x1f900 && cp <= 0x1f9ff) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  ) {
    return 2;
  }
  return 1;
}

/** Display width of a string in terminal columns. */
function width(s: string): number {
  let n = 0;
  for (const ch of s) n += charWidth(ch.codePointAt(0)!);
  return n;
}

/** Blanks matching `s` column for column (tabs kept, so the terminal expands them alike). */
function blankLike(s: string): string {
  let out = '';
  for (const ch of s) out += ch === '\t' ? '\t' : ' '.repeat(charWidth(ch.codePointAt(0)!));
  return out;
}

function padEnd(s: string, w: number): string {
  return s + ' '.repeat(Math.max(0, w - width(s)));
}

export function formatStylish(result: CheckResult, opts: StylishFormatOptions): string {
  const { cwd } = opts;
  const p = opts.color ? colored : plain;
  const findings = visibleFindings(result.findings, cwd, opts.quiet);
  if (findings.length === 0) return '';

  const byFile = new Map<string, { file: string; findings: Finding[] }>();
  for (const f of findings) {
    const rel = relativePath(f.file, cwd);
    let group = byFile.get(rel);
    if (!group) byFile.set(rel, (group = { file: f.file, findings: [] }));
    group.findings.push(f);
  }

  const out: string[] = [];
  for (const [rel, group] of byFile) {
    out.push('', p.underline(rel));
    const rows = group.findings.map((f) => ({
      f,
      line: String(f.range.start.line + 1),
      col: String(f.range.start.character + 1),
      msg: oneLine(f.message).trim() || f.rule,
    }));
    const lw = Math.max(...rows.map((r) => r.line.length));
    const cw = Math.max(...rows.map((r) => r.col.length));
    const sw = Math.max(...rows.map((r) => r.f.severity.length));
    const mw = Math.max(...rows.map((r) => width(r.msg)));
    for (const r of rows) {
      const pos = `${r.line.padStart(lw)}:${r.col.padEnd(cw)}`;
      const sev = severityPaint(p, r.f.severity)(r.f.severity) + ' '.repeat(sw - r.f.severity.length);
      out.push(`  ${p.dim(pos)}  ${sev}  ${padEnd(r.msg, mw)}  ${p.dim(r.f.rule)}`);
    }
    const frame = opts.getText ? codeFrames(group.findings, opts.getText(group.file), p) : [];
    if (frame.length) out.push('', ...frame);
  }

  const count = (s: Severity) => findings.filter((f) => f.severity === s).length;
  const fixable = (s: Severity) => findings.filter((f) => f.severity === s && hasSafeFix(f)).length;
  const errors = count('error');
  const warnings = count('warning');
  const infos = count('info');
  const parts = [plural(errors, 'error'), plural(warnings, 'warning')];
  if (infos) parts.push(`${infos} info`);
  const summary = `✖ ${plural(findings.length, 'problem')} (${parts.join(', ')})`;
  const summaryPaint = errors ? p.red : warnings ? p.yellow : p.cyan;
  out.push('', summaryPaint(p.bold(summary)));

  const fe = fixable('error');
  const fw = fixable('warning');
  const fi = fixable('info');
  if (fe + fw + fi > 0) {
    const what = fi
      ? `${plural(fe, 'error')}, ${plural(fw, 'warning')} and ${fi} info`
      : `${plural(fe, 'error')} and ${plural(fw, 'warning')}`;
    out.push(summaryPaint(p.bold(`  ${what} potentially fixable with the \`--fix\` option.`)));
  }
  return out.join('\n') + '\n';
}

/** One frame per flagged source line: the line, then a caret underline per finding on it. */
function codeFrames(findings: Finding[], text: string | undefined, p: Paint): string[] {
  if (text === undefined) return [];
  const lines = splitLines(text);
  const byLine = new Map<number, Finding[]>();
  for (const f of findings) {
    const l = f.range.start.line;
    if (l < 0 || l >= lines.length) continue;
    const list = byLine.get(l);
    if (list) list.push(f);
    else byLine.set(l, [f]);
  }
  if (byLine.size === 0) return [];
  const gw = Math.max(...[...byLine.keys()].map((l) => String(l + 1).length));
  const out: string[] = [];
  for (const [l, list] of byLine) {
    const src = lines[l];
    // Cut long lines (minified code) to a window around the first flagged column.
    let from = 0;
    let to = src.length;
    if (src.length > FRAME_WIDTH) {
      const first = Math.min(...list.map((f) => f.range.start.character));
      from = Math.max(0, Math.min(first - 20, src.length - FRAME_WIDTH));
      to = Math.min(src.length, from + FRAME_WIDTH);
    }
    const lead = from > 0 ? '…' : '';
    const shown = lead + src.slice(from, to) + (to < src.length ? '…' : '');
    out.push(`    ${p.dim(String(l + 1).padStart(gw) + ' |')} ${shown}`);
    for (const f of list) {
      const start = Math.min(Math.max(f.range.start.character, from), to);
      const endOnLine = f.range.end.line === l ? f.range.end.character : src.length;
      const end = Math.min(Math.max(endOnLine, start), to);
      // Keep tabs so the caret lines up with the source as the terminal renders it.
      const prefix = blankLike(lead + src.slice(from, start));
      const carets = '^'.repeat(Math.max(1, width(src.slice(start, end))));
      out.push(
        `    ${p.dim(' '.repeat(gw) + ' |')} ${prefix}${severityPaint(p, f.severity)(carets)} ${p.dim(f.rule)}`,
      );
    }
  }
  return out;
}
