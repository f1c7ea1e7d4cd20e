/** Helpers shared by the e2e tests: the sample workspace, the extension API and `waitFor`. */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { PrivetApi } from '../../src/extension';

/** The extension's id (`publisher.name` in package.json). */
export const extensionId = 'privet.privet';

/**
 * The sample file with violations that the scenarios use (relative to the workspace, a copy of
 * samples/shop/web): `trackEvent('Order Completed', …)` with an undeclared property, GA4 calls
 * with forbidden categories, an identify with undeclared traits, a dynamic event name.
 */
export const checkoutPath = path.join('src', 'pages', 'Checkout.tsx');

/** A file in the temp copy of samples/shop/web that runTest.ts opened as the workspace. */
export function workspaceFile(relative: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('no workspace folder: runTest.ts opens a copy of samples/shop/web');
  return vscode.Uri.joinPath(folder.uri, ...relative.split(path.sep));
}

/** Activates the extension (idempotent) and returns its API. */
export async function activateExtension(): Promise<PrivetApi> {
  const extension = vscode.extensions.getExtension<PrivetApi>(extensionId);
  if (!extension) throw new Error(`extension ${extensionId} is not loaded`);
  return extension.activate();
}

/** Opens a file in an editor. */
export async function open(uri: vscode.Uri): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(uri);
  return vscode.window.showTextDocument(document);
}

/** Privet's diagnostics on a document. */
export function privetDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'privet');
}

/** The rule id of a diagnostic (`code` is `{ value, target }` when the rule has a docs link). */
export function ruleOf(diagnostic: vscode.Diagnostic): string {
  const code = diagnostic.code;
  return String(typeof code === 'object' && code !== null ? code.value : code);
}

export interface WaitOptions {
  timeoutMs?: number;
  intervalMs?: number;
}

/**
 * Polls `produce` until `condition` holds for its value, and returns that value. Never sleep a
 * fixed time in these tests: the server's timing varies with the machine. On timeout the error
 * shows the last value produced.
 */
export async function waitFor<T>(
  produce: () => T | Thenable<T>,
  condition: (value: T) => boolean,
  timeoutMsOrOptions: number | WaitOptions = {},
): Promise<T> {
  const { timeoutMs = 30_000, intervalMs = 100 } = typeof timeoutMsOrOptions === 'number' ? { timeoutMs: timeoutMsOrOptions } : timeoutMsOrOptions;
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  let lastError: unknown;
  for (;;) {
    try {
      last = await produce();
      if (condition(last)) return last;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const shown = lastError ? String(lastError) : JSON.stringify(last, undefined, 2)?.slice(0, 2000);
      throw new Error(`waitFor: condition not met after ${timeoutMs} ms; last value: ${shown}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** The text of hovers, flattened to one string. */
export function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n');
}
