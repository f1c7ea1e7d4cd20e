/**
 * `annotation-mismatch`: an `@privacy` annotation disagrees with the manifest: it names an
 * undeclared event, purpose or destination, a purpose that is not the event's, a destination the
 * call does not reach, or an unknown key; or an `@privacy tracker` names a destination the
 * manifest does not declare.
 */
import { didYouMean, suggestion } from '../manifest/validateManifest';
import { trackerDestinations } from '../services/callContext';
import type { Rule } from './ruleTypes';
import { annotationEventNames, eventTargets, isIdentityCall, isInert, knownDestinations, list, manifestName, own, q } from './support';

const CALL_KEYS = ['event', 'events', 'purpose', 'destination', 'destinations'];
const TRACKER_KEYS = ['destination', 'destinations', 'kind', 'event_arg', 'properties_arg'];

function split(v: string | undefined): string[] {
  return (v ?? '').split(/[|,]/).map((x) => x.trim()).filter(Boolean);
}

export const rule: Rule = {
  meta: {
    id: 'annotation-mismatch',
    defaultSeverity: 'error',
    description: 'An @privacy annotation disagrees with the manifest',
    fixable: false,
    scope: 'call',
  },
  checkCall(call, ctx) {
    const m = ctx.manifest;
    if (!m || isInert(call)) return;
    const file = manifestName(ctx);

    // `@privacy tracker destination=…` on the function the call goes through.
    const viaTracker = call.sdk.startsWith('custom:') && call.via !== null;
    const manifestTracker = viaTracker && m.trackers.some((t) => t.function === call.via || call.via!.endsWith('.' + t.function));
    if (viaTracker && !manifestTracker) {
      for (const d of trackerDestinations(call)) {
        if (own(m.destinations, d)) continue;
        ctx.report({
          message: `@privacy tracker on ${q(call.via!)} names destination ${q(d)}, which ${file} does not declare${suggestion(didYouMean(d, Object.keys(m.destinations)))}`,
          file: call.file,
          range: call.calleeRange,
          destination: d,
        });
      }
    }

    const a = call.annotation;
    if (!a || a.tracker) return;
    const at = a.range;
    for (const key of Object.keys(a.values)) {
      if (CALL_KEYS.includes(key)) continue;
      const hint = TRACKER_KEYS.includes(key) ? ' (only on @privacy tracker)' : suggestion(didYouMean(key, CALL_KEYS));
      ctx.report({ message: `@privacy annotation has an unknown key ${q(key)}${hint}`, file: call.file, range: at });
    }

    const names = annotationEventNames(call);
    for (const n of names) {
      if (own(m.events, n)) continue;
      ctx.report({
        message: `@privacy names event ${q(n)}, which ${file} does not declare${suggestion(didYouMean(n, Object.keys(m.events)))}`,
        file: call.file,
        range: at,
        event: n,
      });
    }

    for (const p of split(a.values.purpose)) {
      if (!own(m.purposes, p)) {
        ctx.report({
          message: `@privacy names purpose ${q(p)}, which ${file} does not declare${suggestion(didYouMean(p, Object.keys(m.purposes)))}`,
          file: call.file,
          range: at,
          purpose: p,
        });
        continue;
      }
      for (const t of eventTargets(call, m)) {
        if (!t.declared || t.declared.purposes.includes(p)) continue;
        ctx.report({
          message: `@privacy purpose=${p} is not a purpose of event ${q(t.name)} (its purposes: ${list(t.declared.purposes) || 'none'})`,
          file: call.file,
          range: at,
          event: t.name,
          purpose: p,
        });
      }
      if (isIdentityCall(call)) {
        for (const d of knownDestinations(call, m)) {
          const id = own(m.identities, d.name);
          if (!id?.purpose || id.purpose === p) continue;
          ctx.report({
            message: `@privacy purpose=${p} is not the purpose of identities.${d.name} (${q(id.purpose)})`,
            file: call.file,
            range: at,
            destination: d.name,
            purpose: p,
          });
        }
      }
    }

    for (const d of [...split(a.values.destination), ...split(a.values.destinations)]) {
      if (!own(m.destinations, d)) {
        ctx.report({
          message: `@privacy names destination ${q(d)}, which ${file} does not declare${suggestion(didYouMean(d, Object.keys(m.destinations)))}`,
          file: call.file,
          range: at,
          destination: d,
        });
      } else if (!(call.destinations ?? []).includes(d)) {
        const reached = call.destinations ?? [];
        ctx.report({
          message: `@privacy names destination ${q(d)}, but the call goes to ${reached.length ? list(reached) : 'no declared destination'}`,
          file: call.file,
          range: at,
          destination: d,
        });
      }
    }
  },
};
