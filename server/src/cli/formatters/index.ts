/**
 * The CLI's output formats: pure functions from a CheckResult to text.
 */
import type { CheckResult } from '../../core/types';
import type { GetText } from './common';
import { formatGithub } from './github';
import { formatJson } from './json';
import { formatSarif, SarifRuleInfo } from './sarif';
import { formatStylish } from './stylish';

export type FormatName = 'stylish' | 'json' | 'sarif' | 'github';

export const formatNames: readonly FormatName[] = ['stylish', 'json', 'sarif', 'github'];

export function isFormatName(s: string): s is FormatName {
  return (formatNames as readonly string[]).includes(s);
}

/** Options for every format; each format reads the ones it needs. */
export interface FormatOptions {
  /** Paths are reported relative to this directory. */
  cwd: string;
  /** Privet's version (json `tool.version`, SARIF `tool.driver.version`). */
  toolVersion: string;
  /** stylish: ANSI colours. */
  color?: boolean;
  /** stylish, github: errors only (json and sarif always carry everything). */
  quiet?: boolean;
  /** stylish code frames; SARIF snippets and fingerprints. */
  getText?: GetText;
  /** SARIF `tool.driver.rules` (every rule, not only those that fired). */
  rules?: SarifRuleInfo[];
}

export function format(name: FormatName, result: CheckResult, opts: FormatOptions): string {
  switch (name) {
    case 'stylish':
      return formatStylish(result, { cwd: opts.cwd, color: opts.color ?? false, quiet: opts.quiet, getText: opts.getText });
    case 'json':
      return formatJson(result, { cwd: opts.cwd, toolVersion: opts.toolVersion });
    case 'sarif':
      return formatSarif(result, { cwd: opts.cwd, toolVersion: opts.toolVersion, rules: opts.rules ?? [], getText: opts.getText });
    case 'github':
      return formatGithub(result, { cwd: opts.cwd, quiet: opts.quiet });
    default: {
      const never: never = name;
      throw new Error(`unknown format: ${String(never)}`);
    }
  }
}

export { formatGithub, formatJson, formatSarif, formatStylish };
export type { GetText, SarifRuleInfo };
export type { JsonFormatOptions, JsonReport } from './json';
export type { StylishFormatOptions } from './stylish';
export type { GithubFormatOptions } from './github';
export type { SarifFormatOptions } from './sarif';
export { STYLISH_FILE_PATTERN, STYLISH_PROBLEM_PATTERN } from './stylish';
