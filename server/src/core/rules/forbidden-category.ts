/**
 * `forbidden-category`: a property's category (declared, else inferred) is in the `forbid` list of
 * a destination the call sends to (`forbid: [user.contact]` forbids `user.contact.email`).
 */
import type { Rule } from './ruleTypes';
import { effectiveCategory, eventTargets, fixes, isInert, isWithin, keyLabel, knownDestinations, q, removePropertyFix, uniqueProperties } from './support';

export const rule: Rule = {
  meta: {
    id: 'forbidden-category',
    defaultSeverity: 'error',
    description: "A property's category is in the destination's forbid list",
    fixable: true,
    scope: 'call',
  },
  checkCall(call, ctx) {
    const m = ctx.manifest;
    if (!m || isInert(call)) return;
    const targets = eventTargets(call, m);
    const event = targets.length === 1 && targets[0].name ? targets[0].name : null;
    for (const d of knownDestinations(call, m)) {
      if (d.forbid.length === 0) continue;
      for (const p of uniqueProperties(call)) {
        const c = effectiveCategory(p);
        if (!c) continue;
        const f = d.forbid.find((x) => isWithin(c, x));
        if (!f) continue;
        ctx.report({
          message: `${keyLabel(call, p, c)} is forbidden at destination ${q(d.name)} (forbid: ${f})${event ? ` in event ${q(event)}` : ''}`,
          file: call.file,
          range: p.keyRange,
          event,
          property: p.key,
          category: c,
          destination: d.name,
          fixes: fixes(removePropertyFix(ctx, call, p)),
        });
      }
    }
  },
};
