/**
 * `manifest-syntax`: the parser's syntax problems, at the offending node of the manifest.
 */
import type { Rule } from './ruleTypes';
import { reportParserProblems } from './support';

export const rule: Rule = {
  meta: {
    id: 'manifest-syntax',
    defaultSeverity: 'error',
    description: 'YAML syntax error in the manifest',
    fixable: false,
    scope: 'manifest',
  },
  checkProject(_calls, ctx) {
    reportParserProblems(ctx, 'manifest-syntax');
  },
};
