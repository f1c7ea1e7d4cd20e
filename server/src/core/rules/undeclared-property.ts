/**
 * `undeclared-property`: a property key a call sends is not declared for its event.
 */
import { declareProperty } from '../manifest/manifestEdits';
import type { Rule } from './ruleTypes';
import { eventLabel, eventTargets, fixes, isCategory, isEventCall, isInert, manifestFix, own, propertyLabel, removePropertyFix, uniqueProperties } from './support';

export const rule: Rule = {
  meta: {
    id: 'undeclared-property',
    defaultSeverity: 'error',
    description: 'A property key is not declared for its event',
    fixable: true,
    scope: 'call',
  },
  checkCall(call, ctx) {
    const m = ctx.manifest;
    if (!m || isInert(call) || !isEventCall(call)) return;
    for (const t of eventTargets(call, m)) {
      if (!t.declared) continue;
      for (const p of uniqueProperties(call)) {
        if (own(t.declared.properties, p.key)) continue;
        const inferred = isCategory(p.inferred) ? p.inferred : null;
        ctx.report({
          message: `${propertyLabel(p, inferred)} is not declared for ${eventLabel(t)}`,
          file: call.file,
          range: p.keyRange,
          event: t.name,
          property: p.key,
          category: inferred,
          fixes: fixes(
            manifestFix(ctx, `Declare property '${p.key}' of event '${t.name}'${inferred ? ` as ${inferred}` : ''}`, true, [(pm) => declareProperty(pm, t.name, p.key, inferred)], true),
            removePropertyFix(ctx, call, p),
          ),
        });
      }
    }
  },
};
