/**
 * `missing-retention`: a destination receives personal data (a property or trait whose declared,
 * else inferred, category is about a person, or an identity call's identifier) but the manifest
 * gives it no `retention` or no `region` — both are needed for the record of processing.
 */
import type { Rule } from './ruleTypes';
import { effectiveCategory, isIdentityCall, isInert, isPersonal, knownDestinations, q } from './support';

export const rule: Rule = {
  meta: {
    id: 'missing-retention',
    defaultSeverity: 'warning',
    description: 'A destination receives personal data but has no retention or region',
    fixable: false,
    scope: 'project',
  },
  checkProject(calls, ctx) {
    const m = ctx.manifest;
    if (!m || !ctx.manifestPath) return;
    const personal = new Map<string, string>(); // destination -> an example of what it receives
    for (const c of calls) {
      if (isInert(c)) continue;
      let example: string | null = null;
      for (const p of c.properties) {
        const cat = effectiveCategory(p);
        if (isPersonal(cat)) {
          example = `${q(p.key)} (${cat})`;
          break;
        }
      }
      if (!example && isIdentityCall(c) && c.identityText) example = 'a user identifier';
      if (!example) continue;
      for (const d of knownDestinations(c, m)) if (!personal.has(d.name)) personal.set(d.name, example);
    }
    for (const [name, example] of personal) {
      const d = m.destinations[name];
      const missing = [!d.retention && 'retention', !d.region && 'region'].filter(Boolean) as string[];
      if (missing.length === 0) continue;
      ctx.report({
        message: `Destination ${q(name)} receives personal data (e.g. ${example}) but declares no ${missing.join(' and no ')}`,
        file: ctx.manifestPath,
        range: d.keyRange,
        destination: name,
      });
    }
  },
};
