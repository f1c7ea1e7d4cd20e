/**
 * The status bar shows the workspace's totals — the same the CLI counts on the same files — and
 * a click on it opens the Problems view.
 */
import * as assert from 'node:assert/strict';
import { cliCheck, closeAllEditors, closePanel, firstResultTimeoutMs, quickOpen, screenshot, session, statusBarTexts, waitFor } from './workbench.mjs';

const statusPattern = /Privet: (\d+) calls? · (\d+) errors? · (\d+) warnings?/;

describe('the status bar', function () {
  before(closeAllEditors);
  after(closePanel);

  it('shows the counts of tracking calls, errors and warnings, and opens the Problems view', async function () {
    const expected = cliCheck().summary;
    await quickOpen('src/pages/Checkout.tsx');
    const text = await waitFor(
      `the Privet status item to show ${expected.calls} calls · ${expected.errors} errors · ${expected.warnings} warnings`,
      async () => (await statusBarTexts()).find((t) => statusPattern.test(t)) ?? '',
      (t) => {
        const m = statusPattern.exec(t);
        return !!m && Number(m[1]) === expected.calls && Number(m[2]) === expected.errors && Number(m[3]) === expected.warnings;
      },
      { timeout: firstResultTimeoutMs },
    );
    assert.ok(expected.calls > 0, 'the sample has tracking calls');

    const item = session.page.locator('.statusbar-item', { hasText: statusPattern });
    await item.hover();
    const tooltip = session.page.locator('.monaco-hover, .workbench-hover').filter({ hasText: 'Manifests' }).first();
    await tooltip.waitFor({ state: 'visible' });
    const tip = await tooltip.innerText();
    assert.match(tip, /privacy\.yaml/, `the tooltip names the manifest:\n${tip}`);
    await screenshot('status-bar');

    await item.click();
    await session.page.locator('.markers-panel').waitFor({ state: 'visible' });
    assert.ok(text.startsWith('Privet:') || text.includes('Privet:'), text);
  });
});
