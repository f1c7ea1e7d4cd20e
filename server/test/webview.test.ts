/**
 * The data-flow map renderer in a real browser (headless Debian Chromium via playwright-core):
 *
 * - the exported HTML file (`toHtml` with the built `dist/webview` bundle), opened from disk;
 * - the panel: `DataFlowPanel` driven against a stub of the `vscode` module, its `webview.html`
 *   loaded in the browser with a stub `acquireVsCodeApi`, and the two bridged, so a click in the
 *   page goes through the host's message validation to `showTextDocument`.
 *
 * Each page must draw every node and edge, make no network request, log no error, and keep the
 * event named `<img src=x onerror=alert(1)>` as text. Screenshots go to test-results/webview-*.png.
 *
 * Needs `npm run build` (dist/webview) and /usr/bin/chromium (installed here with apt-get when
 * running as root, else the suite is skipped with a message).
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { DataFlowGraph } from '../src/core/services/dataFlow';
import { toHtml } from '../src/core/services/mapExport';
import { parseWebviewMessage } from '../../client/src/webviewProtocol';
import { EVIL, goldenGraph } from './core/mapExport.test';

// The page.evaluate callbacks run in the browser; this project's tsconfig has no DOM lib, so the
// few DOM globals they use are declared loosely, for this file only.
declare const document: any; // eslint-disable-line @typescript-eslint/no-explicit-any
declare const window: any; // eslint-disable-line @typescript-eslint/no-explicit-any
declare const getComputedStyle: any; // eslint-disable-line @typescript-eslint/no-explicit-any
declare const requestAnimationFrame: any; // eslint-disable-line @typescript-eslint/no-explicit-any

const CHROMIUM = '/usr/bin/chromium';
const ROOT = (() => {
  for (let d = __dirname; d !== path.dirname(d); d = path.dirname(d)) if (existsSync(path.join(d, 'esbuild.mjs'))) return d;
  throw new Error('repository root not found');
})();
const DIST = path.join(ROOT, 'dist', 'webview');
const RESULTS = path.join(ROOT, 'test-results');

/** Installs Debian's chromium when it is missing and we may (root with apt-get); true when present. */
function ensureChromium(): boolean {
  if (existsSync(CHROMIUM)) return true;
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!root || spawnSync('which', ['apt-get']).status !== 0) return false;
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  let r = spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], { stdio: 'ignore', env, timeout: 600_000 });
  if (r.status !== 0) {
    spawnSync('apt-get', ['update'], { stdio: 'ignore', env, timeout: 300_000 });
    r = spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], { stdio: 'ignore', env, timeout: 600_000 });
  }
  return existsSync(CHROMIUM);
}

/** What a page did that it must not: errors, requests off disk, dialogs. */
interface PageWatch {
  errors: string[];
  requests: string[];
  dialogs: string[];
}

async function newWatchedPage(context: BrowserContext): Promise<{ page: Page; watch: PageWatch }> {
  const watch: PageWatch = { errors: [], requests: [], dialogs: [] };
  const page = await context.newPage();
  // Every request is routed: files and data URLs load, anything else is recorded and refused.
  await page.route('**/*', async (route) => {
    const url = route.request().url();
    if (url.startsWith('file:') || url.startsWith('data:')) await route.continue();
    else {
      watch.requests.push(url);
      await route.abort();
    }
  });
  page.on('request', (r) => {
    const url = r.url();
    if (!url.startsWith('file:') && !url.startsWith('data:') && !watch.requests.includes(url)) watch.requests.push(url);
  });
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') watch.errors.push(`console.${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => watch.errors.push(`pageerror: ${e.message}`));
  page.on('dialog', (d) => {
    watch.dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss();
  });
  return { page, watch };
}

function assertClean(watch: PageWatch): void {
  assert.deepEqual(watch.errors, [], 'no console errors');
  assert.deepEqual(watch.requests, [], 'no network requests');
  assert.deepEqual(watch.dialogs, [], 'no dialog (the injected onerror never ran)');
}

async function drawn(page: Page): Promise<{ nodes: string[]; edges: string[] }> {
  return page.evaluate(() => ({
    nodes: [...document.querySelectorAll('svg.map g.node[data-id]')].map((g) => g.getAttribute('data-id')!),
    edges: [...document.querySelectorAll('svg.map g.edge[data-id]')].map((g) => g.getAttribute('data-id')!),
  }));
}

/** Waits for a render newer than `after` (the renderer bumps `data-rendered` on the svg). */
async function waitForRender(page: Page, after = 0): Promise<number> {
  await page.waitForFunction((n) => Number(document.querySelector('svg.map')?.getAttribute('data-rendered') ?? 0) > n, after, { timeout: 20_000 });
  return Number(await page.locator('svg.map').getAttribute('data-rendered'));
}

async function assertInjectionIsText(page: Page): Promise<void> {
  const node = page.locator(`g.node[data-id="event:${EVIL}"]`);
  // Drawn as text: verbatim, or (a long label) its start and an ellipsis, the full text kept in
  // the tooltip and the accessible name.
  const drawnLabel = (await node.locator('text.node-label').textContent()) ?? '';
  assert.ok(drawnLabel === EVIL || (drawnLabel.endsWith('…') && drawnLabel.length > 8 && EVIL.startsWith(drawnLabel.slice(0, -1))), `the event name is drawn as text: ${drawnLabel}`);
  assert.ok((await node.locator('title').textContent())?.includes(EVIL), 'the tooltip has it verbatim');
  assert.equal(await page.locator('img').count(), 0, 'no <img> element was created');
  const aria = await node.getAttribute('aria-label');
  assert.ok(aria?.includes(EVIL), 'and read out verbatim');
}

suite('webview: messages from the page are validated', () => {
  test('only well-formed messages pass, rebuilt from their checked fields', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'reveal', file: 'src/a.ts', line: 3, column: 1, extra: '<x>' }), { type: 'reveal', file: 'src/a.ts', line: 3, column: 1 });
    assert.deepEqual(parseWebviewMessage({ type: 'export', format: 'md' }), { type: 'export', format: 'md' });
    for (const bad of [
      null,
      'reveal',
      { type: 'reveal', file: 'a.ts', line: 0, column: 1 },
      { type: 'reveal', file: 'a.ts', line: 1.5, column: 1 },
      { type: 'reveal', file: '', line: 1, column: 1 },
      { type: 'reveal', file: 'a\0b', line: 1, column: 1 },
      { type: 'reveal', file: 7, line: 1, column: 1 },
      { type: 'export', format: 'exe' },
      { type: 'eval', code: '1' },
    ]) {
      assert.equal(parseWebviewMessage(bad), null, JSON.stringify(bad));
    }
  });
});

suite('webview: rendering in Chromium', function () {
  this.timeout(60_000);
  let browser: Browser;
  let context: BrowserContext;
  let tmp: string;
  let graph: DataFlowGraph;

  suiteSetup(async function () {
    this.timeout(900_000); // an apt-get install of chromium, the first time on a machine
    if (!existsSync(path.join(DIST, 'main.js')) || !existsSync(path.join(DIST, 'main.css'))) throw new Error('dist/webview is missing: run `npm run build` first');
    if (!ensureChromium()) {
      console.warn(`webview tests skipped: ${CHROMIUM} is missing (apt-get install chromium)`);
      this.skip();
    }
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    context = await browser.newContext({ viewport: { width: 1400, height: 860 }, deviceScaleFactor: 1 });
    tmp = mkdtempSync(path.join(tmpdir(), 'privet-webview-'));
    mkdirSync(RESULTS, { recursive: true });
    graph = goldenGraph();
  });

  suiteTeardown(async () => {
    await context?.close();
    await browser?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  suite('the exported HTML file', () => {
    let page: Page;
    let watch: PageWatch;

    suiteSetup(async () => {
      const file = path.join(tmp, 'map.html');
      writeFileSync(file, toHtml(graph, { script: readFileSync(path.join(DIST, 'main.js'), 'utf8'), css: readFileSync(path.join(DIST, 'main.css'), 'utf8') }));
      ({ page, watch } = await newWatchedPage(context));
      await page.goto(`file://${file}`);
      await waitForRender(page);
    });

    test('draws every node and edge of the graph', async () => {
      const d = await drawn(page);
      assert.deepEqual(d.nodes.sort(), graph.nodes.map((n) => n.id).sort());
      assert.deepEqual(d.edges.sort(), graph.edges.map((e) => e.id).sort());
      const columns = await page.locator('.layer-title').allTextContents();
      assert.deepEqual(columns, ['Code', 'Events & identity calls', 'Data categories', 'Purposes', 'Destinations']);
      await page.screenshot({ path: path.join(RESULTS, 'webview-export.png') });
    });

    test('nodes are labelled for screen readers and reachable with Tab', async () => {
      const labelled = await page.evaluate(() => [...document.querySelectorAll('g.node')].every((g) => g.getAttribute('tabindex') === '0' && g.getAttribute('role') === 'button' && (g.getAttribute('aria-label') ?? '').length > 0));
      assert.ok(labelled);
      // Tab from the toolbar into the map, then Enter selects the focused node.
      await page.locator('button', { hasText: 'Reset filters' }).focus();
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => document.activeElement?.getAttribute('data-id'));
      assert.ok(focused, 'a node has the focus');
      await page.keyboard.press('Enter');
      await page.locator('.details h2').waitFor();
      assert.equal(await page.locator('.details h2').textContent(), graph.nodes.find((n) => n.id === focused)!.label);
      await page.keyboard.press('Escape');
    });

    test('clicking a node lists its call sites (as text: no host to open them)', async () => {
      await page.locator('g.node[data-id="category:user.contact.email"]').click();
      const sites = page.locator('.details ul.sites li');
      await sites.first().waitFor();
      assert.deepEqual(await page.locator('.details ul.sites .where').allTextContents(), ['src/app.ts:5:3', 'src/app.ts:7:3']);
      assert.equal(await page.locator('.details button.site').count(), 0);
      // Where email goes, for what, under which consent:
      const reach = await page.locator('.details ul.reach li').allTextContents();
      assert.ok(reach.includes('identity-resolution (consent: marketing) → google-analytics (Google · US · P14M)'), reach.join('\n'));
      assert.ok(reach.includes('identity-resolution (consent: marketing) → segment (Twilio Segment · US · P2Y · SCCs)'), reach.join('\n'));
      await page.screenshot({ path: path.join(RESULTS, 'webview-export-selected.png') });
    });

    test('filters: destination, findings only, personal data only', async () => {
      let rendered = Number(await page.locator('svg.map').getAttribute('data-rendered'));
      await page.selectOption('select[data-filter="destination"]', 'destination:google-analytics');
      rendered = await waitForRender(page, rendered);
      const toGa = graph.flows.filter((f) => f.nodes[f.nodes.length - 1] === 'destination:google-analytics');
      assert.deepEqual((await drawn(page)).nodes.sort(), [...new Set(toGa.flatMap((f) => f.nodes))].sort());
      await page.selectOption('select[data-filter="destination"]', '');
      rendered = await waitForRender(page, rendered);
      await page.check('input[data-filter="findings"]');
      rendered = await waitForRender(page, rendered);
      const flagged = (await drawn(page)).nodes;
      assert.ok(flagged.includes(`event:${EVIL}`) && flagged.includes('destination:google-analytics'));
      assert.ok(!flagged.includes('event:identify()'), 'identify has no finding and nothing undeclared');
      await page.uncheck('input[data-filter="findings"]');
      rendered = await waitForRender(page, rendered);
      await page.check('input[data-filter="personal"]');
      rendered = await waitForRender(page, rendered);
      assert.ok(!(await drawn(page)).nodes.includes('category:none'));
      await page.uncheck('input[data-filter="personal"]');
      await waitForRender(page, rendered);
      assert.equal((await drawn(page)).nodes.length, graph.nodes.length);
    });

    test('the injection attempt stays text', async () => {
      await assertInjectionIsText(page);
    });

    test('no console errors, no network, no dialog', () => {
      assertClean(watch);
    });
  });

  suite('the panel (host and webview bridged)', () => {
    let page: Page;
    let watch: PageWatch;
    let fake: FakeVscode;
    let panelModule: typeof import('../../client/src/dataFlowPanel');
    let toHost: (m: unknown) => void = () => undefined;
    const posted: unknown[] = [];

    suiteSetup(async () => {
      fake = installVscodeStub(ROOT, tmp);
      panelModule = require('../../client/src/dataFlowPanel') as typeof import('../../client/src/dataFlowPanel');
      const client = { sendRequest: async (method: string) => (method === 'privet/dataFlowGraph' ? { ...graph, root: '/proj' } : null) };
      fake.onPanel = (p) => {
        toHost = p.deliver;
        p.sendToPage = (m) => void page.evaluate((msg) => window.postMessage(msg, '*'), m as object);
      };
      panelModule.showDataFlowPanel(fake.context as never, client as never);
      const html = fake.panels[0].webview.html;
      const file = path.join(tmp, 'panel.html');
      writeFileSync(file, html);

      ({ page, watch } = await newWatchedPage(context));
      await page.exposeFunction('__privetToHost', (m: unknown) => {
        posted.push(m);
        toHost(m);
      });
      await page.addInitScript(() => {
        let state: unknown = (window as unknown as { __initialState?: unknown }).__initialState;
        (window as unknown as { acquireVsCodeApi: () => unknown }).acquireVsCodeApi = () => ({
          postMessage: (m: unknown) => void (window as unknown as { __privetToHost: (m: unknown) => void }).__privetToHost(JSON.parse(JSON.stringify(m))),
          getState: () => state,
          setState: (s: unknown) => {
            state = s;
            (window as unknown as { __state: unknown }).__state = JSON.parse(JSON.stringify(s));
          },
        });
      });
      await page.goto(`file://${file}`);
      await waitForRender(page);
    });

    test('the page: strict CSP with a nonce, resources only from dist/webview', () => {
      const html = fake.panels[0].webview.html;
      const nonce = /script-src 'nonce-([A-Za-z0-9+/=]+)'/.exec(html)?.[1];
      assert.ok(nonce && Buffer.from(nonce, 'base64').length === 16, 'a 128-bit nonce');
      assert.ok(html.includes(`content="default-src 'none'; script-src 'nonce-${nonce}'; style-src file:; img-src file: data:; font-src file:;"`));
      assert.ok(html.includes(`<script nonce="${nonce}" src="file://${DIST}/main.js"></script>`));
      assert.ok(!/<script(?![^>]*\bsrc=)[^>]*>/.test(html), 'no inline script');
      assert.deepEqual(fake.panels[0].options.localResourceRoots.map((u: { path: string }) => u.path), [DIST]);
      assert.equal(fake.panels[0].options.enableScripts, true);
      assert.notEqual((fake.panels[0].options as { retainContextWhenHidden?: boolean }).retainContextWhenHidden, true);
      assert.equal(fake.panels[0].viewType, 'privet.dataFlow');
    });

    test('ready → the host asks the server and posts the graph; every node and edge is drawn', async () => {
      assert.deepEqual(posted[0], { type: 'ready' });
      const d = await drawn(page);
      assert.equal(d.nodes.length, graph.nodes.length);
      assert.equal(d.edges.length, graph.edges.length);
      assert.equal(await page.locator('button.export').count(), 1, 'the export button exists in the panel');
      await page.screenshot({ path: path.join(RESULTS, 'webview-panel.png') });
    });

    test('clicking a node lists its call sites and asks the host to open the code', async () => {
      posted.length = 0;
      await page.locator('g.node[data-id="event:Order Completed"]').click();
      await page.locator('.details button.site').first().waitFor();
      assert.deepEqual(await page.locator('.details button.site .where').allTextContents(), ['src/app.ts:5:3']);
      await waitUntil(() => fake.opened.length > 0);
      assert.deepEqual(posted, [{ type: 'reveal', file: 'src/app.ts', line: 5, column: 3 }]);
      assert.deepEqual(fake.opened, [{ path: '/proj/src/app.ts', line: 4, character: 2 }], 'opened at the call (0-based)');
      const state = (await page.evaluate(() => (window as unknown as { __state: unknown }).__state)) as { selected: unknown };
      assert.deepEqual(state.selected, { kind: 'node', id: 'event:Order Completed' }, 'the selection is kept with setState');
      // an edge too
      fake.opened.length = 0;
      await page.locator('.details button.link', { hasText: 'user.contact.email' }).click();
      await page.locator('.details button.site').first().click();
      await waitUntil(() => fake.opened.length > 0);
      assert.deepEqual(fake.opened, [{ path: '/proj/src/app.ts', line: 4, character: 2 }]);
      await page.screenshot({ path: path.join(RESULTS, 'webview-panel-selected.png') });
    });

    test('the host opens only call sites of the graph, inside the workspace', async () => {
      fake.opened.length = 0;
      for (const m of [
        { type: 'reveal', file: '/etc/passwd', line: 1, column: 1 },
        { type: 'reveal', file: '../../etc/passwd', line: 1, column: 1 },
        { type: 'reveal', file: 'src/app.ts', line: 99, column: 1 },
        { type: 'reveal', file: 'src/app.ts', line: '5', column: 3 },
        { type: 'openExternal', url: 'https://example.invalid' },
      ]) {
        toHost(m);
      }
      await new Promise((r) => setTimeout(r, 50));
      assert.deepEqual(fake.opened, []);
    });

    test('export: the host asks where and writes the format asked for', async () => {
      posted.length = 0;
      fake.saveTo = path.join(tmp, 'exported.md');
      await page.selectOption('select.export-format', 'md');
      await page.locator('button.export').click();
      await waitUntil(() => existsSync(fake.saveTo!));
      assert.deepEqual(posted, [{ type: 'export', format: 'md' }]);
      assert.match(readFileSync(fake.saveTo, 'utf8'), /^# Data-flow map\n/);
      fake.saveTo = path.join(tmp, 'exported.html');
      await page.selectOption('select.export-format', 'html');
      await page.locator('button.export').click();
      await waitUntil(() => existsSync(fake.saveTo!));
      const html = readFileSync(fake.saveTo, 'utf8');
      assert.ok(html.includes('id="privet-graph"') && !html.includes('/proj'), 'self-contained, no absolute root');
    });

    test('live update: a new graph from the server is drawn, keeping the filters', async () => {
      const rendered = Number(await page.locator('svg.map').getAttribute('data-rendered'));
      const smaller = { ...graph, root: '/proj', nodes: graph.nodes, edges: graph.edges, flows: graph.flows.filter((f) => !f.nodes.includes('event:identify()')) };
      fake.panels[0].sendToPage({ type: 'graph', graph: smaller });
      await waitForRender(page, rendered);
      assert.ok(!(await drawn(page)).nodes.includes('event:identify()'));
    });

    test('follows the VS Code theme variables', async () => {
      await page.evaluate(() => {
        const s = document.documentElement.style;
        for (const [k, v] of Object.entries({
          '--vscode-editor-background': '#1e1e1e',
          '--vscode-editor-foreground': '#d4d4d4',
          '--vscode-editorWidget-background': '#252526',
          '--vscode-editorWidget-border': '#454545',
          '--vscode-descriptionForeground': '#a0a0a0',
          '--vscode-panel-border': '#3c3c3c',
          '--vscode-dropdown-background': '#3c3c3c',
          '--vscode-dropdown-foreground': '#f0f0f0',
          '--vscode-button-secondaryBackground': '#3a3d41',
          '--vscode-button-secondaryForeground': '#ffffff',
        }))
          s.setProperty(k, v);
      });
      const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      assert.equal(bg, 'rgb(30, 30, 30)');
      await page.screenshot({ path: path.join(RESULTS, 'webview-panel-dark.png') });
    });

    test('the injection attempt stays text; no console errors, no network, no dialog', async () => {
      await assertInjectionIsText(page);
      assertClean(watch);
    });

    test('state is restored from getState on a new page', async () => {
      const { page: again, watch: w2 } = await newWatchedPage(context);
      await again.exposeFunction('__privetToHost', (m: unknown) => {
        if ((m as { type?: string }).type === 'ready') void again.evaluate((g) => window.postMessage({ type: 'graph', graph: g }, '*'), graph as object);
      });
      await again.addInitScript(() => {
        const state = { filters: { destination: 'destination:segment' }, selected: { kind: 'node', id: 'destination:segment' }, transform: null };
        (window as unknown as { acquireVsCodeApi: () => unknown }).acquireVsCodeApi = () => ({
          postMessage: (m: unknown) => void (window as unknown as { __privetToHost: (m: unknown) => void }).__privetToHost(JSON.parse(JSON.stringify(m))),
          getState: () => state,
          setState: () => undefined,
        });
      });
      await again.goto(`file://${path.join(tmp, 'panel.html')}`);
      await waitForRender(again);
      assert.equal(await again.locator('select[data-filter="destination"]').inputValue(), 'destination:segment');
      assert.equal(await again.locator('.details h2').textContent(), 'segment');
      assert.ok(!(await drawn(again)).nodes.includes('destination:google-analytics'));
      assertClean(w2);
      await again.close();
    });

    suiteTeardown(() => {
      panelModule?.DataFlowPanel.current?.dispose();
      fake?.uninstall();
    });
  });

  suite('the map of the shop sample at the sizes of a VS Code panel', () => {
    let sample: DataFlowGraph;
    const pages: Page[] = [];

    suiteSetup(() => {
      const r = spawnSync(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), 'map', '--format', 'json'], { cwd: path.join(ROOT, 'samples', 'shop', 'web'), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
      assert.equal(r.status, 0, r.stderr);
      sample = JSON.parse(r.stdout) as DataFlowGraph;
      assert.ok(sample.nodes.length > 30, 'the sample makes a large map');
      for (const theme of ['light', 'dark'] as const) writeFileSync(path.join(tmp, `sample-${theme}.html`), themedPage(vscodeThemes[theme]));
    });

    suiteTeardown(async () => {
      for (const p of pages) await p.close();
    });

    /** The panel's page with VS Code's theme variables, a stub host answering `ready` with the sample. */
    async function openSample(viewport: { width: number; height: number }, theme: 'light' | 'dark' = 'light'): Promise<{ page: Page; watch: PageWatch }> {
      const opened = await newWatchedPage(context);
      pages.push(opened.page);
      await opened.page.setViewportSize(viewport);
      await opened.page.addInitScript((g: unknown) => {
        let state: unknown;
        window.__posted = [];
        window.acquireVsCodeApi = () => ({
          postMessage: (m: { type: string }) => {
            window.__posted.push(JSON.parse(JSON.stringify(m)));
            if (m.type === 'ready') setTimeout(() => window.postMessage({ type: 'graph', graph: g }, '*'), 0);
          },
          getState: () => state,
          setState: (s: unknown) => {
            state = s;
            window.__state = JSON.parse(JSON.stringify(s));
          },
        });
      }, sample as object);
      await opened.page.goto(`file://${path.join(tmp, `sample-${theme}.html`)}`);
      await waitForRender(opened.page);
      return opened;
    }

    test('1440×900: node labels are at least 11px on screen, and the map uses the height', async () => {
      const { page, watch } = await openSample({ width: 1440, height: 900 });
      const m = await labelMetrics(page);
      assert.equal(m.count, sample.nodes.length);
      assert.ok(m.minPx >= 11, `smallest label ${m.minPx.toFixed(2)}px on screen (font size × scale ${m.scale.toFixed(3)})`);
      assert.ok(m.minHeight >= 11, `smallest label box ${m.minHeight.toFixed(2)}px high`);
      const use = await canvasUse(page);
      assert.ok(use.nodesInLowerHalf > 0, 'nodes are drawn in the lower half of the canvas');
      assert.ok(use.drawingBottom >= use.canvasBottom - 1 || use.fitsHeight, 'the drawing reaches the bottom of the canvas (or all of it is shown)');
      assert.ok(use.destinationsLeft < use.canvasRight, 'the destinations column is in view');
      await page.screenshot({ path: path.join(RESULTS, 'webview-sample-1440.png') });
      assertClean(watch);
    });

    test('a panel beside the sidebar (1093×700), light and dark: readable, every column in view', async () => {
      for (const theme of ['light', 'dark'] as const) {
        const { page, watch } = await openSample({ width: 1093, height: 700 }, theme);
        const m = await labelMetrics(page);
        assert.ok(m.minPx >= 11, `${theme}: smallest label ${m.minPx.toFixed(2)}px`);
        const use = await canvasUse(page);
        assert.ok(use.destinationsLeft < use.canvasRight - 100, `${theme}: the destinations column is in view`);
        await page.screenshot({ path: path.join(RESULTS, theme === 'light' ? 'webview-sample-panel.png' : 'webview-sample-panel-dark.png') });
        assertClean(watch);
      }
    });

    test('530px wide (a file open beside the map): a click on a node shows its call sites', async () => {
      const { page, watch } = await openSample({ width: 530, height: 800 }, 'dark');
      assert.ok((await labelMetrics(page)).minPx >= 11, 'readable at the narrowest too');
      await page.locator('g.node[data-id="code:src/pages/Checkout.tsx"]').click();
      const list = page.locator('.details ul.sites');
      await list.waitFor({ state: 'visible' });
      const where = await list.locator('.where').allTextContents();
      assert.ok(where.length >= 3 && where.every((w) => /^src\/pages\/Checkout\.tsx:\d+:\d+$/.test(w)), where.join(', '));
      const pane = (await page.locator('.details').boundingBox())!;
      assert.ok(pane.x >= 0 && pane.x + pane.width <= 530.5 && pane.y >= 0 && pane.y + pane.height <= 800.5, `the details pane is inside the window: ${JSON.stringify(pane)}`);
      assert.ok(pane.height >= 200, `and has room: ${pane.height}px`);
      // The first call site is on screen, not covered, and opens the code.
      const first = page.locator('.details button.site').first();
      await first.scrollIntoViewIfNeeded();
      const box = (await first.boundingBox())!;
      assert.ok(box.y >= pane.y && box.y + box.height <= pane.y + pane.height + 0.5, 'the first call site is within the pane');
      const hit = await page.evaluate(([x, y]) => !!document.elementFromPoint(x, y)?.closest('.details ul.sites'), [box.x + box.width / 2, box.y + box.height / 2]);
      assert.ok(hit, 'nothing covers it');
      const before = ((await page.evaluate(() => window.__posted)) as { type: string }[]).length;
      await first.click();
      const posted = (await page.evaluate(() => window.__posted)) as { type: string; file?: string }[];
      assert.deepEqual(posted.slice(before).map((m) => m.type), ['reveal']);
      assert.equal(posted[posted.length - 1].file, 'src/pages/Checkout.tsx');
      await page.screenshot({ path: path.join(RESULTS, 'webview-sample-narrow-selected.png') });
      // Esc closes the pane again; the map gets the room back.
      await page.keyboard.press('Escape');
      await page.locator('.details').waitFor({ state: 'hidden' });
      assertClean(watch);
    });

    test('resizing re-fits the map until the user zooms; Fit, 100%, + and − (buttons and keys)', async () => {
      const { page, watch } = await openSample({ width: 1440, height: 900 });
      const wide = await scaleOf(page);
      assert.ok(wide >= 0.875 && wide <= 1, `fitted at ${wide}`);
      // Narrower: the map shrinks to the width (it still fits at a readable scale)…
      await page.setViewportSize({ width: 1200, height: 800 });
      const narrower = await waitForScale(page, (k) => k < wide - 0.01);
      const use = await canvasUse(page);
      assert.ok(use.drawingRight <= use.canvasRight + 1, `fits the width at ${narrower}: ${use.drawingRight} <= ${use.canvasRight}`);
      // …and no further than the readable minimum, at 530px: the rest is scrolled to.
      await page.setViewportSize({ width: 530, height: 800 });
      const narrow = await waitForScale(page, (k) => k < narrower - 0.01);
      assert.ok(Math.abs(narrow - 0.875) < 1e-3, `the readable minimum: ${narrow}`);
      assert.ok(await page.evaluate(() => document.querySelector('.scroller').scrollWidth > document.querySelector('.scroller').clientWidth), 'it scrolls across');
      assert.equal(((await page.evaluate(() => window.__state)) as { transform: unknown }).transform, null, 'a fitted view is not pinned');
      // The user zooms in (key +): a resize keeps their zoom.
      await page.locator('body').focus();
      await page.keyboard.press('+');
      const zoomed = await waitForScale(page, (k) => k > narrow + 0.01);
      assert.ok(Math.abs(zoomed - narrow * 1.25) < 1e-3, `zoomed to ${zoomed}`);
      assert.equal(await page.locator('.zoom-level').textContent(), `${Math.round(zoomed * 100)}%`);
      await page.setViewportSize({ width: 1440, height: 900 });
      await page.waitForFunction(() => document.querySelector('.scroller').clientWidth > 1000);
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      assert.ok(Math.abs((await scaleOf(page)) - zoomed) < 1e-3, 'the zoom is kept on resize');
      assert.ok(((await page.evaluate(() => window.__state)) as { transform: { k: number } | null }).transform?.k, 'and saved with setState');
      // − (key), then the buttons.
      await page.keyboard.press('-');
      await waitForScale(page, (k) => Math.abs(k - zoomed / 1.25) < 1e-3);
      await page.locator('.zoom button', { hasText: '100%' }).click();
      await waitForScale(page, (k) => Math.abs(k - 1) < 1e-3);
      await page.locator('.zoom button[aria-label^="Zoom in"]').click();
      await waitForScale(page, (k) => Math.abs(k - 1.25) < 1e-3);
      await page.locator('.zoom button[aria-label^="Zoom out"]').click();
      await waitForScale(page, (k) => Math.abs(k - 1) < 1e-3);
      // Fit (key 0) goes back to following the panel size.
      await page.keyboard.press('+');
      await waitForScale(page, (k) => Math.abs(k - 1.25) < 1e-3);
      await page.keyboard.press('0');
      await waitForScale(page, (k) => Math.abs(k - wide) < 1e-3);
      await page.setViewportSize({ width: 1200, height: 800 });
      await waitForScale(page, (k) => Math.abs(k - narrower) < 1e-3);
      await page.screenshot({ path: path.join(RESULTS, 'webview-sample-resized.png') });
      await page.locator('.zoom button', { hasText: 'Fit' }).click();
      assert.equal(((await page.evaluate(() => window.__state)) as { transform: unknown }).transform, null);
      assertClean(watch);
    });
  });
});

/** The scale the map is drawn at (drawing units to screen pixels). */
async function scaleOf(page: Page): Promise<number> {
  return page.evaluate(() => document.querySelector('svg.map g.viewport').getScreenCTM().a as number);
}

/** Waits until the map's scale satisfies `ok` (the re-fit after a resize runs in the next frame). */
async function waitForScale(page: Page, ok: (k: number) => boolean, timeoutMs = 5000): Promise<number> {
  const start = Date.now();
  for (;;) {
    const k = await scaleOf(page);
    if (ok(k)) return k;
    if (Date.now() - start > timeoutMs) throw new Error(`the scale stayed at ${k}`);
    await new Promise((r) => setTimeout(r, 30));
  }
}

/**
 * How big the node labels are on screen: font size × the scale of the SVG (getScreenCTM), and
 * the height of their bounding boxes, both in CSS pixels; the smallest of each.
 */
async function labelMetrics(page: Page): Promise<{ minPx: number; minHeight: number; scale: number; count: number }> {
  return page.evaluate(() => {
    let minPx = Infinity;
    let minHeight = Infinity;
    const texts = [...document.querySelectorAll('svg.map g.node text.node-label')];
    for (const t of texts) {
      minPx = Math.min(minPx, parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a);
      minHeight = Math.min(minHeight, t.getBoundingClientRect().height);
    }
    return { minPx, minHeight, scale: document.querySelector('svg.map g.viewport').getScreenCTM().a, count: texts.length };
  });
}

/** Where the drawing sits in the canvas (the scroll area), in screen pixels. */
async function canvasUse(page: Page): Promise<{ canvasBottom: number; canvasRight: number; drawingBottom: number; drawingRight: number; fitsHeight: boolean; nodesInLowerHalf: number; destinationsLeft: number }> {
  return page.evaluate(() => {
    const sc = document.querySelector('.scroller');
    const r = sc.getBoundingClientRect();
    const canvasBottom = r.top + sc.clientHeight;
    const canvasRight = r.left + sc.clientWidth;
    const d = document.querySelector('svg.map g.viewport').getBoundingClientRect();
    const middle = r.top + sc.clientHeight / 2;
    const nodes = [...document.querySelectorAll('svg.map g.node')].map((g) => g.getBoundingClientRect());
    const dest = [...document.querySelectorAll('svg.map g.node.layer-destination')].map((g) => g.getBoundingClientRect().left);
    return {
      canvasBottom,
      canvasRight,
      drawingBottom: d.bottom,
      drawingRight: d.right,
      fitsHeight: d.height <= sc.clientHeight,
      nodesInLowerHalf: nodes.filter((b) => b.top > middle && b.top < canvasBottom).length,
      destinationsLeft: Math.min(...dest),
    };
  });
}

/** Some of the variables VS Code sets on a webview's <html> (Light Modern and Dark Modern). */
const vscodeThemes: Record<'light' | 'dark', Record<string, string>> = {
  light: {
    '--vscode-font-family': 'system-ui, sans-serif',
    '--vscode-font-size': '13px',
    '--vscode-editor-font-family': 'monospace',
    '--vscode-editor-background': '#ffffff',
    '--vscode-editor-foreground': '#3b3b3b',
    '--vscode-descriptionForeground': '#5f5f5f',
    '--vscode-panel-border': '#e5e5e5',
    '--vscode-editorWidget-background': '#f8f8f8',
    '--vscode-editorWidget-border': '#c8c8c8',
    '--vscode-focusBorder': '#005fb8',
    '--vscode-textLink-foreground': '#005fb8',
    '--vscode-errorForeground': '#f85149',
    '--vscode-editorError-foreground': '#e51400',
    '--vscode-editorWarning-foreground': '#bf8803',
    '--vscode-charts-blue': '#1a85ff',
    '--vscode-charts-green': '#388a34',
    '--vscode-charts-yellow': '#bf8803',
    '--vscode-charts-orange': '#d18616',
    '--vscode-charts-purple': '#652d90',
    '--vscode-button-background': '#005fb8',
    '--vscode-button-foreground': '#ffffff',
    '--vscode-button-secondaryBackground': '#e5e5e5',
    '--vscode-button-secondaryForeground': '#3b3b3b',
    '--vscode-dropdown-background': '#ffffff',
    '--vscode-dropdown-border': '#cecece',
    '--vscode-dropdown-foreground': '#3b3b3b',
    '--vscode-list-hoverBackground': '#f2f2f2',
  },
  dark: {
    '--vscode-font-family': 'system-ui, sans-serif',
    '--vscode-font-size': '13px',
    '--vscode-editor-font-family': 'monospace',
    '--vscode-editor-background': '#1f1f1f',
    '--vscode-editor-foreground': '#cccccc',
    '--vscode-descriptionForeground': '#9d9d9d',
    '--vscode-panel-border': '#2b2b2b',
    '--vscode-editorWidget-background': '#202020',
    '--vscode-editorWidget-border': '#454545',
    '--vscode-focusBorder': '#0078d4',
    '--vscode-textLink-foreground': '#4daafc',
    '--vscode-errorForeground': '#f85149',
    '--vscode-editorError-foreground': '#f14c4c',
    '--vscode-editorWarning-foreground': '#cca700',
    '--vscode-charts-blue': '#3794ff',
    '--vscode-charts-green': '#89d185',
    '--vscode-charts-yellow': '#cca700',
    '--vscode-charts-orange': '#d18616',
    '--vscode-charts-purple': '#b180d7',
    '--vscode-button-background': '#0078d4',
    '--vscode-button-foreground': '#ffffff',
    '--vscode-button-secondaryBackground': '#313131',
    '--vscode-button-secondaryForeground': '#cccccc',
    '--vscode-dropdown-background': '#313131',
    '--vscode-dropdown-border': '#3c3c3c',
    '--vscode-dropdown-foreground': '#cccccc',
    '--vscode-list-hoverBackground': '#2a2d2e',
  },
};

/** The panel's page (stylesheet and bundle from dist/webview) with a theme's variables on <html>. */
function themedPage(vars: Record<string, string>): string {
  const style = Object.entries(vars)
    .map(([k, v]) => `${k}: ${v}`)
    .join('; ');
  return `<!DOCTYPE html>\n<html lang="en" style="${style}">\n<head>\n<meta charset="UTF-8">\n<link rel="stylesheet" href="file://${DIST}/main.css">\n</head>\n<body>\n<div id="app"></div>\n<script src="file://${DIST}/main.js"></script>\n</body>\n</html>\n`;
}

async function waitUntil(cond: () => boolean, timeoutMs = 5000): Promise<void> {
  const start = Date.now();
  while (!cond()) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}

// ---------------------------------------------------------------------------------------------
// A stub of the `vscode` module: just what dataFlowPanel.ts uses.

interface FakePanel {
  viewType: string;
  options: { enableScripts: boolean; localResourceRoots: { path: string }[] };
  webview: { html: string; cspSource: string };
  /** Delivers a message from the page to the host's onDidReceiveMessage handler. */
  deliver: (m: unknown) => void;
  /** Set by the test: how the host's postMessage reaches the page. */
  sendToPage: (m: unknown) => void;
}

interface FakeVscode {
  context: { extensionUri: unknown; subscriptions: unknown[] };
  panels: FakePanel[];
  opened: { path: string; line: number; character: number }[];
  saveTo: string | null;
  onPanel: (p: FakePanel) => void;
  uninstall(): void;
}

function installVscodeStub(extensionRoot: string, workspace: string): FakeVscode {
  class Uri {
    constructor(
      readonly scheme: string,
      readonly path: string,
    ) {}
    static file(p: string) {
      return new Uri('file', path.posix.normalize(p));
    }
    static parse(s: string) {
      const u = new URL(s);
      return new Uri(u.protocol.slice(0, -1), decodeURIComponent(u.pathname));
    }
    static joinPath(base: Uri, ...parts: string[]) {
      return new Uri(base.scheme, path.posix.join(base.path, ...parts));
    }
    get fsPath() {
      return this.path;
    }
    toString() {
      return `${this.scheme}://${this.path}`;
    }
  }
  class Position {
    constructor(
      readonly line: number,
      readonly character: number,
    ) {}
  }
  class Range {
    constructor(
      readonly start: Position,
      readonly end: Position,
    ) {}
  }
  const disposable = { dispose: () => undefined };
  const fake: FakeVscode = {
    context: { extensionUri: Uri.file(extensionRoot), subscriptions: [] },
    panels: [],
    opened: [],
    saveTo: null,
    onPanel: () => undefined,
    uninstall: () => undefined,
  };
  const folders = [{ uri: Uri.file('/proj'), name: 'proj', index: 0 }];
  const vscode = {
    Uri,
    Position,
    Range,
    ViewColumn: { Active: -1, Beside: -2, One: 1, Two: 2 },
    window: {
      createWebviewPanel(viewType: string, _title: string, _column: number, options: FakePanel['options']) {
        let onMessage: (m: unknown) => void = () => undefined;
        const p: FakePanel = {
          viewType,
          options,
          webview: { html: '', cspSource: 'file:' },
          deliver: (m) => onMessage(m),
          sendToPage: () => undefined,
        };
        const webview = Object.assign(p.webview, {
          asWebviewUri: (u: Uri) => u,
          onDidReceiveMessage: (cb: (m: unknown) => void) => {
            onMessage = cb;
            return disposable;
          },
          postMessage: async (m: unknown) => {
            p.sendToPage(m);
            return true;
          },
        });
        fake.panels.push(p);
        fake.onPanel(p);
        return {
          webview,
          visible: true,
          viewColumn: 2,
          reveal: () => undefined,
          dispose: () => undefined,
          onDidDispose: () => disposable,
          onDidChangeViewState: () => disposable,
        };
      },
      registerWebviewPanelSerializer: () => disposable,
      showTextDocument: async (uri: Uri, opts: { selection: Range }) => {
        fake.opened.push({ path: uri.path, line: opts.selection.start.line, character: opts.selection.start.character });
      },
      showWarningMessage: async () => undefined,
      showInformationMessage: async () => undefined,
      showSaveDialog: async () => (fake.saveTo ? Uri.file(fake.saveTo) : undefined),
    },
    workspace: {
      workspaceFolders: [{ uri: Uri.file(workspace), name: 'tmp', index: 0 }],
      getWorkspaceFolder: (u: Uri) => folders.find((f) => u.path === f.uri.path || u.path.startsWith(f.uri.path + '/')),
      asRelativePath: (u: Uri) => u.path,
      fs: {
        readFile: async (u: Uri) => readFileSync(u.path),
        writeFile: async (u: Uri, data: Uint8Array) => writeFileSync(u.path, data),
      },
    },
    languages: { onDidChangeDiagnostics: () => disposable },
    commands: { executeCommand: async () => undefined },
  };
  // `require('vscode')` resolves to the stub while the suite runs.
  const mod = Module as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string };
  const original = mod._resolveFilename;
  const id = path.join(tmpdir(), '__privet_vscode_stub__.js');
  mod._resolveFilename = function (request: string, ...rest: unknown[]) {
    return request === 'vscode' ? id : original.call(this, request, ...rest);
  };
  const cached = new Module(id);
  cached.filename = id;
  cached.loaded = true;
  cached.exports = vscode;
  require.cache[id] = cached;
  fake.uninstall = () => {
    mod._resolveFilename = original;
    delete require.cache[id];
  };
  return fake;
}
