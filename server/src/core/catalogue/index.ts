/**
 * The SDK catalogue: the entries of `entries/` and the lookup tables built from them once.
 */
import type { CallSpec, DispatchSpec, MethodSpec, SdkEntry, TypeSpec } from './types';
import { allEntries } from './entries';
import { techniqueEntries } from './endpoints';

export type { SdkEntry, CallSpec, MethodSpec, TypeSpec, DispatchSpec };

/** A typed SDK value. */
export interface SdkTypeRef {
  sdk: string;
  type: string;
}

/** Lookup tables over the entries. */
export class Catalogue {
  readonly entries: readonly SdkEntry[];
  readonly byId = new Map<string, SdkEntry>();
  readonly globals = new Map<string, SdkTypeRef>();
  readonly modules = new Map<string, { sdk: string; exports: Record<string, string> }>();
  /** Words and module names whose presence lets a file through the pre-filter. */
  readonly triggers: string[];

  constructor(entries: readonly SdkEntry[]) {
    this.entries = entries;
    const triggers = new Set<string>();
    for (const e of entries) {
      if (this.byId.has(e.id)) throw new Error(`duplicate SDK id ${e.id}`);
      nullPrototypes(e);
      this.byId.set(e.id, e);
      for (const [g, type] of Object.entries(e.globals ?? {})) {
        if (!this.globals.has(g)) this.globals.set(g, { sdk: e.id, type });
        triggers.add(g);
      }
      for (const [m, exports] of Object.entries(e.modules ?? {})) {
        if (!this.modules.has(m)) this.modules.set(m, { sdk: e.id, exports });
        triggers.add(m);
      }
      for (const t of e.triggers ?? []) triggers.add(t);
    }
    this.triggers = [...triggers];
  }

  type(ref: SdkTypeRef): TypeSpec | undefined {
    return this.byId.get(ref.sdk)?.types[ref.type];
  }
}

/**
 * Code names members `constructor`, `toString`, `hasOwnProperty`…: every lookup table of an
 * entry (types, methods, members, module exports, dispatch cases) gets a null prototype so such a
 * name never finds an inherited function.
 */
function nullPrototypes(e: SdkEntry): void {
  const seen = new Set<object>();
  const fix = (o: unknown): void => {
    if (!o || typeof o !== 'object' || seen.has(o)) return;
    seen.add(o);
    if (Array.isArray(o)) {
      o.forEach(fix);
      return;
    }
    if (Object.getPrototypeOf(o) === Object.prototype) Object.setPrototypeOf(o, null);
    for (const v of Object.values(o)) fix(v);
  };
  fix(e);
}

let defaultCatalogue: Catalogue | undefined;
/** The built-in catalogue (with stub entries for the SDK ids of hand-written techniques, see endpoints.ts). */
export function getCatalogue(): Catalogue {
  return (defaultCatalogue ??= new Catalogue([...allEntries, ...techniqueEntries(allEntries)]));
}

/** True when a method spec dispatches on a command argument. */
export function isDispatch(m: MethodSpec): m is DispatchSpec {
  return (m as DispatchSpec).dispatch !== undefined;
}
