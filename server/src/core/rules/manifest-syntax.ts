/**
 * `manifest-syntax`: the parser's syntax problems, at the offending node of the manifest.
 */
import type { Rule } from './ruleTypes';

export const rule: Rule = {
  meta: {
    id: 'manifest-syntax',
    defaultSeverity: 'error',
    description: 'YAML syntax error in the manifest',
    fixable: false,
    scope: 'manifest',
  },
  checkProject(_calls, ctx) {
    const pm = ctx.parsedManifest;
    if (!pm || !ctx.manifestPath) return;
    for (const p of pm.problems) {
      if (p.rule !== 'manifest-syntax') continue;
      ctx.report({ message: p.message, file: ctx.manifestPath, range: p.range });
    }
  },
};
