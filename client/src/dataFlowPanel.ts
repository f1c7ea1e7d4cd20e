/**
 * Placeholder for the data-flow map webview (`privet.showDataFlow`); the real panel replaces
 * this file and keeps the `showDataFlowPanel` signature.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

/** Shows the data-flow map of the workspace (not implemented yet). */
export function showDataFlowPanel(_context: vscode.ExtensionContext, _client: LanguageClient): void {
  void vscode.window.showInformationMessage('Data-flow map: coming soon');
}
