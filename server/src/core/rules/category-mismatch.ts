/**
 * `category-mismatch`: the category inferred from a property's key and value disagrees with the
 * declared one. Categories are hierarchical: a declaration within the inferred category or the
 * other way round agrees (`user.contact` vs `user.contact.email`). Declaring `none` for a value
 * that looks personal disagrees; declaring a personal category for a value that looks like `none`
 * is the cautious direction and agrees. A `TODO` category is reported until it is chosen.
 */
import { setPropertyCategory } from '../manifest/manifestEdits';
import { TODO } from '../manifest/types';
import type { Rule } from './ruleTypes';
import { fixes, isCategory, isInert, isPersonal, isWithin, keyNoun, manifestFix, NONE_CATEGORY, propertyContexts, q } from './support';

/** Whether a declared category disagrees with an inferred one. */
export function disagrees(declared: string, inferred: string): boolean {
  if (inferred === NONE_CATEGORY) return false;
  if (declared === NONE_CATEGORY) return isPersonal(inferred);
  return !isWithin(declared, inferred) && !isWithin(inferred, declared);
}

export const rule: Rule = {
  meta: {
    id: 'category-mismatch',
    defaultSeverity: 'warning',
    description: 'The inferred category of a property disagrees with its declaration',
    fixable: true,
    scope: 'call',
  },
  checkCall(call, ctx) {
    const m = ctx.manifest;
    if (!m || isInert(call)) return;
    for (const c of propertyContexts(call, m)) {
      if (!c.declared) continue;
      const p = c.prop;
      const inferred = isCategory(p.inferred) ? p.inferred : null;
      const declared = isCategory(c.category) ? c.category : null;
      const noun = keyNoun(call);
      const where = c.event !== null ? `of event ${q(c.event)}` : `in ${c.label}`;
      const fix = () =>
        c.event !== null && inferred
          ? fixes(manifestFix(ctx, `Set the category of '${p.key}' to ${inferred}`, true, [(pm) => setPropertyCategory(pm, c.event!, p.key, inferred)], true))
          : [];
      if (!declared) {
        const what = c.category === TODO ? 'TODO' : 'without a category';
        ctx.report({
          message: inferred
            ? `${noun} ${q(p.key)} ${where} is declared ${what}, but its value looks like ${inferred}`
            : `${noun} ${q(p.key)} ${where} is declared ${what}: choose its category`,
          file: call.file,
          range: p.keyRange,
          event: c.event,
          property: p.key,
          category: inferred,
          destination: c.destination ?? null,
          fixes: fix(),
        });
        continue;
      }
      if (!inferred || !disagrees(declared, inferred)) continue;
      ctx.report({
        message: `${noun} ${q(p.key)} ${where} is declared ${declared}, but its value looks like ${inferred}`,
        file: call.file,
        range: p.keyRange,
        event: c.event,
        property: p.key,
        category: inferred,
        destination: c.destination ?? null,
        fixes: fix(),
      });
    }
  },
};
