/**
 * `undeclared-identity`: an identity call (identify, alias, setUserId, group, advanced matching)
 * goes to a destination without an `identities` entry, or sends a trait that entry does not declare.
 */
import { declareIdentityTrait } from '../manifest/manifestEdits';
import type { ParsedManifest } from '../manifest/types';
import type { TextEdit } from '../types';
import type { Rule } from './ruleTypes';
import { fixes, isCategory, isIdentityCall, isInert, knownDestinations, manifestFix, own, q, uniqueProperties } from './support';

/** The trait name under which the identifier itself is declared. */
function idTrait(kind: string): { key: string; category: string | null } | null {
  if (kind === 'identify' || kind === 'alias') return { key: 'userId', category: 'user.unique_id' };
  if (kind === 'group') return { key: 'groupId', category: null };
  return null;
}

export const rule: Rule = {
  meta: {
    id: 'undeclared-identity',
    defaultSeverity: 'error',
    description: 'An identity call or one of its traits is not declared in identities',
    fixable: true,
    scope: 'call',
  },
  checkCall(call, ctx) {
    const m = ctx.manifest;
    if (!m || isInert(call) || !isIdentityCall(call)) return;
    const props = uniqueProperties(call);
    for (const d of knownDestinations(call, m)) {
      const id = own(m.identities, d.name);
      if (!id) {
        const purposes = d.purposes.filter((p) => own(m.purposes, p));
        const purpose = purposes.length === 1 ? purposes[0] : undefined;
        const traits: [string, string | null][] = [];
        const idt = call.identityText ? idTrait(call.kind) : null;
        if (idt && !props.some((p) => p.key === idt.key)) traits.push([idt.key, idt.category]);
        for (const p of props) traits.push([p.key, isCategory(p.inferred) ? p.inferred : null]);
        const steps = traits.map(([k, c], i) => (pm: ParsedManifest): TextEdit[] => declareIdentityTrait(pm, d.name, k, c, i === 0 ? purpose : undefined));
        ctx.report({
          message: `Identity call ${q(call.method || call.kind)} to destination ${q(d.name)} is not declared in identities`,
          file: call.file,
          range: call.calleeRange,
          destination: d.name,
          fixes: fixes(manifestFix(ctx, `Declare identities.${d.name}${traits.length ? ` with ${traits.map(([k]) => k).join(', ')}` : ''}`, true, steps, true)),
        });
        continue;
      }
      for (const p of props) {
        if (own(id.traits, p.key)) continue;
        const inferred = isCategory(p.inferred) ? p.inferred : null;
        ctx.report({
          message: `Trait ${q(p.key)}${inferred ? ` (${inferred})` : ''} is not declared in identities.${d.name}`,
          file: call.file,
          range: p.keyRange,
          property: p.key,
          category: inferred,
          destination: d.name,
          fixes: fixes(manifestFix(ctx, `Declare trait '${p.key}' in identities.${d.name}${inferred ? ` as ${inferred}` : ''}`, true, [(pm) => declareIdentityTrait(pm, d.name, p.key, inferred)], true)),
        });
      }
    }
  },
};
