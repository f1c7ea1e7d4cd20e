/**
 * undeclared-identity, undeclared-technique, replay-unmasked.
 */
import * as assert from 'node:assert/strict';
import { BASE, MANIFEST, applyFix, dedent, fixNamed, messages, of, run } from './harness';

suite('rules: undeclared-identity', () => {
  test('an identity call to a destination without identities: declare it with its traits', async () => {
    const r = await run({ 'src/app.ts': `analytics.identify(user.id, { email: user.email, mood: m });\n` }, BASE);
    const fs = of(r, 'undeclared-identity');
    assert.deepEqual(fs.map((f) => f.message), ["Identity call 'identify' to destination 'segment' is not declared in identities"]);
    const fix = fixNamed(fs[0], 'Declare identities.segment');
    assert.equal(fix.safe, true);
    assert.equal(
      applyFix(r, fix)[MANIFEST],
      BASE.replace(
        'events:\n',
        'identities:\n  segment:\n    purpose: product-analytics\n    traits:\n      userId: user.unique_id\n      email: user.contact.email\n      mood: TODO  # TODO: choose a category\nevents:\n',
      ),
    );
  });

  test('an undeclared trait of a declared identity', async () => {
    const m = BASE + dedent(`
      identities:
        segment:
          purpose: product-analytics
          traits:
            userId: user.unique_id
    `);
    const r = await run({ 'src/app.ts': `analytics.identify(user.id, { email: user.email });\n` }, m);
    const fs = of(r, 'undeclared-identity');
    assert.deepEqual(fs.map((f) => f.message), ["Trait 'email' (user.contact.email) is not declared in identities.segment"]);
    assert.equal(applyFix(r, fs[0].fixes[0])[MANIFEST], m + '      email: user.contact.email\n');
  });

  test('Meta advanced matching is an identity call (and the identity-matching technique)', async () => {
    const r = await run({ 'src/app.ts': `fbq('init', '123', { em: user.email });\n` }, BASE);
    assert.deepEqual(messages(r, 'undeclared-identity'), ["Identity call 'init' to destination 'meta' is not declared in identities"]);
    assert.deepEqual(messages(r, 'undeclared-technique'), [
      "The call uses technique 'identity-matching' (identity matching), which privacy.yaml does not declare under techniques",
    ]);
    assert.deepEqual(of(r, 'undeclared-event'), []);
  });

  test('declared identities and traits pass', async () => {
    const m = BASE + 'identities:\n  segment:\n    traits:\n      email: user.contact.email\n';
    const r = await run({ 'src/app.ts': `analytics.identify(user.id, { email: user.email });\n` }, m);
    assert.deepEqual(of(r, 'undeclared-identity'), []);
  });
});

suite('rules: undeclared-technique', () => {
  test('declare fix, purpose TODO, for the call’s destination', async () => {
    const r = await run({ 'src/app.ts': `analytics.alias(newId);\n` }, BASE);
    const fs = of(r, 'undeclared-technique');
    assert.equal(fs.length, 1);
    const fix = fixNamed(fs[0], 'Declare technique');
    assert.equal(fix.safe, true);
    assert.equal(
      applyFix(r, fix)[MANIFEST],
      BASE.replace('events:\n', 'techniques:\n  identity-matching:\n    purpose: TODO  # TODO: choose a purpose\n    destinations: [segment]\nevents:\n'),
    );
  });

  test('declared for other destinations only', async () => {
    const m = BASE + 'techniques:\n  identity-matching:\n    purpose: marketing\n    destinations: [meta]\n';
    const r = await run({ 'src/app.ts': `analytics.alias(newId);\nfbq('init', '1', { em: e });\n` }, m);
    assert.deepEqual(messages(r, 'undeclared-technique'), [
      "The call uses technique 'identity-matching' (identity matching) through destination 'segment', but techniques.identity-matching is declared only for 'meta'",
    ]);
    assert.equal(applyFix(r, of(r, 'undeclared-technique')[0].fixes[0])[MANIFEST], m.replace('destinations: [meta]', 'destinations: [meta, segment]'));
  });

  test('declared for all destinations passes', async () => {
    const r = await run({ 'src/app.ts': `analytics.alias(newId);\n` }, BASE + 'techniques:\n  identity-matching:\n    purpose: marketing\n');
    assert.deepEqual(of(r, 'undeclared-technique'), []);
  });
});

suite('rules: replay-unmasked', () => {
  const manifest = BASE.replace(
    'destinations:\n',
    'destinations:\n  posthog: { sdk: posthog, purposes: [product-analytics], region: EU, retention: P1Y }\n  sentry: { sdk: sentry, purposes: [product-analytics], region: EU, retention: P1Y }\n',
  );
  const technique = (masking?: string) => `techniques:\n  session-replay:\n    purpose: product-analytics\n${masking ? `    masking: ${masking}\n` : ''}`;
  const posthog = `import posthog from 'posthog-js';\nposthog.init('key', { session_recording: { maskAllInputs: false } });\n`;
  const sentry = `import * as Sentry from '@sentry/browser';\nSentry.init({ dsn: 'x', replaysSessionSampleRate: 0.1, integrations: [Sentry.replayIntegration({ maskAllText: false })] });\n`;

  test('PostHog with inputs unmasked, against the default (inputs)', async () => {
    const r = await run({ 'src/app.ts': posthog }, manifest + technique());
    const fs = of(r, 'replay-unmasked');
    assert.deepEqual(fs.map((f) => f.message), ["Session replay (SDK 'posthog') masks nothing, but techniques.session-replay requires masking: inputs"]);
    assert.equal(fs[0].severity, 'warning');
    const fix = fixNamed(fs[0], 'Turn on');
    assert.equal(fix.safe, false);
    assert.equal(applyFix(r, fix)['src/app.ts'], posthog.replace('maskAllInputs: false', 'maskAllInputs: true'));
  });

  test('Sentry with text unmasked, against masking: all', async () => {
    const r = await run({ 'src/app.ts': sentry }, manifest + technique('all'));
    const fs = of(r, 'replay-unmasked');
    assert.deepEqual(fs.map((f) => f.message), ["Session replay (SDK 'sentry') masks only inputs, but techniques.session-replay requires masking: all"]);
    assert.equal(applyFix(r, fs[0].fixes[0])['src/app.ts'], sentry.replace('maskAllText: false', 'maskAllText: true'));
  });

  test('enough masking passes', async () => {
    assert.deepEqual(of(await run({ 'src/app.ts': sentry }, manifest + technique('inputs')), 'replay-unmasked'), []);
    assert.deepEqual(of(await run({ 'src/app.ts': posthog }, manifest + technique('none')), 'replay-unmasked'), []);
    const masked = `import posthog from 'posthog-js';\nposthog.init('key', { session_recording: { maskTextSelector: '*' } });\n`;
    assert.deepEqual(of(await run({ 'src/app.ts': masked }, manifest + technique('all')), 'replay-unmasked'), []);
  });

  test('an undeclared replay is still judged against the default', async () => {
    const r = await run({ 'src/app.ts': posthog }, manifest);
    assert.equal(of(r, 'replay-unmasked').length, 1);
    assert.match(of(r, 'replay-unmasked')[0].message, /requires masking: inputs \(the default\)$/);
    assert.equal(of(r, 'undeclared-technique').length, 1);
  });
});
