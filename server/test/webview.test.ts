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
  const label = page.locator(`g.node[data-id="event:${EVIL}"] text.node-label`);
  assert.equal(await label.textContent(), EVIL, 'the event name is drawn verbatim');
  assert.equal(await page.locator('img').count(), 0, 'no <img> element was created');
  const aria = await page.locator(`g.node[data-id="event:${EVIL}"]`).getAttribute('aria-label');
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
});

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
