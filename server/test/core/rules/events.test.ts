/**
 * undeclared-event, undeclared-property, dynamic-event-name, expired-declaration,
 * annotation-mismatch.
 */
import * as assert from 'node:assert/strict';
import { BASE, MANIFEST, applyFix, at, dedent, fixNamed, messages, of, run } from './harness';

suite('rules: undeclared-event', () => {
  test('fires for an undeclared name, not for a declared one', async () => {
    const r = await run({ 'src/app.ts': `analytics.track('Order Completed', { plan: 'pro' });\nanalytics.track('Signed Up', { plan: 'pro' });\n` }, BASE);
    assert.deepEqual(messages(r, 'undeclared-event'), ["Event 'Signed Up' is not declared in privacy.yaml"]);
    const f = of(r, 'undeclared-event')[0];
    assert.equal(at(f), '2:17');
    assert.equal(f.event, 'Signed Up');
    assert.equal(f.severity, 'error');
  });

  test('declare fix: properties with inferred categories, the destination and its one purpose', async () => {
    const r = await run({ 'src/app.ts': `analytics.track('Signed Up', { email: user.email, mood: x });\n` }, BASE);
    const f = of(r, 'undeclared-event')[0];
    const fix = fixNamed(f, 'Declare event');
    assert.equal(fix.safe, true);
    assert.equal(fix.preferred, true);
    const out = applyFix(r, fix)[MANIFEST];
    assert.equal(
      out,
      BASE +
        '  Signed Up:\n' +
        '    purpose: product-analytics\n' +
        '    destinations: [segment]\n' +
        '    properties:\n' +
        '      email: user.contact.email\n' +
        '      mood: TODO  # TODO: choose a category\n',
    );
  });

  test('rename fix to the closest declared event (not safe)', async () => {
    const r = await run({ 'src/app.ts': `analytics.track("Order Complete", { plan: 'pro' });\n` }, BASE);
    const fix = fixNamed(of(r, 'undeclared-event')[0], 'Rename');
    assert.equal(fix.title, "Rename to 'Order Completed'");
    assert.equal(fix.safe, false);
    assert.equal(applyFix(r, fix)['src/app.ts'], `analytics.track("Order Completed", { plan: 'pro' });\n`);
  });

  test('every candidate of a union is checked', async () => {
    const r = await run({ 'src/app.ts': `analytics.track(ok ? 'Order Completed' : 'Order Failed');\n` }, BASE);
    assert.deepEqual(messages(r, 'undeclared-event'), ["Event 'Order Failed' is not declared in privacy.yaml"]);
  });

  test('a page call without a name matches the declared page event', async () => {
    const r = await run({ 'src/app.ts': `analytics.page();\n` }, BASE);
    assert.deepEqual(messages(r, 'undeclared-event'), []);
    const noPage = BASE.replace(/ {2}Page Viewed:\n {4}kind: page\n {4}purpose: product-analytics\n/, '');
    const r2 = await run({ 'src/app.ts': `analytics.page();\n` }, noPage);
    assert.deepEqual(messages(r2, 'undeclared-event'), ['Page call without a name, and privacy.yaml declares no event of kind page']);
    const out = applyFix(r2, fixNamed(of(r2, 'undeclared-event')[0], 'Declare event'))[MANIFEST];
    assert.ok(out.endsWith('  Page Viewed:\n    kind: page\n    purpose: product-analytics\n    destinations: [segment]\n'), out);
  });

  test('not reported for a wrapper body whose event is a forwarded parameter', async () => {
    const r = await run(
      {
        'src/lib/analytics.ts': `export function trackEvent(name: string, props: object) { analytics.track(name, { ...props, source: 'web' }) }\n`,
        'src/app.ts': `import { trackEvent } from './lib/analytics';\ntrackEvent('Signed Up', { plan: 'pro' });\n`,
      },
      BASE,
    );
    assert.deepEqual(
      of(r, 'undeclared-event').map((f) => `${f.file} ${f.message}`),
      ["src/app.ts Event 'Signed Up' is not declared in privacy.yaml"],
    );
    assert.deepEqual(of(r, 'dynamic-event-name'), []);
    assert.deepEqual(of(r, 'undeclared-property'), []);
  });

  test('a wrapper with a fixed event is reported once, in its body', async () => {
    const r = await run(
      {
        'src/lib/analytics.ts': `export function trackSignup(plan: string) { analytics.track('Signed Up', { plan }) }\n`,
        'src/app.ts': `import { trackSignup } from './lib/analytics';\ntrackSignup('pro');\ntrackSignup('team');\n`,
      },
      BASE,
    );
    assert.deepEqual(
      of(r, 'undeclared-event').map((f) => `${f.file} ${f.message}`),
      ["src/lib/analytics.ts Event 'Signed Up' is not declared in privacy.yaml"],
    );
  });
});

suite('rules: undeclared-property', () => {
  test('fires per undeclared key at the key, with both fixes', async () => {
    const src = `analytics.track('Order Completed', {\n  order_id: o.id,\n  email: user.email,\n  plan: 'pro',\n});\n`;
    const r = await run({ 'src/app.ts': src }, BASE);
    const fs = of(r, 'undeclared-property');
    assert.deepEqual(fs.map((f) => f.message), ["Property 'email' (user.contact.email) is not declared for event 'Order Completed'"]);
    assert.equal(at(fs[0]), '3:3');
    assert.equal(fs[0].property, 'email');
    const declare = fixNamed(fs[0], 'Declare property');
    assert.equal(declare.safe, true);
    assert.equal(
      applyFix(r, declare)[MANIFEST],
      BASE.replace('      plan: user.behavior\n', '      plan: user.behavior\n      email: user.contact.email\n'),
    );
    const remove = fixNamed(fs[0], 'Remove property');
    assert.equal(remove.safe, false);
    assert.equal(applyFix(r, remove)['src/app.ts'], `analytics.track('Order Completed', {\n  order_id: o.id,\n  plan: 'pro',\n});\n`);
  });

  test('remove fix on one line, last property', async () => {
    const r = await run({ 'src/app.ts': `analytics.track('Order Completed', { plan: 'pro', email: user.email });\n` }, BASE);
    const remove = fixNamed(of(r, 'undeclared-property')[0], 'Remove property');
    assert.equal(applyFix(r, remove)['src/app.ts'], `analytics.track('Order Completed', { plan: 'pro' });\n`);
  });

  test('declared keys and undeclared events are not reported', async () => {
    const r = await run({ 'src/app.ts': `analytics.track('Order Completed', { plan: 'pro' });\nanalytics.track('Nope', { email: e });\n` }, BASE);
    assert.deepEqual(of(r, 'undeclared-property'), []);
  });

  test('a fixed property of a wrapper body is checked at the call sites', async () => {
    const r = await run(
      {
        'src/lib/analytics.ts': `export function trackEvent(name: string, props: object) { analytics.track(name, { ...props, source: 'web' }) }\n`,
        'src/app.ts': `import { trackEvent } from './lib/analytics';\ntrackEvent('Order Completed', { plan: 'pro' });\n`,
      },
      BASE,
    );
    const fs = of(r, 'undeclared-property');
    assert.deepEqual(fs.map((f) => `${f.file} ${f.message}`), ["src/app.ts Property 'source' (none) is not declared for event 'Order Completed'"]);
    // The key is written in the wrapper's body: no "remove" fix at the call site.
    assert.deepEqual(fs[0].fixes.map((f) => f.title), ["Declare property 'source' of event 'Order Completed' as none"]);
  });
});

suite('rules: dynamic-event-name', () => {
  test('fires for an unresolvable name, not for literals, unions or annotated calls', async () => {
    const src = dedent(`
      analytics.track(eventName, {});
      analytics.track(ok ? 'Order Completed' : 'Order Completed');
      // @privacy event="Order Completed"
      analytics.track(other, {});
    `);
    const r = await run({ 'src/app.ts': src }, BASE);
    assert.deepEqual(messages(r, 'dynamic-event-name'), [
      'The event name `eventName` of this SDK \'segment\' call cannot be resolved statically; name it with // @privacy event="…" (or events="A|B")',
    ]);
    assert.equal(of(r, 'dynamic-event-name')[0].severity, 'warning');
    assert.equal(at(of(r, 'dynamic-event-name')[0]), '1:17');
  });
});

suite('rules: expired-declaration', () => {
  const manifest = BASE.replace('  Order Completed:\n', '  Order Completed:\n    owner: growth@example.com\n    expires: 2026-01-14\n');
  test('an event past its expires date is reported at its calls', async () => {
    const r = await run({ 'src/app.ts': `analytics.track('Order Completed', { plan: 'pro' });\n` }, manifest);
    assert.deepEqual(messages(r, 'expired-declaration'), [
      "Event 'Order Completed' expired on 2026-01-14 (owner: growth@example.com): review it and renew its expires date",
    ]);
  });
  test('not on its expiry day', async () => {
    const r = await run({ 'src/app.ts': `analytics.track('Order Completed', { plan: 'pro' });\n` }, manifest, { today: '2026-01-14' });
    assert.deepEqual(messages(r, 'expired-declaration'), []);
  });
  test('an expired exception is reported in the manifest', async () => {
    const m = BASE + dedent(`
      exceptions:
        - rule: undeclared-property
          event: Order Completed
          reason: legacy
          expires: 2025-12-31
    `);
    const r = await run({ 'src/app.ts': `analytics.track('Order Completed', { plan: 'pro', email: e.email });\n` }, m);
    const fs = of(r, 'expired-declaration');
    assert.deepEqual(fs.map((f) => `${f.file} ${f.message}`), ["privacy.yaml Exception for rule 'undeclared-property' (event 'Order Completed') expired on 2025-12-31 and no longer applies"]);
    // … and no longer applies:
    assert.equal(of(r, 'undeclared-property').length, 1);
  });
});

suite('rules: annotation-mismatch', () => {
  test('an annotation naming an undeclared event (instead of undeclared-event)', async () => {
    const r = await run({ 'src/app.ts': `// @privacy event="Order Complete"\nanalytics.track(name, {});\n` }, BASE);
    assert.deepEqual(messages(r, 'annotation-mismatch'), ["@privacy names event 'Order Complete', which privacy.yaml does not declare; did you mean 'Order Completed'?"]);
    assert.equal(at(of(r, 'annotation-mismatch')[0]), '1:1');
    assert.deepEqual(of(r, 'undeclared-event'), []);
  });
  test('a purpose that is not the event’s, or unknown', async () => {
    const r = await run({ 'src/app.ts': `// @privacy event="Order Completed" purpose=marketing\nanalytics.track(name, {});\n// @privacy event="Order Completed" purpose=marketting\nanalytics.track(name, {});\n` }, BASE);
    assert.deepEqual(messages(r, 'annotation-mismatch'), [
      "@privacy purpose=marketing is not a purpose of event 'Order Completed' (its purposes: 'product-analytics')",
      "@privacy names purpose 'marketting', which privacy.yaml does not declare; did you mean 'marketing'?",
    ]);
  });
  test('agreeing annotations are fine', async () => {
    const r = await run({ 'src/app.ts': `// @privacy event="Order Completed" purpose=product-analytics destination=segment\nanalytics.track(name, {});\n` }, BASE);
    assert.deepEqual(messages(r, 'annotation-mismatch'), []);
  });
  test('a destination the call does not reach, an unknown key', async () => {
    const r = await run({ 'src/app.ts': `// @privacy event="Order Completed" destination=meta evnt=x\nanalytics.track(name, {});\n` }, BASE);
    assert.deepEqual(messages(r, 'annotation-mismatch'), [
      "@privacy annotation has an unknown key 'evnt'; did you mean 'event'?",
      "@privacy names destination 'meta', but the call goes to 'segment'",
    ]);
  });
  test('@privacy tracker with an unknown destination', async () => {
    const r = await run(
      {
        'src/lib/tracking.ts': `/** @privacy tracker destination=segmnt kind=track event_arg=0 properties_arg=1 */\nexport function sendEvent(n: string, p: object) { send(n, p) }\n`,
        'src/app.ts': `import { sendEvent } from './lib/tracking';\nsendEvent('Order Completed', { plan: 'a' });\n`,
      },
      BASE,
    );
    assert.deepEqual(messages(r, 'annotation-mismatch'), ["@privacy tracker on 'sendEvent' names destination 'segmnt', which privacy.yaml does not declare; did you mean 'segment'?"]);
    assert.deepEqual(of(r, 'unknown-destination'), []);
  });
});
