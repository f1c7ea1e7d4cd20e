/**
 * The quick fix that declares a property: Ctrl+. on `coupon`, choose "Declare property
 * 'coupon'…": privacy.yaml on disk gains the property, every comment in it survives, and the
 * squiggle under `coupon` goes away.
 */
import * as assert from 'node:assert/strict';
import { parse } from 'yaml';
import { activeTabTitle, closeAllEditors, parkMouse, firstResultTimeoutMs, goTo, locate, quickOpen, readWorkspaceFile, saveTab, screenshot, session, squigglesUnder, waitFor } from './workbench.mjs';

const file = 'src/pages/Checkout.tsx';

/** Every comment of a YAML text, in order: the `#…` part of each line that has one. */
function comments(text) {
  return text
    .split('\n')
    .map((line) => /(?:^|\s)(#.*)$/.exec(line)?.[1])
    .filter((c) => c !== undefined);
}

describe('the quick fix that declares a property', function () {
  before(closeAllEditors);
  after(closeAllEditors);

  it("declares 'coupon' in privacy.yaml, keeps its comments, and clears the squiggle", async function () {
    const page = session.page;
    const before = readWorkspaceFile('privacy.yaml');
    assert.equal(parse(before).events['Order Completed'].properties.coupon, undefined, 'coupon starts undeclared');
    const beforeComments = comments(before);
    assert.ok(beforeComments.length >= 5, 'the sample manifest has comments');

    await quickOpen(file);
    const coupon = locate(file, 'coupon', { after: "trackEvent('Order Completed'" });
    await waitFor('the squiggle under coupon', () => squigglesUnder(coupon.line, coupon.column, coupon.length, 'coupon'), (s) => s.includes('error'), {
      timeout: firstResultTimeoutMs,
    });

    await goTo(coupon.line, coupon.column + 1);
    const menu = page.locator('.action-widget');
    const title = "Declare property 'coupon'";
    const action = menu.locator('.monaco-list-row.action').filter({ hasText: title }).first();
    await waitFor(
      `the quick fix menu (Ctrl+.) with "${title}…"`,
      async () => {
        // Ctrl+. again while the menu is not up (right after the cursor moved, the answer may be "no actions").
        if (!(await menu.isVisible())) await page.keyboard.press('Control+.');
        return action.isVisible();
      },
      (visible) => visible,
      { interval: 500 },
    );
    await screenshot('quick-fix-menu');
    // Down to the action with the keyboard: with the mouse, the menu's pointer guard may swallow a fast click.
    const focused = menu.locator('.monaco-list-row.focused');
    const rows = await menu.locator('.monaco-list-row.action').count();
    for (let i = 0; i <= rows && !((await focused.getAttribute('aria-label')) ?? '').startsWith(title); i++) await page.keyboard.press('ArrowDown');
    assert.ok(((await focused.getAttribute('aria-label')) ?? '').startsWith(title), `no "${title}…" action in the menu: ${(await menu.innerText()).replace(/\n/g, ' | ')}`);
    await page.keyboard.press('Enter');
    await menu.waitFor({ state: 'hidden' });

    // The fix edits privacy.yaml in an editor (VS Code opens it, unsaved): the server checks that
    // text at once, so the squiggle goes before anything is saved.
    await waitFor('the squiggle under coupon to go', () => squigglesUnder(coupon.line, coupon.column, coupon.length, 'coupon'), (s) => s.length === 0);

    // Saved as a person saves it (Ctrl+S), privacy.yaml on disk declares coupon, comments intact.
    // VS Code shows an edited file that was not open as an unsaved tab (with auto save on, it is saved).
    const manifestTab = page.locator('.editor-group-container .tab.dirty', { hasText: 'privacy.yaml' });
    await waitFor('privacy.yaml edited: an unsaved tab or a change on disk', async () => (await manifestTab.count()) > 0 || readWorkspaceFile('privacy.yaml') !== before, (edited) => edited);
    if ((await manifestTab.count()) > 0) await saveTab('privacy.yaml');
    const after = await waitFor(
      'privacy.yaml on disk to declare coupon',
      () => readWorkspaceFile('privacy.yaml'),
      (text) => {
        try {
          return parse(text).events['Order Completed'].properties.coupon !== undefined;
        } catch {
          return false;
        }
      },
    );
    assert.deepEqual(comments(after), beforeComments, 'every comment of privacy.yaml survives');
    const beforeLines = new Set(before.split('\n'));
    const added = after.split('\n').filter((l) => !beforeLines.has(l));
    assert.ok(added.length >= 1 && added.length <= 2 && added.every((l) => l.includes('coupon')), `the fix changed more than the coupon line:\n${added.join('\n')}`);
    assert.equal(after.split('\n').length, before.split('\n').length + 1, 'the fix adds one line');
    const declared = locate('privacy.yaml', 'coupon');
    await goTo(declared.line, declared.column);
    await screenshot('quick-fix-privacy-yaml');

    // Back in the code: the squiggle stays away once the manifest is saved.
    await page.locator('.editor-group-container .tab', { has: page.locator('.label-name', { hasText: 'Checkout.tsx' }) }).first().click();
    await parkMouse();
    await waitFor('Checkout.tsx to be the active editor', activeTabTitle, (t) => t === 'Checkout.tsx');
    await waitFor('the squiggle under coupon to stay away', () => squigglesUnder(coupon.line, coupon.column, coupon.length, 'coupon'), (s) => s.length === 0);
    await screenshot('quick-fix');
  });
});
