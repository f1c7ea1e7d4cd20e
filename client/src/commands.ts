/**
 * The command registry: every `privet.*` command the extension contributes, id -> handler.
 * `package.json` `contributes.commands` lists the same ids (checked by architecture.test.ts).
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { InitRequest } from '../../server/src/protocol';
import { showDataFlowPanel } from './dataFlowPanel';

/** What a command handler may use. */
export interface CommandContext {
  extension: vscode.ExtensionContext;
  client: LanguageClient;
}

type CommandFactory = (ctx: CommandContext) => (...args: unknown[]) => unknown;

/** id -> handler factory. */
const commands: Record<string, CommandFactory> = {
  'privet.restartServer': (ctx) => () => ctx.client.restart(),
  'privet.init': (ctx) => (folder?: unknown) => createManifestFromCode(ctx, folder instanceof vscode.Uri ? folder : undefined),
  'privet.showDataFlow': (ctx) => () => showDataFlowPanel(ctx.extension, ctx.client),
  'privet.showOutput': (ctx) => () => ctx.client.outputChannel.show(true),
  // Code lens "4 call sites" in privacy.yaml: peek the call sites of the event.
  'privet.showReferences': () => (uri: unknown, position: unknown, locations: unknown) => showReferences(uri, position, locations),
};

interface PlainRange {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

/** Shows plain LSP locations (from a code lens) in VS Code's references peek. */
async function showReferences(uri: unknown, position: unknown, locations: unknown): Promise<void> {
  if (typeof uri !== 'string' || !Array.isArray(locations)) return;
  const p = position as { line?: unknown; character?: unknown } | undefined;
  if (typeof p?.line !== 'number' || typeof p.character !== 'number') return;
  const range = (r: PlainRange) => new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
  const locs = (locations as { uri?: unknown; range?: PlainRange }[])
    .filter((l): l is { uri: string; range: PlainRange } => typeof l.uri === 'string' && !!l.range)
    .map((l) => new vscode.Location(vscode.Uri.parse(l.uri), range(l.range)));
  await vscode.commands.executeCommand('editor.action.showReferences', vscode.Uri.parse(uri), new vscode.Position(p.line, p.character), locs);
}

/** The ids of all registered commands. */
export const commandIds: readonly string[] = Object.keys(commands);

/** Registers every command; the registrations are disposed with the extension. */
export function registerCommands(ctx: CommandContext): void {
  for (const [id, factory] of Object.entries(commands)) {
    ctx.extension.subscriptions.push(vscode.commands.registerCommand(id, factory(ctx)));
  }
}

/**
 * `privet.init`: asks the server to draft a manifest from the tracking calls in a folder (the
 * explorer folder it was invoked on, else the workspace folder), writes it with `workspace.fs`
 * unless a file is there (then asks first) and opens it.
 */
async function createManifestFromCode(ctx: CommandContext, folder: vscode.Uri | undefined): Promise<void> {
  folder ??= (await pickWorkspaceFolder())?.uri;
  if (!folder) {
    void vscode.window.showErrorMessage('Privet: open a folder first; privacy.yaml is drafted from the code in it.');
    return;
  }
  const targetFolder = folder;

  let result: InitRequest.Result;
  try {
    result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Privet: drafting privacy.yaml from tracking calls…' },
      () => ctx.client.sendRequest<InitRequest.Result>(InitRequest.method, { folderUri: targetFolder.toString() } satisfies InitRequest.Params),
    );
  } catch (error) {
    void vscode.window.showErrorMessage(`Privet: could not draft privacy.yaml: ${error instanceof Error ? error.message : String(error)}`);
    return;
  }

  const target = vscode.Uri.file(result.path);
  // The server's `created` may be stale by now; the file system decides.
  if (await exists(target)) {
    const choice = await vscode.window.showWarningMessage(
      `${vscode.workspace.asRelativePath(target)} already exists. Replace it with a manifest drafted from the code?`,
      { modal: true },
      'Replace',
      'Open Existing',
    );
    if (choice === 'Open Existing') await vscode.window.showTextDocument(target);
    if (choice !== 'Replace') return;
  }
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(result.text));
  await vscode.window.showTextDocument(target);
}

/** The only workspace folder, or the one the user picks; undefined when there is none. */
async function pickWorkspaceFolder(): Promise<vscode.WorkspaceFolder | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length <= 1) return folders[0];
  return vscode.window.showWorkspaceFolderPick({ placeHolder: 'Folder to draft privacy.yaml for' });
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
