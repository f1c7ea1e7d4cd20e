/**
 * Completion inside the event-name argument of a tracking call offers the events privacy.yaml
 * declares.
 */
import * as assert from 'node:assert/strict';
import { parse } from 'yaml';
import { closeAllEditors, goTo, lineText, locate, quickOpen, readWorkspaceFile, screenshot, session, waitFor, waitForFindings } from './workbench.mjs';

const file = 'src/pages/Checkout.tsx';

describe('completion of event names', function () {
  before(closeAllEditors);
  after(closeAllEditors);

  it('offers the declared events inside trackEvent(', async function () {
    const declared = Object.keys(parse(readWorkspaceFile('privacy.yaml')).events);
    const page = session.page;
    await quickOpen(file);
    await waitForFindings(file);

    // A new line after the first call's closing `});`.
    const end = locate(file, '});', { after: "trackEvent('Order Completed'" });
    await goTo(end.line, end.column + 3);
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.type("trackEvent('", { delay: 30 });
    await waitFor('the typed text', () => lineText(end.line + 1), (t) => /^\s*trackEvent\('/.test(t ?? ''));
    await page.keyboard.press('Control+Space');

    const widget = page.locator('.editor-widget.suggest-widget.visible');
    const labels = await waitFor(
      'the suggest widget with declared events',
      async () => {
        if (!(await widget.isVisible())) return [];
        return (await widget.locator('.monaco-list-row').allInnerTexts()).map((t) => t.split('\n')[0].trim());
      },
      (labels) => labels.some((l) => l.includes('Order Completed')),
    );
    const notDeclared = labels.filter((l) => !declared.some((d) => l.includes(d)));
    assert.deepEqual(notDeclared, [], `offered names that privacy.yaml does not declare: ${notDeclared.join(', ')}`);
    assert.ok(labels.length >= 3, `only ${labels.length} events offered: ${labels.join(', ')}`);
    await screenshot('completion');
    await page.keyboard.press('Escape');
  });
});
