/**
 * `Privet: Show Data-Flow Map` from the command palette: the panel draws the graph (code →
 * events → categories → purposes → destinations); clicking a node opens the code at its first
 * call site; the node's call sites are listed, and clicking one opens the file at that call.
 */
import * as assert from 'node:assert/strict';
import { closeAllEditors, parkMouse, runCommand, screenshot, session, waitFor } from './workbench.mjs';

/** The line number the editor showing `name` highlights as the cursor's line. */
async function activeLineOf(name) {
  const page = session.page;
  const group = page.locator('.editor-group-container', { has: page.locator('.tab.active .label-name', { hasText: name }) });
  if ((await group.count()) === 0) return '';
  return group
    .locator('.monaco-editor')
    .first()
    .evaluate((e) => e.querySelector('.margin-view-overlays .line-numbers.active-line-number')?.textContent?.trim() ?? '');
}

describe('the data-flow map', function () {
  before(closeAllEditors);
  after(closeAllEditors);

  it('renders the graph, and a click on a node or a call site opens the code', async function () {
    const page = session.page;
    await runCommand('Privet: Show Data-Flow Map');
    // The webview is an iframe (VS Code's host page) holding an iframe (the panel's page).
    const view = page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
    const nodes = view.locator('svg.map g.node');
    await nodes.first().waitFor({ state: 'visible', timeout: 60_000 });
    for (const layer of ['code', 'event', 'category', 'purpose', 'destination']) {
      assert.ok((await view.locator(`svg.map g.node.layer-${layer}`).count()) > 0, `no ${layer} node drawn`);
    }
    const labels = await nodes.evaluateAll((gs) => gs.map((g) => g.getAttribute('aria-label') ?? ''));
    for (const expected of ['Order Completed', 'Checkout.tsx', 'user.contact.email', 'product-analytics', 'segment']) {
      assert.ok(labels.some((l) => l.includes(expected)), `no node for '${expected}': ${labels.join(' | ')}`);
    }
    assert.ok((await view.locator('svg.map g.edge').count()) > 0, 'no edge drawn');
    await screenshot('data-flow-map');

    // A click on the code node of Checkout.tsx opens the file at its first call, beside the map.
    const checkout = view.locator('svg.map g.node.layer-code', { hasText: 'Checkout' }).first();
    await checkout.click();
    const firstLine = await waitFor('Checkout.tsx to open at a call', () => activeLineOf('Checkout.tsx'), (l) => Number(l) > 0);
    await screenshot('data-flow-map-node-opened');

    // The node's call sites, listed in the details pane (given the room to show it), each opens its call.
    await page.locator('.editor-group-container', { has: page.locator('.tab .label-name', { hasText: 'Data-Flow Map' }) }).first().click({ position: { x: 100, y: 15 } });
    await parkMouse();
    await runCommand('View: Toggle Maximize Editor Group');
    const sites = view.locator('.details button.site');
    await sites.first().waitFor({ state: 'visible' });
    const where = await sites.locator('.where').allInnerTexts();
    assert.ok(where.length >= 3 && where.every((w) => /^src\/pages\/Checkout\.tsx:\d+:\d+$/.test(w)), `the call sites of Checkout.tsx: ${where.join(', ')}`);
    assert.equal(Number(/:(\d+):\d+$/.exec(where[0])[1]), Number(firstLine), 'the node opened its first call site');
    const last = where.length - 1;
    const lastLine = /:(\d+):\d+$/.exec(where[last])[1];
    await screenshot('data-flow-map-call-sites');
    await sites.nth(last).click();
    await waitFor(`Checkout.tsx at line ${lastLine}`, () => activeLineOf('Checkout.tsx'), (l) => l === lastLine);
    await screenshot('data-flow-map-site-opened');
  });
});
