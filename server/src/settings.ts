/**
 * The `privet.*` settings as the server sees them: pulled per resource with
 * `workspace/configuration` (scopeUri = a workspace folder or a document), cached per URI, the
 * cache cleared on `workspace/didChangeConfiguration`. Clients without `workspace/configuration`
 * push their settings in `didChangeConfiguration` instead; those apply everywhere.
 */
import type { Connection } from 'vscode-languageserver';
import { defaultSettings, ruleSeveritySettings, type RuleSeveritySetting, type Settings } from './core/settings';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads whatever the client sent into `Settings`, ignoring values of the wrong type. */
export function toSettings(raw: unknown): Settings {
  const s = isObject(raw) ? raw : {};
  const rules: Record<string, RuleSeveritySetting> = {};
  if (isObject(s.rules)) {
    for (const [id, value] of Object.entries(s.rules)) {
      // `warning` is what people type; the CLI accepts it too.
      const v = value === 'warning' ? 'warn' : value;
      if (typeof v === 'string' && (ruleSeveritySettings as readonly string[]).includes(v)) rules[id] = v as RuleSeveritySetting;
    }
  }
  const trace = isObject(s.trace) && typeof s.trace.server === 'string' ? s.trace.server : defaultSettings.trace.server;
  return {
    manifest: typeof s.manifest === 'string' && s.manifest.trim() ? s.manifest.trim() : null,
    rules,
    exclude: Array.isArray(s.exclude) ? s.exclude.filter((g): g is string => typeof g === 'string' && g.trim() !== '') : [],
    trace: { server: trace === 'messages' || trace === 'verbose' ? trace : 'off' },
  };
}

/** Settings per resource URI. */
export class SettingsStore {
  private readonly cache = new Map<string, Promise<Settings>>();
  private pushed: Settings = defaultSettings;
  /** Set from the client capabilities in `initialize`. */
  supportsConfiguration = false;

  constructor(private readonly connection: Connection) {}

  /** The settings that apply to `scopeUri` (a folder or document URI). */
  get(scopeUri: string): Promise<Settings> {
    if (!this.supportsConfiguration) return Promise.resolve(this.pushed);
    let settings = this.cache.get(scopeUri);
    if (!settings) {
      settings = this.connection.workspace.getConfiguration({ scopeUri, section: 'privet' }).then(toSettings, (e) => {
        console.error(`Privet could not read the settings for ${scopeUri}: ${e instanceof Error ? e.message : String(e)}`);
        this.cache.delete(scopeUri);
        return defaultSettings;
      });
      this.cache.set(scopeUri, settings);
    }
    return settings;
  }

  /** `workspace/didChangeConfiguration`: forget what was read; keep pushed settings if any. */
  changed(params: { settings?: unknown }): void {
    this.cache.clear();
    const pushed = isObject(params.settings) ? params.settings.privet : undefined;
    if (pushed !== undefined) this.pushed = toSettings(pushed);
  }

  /** Forget one resource (a closed document, a removed folder). */
  forget(scopeUri: string): void {
    this.cache.delete(scopeUri);
  }
}
