/**
 * In-source suppressions (`shared/spec/rules.md`, Suppressions):
 *
 *   // privet-disable-next-line rule-a, rule-b -- reason
 *   foo() // privet-disable-line rule-a -- reason
 *   /* privet-disable rule-a *\/ … /* privet-enable rule-a *\/
 *
 * Without rule ids a comment applies to every rule. Both comment styles work for every directive;
 * the directive must open the comment. Comments are found with the TypeScript parser, so text in
 * strings, templates and regular expressions is never taken for a comment.
 *
 * `next-line` applies to the next line that is not only a comment (so an `@privacy` annotation
 * may sit between the two), and to every finding of a call that starts on that line (a property
 * finding three lines into a multi-line call is covered). `line` applies likewise to its own line.
 */
import ts from 'typescript';
import { lineStarts, positionAt } from '../textEdits';
import type { Range } from '../types';
import type { SuppressionComment } from './ruleTypes';

const DIRECTIVE = /^\s*privet-(disable-next-line|disable-line|disable|enable)(?=\s|$)([\s\S]*)$/;

function scriptKind(file: string): ts.ScriptKind {
  const f = file.toLowerCase();
  if (f.endsWith('.tsx')) return ts.ScriptKind.TSX;
  if (f.endsWith('.ts') || f.endsWith('.mts') || f.endsWith('.cts')) return ts.ScriptKind.TS;
  if (f.endsWith('.jsx')) return ts.ScriptKind.JSX;
  return ts.ScriptKind.JS;
}

/** Every comment of a source text, as [start, end) offsets, in order. */
export function commentRanges(file: string, text: string): { pos: number; end: number; kind: ts.SyntaxKind }[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, scriptKind(file));
  const seen = new Map<number, { pos: number; end: number; kind: ts.SyntaxKind }>();
  const add = (rs: ts.CommentRange[] | undefined) => {
    for (const r of rs ?? []) if (!seen.has(r.pos)) seen.set(r.pos, { pos: r.pos, end: r.end, kind: r.kind });
  };
  const visit = (n: ts.Node): void => {
    add(ts.getLeadingCommentRanges(text, n.pos));
    add(ts.getTrailingCommentRanges(text, n.end));
    if (n.kind === ts.SyntaxKind.JsxText) return;
    for (const c of n.getChildren(sf)) visit(c);
  };
  visit(sf);
  add(ts.getLeadingCommentRanges(text, sf.endOfFileToken.pos));
  if (text.startsWith('#!')) add(ts.getLeadingCommentRanges(text, text.indexOf('\n') + 1));
  return [...seen.values()].sort((a, b) => a.pos - b.pos);
}

interface Directive {
  kind: 'next-line' | 'line' | 'block' | 'enable';
  rules: string[];
  justification: string;
  start: number;
  end: number;
  range: Range;
}

function parseDirective(body: string): { kind: Directive['kind']; rules: string[]; justification: string } | null {
  const m = DIRECTIVE.exec(body);
  if (!m) return null;
  const kind = m[1] === 'disable-next-line' ? 'next-line' : m[1] === 'disable-line' ? 'line' : m[1] === 'disable' ? 'block' : 'enable';
  let rest = m[2];
  let justification = '';
  const dash = rest.search(/(^|\s)--(\s|$)/);
  if (dash >= 0) {
    const at = rest.indexOf('--', dash);
    justification = rest.slice(at + 2).trim();
    rest = rest.slice(0, at);
  }
  const rules = rest.split(/[\s,]+/).map((x) => x.trim()).filter(Boolean);
  return { kind, rules, justification };
}

/** A suppression comment with what it covers. */
export interface ParsedSuppression extends SuppressionComment {
  /** Line the comment covers (next-line, line). */
  line?: number;
  /** Offsets it covers (block): after the comment, up to the matching enable or the end. */
  from?: number;
  to?: number;
}

/** The suppression comments of one file. */
export function parseSuppressions(file: string, text: string): ParsedSuppression[] {
  if (!text.includes('privet-disable')) return [];
  const starts = lineStarts(text);
  const lines = text.split(/\r\n|\r|\n/);
  const directives: Directive[] = [];
  for (const c of commentRanges(file, text)) {
    const raw = text.slice(c.pos, c.end);
    const body = c.kind === ts.SyntaxKind.SingleLineCommentTrivia ? raw.slice(2) : raw.slice(2, -2).replace(/^\s*\*/gm, ' ');
    const d = parseDirective(body);
    if (!d) continue;
    directives.push({ ...d, start: c.pos, end: c.end, range: { start: positionAt(text, c.pos, starts), end: positionAt(text, c.end, starts) } });
  }
  const isCommentOnly = (l: string) => {
    const t = l.trim();
    return t.startsWith('//') || t.startsWith('/*') || t.startsWith('*');
  };
  const out: ParsedSuppression[] = [];
  const open: ParsedSuppression[] = [];
  for (const d of directives) {
    if (d.kind === 'enable') {
      for (let i = open.length - 1; i >= 0; i--) {
        const b = open[i];
        const closes = d.rules.length === 0 || (b.rules.length > 0 && b.rules.some((r) => d.rules.includes(r)));
        if (!closes) continue;
        b.to = d.start;
        b.enable = { range: d.range, start: d.start, end: d.end };
        open.splice(i, 1);
      }
      continue;
    }
    const s: ParsedSuppression = { file, kind: d.kind, rules: d.rules, justification: d.justification, range: d.range, start: d.start, end: d.end, used: new Set(), enable: null };
    if (d.kind === 'line') s.line = d.range.start.line;
    else if (d.kind === 'next-line') {
      let l = d.range.end.line + 1;
      while (l < lines.length && isCommentOnly(lines[l])) l++;
      s.line = l;
    } else {
      s.from = d.end;
      s.to = text.length;
      open.push(s);
    }
    out.push(s);
  }
  return out;
}
