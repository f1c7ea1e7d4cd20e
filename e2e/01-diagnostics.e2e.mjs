/**
 * A developer opens a file with violations: squiggles appear under the calls the CLI reports,
 * with the CLI's severities, nowhere else on those lines, and the Problems view lists every
 * finding with its rule id and position.
 */
import * as assert from 'node:assert/strict';
import {
  cliCheck,
  closeAllEditors,
  closePanel,
  filterProblems,
  firstResultTimeoutMs,
  locate,
  openProblems,
  problemRows,
  quickOpen,
  runCommand,
  screenshot,
  squigglesUnder,
  waitFor,
} from './workbench.mjs';

const file = 'src/pages/Checkout.tsx';

/** The CLI's findings for the file. */
function cliFindings() {
  return cliCheck().diagnostics.filter((d) => d.file === file && !d.suppressed);
}

describe('a file with violations', function () {
  before(closeAllEditors);
  after(closePanel);

  it('shows squiggles at the right calls and the findings with rule ids in the Problems view', async function () {
    const findings = cliFindings();
    assert.ok(findings.length >= 5, `the CLI reports only ${findings.length} findings in ${file}`);
    await quickOpen(file);

    // Named examples: what the sample is there to show.
    const coupon = locate(file, 'coupon', { after: "trackEvent('Order Completed'" });
    const customerEmail = locate(file, 'customer_email', { after: "gaEvent('purchase'" });
    const orderId = locate(file, 'order_id', { after: "trackEvent('Order Completed'" });
    await waitFor('a squiggle under coupon', () => squigglesUnder(coupon.line, coupon.column, coupon.length, 'coupon'), (s) => s.includes('error'), {
      timeout: firstResultTimeoutMs,
    });
    assert.ok((await squigglesUnder(customerEmail.line, customerEmail.column, customerEmail.length, 'customer_email')).includes('error'), 'customer_email is forbidden at GA4');
    assert.deepEqual(await squigglesUnder(orderId.line, orderId.column, orderId.length, 'order_id'), [], 'order_id is declared: no squiggle');

    // Every finding of the CLI is drawn, with its severity, where the CLI says.
    const severity = { error: 'error', warning: 'warning', info: 'info' };
    await waitFor(
      'a squiggle for each of the CLI findings',
      async () => {
        const missing = [];
        for (const f of findings) {
          const length = f.endLine === f.line ? f.endColumn - f.column : 1;
          const drawn = await squigglesUnder(f.line, f.column, length);
          if (!drawn.includes(severity[f.severity])) missing.push(`${f.line}:${f.column} ${f.rule} (${f.severity}); drawn: ${drawn.join(',') || 'nothing'}`);
        }
        return missing;
      },
      (missing) => missing.length === 0,
    );

    // The Problems view, maximized so that every row is rendered.
    await openProblems();
    await filterProblems('Checkout.tsx');
    await runCommand('View: Toggle Maximized Panel');
    const rows = await waitFor(
      'a Problems row for each CLI finding, with rule id and position',
      problemRows,
      (rows) => findings.every((f) => rows.some((r) => r.includes(f.rule) && r.includes(`[Ln ${f.line}, Col ${f.column}]`))),
    );
    const privetRows = rows.filter((r) => /privet\(/.test(r) || /\bprivet\b/.test(r));
    assert.ok(privetRows.some((r) => r.includes('undeclared-property') && r.includes("'coupon'")), `no undeclared-property row for coupon:\n${rows.join('\n')}`);
    assert.ok(privetRows.some((r) => r.includes('forbidden-category') && r.includes("'customer_email'")), `no forbidden-category row for customer_email:\n${rows.join('\n')}`);
    await runCommand('View: Toggle Maximized Panel');
    await screenshot('diagnostics');
    await filterProblems('');
  });
});
