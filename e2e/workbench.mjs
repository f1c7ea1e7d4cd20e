/**
 * What the e2e scenarios share: the session that run.mjs set up (the Playwright page on the
 * code-server workbench, the temp workspace, the user-data dir) and helpers that drive the
 * workbench the way a person does — Quick Open, the command palette, the keyboard, the mouse —
 * and read what a person sees: squiggles under the text, the Problems view, hovers, the
 * suggest widget, the status bar.
 *
 * Every wait is on a condition with a timeout (`waitFor`, Playwright's `waitFor`), never a
 * fixed sleep: how long the extension host and the language server take varies with the machine.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Filled in by run.mjs before Mocha loads the scenarios.
 * @type {{ page: import('playwright-core').Page, workspace: string, userDataDir: string, outDir: string, root: string, cli: string }}
 */
export const session = /** @type {any} */ ({});

/** How long the first diagnostics of a file may take (the extension host starts with the page). */
export const firstResultTimeoutMs = 60_000;
/** How long an update (after an edit, a quick fix, a command) may take. */
export const updateTimeoutMs = 20_000;

/**
 * Polls `produce` until `condition` holds for its value and returns that value; on timeout
 * throws with `what` and the last value seen.
 * @template T
 * @param {string} what
 * @param {() => T | Promise<T>} produce
 * @param {(value: T) => boolean} condition
 * @param {{ timeout?: number, interval?: number }} [options]
 * @returns {Promise<T>}
 */
export async function waitFor(what, produce, condition, { timeout = updateTimeoutMs, interval = 150 } = {}) {
  const deadline = Date.now() + timeout;
  let last;
  let lastError;
  for (;;) {
    try {
      last = await produce();
      lastError = undefined;
      if (condition(last)) return last;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const shown = lastError ? String(lastError) : JSON.stringify(last, undefined, 2)?.slice(0, 3000);
      throw new Error(`timed out after ${timeout} ms waiting for ${what}; last value: ${shown}`);
    }
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}

/** Moves the mouse where it shows nothing (the empty part of the activity bar), so no tooltip hangs in a screenshot. */
export async function parkMouse() {
  await session.page.mouse.move(24, 600);
}

/** Saves a screenshot of the whole workbench as test-results/e2e/<name>.png. */
export async function screenshot(name) {
  const file = path.join(session.outDir, `${name}.png`);
  await session.page.screenshot({ path: file });
  return file;
}

// ---------------------------------------------------------------------------------------------
// Files of the temp workspace

/** The absolute path of a workspace file. */
export function workspacePath(relative) {
  return path.join(session.workspace, ...relative.split('/'));
}

/** A workspace file's text, from disk. */
export function readWorkspaceFile(relative) {
  return fs.readFileSync(workspacePath(relative), 'utf8');
}

/**
 * The 1-based line and column of the `occurrence`-th (0-based) match of `needle` in a workspace
 * file on disk (after `after`, when given), plus its length.
 */
export function locate(relative, needle, { after } = {}) {
  const text = readWorkspaceFile(relative);
  const from = after ? text.indexOf(after) : 0;
  if (from < 0) throw new Error(`'${after}' not found in ${relative}`);
  const at = text.indexOf(needle, from);
  if (at < 0) throw new Error(`'${needle}' not found in ${relative}`);
  const before = text.slice(0, at).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1, length: needle.length };
}

/**
 * `privet check --format json .` on the temp workspace as it is on disk, with the CLI of the
 * installed .vsix (the same core as its language server): what the editor must agree with.
 */
export function cliCheck() {
  // Exit code 1 means "there are findings", which is what the sample has.
  const result = spawnSync(process.execPath, [session.cli, 'check', '--format', 'json', '.'], { cwd: session.workspace, encoding: 'utf8' });
  try {
    return JSON.parse(result.stdout);
  } catch {
    throw new Error(`privet check failed (exit ${result.status}): ${result.stderr}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Workbench parts

const quickInput = '.quick-input-widget';

/** The focused editor group's editor. */
export function activeEditor() {
  return session.page.locator('.editor-group-container.active .editor-container .monaco-editor').first();
}

/** The title of the active editor tab. */
export async function activeTabTitle() {
  return (await session.page.locator('.editor-group-container.active .tab.active .label-name').first().innerText()).trim();
}

/** Opens a workspace file with Quick Open (Ctrl+P), as a person would, and waits for its editor. */
export async function quickOpen(relative) {
  const page = session.page;
  const name = path.posix.basename(relative);
  await page.keyboard.press('Control+P');
  const input = page.locator(`${quickInput} input`);
  await input.waitFor({ state: 'visible' });
  await input.fill(relative);
  // The first row is the best match once the file search has answered.
  const row = page.locator(`${quickInput} .monaco-list-row`).filter({ hasText: name }).first();
  await row.waitFor({ state: 'visible', timeout: updateTimeoutMs });
  await row.click();
  await parkMouse();
  await waitFor(`the editor of ${relative}`, activeTabTitle, (t) => t === name);
  await activeEditor().locator('.view-lines').waitFor({ state: 'visible' });
}

/** Runs a command by its title from the command palette (Ctrl+Shift+P). */
export async function runCommand(title) {
  const page = session.page;
  await page.keyboard.press('Control+Shift+P');
  const input = page.locator(`${quickInput} input`);
  await input.waitFor({ state: 'visible' });
  await input.fill(`>${title}`);
  const row = page.locator(`${quickInput} .monaco-list-row`).filter({ hasText: title }).first();
  await row.waitFor({ state: 'visible', timeout: updateTimeoutMs });
  await page.keyboard.press('Enter');
  await page.locator(quickInput).waitFor({ state: 'hidden' });
}

/** Moves the cursor of the active editor with Go to Line (Ctrl+G) and waits for the status bar to show it. */
export async function goTo(line, column) {
  const page = session.page;
  await page.keyboard.press('Control+G');
  const input = page.locator(`${quickInput} input`);
  await input.waitFor({ state: 'visible' });
  // The ':' prefix is what makes the quick input "go to line"; without it, it searches files.
  await input.fill(`:${line}:${column}`);
  await page.keyboard.press('Enter');
  await page.locator(quickInput).waitFor({ state: 'hidden' });
  await waitFor(`the cursor at ${line}:${column}`, cursorPosition, (p) => p.line === line && p.column === column);
}

/** The cursor position the status bar shows ("Ln 17, Col 5"). */
export async function cursorPosition() {
  const text = await session.page.locator('#status\\.editor\\.selection').innerText();
  const m = /Ln (\d+), Col (\d+)/.exec(text);
  return m ? { line: Number(m[1]), column: Number(m[2]) } : { line: 0, column: 0 };
}

/** Every status-bar item's text. */
export async function statusBarTexts() {
  return (await session.page.locator('.statusbar-item').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim()).filter(Boolean);
}

/** Closes every editor, reverting unsaved changes first (a scenario never leaves one dirty). */
export async function closeAllEditors() {
  const page = session.page;
  await page.keyboard.press('Escape');
  const dirty = page.locator('.editor-group-container .tab.dirty');
  await waitFor(
    'every unsaved editor reverted',
    async () => {
      if ((await dirty.count()) > 0) {
        await dirty.first().click();
        await runCommand('File: Revert File');
      }
      return dirty.count();
    },
    (n) => n === 0,
    { interval: 300 },
  );
  await runCommand('View: Close All Editors');
  await waitFor('all editors closed', () => page.locator('.editor-group-container .tab').count(), (n) => n === 0);
  await parkMouse();
}

/** Saves the file of an open tab (by its title) with Ctrl+S and waits until it is clean. */
export async function saveTab(title) {
  const page = session.page;
  const tab = page.locator('.editor-group-container .tab', { has: page.locator('.label-name', { hasText: title }) }).first();
  await tab.click();
  await parkMouse();
  await waitFor(`${title} to be the active editor`, activeTabTitle, (t) => t === title);
  await page.keyboard.press('Control+S');
  await waitFor(`${title} to be saved`, async () => (await tab.getAttribute('class')) ?? '', (c) => !c.split(' ').includes('dirty'));
}

// ---------------------------------------------------------------------------------------------
// What the editor shows

/**
 * The on-screen box of `length` characters at a 1-based line and column of the active editor,
 * and the text drawn there (so a caller can check it found the right token). Reads Monaco's DOM:
 * the line-number gutter gives the line's top, the `.view-line` at that top holds the text.
 */
export async function textBox(line, column, length) {
  return activeEditor().evaluate(
    (editor, { line, column, length }) => {
      const number = [...editor.querySelectorAll('.margin-view-overlays .line-numbers')].find((n) => n.textContent?.trim() === String(line));
      if (!number) return null;
      const top = number.getBoundingClientRect().top;
      const viewLine = [...editor.querySelectorAll('.view-lines .view-line')].find((l) => Math.abs(l.getBoundingClientRect().top - top) < 2);
      if (!viewLine) return null;
      const walker = document.createTreeWalker(viewLine, NodeFilter.SHOW_TEXT);
      const range = document.createRange();
      let offset = 0;
      let started = false;
      const start = column - 1;
      const end = start + length;
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const len = node.textContent?.length ?? 0;
        if (!started && start < offset + len) {
          range.setStart(node, start - offset);
          started = true;
        }
        if (started && end <= offset + len) {
          range.setEnd(node, end - offset);
          const r = range.getBoundingClientRect();
          return { x: r.x, y: r.y, width: r.width, height: r.height, text: range.toString().replace(/\u00a0/g, ' ') };
        }
        offset += len;
      }
      return null;
    },
    { line, column, length },
  );
}

/** The text of a line as the active editor draws it. */
export async function lineText(line) {
  return activeEditor().evaluate((editor, line) => {
    const number = [...editor.querySelectorAll('.margin-view-overlays .line-numbers')].find((n) => n.textContent?.trim() === String(line));
    if (!number) return null;
    const top = number.getBoundingClientRect().top;
    const viewLine = [...editor.querySelectorAll('.view-lines .view-line')].find((l) => Math.abs(l.getBoundingClientRect().top - top) < 2);
    return viewLine ? (viewLine.textContent ?? '').replace(/\u00a0/g, ' ') : null;
  }, line);
}

/** Every squiggle the active editor draws: severity and box. */
export async function squiggles() {
  return activeEditor().evaluate((editor) =>
    [...editor.querySelectorAll('[class*="squiggly-"]')].map((s) => {
      const r = s.getBoundingClientRect();
      const severity = /squiggly-(error|warning|info|hint)/.exec(s.className)?.[1] ?? 'other';
      return { severity, x: r.x, y: r.y, width: r.width, height: r.height };
    }),
  );
}

/**
 * The severities of the squiggles under `length` characters at line:column of the active
 * editor (a squiggle counts when it covers the middle of the text). Throws when the text drawn
 * there is not `expected`, so a test never checks the wrong spot.
 */
export async function squigglesUnder(line, column, length, expected) {
  const box = await textBox(line, column, length);
  if (!box) throw new Error(`line ${line} is not on screen`);
  if (expected !== undefined && box.text !== expected) throw new Error(`expected '${expected}' at ${line}:${column}, the editor shows '${box.text}'`);
  const midX = box.x + box.width / 2;
  const midY = box.y + box.height / 2;
  return (await squiggles())
    .filter((s) => s.x <= midX && midX <= s.x + s.width && s.y <= midY && midY <= s.y + s.height)
    .map((s) => s.severity);
}

/**
 * Waits until the active editor, showing `file`, draws the squiggle of the first finding the CLI
 * reports in it: the language server has analysed the file. Returns the CLI's findings.
 */
export async function waitForFindings(file, timeout = firstResultTimeoutMs) {
  const findings = cliCheck().diagnostics.filter((d) => d.file === file && !d.suppressed);
  if (findings.length === 0) throw new Error(`the CLI reports no finding in ${file}`);
  const f = findings[0];
  const length = f.endLine === f.line ? Math.max(1, f.endColumn - f.column) : 1;
  await waitFor(`the squiggle of ${f.rule} at ${file}:${f.line}:${f.column}`, () => squigglesUnder(f.line, f.column, length), (s) => s.length > 0, { timeout });
  return findings;
}

/** Moves the mouse over the middle of some text of the active editor. */
export async function hoverText(line, column, length, expected) {
  const box = await textBox(line, column, length);
  if (!box) throw new Error(`line ${line} is not on screen`);
  if (expected !== undefined && box.text !== expected) throw new Error(`expected '${expected}' at ${line}:${column}, the editor shows '${box.text}'`);
  await session.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 4 });
  return box;
}

// ---------------------------------------------------------------------------------------------
// The Problems view

/** Opens the Problems view (Ctrl+Shift+M) and waits for its tree. */
export async function openProblems() {
  const page = session.page;
  const panel = page.locator('.markers-panel');
  if (!(await panel.isVisible())) await page.keyboard.press('Control+Shift+M');
  await panel.waitFor({ state: 'visible' });
  return panel;
}

/**
 * Types into the Problems view's filter box (the server publishes the whole workspace's findings,
 * so a scenario narrows the view to the file it looks at).
 */
export async function filterProblems(text) {
  const page = session.page;
  const input = page.locator('.part.panel .viewpane-filter input, .part.panel .markers-panel-action-filter input').first();
  await input.waitFor({ state: 'visible' });
  await input.fill(text);
}

/** The rows the Problems view shows (file rows and marker rows), as text. */
export async function problemRows() {
  const rows = session.page.locator('.markers-panel .monaco-list-row');
  return (await rows.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
}

/** Closes the panel (Problems, Output) if it is open. */
export async function closePanel() {
  const page = session.page;
  if (await page.locator('.part.panel').isVisible()) await runCommand('View: Hide Panel');
}
