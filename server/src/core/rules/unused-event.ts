/**
 * `unused-event`: a declared event that no call in the checked scope sends (drift between the
 * manifest and the code). Only judged when the run covers the manifest's whole folder.
 */
import type { Rule } from './ruleTypes';
import { eventTargets, manifestName, q } from './support';

export const rule: Rule = {
  meta: {
    id: 'unused-event',
    defaultSeverity: 'warning',
    description: 'A declared event is sent by no call in the checked scope',
    fixable: false,
    scope: 'project',
  },
  checkProject(calls, ctx) {
    const m = ctx.manifest;
    if (!m || !ctx.wholeScope || !ctx.manifestPath) return;
    const sent = new Set<string>();
    for (const c of calls) for (const t of eventTargets(c, m)) if (t.declared) sent.add(t.name);
    // A page call without a name may be any declared page event.
    const anonymousPage = calls.some((c) => eventTargets(c, m).some((t) => t.implicitPage));
    for (const ev of Object.values(m.events)) {
      if (sent.has(ev.name)) continue;
      if (anonymousPage && (ev.kind === 'page' || ev.kind === 'screen')) continue;
      ctx.report({
        message: `Event ${q(ev.name)} is declared in ${manifestName(ctx)} but no call in the checked files sends it`,
        file: ctx.manifestPath,
        range: ev.keyRange,
        event: ev.name,
      });
    }
  },
};
