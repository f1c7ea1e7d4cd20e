/**
 * `unused-declaration`: a purpose, destination, identity, technique or consent category that
 * nothing uses. Purposes and consent categories are judged from the manifest alone (a purpose is
 * used by an event, property, identity, trait or technique; a consent category by a purpose, or an
 * `att: true` category by the `ad-id` technique); destinations, identities and techniques are
 * used by calls, so they are only judged when the run covers the manifest's whole folder.
 */
import type { Rule } from './ruleTypes';
import { isIdentityCall, isInert, manifestName, q } from './support';

export const rule: Rule = {
  meta: {
    id: 'unused-declaration',
    defaultSeverity: 'info',
    description: 'A purpose, destination, identity, technique or consent category nothing uses',
    fixable: false,
    scope: 'project',
  },
  checkProject(calls, ctx) {
    const m = ctx.manifest;
    const file = ctx.manifestPath;
    if (!m || !file) return;
    const name = manifestName(ctx);

    const usedPurposes = new Set<string>();
    for (const ev of Object.values(m.events)) {
      for (const p of ev.purposes) usedPurposes.add(p);
      for (const dp of Object.values(ev.properties)) if (dp.purpose) usedPurposes.add(dp.purpose);
    }
    for (const id of Object.values(m.identities)) {
      if (id.purpose) usedPurposes.add(id.purpose);
      for (const t of Object.values(id.traits)) if (t.purpose) usedPurposes.add(t.purpose);
    }
    for (const t of Object.values(m.techniques)) if (t?.purpose) usedPurposes.add(t.purpose);
    for (const p of Object.values(m.purposes)) {
      if (usedPurposes.has(p.name)) continue;
      ctx.report({ message: `Purpose ${q(p.name)} is declared but no event, property, identity or technique in ${name} uses it`, file, range: p.keyRange, purpose: p.name });
    }

    const usedConsent = new Set<string>();
    for (const p of Object.values(m.purposes)) if (p.consent) usedConsent.add(p.consent);
    const adId = !!m.techniques['ad-id'] || calls.some((c) => c.technique === 'ad-id');
    for (const c of Object.values(m.consent.categories)) {
      if (usedConsent.has(c.name) || (c.att && adId)) continue;
      ctx.report({ message: `Consent category ${q(c.name)} is declared but no purpose in ${name} needs it`, file, range: c.keyRange });
    }

    if (!ctx.wholeScope) return;
    const live = calls.filter((c) => !isInert(c));
    const usedDest = new Set(live.flatMap((c) => c.destinations ?? []));
    for (const d of Object.values(m.destinations)) {
      if (usedDest.has(d.name)) continue;
      ctx.report({ message: `Destination ${q(d.name)} is declared but no call in the checked files sends to it`, file, range: d.keyRange, destination: d.name });
    }
    const identityDest = new Set(live.filter(isIdentityCall).flatMap((c) => c.destinations ?? []));
    for (const id of Object.values(m.identities)) {
      if (identityDest.has(id.destination)) continue;
      ctx.report({ message: `Identity declaration for ${q(id.destination)} is unused: no identity call in the checked files goes there`, file, range: id.keyRange, destination: id.destination });
    }
    const techs = new Set(live.map((c) => c.technique).filter(Boolean));
    for (const t of Object.values(m.techniques)) {
      if (!t || techs.has(t.id)) continue;
      ctx.report({ message: `Technique ${q(t.id)} is declared but no call in the checked files uses it`, file, range: t.keyRange });
    }
  },
};
