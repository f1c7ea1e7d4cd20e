/**
 * `destination-not-allowed`: an event is sent to a destination outside its `destinations`
 * (explicit, or by default every destination accepting one of the event's purposes).
 */
import { addEventDestination } from '../manifest/manifestEdits';
import type { Rule } from './ruleTypes';
import { eventDestinations, eventLabel, eventRangeOf, eventTargets, fixes, isEventCall, isInert, knownDestinations, list, manifestFix, q, cap } from './support';

export const rule: Rule = {
  meta: {
    id: 'destination-not-allowed',
    defaultSeverity: 'error',
    description: 'The event is sent to a destination not in its destinations',
    fixable: true,
    scope: 'call',
  },
  checkCall(call, ctx) {
    const m = ctx.manifest;
    if (!m || isInert(call) || !isEventCall(call)) return;
    const dests = knownDestinations(call, m);
    for (const t of eventTargets(call, m)) {
      if (!t.declared) continue;
      const allowed = eventDestinations(t.declared, m);
      for (const d of dests) {
        if (allowed.includes(d.name)) continue;
        const which = allowed.length ? `its destinations are ${list(allowed)}` : t.declared.destinations ? 'its destinations list is empty' : 'no destination accepts its purpose';
        ctx.report({
          message: `${cap(eventLabel(t))} is sent to destination ${q(d.name)}, which is not allowed for it (${which})`,
          file: call.file,
          range: t.implicitPage ? call.calleeRange : eventRangeOf(call),
          event: t.name,
          destination: d.name,
          fixes: fixes(manifestFix(ctx, `Add destination '${d.name}' to event '${t.name}'`, true, [(pm) => addEventDestination(pm, t.name, d.name)], true)),
        });
      }
    }
  },
};
