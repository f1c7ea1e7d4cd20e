/**
 * Runs the VS Code end-to-end suite (`npm run test:vscode`) with @vscode/test-electron:
 * builds the bundles, copies the sample web shop (`samples/shop/web`, as `npm run test:e2e` does)
 * to a temp workspace (tests may edit files), and starts VS Code on it with a temp user-data dir
 * and no other extensions.
 *
 * VS Code is downloaded on first use. Where that is impossible (no network), the run is skipped
 * with a message and exit code 0, so that `test:vscode` can sit in scripts run on such machines.
 * `PRIVET_VSCODE_VERSION` picks the version (default `stable`; e.g. `1.91.0` for the minimum).
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';

/** The repository root (this file runs as out/client/test/runTest.js). */
function repoRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'esbuild.mjs'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no repository root above ${__dirname}`);
    dir = parent;
  }
  return dir;
}

/** Idle timeout of the VS Code download (ms): long enough for a slow mirror, short offline. */
const downloadIdleTimeoutMs = 20_000;

async function main(): Promise<number> {
  const root = repoRoot();
  const version = process.env.PRIVET_VSCODE_VERSION || 'stable';

  let vscodeExecutablePath: string;
  try {
    vscodeExecutablePath = await downloadAndUnzipVSCode({ version, timeout: downloadIdleTimeoutMs });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    console.log(`test:vscode skipped: VS Code could not be downloaded on this machine (${reason.split('\n')[0]})`);
    return 0;
  }

  // The extension runs from dist/, so build the current sources first.
  execFileSync(process.execPath, ['esbuild.mjs'], { cwd: root, stdio: 'inherit' });

  const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'privet-e2e-'));
  const workspace = path.join(temp, 'workspace');
  fs.cpSync(path.join(root, 'samples', 'shop', 'web'), workspace, { recursive: true });
  const userDataDir = path.join(temp, 'user-data');
  fs.mkdirSync(userDataDir);

  try {
    await runTests({
      vscodeExecutablePath,
      extensionDevelopmentPath: root,
      extensionTestsPath: path.join(__dirname, 'suite', 'index'),
      extensionTestsEnv: { PRIVET_E2E_WORKSPACE: workspace },
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes', `--user-data-dir=${userDataDir}`],
    });
    return 0;
  } catch (error) {
    console.error(`test:vscode failed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    fs.rmSync(temp, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
