/**
 * The language server: capabilities and short handlers over the workspace index and the feature
 * files. Runtime-neutral: `node/main.ts` and `node/stdio.ts` create the connection and pass it in,
 * the tests pass an in-process one.
 */
import {
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
import { Workspace, isManifestPath, uriToPath } from './workspace';
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

  connection.onHover((params, token) =>
    runSafeAsync(runtime, async () => {
      const ctx = await ws.context(params.textDocument.uri);
      return ctx && hover(ctx, params.position);
    }, null, `Error while computing hover for ${params.textDocument.uri}`, token),
  );

  connection.onCompletion((params, token) =>
    runSafeAsync(runtime, async () => {
      // Space, `[` and `,` trigger completion for YAML values; in code they would only force a check.
      const trigger = params.context?.triggerCharacter;
      if (trigger && !completionTriggersInCode.includes(trigger) && !isManifestPath(uriToPath(params.textDocument.uri) ?? '')) return null;
      const ctx = await ws.context(params.textDocument.uri);
      return ctx && completion(ctx, params.position, ctx.folder.result?.output.calls ?? []);
    }, null, `Error while computing completions for ${params.textDocument.uri}`, token),
  );

  connection.onDefinition((params, token) =>
    runSafeAsync(runtime, async () => {
      const ctx = await ws.context(params.textDocument.uri);
      return ctx && definition(ws, ctx, params.position);
    }, null, `Error while computing the definition for ${params.textDocument.uri}`, token),
  );

  connection.onReferences((params, token) =>
    runSafeAsync(runtime, async () => {
      const ctx = await ws.context(params.textDocument.uri);
      return ctx ? references(ws, ctx, params.position, params.context.includeDeclaration) : [];
    }, [], `Error while finding references in ${params.textDocument.uri}`, token),
  );

  connection.onPrepareRename((params, token) =>
    runSafeAsync(runtime, async () => {
      const ctx = await ws.context(params.textDocument.uri);
      return ctx && prepareRename(ws, ctx, params.position);
    }, null, `Error while preparing a rename in ${params.textDocument.uri}`, token),
  );

  connection.onRenameRequest((params, token) =>
    runSafeAsync(runtime, async () => {
      const ctx = await ws.context(params.textDocument.uri);
      return ctx && rename(ws, ctx, params.position, params.newName, edits);
    }, null, `Error while renaming in ${params.textDocument.uri}`, token),
  );

  connection.onCodeLens((params, token) =>
    runSafeAsync(runtime, async () => {
      const ctx = await ws.context(params.textDocument.uri);
      return ctx ? codeLenses(ctx) : [];
    }, [], `Error while computing code lenses for ${params.textDocument.uri}`, token),
  );

  connection.onDocumentSymbol((params, token) =>
    runSafeAsync(runtime, async () => {
      const ctx = await ws.context(params.textDocument.uri);
      return ctx ? documentSymbols(ctx) : [];
    }, [], `Error while computing symbols for ${params.textDocument.uri}`, token),
  );

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
