/**
 * The workspace index: every JS/TS file of each workspace folder (found in the background, with
 * `$/progress`), the open documents (whose text overrides the disk), and the last check result
 * per folder. Checks are debounced per folder, run one at a time, and publish diagnostics for the
 * open documents and the manifests afterwards; `workspace/didChangeWatchedFiles` keeps the index
 * current. File-system access lives here, not in the core: the core gets `readFile`/`fileExists`.
 */
import { promises as fsp, existsSync, type Dirent } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import picomatch from 'picomatch';
import { type Connection, type Diagnostic, FileChangeType, type FileEvent, type TextDocuments, type WorkspaceFolder } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { DEFAULT_EXCLUDES, GitIgnores, SOURCE_EXTENSIONS, readTextFile, toPosix } from './cli/files';
import { check, effectiveManifest, type CheckHost, type CheckOutput } from './core/check';
import type { FileSummary } from './core/analysis/summary';
import { manifestFileNames } from './core/manifest/findManifest';
import type { ParsedManifest } from './core/manifest/types';
import { generateManifest } from './core/services/initManifest';
import type { Finding, TrackingCall } from './core/types';
import type { Settings } from './core/settings';
import { Debouncer, DiagnosticsPublisher, toDiagnostic, validationDelayMs } from './diagnostics';
import type { RuntimeEnvironment } from './runner';
import type { SettingsStore } from './settings';

/** Reports progress every this many files found. */
const progressEveryFiles = 500;

/** A '/'-separated absolute path for a `file:` URI; null for other schemes. */
export function uriToPath(uri: string): string | null {
  if (!uri.startsWith('file:')) return null;
  try {
    return toPosix(fileURLToPath(uri));
  } catch {
    return null;
  }
}

/** True for a JS/TS source path Privet checks. */
export function isSourcePath(p: string): boolean {
  const ext = p.slice(p.lastIndexOf('.') + 1);
  return SOURCE_EXTENSIONS.includes(ext) && !/\.d\.[mc]?ts$/.test(p);
}

/** True for `privacy.yaml` / `privacy.yml`. */
export function isManifestPath(p: string): boolean {
  return manifestFileNames.includes(p.slice(p.lastIndexOf('/') + 1));
}

/** The last check of a folder, with the open-document versions it saw. */
export interface FolderResult {
  output: CheckOutput;
  /** Version of every document that was open when the check started, by URI. */
  versions: Map<string, number>;
  settings: Settings;
}

/** One workspace folder (or the pseudo-folder '' of open files outside every folder). */
export interface FolderState {
  /** The folder URI as the client sent it ('' for the loose files). */
  uri: string;
  /** '/'-separated absolute path ('' for the loose files). */
  path: string;
  /** Source files found on disk. */
  files: Set<string>;
  indexed: boolean;
  indexing: Promise<void> | null;
  result: FolderResult | null;
  running: Promise<void> | null;
  rerun: boolean;
  /** Last valid parse of each manifest, used while one has syntax errors. */
  lastValid: Map<string, ParsedManifest>;
}

/** What a feature needs to answer for one document. */
export interface DocumentContext {
  uri: string;
  path: string;
  text: string;
  folder: FolderState;
  isManifest: boolean;
  /** The manifest that governs the document (the document itself for a manifest), if any. */
  manifestPath: string | null;
  parsed: ParsedManifest | null;
  /** Calls of the document (source) or governed by it (manifest). */
  calls: TrackingCall[];
  /** Unsuppressed findings in the document. */
  findings: Finding[];
}


/** The exclusion test of a folder: build output, VCS folders, minified bundles and `privet.exclude`. */
function excluder(root: string, globs: readonly string[]): (p: string, isDir: boolean) => boolean {
  const match = picomatch([...DEFAULT_EXCLUDES, ...globs], { dot: true });
  return (p, isDir) => {
    const rel = root ? path.posix.relative(root, p) : p;
    // Directory globs end in `/**`: test a child path so `node_modules` itself is pruned.
    return match(rel) || (isDir && match(`${rel}/_`));
  };
}

/** The workspace index and the check scheduler. */
export class Workspace {
  private readonly folders = new Map<string, FolderState>();
  private readonly loose: FolderState = newFolder('', '');
  private readonly diskText = new Map<string, string | undefined>();
  private readonly exists = new Map<string, boolean>();
  private readonly summaryCache = new Map<string, { text: string; summary: FileSummary }>();
  private readonly gitignores = new GitIgnores();
  private readonly debouncer: Debouncer;
  private indexingCount = 0;
  /** Called after every check and when indexing starts or ends. */
  onStatus: () => void = () => {};

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly settings: SettingsStore,
    private readonly publisher: DiagnosticsPublisher,
    runtime: RuntimeEnvironment,
  ) {
    this.debouncer = new Debouncer(runtime);
  }

  // -------------------------------------------------------------------------------------------
  // Folders and indexing

  /** Adds folders and indexes them in the background (one progress for the batch). */
  addFolders(folders: readonly WorkspaceFolder[]): Promise<void> {
    const added: FolderState[] = [];
    for (const f of folders) {
      const p = uriToPath(f.uri);
      if (p === null || this.folders.has(p)) continue;
      const state = newFolder(f.uri, p.replace(/\/+$/, '') || '/');
      this.folders.set(state.path, state);
      added.push(state);
    }
    return added.length ? this.index(added) : Promise.resolve();
  }

  /** Forgets folders; their open documents move to the folder that now contains them. */
  removeFolders(folders: readonly WorkspaceFolder[]): void {
    for (const f of folders) {
      const p = uriToPath(f.uri);
      if (p === null) continue;
      this.folders.delete(p.replace(/\/+$/, '') || '/');
      this.settings.forget(f.uri);
    }
    this.recheckAll(0);
  }

  private async index(folders: FolderState[]): Promise<void> {
    this.indexingCount++;
    this.onStatus();
    const progress = await this.connection.window.createWorkDoneProgress().catch(() => null);
    progress?.begin('Privet', 0, 'Indexing the workspace…', false);
    try {
      for (const folder of folders) {
        // A folder removed while earlier ones were indexed is skipped.
        if (this.folders.get(folder.path) !== folder) continue;
        const done = (async () => {
          const settings = await this.settings.get(folder.uri);
          folder.files = await this.walk(folder, settings.exclude, (n) => progress?.report(`Indexing ${path.posix.basename(folder.path)}: ${n} files`));
          folder.indexed = true;
          progress?.report(`Checking ${folder.files.size} files…`);
          await this.runCheck(folder);
        })();
        folder.indexing = done;
        await done.catch((e) => console.error(`Privet could not index ${folder.path}: ${e instanceof Error ? e.stack ?? e.message : String(e)}`));
        folder.indexing = null;
      }
    } finally {
      progress?.done();
      this.indexingCount--;
      this.onStatus();
    }
  }

  /** Walks a folder for source files, pruning excluded and ignored folders and nested workspace folders. */
  private async walk(folder: FolderState, exclude: readonly string[], report: (n: number) => void): Promise<Set<string>> {
    const excluded = excluder(folder.path, exclude);
    const nested = new Set([...this.folders.keys()].filter((p) => p !== folder.path && p.startsWith(folder.path + '/')));
    const files = new Set<string>();
    const pending = [folder.path];
    while (pending.length) {
      const dir = pending.pop()!;
      let entries: Dirent[];
      try {
        entries = await fsp.readdir(dir, { withFileTypes: true });
      } catch {
        continue;
      }
      for (const e of entries) {
        // Hidden files and folders are skipped, as the CLI's glob does; links are not followed.
        if (e.name.startsWith('.') || e.isSymbolicLink()) continue;
        const p = dir === '/' ? `/${e.name}` : `${dir}/${e.name}`;
        if (e.isDirectory()) {
          if (nested.has(p) || excluded(p, true) || (await this.gitignores.ignored(folder.path, p, true))) continue;
          pending.push(p);
        } else if (e.isFile() && isSourcePath(p) && !excluded(p, false) && !(await this.gitignores.ignored(folder.path, p, false))) {
          files.add(p);
          if (files.size % progressEveryFiles === 0) report(files.size);
        }
      }
    }
    return files;
  }

  /** The folder a path belongs to (the innermost workspace folder containing it, else the loose one). */
  folderOf(p: string): FolderState {
    let best: FolderState | null = null;
    for (const f of this.folders.values()) {
      if ((p === f.path || p.startsWith(f.path === '/' ? '/' : f.path + '/')) && (!best || f.path.length > best.path.length)) best = f;
    }
    return best ?? this.loose;
  }

  /** The folder with this URI or path, if it is a workspace folder. */
  folderByUri(uri: string): FolderState | undefined {
    const p = uriToPath(uri);
    return p === null ? undefined : this.folders.get(p.replace(/\/+$/, '') || '/');
  }

  /** Stops pending checks (shutdown). */
  dispose(): void {
    this.debouncer.dispose();
  }

  /** True while any folder is being indexed. */
  get indexing(): boolean {
    return this.indexingCount > 0;
  }

  /** Every folder with a check result (including the loose files). */
  results(): { folder: FolderState; result: FolderResult }[] {
    return [...this.folders.values(), this.loose].filter((f) => f.result).map((f) => ({ folder: f, result: f.result! }));
  }

  // -------------------------------------------------------------------------------------------
  // Text and files

  /** The text of a file: the open document's, else the disk's (cached until the file changes). */
  readFile(p: string): string | undefined {
    const open = this.documents.get(this.uriOf(p));
    if (open) return open.getText();
    if (!this.diskText.has(p)) this.diskText.set(p, readTextFile(p));
    return this.diskText.get(p);
  }

  private fileExists(p: string): boolean {
    if (this.documents.get(this.uriOf(p))) return true;
    let known = this.exists.get(p);
    if (known === undefined) {
      known = existsSync(p);
      this.exists.set(p, known);
    }
    return known;
  }

  private readonly openUris = new Map<string, string>();

  /** The URI of a path: the one the client uses for an open document, else a `file:` URI. */
  uriOf(p: string): string {
    return this.openUris.get(p) ?? pathToFileURL(p).href;
  }

  // -------------------------------------------------------------------------------------------
  // Events

  /** A document was opened or changed: re-check what it affects. */
  documentChanged(document: TextDocument): void {
    const p = uriToPath(document.uri);
    if (p === null) return;
    this.openUris.set(p, document.uri);
    if (isManifestPath(p)) this.recheckAll();
    else if (isSourcePath(p)) this.schedule(this.folderOf(p));
  }

  /** A document was closed: clear its diagnostics; its disk text applies again. */
  documentClosed(document: TextDocument): void {
    const p = uriToPath(document.uri);
    // Cleared now; the re-check below publishes the file's findings from disk again.
    this.publisher.clear(document.uri);
    if (p === null) return;
    this.openUris.delete(p);
    this.diskText.delete(p);
    this.exists.delete(p);
    if (isManifestPath(p)) this.recheckAll();
    else if (isSourcePath(p)) this.schedule(this.folderOf(p));
  }

  /** `workspace/didChangeWatchedFiles`: keep the index and caches current. */
  async watchedFilesChanged(changes: readonly FileEvent[]): Promise<void> {
    let everything = false;
    const touched = new Set<FolderState>();
    for (const change of changes) {
      const p = uriToPath(change.uri);
      if (p === null) continue;
      this.diskText.delete(p);
      this.exists.delete(p);
      if (p.endsWith('/.gitignore')) this.gitignores.forget(path.posix.dirname(p));
      const folder = this.folderOf(p);
      if (isManifestPath(p) || p.endsWith('/tsconfig.json') || p.endsWith('/jsconfig.json')) {
        everything = true;
        if (change.type === FileChangeType.Deleted) for (const f of this.folders.values()) f.lastValid.delete(p);
        continue;
      }
      if (!isSourcePath(p)) {
        // A deleted folder comes as one event for the folder (watchers match files by glob).
        if (change.type === FileChangeType.Deleted) {
          for (const f of [...folder.files]) {
            if (!f.startsWith(p + '/')) continue;
            folder.files.delete(f);
            this.summaryCache.delete(f);
            touched.add(folder);
          }
        }
        continue;
      }
      touched.add(folder);
      if (change.type === FileChangeType.Deleted) {
        folder.files.delete(p);
        this.summaryCache.delete(p);
      } else if (change.type === FileChangeType.Created && folder.indexed) {
        const settings = await this.settings.get(folder.uri);
        if (!excluder(folder.path, settings.exclude)(p, false) && !(await this.gitignores.ignored(folder.path, p, false))) folder.files.add(p);
      }
    }
    if (everything) this.recheckAll();
    else for (const f of touched) this.schedule(f);
  }

  /** Settings changed: re-check everything; folders whose `privet.exclude` changed are walked again. */
  async settingsChanged(): Promise<void> {
    const rewalk: FolderState[] = [];
    for (const folder of this.folders.values()) {
      const before = folder.result?.settings.exclude ?? [];
      const after = (await this.settings.get(folder.uri)).exclude;
      if (folder.indexed && JSON.stringify(before) !== JSON.stringify(after)) {
        folder.indexed = false;
        rewalk.push(folder);
      } else {
        this.schedule(folder, 0);
      }
    }
    this.schedule(this.loose, 0);
    if (rewalk.length) await this.index(rewalk);
  }

  // -------------------------------------------------------------------------------------------
  // Checking

  /** Re-check every folder (a manifest or tsconfig changed). */
  recheckAll(delayMs = validationDelayMs): void {
    for (const f of this.folders.values()) this.schedule(f, delayMs);
    this.schedule(this.loose, delayMs);
  }

  private schedule(folder: FolderState, delayMs = validationDelayMs): void {
    this.debouncer.schedule(folder.path, delayMs, () => void this.runCheck(folder));
  }

  /** Runs the check of a folder; a request while one runs makes it run once more afterwards. */
  private runCheck(folder: FolderState): Promise<void> {
    if (folder.running) {
      folder.rerun = true;
      return folder.running;
    }
    folder.running = (async () => {
      do {
        folder.rerun = false;
        try {
          await this.checkOnce(folder);
        } catch (e) {
          console.error(`Privet check failed for ${folder.path || 'open files'}: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
        }
      } while (folder.rerun);
    })().finally(() => {
      folder.running = null;
    });
    return folder.running;
  }

  private async checkOnce(folder: FolderState): Promise<void> {
    const run = await this.prepare(folder, new Map());
    if (!run) {
      folder.result = null;
      this.publishAll();
      return;
    }
    folder.result = { output: await check(run.host), versions: run.versions, settings: run.settings };
    this.publishAll();
    this.onStatus();
  }

  /**
   * Checks a folder as if some files had other texts (fix-all re-checks its edits this way);
   * publishes nothing and keeps the folder's result.
   */
  async checkWithOverlay(folder: FolderState, overlay: ReadonlyMap<string, string>): Promise<CheckOutput> {
    const run = await this.prepare(folder, overlay);
    if (!run) throw new Error('nothing to check');
    // A private last-valid map: a broken overlay must not replace the folder's last valid manifest.
    return check({ ...run.host, lastValid: new Map(folder.lastValid) });
  }

  /** The check host of a folder: its files plus the open ones, the open texts frozen for the run. */
  private async prepare(folder: FolderState, overlay: ReadonlyMap<string, string>): Promise<{ host: CheckHost; settings: Settings; versions: Map<string, number> } | null> {
    const open = this.documents.all().filter((d) => {
      const p = uriToPath(d.uri);
      return p !== null && isSourcePath(p) && this.folderOf(p) === folder;
    });
    const settingsUri = folder.uri || open[0]?.uri || '';
    const settings = await this.settings.get(settingsUri);
    const excluded = excluder(folder.path, settings.exclude);
    // Freeze the open texts for this run, so the positions agree with the recorded versions.
    const texts = new Map<string, string>();
    const versions = new Map<string, number>();
    for (const d of this.documents.all()) {
      const p = uriToPath(d.uri);
      versions.set(d.uri, d.version);
      if (p !== null) texts.set(p, d.getText());
    }
    for (const [p, text] of overlay) texts.set(p, text);
    const files = new Set(folder.indexed ? folder.files : []);
    for (const d of open) {
      const p = uriToPath(d.uri)!;
      if (!excluded(p, false)) files.add(p);
    }
    if (files.size === 0 && !folder.indexed) return null;
    const base = folder.path ? fromPosix(folder.path) : process.cwd();
    const host: CheckHost = {
      files: [...files].sort(),
      readFile: (p) => (texts.has(p) ? texts.get(p) : this.readFile(p)),
      fileExists: (p) => texts.has(p) || this.fileExists(p),
      manifestOverride: settings.manifest ? toPosix(path.resolve(base, settings.manifest)) : null,
      overrides: settings.rules,
      // `unused-event` needs every file under the manifest: only once the folder is indexed.
      wholeScope: folder.indexed && folder.path !== '',
      summaryCache: this.summaryCache,
      lastValid: folder.lastValid,
    };
    return { host, settings, versions };
  }

  /**
   * The calls in the files under `dir` (`privet/init`): from the index when `dir` lies in an
   * indexed workspace folder, else from a check of the files found there.
   */
  async callsUnder(dir: string): Promise<TrackingCall[]> {
    const folder = this.folderOf(dir);
    const inside = (f: string) => dir === '/' || f === dir || f.startsWith(dir + '/');
    if (folder !== this.loose) {
      await folder.indexing;
      await this.whenFresh(folder);
      if (folder.indexed) return (folder.result?.output.calls ?? []).filter((c) => inside(c.file));
    }
    const files = [...(await this.walk(newFolder('', dir), [], () => undefined))].sort();
    const output = await check({ files, readFile: (p) => this.readFile(p), fileExists: (p) => this.fileExists(p), summaryCache: this.summaryCache });
    return output.calls;
  }

  /**
   * `privet/init`: a manifest drafted from the calls under a folder, and where it belongs (an
   * existing `privacy.yml` when there is no `privacy.yaml`).
   */
  async draftManifest(folderUri: string): Promise<{ path: string; created: boolean; text: string }> {
    const dir = uriToPath(folderUri);
    if (dir === null) throw new Error(`not a file: URI: ${folderUri}`);
    const root = dir.replace(/\/+$/, '') || '/';
    const calls = await this.callsUnder(root);
    const yaml = path.join(fromPosix(root), 'privacy.yaml');
    const yml = path.join(fromPosix(root), 'privacy.yml');
    const target = !existsSync(yaml) && existsSync(yml) ? yml : yaml;
    return { path: target, created: !existsSync(target), text: generateManifest(calls, { root }) };
  }

  /**
   * What `privet/dataFlowGraph` draws: every checked call, finding and manifest, or those of the
   * manifest governing `uri` (a source file or a manifest).
   */
  async dataFlowInputs(uri: string | undefined): Promise<{ calls: TrackingCall[]; findings: Finding[]; manifests: Map<string, ParsedManifest>; root: string | undefined }> {
    await this.whenAllFresh();
    const scope = uri ? uriToPath(uri) : null;
    const manifestPath = scope === null ? null : isManifestPath(scope) ? scope : (this.folderOf(scope).result?.output.manifestOf.get(scope) ?? null);
    const all = this.results();
    const governed = (file: string, manifestOf: Map<string, string | null>) => !manifestPath || file === manifestPath || manifestOf.get(file) === manifestPath;
    const calls = all.flatMap(({ result }) => result.output.calls.filter((c) => governed(c.file, result.output.manifestOf)));
    const findings = all.flatMap(({ result }) => result.output.findings.filter((f) => governed(f.file, result.output.manifestOf)));
    const manifests = new Map([...this.manifests()].filter(([p]) => !manifestPath || p === manifestPath));
    const roots = all.map(({ folder }) => folder.path).filter(Boolean);
    const root = manifestPath ? path.posix.dirname(manifestPath) : roots.length === 1 ? roots[0] : undefined;
    return { calls, findings, manifests, root };
  }

  /** The version of an open document, null when it is not open. */
  versionOf(uri: string): number | null {
    return this.documents.get(uri)?.version ?? null;
  }

  /**
   * Waits until the check of the folder of `uri` reflects the current text: runs a pending check
   * now, waits for a running one, and checks once when nothing ever did.
   */
  async whenFresh(folder: FolderState): Promise<void> {
    for (let i = 0; i < 5; i++) {
      if (this.debouncer.flush(folder.path)) continue;
      if (folder.running) {
        await folder.running;
        continue;
      }
      if (!folder.result) {
        await this.runCheck(folder);
        continue;
      }
      return;
    }
  }

  /** Waits for pending checks of every folder (not for indexing: answers may be partial until it ends). */
  async whenAllFresh(): Promise<void> {
    await Promise.all([...this.folders.values(), this.loose].map((f) => this.whenFresh(f)));
  }

  // -------------------------------------------------------------------------------------------
  // Diagnostics

  /**
   * Publishes the diagnostics of every open document, and of every closed file with findings, so
   * the Problems view shows the whole workspace (as the status bar counts it), like a workspace
   * linter; closed files' findings come from their text on disk.
   */
  private publishAll(): void {
    for (const d of this.documents.all()) this.publishDocument(d);
    const closed = new Map<string, Diagnostic[]>();
    const versionOf = (uri: string) => this.versionOf(uri);
    const seen = new Set<string>();
    for (const { result } of this.results()) {
      for (const f of result.output.findings) {
        if (f.suppressed || !f.file) continue;
        const uri = this.uriOf(f.file);
        if (this.documents.get(uri)) continue;
        const key = `${f.file}|${f.rule}|${f.range.start.line}:${f.range.start.character}|${f.message}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const list = closed.get(uri) ?? [];
        list.push(toDiagnostic(f, (file) => this.uriOf(file), versionOf));
        closed.set(uri, list);
      }
    }
    for (const uri of this.closedPublished) if (!closed.has(uri) && !this.documents.get(uri)) this.publisher.clear(uri);
    this.closedPublished = new Set(closed.keys());
    for (const [uri, diagnostics] of closed) this.publisher.publish(uri, null, diagnostics);
  }

  /** Closed files whose diagnostics are published. */
  private closedPublished = new Set<string>();

  private publishDocument(document: TextDocument): void {
    const p = uriToPath(document.uri);
    if (p === null) return;
    const relevant = this.results().filter(({ result }) => result.output.manifestOf.has(p) || result.output.parsedManifests.has(p));
    if (relevant.length === 0) {
      if (isManifestPath(p)) {
        // A manifest that governs no checked file still gets its own problems.
        const parsed = effectiveManifest(p, document.getText());
        const diagnostics = parsed.problems.map((problem) => this.problemDiagnostic(problem));
        this.publisher.publish(document.uri, document.version, diagnostics);
      } else {
        this.publisher.clear(document.uri);
      }
      return;
    }
    // Every result that read this document must have read its current version.
    if (relevant.some(({ result }) => result.versions.get(document.uri) !== document.version)) return;
    const seen = new Set<string>();
    const diagnostics: Diagnostic[] = [];
    const versionOf = (uri: string) => this.versionOf(uri);
    for (const { result } of relevant) {
      for (const f of result.output.findings) {
        if (f.file !== p || f.suppressed) continue;
        const key = `${f.rule}|${f.range.start.line}:${f.range.start.character}|${f.message}`;
        if (seen.has(key)) continue;
        seen.add(key);
        diagnostics.push(toDiagnostic(f, (file) => this.uriOf(file), versionOf));
      }
      // The manifest's own problems, when the rules did not report them already.
      const parsed = result.output.parsedManifests.get(p);
      for (const problem of parsed?.problems ?? []) {
        if (result.settings.rules[problem.rule] === 'off') continue;
        if (diagnostics.some((d) => d.code === problem.rule && d.range.start.line === problem.range.start.line)) continue;
        diagnostics.push(this.problemDiagnostic(problem));
      }
    }
    this.publisher.publish(document.uri, document.version, diagnostics);
  }

  private problemDiagnostic(problem: ParsedManifest['problems'][number]): Diagnostic {
    return toDiagnostic({ rule: problem.rule, severity: 'error', message: problem.message, file: '', range: problem.range, suppressed: false, fixes: [] }, (f) => this.uriOf(f), () => null);
  }

  // -------------------------------------------------------------------------------------------
  // What features need

  /** The context of an open document after its folder's check is fresh; null for other documents. */
  async context(uri: string): Promise<DocumentContext | null> {
    const document = this.documents.get(uri);
    const p = uriToPath(uri);
    if (!document || p === null) return null;
    const isManifest = isManifestPath(p);
    if (!isManifest && !isSourcePath(p)) return null;
    const folder = this.folderOf(p);
    if (isManifest) await this.whenAllFresh();
    else await this.whenFresh(folder);
    const text = document.getText();
    if (isManifest) {
      const parsed = this.parsedManifest(p) ?? effectiveManifest(p, text);
      return { uri, path: p, text, folder, isManifest, manifestPath: p, parsed, calls: this.callsGovernedBy(p), findings: this.findingsIn(p) };
    }
    const output = folder.result?.output;
    const manifestPath = output?.manifestOf.get(p) ?? null;
    const parsed = manifestPath ? output?.parsedManifests.get(manifestPath) ?? null : null;
    return { uri, path: p, text, folder, isManifest, manifestPath, parsed, calls: output?.calls.filter((c) => c.file === p) ?? [], findings: this.findingsIn(p) };
  }

  /** The parsed manifest at `p` from the latest checks (the last valid model while it is broken). */
  parsedManifest(p: string): ParsedManifest | null {
    for (const { result } of this.results()) {
      const parsed = result.output.parsedManifests.get(p);
      if (parsed) return parsed;
    }
    return null;
  }

  /** Every manifest the checks used, with its parse. */
  manifests(): Map<string, ParsedManifest> {
    const out = new Map<string, ParsedManifest>();
    for (const { result } of this.results()) for (const [p, parsed] of result.output.parsedManifests) if (!out.has(p)) out.set(p, parsed);
    return out;
  }

  /** The calls of every checked file governed by the manifest at `manifestPath`. */
  callsGovernedBy(manifestPath: string): TrackingCall[] {
    return this.results().flatMap(({ result }) => result.output.calls.filter((c) => result.output.manifestOf.get(c.file) === manifestPath));
  }

  /** Unsuppressed findings in a file, over every result. */
  findingsIn(p: string): Finding[] {
    return this.results().flatMap(({ result }) => result.output.findings.filter((f) => f.file === p && !f.suppressed));
  }
}

function newFolder(uri: string, p: string): FolderState {
  return { uri, path: p, files: new Set(), indexed: false, indexing: null, result: null, running: null, rerun: false, lastValid: new Map() };
}

/** A native path for a '/'-separated one. */
export function fromPosix(p: string): string {
  return path.sep === '/' ? p : p.split('/').join(path.sep);
}
