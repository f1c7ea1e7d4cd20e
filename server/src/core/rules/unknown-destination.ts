/**
 * `unknown-destination`: the call's SDK (or tracker) maps to no destination of the manifest.
 * Destinations named by a tracker that the manifest does not declare are reported by
 * `manifest-schema` (manifest trackers) or `annotation-mismatch` (`@privacy tracker`).
 */
import { declareDestination } from '../manifest/manifestEdits';
import { TODO } from '../manifest/types';
import type { Rule } from './ruleTypes';
import { eventTargets, fixes, isInert, manifestFix, manifestName, own, q, sdkLabel, sdkVendor, cap } from './support';

export const rule: Rule = {
  meta: {
    id: 'unknown-destination',
    defaultSeverity: 'error',
    description: 'The call’s SDK or tracker maps to no destination',
    fixable: true,
    scope: 'call',
  },
  checkCall(call, ctx) {
    const m = ctx.manifest;
    if (!m || isInert(call)) return;
    if ((call.destinations ?? []).length > 0) return;
    const custom = call.sdk.startsWith('custom:');
    const sdk = custom ? call.sdk.slice('custom:'.length) : call.sdk;
    let name = sdk;
    for (let i = 2; own(m.destinations, name); i++) name = `${sdk}-${i}`;
    const purposes = [...new Set(eventTargets(call, m).flatMap((t) => t.declared?.purposes ?? []))].filter((p) => p !== TODO && own(m.purposes, p));
    const vendor = custom ? undefined : sdkVendor(sdk);
    const others = (call.sdks ?? []).filter((s) => s !== call.sdk);
    // A destination's `sdk:` may name a manifest tracker, not a function annotated `@privacy tracker`
    // (the manifest does not know those): such a tracker names its destinations in the annotation.
    const annotated = custom && !m.trackers.some((t) => t.function === sdk || sdk.endsWith('.' + t.function));
    ctx.report({
      message: `${cap(sdkLabel(call))}${vendor ? ` (${vendor})` : ''}${others.length ? ` (and ${others.map(q).join(', ')})` : ''} maps to no destination in ${manifestName(ctx)}${
        annotated ? '; name it with @privacy tracker destination=…' : ''
      }`,
      file: call.file,
      range: call.calleeRange,
      destination: null,
      fixes: annotated
        ? []
        : fixes(
            manifestFix(ctx, `Declare destination '${name}' (sdk: ${sdk})`, true, [(pm) => declareDestination(pm, name, { sdk, vendor, purposes: purposes.length ? purposes : undefined })], true),
          ),
    });
  },
};
