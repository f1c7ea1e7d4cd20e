/**
 * `purpose-not-allowed`: a destination the call sends to does not accept the purpose of the event,
 * of one of its properties, of the identity call, or of the call's technique.
 */
import { TODO } from '../manifest/types';
import type { Rule } from './ruleTypes';
import { eventDestinations, eventLabel, eventRangeOf, eventTargets, isEventCall, isIdentityCall, isInert, knownDestinations, own, q, uniqueProperties, cap } from './support';

export const rule: Rule = {
  meta: {
    id: 'purpose-not-allowed',
    defaultSeverity: 'error',
    description: 'The destination does not accept the event’s or property’s purpose',
    fixable: false,
    scope: 'call',
  },
  checkCall(call, ctx) {
    const m = ctx.manifest;
    if (!m || isInert(call)) return;
    const dests = knownDestinations(call, m);
    if (dests.length === 0) return;
    const accepts = (d: { purposes: string[] }, p: string) => p !== TODO && d.purposes.includes(p);

    if (isEventCall(call)) {
      for (const t of eventTargets(call, m)) {
        const ev = t.declared;
        if (!ev) continue;
        const allowed = eventDestinations(ev, m);
        const label = eventLabel(t);
        for (const d of dests) {
          if (!allowed.includes(d.name)) continue; // destination-not-allowed
          const real = ev.purposes.filter((p) => p !== TODO);
          if (real.length === 0) {
            ctx.report({
              message: `${cap(label)} has no purpose yet (TODO), so destination ${q(d.name)} accepts none of its purposes`,
              file: call.file,
              range: t.implicitPage ? call.calleeRange : eventRangeOf(call),
              event: t.name,
              destination: d.name,
              purpose: null,
            });
          }
          for (const p of real) {
            if (accepts(d, p)) continue;
            ctx.report({
              message: `Destination ${q(d.name)} does not accept purpose ${q(p)} of ${label}`,
              file: call.file,
              range: t.implicitPage ? call.calleeRange : eventRangeOf(call),
              event: t.name,
              destination: d.name,
              purpose: p,
            });
          }
          for (const prop of uniqueProperties(call)) {
            const dp = own(ev.properties, prop.key);
            if (!dp?.purpose || accepts(d, dp.purpose) || ev.purposes.includes(dp.purpose)) continue; // the event's own purposes are reported above
            ctx.report({
              message: `Destination ${q(d.name)} does not accept purpose ${q(dp.purpose)} of property ${q(prop.key)} of ${label}`,
              file: call.file,
              range: prop.keyRange,
              event: t.name,
              property: prop.key,
              destination: d.name,
              purpose: dp.purpose,
            });
          }
        }
      }
    }

    if (isIdentityCall(call)) {
      for (const d of dests) {
        const id = own(m.identities, d.name);
        if (!id) continue;
        if (id.purpose && !accepts(d, id.purpose)) {
          ctx.report({
            message:
              id.purpose === TODO
                ? `identities.${d.name} has no purpose yet (TODO), so destination ${q(d.name)} accepts none of its purposes`
                : `Destination ${q(d.name)} does not accept purpose ${q(id.purpose)} of its identity declaration`,
            file: call.file,
            range: call.calleeRange,
            destination: d.name,
            purpose: id.purpose,
          });
        }
        for (const prop of uniqueProperties(call)) {
          const tr = own(id.traits, prop.key);
          if (!tr?.purpose || accepts(d, tr.purpose)) continue;
          ctx.report({
            message: `Destination ${q(d.name)} does not accept purpose ${q(tr.purpose)} of trait ${q(prop.key)}`,
            file: call.file,
            range: prop.keyRange,
            property: prop.key,
            destination: d.name,
            purpose: tr.purpose,
          });
        }
      }
    }

    if (call.technique) {
      const tech = own(m.techniques as Record<string, { purpose?: string; destinations?: string[] }>, call.technique);
      if (tech?.purpose && tech.purpose !== TODO) {
        for (const d of dests) {
          if (tech.destinations && !tech.destinations.includes(d.name)) continue; // undeclared-technique
          if (accepts(d, tech.purpose)) continue;
          ctx.report({
            message: `Destination ${q(d.name)} does not accept purpose ${q(tech.purpose)} of technique ${q(call.technique)}`,
            file: call.file,
            range: call.calleeRange,
            destination: d.name,
            purpose: tech.purpose,
          });
        }
      }
    }
  },
};
