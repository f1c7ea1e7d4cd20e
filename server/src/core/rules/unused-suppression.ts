/**
 * `unused-suppression`: a `privet-disable*` comment (or one of the rule ids it names) suppressed
 * no finding, or an unexpired manifest exception matched no finding. Computed by the engine after
 * every other rule ran; comments for rules that are switched off are not reported.
 */
import { removeException } from '../manifest/manifestEdits';
import { lineStarts, positionAt } from '../textEdits';
import type { Fix, TextEdit } from '../types';
import type { Rule, RuleContext, SuppressionComment } from './ruleTypes';
import { codeFix, fixes, manifestFix, q } from './support';

/** Edits removing a comment: its whole line when it stands alone, else the comment and the blanks before it. */
export function removeCommentEdits(text: string, start: number, end: number): TextEdit[] {
  const starts = lineStarts(text);
  let ls = start;
  while (ls > 0 && text[ls - 1] !== '\n' && text[ls - 1] !== '\r') ls--;
  let le = end;
  while (le < text.length && text[le] !== '\n' && text[le] !== '\r') le++;
  const before = text.slice(ls, start);
  const after = text.slice(end, le);
  let from = start;
  let to = end;
  if (before.trim() === '' && after.trim() === '') {
    from = ls;
    to = le < text.length ? le + (text[le] === '\r' && text[le + 1] === '\n' ? 2 : 1) : le;
    if (le >= text.length && ls > 0) {
      // Last line: remove the line break before it instead.
      from = ls - (text[ls - 1] === '\n' && text[ls - 2] === '\r' ? 2 : 1);
      to = le;
    }
  } else {
    while (from > ls && (text[from - 1] === ' ' || text[from - 1] === '\t')) from--;
    if (from === ls) while (to < le && (text[to] === ' ' || text[to] === '\t')) to++;
  }
  return [{ range: { start: positionAt(text, from, starts), end: positionAt(text, to, starts) }, newText: '' }];
}

/** The comment's text without the rule ids in `drop`. */
function withoutRules(text: string, c: SuppressionComment, drop: string[]): TextEdit[] | null {
  const body = text.slice(c.start, c.end);
  const m = /privet-(?:disable-next-line|disable-line|disable)\b([ \t]+)([^\n]*?)(?=\s*(?:--|\*\/|$))/.exec(body);
  if (!m) return null;
  const ids = m[2].split(/[\s,]+/).filter(Boolean);
  const keep = ids.filter((x) => !drop.includes(x));
  if (keep.length === ids.length || keep.length === 0) return null;
  const from = c.start + m.index + m[0].length - m[2].length;
  const starts = lineStarts(text);
  return [{ range: { start: positionAt(text, from, starts), end: positionAt(text, from + m[2].length, starts) }, newText: keep.join(', ') }];
}

function commentFix(ctx: RuleContext, c: SuppressionComment, unused: string[]): Fix | null {
  const text = ctx.getText(c.file);
  if (text === undefined) return null;
  const all = unused.length === 0 || unused.length >= c.rules.length;
  if (!all) {
    const edits = withoutRules(text, c, unused);
    return edits ? codeFix(c.file, `Remove ${unused.map(q).join(', ')} from the suppression comment`, edits, true, true) : null;
  }
  const edits = removeCommentEdits(text, c.start, c.end);
  if (c.enable) edits.push(...removeCommentEdits(text, c.enable.start, c.enable.end));
  return codeFix(c.file, 'Remove the unused suppression comment', edits, true, true);
}

export const rule: Rule = {
  meta: {
    id: 'unused-suppression',
    defaultSeverity: 'warning',
    description: 'A suppression comment or manifest exception suppresses nothing',
    fixable: true,
    scope: 'project',
  },
  checkSuppressions(unused, ctx) {
    for (const { comment: c, unusedRules } of unused.comments) {
      const kind = c.kind === 'next-line' ? 'privet-disable-next-line' : c.kind === 'line' ? 'privet-disable-line' : 'privet-disable';
      const what = unusedRules.length === 0 ? '' : ` for ${unusedRules.map(q).join(', ')}`;
      ctx.report({
        message: `Unused ${kind} comment${what}: it suppresses no finding`,
        file: c.file,
        range: c.range,
        fixes: fixes(commentFix(ctx, c, unusedRules)),
      });
    }
    for (const { exception: ex, index } of unused.exceptions) {
      if (!ctx.manifestPath) continue;
      const about = [ex.event && `event ${q(ex.event)}`, ex.property && `property ${q(ex.property)}`, ex.destination && `destination ${q(ex.destination)}`, ex.file && `file ${ex.file}`]
        .filter(Boolean)
        .join(', ');
      ctx.report({
        message: `Exception for rule ${q(ex.rule)}${about ? ` (${about})` : ''} matches no finding`,
        file: ctx.manifestPath,
        range: ex.keyRange,
        event: ex.event ?? null,
        property: ex.property ?? null,
        destination: ex.destination ?? null,
        fixes: fixes(manifestFix(ctx, 'Remove the unused exception', true, [(pm) => removeException(pm, index)], true)),
      });
    }
  },
};
