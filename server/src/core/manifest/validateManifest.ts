/**
 * Semantic checks of a manifest that a JSON Schema cannot express: taxonomy keys (fideslang plus the
 * manifest's own `taxonomy:`), references between sections (purposes, destinations, consent
 * categories, SDK ids, rule ids) and rules that tie fields together (`legal_basis: consent` needs
 * `consent:`). Structure (unknown keys, types, enums, formats) is the schema's job
 * (`schemas/privacy.schema.json`, applied by `parseManifest`); these checks skip values of the wrong
 * type, so one node gets one problem.
 *
 * Positions come from a locator over JSON-pointer paths, so this module knows nothing about YAML.
 */
import type { Range } from '../types';
import { dataCategories, dataUses, NONE_CATEGORY } from '../taxonomy/index';
import { TODO, type Manifest, type ManifestProblem } from './types';

/** Finds where a value (or its key) sits in the manifest text. */
export interface ManifestLocator {
  /** Range of the value at a JSON-pointer path (the key's range when the value is empty). */
  valueRange(pointer: string): Range;
  /** Range of the key at a JSON-pointer path (the item's range for sequence items). */
  keyRange(pointer: string): Range;
}

/** What the semantic checks may compare against besides the manifest itself. */
export interface ValidateOptions {
  /** SDK ids of the catalogue (`privet sdks`); without it `sdk:` values are not checked. */
  knownSdkIds?: ReadonlySet<string>;
  /** Rule ids; without it the `rule:` of exceptions is not checked. */
  knownRuleIds?: ReadonlySet<string>;
}

// ---------------------------------------------------------------------------------------------
// Did you mean

/** Optimal string alignment distance (Levenshtein plus adjacent transpositions). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  const m = a.length;
  const n = b.length;
  if (m === 0) return n;
  if (n === 0) return m;
  let prev2: number[] = new Array(n + 1).fill(0);
  let prev: number[] = Array.from({ length: n + 1 }, (_, j) => j);
  for (let i = 1; i <= m; i++) {
    const cur: number[] = [i];
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2] + 1);
      cur.push(v);
    }
    prev2 = prev;
    prev = cur;
  }
  return prev[n];
}

/**
 * The candidate closest to `word`, or undefined when none is close enough (at most a third of the
 * longer word's length, at least 1; a case-only difference always counts).
 */
export function didYouMean(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestScore = Infinity;
  const lower = word.toLowerCase();
  for (const c of candidates) {
    if (c === word) continue;
    const cl = c.toLowerCase();
    const limit = Math.max(1, Math.floor(Math.max(word.length, c.length) / 3));
    if (Math.abs(c.length - word.length) > limit) continue; // the distance is at least the length difference
    const score = cl === lower ? 0.5 : editDistance(lower, cl);
    if (score <= limit && (score < bestScore || (score === bestScore && best !== undefined && c < best))) {
      best = c;
      bestScore = score;
    }
  }
  return best;
}

/**
 * Did-you-mean for dotted taxonomy keys: a key one or two edits away (`analytics.reportin`), else
 * the shortest key whose last segment matches (`user.email` -> `user.contact.email`,
 * `user.emial` -> `user.contact.email`), preferring keys under the same root.
 */
export function didYouMeanKey(word: string, candidates: Iterable<string>): string | undefined {
  const list = [...candidates].filter((c) => c !== word);
  const lower = word.toLowerCase();
  const limit = Math.max(1, Math.min(2, Math.floor(word.length / 4)));
  let best: string | undefined;
  let bestScore = Infinity;
  for (const c of list) {
    if (Math.abs(c.length - word.length) > limit) continue;
    const d = editDistance(lower, c.toLowerCase());
    if (d <= limit && (d < bestScore || (d === bestScore && c < best!))) {
      best = c;
      bestScore = d;
    }
  }
  if (best) return best;
  const last = lower.slice(lower.lastIndexOf('.') + 1);
  const root = lower.split('.')[0];
  if (!last) return undefined;
  const rank = (c: string): number[] | null => {
    const cl = c.toLowerCase();
    const seg = cl.slice(cl.lastIndexOf('.') + 1);
    const d = seg === last ? 0 : last.length > 3 ? editDistance(seg, last) : Infinity;
    if (d > 1) return null;
    return [cl.split('.')[0] === root ? 0 : 1, d, c.length];
  };
  let bestRank: number[] | null = null;
  for (const c of list) {
    const r = rank(c);
    if (!r) continue;
    if (!bestRank || cmp(r, bestRank) < 0 || (cmp(r, bestRank) === 0 && c < best!)) {
      best = c;
      bestRank = r;
    }
  }
  return best;
}

function cmp(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

/** `; did you mean 'x'?` or the empty string. */
export function suggestion(s: string | undefined): string {
  return s === undefined ? '' : `; did you mean '${s}'?`;
}

// ---------------------------------------------------------------------------------------------
// Naming what a path points at

/** Splits a JSON pointer into its (unescaped) segments. */
export function pointerSegments(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Joins segments into a JSON pointer. */
export function toPointer(segments: readonly (string | number)[]): string {
  return segments.map((s) => '/' + String(s).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

function get(data: unknown, segs: readonly string[]): unknown {
  let v: unknown = data;
  for (const s of segs) {
    if (v === null || typeof v !== 'object') return undefined;
    v = Array.isArray(v) ? v[Number(s)] : (v as Record<string, unknown>)[s];
  }
  return v;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function itemName(data: unknown, segs: string[], kind: string): string {
  const item = get(data, segs);
  const n = Number(segs[segs.length - 1]) + 1;
  if (isRecord(item)) {
    const name = kind === 'tracker' ? item.function : kind === 'guard' ? (item.function ?? item.expression) : item.rule;
    if (typeof name === 'string' && name) return kind === 'exception' ? `exception ${n} (${name})` : `${kind} '${name}'`;
  }
  return `${kind} ${n}`;
}

/**
 * Names the declaration a path is in ("event 'Order Completed'", "property 'email' of event 'X'")
 * and returns the rest of the path as a field name (`destinations[1]`).
 */
export function describePath(segs: readonly string[], data: unknown): { entity: string | null; field: string } {
  const s = [...segs];
  let entity: string | null = null;
  let used = 0;
  const [a, b, c, d] = s;
  if (a === 'events' && b !== undefined && c === 'properties' && d !== undefined) {
    entity = `property '${d}' of event '${b}'`;
    used = 4;
  } else if (a === 'identities' && b !== undefined && c === 'traits' && d !== undefined) {
    entity = `trait '${d}' of identity '${b}'`;
    used = 4;
  } else if (a === 'consent' && b === 'categories' && c !== undefined) {
    entity = `consent category '${c}'`;
    used = 3;
  } else if (a === 'consent' && b === 'guards' && c !== undefined) {
    entity = itemName(data, s.slice(0, 3), 'guard');
    used = 3;
  } else if (b !== undefined) {
    const named: Record<string, string> = {
      taxonomy: 'taxonomy entry',
      purposes: 'purpose',
      destinations: 'destination',
      identities: 'identity',
      techniques: 'technique',
      events: 'event',
    };
    if (named[a]) {
      entity = `${named[a]} '${b}'`;
      used = 2;
    } else if (a === 'trackers') {
      entity = itemName(data, s.slice(0, 2), 'tracker');
      used = 2;
    } else if (a === 'exceptions') {
      entity = itemName(data, s.slice(0, 2), 'exception');
      used = 2;
    }
  }
  let field = '';
  for (let i = used; i < s.length; i++) {
    const parent = get(data, s.slice(0, i));
    field += Array.isArray(parent) ? `[${s[i]}]` : (field ? '.' : '') + s[i];
  }
  return { entity, field };
}

/** "'destinations' in event 'X'", "event 'X'", "'version'", "the manifest". */
export function describeWhere(segs: readonly string[], data: unknown): string {
  const { entity, field } = describePath(segs, data);
  if (entity && field) return `'${field}' in ${entity}`;
  if (entity) return entity;
  if (field) return `'${field}'`;
  return 'the manifest';
}

/** Upper-cases the first letter. */
export function capitalize(s: string): string {
  return s ? s[0].toUpperCase() + s.slice(1) : s;
}

// ---------------------------------------------------------------------------------------------
// Taxonomy

/** The taxonomy a manifest sees: fideslang plus its custom entries, split into categories and uses. */
export interface EffectiveTaxonomy {
  categories: Set<string>;
  uses: Set<string>;
}

/** Fideslang plus the manifest's custom entries whose parent chain reaches a fideslang key. */
export function effectiveTaxonomy(manifest: Pick<Manifest, 'taxonomy'>): EffectiveTaxonomy {
  const categories = new Set<string>(dataCategories.keys());
  const uses = new Set<string>(dataUses.keys());
  const kindOf = (key: string, seen: Set<string>): 'category' | 'use' | null => {
    if (dataCategories.has(key)) return 'category';
    if (dataUses.has(key)) return 'use';
    const entry = manifest.taxonomy[key];
    if (!entry || seen.has(key) || !key.startsWith(entry.parent + '.')) return null;
    seen.add(key);
    return kindOf(entry.parent, seen);
  };
  for (const key of Object.keys(manifest.taxonomy)) {
    const kind = kindOf(key, new Set());
    if (kind === 'category') categories.add(key);
    else if (kind === 'use') uses.add(key);
  }
  return { categories, uses };
}

// ---------------------------------------------------------------------------------------------
// The checks

const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written YYYY-MM-DD. */
export function isValidDate(s: string): boolean {
  const m = datePattern.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  const days = [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return d <= days[mo - 1];
}

/**
 * Checks taxonomy keys and references of a manifest. `data` is the plain value the manifest was
 * built from (the same one the schema validated); `manifest` the tolerant model built from it.
 */
export function validateManifest(manifest: Manifest, data: unknown, locator: ManifestLocator, options: ValidateOptions = {}): ManifestProblem[] {
  const problems: ManifestProblem[] = [];
  const root = isRecord(data) ? data : {};
  const tax = effectiveTaxonomy(manifest);
  const purposeNames = Object.keys(manifest.purposes);
  const destinationNames = Object.keys(manifest.destinations);
  const consentNames = Object.keys(manifest.consent.categories);
  const trackerFunctions = manifest.trackers.map((t) => t.function);

  const at = (segs: (string | number)[]) => locator.valueRange(toPointer(segs));
  const report = (range: Range, message: string) => problems.push({ rule: 'manifest-schema', message, range });
  const where = (segs: (string | number)[]) => describeWhere(segs.map(String), data);
  /** The declaration a reference sits in ("event 'X'"), without the field name. */
  const owner = (segs: (string | number)[]) => describePath(segs.map(String), data).entity ?? where(parentOf(segs));

  /** Runs `fn` on each string at `segs` (a string, or the strings of a list). */
  const eachString = (segs: (string | number)[], fn: (value: string, segs: (string | number)[]) => void, allowSingle = true) => {
    const v = get(data, segs.map(String));
    if (typeof v === 'string' && allowSingle) fn(v, segs);
    else if (Array.isArray(v)) v.forEach((item, i) => typeof item === 'string' && fn(item, [...segs, i]));
  };

  const checkCategory = (value: string, segs: (string | number)[]) => {
    if (value === NONE_CATEGORY || value === TODO || tax.categories.has(value)) return;
    if (tax.uses.has(value)) {
      report(at(segs), `'${value}' in ${owner(segs)} is a data use, not a data category`);
      return;
    }
    report(at(segs), `Unknown category '${value}' in ${owner(segs)}${suggestion(didYouMeanKey(value, [...tax.categories, NONE_CATEGORY]))}`);
  };
  const checkUse = (value: string, segs: (string | number)[]) => {
    if (value === TODO || tax.uses.has(value)) return;
    if (tax.categories.has(value)) {
      report(at(segs), `'${value}' in ${owner(segs)} is a data category, not a data use`);
      return;
    }
    report(at(segs), `Unknown data use '${value}' in ${owner(segs)}${suggestion(didYouMeanKey(value, tax.uses))}`);
  };
  const checkPurpose = (value: string, segs: (string | number)[]) => {
    if (value === TODO || Object.hasOwn(manifest.purposes, value)) return;
    report(at(segs), `Unknown purpose '${value}' in ${owner(segs)}${suggestion(didYouMean(value, purposeNames))}`);
  };
  const checkDestination = (value: string, segs: (string | number)[], orSdk = false) => {
    if (value === TODO || Object.hasOwn(manifest.destinations, value)) return;
    if (orSdk && (!options.knownSdkIds || options.knownSdkIds.has(value))) return;
    const candidates = orSdk && options.knownSdkIds ? [...destinationNames, ...options.knownSdkIds] : destinationNames;
    report(at(segs), `Unknown destination '${value}' in ${owner(segs)}${suggestion(didYouMean(value, candidates))}`);
  };
  const checkConsent = (value: string, segs: (string | number)[]) => {
    if (value === TODO || Object.hasOwn(manifest.consent.categories, value)) return;
    report(at(segs), `Unknown consent category '${value}' in ${owner(segs)}${suggestion(didYouMean(value, consentNames))}`);
  };
  const checkDate = (segs: (string | number)[]) => {
    const v = get(data, segs.map(String));
    if (typeof v === 'string' && datePattern.test(v) && !isValidDate(v)) report(at(segs), `${capitalize(where(segs))} is not a valid date ('${v}')`);
  };
  /** A property or trait value: a category, or a mapping with category / purpose. */
  const checkDeclaredValue = (segs: (string | number)[]) => {
    const v = get(data, segs.map(String));
    if (typeof v === 'string') checkCategory(v, segs);
    else if (isRecord(v)) {
      if (typeof v.category === 'string') checkCategory(v.category, [...segs, 'category']);
      if (typeof v.purpose === 'string') checkPurpose(v.purpose, [...segs, 'purpose']);
    }
  };

  // taxonomy
  const taxonomy = isRecord(root.taxonomy) ? root.taxonomy : {};
  for (const [key, entry] of Object.entries(taxonomy)) {
    if (!isRecord(entry) || typeof entry.parent !== 'string') continue;
    const parent = entry.parent;
    const known = dataCategories.has(parent) || dataUses.has(parent) || Object.hasOwn(taxonomy, parent);
    if (!known) {
      const all = [...dataCategories.keys(), ...dataUses.keys(), ...Object.keys(taxonomy)].filter((k) => k !== key);
      report(at(['taxonomy', key, 'parent']), `Unknown parent '${parent}' of taxonomy entry '${key}'${suggestion(didYouMeanKey(parent, all))}`);
    } else if (!key.startsWith(parent + '.') || key.length <= parent.length + 1) {
      report(locator.keyRange(toPointer(['taxonomy', key])), `Taxonomy entry '${key}' must extend its parent: its key must start with '${parent}.'`);
    }
  }

  // consent guards
  const consent = isRecord(root.consent) ? root.consent : {};
  if (Array.isArray(consent.guards)) {
    consent.guards.forEach((g, i) => {
      if (!isRecord(g)) return;
      const segs = ['consent', 'guards', i];
      if (typeof g.category === 'string') checkConsent(g.category, [...segs, 'category']);
      const name = where(segs);
      if (g.function !== undefined && g.expression !== undefined) {
        report(locator.keyRange(toPointer(segs)), `${capitalize(name)} has both 'function' and 'expression'; a guard is one or the other`);
      } else if (typeof g.function === 'string' && g.category_arg === undefined && g.category === undefined) {
        report(locator.keyRange(toPointer(segs)), `${capitalize(name)} needs 'category_arg' (the argument that names the consent category) or a fixed 'category'`);
      } else if (typeof g.expression === 'string' && g.category === undefined) {
        report(locator.keyRange(toPointer(segs)), `${capitalize(name)} needs the 'category' its expression proves`);
      }
    });
  }

  // purposes
  const purposes = isRecord(root.purposes) ? root.purposes : {};
  for (const [name, p] of Object.entries(purposes)) {
    if (!isRecord(p)) continue;
    const segs = ['purposes', name];
    if (typeof p.use === 'string') checkUse(p.use, [...segs, 'use']);
    if (typeof p.consent === 'string') checkConsent(p.consent, [...segs, 'consent']);
    eachString([...segs, 'data'], checkCategory, false);
    if (p.legal_basis === 'consent' && p.consent === undefined) {
      report(at([...segs, 'legal_basis']), `Purpose '${name}' has legal_basis consent but names no 'consent:' category`);
    }
  }

  // destinations
  const destinations = isRecord(root.destinations) ? root.destinations : {};
  for (const [name, d] of Object.entries(destinations)) {
    if (!isRecord(d)) continue;
    const segs = ['destinations', name];
    eachString([...segs, 'purposes'], checkPurpose, false);
    eachString([...segs, 'forbid'], checkCategory, false);
    if (typeof d.sdk === 'string' && options.knownSdkIds && !options.knownSdkIds.has(d.sdk) && !trackerFunctions.includes(d.sdk) && d.sdk !== TODO) {
      report(at([...segs, 'sdk']), `Unknown SDK '${d.sdk}' in destination '${name}'${suggestion(didYouMean(d.sdk, [...options.knownSdkIds, ...trackerFunctions]))}`);
    }
  }

  // trackers
  if (Array.isArray(root.trackers)) {
    root.trackers.forEach((t, i) => {
      if (isRecord(t)) eachString(['trackers', i, 'destinations'], (v, s) => checkDestination(v, s), false);
    });
  }

  // identities
  const identities = isRecord(root.identities) ? root.identities : {};
  for (const [dest, idn] of Object.entries(identities)) {
    const segs = ['identities', dest];
    if (!Object.hasOwn(manifest.destinations, dest)) {
      report(locator.keyRange(toPointer(segs)), `Identity '${dest}' names no declared destination${suggestion(didYouMean(dest, destinationNames))}`);
    }
    if (!isRecord(idn)) continue;
    if (typeof idn.purpose === 'string') checkPurpose(idn.purpose, [...segs, 'purpose']);
    if (isRecord(idn.traits)) for (const trait of Object.keys(idn.traits)) checkDeclaredValue([...segs, 'traits', trait]);
  }

  // techniques
  const techniques = isRecord(root.techniques) ? root.techniques : {};
  for (const [id, t] of Object.entries(techniques)) {
    if (!isRecord(t)) continue;
    const segs = ['techniques', id];
    if (typeof t.purpose === 'string') checkPurpose(t.purpose, [...segs, 'purpose']);
    eachString([...segs, 'destinations'], (v, s) => checkDestination(v, s, true), false);
  }

  // events
  const events = isRecord(root.events) ? root.events : {};
  for (const [name, e] of Object.entries(events)) {
    if (!isRecord(e)) continue;
    const segs = ['events', name];
    eachString([...segs, 'purpose'], checkPurpose);
    eachString([...segs, 'destinations'], (v, s) => checkDestination(v, s), false);
    checkDate([...segs, 'expires']);
    if (isRecord(e.properties)) for (const key of Object.keys(e.properties)) checkDeclaredValue([...segs, 'properties', key]);
  }

  // exceptions
  if (Array.isArray(root.exceptions)) {
    root.exceptions.forEach((x, i) => {
      if (!isRecord(x)) return;
      const segs = ['exceptions', i];
      if (typeof x.purpose === 'string') checkPurpose(x.purpose, [...segs, 'purpose']);
      checkDate([...segs, 'expires']);
      if (typeof x.rule === 'string' && options.knownRuleIds && !options.knownRuleIds.has(x.rule)) {
        report(at([...segs, 'rule']), `Unknown rule '${x.rule}' in ${where(segs)}${suggestion(didYouMean(x.rule, options.knownRuleIds))}`);
      }
    });
  }

  return problems;
}

/** The path of the field a list item belongs to (`[..., 'data', 2]` -> `[..., 'data']`). */
function parentOf(segs: (string | number)[]): (string | number)[] {
  return typeof segs[segs.length - 1] === 'number' ? segs.slice(0, -1) : segs;
}
