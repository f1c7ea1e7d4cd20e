/**
 * The `Manifest` model from the plain data of a manifest (what `parseManifest` read from YAML and
 * validated). Tolerant: a value of the wrong type is left out, never guessed at; defaults are
 * filled in (`kind: track`, session-replay `masking: inputs`, `att: false`, empty lists). Records
 * have no prototype, so declared names such as `constructor` cannot collide with `Object` members.
 */
import { techniqueIds, type MaskingLevel, type TechniqueId } from '../types';
import type {
  ConsentCategory,
  ConsentGuard,
  DeclaredEvent,
  DeclaredProperty,
  Destination,
  Identity,
  LegalBasis,
  Located,
  Manifest,
  ManifestException,
  Purpose,
  TaxonomyEntry,
  Technique,
  Tracker,
  TrackerKind,
  Transform,
} from './types';
import schemaJson from '../../../../schemas/privacy.schema.json';
import { toPointer } from './validateManifest';

/** An empty manifest (what an empty file declares). */
export function emptyManifest(path: string): Manifest {
  return {
    path,
    version: 1,
    taxonomy: dict(),
    consent: { categories: dict(), guards: [] },
    purposes: dict(),
    destinations: dict(),
    trackers: [],
    identities: dict(),
    techniques: dict(),
    events: dict(),
    exceptions: [],
  };
}

/** A record with no prototype. */
export function dict<T>(): Record<string, T> {
  // Null-prototype records: names such as `constructor` or `__proto__` are ordinary names here.
  return Object.create(null) as Record<string, T>;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}
function strList(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}
function index(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : undefined;
}
function oneOf<T extends string>(v: unknown, allowed: readonly T[]): T | undefined {
  return typeof v === 'string' && (allowed as readonly string[]).includes(v) ? (v as T) : undefined;
}
function entries(v: unknown): [string, unknown][] {
  return isRecord(v) ? Object.entries(v) : [];
}
const datePattern = /^\d{4}-\d{2}-\d{2}$/;
function date(v: unknown): string | undefined {
  return typeof v === 'string' && datePattern.test(v) ? v : undefined;
}
/** Sets only defined values, so optional fields stay absent. */
function put<T extends object>(target: T, values: Partial<T>): T {
  for (const [k, v] of Object.entries(values)) if (v !== undefined) (target as Record<string, unknown>)[k] = v;
  return target;
}

const legalBases: readonly LegalBasis[] = ['consent', 'contract', 'legal_obligation', 'vital_interests', 'public_interest', 'legitimate_interests'];
const transforms: readonly Transform[] = ['sha256', 'hash', 'truncate', 'redact'];
const trackerKinds: readonly TrackerKind[] = ['track', 'page', 'identify', 'group', 'alias'];
const eventKinds: readonly DeclaredEvent['kind'][] = ['track', 'page', 'screen'];
const maskingLevels: readonly MaskingLevel[] = ['none', 'inputs', 'all'];
const retentionPattern = new RegExp(
  ((schemaJson.definitions.destination.properties.retention as { pattern: string }).pattern),
  'u',
);

/**
 * Builds the model from the plain data of a manifest, tolerantly: values of the wrong type are
 * skipped (the schema reports them), defaults are filled in. `located` gives the ranges of the
 * node at a JSON pointer.
 */
export function buildManifest(data: unknown, path: string, located: (pointer: string) => Located): Manifest {
  const m = emptyManifest(path);
  if (!isRecord(data)) return m;
  const at = (segs: (string | number)[]) => located(toPointer(segs));

  if (typeof data.version === 'number') m.version = data.version;

  for (const [key, v] of entries(data.taxonomy)) {
    if (!isRecord(v) || typeof v.parent !== 'string') continue;
    m.taxonomy[key] = put<TaxonomyEntry>({ ...at(['taxonomy', key]), key, parent: v.parent }, { description: str(v.description) });
  }

  const consent = isRecord(data.consent) ? data.consent : {};
  for (const [name, v] of entries(consent.categories)) {
    if (v !== null && !isRecord(v)) continue;
    const c = v ?? {};
    const cmp: Record<string, string | string[]> = dict();
    for (const [tool, id] of entries(c.cmp)) {
      if (typeof id === 'string' || typeof id === 'number') cmp[tool] = String(id);
      else if (Array.isArray(id)) cmp[tool] = id.filter((x) => typeof x === 'string' || typeof x === 'number').map(String);
    }
    m.consent.categories[name] = {
      ...at(['consent', 'categories', name]),
      name,
      consentMode: strList(c.consent_mode),
      tcf: Array.isArray(c.tcf) ? c.tcf.filter((x): x is number => typeof x === 'number' && Number.isInteger(x)) : [],
      cmp,
      att: c.att === true,
    } satisfies ConsentCategory;
  }
  if (Array.isArray(consent.guards)) {
    consent.guards.forEach((g, i) => {
      if (!isRecord(g)) return;
      const fn = str(g.function);
      const expression = str(g.expression);
      if (fn === undefined && expression === undefined) return;
      m.consent.guards.push(
        put<ConsentGuard>(
          { ...at(['consent', 'guards', i]) },
          { function: fn, expression, module: str(g.module), category_arg: index(g.category_arg), callback_arg: index(g.callback_arg), category: str(g.category) },
        ),
      );
    });
  }

  for (const [name, v] of entries(data.purposes)) {
    if (v !== null && !isRecord(v)) continue;
    const p = v ?? {};
    m.purposes[name] = put<Purpose>(
      { ...at(['purposes', name]), name, data: strList(p.data) },
      {
        description: str(p.description),
        use: str(p.use),
        legal_basis: oneOf(p.legal_basis, legalBases),
        consent: str(p.consent),
        special_category_basis: str(p.special_category_basis) || undefined,
      },
    );
  }

  for (const [name, v] of entries(data.destinations)) {
    if (v !== null && !isRecord(v)) continue;
    const d = v ?? {};
    const retention = str(d.retention);
    m.destinations[name] = put<Destination>(
      { ...at(['destinations', name]), name, purposes: strList(d.purposes), forbid: strList(d.forbid) },
      {
        sdk: str(d.sdk),
        vendor: str(d.vendor),
        region: str(d.region),
        retention: retention !== undefined && retentionPattern.test(retention) ? retention : undefined,
        transfer: str(d.transfer),
      },
    );
  }

  if (Array.isArray(data.trackers)) {
    data.trackers.forEach((t, i) => {
      if (!isRecord(t) || typeof t.function !== 'string') return;
      m.trackers.push(
        put<Tracker>(
          { ...at(['trackers', i]), function: t.function, destinations: strList(t.destinations), kind: oneOf(t.kind, trackerKinds) ?? 'track' },
          { module: str(t.module), event_arg: index(t.event_arg), properties_arg: index(t.properties_arg) },
        ),
      );
    });
  }

  const declared = (v: unknown, segs: (string | number)[], key: string): DeclaredProperty | undefined => {
    if (typeof v === 'string') return { ...at(segs), key, category: v, shorthand: true };
    if (!isRecord(v) || typeof v.category !== 'string') return undefined;
    return put<DeclaredProperty>({ ...at(segs), key, category: v.category, shorthand: false }, { purpose: str(v.purpose), transform: oneOf(v.transform, transforms) });
  };

  for (const [dest, v] of entries(data.identities)) {
    if (v !== null && !isRecord(v)) continue;
    const idn = v ?? {};
    const traits: Record<string, DeclaredProperty> = dict();
    for (const [key, tv] of entries(idn.traits)) {
      const p = declared(tv, ['identities', dest, 'traits', key], key);
      if (p) traits[key] = p;
    }
    m.identities[dest] = put<Identity>({ ...at(['identities', dest]), destination: dest, traits }, { purpose: str(idn.purpose) });
  }

  for (const [id, v] of entries(data.techniques)) {
    const tid = oneOf(id, techniqueIds as readonly TechniqueId[]);
    if (!tid || (v !== null && !isRecord(v))) continue;
    const t = v ?? {};
    const masking = tid === 'session-replay' ? (oneOf(t.masking, maskingLevels) ?? 'inputs') : undefined;
    m.techniques[tid] = put<Technique>(
      { ...at(['techniques', id]), id: tid },
      { purpose: str(t.purpose), destinations: Array.isArray(t.destinations) ? strList(t.destinations) : undefined, masking },
    );
  }

  for (const [name, v] of entries(data.events)) {
    if (v !== null && !isRecord(v)) continue;
    const e = v ?? {};
    const properties: Record<string, DeclaredProperty> = dict();
    for (const [key, pv] of entries(e.properties)) {
      const p = declared(pv, ['events', name, 'properties', key], key);
      if (p) properties[key] = p;
    }
    const purposes = typeof e.purpose === 'string' ? [e.purpose] : strList(e.purpose);
    m.events[name] = put<DeclaredEvent>(
      { ...at(['events', name]), name, purposes, kind: oneOf(e.kind, eventKinds) ?? 'track', properties },
      {
        description: str(e.description),
        destinations: Array.isArray(e.destinations) ? strList(e.destinations) : undefined,
        owner: str(e.owner),
        expires: date(e.expires),
      },
    );
  }

  if (Array.isArray(data.exceptions)) {
    data.exceptions.forEach((x, i) => {
      if (!isRecord(x) || typeof x.rule !== 'string') return;
      m.exceptions.push(
        put<ManifestException>(
          { ...at(['exceptions', i]), rule: x.rule },
          {
            event: str(x.event),
            property: str(x.property),
            destination: str(x.destination),
            purpose: str(x.purpose),
            file: str(x.file),
            reason: str(x.reason),
            approved_by: str(x.approved_by),
            expires: date(x.expires),
          },
        ),
      );
    });
  }
  return m;
}
