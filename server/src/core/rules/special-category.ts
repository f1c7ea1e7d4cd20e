/**
 * `special-category`: GDPR Art. 9 / Art. 10 data or children's data — a property's declared or
 * inferred category, or what the event name itself reveals — sent under a purpose without
 * `special_category_basis`.
 */
import { inferEventCategory } from '../analysis/categories';
import type { Rule } from './ruleTypes';
import { cap, contextCategory, eventLabel, eventRangeOf, eventTargets, isEventCall, isInert, isSpecialCategory, keyNoun, own, propertyContexts, q, specialLabel } from './support';

function eventCategory(name: string): string | null {
  try {
    return inferEventCategory(name);
  } catch {
    return null;
  }
}

export const rule: Rule = {
  meta: {
    id: 'special-category',
    defaultSeverity: 'error',
    description: "Special-category (Art. 9/10) or children's data is sent under a purpose without special_category_basis",
    fixable: false,
    scope: 'call',
  },
  checkCall(call, ctx) {
    const m = ctx.manifest;
    if (!m || isInert(call)) return;
    const lacking = (names: readonly string[]) => [...new Set(names)].filter((n) => {
      const p = own(m.purposes, n);
      return !!p && !p.special_category_basis;
    });
    if (isEventCall(call)) {
      for (const t of eventTargets(call, m)) {
        if (!t.declared || !t.name) continue;
        const cat = eventCategory(t.name);
        if (!cat || !isSpecialCategory(cat)) continue;
        for (const p of lacking(t.declared.purposes)) {
          ctx.report({
            message: `${cap(eventLabel(t))} reveals ${cat} (${specialLabel(cat)}) and is sent under purpose ${q(p)}, which has no special_category_basis`,
            file: call.file,
            range: t.implicitPage ? call.calleeRange : eventRangeOf(call),
            event: t.name,
            category: cat,
            purpose: p,
          });
        }
      }
    }
    for (const c of propertyContexts(call, m)) {
      const cat = contextCategory(c);
      if (!cat || !isSpecialCategory(cat)) continue;
      const where = c.event !== null ? ` of event ${q(c.event)}` : ` in ${c.label}`;
      for (const p of lacking(c.purposes)) {
        ctx.report({
          message: `${keyNoun(call)} ${q(c.prop.key)} (${cat})${where} is ${specialLabel(cat)} sent under purpose ${q(p)}, which has no special_category_basis`,
          file: call.file,
          range: c.prop.keyRange,
          event: c.event,
          property: c.prop.key,
          category: cat,
          purpose: p,
          destination: c.destination ?? null,
        });
      }
    }
  },
};
