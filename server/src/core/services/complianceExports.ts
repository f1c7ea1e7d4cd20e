/**
 * Compliance exports generated from the tracking calls found in code plus the manifest
 * (`privet export KIND`, `shared/spec/cli.md`; mappings in `docs/exports.md`):
 *
 * - `ropa-csv`, `ropa-md`: a Record of Processing Activities (GDPR Art. 30(1)), one row per
 *   processing activity = purpose × destination;
 * - `notice-md`: a plain-language data notice for a privacy page, per purpose;
 * - `xcprivacy`: Apple `PrivacyInfo.xcprivacy` (tracking, tracking domains, collected data types);
 * - `play-csv`: a Google Play data-safety worksheet, one row per Play data type;
 * - `fides`: a Fides system manifest (fideslang `System` resources).
 *
 * Pure and deterministic: no file system, no clock; every list is sorted, so the same calls and
 * manifests give the same bytes. Every format escapes what it must (RFC 4180 quoting, XML
 * entities, YAML through the `yaml` package, Markdown and HTML syntax in Markdown).
 *
 * The model: every call is broken into *flows* (call × event × destination × property ×
 * purpose), resolved the way the rules and the data-flow map resolve them (services/callContext.ts,
 * services/dataFlow.ts). Flows are grouped into *activities* (manifest × purpose × destination),
 * and every purpose × destination pair the manifest declares is an activity too, seen in code or
 * not. Categories, events and techniques the manifest declares for an activity are listed with
 * those seen in code, each tagged with where it comes from, so a reviewer sees both what is
 * declared and what the code does.
 */
import { Document } from 'yaml';
import type { TechniqueId, TrackingCall } from '../types';
import type { Destination, LegalBasis, Manifest, ParsedManifest, Purpose } from '../manifest/types';
import { TODO } from '../manifest/types';
import { dataCategories, dataUses, isPersonalCategory, isSpecialCategory, isWithin, NONE_CATEGORY } from '../taxonomy';
import { getCatalogue } from '../catalogue';
import { destinationsOfCall, eventDestinations, eventTargets, isEventCall, isIdentityCall } from './callContext';

/** The kinds of `privet export`. */
export const exportKinds = ['ropa-csv', 'ropa-md', 'notice-md', 'xcprivacy', 'play-csv', 'fides'] as const;
export type ExportKind = (typeof exportKinds)[number];

/** The attribution the taxonomy's licence asks for. */
export const FIDESLANG_CREDIT = 'fideslang by Ethyca, CC BY 4.0';

/** What an export is made from. */
export interface ComplianceInput {
  /** Tracking calls, as `check()` returns them (destinations and declared categories filled in). */
  calls: readonly TrackingCall[];
  /** Parsed manifests by path, as `check()` returns them. */
  manifests: ReadonlyMap<string, ParsedManifest>;
  /**
   * The governing manifest of each file, as `check()` returns it (`manifestOf`), so that
   * `--manifest` is honoured. Without it, a file is governed by the manifest whose folder is the
   * longest prefix of its path.
   */
  manifestOf?: ReadonlyMap<string, string | null>;
  /** Paths inside this folder are shown relative to it. */
  root?: string;
  /**
   * Per manifest path: the name of the app or service it governs (the Fides system, the notice's
   * "we"). Defaults to the manifest's folder name.
   */
  systemNames?: ReadonlyMap<string, string>;
}

// ---------------------------------------------------------------------------------------------
// Small helpers

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sorted(xs: Iterable<string>): string[] {
  return [...new Set(xs)].sort(cmp);
}

function own<T>(rec: Record<string, T> | undefined, key: string | null | undefined): T | undefined {
  return rec && key != null && Object.prototype.hasOwnProperty.call(rec, key) ? rec[key] : undefined;
}

function dirOf(p: string): string {
  const i = p.lastIndexOf('/');
  return i < 0 ? '' : p.slice(0, i);
}

function baseName(p: string): string {
  const i = p.lastIndexOf('/');
  return i < 0 ? p : p.slice(i + 1);
}

function relativeTo(root: string | undefined, p: string): string {
  if (!root) return p;
  const r = root.endsWith('/') ? root : root + '/';
  return p.startsWith(r) ? p.slice(r.length) : p;
}

function plural(n: number, one: string, many = one + 's'): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * Text for Markdown (a table cell, a list item, a paragraph): one line, `&`, `<` and `>` as HTML
 * entities (so no markup gets through), and the Markdown syntax that could format or break it
 * escaped: backslashes, backticks, emphasis, links, pipes, strikethrough. An underscore between
 * letters (`purchase_history`) cannot start emphasis and is left as it is.
 */
export function mdText(s: string): string {
  return s
    .replace(/[\r\n]+/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*[\]|~]/g, '\\$&')
    .replace(/_/g, (u, i: number, all: string) => (/[\p{L}\p{N}]/u.test(all[i - 1] ?? '') && /[\p{L}\p{N}]/u.test(all[i + 1] ?? '') ? u : '\\_'))
    .replace(/^([#+\-=>]|\d+[.)])/, '\\$1');
}

/** "a, b and c". */
function andList(xs: readonly string[]): string {
  if (xs.length <= 1) return xs.join('');
  return `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`;
}

// ---------------------------------------------------------------------------------------------
// Vocabulary: legal bases, special-category conditions, retention, regions, transfers

/** GDPR Art. 6(1) point per legal basis. */
const legalBasisArticle: Record<LegalBasis, string> = {
  consent: 'Art. 6(1)(a)',
  contract: 'Art. 6(1)(b)',
  legal_obligation: 'Art. 6(1)(c)',
  vital_interests: 'Art. 6(1)(d)',
  public_interest: 'Art. 6(1)(e)',
  legitimate_interests: 'Art. 6(1)(f)',
};

const legalBasisTitle: Record<LegalBasis, string> = {
  consent: 'Consent',
  contract: 'Performance of a contract',
  legal_obligation: 'Legal obligation',
  vital_interests: 'Vital interests',
  public_interest: 'Public interest',
  legitimate_interests: 'Legitimate interests',
};

/** fideslang `LegalBasisForProcessingEnum`. */
const legalBasisFides: Record<LegalBasis, string> = {
  consent: 'Consent',
  contract: 'Contract',
  legal_obligation: 'Legal obligations',
  vital_interests: 'Vital interests',
  public_interest: 'Public interest',
  legitimate_interests: 'Legitimate interests',
};

/** The legal basis of a purpose for a record: "Consent (GDPR Art. 6(1)(a))". */
export function legalBasisText(basis: LegalBasis | undefined): string {
  return basis ? `${legalBasisTitle[basis]} (GDPR ${legalBasisArticle[basis]})` : 'Not declared';
}

/** Art. 9(2) conditions: manifest spellings → point, title, fideslang `SpecialCategoryLegalBasisEnum`. */
const art9: { keys: string[]; point: string; title: string; fides: string }[] = [
  { keys: ['explicit_consent', 'consent'], point: 'Art. 9(2)(a)', title: 'Explicit consent', fides: 'Explicit consent' },
  { keys: ['employment', 'social_security', 'social_protection'], point: 'Art. 9(2)(b)', title: 'Employment, social security and social protection', fides: 'Employment, social security and social protection' },
  { keys: ['vital_interests', 'vital_interest'], point: 'Art. 9(2)(c)', title: 'Vital interests', fides: 'Vital interests' },
  { keys: ['not_for_profit', 'non_profit', 'not_for_profit_bodies'], point: 'Art. 9(2)(d)', title: 'Not-for-profit bodies', fides: 'Not-for-profit bodies' },
  { keys: ['made_public', 'public_by_data_subject', 'manifestly_made_public'], point: 'Art. 9(2)(e)', title: 'Made public by the data subject', fides: 'Made public by the data subject' },
  { keys: ['legal_claims', 'judicial_acts'], point: 'Art. 9(2)(f)', title: 'Legal claims or judicial acts', fides: 'Legal claims or judicial acts' },
  { keys: ['substantial_public_interest', 'public_interest'], point: 'Art. 9(2)(g)', title: 'Reasons of substantial public interest', fides: 'Reasons of substantial public interest (with a basis in law)' },
  { keys: ['health_care', 'health_or_social_care', 'medical', 'social_care', 'preventive_medicine'], point: 'Art. 9(2)(h)', title: 'Health or social care', fides: 'Health or social care (with a basis in law)' },
  { keys: ['public_health', 'public_health_interest'], point: 'Art. 9(2)(i)', title: 'Public health', fides: 'Public health (with a basis in law)' },
  { keys: ['archiving', 'research', 'statistics', 'scientific_research'], point: 'Art. 9(2)(j)', title: 'Archiving, research and statistics', fides: 'Archiving, research and statistics (with a basis in law)' },
];

function art9Of(basis: string | undefined): (typeof art9)[number] | undefined {
  if (!basis) return undefined;
  const k = basis.trim().toLowerCase().replace(/[\s-]+/g, '_');
  return art9.find((c) => c.keys.includes(k));
}

/** The Art. 9 condition for a record: "Explicit consent (GDPR Art. 9(2)(a))", or the manifest's words. */
export function art9Text(basis: string | undefined): string {
  if (!basis) return '';
  const c = art9Of(basis);
  return c ? `${c.title} (GDPR ${c.point})` : basis;
}

const durationUnits: [string, string][] = [
  ['Y', 'year'],
  ['M', 'month'],
  ['W', 'week'],
  ['D', 'day'],
];
const timeUnits: [string, string][] = [
  ['H', 'hour'],
  ['M', 'minute'],
  ['S', 'second'],
];

/** An ISO 8601 duration in words ("P1Y6M" → "1 year and 6 months"), or null when it does not parse. */
export function durationText(iso: string): string | null {
  const m = /^P(?:(\d+(?:[.,]\d+)?)Y)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)W)?(?:(\d+(?:[.,]\d+)?)D)?(?:T(?:(\d+(?:[.,]\d+)?)H)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$/i.exec(iso.trim());
  if (!m || iso.trim().toUpperCase() === 'P' || /T$/i.test(iso.trim())) return null;
  const parts: string[] = [];
  const units = [...durationUnits, ...timeUnits];
  units.forEach(([, word], i) => {
    const v = m[i + 1];
    if (v === undefined) return;
    const n = Number(v.replace(',', '.'));
    parts.push(`${v.replace(',', '.')} ${n === 1 ? word : word + 's'}`);
  });
  return parts.length ? andList(parts) : null;
}

/** A retention for a record: "2 years (P2Y)", "not declared", or the raw text when it is no ISO 8601 duration. */
export function retentionText(retention: string | undefined): string {
  if (!retention) return 'Not declared';
  const words = durationText(retention);
  return words ? `${words} (${retention})` : `${retention} (not an ISO 8601 duration)`;
}

/** EEA member states (ISO 3166-1 alpha-2) and the names a manifest may use for the area itself. */
const eea = new Set([
  'EU', 'EEA', 'EUROPE', 'AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'EL', 'HU', 'IE', 'IT', 'LV', 'LT', 'LU', 'MT', 'NL', 'PL',
  'PT', 'RO', 'SK', 'SI', 'ES', 'SE', 'IS', 'LI', 'NO',
]);

/** True when a destination's region is inside the EEA (so no third-country transfer). */
export function isEeaRegion(region: string | undefined): boolean {
  if (!region) return false;
  const r = region.trim().toUpperCase();
  return eea.has(r) || /^EU[-_ ]/.test(r) || /^EEA[-_ ]/.test(r);
}

const regionNames: Record<string, string> = {
  EU: 'the European Union',
  EEA: 'the European Economic Area',
  US: 'the United States',
  USA: 'the United States',
  UK: 'the United Kingdom',
  GB: 'the United Kingdom',
  CH: 'Switzerland',
  CA: 'Canada',
  JP: 'Japan',
  AU: 'Australia',
  IN: 'India',
  SG: 'Singapore',
  BR: 'Brazil',
  IE: 'Ireland',
  DE: 'Germany',
  FR: 'France',
  NL: 'the Netherlands',
};

function regionName(region: string): string {
  return regionNames[region.trim().toUpperCase()] ?? region;
}

const transferNames: Record<string, string> = {
  SCC: 'standard contractual clauses',
  SCCS: 'standard contractual clauses',
  BCR: 'binding corporate rules',
  BCRS: 'binding corporate rules',
  DPF: 'the EU–US Data Privacy Framework',
  'EU-US DPF': 'the EU–US Data Privacy Framework',
  ADEQUACY: 'an adequacy decision',
  'ADEQUACY DECISION': 'an adequacy decision',
};

function transferName(transfer: string): string {
  return transferNames[transfer.trim().toUpperCase()] ?? transfer;
}

/** Transfers to third countries for a record. */
export function transferText(d: Destination | null): string {
  if (!d) return 'Unknown (destination not declared)';
  if (!d.region) return d.transfer ? `Region not declared; safeguard: ${d.transfer}` : 'Not declared';
  if (isEeaRegion(d.region)) return `None: processed in ${d.region} (EEA)`;
  return d.transfer ? `${d.region}; safeguard: ${d.transfer}` : `${d.region}; no safeguard declared`;
}

// ---------------------------------------------------------------------------------------------
// Taxonomy helpers

/** The fideslang category a custom taxonomy key rests on (itself for fideslang keys). */
function fideslangBase(category: string, m: Manifest | null): string {
  let c = category;
  for (let i = 0; i < 20 && !dataCategories.has(c); i++) {
    const custom = own(m?.taxonomy, c);
    if (!custom) break;
    c = custom.parent;
  }
  return c;
}

/** The human name of a category: the taxonomy's name, a custom entry's description, or the key. */
function categoryName(category: string, m: Manifest | null): string {
  if (category === NONE_CATEGORY) return 'Not personal data';
  const tax = dataCategories.get(category);
  if (tax) return tax.name;
  const custom = own(m?.taxonomy, category);
  if (custom?.description) return custom.description;
  const base = fideslangBase(category, m);
  return base !== category && dataCategories.has(base) ? `${dataCategories.get(base)!.name} (${category})` : category;
}

function useName(use: string | undefined): string {
  if (!use) return 'Not declared';
  const u = dataUses.get(use);
  return u ? `${use} (${u.name})` : use;
}

/** Data uses that count as tracking (Apple's and the ATT sense: advertising across other companies' data). */
export function isTrackingUse(use: string | undefined): boolean {
  if (!use) return false;
  if (use === 'marketing.advertising.first_party.contextual') return false;
  return isWithin(use, 'marketing.advertising') || use === 'analytics.reporting.ad_performance' || (isWithin(use, 'third_party_sharing') && use !== 'third_party_sharing.legal_obligation');
}

/** Techniques that count as tracking (identify a person or device across apps and sites). */
const trackingTechniques: ReadonlySet<TechniqueId> = new Set<TechniqueId>(['ad-id', 'identity-matching', 'fingerprinting']);

/** The data a technique implies even when no property carries it. */
const techniqueCategories: Partial<Record<TechniqueId, string>> = {
  'session-replay': 'user.behavior',
  'email-tracking': 'user.behavior',
  fingerprinting: 'user.device',
  'ad-id': 'user.device.device_id',
  'visitor-identification': 'user.device.ip_address',
};

// ---------------------------------------------------------------------------------------------
// The model: flows and activities

/** One path of one piece of data (or of a call without data) to one destination. */
interface Flow {
  manifest: string | null;
  /** Event label: the event name, `identify()`, `page()`, `(dynamic event name)`; null for a technique switch. */
  event: string | null;
  /** The event (or identity) is declared for this destination. */
  eventDeclared: boolean;
  /** null: the flow carries no property (an event without properties). */
  category: string | null | undefined;
  /** How the category was found. */
  source: 'declared' | 'inferred' | 'unclassified' | 'technique';
  property: string | null;
  purpose: string | null;
  destination: string;
  sdk: string;
  technique: TechniqueId | null;
  file: string;
}

/** Where a category, event or technique of an activity comes from. */
interface Provenance {
  /** Seen in code and declared (or not needing a declaration). */
  seen: boolean;
  /** Declared in the manifest for this activity. */
  declared: boolean;
  /** Undeclared properties it was inferred from. */
  inferredFrom: Set<string>;
  /** Techniques that imply it. */
  impliedBy: Set<string>;
  /** Undeclared properties of unknown category (for the `null` category). */
  unclassified: Set<string>;
  /** Categories: the events (and identity calls) that carry it, seen or declared. */
  events: Set<string>;
}

function provenance(): Provenance {
  return { seen: false, declared: false, inferredFrom: new Set(), impliedBy: new Set(), unclassified: new Set(), events: new Set() };
}

/** A processing activity: one purpose × one destination under one manifest. */
export interface Activity {
  manifest: string | null;
  manifestModel: Manifest | null;
  purpose: string | null;
  purposeDecl: Purpose | null;
  destination: string;
  destDecl: Destination | null;
  /** SDK ids of the calls that reach the destination (and the declared one). */
  sdks: Set<string>;
  /** Category key ('' for unclassified) → provenance. */
  categories: Map<string, Provenance>;
  events: Map<string, Provenance>;
  techniques: Map<string, Provenance>;
  files: Set<string>;
  /** Seen in code at all. */
  seen: boolean;
  /** Declared: purpose and destination declared, and the destination lists the purpose. */
  declared: boolean;
}

/** All activities of the input, sorted. */
export interface ComplianceModel {
  activities: Activity[];
  manifests: string[];
  /** Manifest path → system name. */
  systems: Map<string, string>;
  /** The manifest models (null when a manifest does not parse). */
  models: (Manifest | null)[];
  calls: number;
  root?: string;
}

/** The manifest that governs a file: the one whose folder is the longest prefix of its path. */
function governing(file: string, paths: readonly string[]): string | null {
  let best: string | null = null;
  for (const p of paths) {
    const d = dirOf(p);
    const inside = d === '' || d === '.' || file.startsWith(d + '/');
    if (inside && (best === null || d.length > dirOf(best).length)) best = p;
  }
  if (best === null && paths.length === 1 && !paths[0].includes('/')) best = paths[0];
  return best;
}

function categoryOfProperty(declared: string | null | undefined, inferred: string | null): Pick<Flow, 'category' | 'source'> {
  if (declared && declared !== TODO) return { category: declared, source: 'declared' };
  if (inferred) return { category: inferred, source: 'inferred' };
  return { category: null, source: 'unclassified' };
}

/** The flows of one call (see the module comment). */
function flowsOf(call: TrackingCall, manifest: string | null, m: Manifest | null, root: string | undefined): Flow[] {
  const file = relativeTo(root, call.file);
  const names = call.destinations !== undefined ? call.destinations : destinationsOfCall(call, m);
  const dests = names.length ? sorted(names) : [call.sdk];
  const out: Flow[] = [];
  const base = { manifest, sdk: call.sdk, technique: call.technique ?? null, file };
  const implied = call.technique ? techniqueCategories[call.technique] : undefined;

  for (const destination of dests) {
    const push = (f: Omit<Flow, keyof typeof base | 'destination'>) => out.push({ ...base, destination, ...f });
    if (isIdentityCall(call)) {
      const id = own(m?.identities, destination) ?? null;
      const event = `${call.kind}()`;
      const eventDeclared = !!id;
      if (!call.properties.length) push({ event, eventDeclared, category: undefined, source: 'declared', property: null, purpose: id?.purpose ?? null });
      for (const p of call.properties) {
        const trait = own(id?.traits, p.key) ?? null;
        push({ event, eventDeclared, property: p.key, ...categoryOfProperty(p.declared ?? trait?.category, p.inferred), purpose: trait?.purpose ?? id?.purpose ?? null });
      }
    } else if (isEventCall(call)) {
      const targets = eventTargets(call, m);
      const events = targets.length
        ? targets.map((t) => ({ name: t.name || `${call.kind}()`, decl: t.declared }))
        : [{ name: '(dynamic event name)', decl: null }];
      for (const ev of events) {
        const purposes: (string | null)[] = ev.decl && ev.decl.purposes.length ? ev.decl.purposes : [null];
        const head = { event: ev.name, eventDeclared: !!ev.decl && !!m && eventDestinations(ev.decl, m).includes(destination) };
        if (!call.properties.length) for (const purpose of purposes) push({ ...head, category: undefined, source: 'declared', property: null, purpose });
        for (const p of call.properties) {
          const dp = own(ev.decl?.properties, p.key) ?? null;
          for (const purpose of dp?.purpose ? [dp.purpose] : purposes) push({ ...head, property: p.key, ...categoryOfProperty(p.declared ?? dp?.category, p.inferred), purpose });
        }
        if (implied) for (const purpose of purposes) push({ ...head, category: implied, source: 'technique', property: null, purpose });
      }
    } else if (call.technique) {
      const t = m?.techniques[call.technique];
      const purpose = t?.purpose ?? null;
      push({ event: null, eventDeclared: false, category: implied, source: 'technique', property: null, purpose });
    }
    // reset(), consent updates, init calls without a technique: no data, no purpose.
  }
  return out;
}

/** An SDK call inside a wrapper that only forwards its parameters: drawn at the wrapper's call sites. */
function isPassThrough(call: TrackingCall, wrappersCalled: ReadonlySet<string>): boolean {
  return !!call.insideWrapper && wrappersCalled.has(call.insideWrapper) && call.event === null && call.eventCandidates.length === 0;
}

function activityKey(manifest: string | null, purpose: string | null, destination: string): string {
  return `${manifest ?? ''}\u0000${purpose ?? '\u0001'}\u0000${destination}`;
}

/** Builds the activities of the input (exported for tests and other exports). */
export function buildComplianceModel(input: ComplianceInput): ComplianceModel {
  const root = input.root ? input.root.replace(/\/+$/, '') : undefined;
  const paths = [...input.manifests.keys()].sort(cmp);
  const model = (p: string | null) => (p ? input.manifests.get(p)?.manifest ?? null : null);
  const activities = new Map<string, Activity>();

  const activity = (manifest: string | null, purpose: string | null, destination: string): Activity => {
    const key = activityKey(manifest, purpose, destination);
    let a = activities.get(key);
    if (!a) {
      const m = model(manifest);
      const purposeDecl = own(m?.purposes, purpose) ?? null;
      const destDecl = own(m?.destinations, destination) ?? null;
      a = {
        manifest,
        manifestModel: m,
        purpose,
        purposeDecl,
        destination,
        destDecl,
        sdks: new Set(destDecl?.sdk && destDecl.sdk !== TODO ? [destDecl.sdk] : []),
        categories: new Map(),
        events: new Map(),
        techniques: new Map(),
        files: new Set(),
        seen: false,
        declared: !!purposeDecl && !!destDecl && destDecl.purposes.includes(purpose!),
      };
      activities.set(key, a);
    }
    return a;
  };
  const prov = (map: Map<string, Provenance>, key: string): Provenance => {
    let p = map.get(key);
    if (!p) map.set(key, (p = provenance()));
    return p;
  };

  // What the code does.
  const wrappersCalled = new Set(input.calls.map((c) => c.via).filter((v): v is string => !!v));
  const calls = input.calls.filter((c) => !isPassThrough(c, wrappersCalled));
  for (const call of calls) {
    const given = input.manifestOf?.get(call.file);
    const manifest = given !== undefined ? (given !== null && input.manifests.has(given) ? given : null) : governing(call.file, paths);
    for (const f of flowsOf(call, manifest, model(manifest), root)) {
      const a = activity(f.manifest, f.purpose, f.destination);
      a.seen = true;
      if (!a.destDecl) a.sdks.add(f.sdk);
      a.files.add(f.file);
      if (f.event !== null) {
        const e = prov(a.events, f.event);
        e.seen = true;
        if (f.eventDeclared) e.declared = true;
      }
      if (f.technique) prov(a.techniques, f.technique).seen = true;
      if (f.category === undefined) continue;
      const p = prov(a.categories, f.category ?? '');
      if (f.event !== null) p.events.add(f.event);
      if (f.source === 'declared') p.seen = true;
      else if (f.source === 'inferred') p.inferredFrom.add(f.property ?? '?');
      else if (f.source === 'technique') p.impliedBy.add(f.technique ?? '?');
      else p.unclassified.add(f.property ?? '?');
    }
  }

  // What the manifest declares: every purpose a destination lists, with the declared events,
  // properties, identity traits and techniques of that pair.
  for (const path of paths) {
    const m = model(path);
    if (!m) continue;
    for (const d of Object.values(m.destinations)) {
      for (const purpose of d.purposes) {
        if (purpose === TODO) continue;
        const a = activity(path, purpose, d.name);
        for (const ev of Object.values(m.events)) {
          if (!eventDestinations(ev, m).includes(d.name)) continue;
          let usedHere = ev.purposes.includes(purpose);
          for (const dp of Object.values(ev.properties)) {
            const pp = dp.purpose ?? (ev.purposes.includes(purpose) ? purpose : null);
            if (pp !== purpose) continue;
            usedHere = true;
            if (dp.category && dp.category !== TODO) {
              const cp = prov(a.categories, dp.category);
              cp.declared = true;
              cp.events.add(ev.name);
            }
          }
          if (usedHere) prov(a.events, ev.name).declared = true;
        }
        const id = own(m.identities, d.name);
        if (id) {
          let usedHere = false;
          for (const t of Object.values(id.traits)) {
            if ((t.purpose ?? id.purpose) !== purpose) continue;
            usedHere = true;
            if (t.category && t.category !== TODO) {
              const cp = prov(a.categories, t.category);
              cp.declared = true;
              cp.events.add('identify()');
            }
          }
          if (usedHere || (id.purpose === purpose && !Object.keys(id.traits).length)) prov(a.events, 'identify()').declared = true;
        }
        for (const t of Object.values(m.techniques)) {
          if (!t || t.purpose !== purpose || (t.destinations && !t.destinations.includes(d.name))) continue;
          prov(a.techniques, t.id).declared = true;
          const implied = techniqueCategories[t.id];
          if (implied) prov(a.categories, implied).impliedBy.add(t.id);
        }
      }
    }
  }

  const systems = new Map<string, string>();
  for (const p of paths) systems.set(p, input.systemNames?.get(p) ?? (baseName(dirOf(p)) || 'app'));
  const list = [...activities.values()].sort(
    (a, b) => cmp(a.manifest ?? '', b.manifest ?? '') || cmp(a.purpose ?? '\uffff', b.purpose ?? '\uffff') || cmp(a.destination, b.destination),
  );
  return { activities: list, manifests: paths.map((p) => relativeTo(root, p)), systems, models: paths.map(model), calls: calls.length, root };
}

// ---------------------------------------------------------------------------------------------
// Activity fields (shared by the RoPA formats)

/** The personal-data categories of an activity, rendered, with marks for what is not simply declared. */
interface CategoryEntry {
  key: string;
  text: string;
  special: boolean;
  /** Only inferred from undeclared properties (not declared anywhere for the activity). */
  marked: boolean;
  /** Sent by at least one undeclared property. */
  inferred: boolean;
}

function categoryEntries(a: Activity): CategoryEntry[] {
  const out: CategoryEntry[] = [];
  for (const key of sorted(a.categories.keys())) {
    const p = a.categories.get(key)!;
    if (key === '') {
      out.push({ key, text: `Unclassified (undeclared ${plural(p.unclassified.size, 'property', 'properties')}: ${sorted(p.unclassified).join(', ')})`, special: false, marked: true, inferred: true });
      continue;
    }
    const base = fideslangBase(key, a.manifestModel);
    const personal = isPersonalCategory(base) || isPersonalCategory(key);
    if (!personal) continue;
    const marks: string[] = [];
    if (p.inferredFrom.size) marks.push(`inferred, undeclared: ${sorted(p.inferredFrom).join(', ')}`);
    if (p.impliedBy.size && !p.seen && !p.declared) marks.push(`implied by ${sorted(p.impliedBy).join(', ')}`);
    if (p.declared && !p.seen && !p.inferredFrom.size && !p.impliedBy.size && a.seen) marks.push('declared, not seen in code');
    const special = isSpecialCategory(base) || isSpecialCategory(key);
    out.push({
      key,
      text: `${key} (${categoryName(key, a.manifestModel)})${special ? ' [special category]' : ''}${marks.length ? ` [${marks.join('; ')}]` : ''}`,
      special,
      marked: p.inferredFrom.size > 0 && !p.seen && !p.declared,
      inferred: p.inferredFrom.size > 0,
    });
  }
  return out;
}

function namedEntries(map: Map<string, Provenance>, activitySeen: boolean): string[] {
  return sorted(map.keys()).map((k) => {
    const p = map.get(k)!;
    if (p.seen && !p.declared && activitySeen) return `${k} [not declared]`;
    if (!p.seen && activitySeen) return `${k} [declared, not seen in code]`;
    return k;
  });
}

/** Why an activity needs review (empty: it does not). */
function issuesOf(a: Activity): string[] {
  const issues: string[] = [];
  if (!a.manifest) issues.push('no manifest governs this code');
  else if (a.purpose === null) issues.push('no purpose declared for this data');
  else if (!a.purposeDecl) issues.push(`purpose '${a.purpose}' is not declared`);
  if (a.manifest && !a.destDecl) issues.push(`destination not declared (SDK ${[...a.sdks].sort(cmp).join(', ') || a.destination})`);
  if (a.purposeDecl && a.destDecl && !a.declared) issues.push(`'${a.destination}' does not list purpose '${a.purpose}'`);
  if (a.purposeDecl && !a.purposeDecl.legal_basis) issues.push('no legal basis');
  if (a.purposeDecl?.legal_basis === 'consent' && !a.purposeDecl.consent) issues.push('consent category missing');
  if (a.purposeDecl && art9Of(a.purposeDecl.special_category_basis)?.keys[0] === 'explicit_consent' && !a.purposeDecl.consent) issues.push('Art. 9 explicit consent without a consent category');
  const cats = categoryEntries(a);
  if (cats.some((c) => c.inferred || c.key === '')) issues.push('undeclared properties');
  if (cats.some((c) => c.special) && a.purposeDecl && !a.purposeDecl.special_category_basis) issues.push('special-category data without an Art. 9 condition');
  if (a.manifestModel && [...a.events.values()].some((p) => p.seen && !p.declared)) issues.push('events not declared for this destination');
  if (a.manifestModel && [...a.techniques.values()].some((p) => p.seen && !p.declared)) issues.push('techniques not declared');
  return issues;
}

function statusOf(a: Activity): string {
  const issues = issuesOf(a);
  if (issues.length) return `Needs review: ${issues.join('; ')}`;
  return a.seen ? 'Declared, seen in code' : 'Declared, not seen in code';
}

function subjectsOf(a: Activity): string {
  const children = [...a.categories.keys()].some((k) => k !== '' && isWithin(fideslangBase(k, a.manifestModel), 'user.childrens'));
  return children ? 'Users; children' : 'Users';
}

function recipientOf(a: Activity): string {
  const vendor = a.destDecl?.vendor;
  return vendor ? `${vendor} (${a.destination})` : a.destDecl ? a.destination : `${a.destination} (not declared)`;
}

function consentOf(a: Activity): string {
  const p = a.purposeDecl;
  if (!p) return '';
  if (p.legal_basis !== 'consent') return p.consent ? p.consent : 'Not consent-based';
  if (!p.consent) return 'Not declared';
  const cat = own(a.manifestModel?.consent.categories, p.consent);
  return cat?.att ? `${p.consent} (iOS App Tracking Transparency)` : p.consent;
}

/** The name of an activity: "product-analytics via segment". */
function activityName(a: Activity, multi: boolean, root: string | undefined): string {
  const name = `${a.purpose ?? '(no declared purpose)'} via ${a.destination}`;
  return multi ? `${name} (${a.manifest ? relativeTo(root, a.manifest) : 'no manifest'})` : name;
}

/** One RoPA record as label → value, in Art. 30(1) order. */
function ropaRecord(a: Activity, multi: boolean, root: string | undefined): [string, string][] {
  const p = a.purposeDecl;
  const cats = categoryEntries(a);
  return [
    ['Processing activity', activityName(a, multi, root)],
    ['Purpose', a.purpose ?? '(no declared purpose)'],
    ['Purpose description', p?.description ?? ''],
    ['Data use (fideslang)', p ? useName(p.use) : ''],
    ['Legal basis', p ? legalBasisText(p.legal_basis) : 'Not declared'],
    ['Art. 9 condition', p ? art9Text(p.special_category_basis) : ''],
    ['Data subjects', subjectsOf(a)],
    ['Personal data categories', cats.map((c) => c.text).join('; ') || 'None (no personal data)'],
    ['Recipients', recipientOf(a)],
    ['Third-country transfers', transferText(a.destDecl)],
    ['Retention', retentionText(a.destDecl?.retention)],
    ['Consent category', consentOf(a)],
    ['Events', namedEntries(a.events, a.seen).join('; ')],
    ['Techniques', namedEntries(a.techniques, a.seen).join('; ')],
    ['Source files', sorted(a.files).join('; ')],
    ['Status', statusOf(a)],
  ];
}

// ---------------------------------------------------------------------------------------------
// CSV (RFC 4180)

/**
 * One CSV field: quoted when it holds a comma, a quote, a line break or edge spaces (quotes
 * doubled). A field that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR first)
 * gets a leading apostrophe, the usual guard against CSV injection.
 */
export function csvField(value: string): string {
  let v = value;
  if (/^[=+\-@\t\r]/.test(v)) v = `'${v}`;
  return /[",\r\n]|^\s|\s$/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

function csv(rows: string[][]): string {
  return rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}

// ---------------------------------------------------------------------------------------------
// RoPA

/** The Record of Processing Activities as CSV: a header row, then one row per activity. */
export function exportRopaCsv(input: ComplianceInput): string {
  const model = buildComplianceModel(input);
  const multi = model.manifests.length > 1;
  const records = model.activities.map((a) => ropaRecord(a, multi, model.root));
  const header = ropaRecord(emptyActivity(), false, undefined).map(([k]) => k);
  return csv([header, ...records.map((r) => r.map(([, v]) => v))]);
}

function emptyActivity(): Activity {
  return { manifest: null, manifestModel: null, purpose: null, purposeDecl: null, destination: '', destDecl: null, sdks: new Set(), categories: new Map(), events: new Map(), techniques: new Map(), files: new Set(), seen: false, declared: false };
}

/** A Markdown table cell: one line, HTML and Markdown syntax (pipes included) escaped. */
function cell(s: string): string {
  return s === '' ? '—' : mdText(s);
}

/** The Record of Processing Activities as Markdown: controller fields to fill in, a summary table, one section per activity. */
export function exportRopaMarkdown(input: ComplianceInput): string {
  const model = buildComplianceModel(input);
  const multi = model.manifests.length > 1;
  const out: string[] = [];
  out.push('# Record of Processing Activities (GDPR Art. 30(1))');
  out.push('');
  out.push(
    `Generated by Privet from ${plural(model.calls, 'tracking call')} and ${model.manifests.length ? `the manifest${multi ? 's' : ''} ${model.manifests.map(mdText).join(', ')}` : 'no manifest'}. ` +
      'One activity is one purpose × one recipient. Items marked *not declared*, *inferred* or *Needs review* must be resolved in `privacy.yaml` before this record is filed.',
  );
  out.push('');
  out.push('| Controller field | Value |');
  out.push('|---|---|');
  out.push('| Name and contact details of the controller (and joint controller, representative) | *to be completed* |');
  out.push('| Contact details of the data protection officer | *to be completed* |');
  out.push('| Technical and organisational security measures (Art. 32) | *to be completed* |');
  out.push('| Date of this record | *to be completed* |');
  out.push('');
  out.push('## Summary');
  out.push('');
  if (!model.activities.length) {
    out.push('No processing activities: no tracking calls were found and no manifest declares a destination.');
    out.push('');
  } else {
    out.push('| Processing activity | Legal basis | Recipients | Transfers | Retention | Status |');
    out.push('|---|---|---|---|---|---|');
    for (const a of model.activities) {
      const r = new Map(ropaRecord(a, multi, model.root));
      out.push(`| ${['Processing activity', 'Legal basis', 'Recipients', 'Third-country transfers', 'Retention', 'Status'].map((k) => cell(r.get(k) ?? '')).join(' | ')} |`);
    }
    out.push('');
  }
  for (const a of model.activities) {
    const rec = ropaRecord(a, multi, model.root);
    out.push(`## ${mdText(rec[0][1])}`);
    out.push('');
    out.push('| Field | Value |');
    out.push('|---|---|');
    for (const [k, v] of rec.slice(1)) out.push(`| ${k} | ${cell(v)} |`);
    out.push('');
  }
  out.push('---');
  out.push('');
  out.push(`Data categories and data uses: ${FIDESLANG_CREDIT}.`);
  return out.join('\n') + '\n';
}

// ---------------------------------------------------------------------------------------------
// Plain-language notice

const plainBasis: Record<LegalBasis, string> = {
  consent: 'We only do this if you agree to it (your consent).',
  contract: 'We need this to provide the service you signed up for (our contract with you).',
  legal_obligation: 'The law requires us to do this.',
  vital_interests: "We need this to protect someone's life or health.",
  public_interest: 'We need this to carry out a task in the public interest.',
  legitimate_interests: 'We do this because we have a legitimate interest in it, which we have weighed against your rights.',
};

function plainWithdraw(p: Purpose, m: Manifest | null, special: boolean): string {
  if (p.legal_basis !== 'consent' && special && art9Of(p.special_category_basis)?.keys[0] === 'explicit_consent') {
    const choice = p.consent ? ` in our privacy settings (the “${p.consent}” choice)` : '';
    return `You can withdraw your explicit consent to the use of your sensitive information at any time${choice}. Withdrawing does not affect what happened before.`;
  }
  if (p.legal_basis === 'consent') {
    const cat = own(m?.consent.categories, p.consent);
    const choice = p.consent ? ` (the “${p.consent}” choice)` : '';
    const att = cat?.att ? ' On iPhone and iPad you can also turn off tracking for this app in Settings › Privacy & Security › Tracking.' : '';
    return `You can withdraw your consent at any time in our privacy settings${choice}; it is as easy as giving it. Withdrawing does not affect what happened before.${att}`;
  }
  if (p.legal_basis === 'legitimate_interests') return 'This does not depend on your consent, but you can object to it at any time by contacting us.';
  return 'This does not depend on your consent. You can still ask us for a copy of your data or to delete it (see “Your rights”).';
}

/** The plain-language data notice, per purpose. */
export function exportNoticeMarkdown(input: ComplianceInput): string {
  const model = buildComplianceModel(input);
  const byPurpose = new Map<string, Activity[]>();
  for (const a of model.activities) {
    // Declared purposes first, then the undeclared ones, then data without a purpose.
    const key = `${a.manifest ?? ''}\u0000${a.purposeDecl ? '0' : a.purpose !== null ? '1' : '2'}${a.purpose ?? ''}`;
    byPurpose.set(key, [...(byPurpose.get(key) ?? []), a]);
  }
  const out: string[] = [];
  const review: string[] = [];
  const sections: string[] = [];
  for (const [, acts] of [...byPurpose.entries()].sort(([x], [y]) => cmp(x, y))) {
    const first = acts[0];
    const p = first.purposeDecl;
    const m = first.manifestModel;
    const multi = model.manifests.length > 1;
    const scope = multi ? ` (${first.manifest ? model.systems.get(first.manifest) ?? first.manifest : 'no manifest'})` : '';
    const title = (p?.description ?? (first.purpose ? first.purpose.replace(/[-_]+/g, ' ') : 'Data sent without a declared purpose')) + scope;
    if (!p) review.push(first.purpose === null ? 'Some data is sent without a declared purpose: declare one in privacy.yaml.' : `Purpose '${first.purpose}' is used in code but not declared.`);
    if (p && !p.description) review.push(`Purpose '${first.purpose}' has no description: the heading falls back to its name.`);
    sections.push(`## ${mdText(title.charAt(0).toUpperCase() + title.slice(1))}`);
    sections.push('');

    // What we collect.
    const names = new Map<string, string>();
    let undeclared = false;
    for (const a of acts) {
      for (const c of categoryEntries(a)) {
        if (c.key === '') {
          undeclared = true;
          continue;
        }
        names.set(c.key, categoryName(c.key, m));
        if (c.marked) undeclared = true;
      }
    }
    if (undeclared) review.push(`${first.purpose ?? 'Undeclared purpose'}: the code sends properties the manifest does not declare; the list of what is collected may be incomplete.`);
    const collected = sorted(names.values());
    sections.push(`**What we collect:** ${collected.length ? mdText(collected.join(', ')) + '.' : 'no information that identifies you, only technical details.'}`);
    sections.push('');
    const use = p?.use ? dataUses.get(p.use) : undefined;
    sections.push(`**Why:** ${mdText(p?.description ?? use?.description ?? 'Not stated yet.')}`);
    sections.push('');
    const special = acts.some((a) => categoryEntries(a).some((c) => c.special));
    if (p?.legal_basis) {
      let basis = plainBasis[p.legal_basis];
      if (special) {
        const c = art9Of(p.special_category_basis);
        basis += c?.keys[0] === 'explicit_consent' ? ' Because this includes sensitive information, we ask for your explicit consent.' : ' This includes sensitive information, which we only use under the special protections the law sets for it.';
        if (!p.special_category_basis) review.push(`${first.purpose}: sensitive (special-category) data without an Art. 9 condition.`);
        else if (c?.keys[0] === 'explicit_consent' && !p.consent) review.push(`${first.purpose}: explicit consent (Art. 9) but no consent category says where it is given and withdrawn.`);
      }
      sections.push(`**Legal basis:** ${mdText(basis)}`);
    } else {
      sections.push('**Legal basis:** *to be completed*');
      review.push(`${first.purpose ?? 'Undeclared purpose'}: no legal basis declared.`);
    }
    sections.push('');

    // Who receives it, where, how long.
    sections.push('**Who receives it, where, and for how long:**');
    sections.push('');
    for (const a of [...acts].sort((x, y) => cmp(recipientName(x), recipientName(y)) || cmp(x.destination, y.destination))) {
      const d = a.destDecl;
      const who = recipientName(a);
      const where = d?.region ? ` in ${regionName(d.region)}` : '';
      const safeguard = d?.region && !isEeaRegion(d.region) ? (d.transfer ? `, protected by ${transferName(d.transfer)}` : '') : '';
      const words = d?.retention ? durationText(d.retention) : null;
      const howLong = words ? `; kept for ${words}` : '';
      sections.push(`- ${mdText(`${who}${where}${safeguard}${howLong}.`)}`);
      if (!d) review.push(`${who}: receives data but is not declared as a destination.`);
      else {
        if (!d.region) review.push(`${who}: where the data is processed (region) is not declared.`);
        if (d.region && !isEeaRegion(d.region) && !d.transfer) review.push(`${who}: transfer outside the EEA without a declared safeguard.`);
        if (!d.retention) review.push(`${who}: how long the data is kept (retention) is not declared.`);
        else if (!words) review.push(`${who}: retention '${d.retention}' is not an ISO 8601 duration.`);
      }
    }
    sections.push('');
    if (p) {
      sections.push(`**Your choice:** ${mdText(plainWithdraw(p, m, special))}`);
      sections.push('');
    }
  }

  const name = model.systems.size === 1 ? [...model.systems.values()][0] : null;
  out.push(`# How ${name ? mdText(name) : 'we'} use${name ? 's' : ''} your data`);
  out.push('');
  const reviewItems = sorted(review);
  if (reviewItems.length) {
    out.push('> **Before publishing** (generated by Privet; delete this box when resolved):');
    for (const r of reviewItems) out.push(`> - ${mdText(r)}`);
    out.push('');
  }
  out.push(byPurpose.size ? 'For each reason we use your data, this page says what we collect, why, on what legal basis, who receives it and for how long, and how you can change your mind.' : 'We do not send personal data to analytics or advertising services.');
  out.push('');
  out.push(...sections);
  out.push('---');
  out.push('');
  out.push(`Data categories: ${FIDESLANG_CREDIT}.`);
  return out.join('\n') + '\n';
}

function recipientName(a: Activity): string {
  return a.destDecl?.vendor ?? a.destination;
}

// ---------------------------------------------------------------------------------------------
// Apple PrivacyInfo.xcprivacy

/** fideslang category (prefix) → Apple collected data type, most specific first. */
export const appleDataTypes: readonly [string, string][] = [
  ['user.name', 'NSPrivacyCollectedDataTypeName'],
  ['user.contact.email', 'NSPrivacyCollectedDataTypeEmailAddress'],
  ['user.contact.phone_number', 'NSPrivacyCollectedDataTypePhoneNumber'],
  ['user.contact.address', 'NSPrivacyCollectedDataTypePhysicalAddress'],
  ['user.contact', 'NSPrivacyCollectedDataTypeOtherUserContactInfo'],
  ['user.health_and_medical.genetic', 'NSPrivacyCollectedDataTypeSensitiveInfo'],
  ['user.health_and_medical', 'NSPrivacyCollectedDataTypeHealth'],
  ['user.biometric.health', 'NSPrivacyCollectedDataTypeHealth'],
  ['user.biometric.voice', 'NSPrivacyCollectedDataTypeAudioData'],
  ['user.biometric', 'NSPrivacyCollectedDataTypeSensitiveInfo'],
  ['user.authorization.biometric', 'NSPrivacyCollectedDataTypeSensitiveInfo'],
  ['user.demographic.race_ethnicity', 'NSPrivacyCollectedDataTypeSensitiveInfo'],
  ['user.demographic.political_opinion', 'NSPrivacyCollectedDataTypeSensitiveInfo'],
  ['user.demographic.religious_belief', 'NSPrivacyCollectedDataTypeSensitiveInfo'],
  ['user.demographic.sexual_orientation', 'NSPrivacyCollectedDataTypeSensitiveInfo'],
  ['user.financial.credit_card', 'NSPrivacyCollectedDataTypePaymentInfo'],
  ['user.financial.bank_account', 'NSPrivacyCollectedDataTypePaymentInfo'],
  ['user.payment', 'NSPrivacyCollectedDataTypePaymentInfo'],
  ['user.financial', 'NSPrivacyCollectedDataTypeOtherFinancialInfo'],
  ['user.location.precise', 'NSPrivacyCollectedDataTypePreciseLocation'],
  ['user.location', 'NSPrivacyCollectedDataTypeCoarseLocation'],
  ['user.device.ip_address', 'NSPrivacyCollectedDataTypeCoarseLocation'],
  ['user.unique_id', 'NSPrivacyCollectedDataTypeUserID'],
  ['user.account', 'NSPrivacyCollectedDataTypeUserID'],
  ['user.device.device_id', 'NSPrivacyCollectedDataTypeDeviceID'],
  ['user.device.cookie_id', 'NSPrivacyCollectedDataTypeDeviceID'],
  ['user.device.cookie', 'NSPrivacyCollectedDataTypeDeviceID'],
  ['user.device', 'NSPrivacyCollectedDataTypeDeviceID'],
  ['user.behavior.purchase_history', 'NSPrivacyCollectedDataTypePurchaseHistory'],
  ['user.behavior.browsing_history', 'NSPrivacyCollectedDataTypeBrowsingHistory'],
  ['user.behavior.search_history', 'NSPrivacyCollectedDataTypeSearchHistory'],
  ['user.behavior', 'NSPrivacyCollectedDataTypeProductInteraction'],
  ['user.content.self_image', 'NSPrivacyCollectedDataTypePhotosorVideos'],
  ['user.content', 'NSPrivacyCollectedDataTypeOtherUserContent'],
  ['user.social', 'NSPrivacyCollectedDataTypeOtherUserContent'],
  ['user.telemetry', 'NSPrivacyCollectedDataTypeOtherDiagnosticData'],
  ['user', 'NSPrivacyCollectedDataTypeOtherDataTypes'],
];

/** fideslang data use (prefix) → Apple collection purpose, most specific first. */
export const applePurposes: readonly [string, string][] = [
  ['analytics.reporting.ad_performance', 'NSPrivacyCollectedDataTypePurposeDeveloperAdvertising'],
  ['analytics', 'NSPrivacyCollectedDataTypePurposeAnalytics'],
  ['marketing.advertising.first_party', 'NSPrivacyCollectedDataTypePurposeDeveloperAdvertising'],
  ['marketing.advertising.third_party', 'NSPrivacyCollectedDataTypePurposeThirdPartyAdvertising'],
  ['marketing.advertising.profiling', 'NSPrivacyCollectedDataTypePurposeThirdPartyAdvertising'],
  ['marketing.advertising.serving', 'NSPrivacyCollectedDataTypePurposeThirdPartyAdvertising'],
  ['marketing.advertising.frequency_capping', 'NSPrivacyCollectedDataTypePurposeThirdPartyAdvertising'],
  ['marketing.advertising.negative_targeting', 'NSPrivacyCollectedDataTypePurposeThirdPartyAdvertising'],
  ['marketing', 'NSPrivacyCollectedDataTypePurposeDeveloperAdvertising'],
  ['personalize', 'NSPrivacyCollectedDataTypePurposeProductPersonalization'],
  ['essential', 'NSPrivacyCollectedDataTypePurposeAppFunctionality'],
  ['functional', 'NSPrivacyCollectedDataTypePurposeAppFunctionality'],
];

const APPLE_OTHER = 'NSPrivacyCollectedDataTypePurposeOther';

function byPrefix(table: readonly [string, string][], key: string): string | undefined {
  return table.find(([prefix]) => isWithin(key, prefix))?.[1];
}

/** The Apple data type of a fideslang (or custom) category; null for data not about a person. */
export function appleDataTypeOf(category: string, m: Manifest | null = null): string | null {
  const base = fideslangBase(category, m);
  if (!isPersonalCategory(base)) return null;
  return byPrefix(appleDataTypes, base) ?? null;
}

/** The Apple purpose of a fideslang data use. */
export function applePurposeOf(use: string | undefined): string {
  return (use && byPrefix(applePurposes, use)) || APPLE_OTHER;
}

/** Categories that identify the person by themselves: data sent with them to a destination is linked. */
const identifyingTypes = new Set([
  'NSPrivacyCollectedDataTypeName',
  'NSPrivacyCollectedDataTypeEmailAddress',
  'NSPrivacyCollectedDataTypePhoneNumber',
  'NSPrivacyCollectedDataTypePhysicalAddress',
  'NSPrivacyCollectedDataTypeUserID',
  'NSPrivacyCollectedDataTypeDeviceID',
]);

/**
 * SDKs that, by design, set no cookie and keep no user or device identifier: data they receive is
 * not linked to a person unless an identifying category is sent with it.
 */
const cookielessSdks: ReadonlySet<string> = new Set(['plausible', 'fathom', 'umami', 'simple-analytics', 'vercel-analytics']);

/** True when an activity tracks: its purpose's use is a tracking use, or it uses a tracking technique. */
export function isTrackingActivity(a: Activity): boolean {
  return isTrackingUse(a.purposeDecl?.use) || [...a.techniques.keys()].some((t) => trackingTechniques.has(t as TechniqueId));
}

/** Per destination (manifest-scoped): whether it can link the data it receives to a person. */
interface DestinationFacts {
  identifying: boolean;
}

function destinationFacts(model: ComplianceModel): Map<string, DestinationFacts> {
  const facts = new Map<string, DestinationFacts>();
  for (const a of model.activities) {
    const key = `${a.manifest ?? ''}\u0000${a.destination}`;
    const f = facts.get(key) ?? { identifying: false };
    facts.set(key, f);
    // Analytics and advertising SDKs attach a user or device identifier to everything they send;
    // only cookieless SDKs do not.
    if (![...a.sdks].every((s) => cookielessSdks.has(s)) || a.sdks.size === 0) f.identifying = true;
    if ([...a.events.keys()].some((e) => /^(identify|alias)\(\)$/.test(e))) f.identifying = true;
    for (const c of a.categories.keys()) {
      const t = c === '' ? null : appleDataTypeOf(c, a.manifestModel);
      if (t && identifyingTypes.has(t)) f.identifying = true;
    }
  }
  return facts;
}

function factsOf(facts: Map<string, DestinationFacts>, a: Activity): DestinationFacts {
  return facts.get(`${a.manifest ?? ''}\u0000${a.destination}`)!;
}

function xmlText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '');
}

/** Text safe inside an XML comment (no `--`, no markup). */
function xmlComment(s: string): string {
  return s.replace(/[<>&]/g, ' ').replace(/-{2,}/g, '-').replace(/-$/, '- ').replace(/[\u0000-\u001f]/g, ' ');
}

/** Hosts of an SDK (from the catalogue). */
function hostsOf(sdk: string): string[] {
  return getCatalogue().byId.get(sdk)?.hosts ?? [];
}

interface AppleEntry {
  type: string;
  linked: boolean;
  tracking: boolean;
  purposes: Set<string>;
  sources: Set<string>;
}

function appleEntries(model: ComplianceModel): { entries: AppleEntry[]; tracking: boolean; domains: string[]; unmapped: string[] } {
  const facts = destinationFacts(model);
  const entries = new Map<string, AppleEntry>();
  let tracking = false;
  const domains = new Set<string>();
  const unmapped = new Set<string>();
  for (const a of model.activities) {
    const f = factsOf(facts, a);
    const tracks = isTrackingActivity(a);
    if (tracks) {
      tracking = true;
      for (const s of a.sdks) for (const h of hostsOf(s)) domains.add(h);
    }
    const purpose = applePurposeOf(a.purposeDecl?.use);
    const add = (type: string, source: string) => {
      const e = entries.get(type) ?? { type, linked: false, tracking: false, purposes: new Set<string>(), sources: new Set<string>() };
      entries.set(type, e);
      e.purposes.add(purpose);
      e.sources.add(source);
      // Linked unless every destination that receives it can identify no one.
      if (f.identifying) e.linked = true;
      if (tracks) e.tracking = true;
    };
    for (const c of a.categories.keys()) {
      if (c === '') {
        unmapped.add('unclassified properties');
        continue;
      }
      const type = appleDataTypeOf(c, a.manifestModel);
      if (type) add(type, c);
    }
    // Crash reports and performance data go to error-monitoring SDKs by themselves.
    for (const s of a.sdks) {
      if (getCatalogue().byId.get(s)?.category === 'error-monitoring' && a.seen) add('NSPrivacyCollectedDataTypeCrashData', `SDK ${s}`);
    }
    if (a.purposeDecl?.use && isWithin(a.purposeDecl.use, 'analytics.reporting.system')) add('NSPrivacyCollectedDataTypePerformanceData', a.purposeDecl.use);
  }
  // A tracking purpose or technique declared anywhere makes the app a tracking app, used or not.
  for (const m of model.models) {
    if (Object.values(m?.purposes ?? {}).some((p) => isTrackingUse(p.use))) tracking = true;
    if (Object.values(m?.techniques ?? {}).some((t) => t && trackingTechniques.has(t.id))) tracking = true;
  }
  const list = [...entries.values()].sort((x, y) => cmp(x.type, y.type));
  return { entries: list, tracking, domains: sorted(domains), unmapped: sorted(unmapped) };
}

/** Apple `PrivacyInfo.xcprivacy`: NSPrivacyTracking, NSPrivacyTrackingDomains and NSPrivacyCollectedDataTypes. */
export function exportXcprivacy(input: ComplianceInput): string {
  const model = buildComplianceModel(input);
  const { entries, tracking, domains, unmapped } = appleEntries(model);
  const out: string[] = [];
  out.push('<?xml version="1.0" encoding="UTF-8"?>');
  out.push('<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">');
  out.push(`<!-- ${xmlComment(`Generated by Privet from ${plural(model.calls, 'tracking call')} and ${model.manifests.length ? model.manifests.join(', ') : 'no manifest'}. Review before shipping: see docs/exports.md.`)} -->`);
  out.push(`<!-- ${xmlComment(`Data categories mapped from ${FIDESLANG_CREDIT}.`)} -->`);
  if (unmapped.length) out.push(`<!-- ${xmlComment(`Not mapped: ${unmapped.join(', ')}; classify them in privacy.yaml.`)} -->`);
  out.push('<plist version="1.0">');
  out.push('<dict>');
  out.push('\t<key>NSPrivacyTracking</key>');
  out.push(`\t<${tracking ? 'true' : 'false'}/>`);
  out.push('\t<key>NSPrivacyTrackingDomains</key>');
  if (domains.length) {
    out.push('\t<array>');
    for (const d of domains) out.push(`\t\t<string>${xmlText(d)}</string>`);
    out.push('\t</array>');
  } else out.push('\t<array/>');
  out.push('\t<key>NSPrivacyCollectedDataTypes</key>');
  if (entries.length) {
    out.push('\t<array>');
    for (const e of entries) {
      out.push('\t\t<dict>');
      out.push(`\t\t\t<!-- ${xmlComment(`from ${sorted(e.sources).join(', ')}`)} -->`);
      out.push('\t\t\t<key>NSPrivacyCollectedDataType</key>');
      out.push(`\t\t\t<string>${xmlText(e.type)}</string>`);
      out.push('\t\t\t<key>NSPrivacyCollectedDataTypeLinked</key>');
      out.push(`\t\t\t<${e.linked ? 'true' : 'false'}/>`);
      out.push('\t\t\t<key>NSPrivacyCollectedDataTypeTracking</key>');
      out.push(`\t\t\t<${e.tracking ? 'true' : 'false'}/>`);
      out.push('\t\t\t<key>NSPrivacyCollectedDataTypePurposes</key>');
      out.push('\t\t\t<array>');
      for (const p of sorted(e.purposes)) out.push(`\t\t\t\t<string>${xmlText(p)}</string>`);
      out.push('\t\t\t</array>');
      out.push('\t\t</dict>');
    }
    out.push('\t</array>');
  } else out.push('\t<array/>');
  out.push('</dict>');
  out.push('</plist>');
  return out.join('\n') + '\n';
}

// ---------------------------------------------------------------------------------------------
// Google Play data safety

/** fideslang category (prefix) → Play data category and type, most specific first. */
export const playDataTypes: readonly [string, string, string][] = [
  ['user.location.precise', 'Location', 'Precise location'],
  ['user.location', 'Location', 'Approximate location'],
  ['user.device.ip_address', 'Location', 'Approximate location'],
  ['user.name', 'Personal info', 'Name'],
  ['user.contact.email', 'Personal info', 'Email address'],
  ['user.unique_id', 'Personal info', 'User IDs'],
  ['user.account', 'Personal info', 'User IDs'],
  ['user.contact.address', 'Personal info', 'Address'],
  ['user.contact.phone_number', 'Personal info', 'Phone number'],
  ['user.demographic.race_ethnicity', 'Personal info', 'Race and ethnicity'],
  ['user.demographic.political_opinion', 'Personal info', 'Political or religious beliefs'],
  ['user.demographic.religious_belief', 'Personal info', 'Political or religious beliefs'],
  ['user.demographic.sexual_orientation', 'Personal info', 'Sexual orientation'],
  ['user.financial.credit_card', 'Financial info', 'User payment info'],
  ['user.financial.bank_account', 'Financial info', 'User payment info'],
  ['user.payment', 'Financial info', 'User payment info'],
  ['user.behavior.purchase_history', 'Financial info', 'Purchase history'],
  ['user.financial', 'Financial info', 'Other financial info'],
  ['user.health_and_medical', 'Health and fitness', 'Health info'],
  ['user.biometric.health', 'Health and fitness', 'Health info'],
  ['user.content.self_image', 'Photos and videos', 'Photos'],
  ['user.biometric.voice', 'Audio', 'Voice or sound recordings'],
  ['user.behavior.search_history', 'App activity', 'In-app search history'],
  ['user.behavior.browsing_history', 'Web browsing', 'Web browsing history'],
  ['user.behavior', 'App activity', 'App interactions'],
  ['user.content', 'App activity', 'Other user-generated content'],
  ['user.social', 'App activity', 'Other user-generated content'],
  ['user.device', 'Device or other IDs', 'Device or other IDs'],
  ['user.telemetry', 'App info and performance', 'Diagnostics'],
  ['user', 'Personal info', 'Other info'],
];

/** fideslang data use (prefix) → Play purpose, most specific first. */
export const playPurposes: readonly [string, string][] = [
  ['analytics.reporting.ad_performance', 'Advertising or marketing'],
  ['analytics', 'Analytics'],
  ['marketing', 'Advertising or marketing'],
  ['personalize', 'Personalization'],
  ['essential.fraud_detection', 'Fraud prevention, security, and compliance'],
  ['essential.service.security', 'Fraud prevention, security, and compliance'],
  ['essential.legal_obligation', 'Fraud prevention, security, and compliance'],
  ['third_party_sharing.legal_obligation', 'Fraud prevention, security, and compliance'],
  ['essential.service.authentication', 'Account management'],
  ['essential.service.notifications', 'Developer communications'],
  ['essential', 'App functionality'],
  ['functional', 'App functionality'],
];

const PLAY_UNMAPPED = 'No Play purpose (review)';

/** The Play data type of a category; null for data not about a person. */
export function playDataTypeOf(category: string, m: Manifest | null = null): { category: string; type: string } | null {
  const base = fideslangBase(category, m);
  if (!isPersonalCategory(base)) return null;
  const row = playDataTypes.find(([prefix]) => isWithin(base, prefix));
  return row ? { category: row[1], type: row[2] } : null;
}

/** The Play purpose of a fideslang data use. */
export function playPurposeOf(use: string | undefined): string {
  return (use && byPrefix(playPurposes, use)) || PLAY_UNMAPPED;
}

/** The order of Play's form. */
const playCategoryOrder = ['Location', 'Personal info', 'Financial info', 'Health and fitness', 'Messages', 'Photos and videos', 'Audio', 'Files and docs', 'Calendar', 'Contacts', 'App activity', 'Web browsing', 'App info and performance', 'Device or other IDs'];

interface PlayRow {
  category: string;
  type: string;
  shared: boolean;
  optional: boolean;
  collectPurposes: Set<string>;
  sharePurposes: Set<string>;
  recipients: Set<string>;
  sharedWith: Set<string>;
  sources: Set<string>;
  events: Set<string>;
  notes: Set<string>;
  inferredFrom: Set<string>;
}

/**
 * The Google Play data-safety worksheet: one row per Play data type, with collected/shared,
 * ephemeral, required/optional and purposes, plus the recipients and fideslang categories behind
 * each answer. Not Play Console's import template: a reviewer copies the answers into the form.
 */
export function exportPlayCsv(input: ComplianceInput): string {
  const model = buildComplianceModel(input);
  const rows = new Map<string, PlayRow>();
  const add = (a: Activity, t: { category: string; type: string }, source: string, cp: Provenance | null) => {
    const key = `${t.category}\u0000${t.type}`;
    const r: PlayRow = rows.get(key) ?? {
      ...t,
      shared: false,
      optional: true,
      collectPurposes: new Set(),
      sharePurposes: new Set(),
      recipients: new Set(),
      sharedWith: new Set(),
      sources: new Set(),
      events: new Set(),
      notes: new Set(),
      inferredFrom: new Set(),
    };
    rows.set(key, r);
    const purpose = playPurposeOf(a.purposeDecl?.use);
    const recipient = recipientName(a);
    // Shared: sent to a third party for its own use (advertising, tracking). Service providers
    // that process on the app's behalf (analytics, monitoring) are collection, not sharing.
    const shared = isTrackingActivity(a) || [...a.sdks].some((s) => getCatalogue().byId.get(s)?.category === 'advertising');
    r.collectPurposes.add(purpose);
    r.recipients.add(recipient);
    if (shared) {
      r.shared = true;
      r.sharePurposes.add(purpose);
      r.sharedWith.add(recipient);
    }
    if (a.purposeDecl?.legal_basis !== 'consent') r.optional = false;
    if (!a.purposeDecl) r.notes.add('undeclared purpose');
    r.sources.add(source);
    for (const e of cp?.events ?? []) r.events.add(e);
    if (cp && cp.inferredFrom.size && !cp.seen && !cp.declared) for (const k of cp.inferredFrom) r.inferredFrom.add(k);
  };
  for (const a of model.activities) {
    for (const [c, p] of a.categories) {
      if (c === '') continue;
      const t = playDataTypeOf(c, a.manifestModel);
      if (!t) continue;
      add(a, t, c, p);
    }
    for (const s of a.sdks) {
      if (getCatalogue().byId.get(s)?.category === 'error-monitoring' && a.seen) add(a, { category: 'App info and performance', type: 'Crash logs' }, `SDK ${s}`, null);
    }
  }
  const header = [
    'Data category',
    'Data type',
    'Collected',
    'Shared',
    'Processed ephemerally',
    'Required or optional',
    'Collection purposes',
    'Sharing purposes',
    'Recipients',
    'Shared with',
    'fideslang categories',
    'Events',
    'Notes',
  ];
  const list = [...rows.values()].sort(
    (x, y) => playCategoryOrder.indexOf(x.category) - playCategoryOrder.indexOf(y.category) || cmp(x.type, y.type),
  );
  return csv([
    header,
    ...list.map((r) => [
      r.category,
      r.type,
      'Yes',
      r.shared ? 'Yes' : 'No',
      'No',
      r.optional ? 'Optional' : 'Required',
      sorted(r.collectPurposes).join('; '),
      sorted(r.sharePurposes).join('; '),
      sorted(r.recipients).join('; '),
      sorted(r.sharedWith).join('; '),
      sorted(r.sources).join('; '),
      sorted(r.events).join('; '),
      sorted([...r.notes, ...(r.inferredFrom.size ? [`inferred from undeclared properties: ${sorted(r.inferredFrom).join(', ')}`] : [])]).join('; '),
    ]),
  ]);
}

// ---------------------------------------------------------------------------------------------
// Fides system manifest

/** A fideslang `FidesKey`: letters, digits and underscores. */
export function fidesKey(s: string): string {
  const k = s
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return k || 'system';
}

/** Categories a Fides declaration may list: fideslang keys and declared custom ones (no `none`, no TODO). */
function fidesCategories(a: Activity): string[] {
  return [...a.categories.keys()].filter((c) => c !== '' && c !== NONE_CATEGORY && c !== TODO && (dataCategories.has(c) || !!own(a.manifestModel?.taxonomy, c)));
}

/**
 * A Fides system manifest (fideslang `System` resources): per manifest, the app as a system with
 * one privacy declaration per purpose and its egress to every destination; per destination, a
 * system with the app as ingress. Custom taxonomy categories in use are emitted as `data_category`
 * resources so the file validates on its own.
 */
export function exportFides(input: ComplianceInput): string {
  const model = buildComplianceModel(input);
  const multi = model.manifests.length > 1;
  const skipped: string[] = [];
  const systems: Record<string, unknown>[] = [];
  const customCategories = new Map<string, Record<string, unknown>>();
  const usedKeys = new Set<string>();
  const unique = (k: string) => {
    let key = k;
    for (let i = 2; usedKeys.has(key); i++) key = `${k}_${i}`;
    usedKeys.add(key);
    return key;
  };

  const groups = new Map<string, Activity[]>();
  for (const a of model.activities) groups.set(a.manifest ?? '', [...(groups.get(a.manifest ?? '') ?? []), a]);
  for (const [manifest, acts] of [...groups.entries()].sort(([x], [y]) => cmp(x, y))) {
    const systemName = manifest ? model.systems.get(manifest) ?? 'app' : 'unmanaged code';
    const appKey = unique(fidesKey(systemName));
    const destKeys = new Map<string, string>();
    for (const d of sorted(acts.map((a) => a.destination))) destKeys.set(d, unique(fidesKey(multi ? `${appKey}_${d}` : d)));
    const m = acts[0].manifestModel;
    for (const a of acts) for (const c of fidesCategories(a)) {
      const t = own(m?.taxonomy, c);
      if (t && !dataCategories.has(c)) customCategories.set(c, { fides_key: c, name: c, description: t.description ?? `Custom category under ${t.parent}`, parent_key: t.parent });
    }

    // The app: one declaration per purpose.
    const byPurpose = new Map<string, Activity[]>();
    for (const a of acts) {
      if (!a.purposeDecl || !a.purposeDecl.use || a.purposeDecl.use === TODO) {
        skipped.push(`${a.purpose ?? '(no declared purpose)'} via ${a.destination}${multi ? ` (${systemName})` : ''}: ${!a.purposeDecl ? 'purpose not declared' : 'no data use'}`);
        continue;
      }
      byPurpose.set(a.purpose!, [...(byPurpose.get(a.purpose!) ?? []), a]);
    }
    const declarations = [...byPurpose.entries()]
      .sort(([x], [y]) => cmp(x, y))
      .map(([purpose, pa]) => declaration(purpose, pa, pa.map((a) => destKeys.get(a.destination)!), 'egress'));
    const egress = [...destKeys.entries()].map(([d, key]) => dataFlow(key, acts.filter((a) => a.destination === d && byPurpose.has(a.purpose ?? '\u0001')).flatMap(fidesCategories)));
    systems.push({
      fides_key: appKey,
      name: systemName,
      description: `${systemName}: the tracking calls in its code, as checked by Privet against ${manifest ? relativeTo(model.root, manifest) : 'no manifest'}.`,
      system_type: 'Service',
      egress,
      privacy_declarations: declarations,
    });

    // The destinations.
    for (const [d, key] of destKeys) {
      const da = acts.filter((a) => a.destination === d);
      const decl = da[0].destDecl;
      const received = da.filter((a) => byPurpose.has(a.purpose ?? '\u0001'));
      const dpurposes = new Map<string, Activity[]>();
      for (const a of received) dpurposes.set(a.purpose!, [...(dpurposes.get(a.purpose!) ?? []), a]);
      const sdks = sorted(da.flatMap((a) => [...a.sdks]));
      const sys: Record<string, unknown> = {
        fides_key: key,
        name: decl?.vendor ?? d,
        description: `${decl ? 'Destination' : 'Undeclared destination'} '${d}'${sdks.length ? ` (SDK ${sdks.join(', ')})` : ''}, receiving tracking data from ${systemName}.`,
        system_type: 'Service',
        ingress: [dataFlow(appKey, received.flatMap(fidesCategories))],
        privacy_declarations: [...dpurposes.entries()].sort(([x], [y]) => cmp(x, y)).map(([purpose, pa]) => declaration(purpose, pa, [appKey], 'ingress')),
      };
      if (decl?.region) {
        sys.does_international_transfers = !isEeaRegion(decl.region);
        if (!isEeaRegion(decl.region) && decl.transfer) sys.legal_basis_for_transfers = [decl.transfer];
      }
      sys.meta = { privet_destination: d, ...(decl?.region ? { region: decl.region } : {}), ...(decl?.retention ? { retention: decl.retention } : {}) };
      systems.push(sys);
    }
  }

  const body: Record<string, unknown> = {};
  if (customCategories.size) body.data_category = sorted(customCategories.keys()).map((k) => customCategories.get(k)!);
  body.system = systems;
  const doc = new Document(body);
  const header = [
    ` Fides system manifest generated by Privet from ${plural(model.calls, 'tracking call')} and ${model.manifests.length ? model.manifests.join(', ') : 'no manifest'}.`,
    ` Data categories, uses and subjects: ${FIDESLANG_CREDIT}.`,
    ...(skipped.length ? [' Not exported (no declared purpose with a data use):', ...sorted(skipped).map((s) => `   - ${s.replace(/[\r\n]+/g, ' ')}`)] : []),
  ];
  doc.commentBefore = header.join('\n');
  return doc.toString({ lineWidth: 0 });
}

/** A fideslang `DataFlow` to or from a system (categories left out when none is known). */
function dataFlow(key: string, categories: string[]): Record<string, unknown> {
  const cats = sorted(categories);
  return { fides_key: key, type: 'system', ...(cats.length ? { data_categories: cats } : {}) };
}

function declaration(purpose: string, acts: Activity[], flows: string[], direction: 'egress' | 'ingress'): Record<string, unknown> {
  const p = acts[0].purposeDecl!;
  const cats = sorted(acts.flatMap(fidesCategories));
  const special = cats.some((c) => isSpecialCategory(fideslangBase(c, acts[0].manifestModel)));
  const out: Record<string, unknown> = {
    name: purpose,
    data_categories: cats,
    data_use: p.use,
    data_subjects: ['customer'],
    [direction]: sorted(flows),
  };
  if (p.legal_basis) out.legal_basis_for_processing = legalBasisFides[p.legal_basis];
  if (special) out.processes_special_category_data = true;
  const c = art9Of(p.special_category_basis);
  if (c) out.special_category_legal_basis = c.fides;
  if (direction === 'ingress') {
    const retention = acts[0].destDecl?.retention;
    if (retention) out.retention_period = durationText(retention) ?? retention;
  }
  return out;
}

/** Runs one export. */
export function runComplianceExport(kind: ExportKind, input: ComplianceInput): string {
  switch (kind) {
    case 'ropa-csv':
      return exportRopaCsv(input);
    case 'ropa-md':
      return exportRopaMarkdown(input);
    case 'notice-md':
      return exportNoticeMarkdown(input);
    case 'xcprivacy':
      return exportXcprivacy(input);
    case 'play-csv':
      return exportPlayCsv(input);
    case 'fides':
      return exportFides(input);
  }
}
