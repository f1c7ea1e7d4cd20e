/**
 * `manifest-schema`: the parser's schema problems, at the offending node of the manifest.
 */
import type { Rule } from './ruleTypes';

export const rule: Rule = {
  meta: {
    id: 'manifest-schema',
    defaultSeverity: 'error',
    description: 'Unknown key, wrong type, unknown taxonomy key or dangling reference in the manifest',
    fixable: false,
    scope: 'manifest',
  },
  checkProject(_calls, ctx) {
    const pm = ctx.parsedManifest;
    if (!pm || !ctx.manifestPath) return;
    for (const p of pm.problems) {
      if (p.rule !== 'manifest-schema') continue;
      ctx.report({ message: p.message, file: ctx.manifestPath, range: p.range });
    }
  },
};
