/**
 * The parsed `privacy.yaml` (version 1, `shared/spec/manifest.md`). Every declared item keeps the
 * range of its key in the manifest so diagnostics, hover, definition and code lens can point at it.
 */
import type { Range, TechniqueId, MaskingLevel } from '../types';

export type LegalBasis = 'consent' | 'contract' | 'legal_obligation' | 'vital_interests' | 'public_interest' | 'legitimate_interests';
export type Transform = 'sha256' | 'hash' | 'truncate' | 'redact';
export type TrackerKind = 'track' | 'page' | 'identify' | 'group' | 'alias';

/**
 * The placeholder a quick fix writes where a reviewer must decide (`purpose: TODO`, `email: TODO`).
 * The parser accepts it wherever a purpose, category, use, consent category or destination is
 * expected, so a fix never breaks the manifest; it matches no declaration, so it satisfies no rule.
 */
export const TODO = 'TODO';

/** Where a declaration sits in the manifest. */
export interface Located {
  /** Range of the mapping key (or of the sequence item). */
  keyRange: Range;
  /** Range of the whole node (key and value). */
  range: Range;
}

export interface TaxonomyEntry extends Located {
  key: string;
  parent: string;
  description?: string;
}

export interface ConsentCategory extends Located {
  name: string;
  consentMode: string[];
  tcf: number[];
  /** Consent tool → that tool's id for this category (`onetrust: C0004`). */
  cmp: Record<string, string | string[]>;
  att: boolean;
}

export interface ConsentGuard extends Located {
  /** A function whose truthy result proves consent (`hasConsent('analytics')`). */
  function?: string;
  /** A member path whose truthiness proves one category (`consent.marketing`). */
  expression?: string;
  /** Only this import (path relative to the manifest, or a package). */
  module?: string;
  category_arg?: number;
  callback_arg?: number;
  /** Fixed category for `expression` guards (or functions without category_arg). */
  category?: string;
}

export interface Purpose extends Located {
  name: string;
  description?: string;
  use?: string;
  legal_basis?: LegalBasis;
  consent?: string;
  special_category_basis?: string;
  data: string[];
}

export interface Destination extends Located {
  name: string;
  sdk?: string;
  vendor?: string;
  purposes: string[];
  forbid: string[];
  region?: string;
  retention?: string;
  transfer?: string;
}

export interface Tracker extends Located {
  function: string;
  module?: string;
  destinations: string[];
  kind: TrackerKind;
  event_arg?: number;
  properties_arg?: number;
}

export interface DeclaredProperty extends Located {
  key: string;
  category?: string;
  purpose?: string;
  transform?: Transform;
  /** True when written as the shorthand `key: category`. */
  shorthand: boolean;
}

export interface Identity extends Located {
  /** The destination this identity declaration is for. */
  destination: string;
  purpose?: string;
  traits: Record<string, DeclaredProperty>;
}

export interface Technique extends Located {
  id: TechniqueId;
  purpose?: string;
  destinations?: string[];
  masking?: MaskingLevel;
}

export interface DeclaredEvent extends Located {
  name: string;
  description?: string;
  purposes: string[];
  destinations?: string[];
  owner?: string;
  /** ISO date string (YYYY-MM-DD). */
  expires?: string;
  kind: 'track' | 'page' | 'screen';
  properties: Record<string, DeclaredProperty>;
}

export interface ManifestException extends Located {
  rule: string;
  event?: string;
  property?: string;
  destination?: string;
  /** Only findings about this purpose. */
  purpose?: string;
  file?: string;
  reason?: string;
  approved_by?: string;
  expires?: string;
}

/** A problem in the manifest itself (`manifest-syntax` / `manifest-schema`). */
export interface ManifestProblem {
  rule: 'manifest-syntax' | 'manifest-schema';
  message: string;
  range: Range;
}

/** The whole manifest. */
export interface Manifest {
  /** Path (or URI) of the manifest file as given to the parser. */
  path: string;
  version: number;
  taxonomy: Record<string, TaxonomyEntry>;
  consent: { categories: Record<string, ConsentCategory>; guards: ConsentGuard[] };
  purposes: Record<string, Purpose>;
  destinations: Record<string, Destination>;
  trackers: Tracker[];
  identities: Record<string, Identity>;
  techniques: Partial<Record<TechniqueId, Technique>>;
  events: Record<string, DeclaredEvent>;
  exceptions: ManifestException[];
}

/** The result of parsing a manifest: the model (null when unusable) and its problems. */
export interface ParsedManifest {
  manifest: Manifest | null;
  problems: ManifestProblem[];
  /** The original text (quick fixes edit it). */
  text: string;
}
