/**
 * The status-bar item: "$(shield) Privet: 12 calls · 3 errors · 5 warnings", spinning while the
 * server indexes the workspace, fed by the server's `privet/status` notification. A click opens
 * the Problems view, where the findings are.
 */
import * as vscode from 'vscode';
import type { StatusNotification } from '../../server/src/protocol';

/** What the item shows before the first `privet/status` and after the server stopped. */
type ServerState = 'starting' | 'running' | 'stopped';

/** `1 call`, `2 calls`. */
function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** The item's text for a status; exported for tests. */
export function formatStatusText(status: StatusNotification.Params): string {
  const icon = status.indexing ? '$(sync~spin)' : '$(shield)';
  const totals = [count(status.calls, 'call'), count(status.errors, 'error'), count(status.warnings, 'warning')].join(' · ');
  return `${icon} Privet: ${totals}`;
}

/** Owns the status-bar item; dispose to remove it. */
export class StatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private last: StatusNotification.Params | undefined;

  constructor() {
    this.item = vscode.window.createStatusBarItem('privet.status', vscode.StatusBarAlignment.Left, 0);
    this.item.name = 'Privet';
    this.setState('starting');
    this.item.show();
  }

  /** The last status the server sent, or undefined before the first one (used by the e2e tests). */
  get status(): StatusNotification.Params | undefined {
    return this.last;
  }

  /** Shows a `privet/status` notification. */
  update(status: StatusNotification.Params): void {
    this.last = status;
    this.item.text = formatStatusText(status);
    this.item.tooltip = this.tooltip(status);
    this.item.command = 'workbench.actions.view.problems';
  }

  /**
   * Shows the server's lifecycle. `running` keeps the last totals if there are any; `starting`
   * and `stopped` drop them, since a restarted server recounts from zero.
   */
  setState(state: ServerState): void {
    if (state === 'running') {
      if (this.last) return;
      this.item.text = '$(shield) Privet';
      this.item.tooltip = 'Privet is running; open a JavaScript or TypeScript file to check it.';
      this.item.command = 'workbench.actions.view.problems';
      return;
    }
    this.last = undefined;
    this.item.text = state === 'starting' ? '$(sync~spin) Privet' : '$(shield) Privet: stopped';
    this.item.tooltip =
      state === 'starting' ? 'Privet is starting…' : 'The Privet language server is not running. Click to show its output.';
    this.item.command = 'privet.showOutput';
  }

  dispose(): void {
    this.item.dispose();
  }

  private tooltip(status: StatusNotification.Params): vscode.MarkdownString {
    const md = new vscode.MarkdownString(undefined, true);
    // Only the init command may run from the tooltip's link.
    md.isTrusted = { enabledCommands: ['privet.init'] };
    md.appendMarkdown(`**Privet** — ${count(status.calls, 'tracking call')}, ${count(status.errors, 'error')}, ${count(status.warnings, 'warning')}`);
    if (status.indexing) md.appendMarkdown('\n\n$(sync~spin) Indexing the workspace…');
    if (status.manifests.length === 0) {
      md.appendMarkdown('\n\nNo `privacy.yaml` governs these files. [Create one from code](command:privet.init)');
    } else {
      md.appendMarkdown('\n\nManifests:');
      for (const manifest of status.manifests) md.appendMarkdown(`\n- \`${vscode.workspace.asRelativePath(manifest)}\``);
    }
    md.appendMarkdown('\n\nClick to open the Problems view.');
    return md;
  }
}
