/**
 * `privet/status`: the totals over the workspace after each check, and whether indexing runs.
 * The VS Code client shows them in the status bar.
 */
import type { Connection } from 'vscode-languageserver';
import { StatusNotification } from '../protocol';
import { fromPosix, type Workspace } from '../workspace';

/** The totals of the latest check of every folder. */
export function computeStatus(ws: Workspace): StatusNotification.Params {
  let calls = 0;
  let errors = 0;
  let warnings = 0;
  const manifests = new Set<string>();
  for (const { result } of ws.results()) {
    calls += result.output.calls.length;
    for (const f of result.output.findings) {
      if (f.suppressed) continue;
      if (f.severity === 'error') errors++;
      else if (f.severity === 'warning') warnings++;
    }
    for (const m of result.output.manifests) manifests.add(fromPosix(m));
  }
  return { calls, errors, warnings, indexing: ws.indexing, manifests: [...manifests].sort() };
}

/** Sends `privet/status` when the totals changed since the last one sent. */
export class StatusReporter {
  private last = '';

  constructor(
    private readonly connection: Connection,
    private readonly ws: Workspace,
  ) {}

  send(): void {
    const status = computeStatus(this.ws);
    const key = JSON.stringify(status);
    if (key === this.last) return;
    this.last = key;
    void this.connection.sendNotification(StatusNotification.method, status);
  }
}
