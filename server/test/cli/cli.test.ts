/**
 * The real CLI binary (dist/cli.js, built by `npm run build`) on fixtures and samples: the JSON
 * contract, exit codes, flags, `init`, `--fix`, and bad input.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../../../..');
const CLI = path.join(ROOT, 'dist/cli.js');

function run(args: string[], cwd = ROOT): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

function json(args: string[], cwd = ROOT) {
  const r = run([...args, '--format', 'json'], cwd);
  return { ...r, report: JSON.parse(r.stdout) };
}

function tempCopy(src: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'privet-cli-'));
  cpSync(path.join(ROOT, src), dir, { recursive: true });
  return dir;
}

suite('cli', () => {
  suiteSetup(function () {
    if (!existsSync(CLI)) throw new Error('dist/cli.js is missing: run npm run build');
  });

  test('JSON golden: the contract of cli.md, field for field', () => {
    const cwd = path.join(ROOT, 'server/test/fixtures/cli/golden');
    const { code, report } = json(['check'], cwd);
    const expected = JSON.parse(readFileSync(path.join(cwd, 'expected.json'), 'utf8'));
    assert.equal(code, 1);
    assert.equal(typeof report.summary.ms, 'number');
    delete report.summary.ms;
    assert.deepEqual(report, expected);
    // Field order as in the contract.
    assert.deepEqual(Object.keys(report), ['version', 'tool', 'manifests', 'diagnostics', 'calls', 'summary']);
    assert.deepEqual(Object.keys(report.calls[0]), ['file', 'line', 'column', 'sdk', 'via', 'destinations', 'kind', 'event', 'properties', 'guarded', 'technique']);
  });

  test('the clean sample reports nothing and exits 0', () => {
    const { code, report } = json(['check', 'samples/api']);
    assert.equal(code, 0);
    assert.deepEqual(report.diagnostics, []);
    assert.ok(report.calls.length >= 4, `calls: ${report.calls.length}`);
    assert.ok(report.calls.some((c: { via: string | null }) => c.via === 'recordEvent'));
  });

  test('the violations sample shows every rule of rules.md and exits 1', () => {
    const { code, report } = json(['check', 'samples/shop']);
    assert.equal(code, 1);
    const rules = new Set(report.diagnostics.filter((d: { suppressed: boolean }) => !d.suppressed).map((d: { rule: string }) => d.rule));
    const all = run(['rules', '--format', 'json']);
    const ids = (JSON.parse(all.stdout) as { id: string }[]).map((r) => r.id);
    assert.equal(ids.length, 23);
    const missing = ids.filter((id) => !rules.has(id));
    assert.deepEqual(missing, [], `rules that never fire on samples/shop: ${missing.join(', ')}`);
  });

  test('without a manifest every file with calls gets manifest-missing and calls are inventoried', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'privet-nomanifest-'));
    try {
      mkdirSync(path.join(dir, 'src'));
      writeFileSync(path.join(dir, 'src/a.ts'), "declare const gtag: any;\ngtag('event', 'sign_up', { method: 'google' });\n");
      writeFileSync(path.join(dir, 'src/b.js'), "window.dataLayer.push({ event: 'cta', label: 'hero' });\n");
      writeFileSync(path.join(dir, 'src/util.ts'), 'export const x = 1;\n');
      const { code, report } = json(['check'], dir);
      assert.equal(code, 0, 'infos do not fail the run');
      assert.deepEqual(report.manifests, []);
      assert.deepEqual(report.diagnostics.map((d: { rule: string; file: string; severity: string }) => `${d.rule} ${d.file} ${d.severity}`), ['manifest-missing src/a.ts info', 'manifest-missing src/b.js info']);
      assert.deepEqual(report.calls.map((c: { sdk: string; event: string }) => `${c.sdk} ${c.event}`), ['ga4 sign_up', 'gtm cta']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('exit code 2 with one line on stderr for a bad run', () => {
    for (const args of [['check', '--format', 'xml'], ['check', '--bogus'], ['check', 'no/such/path'], ['check', '--manifest', 'no-such.yaml'], ['check', '--max-warnings', 'many'], ['check', '--rule', 'undeclared-event'], ['frobnicate']]) {
      const r = run(args);
      assert.equal(r.code, 2, `${args.join(' ')}: exit ${r.code}`);
      assert.equal(r.stdout, '', args.join(' '));
      const lines = r.stderr.trim().split('\n');
      assert.equal(lines.length, 1, `${args.join(' ')}: ${r.stderr}`);
      assert.match(lines[0], /^privet: /);
    }
  });

  test('--max-warnings, --rule and --quiet decide the exit code', () => {
    const cwd = path.join(ROOT, 'server/test/fixtures/cli/golden');
    assert.equal(run(['check', '--rule', 'undeclared-property:off'], cwd).code, 0, 'one warning, no limit');
    assert.equal(run(['check', '--rule', 'undeclared-property:off', '--max-warnings', '0'], cwd).code, 1);
    assert.equal(run(['check', '--rule', 'undeclared-property:warn', '--max-warnings', '2'], cwd).code, 0);
    const quiet = json(['check', '--quiet'], cwd).report;
    assert.deepEqual(quiet.diagnostics.map((d: { severity: string }) => d.severity), ['error']);
    const off = json(['check', '--rule', 'data-minimization:off', '--rule', 'undeclared-property:off'], cwd);
    assert.equal(off.code, 0);
    assert.deepEqual(off.report.diagnostics, []);
  });

  test('--output writes the report to a file; github and sarif formats', () => {
    const cwd = path.join(ROOT, 'server/test/fixtures/cli/golden');
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'privet-out-')), 'r.sarif');
    const r = run(['check', '--format', 'sarif', '--output', out], cwd);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    const sarif = JSON.parse(readFileSync(out, 'utf8'));
    assert.equal(sarif.version, '2.1.0');
    assert.equal(sarif.runs[0].results.length, 2);
    const gh = run(['check', '--format', 'github'], cwd);
    assert.match(gh.stdout, /^::error file=src\/checkout\.ts,line=8,col=62,endLine=8,endColumn=67,title=undeclared-property::Property 'email'/m);
  });

  test('init writes a manifest from the code, refuses to overwrite without --force', () => {
    const dir = tempCopy('samples/api');
    try {
      rmSync(path.join(dir, 'privacy.yaml'));
      const first = run(['init'], dir);
      assert.equal(first.code, 0, first.stderr);
      const yaml = readFileSync(path.join(dir, 'privacy.yaml'), 'utf8');
      assert.match(yaml, /Plan Upgraded:/);
      assert.match(yaml, /legal_basis: TODO/);
      const again = run(['init'], dir);
      assert.equal(again.code, 2);
      assert.match(again.stderr, /already exists; use --force/);
      assert.equal(run(['init', '--force'], dir).code, 0);
      // The generated manifest declares every event, property and destination the code uses.
      const { report } = json(['check'], dir);
      const rules = new Set(report.diagnostics.map((d: { rule: string }) => d.rule));
      for (const r of ['undeclared-event', 'undeclared-property', 'unknown-destination', 'destination-not-allowed']) assert.ok(!rules.has(r), `${r} after init`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('--fix leaves only findings without an automatic fix and keeps every manifest comment', () => {
    const dir = tempCopy('samples/shop');
    try {
      const manifest = path.join(dir, 'web/privacy.yaml');
      const comments = (t: string) => t.split('\n').map((l) => l.slice(l.indexOf('#'))).filter((l) => l.startsWith('#'));
      const before = comments(readFileSync(manifest, 'utf8'));
      run(['check', '--fix'], dir);
      const after = readFileSync(manifest, 'utf8');
      for (const c of before) assert.ok(comments(after).includes(c), `comment lost: ${c}`);
      const { report } = json(['check'], dir);
      const withSafeFix = report.diagnostics.filter((d: { rule: string }) => ['undeclared-event', 'undeclared-property', 'unknown-destination', 'undeclared-identity', 'undeclared-technique', 'unused-suppression', 'destination-not-allowed', 'category-mismatch'].includes(d.rule));
      assert.deepEqual(withSafeFix, []);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('sdks and rules list the catalogue and the rules', () => {
    const sdks = JSON.parse(run(['sdks', '--format', 'json']).stdout) as { id: string }[];
    for (const id of ['segment', 'ga4', 'gtm', 'meta-pixel', 'posthog', 'matomo', 'mixpanel', 'amplitude', 'sentry']) assert.ok(sdks.some((s) => s.id === id), id);
    const text = run(['rules']).stdout;
    assert.match(text, /undeclared-event\s+error/);
  });

  test('skips node_modules, build output, .gitignored and minified files; survives broken files', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'privet-skip-'));
    try {
      const w = (rel: string, text: string | Buffer) => {
        mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
        writeFileSync(path.join(dir, rel), text);
      };
      w('.gitignore', 'generated/\n');
      w('src/ok.ts', "analytics.track('Kept');\n");
      w('src/broken.ts', "analytics.track('Recovered', { a: 1 });\nfunction ( {{{ \n");
      w('src/binary.js', Buffer.from([0, 1, 2, 3, 0, 0, 255]));
      w('node_modules/x/index.js', "analytics.track('NodeModules');\n");
      w('dist/app.js', "analytics.track('Dist');\n");
      w('generated/a.ts', "analytics.track('Ignored');\n");
      w('public/app.min.js', 'var a=1;'.repeat(2000) + "analytics.track('Minified');");
      w('src/long.js', 'x=1;'.repeat(3000) + "\nanalytics.track('LongLine');\n");
      const { code, report } = json(['check', '--no-progress'], dir);
      assert.equal(code, 0);
      assert.deepEqual(report.calls.map((c: { event: string }) => c.event).sort(), ['Kept', 'Recovered']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('checking one file or a sub-folder still sees the project: wrappers elsewhere, no unused-event', () => {
    const cwd = path.join(ROOT, 'samples/shop/web');
    const file = json(['check', 'src/pages/Checkout.tsx'], cwd).report;
    const inFile = file.diagnostics.filter((d: { file: string }) => d.file === 'src/pages/Checkout.tsx').map((d: { rule: string }) => d.rule);
    assert.ok(inFile.includes('undeclared-property'), `findings of the checked file through its wrapper: ${inFile.join(', ')}`);
    assert.ok(file.calls.every((c: { file: string }) => c.file === 'src/pages/Checkout.tsx'), 'only the checked file is reported');
    assert.ok(file.calls.some((c: { via: string | null }) => c.via === 'trackEvent'));
    const folder = json(['check', 'src/pages'], cwd).report;
    assert.ok(!folder.diagnostics.some((d: { rule: string }) => d.rule === 'unused-event'), 'a sub-folder does not judge the whole manifest');
    const whole = json(['check'], cwd).report;
    assert.ok(whole.diagnostics.some((d: { rule: string }) => d.rule === 'unused-event'));
  });
});
