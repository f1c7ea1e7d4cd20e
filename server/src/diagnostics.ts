/**
 * Push diagnostics: findings -> LSP diagnostics (self-describing: source, rule id as code, a link
 * to the rule's page, the quick fixes in `data`), published with a stale guard and cleared on
 * close, plus the per-key debouncer that schedules re-checks.
 */
import { type Connection, type Diagnostic, DiagnosticSeverity, DiagnosticTag, type TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding, TextEdit } from './core/types';
import type { RuntimeEnvironment } from './runner';

/** How long to wait after the last edit before re-checking. */
export const validationDelayMs = 250;

/** Where each rule's documentation lives. */
export const ruleDocsBase = 'https://github.com/privet-dev/privet/blob/main/docs/rules/';

/** A quick fix as carried in `Diagnostic.data`: edits keyed by document URI. */
export interface DiagnosticFix {
  title: string;
  safe: boolean;
  preferred?: boolean;
  edits: Record<string, TextEdit[]>;
}

/**
 * `Diagnostic.data` of a Privet diagnostic. LSP preserves it between `publishDiagnostics` and
 * `codeAction`, so code actions need no server-side cache of findings.
 */
export interface DiagnosticData {
  fixes: DiagnosticFix[];
  /** The version of each edited open document the edits were computed against (null: not open). */
  versions: Record<string, number | null>;
}

/** True when `data` is what `toDiagnostic` put there (it came back from the client). */
export function isDiagnosticData(data: unknown): data is DiagnosticData {
  const d = data as DiagnosticData | undefined;
  return typeof d === 'object' && d !== null && Array.isArray(d.fixes) && typeof d.versions === 'object' && d.versions !== null;
}

const severities: Record<Finding['severity'], DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

/** Rules whose findings are about something that can go (shown faded). */
const unnecessaryRules = new Set(['unused-event', 'unused-declaration', 'unused-suppression']);

/**
 * One finding as a diagnostic. `uriOf` maps the core's file paths to URIs; `versionOf` gives the
 * version of an open document (null otherwise), recorded so a fix never applies to newer text.
 */
export function toDiagnostic(finding: Finding, uriOf: (path: string) => string, versionOf: (uri: string) => number | null): Diagnostic {
  const versions: Record<string, number | null> = {};
  const fixes = finding.fixes.map((fix): DiagnosticFix => {
    const edits: Record<string, TextEdit[]> = {};
    for (const [file, list] of Object.entries(fix.edits)) {
      const uri = uriOf(file);
      edits[uri] = list;
      versions[uri] = versionOf(uri);
    }
    return { title: fix.title, safe: fix.safe, preferred: fix.preferred, edits };
  });
  const diagnostic: Diagnostic = {
    range: finding.range,
    severity: severities[finding.severity] ?? DiagnosticSeverity.Warning,
    source: 'privet',
    code: finding.rule,
    codeDescription: { href: `${ruleDocsBase}${finding.rule}.md` },
    message: finding.message,
    data: { fixes, versions } satisfies DiagnosticData,
  };
  if (unnecessaryRules.has(finding.rule)) diagnostic.tags = [DiagnosticTag.Unnecessary];
  return diagnostic;
}

/** Publishes diagnostics, never for a document version older than the open one. */
export class DiagnosticsPublisher {
  private readonly published = new Map<string, Diagnostic[]>();

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
  ) {}

  /**
   * Publishes `diagnostics` computed for `version` of `uri`; drops them (returns false) when the
   * open document has moved on, since the pending re-check will publish for the newer version.
   */
  publish(uri: string, version: number | null, diagnostics: Diagnostic[]): boolean {
    const open = this.documents.get(uri);
    if (open && version !== null && open.version !== version) return false;
    const previous = this.published.get(uri);
    this.published.set(uri, diagnostics);
    // Unchanged lists are not re-sent: every edit re-checks the whole folder.
    if (previous && sameDiagnostics(previous, diagnostics)) return true;
    void this.connection.sendDiagnostics({ uri, version: open?.version, diagnostics });
    return true;
  }

  /** Sends `[]` for a document (closed, deleted, or no longer governed). */
  clear(uri: string): void {
    if (!this.published.has(uri)) return;
    this.published.delete(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  /** The diagnostics last published for `uri`. */
  get(uri: string): readonly Diagnostic[] {
    return this.published.get(uri) ?? [];
  }

  /** URIs with published diagnostics. */
  uris(): string[] {
    return [...this.published.keys()];
  }
}

function sameDiagnostics(a: readonly Diagnostic[], b: readonly Diagnostic[]): boolean {
  return a.length === b.length && JSON.stringify(a) === JSON.stringify(b);
}

/** Runs a task per key once no new request for that key came for a while. */
export class Debouncer {
  private readonly timers = new Map<string, { dispose(): void; run: () => void }>();

  constructor(private readonly runtime: RuntimeEnvironment) {}

  /** (Re)starts the timer of `key`. */
  schedule(key: string, delayMs: number, run: () => void): void {
    this.timers.get(key)?.dispose();
    const timer = this.runtime.timer.setTimeout(() => {
      this.timers.delete(key);
      run();
    }, delayMs);
    this.timers.set(key, { dispose: () => timer.dispose(), run });
  }

  /** Runs the pending task of `key` now; false when none was pending. */
  flush(key: string): boolean {
    const pending = this.timers.get(key);
    if (!pending) return false;
    pending.dispose();
    this.timers.delete(key);
    pending.run();
    return true;
  }

  isPending(key: string): boolean {
    return this.timers.has(key);
  }

  dispose(): void {
    for (const t of this.timers.values()) t.dispose();
    this.timers.clear();
  }
}
