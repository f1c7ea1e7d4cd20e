/**
 * What goes into the .vsix: `vsce ls` (offline; the same file list `vsce package` zips) must
 * show the bundles, the grammar, the manifest files and nothing else — no sources, tests,
 * samples, source maps or node_modules (everything is bundled by esbuild).
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The repository root (tests run from out/server/test/, sources live in server/test/). */
function repoRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'esbuild.mjs'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no repository root above ${__dirname}`);
    dir = parent;
  }
  return dir;
}

const root = repoRoot();
const bundles = ['dist/client.js', 'dist/server.js', 'dist/cli.js'];

/** `npx vsce ls --no-dependencies`, run through the local vsce binary. */
function vsceLs(): string[] {
  const vsce = path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
  const stdout = execFileSync(process.execPath, [vsce, 'ls', '--no-dependencies'], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 60_000,
  });
  return stdout
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}

suite('packaging: vsce ls', function () {
  this.timeout(120_000);
  let files: string[];

  suiteSetup(() => {
    // `npm test` builds first; when run alone, build what is missing (vsce ls lists what is on disk).
    if (bundles.some((b) => !fs.existsSync(path.join(root, b)))) {
      execFileSync(process.execPath, ['esbuild.mjs'], { cwd: root, stdio: 'inherit', timeout: 60_000 });
    }
    files = vsceLs();
  });

  test('ships the bundles, the grammar and the manifest files', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    const expected = [
      ...bundles,
      'package.json',
      'README.md',
      'LICENSE',
      'CHANGELOG.md',
      path.posix.normalize(pkg.main),
      ...(pkg.contributes?.grammars ?? []).map((g: { path: string }) => path.posix.normalize(g.path)),
    ];
    for (const file of expected) assert.ok(files.includes(file), `${file} is not in the package:\n${files.join('\n')}`);
    assert.ok(files.some((f) => f.startsWith('syntaxes/')), 'no syntaxes/ in the package');
  });

  test('ships the manifest schema that yamlValidation points to, once it exists', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    for (const { url } of pkg.contributes?.yamlValidation ?? []) {
      const file = path.posix.normalize(url);
      if (fs.existsSync(path.join(root, file))) assert.ok(files.includes(file), `${file} is not in the package`);
    }
  });

  test('ships no sources, maps, tests, samples or node_modules', () => {
    const unwanted = files.filter(
      (f) =>
        /\.(ts|tsx|mts|cts|map)$/.test(f) ||
        /^(samples|node_modules|out|client|server|scripts|docs|\.ci|test-results)\//.test(f) ||
        f.includes('/node_modules/') ||
        /^(tsconfig.*\.json|esbuild\.mjs|package-lock\.json|\.vscodeignore|\.gitignore|\.mocharc\.json)$/.test(f),
    );
    assert.deepEqual(unwanted, []);
  });

  test('README links stay inside the repository (vsce package refuses links it cannot rewrite)', () => {
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
    const broken: string[] = [];
    for (const m of readme.matchAll(/\]\(([^)\s]+)\)/g)) {
      const target = m[1].split('#')[0];
      if (!target || /^[a-z]+:/i.test(target)) continue;
      const abs = path.resolve(root, target);
      if (!abs.startsWith(root + path.sep) || !fs.existsSync(abs)) broken.push(m[1]);
    }
    assert.deepEqual(broken, []);
  });
});
