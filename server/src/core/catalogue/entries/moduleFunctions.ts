import type { MethodSpec, TypeSpec } from '../types';

/**
 * Types for a module whose named exports are the SDK's functions (`import { track } from '@amplitude/analytics-browser'`):
 * every method becomes a callable type `<prefix>.<name>`. Spread `types` into the entry's types and `exports` into
 * the module's exports; a namespace import (`import * as amplitude`) reaches the same functions through the exports.
 */
export function functionExports(prefix: string, methods: Record<string, MethodSpec>): { exports: Record<string, string>; types: Record<string, TypeSpec> } {
  const exports: Record<string, string> = {};
  const types: Record<string, TypeSpec> = {};
  for (const [name, spec] of Object.entries(methods)) {
    exports[name] = `${prefix}.${name}`;
    types[`${prefix}.${name}`] = { call: spec };
  }
  return { exports, types };
}
