/**
 * `data-minimization`: a property's category (declared, else inferred) is not within any entry
 * of the `data` list of the purpose it is sent for. Purposes without a `data` list, and data
 * that is not about a person (`none`), are not checked.
 */
import type { Rule } from './ruleTypes';
import { contextCategory, isInert, isWithin, keyNoun, NONE_CATEGORY, own, propertyContexts, q } from './support';

export const rule: Rule = {
  meta: {
    id: 'data-minimization',
    defaultSeverity: 'warning',
    description: "A property's category is not in its purpose's data list",
    fixable: false,
    scope: 'call',
  },
  checkCall(call, ctx) {
    const m = ctx.manifest;
    if (!m || isInert(call)) return;
    for (const c of propertyContexts(call, m)) {
      const cat = contextCategory(c);
      if (!cat || cat === NONE_CATEGORY) continue;
      for (const name of new Set(c.purposes)) {
        const purpose = own(m.purposes, name);
        if (!purpose || purpose.data.length === 0) continue;
        if (purpose.data.some((d) => isWithin(cat, d))) continue;
        const where = c.event !== null ? ` of event ${q(c.event)}` : ` in ${c.label}`;
        ctx.report({
          message: `${keyNoun(call)} ${q(c.prop.key)} (${cat})${where} is not in the data of purpose ${q(name)} (${purpose.data.join(', ')})`,
          file: call.file,
          range: c.prop.keyRange,
          event: c.event,
          property: c.prop.key,
          category: cat,
          purpose: name,
          destination: c.destination ?? null,
        });
      }
    }
  },
};
