/**
 * Typing a tracking call of an undeclared event: the finding appears while the file is still
 * unsaved (the server checks the editor's text, not the disk).
 */
import * as assert from 'node:assert/strict';
import {
  closeAllEditors,
  closePanel,
  goTo,
  lineText,
  locate,
  openProblems,
  filterProblems,
  problemRows,
  quickOpen,
  readWorkspaceFile,
  screenshot,
  session,
  squigglesUnder,
  waitFor,
  waitForFindings,
} from './workbench.mjs';

const file = 'src/pages/Checkout.tsx';
const typed = "trackEvent('Brand New Event', { foo: 1 });";

describe('typing a new tracking call', function () {
  before(closeAllEditors);
  after(async () => {
    await closePanel();
    await closeAllEditors();
  });

  it('reports the undeclared event without saving', async function () {
    const page = session.page;
    const onDisk = readWorkspaceFile(file);
    await quickOpen(file);
    await waitForFindings(file);

    const end = locate(file, '});', { after: "trackEvent('Order Completed'" });
    await goTo(end.line, end.column + 3);
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    // Typed key by key: the editor closes quotes and braces, and typing the closer steps over it.
    await page.keyboard.type(typed, { delay: 20 });
    await page.keyboard.press('Escape'); // any suggest widget
    const line = end.line + 1;
    const shown = await waitFor('the typed line', () => lineText(line), (t) => t?.trim() === typed);
    const column = shown.indexOf("'Brand New Event'") + 1;

    await waitFor(
      "a squiggle under 'Brand New Event'",
      () => squigglesUnder(line, column, "'Brand New Event'".length, "'Brand New Event'"),
      (s) => s.includes('error') || s.includes('warning'),
    );
    await openProblems();
    await filterProblems('Brand New Event');
    const rows = await waitFor('an undeclared-event row in the Problems view', problemRows, (rows) =>
      rows.some((r) => r.includes('undeclared-event') && r.includes('Brand New Event') && r.includes(`[Ln ${line}, Col ${column}]`)),
    );
    assert.ok(rows.length > 0);
    assert.equal(await page.locator('.editor-group-container.active .tab.active.dirty').count(), 1, 'the file is unsaved');
    assert.equal(readWorkspaceFile(file), onDisk, 'nothing was written to disk');
    await screenshot('typing');
    await filterProblems('');
  });
});
