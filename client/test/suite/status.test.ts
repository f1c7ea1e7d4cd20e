/** E2E: commands are registered, the status bar gets `privet/status`, and restart works. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, checkoutPath, extensionId, open, privetDiagnostics, waitFor, workspaceFile } from './helpers';

suite('e2e: commands and status', () => {
  test('every contributed command is registered', async () => {
    await activateExtension();
    const contributed: { command: string }[] = vscode.extensions.getExtension(extensionId)?.packageJSON.contributes.commands ?? [];
    assert.ok(contributed.length > 0);
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const { command } of contributed) assert.ok(registered.has(command), `${command} is not registered`);
  });

  test('the status bar receives privet/status with the sample\'s totals', async () => {
    const api = await activateExtension();
    await open(workspaceFile(checkoutPath));
    const status = await waitFor(
      () => api.status(),
      (s) => s !== undefined && !s.indexing && s.calls > 0,
      60_000,
    );
    assert.ok(status);
    assert.ok(status.errors + status.warnings > 0, `expected findings in ${checkoutPath}: ${JSON.stringify(status)}`);
    assert.ok(status.manifests.some((m) => /privacy\.ya?ml$/.test(m)), `no manifest in ${JSON.stringify(status.manifests)}`);
  });

  test('Privet: Restart Server brings diagnostics back', async () => {
    const api = await activateExtension();
    const uri = workspaceFile(checkoutPath);
    await open(uri);
    await waitFor(() => privetDiagnostics(uri), (d) => d.length > 0, 60_000);
    await vscode.commands.executeCommand('privet.restartServer');
    await waitFor(() => api.client.isRunning(), (running) => running, 30_000);
    await waitFor(() => privetDiagnostics(uri), (d) => d.length > 0, 60_000);
  });

  test('Privet: Show Data-Flow Map runs', async () => {
    await activateExtension();
    await vscode.commands.executeCommand('privet.showDataFlow');
  });
});
