/**
 * Extension entry point: wires the language client, the commands and the status bar together.
 * Everything else lives in its own file (languageClient.ts, commands.ts, statusBar.ts,
 * dataFlowPanel.ts).
 */
import * as vscode from 'vscode';
import { type LanguageClient, State } from 'vscode-languageclient/node';
import { StatusNotification } from '../../server/src/protocol';
import { registerCommands } from './commands';
import { createLanguageClient } from './languageClient';
import { StatusBar } from './statusBar';
import { notifyDataFlowStatus, registerDataFlowPanel } from './dataFlowPanel';

/** What `activate` returns (`extensions.getExtension('privet.privet').exports`), for the e2e tests. */
export interface PrivetApi {
  readonly client: LanguageClient;
  /** The last `privet/status` the server sent, if any. */
  status(): StatusNotification.Params | undefined;
}

let client: LanguageClient | undefined;

/** Starts the language server and registers the commands and the status bar. */
export async function activate(context: vscode.ExtensionContext): Promise<PrivetApi> {
  const outputChannel = vscode.window.createOutputChannel('Privet', { log: true });
  context.subscriptions.push(outputChannel);

  const languageClient = createLanguageClient(context, outputChannel);
  client = languageClient;
  const statusBar = new StatusBar();
  context.subscriptions.push(
    statusBar,
    // Handlers registered before start() survive restarts.
    languageClient.onNotification(StatusNotification.method, (params: StatusNotification.Params) => {
      statusBar.update(params);
      notifyDataFlowStatus(params);
    }),
    // Restores the data-flow panel after a reload (webview serializer).
    registerDataFlowPanel(context, languageClient),
    languageClient.onDidChangeState(({ newState }) =>
      statusBar.setState(newState === State.Running ? 'running' : newState === State.Starting ? 'starting' : 'stopped'),
    ),
  );
  // Commands first, so "Restart Server" and "Show Output" work even if the server fails to start.
  registerCommands({ extension: context, client: languageClient });

  try {
    await languageClient.start();
  } catch (error) {
    // The client has already logged the failure to the output channel; stay active for a restart.
    statusBar.setState('stopped');
    outputChannel.error(`Privet language server failed to start: ${error instanceof Error ? error.message : String(error)}`);
  }
  return { client: languageClient, status: () => statusBar.status };
}

/** Stops the language server (VS Code waits for the returned promise). */
export async function deactivate(): Promise<void> {
  const running = client;
  client = undefined;
  if (running?.needsStop()) await running.stop();
}
