/**
 * Test harness for the language server at the protocol level: a minimal LSP client over any
 * message transport, and two transports: in-process (two stream ends over `PassThrough`, the
 * server started with `startServer`) and a spawned `node dist/server.js --stdio` (the bundle).
 * The client records diagnostics, progress, status and log notifications, answers
 * `workspace/configuration` from a settable object, and waits with `waitFor` (re-evaluated on
 * every message and on a short interval), never with fixed sleeps.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { pathToFileURL } from 'node:url';
import {
  type ClientCapabilities,
  createConnection,
  createMessageConnection,
  type Diagnostic,
  type InitializeResult,
  type MessageConnection,
  type MessageReader,
  type MessageWriter,
  ProposedFeatures,
  type PublishDiagnosticsParams,
  StreamMessageReader,
  StreamMessageWriter,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { startServer } from '../../src/server';
import { nodeRuntime } from '../../src/node/stdio';

/** The repository root (tests run from out/server/test/…, fixtures live in server/test/fixtures). */
export function repoRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'esbuild.mjs'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no repository root above ${__dirname}`);
    dir = parent;
  }
  return dir;
}

/** A message transport to a server, and how to stop it. */
export interface Transport {
  reader: MessageReader;
  writer: MessageWriter;
  /** Stops the server side (the in-process server just stops receiving). */
  dispose(): void;
  /** The spawned process, for the stdio transport. */
  child?: ChildProcess;
  /** What the server wrote to stderr (stdio transport). */
  stderr?: () => string;
}

/**
 * The server in this process, on two `PassThrough` streams. The stream ends are never closed:
 * the Node connection exits the process when its input ends, as it should for a real server.
 */
export function inProcessTransport(): Transport {
  const up = new PassThrough();
  const down = new PassThrough();
  // Reader/writer objects (not raw streams) so the connection does not install its exit-on-close hooks.
  const serverConnection = createConnection(ProposedFeatures.all, new StreamMessageReader(up), new StreamMessageWriter(down));
  startServer(serverConnection, nodeRuntime);
  return {
    reader: new StreamMessageReader(down),
    writer: new StreamMessageWriter(up),
    dispose: () => serverConnection.dispose(),
  };
}

/** `node <script> <args…>` speaking LSP on stdio. */
export function spawnTransport(script: string, args: string[]): Transport {
  const child = spawn(process.execPath, [script, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += String(d)));
  return {
    reader: new StreamMessageReader(child.stdout!),
    writer: new StreamMessageWriter(child.stdin!),
    dispose: () => {
      if (child.exitCode === null) child.kill();
    },
    child,
    stderr: () => stderr,
  };
}

/** Options of `waitFor`. */
export interface WaitOptions {
  timeoutMs?: number;
  message?: string;
}

/** A `$/progress` notification as received. */
export interface ProgressEvent {
  token: string | number;
  value: { kind: 'begin' | 'report' | 'end'; title?: string; message?: string };
}

/** A small LSP client for tests. */
export class TestClient {
  readonly connection: MessageConnection;
  /** Latest diagnostics per URI. */
  readonly diagnostics = new Map<string, Diagnostic[]>();
  /** Every publishDiagnostics, in order. */
  readonly published: PublishDiagnosticsParams[] = [];
  readonly progress: ProgressEvent[] = [];
  readonly statuses: { calls: number; errors: number; warnings: number; indexing: boolean; manifests: string[] }[] = [];
  readonly logs: string[] = [];
  readonly registrations: { method: string; registerOptions?: unknown }[] = [];
  /** What `workspace/configuration` answers for section `privet`. */
  settings: Record<string, unknown> = {};
  readonly configurationRequests: { scopeUri?: string; section?: string }[] = [];
  private readonly waiters = new Set<() => void>();
  private readonly versions = new Map<string, number>();
  private readonly texts = new Map<string, string>();
  initializeResult: InitializeResult | undefined;

  constructor(readonly transport: Transport) {
    this.connection = createMessageConnection(transport.reader, transport.writer);
    const c = this.connection;
    c.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.published.push(p);
      this.diagnostics.set(p.uri, p.diagnostics);
      this.poke();
    });
    c.onNotification('$/progress', (p: ProgressEvent) => {
      this.progress.push(p);
      this.poke();
    });
    c.onNotification('privet/status', (p: TestClient['statuses'][number]) => {
      this.statuses.push(p);
      this.poke();
    });
    c.onNotification('window/logMessage', (p: { message: string }) => {
      this.logs.push(p.message);
      this.poke();
    });
    c.onRequest('workspace/configuration', (p: { items: { scopeUri?: string; section?: string }[] }) => {
      this.configurationRequests.push(...p.items);
      return p.items.map((item) => (item.section === 'privet' ? this.settings : null));
    });
    c.onRequest('window/workDoneProgress/create', () => null);
    c.onRequest('client/registerCapability', (p: { registrations: { method: string; registerOptions?: unknown }[] }) => {
      this.registrations.push(...p.registrations);
      return null;
    });
    c.onRequest('client/unregisterCapability', () => null);
    c.onRequest('workspace/codeLens/refresh', () => null);
    c.onRequest('workspace/applyEdit', () => ({ applied: false }));
    c.listen();
  }

  private poke(): void {
    for (const w of [...this.waiters]) w();
  }

  /**
   * Resolves with the first truthy value of `produce`, evaluated now, after every message from the
   * server and every 50 ms; rejects after the timeout with `message` and the last value seen.
   */
  waitFor<T>(produce: () => T | undefined | null | false, opts: WaitOptions = {}): Promise<T> {
    const timeoutMs = opts.timeoutMs ?? 20000;
    return new Promise<T>((resolve, reject) => {
      let last: unknown;
      const check = () => {
        try {
          const v = produce();
          last = v;
          if (v) {
            done();
            resolve(v);
          }
        } catch (e) {
          done();
          reject(e);
        }
      };
      const interval = setInterval(check, 50);
      const timer = setTimeout(() => {
        done();
        reject(new Error(`waitFor timed out after ${timeoutMs} ms: ${opts.message ?? 'condition'} (last: ${JSON.stringify(last)?.slice(0, 500)})${this.transport.stderr ? `\nstderr: ${this.transport.stderr().slice(-2000)}` : ''}`));
      }, timeoutMs);
      const done = () => {
        clearInterval(interval);
        clearTimeout(timer);
        this.waiters.delete(check);
      };
      this.waiters.add(check);
      check();
    });
  }

  /** `initialize` + `initialized` with a workspace folder and a full set of client capabilities. */
  async initialize(folder: string, capabilities: ClientCapabilities = fullCapabilities): Promise<InitializeResult> {
    const uri = pathToFileURL(folder).href;
    this.initializeResult = await this.connection.sendRequest<InitializeResult>('initialize', {
      processId: null,
      rootUri: uri,
      capabilities,
      workspaceFolders: [{ uri, name: path.basename(folder) }],
    });
    await this.connection.sendNotification('initialized', {});
    return this.initializeResult;
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest<R>(method, params);
  }

  notify(method: string, params: unknown): Promise<void> {
    return this.connection.sendNotification(method, params);
  }

  /** `didOpen` of a file (its disk text unless `text` is given); returns its URI. */
  async open(file: string, text?: string): Promise<string> {
    const uri = pathToFileURL(file).href;
    const content = text ?? fs.readFileSync(file, 'utf8');
    const languageId = file.endsWith('.yaml') || file.endsWith('.yml') ? 'yaml' : file.endsWith('.tsx') ? 'typescriptreact' : file.endsWith('.ts') ? 'typescript' : 'javascript';
    this.versions.set(uri, 1);
    this.texts.set(uri, content);
    await this.notify('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text: content } });
    return uri;
  }

  /** `didChange` replacing the whole text; returns the new version. */
  async change(uri: string, text: string): Promise<number> {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    this.texts.set(uri, text);
    await this.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
    return version;
  }

  /** `didChange` with one incremental edit; returns the new version. */
  async edit(uri: string, edits: TextEdit[]): Promise<number> {
    const before = TextDocument.create(uri, 'x', 0, this.texts.get(uri) ?? '');
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    this.texts.set(uri, TextDocument.applyEdits(before, edits));
    await this.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: edits.map((e) => ({ range: e.range, text: e.newText })) });
    return version;
  }

  async close(uri: string): Promise<void> {
    this.versions.delete(uri);
    this.texts.delete(uri);
    await this.notify('textDocument/didClose', { textDocument: { uri } });
  }

  /** The client's text of an open document. */
  text(uri: string): string | undefined {
    return this.texts.get(uri);
  }

  version(uri: string): number | undefined {
    return this.versions.get(uri);
  }

  /** `shutdown`, then `exit` when the server is a process (in process, exit would end the test run). */
  async shutdown(): Promise<void> {
    await this.request('shutdown', null);
    if (this.transport.child) {
      const exited = new Promise<number | null>((resolve) => this.transport.child!.once('exit', (code) => resolve(code)));
      await this.notify('exit', null);
      await exited;
    }
    this.connection.dispose();
    this.transport.dispose();
  }
}

/** What a capable editor announces (VS Code-like). */
export const fullCapabilities: ClientCapabilities = {
  workspace: {
    configuration: true,
    workspaceFolders: true,
    didChangeConfiguration: { dynamicRegistration: true },
    didChangeWatchedFiles: { dynamicRegistration: true },
    workspaceEdit: { documentChanges: true },
    codeLens: { refreshSupport: true },
    symbol: {},
  },
  window: { workDoneProgress: true },
  textDocument: {
    synchronization: { didSave: false },
    publishDiagnostics: { versionSupport: true, relatedInformation: true, codeDescriptionSupport: true, dataSupport: true },
    codeAction: {
      codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } },
      isPreferredSupport: true,
      dataSupport: true,
      resolveSupport: { properties: ['edit'] },
    },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    completion: { completionItem: { snippetSupport: false, documentationFormat: ['markdown'] } },
    rename: { prepareSupport: true },
    definition: {},
    references: {},
    codeLens: {},
    documentSymbol: { hierarchicalDocumentSymbolSupport: true },
  },
};

/** A fresh copy of a fixture folder in a temp directory. */
export function copyFixture(name: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `privet-${name}-`));
  fs.cpSync(path.join(repoRoot(), 'server/test/fixtures', name), dir, { recursive: true });
  return fs.realpathSync(dir);
}

/** Applies a WorkspaceEdit's edits for `uri` (documentChanges or changes) to `text`. */
export function applyWorkspaceEdit(edit: WorkspaceEdit, uri: string, text: string): string {
  const edits: TextEdit[] = [];
  for (const change of edit.documentChanges ?? []) {
    if ('textDocument' in change && change.textDocument.uri === uri) edits.push(...change.edits.filter((e): e is TextEdit => 'range' in e));
  }
  edits.push(...(edit.changes?.[uri] ?? []));
  return TextDocument.applyEdits(TextDocument.create(uri, 'x', 0, text), edits);
}

/** The URIs a WorkspaceEdit touches. */
export function editedUris(edit: WorkspaceEdit): string[] {
  const out = new Set<string>(Object.keys(edit.changes ?? {}));
  for (const change of edit.documentChanges ?? []) if ('textDocument' in change) out.add(change.textDocument.uri);
  return [...out];
}

/** The 0-based position of the first occurrence of `needle` (plus `offset` characters) in `text`. */
export function positionOf(text: string, needle: string, offset = 0): { line: number; character: number } {
  const i = text.indexOf(needle);
  if (i < 0) throw new Error(`'${needle}' not found`);
  const doc = TextDocument.create('file:///x', 'x', 0, text);
  return doc.positionAt(i + offset);
}
