/**
 * `manifest-missing`: tracking calls in a file that no manifest governs. One finding per file, at
 * its first call; the calls are still inventoried (`calls` in the JSON output, the data-flow map).
 */
import type { TrackingCall } from '../types';
import type { Rule } from './ruleTypes';

export const rule: Rule = {
  meta: {
    id: 'manifest-missing',
    defaultSeverity: 'info',
    description: 'No manifest governs the file (calls are still inventoried)',
    fixable: false,
    scope: 'manifest',
  },
  checkProject(calls, ctx) {
    if (ctx.parsedManifest) return;
    const byFile = new Map<string, TrackingCall[]>();
    for (const c of calls) {
      const l = byFile.get(c.file) ?? [];
      l.push(c);
      byFile.set(c.file, l);
    }
    for (const [file, list] of byFile) {
      const first = [...list].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character)[0];
      const n = list.length;
      ctx.report({
        message: `No privacy.yaml governs this file: its ${n} tracking call${n === 1 ? ' is' : 's are'} inventoried but not checked. Run \`privet init\` to create a manifest from the calls found`,
        file,
        range: first ? first.calleeRange : { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      });
    }
  },
};
