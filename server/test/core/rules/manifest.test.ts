/**
 * manifest-missing, manifest-syntax, manifest-schema, unused-event, unused-declaration,
 * missing-retention; and the engine (sorting, never throwing, rule metadata and docs).
 */
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { allRules, compareFindings, runRules } from '../../../src/core/rules';
import type { Rule } from '../../../src/core/rules/ruleTypes';
import { BASE, TODAY, at, dedent, messages, of, run } from './harness';

suite('rules: manifest-missing', () => {
  test('one info per file with calls, at its first call, saying how to create a manifest', async () => {
    const r = await run({ 'src/a.ts': `\n\nanalytics.track('A');\nanalytics.track('B');\n`, 'src/b.ts': `fbq('track', 'C');\n`, 'src/c.ts': `const x = 1;\n` }, null);
    const fs = of(r, 'manifest-missing');
    assert.deepEqual(fs.map((f) => `${f.file} ${at(f)} ${f.severity}`), ['src/a.ts 3:1 info', 'src/b.ts 1:1 info']);
    assert.equal(fs[0].message, 'No privacy.yaml governs this file: its 2 tracking calls are inventoried but not checked. Run `privet init` to create a manifest from the calls found');
    assert.deepEqual(r.findings.filter((f) => f.rule !== 'manifest-missing'), []);
  });
  test('not when a manifest governs', async () => {
    const r = await run({ 'src/a.ts': `analytics.track('A');\n` }, BASE);
    assert.deepEqual(of(r, 'manifest-missing'), []);
  });
});

suite('rules: manifest-syntax and manifest-schema', () => {
  test('a YAML syntax error is reported in the manifest; call rules do not run', async () => {
    const r = await run({ 'src/a.ts': `analytics.track('A');\n` }, 'version: 1\nevents: [\n');
    const fs = of(r, 'manifest-syntax');
    assert.ok(fs.length >= 1);
    assert.equal(fs[0].file, 'privacy.yaml');
    assert.equal(fs[0].severity, 'error');
    assert.deepEqual(r.findings.filter((f) => f.file !== 'privacy.yaml'), []);
  });
  test('schema problems at their node', async () => {
    const r = await run({ 'src/a.ts': `analytics.track('Order Completed', { plan: 'pro' });\n` }, BASE.replace('      plan: user.behavior\n', '      plan: user.behaviour\n'));
    const fs = of(r, 'manifest-schema');
    assert.equal(fs.length, 1);
    assert.match(fs[0].message, /user\.behaviour/);
    assert.equal(at(fs[0]), `${BASE.split('\n').findIndex((l) => l.includes('plan: user.behavior')) + 1}:13`);
  });
});

suite('rules: unused-event', () => {
  test('only with the whole scope', async () => {
    const files = { 'src/a.ts': `analytics.track('Order Completed', { plan: 'pro' });\n` };
    assert.deepEqual(of(await run(files, BASE), 'unused-event'), []);
    const r = await run(files, BASE, { wholeScope: true });
    assert.deepEqual(messages(r, 'unused-event'), ["Event 'Page Viewed' is declared in privacy.yaml but no call in the checked files sends it"]);
    assert.equal(of(r, 'unused-event')[0].event, 'Page Viewed');
  });
  test('a page call without a name uses the page events', async () => {
    const r = await run({ 'src/a.ts': `analytics.track('Order Completed', {});\nanalytics.page();\n` }, BASE, { wholeScope: true });
    assert.deepEqual(of(r, 'unused-event'), []);
  });
});

suite('rules: unused-declaration', () => {
  test('purposes and consent categories from the manifest; destinations with the whole scope', async () => {
    const m = BASE.replace('version: 1\n', 'version: 1\nconsent:\n  categories:\n    analytics: {}\n');
    const files = { 'src/a.ts': `analytics.track('Order Completed', {});\n` };
    const r = await run(files, m);
    assert.deepEqual(messages(r, 'unused-declaration'), [
      "Consent category 'analytics' is declared but no purpose in privacy.yaml needs it",
      "Purpose 'marketing' is declared but no event, property, identity or technique in privacy.yaml uses it",
    ]);
    assert.equal(of(r, 'unused-declaration')[0].severity, 'info');
    const r2 = await run(files, m, { wholeScope: true });
    assert.ok(messages(r2, 'unused-declaration').includes("Destination 'meta' is declared but no call in the checked files sends to it"));
    assert.ok(!messages(r2, 'unused-declaration').some((x) => x.includes("'segment'")));
  });
});

suite('rules: missing-retention', () => {
  test('a destination receiving personal data without retention or region', async () => {
    const m = BASE.replace('    region: US\n    retention: P1Y\n  meta:', '  meta:');
    const r = await run({ 'src/a.ts': `analytics.track('Order Completed', { email: u.email });\nfbq('track', 'X', { email: u.email });\n` }, m);
    assert.deepEqual(messages(r, 'missing-retention'), ["Destination 'segment' receives personal data (e.g. 'email' (user.contact.email)) but declares no retention and no region"]);
    assert.equal(of(r, 'missing-retention')[0].file, 'privacy.yaml');
  });
  test('no personal data, no finding', async () => {
    const m = BASE.replace('    region: US\n    retention: P1Y\n  meta:', '  meta:');
    const r = await run({ 'src/a.ts': `analytics.track('Order Completed', { button: 'buy' });\n` }, m);
    assert.deepEqual(of(r, 'missing-retention'), []);
  });
});

suite('rule engine', () => {
  test('23 rules, each with metadata and a documentation page', () => {
    assert.equal(allRules.length, 23);
    const ids = allRules.map((r) => r.meta.id);
    assert.equal(new Set(ids).size, 23);
    const rulesMd = readFileSync('/work/shared/spec/rules.md', 'utf8');
    for (const r of allRules) {
      assert.ok(rulesMd.includes('`' + r.meta.id + '`'), r.meta.id);
      const doc = join(__dirname, '../../../../../docs/rules', `${r.meta.id}.md`);
      assert.ok(existsSync(doc), `docs/rules/${r.meta.id}.md`);
      assert.ok(r.meta.description.length > 10);
      assert.ok(['error', 'warning', 'info'].includes(r.meta.defaultSeverity));
    }
    // Default severities of rules.md.
    const sev = Object.fromEntries(allRules.map((r) => [r.meta.id, r.meta.defaultSeverity]));
    for (const line of rulesMd.split('\n')) {
      const m = /^\| `([a-z-]+)` \| (error|warning|info) \|/.exec(line);
      if (m) assert.equal(sev[m[1]], m[2], m[1]);
    }
  });

  test('findings are sorted by file, line, column, rule', async () => {
    const r = await run({ 'src/b.ts': `analytics.track('X', { email: e.email });\n`, 'src/a.ts': `analytics.track('Y');\n` }, BASE);
    const sorted = [...r.findings].sort(compareFindings);
    assert.deepEqual(r.findings, sorted);
    assert.deepEqual([...new Set(r.findings.map((f) => f.file))], ['privacy.yaml', 'src/a.ts', 'src/b.ts'].filter((f) => r.findings.some((x) => x.file === f)));
  });

  test('a rule that throws is logged to errors; the others still report', async () => {
    const boom: Rule = { meta: { id: 'boom', defaultSeverity: 'error', description: 'throws every time', fixable: false, scope: 'call' }, checkCall() { throw new Error('kaput'); } };
    allRules.push(boom);
    try {
      const r = await run({ 'src/a.ts': `analytics.track('Nope');\n` }, BASE);
      assert.deepEqual(r.errors.map((e) => `${e.rule} ${e.message}`), ['boom kaput']);
      assert.equal(of(r, 'undeclared-event').length, 1);
    } finally {
      allRules.pop();
    }
  });

  test('garbage input does not throw', () => {
    const out = runRules({ calls: [null as never], parsed: null, manifestPath: null, manifestDir: '', files: [], getText: () => { throw new Error('x'); }, today: TODAY, wholeScope: false });
    assert.ok(Array.isArray(out.findings));
  });

  test('annotations fill destinations, declared categories and guarded', async () => {
    const r = await run({ 'src/a.ts': `if (consent.ok) analytics.track('Order Completed', { plan: 'pro', email: e.email });\n` }, BASE);
    const c = r.calls[0];
    assert.deepEqual(c.destinations, ['segment']);
    assert.deepEqual(c.properties.map((p) => [p.key, p.declared, p.inferred]), [
      ['plan', 'user.behavior', 'user.behavior.purchase_history'],
      ['email', null, 'user.contact.email'],
    ]);
    assert.deepEqual(c.guarded, []);
  });

  test('dedent helper sanity', () => {
    assert.equal(dedent(`\n  a\n    b\n`), 'a\n  b\n');
  });
});
