/**
 * unknown-destination, destination-not-allowed, purpose-not-allowed.
 */
import * as assert from 'node:assert/strict';
import { BASE, MANIFEST, applyFix, at, dedent, fixNamed, messages, of, run } from './harness';

suite('rules: unknown-destination', () => {
  test('an SDK no destination names', async () => {
    const r = await run({ 'src/app.ts': `posthog.capture('Order Completed', { plan: 'pro' });\nanalytics.track('Order Completed', { plan: 'pro' });\n` }, BASE);
    const fs = of(r, 'unknown-destination');
    assert.deepEqual(fs.map((f) => f.message), ["SDK 'posthog' (PostHog) maps to no destination in privacy.yaml"]);
    assert.equal(at(fs[0]), '1:1');
    const fix = fixNamed(fs[0], 'Declare destination');
    assert.equal(fix.safe, true);
    assert.equal(
      applyFix(r, fix)[MANIFEST],
      BASE.replace('events:\n', '  posthog:\n    sdk: posthog\n    vendor: PostHog\n    purposes: [product-analytics]\nevents:\n'),
    );
  });

  test('a destination through a manifest tracker', async () => {
    const m = BASE + dedent(`
      trackers:
        - function: trackEvent
          module: src/lib/analytics.ts
          destinations: [segment]
          kind: track
          event_arg: 0
          properties_arg: 1
    `);
    const r = await run(
      {
        'src/lib/analytics.ts': `export function trackEvent(name: string, props: object) { fetch('/t', { method: 'POST', body: JSON.stringify({ name, props }) }) }\n`,
        'src/app.ts': `import { trackEvent } from './lib/analytics';\ntrackEvent('Order Completed', { plan: 'pro' });\n`,
      },
      m,
    );
    const call = r.calls.find((c) => c.via === 'trackEvent');
    assert.ok(call, JSON.stringify(r.calls.map((c) => c.sdk)));
    assert.deepEqual(call.destinations, ['segment']);
    assert.deepEqual(of(r, 'unknown-destination'), []);
    assert.deepEqual(of(r, 'undeclared-event'), []);
  });

  test('reset and consent calls are not tracking', async () => {
    const r = await run({ 'src/app.ts': `posthog.reset();\nposthog.opt_in_capturing();\n` }, BASE);
    assert.deepEqual(of(r, 'unknown-destination'), []);
  });
});

suite('rules: destination-not-allowed', () => {
  test('an event sent where its destinations (by default: by purpose) do not go', async () => {
    const r = await run({ 'src/app.ts': `fbq('track', 'Order Completed', { plan: 'pro' });\nanalytics.track('Order Completed', { plan: 'pro' });\n` }, BASE);
    const fs = of(r, 'destination-not-allowed');
    assert.deepEqual(fs.map((f) => f.message), ["Event 'Order Completed' is sent to destination 'meta', which is not allowed for it (its destinations are 'segment')"]);
    assert.equal(fs[0].destination, 'meta');
    const fix = fixNamed(fs[0], 'Add destination');
    assert.equal(fix.safe, true);
    assert.equal(
      applyFix(r, fix)[MANIFEST],
      BASE.replace('      plan: user.behavior\n', '      plan: user.behavior\n    destinations: [segment, meta]\n'),
    );
  });

  test('an explicit destinations list', async () => {
    const m = BASE.replace('    purpose: product-analytics\n    properties:\n', '    purpose: product-analytics\n    destinations: [segment]\n    properties:\n');
    const r = await run({ 'src/app.ts': `analytics.track('Order Completed', { plan: 'pro' });\n` }, m);
    assert.deepEqual(of(r, 'destination-not-allowed'), []);
    const r2 = await run({ 'src/app.ts': `fbq('track', 'Order Completed', {});\n` }, m);
    assert.equal(of(r2, 'destination-not-allowed').length, 1);
    assert.equal(
      applyFix(r2, of(r2, 'destination-not-allowed')[0].fixes[0])[MANIFEST],
      m.replace('destinations: [segment]\n    properties', 'destinations: [segment, meta]\n    properties'),
    );
  });
});

suite('rules: purpose-not-allowed', () => {
  test('a listed destination that does not accept the event’s purpose', async () => {
    const m = BASE.replace('    purpose: product-analytics\n    properties:\n', '    purpose: product-analytics\n    destinations: [segment, meta]\n    properties:\n');
    const r = await run({ 'src/app.ts': `fbq('track', 'Order Completed', { plan: 'pro' });\n` }, m);
    assert.deepEqual(messages(r, 'purpose-not-allowed'), ["Destination 'meta' does not accept purpose 'product-analytics' of event 'Order Completed'"]);
    assert.deepEqual(of(r, 'destination-not-allowed'), []);
    assert.equal(of(r, 'purpose-not-allowed')[0].purpose, 'product-analytics');
  });

  test('a property with its own purpose', async () => {
    const m = BASE.replace('      plan: user.behavior\n', '      plan: user.behavior\n      email: { category: user.contact.email, purpose: marketing }\n');
    const r = await run({ 'src/app.ts': `analytics.track('Order Completed', { plan: 'pro', email: u.email });\n` }, m);
    assert.deepEqual(messages(r, 'purpose-not-allowed'), ["Destination 'segment' does not accept purpose 'marketing' of property 'email' of event 'Order Completed'"]);
    assert.equal(at(of(r, 'purpose-not-allowed')[0]), '1:51');
  });

  test('an event with a TODO purpose', async () => {
    const m = BASE.replace('  Order Completed:\n    purpose: product-analytics\n', '  Order Completed:\n    purpose: TODO\n    destinations: [segment]\n');
    const r = await run({ 'src/app.ts': `analytics.track('Order Completed', { plan: 'pro' });\n` }, m);
    assert.deepEqual(messages(r, 'purpose-not-allowed'), ["Event 'Order Completed' has no purpose yet (TODO), so destination 'segment' accepts none of its purposes"]);
  });

  test('accepted purposes are fine', async () => {
    const r = await run({ 'src/app.ts': `analytics.track('Order Completed', { plan: 'pro' });\n` }, BASE);
    assert.deepEqual(of(r, 'purpose-not-allowed'), []);
  });
});

suite('rules: unknown-destination (trackers)', () => {
  test('a manifest tracker without destinations: declare one with sdk: <tracker>', async () => {
    const m = BASE + 'trackers:\n  - function: trackEvent\n    module: src/lib/analytics.ts\n    kind: track\n    event_arg: 0\n    properties_arg: 1\n';
    const r = await run(
      {
        'src/lib/analytics.ts': `export function trackEvent(name: string, props: object) { fetch('/t', { method: 'POST', body: JSON.stringify({ name, props }) }) }\n`,
        'src/app.ts': `import { trackEvent } from './lib/analytics';\ntrackEvent('Order Completed', { plan: 'pro' });\n`,
      },
      m,
    );
    const fs = of(r, 'unknown-destination');
    assert.deepEqual(fs.map((f) => f.message), ["Tracker 'trackEvent' maps to no destination in privacy.yaml"]);
    const out = applyFix(r, fs[0].fixes[0])[MANIFEST];
    assert.ok(out.includes('  trackEvent:\n    sdk: trackEvent\n    purposes: [product-analytics]\n'), out);
    // The fixed manifest maps the call.
    const r2 = await run(
      {
        'src/lib/analytics.ts': `export function trackEvent(name: string, props: object) { fetch('/t', { method: 'POST', body: JSON.stringify({ name, props }) }) }\n`,
        'src/app.ts': `import { trackEvent } from './lib/analytics';\ntrackEvent('Order Completed', { plan: 'pro' });\n`,
      },
      out,
    );
    assert.deepEqual(of(r2, 'unknown-destination'), []);
    assert.deepEqual(of(r2, 'manifest-schema'), []);
  });

  test('an @privacy tracker without destination: no manifest fix', async () => {
    const r = await run(
      {
        'src/lib/tracking.ts': `/** @privacy tracker kind=track event_arg=0 properties_arg=1 */\nexport function sendEvent(n: string, p: object) { send(n, p) }\n`,
        'src/app.ts': `import { sendEvent } from './lib/tracking';\nsendEvent('Order Completed', { plan: 'a' });\n`,
      },
      BASE,
    );
    const fs = of(r, 'unknown-destination');
    assert.deepEqual(fs.map((f) => f.message), ["Tracker 'sendEvent' maps to no destination in privacy.yaml; name it with @privacy tracker destination=…"]);
    assert.deepEqual(fs[0].fixes, []);
  });
});
