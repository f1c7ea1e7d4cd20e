/**
 * `manifest-schema`: the parser's schema problems, at the offending node of the manifest.
 */
import type { Rule } from './ruleTypes';
import { reportParserProblems } from './support';

export const rule: Rule = {
  meta: {
    id: 'manifest-schema',
    defaultSeverity: 'error',
    description: 'Unknown key, wrong type, unknown taxonomy key or dangling reference in the manifest',
    fixable: false,
    scope: 'manifest',
  },
  checkProject(_calls, ctx) {
    reportParserProblems(ctx, 'manifest-schema');
  },
};
