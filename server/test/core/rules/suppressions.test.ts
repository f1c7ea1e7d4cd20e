/**
 * In-source suppressions, manifest exceptions, unused-suppression, severity overrides.
 */
import * as assert from 'node:assert/strict';
import { parseSuppressions } from '../../../src/core/rules/suppressions';
import { BASE, MANIFEST, applyFix, dedent, of, run } from './harness';

const EMAIL = `analytics.track('Order Completed', { email: user.email });`;

suite('suppressions: comments', () => {
  test('parsing: kinds, rule lists, reasons; strings are not comments', () => {
    const text = dedent(`
      // privet-disable-next-line undeclared-property, category-mismatch -- reviewed in DPIA-3
      const s = "// privet-disable-line undeclared-event";
      x(); // privet-disable-line
      /* privet-disable undeclared-event */
      y();
      /* privet-enable undeclared-event */
      const re = /privet-disable-line/;
    `);
    const s = parseSuppressions('a.ts', text);
    assert.deepEqual(
      s.map((x) => [x.kind, x.rules.join(','), x.justification, x.line ?? `${x.from}-${x.to}`]),
      [
        ['next-line', 'undeclared-property,category-mismatch', 'reviewed in DPIA-3', 1],
        ['line', '', '', 2],
        ['block', 'undeclared-event', '', `${text.indexOf('y();') - 1}-${text.indexOf('/* privet-enable')}`],
      ],
    );
  });

  test('disable-next-line suppresses the named rule on the next line (with its reason)', async () => {
    const src = `// privet-disable-next-line undeclared-property -- hashed upstream\n${EMAIL}\n${EMAIL}\n`;
    const r = await run({ 'src/app.ts': src }, BASE);
    const all = of(r, 'undeclared-property', true);
    assert.deepEqual(all.map((f) => [f.range.start.line, f.suppressed, f.suppression]), [
      [1, true, { kind: 'inSource', justification: 'hashed upstream' }],
      [2, false, null],
    ]);
    assert.equal(of(r, 'unused-suppression').length, 0);
  });

  test('next-line covers a multi-line call, and skips an annotation comment in between', async () => {
    const src = `// privet-disable-next-line undeclared-property\n// @privacy purpose=product-analytics\nanalytics.track('Order Completed', {\n  email: user.email,\n});\n`;
    const r = await run({ 'src/app.ts': src }, BASE);
    assert.deepEqual(of(r, 'undeclared-property'), []);
    assert.equal(of(r, 'undeclared-property', true).length, 1);
  });

  test('disable-line without rules suppresses every rule on the line', async () => {
    const r = await run({ 'src/app.ts': `analytics.track('Nope', { email: e.email }); // privet-disable-line\n` }, BASE);
    assert.deepEqual(r.active.filter((f) => f.file === 'src/app.ts'), []);
    assert.ok(r.findings.filter((f) => f.file === 'src/app.ts').length >= 1);
  });

  test('block disable/enable', async () => {
    const src = `/* privet-disable undeclared-event */\nanalytics.track('A');\nanalytics.track('B');\n/* privet-enable undeclared-event */\nanalytics.track('C');\n`;
    const r = await run({ 'src/app.ts': src }, BASE);
    assert.deepEqual(of(r, 'undeclared-event').map((f) => f.event), ['C']);
    assert.deepEqual(of(r, 'undeclared-event', true).map((f) => f.event), ['A', 'B', 'C']);
  });

  test('unused comment: reported, removed by the (safe) fix', async () => {
    const src = `analytics.track('Order Completed', {});\n// privet-disable-next-line undeclared-event -- old\nanalytics.track('Order Completed', {});\n`;
    const r = await run({ 'src/app.ts': src }, BASE);
    const fs = of(r, 'unused-suppression');
    assert.deepEqual(fs.map((f) => `${f.range.start.line} ${f.message}`), ["1 Unused privet-disable-next-line comment for 'undeclared-event': it suppresses no finding"]);
    assert.equal(fs[0].fixes[0].safe, true);
    assert.equal(applyFix(r, fs[0].fixes[0])['src/app.ts'], `analytics.track('Order Completed', {});\nanalytics.track('Order Completed', {});\n`);
  });

  test('one unused id of several: the fix drops just that id', async () => {
    const src = `// privet-disable-next-line undeclared-property, forbidden-category -- why\n${EMAIL}\n`;
    const r = await run({ 'src/app.ts': src }, BASE);
    const fs = of(r, 'unused-suppression');
    assert.deepEqual(fs.map((f) => f.message), ["Unused privet-disable-next-line comment for 'forbidden-category': it suppresses no finding"]);
    assert.equal(applyFix(r, fs[0].fixes[0])['src/app.ts'], `// privet-disable-next-line undeclared-property -- why\n${EMAIL}\n`);
  });

  test('an unused block removes both comments; a trailing comment keeps its code', async () => {
    const src = `/* privet-disable undeclared-event */\nanalytics.track('Order Completed', {});\n/* privet-enable undeclared-event */\nanalytics.track('Order Completed', {}); // privet-disable-line undeclared-event\n`;
    const r = await run({ 'src/app.ts': src }, BASE);
    const fs = of(r, 'unused-suppression');
    assert.equal(fs.length, 2);
    assert.equal(applyFix(r, fs[0].fixes[0])['src/app.ts'], `analytics.track('Order Completed', {});\nanalytics.track('Order Completed', {}); // privet-disable-line undeclared-event\n`);
    assert.equal(
      applyFix(r, fs[1].fixes[0])['src/app.ts'],
      `/* privet-disable undeclared-event */\nanalytics.track('Order Completed', {});\n/* privet-enable undeclared-event */\nanalytics.track('Order Completed', {});\n`,
    );
  });

  test('suppressions of a rule that is off are not unused', async () => {
    const src = `// privet-disable-next-line undeclared-event\nanalytics.track('Order Completed', {});\n`;
    const r = await run({ 'src/app.ts': src }, BASE, { overrides: { 'undeclared-event': 'off' } });
    assert.deepEqual(of(r, 'unused-suppression'), []);
  });
});

suite('suppressions: manifest exceptions', () => {
  const withException = (extra: string) =>
    BASE +
    dedent(`
      exceptions:
        - rule: undeclared-property
          event: Order Completed
    `) +
    extra;

  test('an unexpired exception suppresses matching findings (external, with its reason)', async () => {
    const m = withException('    property: email\n    file: src/legacy/**\n    reason: hashed upstream; DPIA-14\n    expires: 2027-01-31\n');
    const r = await run({ 'src/legacy/checkout.ts': `${EMAIL}\n`, 'src/app.ts': `${EMAIL}\n` }, m);
    const all = of(r, 'undeclared-property', true);
    assert.deepEqual(all.map((f) => [f.file, f.suppressed, f.suppression?.kind ?? null, f.suppression?.justification ?? null]), [
      ['src/app.ts', false, null, null],
      ['src/legacy/checkout.ts', true, 'external', 'hashed upstream; DPIA-14'],
    ]);
    assert.deepEqual(of(r, 'unused-suppression'), []);
  });

  test('an expired exception does not apply (and is reported as expired, not unused)', async () => {
    const m = withException('    reason: old\n    expires: 2026-01-01\n');
    const r = await run({ 'src/app.ts': `${EMAIL}\n` }, m);
    assert.equal(of(r, 'undeclared-property').length, 1);
    assert.equal(of(r, 'expired-declaration').length, 1);
    assert.deepEqual(of(r, 'unused-suppression'), []);
  });

  test('an exception that matches nothing is unused; the fix removes it', async () => {
    const m = withException('    reason: legacy\n');
    const r = await run({ 'src/app.ts': `analytics.track('Order Completed', { plan: 'pro' });\n` }, m);
    const fs = of(r, 'unused-suppression');
    assert.deepEqual(fs.map((f) => `${f.file} ${f.message}`), ["privacy.yaml Exception for rule 'undeclared-property' (event 'Order Completed') matches no finding"]);
    assert.equal(applyFix(r, fs[0].fixes[0])[MANIFEST], BASE + 'exceptions:\n');
  });
});

suite('severity overrides', () => {
  test('warn, error, info and off', async () => {
    const src = `analytics.track('Nope', {});\nanalytics.track(name, {});\n`;
    const r = await run({ 'src/app.ts': src }, BASE, { overrides: { 'undeclared-event': 'warn', 'dynamic-event-name': 'error' } });
    assert.deepEqual(of(r, 'undeclared-event').map((f) => f.severity), ['warning']);
    assert.deepEqual(of(r, 'dynamic-event-name').map((f) => f.severity), ['error']);
    const r2 = await run({ 'src/app.ts': src }, BASE, { overrides: { 'undeclared-event': 'off', 'dynamic-event-name': 'info' } });
    assert.deepEqual(of(r2, 'undeclared-event'), []);
    assert.deepEqual(of(r2, 'dynamic-event-name').map((f) => f.severity), ['info']);
  });
});
