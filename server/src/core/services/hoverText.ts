/**
 * Hover texts as Markdown: a tracking call with its event's declaration and findings, a property
 * key, and the declarations and taxonomy keys of `privacy.yaml`. Pure: the caller finds what is
 * under the cursor (see manifestLocations.ts) and passes the model.
 */
import { getCatalogue } from '../catalogue';
import { dataCategories, dataUses } from '../taxonomy';
import type { DeclaredEvent, DeclaredProperty, Destination, Manifest, Purpose } from '../manifest/types';
import type { CallProperty, Finding, TrackingCall } from '../types';
import { eventDestinations } from './callContext';
import { callDestinations, callsUsing, type ManifestTarget } from './manifestLocations';

/** Escapes Markdown control characters in free text from the manifest or the code. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]|<>]/g, (c) => '\\' + c);
}

/** Inline code that survives backticks in the text. */
export function code(text: string): string {
  const fence = text.includes('`') ? '`` ' : '`';
  return fence + text + (fence === '`' ? '`' : ' ``');
}

const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;
const severityLabel: Record<Finding['severity'], string> = { error: 'Error', warning: 'Warning', info: 'Info' };

/** The declaration of the call's event in the manifest, if any. */
function declaredEvent(call: TrackingCall, manifest: Manifest | null): DeclaredEvent | undefined {
  if (!manifest || call.event === null) return undefined;
  return manifest.events[call.event];
}

/** `legal basis: consent · consent category `analytics` · use `analytics.reporting``. */
function purposeFacts(p: Purpose): string {
  const facts = [p.legal_basis ? `legal basis: ${p.legal_basis}` : 'no legal basis', p.consent ? `consent category ${code(p.consent)}` : null, p.use ? `use ${code(p.use)}` : null];
  if (p.special_category_basis) facts.push(`special category basis: ${p.special_category_basis}`);
  return facts.filter(Boolean).join(' · ');
}

function purposeLines(names: readonly string[], manifest: Manifest): string[] {
  return names.map((name) => {
    const p = manifest.purposes[name];
    if (!p) return `- ${code(name)} — *not declared*`;
    const description = p.description ? ` — ${escapeMarkdown(p.description)}` : '';
    return `- ${code(name)}${description}  \n  ${purposeFacts(p)}`;
  });
}

/** `Twilio Segment · sdk `segment` · region US · retention P2Y · transfer SCCs`. */
function destinationFacts(d: Destination): string {
  const facts = [d.vendor ? escapeMarkdown(d.vendor) : null, d.sdk ? `sdk ${code(d.sdk)}` : null, `region ${d.region ?? '*not set*'}`, `retention ${d.retention ?? '*not set*'}`, d.transfer ? `transfer ${escapeMarkdown(d.transfer)}` : null];
  return facts.filter(Boolean).join(' · ');
}

function destinationLines(names: readonly string[], manifest: Manifest): string[] {
  return names.map((name) => {
    const d = manifest.destinations[name];
    return d ? `- ${code(name)} — ${destinationFacts(d)}` : `- ${code(name)} — *not declared*`;
  });
}

function categoryCell(c: string | null | undefined): string {
  return c ? code(c) : '—';
}

function propertyRows(call: TrackingCall, declared: Record<string, DeclaredProperty> | undefined): string[] {
  const keys = [...new Set([...call.properties.map((p) => p.key), ...Object.keys(declared ?? {})])];
  if (keys.length === 0) return [];
  const rows = ['| property | declared | inferred |', '|---|---|---|'];
  for (const key of keys) {
    const sent = call.properties.find((p) => p.key === key);
    const decl = declared?.[key];
    const declaredText = decl ? categoryCell(decl.category) + (decl.transform ? ` (${decl.transform})` : '') + (decl.purpose ? ` for ${code(decl.purpose)}` : '') : '*undeclared*';
    const inferred = sent ? categoryCell(sent.inferred) : '*not sent here*';
    rows.push(`| ${code(key)} | ${declaredText} | ${inferred} |`);
  }
  return rows;
}

function findingLines(findings: readonly Finding[]): string[] {
  const live = findings.filter((f) => !f.suppressed);
  if (live.length === 0) return [];
  return ['**Findings**', '', ...live.map((f) => `- **${severityLabel[f.severity]}** ${code(f.rule)}: ${escapeMarkdown(f.message)}`)];
}

function callTitle(call: TrackingCall): string {
  const name = call.event !== null ? code(call.event) : call.eventCandidates.length > 1 ? call.eventCandidates.map(code).join(' | ') : call.eventDynamic ? '*dynamic event name*' : null;
  const how = [code(call.sdk), call.kind, call.via ? `via ${code(call.via)}` : null].filter(Boolean).join(' ');
  return `**Privet** — ${name ? `${name} · ` : ''}${how}`;
}

/** The hover of a tracking call: its event's declaration and the call's findings. */
export function callHover(call: TrackingCall, manifest: Manifest | null, findings: readonly Finding[]): string {
  // What is wrong comes first: editors cap the hover's height and the declaration can be long.
  const problems = findingLines(findings);
  const out = [callTitle(call), '', ...problems, ...(problems.length ? [''] : [])];
  if (!manifest) {
    out.push('No `privacy.yaml` governs this file.', '');
  } else if (call.kind === 'identify' || call.kind === 'alias' || call.kind === 'group') {
    const destinations = callDestinations(call, manifest);
    for (const d of destinations) {
      const identity = manifest.identities[d];
      if (!identity) {
        out.push(`Identity for ${code(d)}: *not declared in* \`identities\``, '');
        continue;
      }
      out.push(`Identity for ${code(d)}${identity.purpose ? ` · purpose ${code(identity.purpose)}` : ''}`, '');
      const rows = propertyRows(call, identity.traits);
      if (rows.length) out.push(...rows.map((r) => r.replace('| property |', '| trait |')), '');
    }
    if (destinations.length) out.push('**Destinations**', '', ...destinationLines(destinations, manifest), '');
  } else {
    const event = declaredEvent(call, manifest);
    if (!event) {
      if (call.event !== null) out.push(`Event ${code(call.event)} is *not declared* in \`privacy.yaml\`.`, '');
    } else {
      if (event.description) out.push(escapeMarkdown(event.description), '');
      if (event.purposes.length) out.push(`**Purpose${event.purposes.length > 1 ? 's' : ''}**`, '', ...purposeLines(event.purposes, manifest), '');
      const destinations = eventDestinations(event, manifest);
      if (destinations.length) out.push('**Destinations**', '', ...destinationLines(destinations, manifest), '');
    }
    const rows = propertyRows(call, event?.properties);
    if (rows.length) out.push(...rows, '');
    if (event && (event.owner || event.expires)) out.push([event.owner ? `Owner: ${escapeMarkdown(event.owner)}` : null, event.expires ? `Expires: ${event.expires}` : null].filter(Boolean).join(' · '), '');
  }
  return out.join('\n').trim();
}

/** The taxonomy description line of a category key, when it has one. */
function categoryDescription(key: string | null | undefined, manifest: Manifest | null): string | null {
  if (!key) return null;
  const node = dataCategories.get(key);
  if (node) return `${code(key)} — ${escapeMarkdown(node.name)}: ${escapeMarkdown(node.description)}`;
  const custom = manifest?.taxonomy[key];
  if (custom) return `${code(key)} — custom category under ${code(custom.parent)}${custom.description ? `: ${escapeMarkdown(custom.description)}` : ''}`;
  return null;
}

/** The hover of a property key in a call: its declared and inferred category. */
export function propertyHover(call: TrackingCall, property: CallProperty, manifest: Manifest | null): string {
  const event = declaredEvent(call, manifest);
  const decl = call.kind === 'identify' ? callDestinations(call, manifest).map((d) => manifest?.identities[d]?.traits[property.key]).find(Boolean) : event?.properties[property.key];
  const out = [`**Privet** — property ${code(property.key)}${call.event !== null ? ` of ${code(call.event)}` : ''}`, ''];
  if (decl) {
    out.push(`Declared: ${categoryCell(decl.category)}${decl.transform ? ` (transform ${decl.transform})` : ''}${decl.purpose ? ` · purpose ${code(decl.purpose)}` : ''}`);
  } else {
    out.push(manifest ? 'Declared: *not declared*' : 'Declared: *no manifest*');
  }
  out.push('', `Inferred: ${property.inferred ? code(property.inferred) : '*no opinion*'}${property.indirect ? ' (through a spread or variable)' : ''}`);
  const descriptions = [...new Set([decl?.category, property.inferred])].map((k) => categoryDescription(k, manifest)).filter((d): d is string => !!d);
  if (descriptions.length) out.push('', ...descriptions.map((d) => `- ${d}`));
  return out.join('\n');
}

/** The hover of a taxonomy key (category or use, fideslang or custom). */
export function taxonomyHover(key: string, manifest: Manifest | null): string | null {
  const category = dataCategories.get(key);
  if (category) return `**${escapeMarkdown(category.name)}** — fideslang data category ${code(key)}\n\n${escapeMarkdown(category.description)}${category.parent ? `\n\nParent: ${code(category.parent)}` : ''}`;
  const use = dataUses.get(key);
  if (use) return `**${escapeMarkdown(use.name)}** — fideslang data use ${code(key)}\n\n${escapeMarkdown(use.description)}${use.parent ? `\n\nParent: ${code(use.parent)}` : ''}`;
  const custom = manifest?.taxonomy[key];
  if (custom) return `**${code(key)}** — custom data category under ${code(custom.parent)}${custom.description ? `\n\n${escapeMarkdown(custom.description)}` : ''}`;
  return null;
}

function usage(target: ManifestTarget, calls: readonly TrackingCall[], manifest: Manifest): string {
  const using = callsUsing(target, calls, manifest);
  if (using.length === 0) return 'Used by no call site.';
  const files = new Set(using.map((c) => c.file)).size;
  return `Used by ${plural(using.length, 'call site')} in ${plural(files, 'file')}.`;
}

/** The hover of a declaration or reference in the manifest (event, purpose, destination, consent category, SDK). */
export function manifestHover(target: ManifestTarget, manifest: Manifest | null, calls: readonly TrackingCall[]): string | null {
  if (target.type === 'taxonomy') return taxonomyHover(target.key, manifest);
  if (target.type === 'sdk') {
    const entry = getCatalogue().byId.get(target.id);
    if (!entry) return null;
    return `**${escapeMarkdown(entry.name)}** — SDK ${code(entry.id)} by ${escapeMarkdown(entry.vendor)}\n\n${usage(target, calls, manifest ?? ({ destinations: {} } as Manifest))}`;
  }
  if (!manifest) return null;
  switch (target.type) {
    case 'event': {
      const e = manifest.events[target.name];
      if (!e) return `Event ${code(target.name)} is *not declared*.`;
      const lines = [`**Event** ${code(e.name)}${e.kind !== 'track' ? ` (${e.kind})` : ''}`, ''];
      if (e.description) lines.push(escapeMarkdown(e.description), '');
      if (e.purposes.length) lines.push(`Purpose: ${e.purposes.map(code).join(', ')}`, '');
      lines.push(usage(target, calls, manifest));
      return lines.join('\n');
    }
    case 'property': {
      const p = manifest.events[target.event]?.properties[target.key];
      if (!p) return null;
      const lines = [`**Property** ${code(p.key)} of ${code(target.event)}: ${categoryCell(p.category)}`, ''];
      const d = categoryDescription(p.category, manifest);
      if (d) lines.push(d, '');
      lines.push(usage(target, calls, manifest));
      return lines.join('\n');
    }
    case 'purpose': {
      const p = manifest.purposes[target.name];
      if (!p) return `Purpose ${code(target.name)} is *not declared*.`;
      const lines = [`**Purpose** ${code(p.name)}`, ''];
      if (p.description) lines.push(escapeMarkdown(p.description), '');
      lines.push(purposeFacts(p), '');
      if (p.data.length) lines.push(`Data: ${p.data.map(code).join(', ')}`, '');
      lines.push(usage(target, calls, manifest));
      return lines.join('\n');
    }
    case 'destination': {
      const d = manifest.destinations[target.name];
      if (!d) return `Destination ${code(target.name)} is *not declared*.`;
      const lines = [`**Destination** ${code(d.name)}`, '', destinationFacts(d), ''];
      if (d.purposes.length) lines.push(`Purposes: ${d.purposes.map(code).join(', ')}`, '');
      if (d.forbid.length) lines.push(`Forbids: ${d.forbid.map(code).join(', ')}`, '');
      lines.push(usage(target, calls, manifest));
      return lines.join('\n');
    }
    case 'consent': {
      const c = manifest.consent.categories[target.name];
      if (!c) return `Consent category ${code(target.name)} is *not declared*.`;
      const facts = [c.consentMode.length ? `Consent Mode: ${c.consentMode.map(code).join(', ')}` : null, c.tcf.length ? `TCF purposes: ${c.tcf.join(', ')}` : null, Object.keys(c.cmp).length ? `CMP ids: ${Object.entries(c.cmp).map(([tool, id]) => `${tool} ${[id].flat().map(code).join('/')}`).join(', ')}` : null, c.att ? 'App Tracking Transparency' : null];
      const purposes = Object.values(manifest.purposes).filter((p) => p.consent === c.name).map((p) => code(p.name));
      return [`**Consent category** ${code(c.name)}`, '', ...facts.filter(Boolean).map((f) => `- ${f}`), '', purposes.length ? `Required by ${purposes.join(', ')}.` : 'No purpose requires it.'].join('\n');
    }
  }
}
