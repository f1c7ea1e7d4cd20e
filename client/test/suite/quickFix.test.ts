/** E2E: the "declare it" quick fix edits privacy.yaml and the diagnostic goes away. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, checkoutPath, open, privetDiagnostics, ruleOf, waitFor, workspaceFile } from './helpers';

suite('e2e: quick fix', () => {
  /** Files the fix touched, with their contents before, restored in teardown. */
  const originals = new Map<string, Uint8Array>();

  suiteSetup(async () => {
    await activateExtension();
  });

  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const [uri, content] of originals) await vscode.workspace.fs.writeFile(vscode.Uri.parse(uri), content);
    originals.clear();
  });

  test('declaring an undeclared property removes the diagnostic', async () => {
    const uri = workspaceFile(checkoutPath);
    await open(uri);
    const diagnostics = await waitFor(
      () => privetDiagnostics(uri),
      (d) => d.some((x) => ruleOf(x) === 'undeclared-property'),
      60_000,
    );
    const target = diagnostics.find((x) => ruleOf(x) === 'undeclared-property');
    assert.ok(target);

    const actions = await waitFor(
      () => vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, target.range, vscode.CodeActionKind.QuickFix.value),
      (a) => (a ?? []).some((x) => /declare/i.test(x.title)),
      30_000,
    );
    const fix = actions.find((x) => /declare/i.test(x.title) && x.isPreferred) ?? actions.find((x) => /declare/i.test(x.title));
    assert.ok(fix, `no "declare" fix among: ${actions.map((a) => a.title).join(', ')}`);

    if (fix.edit) {
      for (const [changed] of fix.edit.entries()) {
        try {
          originals.set(changed.toString(), await vscode.workspace.fs.readFile(changed));
        } catch {
          originals.set(changed.toString(), new Uint8Array());
        }
      }
      assert.ok(await vscode.workspace.applyEdit(fix.edit), 'the workspace edit was not applied');
    }
    if (fix.command) await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments ?? []));
    await vscode.workspace.saveAll(false);

    await waitFor(
      () => privetDiagnostics(uri),
      (d) => !d.some((x) => ruleOf(x) === ruleOf(target) && x.range.isEqual(target.range) && x.message === target.message),
      30_000,
    );
  });
});
