/**
 * How the extension starts and talks to the language server: the bundled `dist/server.js`
 * over Node IPC, the documents it serves and the files it watches.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, type LanguageClientOptions, type ServerOptions, TransportKind } from 'vscode-languageclient/node';

/** The LanguageClient id; also the settings prefix, so `privet.trace.server` needs no code. */
export const clientId = 'privet';

/** The languages whose tracking calls are checked (always on `file:` documents). */
export const sourceLanguages = ['javascript', 'javascriptreact', 'typescript', 'typescriptreact'] as const;

/** The manifest, as a glob (`privacy.yaml` or `privacy.yml`, anywhere in the workspace). */
export const manifestGlob = '**/privacy.{yaml,yml}';

/**
 * Files whose changes on disk the server must hear about even when no editor has them open:
 * the manifest (every open file is re-checked), sources (the workspace index and wrapper
 * detection) and tsconfig files (module resolution of wrappers).
 */
export const watchedGlobs = [manifestGlob, '**/*.{js,jsx,mjs,cjs,ts,tsx,mts,cts}', '**/tsconfig.json'] as const;

/** The Node inspector port of the server when the extension runs in debug mode (F5). */
export const serverDebugPort = 6009;

/**
 * Creates (does not start) the client. The file watchers are added to
 * `context.subscriptions`, so they live as long as the extension, across server restarts.
 */
export function createLanguageClient(context: vscode.ExtensionContext, outputChannel: vscode.LogOutputChannel): LanguageClient {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: {
      module: serverModule,
      transport: TransportKind.ipc,
      options: { execArgv: ['--nolazy', `--inspect=${serverDebugPort}`] },
    },
  };

  const watchers = watchedGlobs.map((glob) => vscode.workspace.createFileSystemWatcher(glob));
  context.subscriptions.push(...watchers);

  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      ...sourceLanguages.map((language) => ({ scheme: 'file', language })),
      { scheme: 'file', pattern: manifestGlob },
    ],
    synchronize: { fileEvents: watchers },
    outputChannel,
  };

  return new LanguageClient(clientId, 'Privet', serverOptions, clientOptions);
}
