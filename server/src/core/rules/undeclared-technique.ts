/**
 * `undeclared-technique`: the call uses a technique (session replay, fingerprinting, identity
 * matching, …) that `techniques:` does not declare, or declares only for other destinations.
 */
import { declareTechnique } from '../manifest/manifestEdits';
import type { Rule } from './ruleTypes';
import { fixes, isInert, knownDestinations, list, manifestFix, manifestName, own, q } from './support';

/** What each technique id means, for messages. */
export const techniqueNames: Record<string, string> = {
  'session-replay': 'session replay',
  fingerprinting: 'device fingerprinting',
  'email-tracking': 'e-mail open/click tracking',
  'visitor-identification': 'visitor identification',
  'identity-matching': 'identity matching',
  'cross-site-pixel': 'a cross-site pixel',
  'ad-id': 'the advertising ID',
};

export const rule: Rule = {
  meta: {
    id: 'undeclared-technique',
    defaultSeverity: 'error',
    description: 'The call uses a technique the manifest does not declare (for its destination)',
    fixable: true,
    scope: 'call',
  },
  checkCall(call, ctx) {
    const m = ctx.manifest;
    const t = call.technique;
    if (!m || !t || isInert(call)) return;
    const dests = knownDestinations(call, m).map((d) => d.name);
    const tech = own(m.techniques as Record<string, { destinations?: string[] }>, t);
    const what = techniqueNames[t] ? ` (${techniqueNames[t]})` : '';
    if (!tech) {
      ctx.report({
        message: `The call uses technique ${q(t)}${what}, which ${manifestName(ctx)} does not declare under techniques`,
        file: call.file,
        range: call.calleeRange,
        fixes: fixes(manifestFix(ctx, `Declare technique '${t}'`, true, [(pm) => declareTechnique(pm, t, { destinations: dests.length ? dests : undefined })], true)),
      });
      return;
    }
    if (!tech.destinations) return;
    for (const d of dests) {
      if (tech.destinations.includes(d)) continue;
      ctx.report({
        message: `The call uses technique ${q(t)}${what} through destination ${q(d)}, but techniques.${t} is declared only for ${list(tech.destinations) || 'no destination'}`,
        file: call.file,
        range: call.calleeRange,
        destination: d,
        fixes: fixes(manifestFix(ctx, `Add destination '${d}' to technique '${t}'`, true, [(pm) => declareTechnique(pm, t, { destinations: [d] })], true)),
      });
    }
  },
};
