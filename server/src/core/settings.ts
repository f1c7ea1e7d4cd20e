/**
 * User settings of the checker, as one plain object.
 *
 * This is the single TS description of the `privet.*` settings: the extension's
 * `package.json` `contributes.configuration` declares the same keys and defaults (flattened, so
 * `trace.server` is `privet.trace.server`), and `server/test/architecture.test.ts` keeps the two
 * equal. The server reads them per resource through `workspace/configuration`; the CLI builds
 * the same object from its flags.
 */

/** A per-rule severity override; `off` disables the rule. */
export type RuleSeveritySetting = 'off' | 'info' | 'warn' | 'error';

/** Verbosity of the LSP message trace that VS Code writes to the Privet output channel. */
export type TraceSetting = 'off' | 'messages' | 'verbose';

/** The `privet.*` settings. */
export interface Settings {
  /**
   * Path of the manifest to use for every file, absolute or relative to the workspace folder.
   * `null`: find the nearest `privacy.yaml`/`privacy.yml` by walking up from each checked file.
   */
  manifest: string | null;
  /** Severity overrides keyed by rule id, e.g. `{ "missing-consent-guard": "error" }`. */
  rules: Record<string, RuleSeveritySetting>;
  /**
   * Glob patterns (relative to the workspace folder) of files not to check, in addition to
   * `.gitignore`, `node_modules` and build output, which are always skipped.
   */
  exclude: string[];
  /** Tracing of the language-server protocol. */
  trace: {
    /** `privet.trace.server`: read by the LanguageClient itself (its id is `privet`). */
    server: TraceSetting;
  };
}

/** The defaults: nearest manifest, rule defaults, nothing extra excluded, no trace. */
export const defaultSettings: Settings = {
  manifest: null,
  rules: {},
  exclude: [],
  trace: { server: 'off' },
};

/** The values `privet.rules` accepts for a rule, in the order shown to users. */
export const ruleSeveritySettings: readonly RuleSeveritySetting[] = ['off', 'info', 'warn', 'error'];

/** The values `privet.trace.server` accepts. */
export const traceSettings: readonly TraceSetting[] = ['off', 'messages', 'verbose'];
