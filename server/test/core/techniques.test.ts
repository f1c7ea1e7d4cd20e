/**
 * Technique detection through catalogue entries: the masking each session-replay SDK's options
 * configure (tracking-techniques-b.md §B3.0), and the technique of the calls that switch one on.
 */
import * as assert from 'node:assert/strict';
import { detectOne } from '../helpers/detect';
import type { MaskingLevel, TrackingCall } from '../../src/core/types';

/** The single session-replay call of `source`. */
async function replayCall(source: string, name = 'src/app.ts'): Promise<TrackingCall> {
  const calls = (await detectOne(source, name)).filter((c) => c.technique === 'session-replay');
  assert.equal(calls.length, 1, `expected one session-replay call, found ${calls.length}`);
  return calls[0];
}

/** Each case: source → the masking level (null: decided outside the code). */
function masking(title: string, header: string, cases: [string, MaskingLevel | null][]): void {
  suite(title, () => {
    for (const [code, level] of cases) {
      test(`${code} → ${level}`, async () => {
        const call = await replayCall(`${header}\n${code}\n`);
        assert.equal(call.masking ?? null, level);
        assert.equal(call.kind, 'other');
      });
    }
  });
}

suite('Session replay masking', () => {
  masking('rrweb', "import { record } from 'rrweb';", [
    ['record({ emit() {} });', 'none'],
    ['record({ emit() {}, maskAllInputs: false });', 'none'],
    ['record({ emit() {}, maskAllInputs: true });', 'inputs'],
    ["record({ emit() {}, maskTextSelector: '*' });", 'all'],
    ["record({ emit() {}, maskAllInputs: true, maskTextSelector: '*' });", 'all'],
    ["record({ emit() {}, maskTextSelector: '.private' });", 'none'],
  ]);

  masking('PostHog', "import posthog from 'posthog-js';", [
    ["posthog.init('phc', { session_recording: {} });", 'inputs'],
    ["posthog.init('phc', { session_recording: { maskAllInputs: true } });", 'inputs'],
    ["posthog.init('phc', { session_recording: { maskAllInputs: false } });", 'none'],
    ["posthog.init('phc', { session_recording: { maskTextSelector: '*' } });", 'all'],
    ["posthog.init('phc', { session_recording: { maskAllInputs: false, maskTextSelector: '*' } });", 'none'],
    ["posthog.init('phc', { disable_session_recording: false });", 'inputs'],
    ['posthog.startSessionRecording();', null],
  ]);

  masking('Sentry', "import * as Sentry from '@sentry/browser';", [
    ['Sentry.replayIntegration();', 'all'],
    ['Sentry.replayIntegration({ maskAllText: true, maskAllInputs: true, blockAllMedia: true });', 'all'],
    ['Sentry.replayIntegration({ blockAllMedia: false });', 'all'],
    ['Sentry.replayIntegration({ maskAllText: false });', 'inputs'],
    ['Sentry.replayIntegration({ maskAllText: false, maskAllInputs: false });', 'none'],
    ['Sentry.replayIntegration({ maskAllInputs: false });', 'none'],
    ['Sentry.mobileReplayIntegration();', 'all'],
    ['Sentry.mobileReplayIntegration({ maskAllText: false });', 'none'],
    ['Sentry.mobileReplayIntegration({ maskAllImages: false });', 'all'],
    // Legacy class integration: the init is the replay call, its masking is not visible.
    ['Sentry.init({ integrations: [new Sentry.Replay({ maskAllText: false })], replaysSessionSampleRate: 0.1 });', null],
    ['Sentry.getReplay().start();', null],
  ]);

  masking('LogRocket', "import LogRocket from 'logrocket';", [
    ["LogRocket.init('org/app');", 'none'],
    ["LogRocket.init('org/app', { dom: { inputSanitizer: false } });", 'none'],
    ["LogRocket.init('org/app', { dom: { inputSanitizer: true } });", 'inputs'],
    ["LogRocket.init('org/app', { dom: { textSanitizer: true } });", 'all'],
    ["LogRocket.init('org/app', { dom: { inputSanitizer: true, textSanitizer: true } });", 'all'],
  ]);

  masking('Datadog RUM', "import { datadogRum } from '@datadog/browser-rum';", [
    ["datadogRum.init({ applicationId: 'a', sessionReplaySampleRate: 100 });", 'inputs'],
    ["datadogRum.init({ applicationId: 'a', sessionReplaySampleRate: 100, defaultPrivacyLevel: 'allow' });", 'none'],
    ["datadogRum.init({ applicationId: 'a', sessionReplaySampleRate: 100, defaultPrivacyLevel: 'mask-user-input' });", 'inputs'],
    ["datadogRum.init({ applicationId: 'a', sessionReplaySampleRate: 100, defaultPrivacyLevel: 'mask' });", 'all'],
    ["datadogRum.init({ applicationId: 'a', sessionReplaySampleRate: 100, defaultPrivacyLevel: 'mask-unless-allowlisted' });", 'all'],
    ["datadogRum.init({ applicationId: 'a', replaySampleRate: 50, defaultPrivacyLevel: 'allow' });", 'none'],
    ['datadogRum.startSessionReplayRecording();', null],
  ]);

  masking('Smartlook', "import Smartlook from 'smartlook-client';", [
    ["Smartlook.init('key');", 'inputs'],
    ["Smartlook.init('key', { region: 'eu' });", 'inputs'],
    ['Smartlook.record({ forms: true });', 'none'],
    ['Smartlook.record({ emails: true, numbers: false });', 'none'],
    ['Smartlook.record({ ips: true });', 'inputs'],
  ]);

  masking('Hotjar, FullStory, Clarity, Contentsquare, Mouseflow', "import Hotjar from '@hotjar/browser';\nimport * as FullStory from '@fullstory/browser';\nimport Clarity from '@microsoft/clarity';\nimport { injectContentsquareScript } from '@contentsquare/tag-sdk';\nimport { mouseflow } from 'react-mouseflow';", [
    ['Hotjar.init(123, 6);', 'inputs'],
    ["FullStory.init({ orgId: 'o-1' });", null],
    ["FullStory.FullStory('start');", null],
    ["Clarity.init('proj');", null],
    ["injectContentsquareScript({ clientId: 'c' });", null],
    ["mouseflow.initialize('id');", 'none'],
  ]);
});

suite('Session replay switches', () => {
  const none = async (source: string) => {
    const calls = (await detectOne(source)).filter((c) => c.technique === 'session-replay');
    assert.deepEqual(calls.map((c) => `${c.sdk} ${c.method}`), []);
  };
  test('PostHog init without recording options is not a replay call', () => none("import posthog from 'posthog-js';\nposthog.init('phc', { api_host: 'https://eu.i.posthog.com' });"));
  test('PostHog disable_session_recording: true wins over options', () => none("import posthog from 'posthog-js';\nposthog.init('phc', { disable_session_recording: true, session_recording: {} });"));
  test('Sentry init next to a replay integration call is not reported twice', async () => {
    const calls = (await detectOne("import * as Sentry from '@sentry/react';\nSentry.init({ replaysSessionSampleRate: 0.1, integrations: [Sentry.replayIntegration()] });")).filter((c) => c.technique === 'session-replay');
    assert.deepEqual(calls.map((c) => c.method), ['replayIntegration']);
  });
  test('Sentry init without replay sample rates', () => none("import * as Sentry from '@sentry/react';\nSentry.init({ dsn: 'x', tracesSampleRate: 1, replaysSessionSampleRate: 0 });"));
  test('Datadog manual start: init is not a replay call', () => none("import { datadogRum } from '@datadog/browser-rum';\ndatadogRum.init({ sessionReplaySampleRate: 100, startSessionReplayRecordingManually: true });"));
  test('Datadog without replay sample rate', () => none("import { datadogRum } from '@datadog/browser-rum';\ndatadogRum.init({ applicationId: 'a', sessionSampleRate: 100 });"));
  test('FullStory startCaptureManually', () => none("import { init } from '@fullstory/browser';\ninit({ orgId: 'o', startCaptureManually: true });"));
  test('LogRocket with the DOM recorder off', () => none("import LogRocket from 'logrocket';\nLogRocket.init('a/b', { dom: { isEnabled: false } });"));
  test('Smartlook record that unmasks nothing', () => none("import Smartlook from 'smartlook-client';\nSmartlook.record({ forms: false });"));
  test('record() of another package', () => none("import { record } from 'node-record-lpcm16';\nrecord({ sampleRate: 16000 });"));
});
