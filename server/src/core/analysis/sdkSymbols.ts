/**
 * Operations on SDK-typed values (member access, call, construct), shared by the per-file
 * resolver and the project-level resolver so both read the catalogue the same way.
 */
import type { Catalogue } from '../catalogue';

export type SdkSym = { k: 'sdk'; sdk: string; type: string } | { k: 'sdkm'; sdk: string; type: string; method: string };

const OBJECT_PROTO = new Set(['toString', 'valueOf', 'hasOwnProperty', 'constructor', 'then', 'catch', 'finally', 'bind', 'call', 'apply', 'length', 'name', 'prototype']);

/** The value of an export of an SDK module (`*` is the namespace). */
export function sdkModuleExport(cat: Catalogue, module: string, name: string): SdkSym | undefined {
  const m = cat.modules.get(module);
  if (!m) return undefined;
  const t = m.exports[name] ?? (name === 'default' ? m.exports['*'] : undefined);
  if (t) return exportSym(m.sdk, t);
  if (name === '*') return { k: 'sdk', sdk: m.sdk, type: `module:${module}` };
  return undefined;
}

/** A module export's type; `<sdk>#<type>` names a type of another entry. */
function exportSym(sdk: string, t: string): SdkSym {
  const i = t.indexOf('#');
  return i > 0 ? { k: 'sdk', sdk: t.slice(0, i), type: t.slice(i + 1) } : { k: 'sdk', sdk, type: t };
}

/** `value.name` for an SDK value. */
export function sdkMember(cat: Catalogue, s: SdkSym, name: string): SdkSym | undefined {
  if (s.k !== 'sdk') return undefined;
  if (s.type.startsWith('module:')) {
    const m = cat.modules.get(s.type.slice(7));
    const t = m?.exports[name];
    return t ? exportSym(s.sdk, t) : undefined;
  }
  const t = cat.type(s);
  if (!t) return undefined;
  if (t.members?.[name]) return { k: 'sdk', sdk: s.sdk, type: t.members[name] };
  if (t.methods?.[name]) return { k: 'sdkm', sdk: s.sdk, type: s.type, method: name };
  if (t.anyMember && !OBJECT_PROTO.has(name)) return { k: 'sdk', sdk: s.sdk, type: t.anyMember };
  return undefined;
}

/** `value(…)`: what calling an SDK value or method returns. */
export function sdkCallResult(cat: Catalogue, s: SdkSym): SdkSym | undefined {
  const t = cat.type(s);
  const spec = s.k === 'sdkm' ? t?.methods?.[s.method] : t?.call;
  const ret = spec && 'returns' in spec ? spec.returns : undefined;
  return ret ? { k: 'sdk', sdk: s.sdk, type: ret } : undefined;
}

/** `new value(…)`. */
export function sdkConstruct(cat: Catalogue, s: SdkSym): SdkSym | undefined {
  if (s.k !== 'sdk') return undefined;
  const c = cat.type(s)?.construct;
  return c ? { k: 'sdk', sdk: s.sdk, type: c } : undefined;
}
