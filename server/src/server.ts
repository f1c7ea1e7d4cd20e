/**
 * The language server: capabilities and short handlers over the workspace index and the feature
 * files. Runtime-neutral: `node/main.ts` and `node/stdio.ts` create the connection and pass it in,
 * the tests pass an in-process one.
 */
import {
  type CancellationToken,
  CodeActionKind,
  CodeLensRefreshRequest,
  type Connection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  type InitializeParams,
  type InitializeResult,
  TextDocuments,
  TextDocumentSyncKind,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { buildDataFlowGraph } from './core/services/dataFlow';
import { DataFlowGraphRequest, InitRequest } from './protocol';
import { DiagnosticsPublisher } from './diagnostics';
import { type RuntimeEnvironment, runSafeAsync } from './runner';
import { SettingsStore } from './settings';
import { type DocumentContext, Workspace, isManifestPath, uriToPath } from './workspace';
import { codeActions, type EditSupport, fixAllEdit, fixAllKind } from './features/codeActions';
import { completion, completionTriggerCharacters, completionTriggersInCode } from './features/completion';
import { hover } from './features/hover';
import { codeLenses, definition, documentSymbols, prepareRename, references, rename, workspaceSymbols } from './features/navigation';
import { StatusReporter } from './features/status';

export type { RuntimeEnvironment } from './runner';

/** Files the server asks clients that support it to watch (the VS Code client watches the same). */
const watchedGlobs = ['**/privacy.{yaml,yml}', '**/*.{js,jsx,mjs,cjs,ts,tsx,mts,cts}', '**/{tsconfig,jsconfig}.json'];

/** Wires a connection to the Privet services and starts listening. */
export function startServer(connection: Connection, runtime: RuntimeEnvironment): void {
  const documents = new TextDocuments(TextDocument);
  const settings = new SettingsStore(connection);
  const publisher = new DiagnosticsPublisher(connection, documents);
  const ws = new Workspace(connection, documents, settings, publisher, runtime);
  const status = new StatusReporter(connection, ws);
  const edits: EditSupport = { documentChanges: false };
  let initialFolders: { uri: string; name: string }[] = [];
  let client = { folders: false, watchRegistration: false, configurationRegistration: false, codeLensRefresh: false, resolveEdit: false };
  let lensKey = '';

  ws.onStatus = () => {
    status.send();
    // Code lenses count call sites all over the workspace: ask the client to re-read them when counts move.
    if (!client.codeLensRefresh) return;
    const counts = new Map<string, number>();
    for (const { result } of ws.results()) for (const c of result.output.calls) if (c.event !== null) counts.set(c.event, (counts.get(c.event) ?? 0) + 1);
    const key = JSON.stringify([...counts].sort());
    if (key === lensKey) return;
    lensKey = key;
    void connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
  };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const caps = params.capabilities;
    settings.supportsConfiguration = caps.workspace?.configuration === true;
    edits.documentChanges = caps.workspace?.workspaceEdit?.documentChanges === true;
    client = {
      folders: caps.workspace?.workspaceFolders === true,
      watchRegistration: caps.workspace?.didChangeWatchedFiles?.dynamicRegistration === true,
      configurationRegistration: caps.workspace?.didChangeConfiguration?.dynamicRegistration === true,
      codeLensRefresh: caps.workspace?.codeLens?.refreshSupport === true,
      resolveEdit: caps.textDocument?.codeAction?.resolveSupport?.properties.includes('edit') === true,
    };
    initialFolders = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: params.rootUri }] : []);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, fixAllKind], resolveProvider: client.resolveEdit },
        hoverProvider: true,
        completionProvider: { triggerCharacters: completionTriggerCharacters },
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: caps.textDocument?.rename?.prepareSupport ? { prepareProvider: true } : true,
        codeLensProvider: { resolveProvider: false },
        documentSymbolProvider: true,
        workspaceSymbolProvider: true,
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'privet' },
    };
  });

  connection.onInitialized(() => {
    if (client.configurationRegistration) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'privet' });
    if (client.watchRegistration) void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: watchedGlobs.map((globPattern) => ({ globPattern })) });
    if (client.folders) {
      connection.workspace.onDidChangeWorkspaceFolders((e) => {
        ws.removeFolders(e.removed);
        void ws.addFolders(e.added);
      });
    }
    void ws.addFolders(initialFolders);
  });

  documents.onDidChangeContent((e) => ws.documentChanged(e.document));
  documents.onDidClose((e) => ws.documentClosed(e.document));
  connection.onDidChangeWatchedFiles((params) => void ws.watchedFilesChanged(params.changes));
  connection.onDidChangeConfiguration((params) => {
    settings.changed(params);
    void ws.settingsChanged();
  });

  /** A request about one document: safe, cancellable, answered from its fresh context (`fallback` without one). */
  const withContext = <R>(uri: string, token: CancellationToken, what: string, fallback: R, compute: (ctx: DocumentContext) => R) =>
    runSafeAsync<R, void>(runtime, async () => {
      const ctx = await ws.context(uri);
      return ctx ? compute(ctx) : fallback;
    }, fallback, `Error while ${what} in ${uri}`, token);

  connection.onHover((p, token) => withContext(p.textDocument.uri, token, 'computing hover', null, (ctx) => hover(ctx, p.position)));
  connection.onCompletion((p, token) => {
    // Space, `[` and `,` trigger completion for YAML values; in code they would only force a check.
    const trigger = p.context?.triggerCharacter;
    if (trigger && !completionTriggersInCode.includes(trigger) && !isManifestPath(uriToPath(p.textDocument.uri) ?? '')) return null;
    return withContext(p.textDocument.uri, token, 'computing completions', null, (ctx) => completion(ctx, p.position, ctx.folder.result?.output.calls ?? []));
  });
  connection.onDefinition((p, token) => withContext(p.textDocument.uri, token, 'finding the definition', null, (ctx) => definition(ws, ctx, p.position)));
  connection.onReferences((p, token) => withContext(p.textDocument.uri, token, 'finding references', [], (ctx) => references(ws, ctx, p.position, p.context.includeDeclaration)));
  connection.onPrepareRename((p, token) => withContext(p.textDocument.uri, token, 'preparing a rename', null, (ctx) => prepareRename(ws, ctx, p.position)));
  connection.onRenameRequest((p, token) => withContext(p.textDocument.uri, token, 'renaming', null, (ctx) => rename(ws, ctx, p.position, p.newName, edits)));
  connection.onCodeLens((p, token) => withContext(p.textDocument.uri, token, 'computing code lenses', [], (ctx) => codeLenses(ws, ctx)));
  connection.onDocumentSymbol((p, token) => withContext(p.textDocument.uri, token, 'computing symbols', [], (ctx) => documentSymbols(ctx)));

  connection.onWorkspaceSymbol((params, token) =>
    runSafeAsync(runtime, async () => {
      await ws.whenAllFresh();
      return workspaceSymbols(ws, params.query);
    }, [], 'Error while computing workspace symbols', token),
  );

  connection.onCodeAction((params, token) =>
    runSafeAsync(runtime, () => codeActions(ws, params, () => publisher.get(params.textDocument.uri), edits, client.resolveEdit), [], `Error while computing code actions for ${params.textDocument.uri}`, token),
  );

  connection.onCodeActionResolve(async (action) => {
    const uri = (action.data as { uri?: string } | undefined)?.uri;
    if (action.kind !== fixAllKind || !uri) return action;
    try {
      const ctx = await ws.context(uri);
      action.edit = (ctx && (await fixAllEdit(ws, ctx, edits))) ?? { changes: {} };
    } catch (e) {
      console.error(`Error while fixing all problems in ${uri}: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
      action.edit = { changes: {} };
    }
    return action;
  });

  connection.onRequest(InitRequest.method, (params: InitRequest.Params, token) =>
    runSafeAsync(runtime, () => ws.draftManifest(params.folderUri), { path: '', created: false, text: '' }, 'Error while drafting privacy.yaml', token),
  );

  connection.onRequest(DataFlowGraphRequest.method, (params: DataFlowGraphRequest.Params, token) =>
    runSafeAsync(runtime, async (): Promise<DataFlowGraphRequest.Result> => {
      const { calls, findings, manifests, root } = await ws.dataFlowInputs(params.uri);
      return buildDataFlowGraph(calls, findings, manifests, { root });
    }, null, 'Error while building the data-flow graph', token),
  );

  connection.onShutdown(() => ws.dispose());

  documents.listen(connection);
  connection.listen();
}
