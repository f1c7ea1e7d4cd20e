/**
 * `privet export KIND [paths…] [--output FILE] [--manifest FILE]` end to end: the built CLI
 * (`npm run build` first) on the sample API and on temporary projects.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { exportKinds } from '../../src/core/services/complianceExports';
import { checkXml, MANIFEST, parseCsv, SOURCE } from '../core/complianceExports.test';

function repoRoot(): string {
  let dir = __dirname;
  while (!existsSync(path.join(dir, 'esbuild.mjs'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no repository root above ${__dirname}`);
    dir = parent;
  }
  return dir;
}

const root = repoRoot();
const built = path.join(root, 'dist', 'cli.js');
let cli = built;
const run = (cwd: string, ...args: string[]) => spawnSync(process.execPath, [cli, 'export', ...args], { cwd, encoding: 'utf8' });

/**
 * Runs the tests on a copy of the bundle (cli.js and the worker next to it): a build started
 * elsewhere while the suite runs rewrites dist/ in place, and a half-written bundle is not a test
 * failure. The copy is taken when the bundle is complete (same size twice, and it parses).
 */
function snapshotBundle(into: string): string {
  const dir = path.join(into, 'dist');
  mkdirSync(dir, { recursive: true });
  for (let attempt = 0; attempt < 20; attempt++) {
    const size = statSync(built).size;
    for (const f of ['cli.js', 'worker.js']) if (existsSync(path.join(root, 'dist', f))) copyFileSync(path.join(root, 'dist', f), path.join(dir, f));
    const copy = path.join(dir, 'cli.js');
    if (size > 0 && statSync(copy).size === size && spawnSync(process.execPath, ['--check', copy]).status === 0) return copy;
    spawnSync(process.execPath, ['-e', 'setTimeout(() => {}, 500)']);
  }
  return built;
}

suite('cli: privet export', () => {
  let tmp: string;
  suiteSetup(function () {
    if (!existsSync(built)) this.skip();
    tmp = mkdtempSync(path.join(tmpdir(), 'privet-export-'));
    cli = snapshotBundle(tmp);
  });
  suiteTeardown(() => {
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  test('ropa-md samples/api: the record of the sample API, paths relative to the current directory', () => {
    const r = run(root, 'ropa-md', 'samples/api');
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stderr, '');
    assert.match(r.stdout, /^# Record of Processing Activities \(GDPR Art\. 30\(1\)\)\n/);
    assert.match(r.stdout, /\| product-analytics via segment \| Consent \(GDPR Art\. 6\(1\)\(a\)\) \| Twilio Segment \(segment\) \| US; safeguard: SCCs \| 2 years \(P2Y\) \| Declared, seen in code \|/);
    assert.match(r.stdout, /\| product-analytics via posthog \| Consent \(GDPR Art\. 6\(1\)\(a\)\) \| PostHog \(posthog\) \| None: processed in EU \(EEA\) \| 1 year \(P1Y\) \| Declared, seen in code \|/);
    assert.match(r.stdout, /\| Events \| Plan Cancelled; Plan Upgraded \|/);
    assert.match(r.stdout, /\| Source files \| samples\/api\/src\/routes\/subscriptions\.ts \|/);
    assert.ok(!r.stdout.includes(root), 'no absolute path of this machine');
  });

  test('every KIND on samples/api exits 0 with its format, the same bytes twice', () => {
    for (const kind of exportKinds) {
      const a = run(root, kind, 'samples/api');
      assert.equal(a.status, 0, `${kind}: ${a.stderr}`);
      assert.ok(a.stdout.length > 0, kind);
      assert.equal(run(root, kind, 'samples/api').stdout, a.stdout, `${kind} is deterministic`);
      if (kind === 'ropa-csv' || kind === 'play-csv') {
        const rows = parseCsv(a.stdout);
        for (const row of rows) assert.equal(row.length, rows[0].length, `${kind}: ${row.join(' | ')}`);
      }
      if (kind === 'xcprivacy') {
        checkXml(a.stdout);
        assert.match(a.stdout, /<key>NSPrivacyTracking<\/key>\n\t<false\/>/);
        assert.ok(a.stdout.includes('<string>NSPrivacyCollectedDataTypePurchaseHistory</string>'));
      }
      if (kind === 'fides') {
        const doc = parseYaml(a.stdout) as { system: { fides_key: string; name: string }[] };
        // The app's name comes from the package.json next to the manifest.
        assert.deepEqual(
          doc.system.map((s) => `${s.fides_key}: ${s.name}`),
          ['privet_sample_api: privet-sample-api', 'posthog: PostHog', 'segment: Twilio Segment'],
        );
      }
      if (kind === 'notice-md') assert.match(a.stdout, /^# How privet-sample-api uses your data\n/);
    }
  });

  test('--output FILE writes the file and says so on stderr', () => {
    const out = path.join(tmp, 'ropa.csv');
    const r = run(root, 'ropa-csv', 'samples/api', '--output', out);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^privet: wrote .*ropa\.csv \(ropa-csv, \d+ tracking calls\)\n$/);
    const rows = parseCsv(readFileSync(out, 'utf8'));
    assert.equal(rows[0][0], 'Processing activity');
    assert.equal(rows.length, 3);
  });

  test('a project with a hostile event name: every format is written and escaped', () => {
    const dir = path.join(tmp, 'hostile');
    mkdirSync(path.join(dir, 'src'), { recursive: true });
    writeFileSync(path.join(dir, 'privacy.yaml'), MANIFEST);
    writeFileSync(path.join(dir, 'src/app.ts'), SOURCE);
    for (const kind of exportKinds) {
      const r = run(dir, kind);
      assert.equal(r.status, 0, `${kind}: ${r.stderr}`);
      if (kind.endsWith('-md') || kind === 'xcprivacy') assert.doesNotMatch(r.stdout, /<script/, kind);
    }
    assert.ok(run(dir, 'ropa-md').stdout.includes('Order &lt;script&gt;alert(1)&lt;/script&gt; Completed'));
  });

  test('--manifest FILE governs files that have no privacy.yaml of their own', () => {
    const dir = path.join(tmp, 'override');
    mkdirSync(path.join(dir, 'src'), { recursive: true });
    mkdirSync(path.join(dir, 'policy'), { recursive: true });
    writeFileSync(path.join(dir, 'policy/privacy.yaml'), MANIFEST);
    writeFileSync(path.join(dir, 'src/app.ts'), SOURCE);
    const r = run(dir, 'ropa-csv', 'src', '--manifest', 'policy/privacy.yaml');
    assert.equal(r.status, 0, r.stderr);
    const rows = parseCsv(r.stdout);
    // The calls in src/ are governed by the manifest given, so they count as seen.
    assert.deepEqual(
      rows.slice(1).map((row) => `${row[0]}: ${row[row.length - 1]}`),
      [
        'ads via meta: Declared, seen in code',
        'health via segment: Needs review: Art. 9 explicit consent without a consent category',
        'product-analytics via posthog: Declared, seen in code',
        'product-analytics via segment: Needs review: undeclared properties',
      ],
    );
  });

  test('an unknown or missing KIND exits 2 with one clear line', () => {
    const r = run(root, 'pdf', 'samples/api');
    assert.equal(r.status, 2);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, `privet: Unknown export 'pdf': use ${exportKinds.join(', ')}\n`);
    const none = run(root);
    assert.equal(none.status, 2);
    assert.equal(none.stderr.split('\n').length, 2, none.stderr);
    assert.match(none.stderr, /^privet: privet export needs a KIND: ropa-csv, /);
  });

  test('no manifest exits 2 with one clear line', () => {
    const dir = path.join(tmp, 'bare');
    mkdirSync(path.join(dir, 'src'), { recursive: true });
    writeFileSync(path.join(dir, 'src/app.ts'), SOURCE);
    const r = run(dir, 'ropa-md');
    assert.equal(r.status, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^privet: No privacy\.yaml governs \.: an export is made from code plus manifest \(use --manifest FILE, or run privet init\)\n$/);
    const missing = run(dir, 'ropa-md', '--manifest', 'nope.yaml');
    assert.equal(missing.status, 2);
    assert.equal(missing.stderr, 'privet: Cannot read manifest nope.yaml\n');
  });

  test('a manifest that does not parse exits 2 and points at privet check', () => {
    const dir = path.join(tmp, 'broken');
    mkdirSync(path.join(dir, 'src'), { recursive: true });
    writeFileSync(path.join(dir, 'privacy.yaml'), 'version: 1\npurposes: [\n');
    writeFileSync(path.join(dir, 'src/app.ts'), SOURCE);
    const r = run(dir, 'fides');
    assert.equal(r.status, 2, r.stdout);
    assert.match(r.stderr, /^privet: The manifest privacy\.yaml cannot be used.*\(run privet check for details\)\n$/);
  });
});
