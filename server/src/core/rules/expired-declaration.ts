/**
 * `expired-declaration`: an event's `expires` date has passed (reported at each call sending it),
 * or a manifest exception's has (reported at the exception, which no longer applies).
 */
import type { Rule } from './ruleTypes';
import { cap, eventLabel, eventRangeOf, eventTargets, isExpired, isInert, q } from './support';

export const rule: Rule = {
  meta: {
    id: 'expired-declaration',
    defaultSeverity: 'warning',
    description: "The event's (or exception's) expires date has passed",
    fixable: false,
    scope: 'call',
  },
  checkCall(call, ctx) {
    const m = ctx.manifest;
    if (!m || isInert(call)) return;
    for (const t of eventTargets(call, m)) {
      const ev = t.declared;
      if (!ev || !isExpired(ev.expires, ctx.today)) continue;
      ctx.report({
        message: `${cap(eventLabel(t))} expired on ${ev.expires}${ev.owner ? ` (owner: ${ev.owner})` : ''}: review it and renew its expires date`,
        file: call.file,
        range: t.implicitPage ? call.calleeRange : eventRangeOf(call),
        event: t.name,
      });
    }
  },
  checkProject(_calls, ctx) {
    const m = ctx.manifest;
    if (!m || !ctx.manifestPath) return;
    m.exceptions.forEach((ex) => {
      if (!isExpired(ex.expires, ctx.today)) return;
      const about = [ex.event && `event ${q(ex.event)}`, ex.property && `property ${q(ex.property)}`, ex.destination && `destination ${q(ex.destination)}`, ex.file && `file ${ex.file}`]
        .filter(Boolean)
        .join(', ');
      ctx.report({
        message: `Exception for rule ${q(ex.rule)}${about ? ` (${about})` : ''} expired on ${ex.expires} and no longer applies`,
        file: ctx.manifestPath!,
        range: ex.keyRange,
        event: ex.event ?? null,
        property: ex.property ?? null,
        destination: ex.destination ?? null,
      });
    });
  },
};
