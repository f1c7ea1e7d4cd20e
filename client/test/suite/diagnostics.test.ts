/** E2E: the server publishes diagnostics for the sample with violations. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, checkoutPath, open, privetDiagnostics, ruleOf, waitFor, workspaceFile } from './helpers';

suite('e2e: diagnostics', () => {
  suiteSetup(async () => {
    await activateExtension();
  });

  test('violations in src/pages/Checkout.tsx are reported, each with a rule id and a docs link', async () => {
    const uri = workspaceFile(checkoutPath);
    await open(uri);
    const diagnostics = await waitFor(() => privetDiagnostics(uri), (d) => d.length > 0, 60_000);
    for (const d of diagnostics) {
      assert.match(ruleOf(d), /^[a-z]+(-[a-z]+)*$/, `rule id of "${d.message}"`);
      const code = d.code;
      assert.ok(typeof code === 'object' && code !== null && code.target instanceof vscode.Uri, `"${d.message}" has no codeDescription link`);
    }
  });
});
