/**
 * Hovering a tracking call shows what privacy.yaml declares for its event: the description,
 * the purpose, the destinations with vendor, region and retention.
 */
import * as assert from 'node:assert/strict';
import { parse } from 'yaml';
import { closeAllEditors, hoverText, locate, quickOpen, readWorkspaceFile, screenshot, session, waitFor, waitForFindings } from './workbench.mjs';

const file = 'src/pages/Checkout.tsx';

describe('hover on a tracking call', function () {
  before(closeAllEditors);

  it("shows the declaration of 'Order Completed' (purpose, destinations)", async function () {
    const manifest = parse(readWorkspaceFile('privacy.yaml'));
    const event = manifest.events['Order Completed'];
    const destination = manifest.destinations[event.destinations[0]];
    const expected = [event.description, event.purpose, event.destinations[0], destination.vendor, destination.region, destination.retention];

    await quickOpen(file);
    await waitForFindings(file);

    const page = session.page;
    const hover = page.locator('.monaco-editor .monaco-hover:visible, .monaco-hover.workbench-hover:visible').filter({ hasText: 'Purpose' }).first();
    await waitFor(
      'the hover with the declaration',
      async () => {
        // Mouse over the event name, as a person reads the call.
        const name = locate(file, "'Order Completed'");
        await hoverText(name.line, name.column + 1, name.length - 2, 'Order Completed');
        return hover.isVisible();
      },
      (visible) => visible,
      { interval: 500 },
    );
    const text = await hover.innerText();
    for (const s of expected) assert.ok(text.includes(s), `the hover does not show '${s}':\n${text}`);
    assert.match(text, /Destinations/);
    await screenshot('hover');
    await page.mouse.move(5, 450);
  });
});
