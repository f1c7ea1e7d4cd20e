/**
 * `undeclared-event`: the event name a call sends is not declared under `events:`.
 */
import { didYouMean } from '../manifest/validateManifest';
import { declareEvent } from '../manifest/manifestEdits';
import type { TrackingCall } from '../types';
import type { Rule, RuleContext } from './ruleTypes';
import {
  annotationEventNames,
  codeFix,
  eventRangeOf,
  eventTargets,
  fixes,
  inferredProperties,
  isEventCall,
  isInert,
  knownDestinations,
  manifestFix,
  manifestName,
  purposeForCall,
  q,
  textAt,
} from './support';
import type { Fix } from '../types';

/** The name a page call without a name is declared as. */
export const DEFAULT_PAGE_EVENT = 'Page Viewed';

/** The "declare the event" fix, with the call's properties and their inferred categories. */
export function declareEventFix(ctx: RuleContext, call: TrackingCall, name: string): Fix | null {
  const m = ctx.manifest!;
  const purpose = purposeForCall(call, m);
  const destinations = knownDestinations(call, m).map((d) => d.name);
  return manifestFix(
    ctx,
    `Declare event '${name}' in ${manifestName(ctx)}`,
    true,
    [(pm) => declareEvent(pm, name, { purpose, destinations, kind: call.kind === 'page' ? 'page' : undefined, properties: inferredProperties(call) })],
    true,
  );
}

function renameFix(ctx: RuleContext, call: TrackingCall, name: string): Fix | null {
  const m = ctx.manifest!;
  if (!call.eventRange || call.eventCandidates.length > 1) return null;
  const same = (a: { start: { line: number; character: number }; end: { line: number; character: number } }, b: typeof a) =>
    a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
  if (same(call.eventRange, call.range)) return null; // the name comes from a wrapper's body
  const text = textAt(ctx, call.file, call.eventRange);
  if (!text || text.length < 2) return null;
  const quote = text[0];
  if (!(quote === "'" || quote === '"' || quote === '`') || text[text.length - 1] !== quote) return null;
  if (text.slice(1, -1) !== name) return null; // escapes or a template with substitutions: leave it
  const kind = call.kind === 'page' ? ['page', 'screen'] : ['track'];
  const candidates = Object.values(m.events)
    .filter((e) => kind.includes(e.kind))
    .map((e) => e.name);
  const closest = didYouMean(name, candidates);
  if (!closest) return null;
  const escaped = closest.replace(/\\/g, '\\\\').split(quote).join('\\' + quote);
  return codeFix(call.file, `Rename to '${closest}'`, [{ range: call.eventRange, newText: quote + escaped + quote }], false);
}

export const rule: Rule = {
  meta: {
    id: 'undeclared-event',
    defaultSeverity: 'error',
    description: "The event name is not declared in the manifest's events",
    fixable: true,
    scope: 'call',
  },
  checkCall(call, ctx) {
    const m = ctx.manifest;
    if (!m || isInert(call) || !isEventCall(call)) return;
    const annotated = new Set(annotationEventNames(call)); // reported by annotation-mismatch
    for (const t of eventTargets(call, m)) {
      if (t.declared || annotated.has(t.name)) continue;
      // `trackEvent('` while typing: an empty name is an unfinished call, not an event.
      if (!t.implicitPage && t.name.trim() === '') continue;
      if (t.implicitPage) {
        ctx.report({
          message: `Page call without a name, and ${manifestName(ctx)} declares no event of kind page`,
          file: call.file,
          range: call.calleeRange,
          event: null,
          fixes: fixes(declareEventFix(ctx, call, DEFAULT_PAGE_EVENT)),
        });
        continue;
      }
      ctx.report({
        message: `Event ${q(t.name)} is not declared in ${manifestName(ctx)}`,
        file: call.file,
        range: eventRangeOf(call),
        event: t.name,
        fixes: fixes(declareEventFix(ctx, call, t.name), renameFix(ctx, call, t.name)),
      });
    }
  },
};
