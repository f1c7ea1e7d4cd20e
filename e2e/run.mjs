#!/usr/bin/env node
/**
 * `npm run test:e2e`: the extension in a real VS Code, driven as a person drives it.
 *
 * 1. Installs (or reuses) code-server — the VS Code server and workbench, Node extension host
 *    included — and Debian's Chromium with e2e/install-code-server.sh, cached in
 *    $PRIVET_E2E_CACHE (default $HOME/.cache/code-server-e2e).
 * 2. Builds the .vsix (`npm run package`; or takes $PRIVET_E2E_VSIX) and installs it into a temp
 *    extensions dir with `--install-extension`.
 * 3. Copies samples/shop/web to a temp workspace (the scenarios edit it), writes user settings
 *    (no welcome page, walkthroughs, telemetry, updates, restored windows or workspace trust)
 *    and starts code-server on a free 127.0.0.1 port.
 * 4. Opens the workbench in headless Chromium (playwright-core) and runs the Mocha scenarios
 *    e2e/*.e2e.mjs in file-name order against that one page ($PRIVET_E2E_GREP picks some).
 * 5. Kills code-server (its whole process group: extension host, language server) and the
 *    browser, whatever happened.
 *
 * Artifacts in test-results/e2e/: a screenshot per scenario, `<test>-failed.png` and
 * `<test>-privet.log` for a failure, and the logs (code-server, extension host, Privet output).
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import Mocha from 'mocha';
import { chromium } from 'playwright-core';
import { session, waitFor } from './workbench.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const outDir = path.join(root, 'test-results', 'e2e');
const cacheDir = process.env.PRIVET_E2E_CACHE || path.join(os.homedir(), '.cache', 'code-server-e2e');
const entry = path.join(cacheDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
const sample = path.join(root, 'samples', 'shop', 'web');

/** Chromium's flags on these machines (see install-code-server.sh). */
const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** User settings: nothing but the workbench and the extension on screen, nothing phoning home. */
const userSettings = {
  'workbench.startupEditor': 'none',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'window.restoreWindows': 'none',
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'update.showReleaseNotes': false,
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'git.enabled': false,
  'git.openRepositoryInParentFolders': 'never',
  'typescript.surveys.enabled': false,
  'typescript.disableAutomaticTypeAcquisition': true,
  'npm.fetchOnlinePackageInfo': false,
  'editor.minimap.enabled': false,
  // VS Code for the web saves after a delay by default; the desktop, which the scenarios stand
  // for ("a finding appears without saving"), does not.
  'files.autoSave': 'off',
};

const started = Date.now();
const timings = [];
function step(name, since) {
  const ms = Date.now() - since;
  timings.push(`${name} ${(ms / 1000).toFixed(1)}s`);
  console.log(`e2e: ${name} (${(ms / 1000).toFixed(1)}s)`);
}

/** Runs a command with its output in a log file; on failure prints the log's tail and throws. */
function runLogged(name, command, args, options = {}) {
  const t = Date.now();
  const log = path.join(outDir, `${name}.log`);
  const result = spawnSync(command, args, { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...options });
  fs.writeFileSync(log, `$ ${command} ${args.join(' ')}\n${result.stdout ?? ''}${result.stderr ?? ''}`);
  if (result.status !== 0) {
    const tail = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim().split('\n').slice(-25).join('\n');
    throw new Error(`${name} failed (exit ${result.status ?? result.signal}); ${path.relative(root, log)}:\n${tail}`);
  }
  step(name, t);
  return result.stdout;
}

/** A free TCP port on 127.0.0.1. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {net.AddressInfo} */ (server.address());
      server.close(() => resolve(port));
    });
  });
}

/** Copies the logs worth reading from the user-data dir (the Privet output channel among them). */
export function collectLogs(userDataDir, target) {
  const logs = path.join(userDataDir, 'logs');
  if (!fs.existsSync(logs)) return;
  fs.mkdirSync(target, { recursive: true });
  for (const file of fs.readdirSync(logs, { recursive: true })) {
    const name = String(file);
    if (!/(Privet\.log|exthost\.log|remoteagent\.log|TypeScript\.log)$/.test(name)) continue;
    fs.copyFileSync(path.join(logs, name), path.join(target, path.basename(name).replace(/\s+/g, '-')));
  }
}

/** Cleanup actions, run in reverse order on exit, on failure and on a signal (once: later calls wait for it). */
const cleanups = [];
let cleaning;
function cleanup() {
  cleaning ??= (async () => {
    for (const fn of cleanups.reverse()) {
      try {
        await fn();
      } catch (error) {
        console.error(`e2e: cleanup: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  })();
  return cleaning;
}
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    console.error(`e2e: ${signal}: stopping code-server and the browser`);
    void cleanup().then(() => process.exit(130));
  });
}

/** Kills a process group (detached child) and waits for the leader to exit, SIGKILL after 5 s. */
async function killGroup(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    return;
  }
  const timer = setTimeout(() => {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      /* gone */
    }
  }, 5_000);
  await exited;
  clearTimeout(timer);
  // Children that outlived the leader (the extension host, the language server) share its group.
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    /* all gone */
  }
}

/** `<slug>-failed.png` and `<slug>-privet.log` (the Privet output channel) for a failed test or hook. */
async function saveFailureArtifacts(page, userDataDir, title) {
  const slug = title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 80);
  await page.screenshot({ path: path.join(outDir, `${slug}-failed.png`) }).catch(() => undefined);
  const logs = path.join(outDir, `${slug}-logs`);
  collectLogs(userDataDir, logs);
  const privet = path.join(logs, 'Privet.log');
  if (fs.existsSync(privet)) fs.renameSync(privet, path.join(outDir, `${slug}-privet.log`));
  fs.rmSync(logs, { recursive: true, force: true });
}

async function main() {
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(outDir, { recursive: true });

  // 1. code-server and Chromium.
  runLogged('install-code-server', 'bash', [path.join(here, 'install-code-server.sh'), cacheDir]);
  if (!fs.existsSync(entry)) throw new Error(`code-server is not in ${cacheDir} after install-code-server.sh`);

  // 2. The .vsix.
  let vsix = process.env.PRIVET_E2E_VSIX;
  if (vsix) console.log(`e2e: using ${vsix} (PRIVET_E2E_VSIX)`);
  else {
    runLogged('package', 'npm', ['run', 'package']);
    vsix = path.join(root, 'privet.vsix');
  }

  const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'privet-e2e-'));
  cleanups.push(() => fs.rmSync(temp, { recursive: true, force: true }));
  const userDataDir = path.join(temp, 'user-data');
  const extensionsDir = path.join(temp, 'extensions');
  const config = path.join(temp, 'config.yaml');
  const workspace = path.join(temp, 'web');
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), `${JSON.stringify(userSettings, undefined, 2)}\n`);
  fs.writeFileSync(config, 'auth: none\n');
  fs.cpSync(sample, workspace, { recursive: true, filter: (src) => !src.includes(`${path.sep}node_modules`) });
  const common = ['--config', config, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];
  // code-server keeps a heartbeat and logs under $XDG_DATA_HOME/code-server: keep them in the temp dir too.
  const env = { ...process.env, XDG_DATA_HOME: path.join(temp, 'data') };
  cleanups.push(() => collectLogs(userDataDir, path.join(outDir, 'logs')));

  const installed = runLogged('install-extension', process.execPath, [entry, ...common, '--install-extension', vsix], { env });
  if (!/successfully installed/i.test(installed)) throw new Error(`the .vsix did not install:\n${installed}`);

  // 3. code-server.
  let t = Date.now();
  const port = await freePort();
  const serverLog = fs.openSync(path.join(outDir, 'code-server.log'), 'w');
  const server = spawn(
    process.execPath,
    [entry, ...common, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override', workspace],
    { cwd: temp, env, detached: true, stdio: ['ignore', serverLog, serverLog] },
  );
  cleanups.push(() => killGroup(server));
  const base = `http://127.0.0.1:${port}`;
  await waitFor(
    'code-server to answer /healthz',
    async () => {
      if (server.exitCode !== null) throw new Error(`code-server exited with ${server.exitCode}; see test-results/e2e/code-server.log`);
      return (await fetch(`${base}/healthz`)).ok;
    },
    (ok) => ok,
    { timeout: 60_000, interval: 200 },
  );
  step('start code-server', t);

  // 4. The browser and the scenarios.
  t = Date.now();
  // Signals are ours to handle: cleanup() closes the browser and kills code-server, then exits.
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: chromiumArgs, handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false });
  cleanups.push(() => browser.close());
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  const consoleErrors = [];
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(`pageerror: ${e.message}`));
  page.on('response', (r) => {
    if (r.status() >= 400) consoleErrors.push(`HTTP ${r.status()} ${r.url()}`);
  });
  cleanups.push(() => fs.writeFileSync(path.join(outDir, 'browser-console.log'), consoleErrors.join('\n') + '\n'));
  await page.goto(`${base}/?folder=${encodeURIComponent(workspace)}`);
  await page.locator('.monaco-workbench .part.editor').waitFor({ state: 'visible', timeout: 60_000 });
  // The extension is active once its status-bar item is there.
  await page.locator('.statusbar-item', { hasText: 'Privet' }).first().waitFor({ state: 'visible', timeout: 60_000 });
  step('open the workbench', t);

  // The CLI of the installed .vsix: the scenarios compare the editor with what it reports.
  const installedDir = fs.readdirSync(extensionsDir).find((d) => d.startsWith('privet.privet-'));
  if (!installedDir) throw new Error(`no privet.privet-* in ${extensionsDir}`);
  Object.assign(session, { page, workspace, userDataDir, outDir, root, cli: path.join(extensionsDir, installedDir, 'dist', 'cli.js') });

  t = Date.now();
  const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', timeout: 120_000, slow: 10_000, color: process.stdout.isTTY, grep: process.env.PRIVET_E2E_GREP || undefined });
  for (const file of fs.readdirSync(here).filter((f) => f.endsWith('.e2e.mjs')).sort()) mocha.addFile(path.join(here, file));
  await mocha.loadFilesAsync();
  // On a failure (a test or a hook), at once: a screenshot of what the page shows, and the logs.
  const artifacts = [];
  const stats = await new Promise((resolve) => {
    const runner = mocha.run(() => resolve(runner.stats));
    runner.on('fail', (test) => artifacts.push(saveFailureArtifacts(page, userDataDir, test.fullTitle())));
  });
  await Promise.all(artifacts);
  step('scenarios', t);
  return stats;
}

let exitCode = 1;
try {
  const stats = await main();
  console.log(`e2e: ${stats.passes} passed, ${stats.failures} failed${stats.pending ? `, ${stats.pending} skipped` : ''}`);
  exitCode = stats.failures === 0 && stats.passes > 0 ? 0 : 1;
} catch (error) {
  console.error(`e2e: ${error instanceof Error ? error.message : String(error)}`);
} finally {
  await cleanup();
  console.log(`e2e: ${timings.join(', ')}; total ${((Date.now() - started) / 1000).toFixed(1)}s; artifacts in ${path.relative(process.cwd(), outDir) || '.'}`);
}
process.exit(exitCode);
