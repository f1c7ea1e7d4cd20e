/**
 * `privet init`: a starting `privacy.yaml` written from the tracking calls found. It declares
 * every event (with its properties and inferred categories), every identity call's traits and
 * every destination, and leaves `TODO` where a human decides (legal basis, consent, retention,
 * region, categories the analysis could not infer).
 */
import { stringify } from 'yaml';
import { getCatalogue } from '../catalogue';
import type { SdkEntry } from '../catalogue/types';
import type { TrackingCall } from '../types';
import { isEventCall } from './callContext';

interface PurposeTemplate {
  name: string;
  description: string;
  use: string;
  consent: string;
}

const PURPOSES: Record<string, PurposeTemplate> = {
  analytics: { name: 'product-analytics', description: 'Understand how the product is used, to improve it', use: 'analytics.reporting', consent: 'analytics' },
  advertising: { name: 'advertising', description: 'Measure and target advertising campaigns', use: 'marketing.advertising.third_party.targeted', consent: 'marketing' },
  marketing: { name: 'marketing', description: 'Send marketing communications and personalise them', use: 'marketing.communications', consent: 'marketing' },
  monitoring: { name: 'error-monitoring', description: 'Find and fix errors and performance problems', use: 'analytics.reporting.system.performance', consent: 'analytics' },
};

function purposeFor(sdk: SdkEntry | undefined): PurposeTemplate {
  switch (sdk?.category) {
    case 'advertising':
    case 'attribution':
      return PURPOSES.advertising;
    case 'marketing':
    case 'customer-messaging':
    case 'email':
      return PURPOSES.marketing;
    case 'error-monitoring':
      return PURPOSES.monitoring;
    default:
      return PURPOSES.analytics;
  }
}

/** A YAML scalar (key or value) with quoting only where YAML needs it. */
function q(s: string): string {
  return stringify(s, { lineWidth: 0 }).trimEnd();
}

function destinationName(sdk: string): string {
  return sdk.startsWith('custom:') ? sdk.slice(7) : sdk;
}

/** The YAML text of a starting manifest for these calls. */
export function generateManifest(calls: readonly TrackingCall[], opts: { root?: string } = {}): string {
  void opts;
  const cat = getCatalogue();
  const sdkOf = (id: string) => cat.byId.get(id);
  const destinations = new Map<string, { sdk: string; entry?: SdkEntry; purposes: Set<string> }>();
  const events = new Map<string, { kind: string; destinations: Set<string>; purposes: Set<string>; props: Map<string, string | null> }>();
  const identities = new Map<string, { purposes: Set<string>; traits: Map<string, string | null> }>();
  const purposes = new Map<string, PurposeTemplate & { data: Set<string> }>();
  const techniques = new Map<string, { purposes: Set<string>; destinations: Set<string> }>();
  let dynamic = 0;

  for (const c of calls) {
    if (c.kind === 'consent' || c.kind === 'reset') continue;
    const sdkIds = c.destinations?.length ? c.destinations : (c.sdks ?? [c.sdk]).map(destinationName);
    const primary = sdkOf(c.sdk);
    const p = purposeFor(primary);
    const purpose = purposes.get(p.name) ?? { ...p, data: new Set<string>() };
    purposes.set(p.name, purpose);
    for (const [i, d] of sdkIds.entries()) {
      const sdk = c.destinations?.length ? c.sdk : (c.sdks ?? [c.sdk])[i] ?? c.sdk;
      const dest = destinations.get(d) ?? { sdk, entry: sdkOf(sdk), purposes: new Set<string>() };
      dest.purposes.add(p.name);
      destinations.set(d, dest);
    }
    for (const prop of c.properties) if (prop.inferred) purpose.data.add(prop.inferred);
    if (c.technique) {
      const t = techniques.get(c.technique) ?? { purposes: new Set<string>(), destinations: new Set<string>() };
      t.purposes.add(p.name);
      sdkIds.forEach((d) => t.destinations.add(d));
      techniques.set(c.technique, t);
    }
    if (c.kind === 'identify' || c.kind === 'alias' || c.kind === 'group') {
      for (const d of sdkIds) {
        const id = identities.get(d) ?? { purposes: new Set<string>(), traits: new Map<string, string | null>() };
        id.purposes.add(p.name);
        for (const prop of c.properties) if (!id.traits.has(prop.key) || id.traits.get(prop.key) === null) id.traits.set(prop.key, prop.inferred);
        identities.set(d, id);
      }
      continue;
    }
    // Only event calls are checked against `events` (a conversion upload's event name is not).
    if (!isEventCall(c)) continue;
    const names = c.eventCandidates.length ? c.eventCandidates : c.event ? [c.event] : [];
    if (names.length === 0) {
      if (c.eventDynamic && !c.insideWrapper) dynamic++;
      continue;
    }
    for (const name of names) {
      const ev = events.get(name) ?? { kind: c.kind, destinations: new Set<string>(), purposes: new Set<string>(), props: new Map<string, string | null>() };
      sdkIds.forEach((d) => ev.destinations.add(d));
      ev.purposes.add(p.name);
      for (const prop of c.properties) if (!ev.props.has(prop.key) || ev.props.get(prop.key) === null) ev.props.set(prop.key, prop.inferred);
      events.set(name, ev);
    }
  }

  const out: string[] = [];
  out.push(`# privacy.yaml: what tracking this code may do, for which purpose, sent where.`);
  out.push(`# Written by \`privet init\` from ${calls.length} tracking call${calls.length === 1 ? '' : 's'}. Review every TODO, then run \`privet check\`.`);
  out.push(`# Format: docs/manifest.md. Taxonomy: fideslang by Ethyca (CC BY 4.0).`);
  out.push('version: 1', '');
  const consentCats = [...new Set([...purposes.values()].map((p) => p.consent))].sort();
  if (consentCats.length) {
    out.push('consent:', '  categories:                # the choices your consent banner offers');
    for (const c of consentCats) out.push(`    ${q(c)}: {}             # TODO: map to your consent tool (cmp: { onetrust: C0002 }, consent_mode: [analytics_storage], …)`);
    out.push('  guards: []                 # TODO: the functions that prove consent, e.g. - { function: hasConsent, category_arg: 0 }', '');
  }
  if (purposes.size) {
    out.push('purposes:');
    for (const p of [...purposes.values()].sort((a, b) => a.name.localeCompare(b.name))) {
      out.push(`  ${q(p.name)}:`);
      out.push(`    description: ${q(p.description)}`);
      out.push(`    use: ${p.use}`);
      out.push(`    legal_basis: TODO          # consent | contract | legal_obligation | vital_interests | public_interest | legitimate_interests`);
      out.push(`    consent: ${q(p.consent)}`);
      const data = [...p.data].filter((c) => c !== 'none').sort();
      out.push(`    data: [${[...data, 'none'].map(q).join(', ')}]`);
    }
    out.push('');
  }
  // A technique has one purpose: every destination it goes through must accept it.
  for (const t of techniques.values()) {
    const purpose = [...t.purposes].sort()[0];
    for (const d of t.destinations) destinations.get(d)?.purposes.add(purpose);
  }
  if (destinations.size) {
    out.push('destinations:');
    for (const [name, d] of [...destinations].sort(([a], [b]) => a.localeCompare(b))) {
      out.push(`  ${q(name)}:`);
      out.push(`    sdk: ${q(d.sdk)}`);
      if (d.entry) out.push(`    vendor: ${q(d.entry.vendor)}`);
      out.push(`    purposes: [${[...d.purposes].sort().map(q).join(', ')}]`);
      out.push(`    # TODO: region (where the vendor processes the data, e.g. US or EU) and`);
      out.push(`    # retention (how long it keeps it, ISO 8601, e.g. P13M); privet warns until both are set.`);
    }
    out.push('');
  }
  if (identities.size) {
    out.push('identities:');
    for (const [d, id] of [...identities].sort(([a], [b]) => a.localeCompare(b))) {
      out.push(`  ${q(d)}:`);
      out.push(`    purpose: ${q([...id.purposes].sort()[0])}`);
      if (id.traits.size) {
        out.push('    traits:');
        for (const [k, v] of [...id.traits].sort(([a], [b]) => a.localeCompare(b))) out.push(`      ${q(k)}: ${v ?? 'TODO'}${v ? '' : '   # TODO: choose a category'}`);
      } else out.push('    traits: {}');
    }
    out.push('');
  }
  if (techniques.size) {
    out.push('techniques:');
    for (const [t, info] of [...techniques].sort(([a], [b]) => a.localeCompare(b))) {
      out.push(`  ${t}:`);
      out.push(`    purpose: ${q([...info.purposes].sort()[0])}   # TODO: confirm the purpose of this technique`);
      out.push(`    destinations: [${[...info.destinations].sort().map(q).join(', ')}]`);
    }
    out.push('');
  }
  out.push(events.size ? 'events:' : 'events: {}');
  for (const [name, ev] of [...events].sort(([a], [b]) => a.localeCompare(b))) {
    out.push(`  ${q(name)}:`);
    out.push(`    description: TODO`);
    if (ev.kind === 'page') out.push('    kind: page');
    const ps = [...ev.purposes].sort();
    out.push(`    purpose: ${ps.length === 1 ? q(ps[0]) : `[${ps.map(q).join(', ')}]`}`);
    out.push(`    destinations: [${[...ev.destinations].sort().map(q).join(', ')}]`);
    if (ev.props.size) {
      out.push('    properties:');
      for (const [k, v] of [...ev.props].sort(([a], [b]) => a.localeCompare(b))) out.push(`      ${q(k)}: ${v ?? 'TODO'}${v ? '' : '   # TODO: choose a category'}`);
    }
  }
  if (dynamic) out.push('', `# ${dynamic} call${dynamic === 1 ? '' : 's'} send an event name Privet cannot resolve; name them with // @privacy event="…" (see docs/rules/dynamic-event-name.md).`);
  return out.join('\n') + '\n';
}
