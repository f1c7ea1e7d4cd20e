/** E2E: hovering a tracking call shows what the manifest says about it. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, checkoutPath, hoverText, open, privetDiagnostics, waitFor, workspaceFile } from './helpers';

suite('e2e: hover', () => {
  suiteSetup(async () => {
    await activateExtension();
  });

  test('hover on a trackEvent call in src/pages/Checkout.tsx', async () => {
    const uri = workspaceFile(checkoutPath);
    const editor = await open(uri);
    // Diagnostics mean the server has analysed the file.
    await waitFor(() => privetDiagnostics(uri), (d) => d.length > 0, 60_000);

    const text = editor.document.getText();
    // The sample's wrapper: `trackEvent('Order Completed', { … })` (src/lib/analytics.ts sends it
    // with analytics.track). The mouse goes over the event name, as a person reads the call.
    const call = /\btrackEvent\s*\(\s*(['"])([^'"]+)\1/.exec(text);
    assert.ok(call, `no trackEvent call with a literal event name in ${checkoutPath}`);
    const event = call[2];
    const position = editor.document.positionAt(call.index + call[0].indexOf(event) + 1);

    const hovers = await waitFor(
      () => vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position),
      (h) => /purpose|destination|consent|declared|privacy\.yaml/i.test(hoverText(h ?? [])),
      30_000,
    );
    const shown = hoverText(hovers);
    assert.ok(shown.includes(event) || /purpose|declared/i.test(shown), `hover does not describe '${event}':\n${shown}`);
  });
});
