import type { CallSpec, MethodSpec, SdkEntry } from '../types';
import { functionExports } from './moduleFunctions';

// ---------------------------------------------------------------- Sentry

/** `setUser({ id, email, username, ip_address, … } | null)`; `null` clears the user. */
const setUser: MethodSpec = {
  dispatch: {
    at: 'a0',
    cases: { null: { kind: 'reset' } },
    object: { kind: 'identify', identity: 'a0.id', traits: 'a0' },
    value: { kind: 'identify', identity: 'a0.id', traits: 'a0' },
  },
};

/**
 * Data attached to every later event. `captureException` / `captureMessage` / `captureEvent` /
 * `addBreadcrumb` are error reports, not tracking calls: they are reported only when what they
 * send carries personal data (`captureMessage('Signed in ' + user.email)`), as a privacy scanner
 * would flag them; `init` (and its replay integration) is silent here.
 */
const scopeMethods: Record<string, MethodSpec> = {
  setUser,
  setTag: { kind: 'other', keyValue: { key: 'a0', value: 'a1' } },
  setTags: { kind: 'other', props: 'a0' },
  setContext: { kind: 'other', props: 'a1' },
  setExtra: { kind: 'other', keyValue: { key: 'a0', value: 'a1' } },
  setExtras: { kind: 'other', props: 'a0' },
  captureMessage: { kind: 'other', named: { message: 'a0' }, props: 'a1', requirePersonal: ['a0', 'a1'] },
  captureException: { kind: 'other', props: 'a1', requirePersonal: ['a0', 'a1'] },
  captureEvent: { kind: 'other', props: 'a0', requirePersonal: ['a0'] },
  addBreadcrumb: { kind: 'other', props: 'a0', requirePersonal: ['a0'] },
};

const scopeGetter: CallSpec = { kind: 'other', silent: true, returns: 'scope' };

/**
 * Session replay (techniques-b §B3.3): the replay integration is the replay call. Sentry masks all
 * text, inputs and media by default (`all`); `maskAllText: false` leaves inputs masked (`inputs`),
 * `maskAllInputs: false` unmasks inputs (`none`, whatever the text setting).
 */
const replayIntegration: CallSpec = {
  kind: 'other',
  technique: 'session-replay',
  masking: {
    default: 'all',
    rules: [
      { path: 'a0.maskAllInputs', equals: 'false', level: 'none' },
      { path: 'a0.maskAllText', equals: 'false', level: 'inputs' },
    ],
  },
};
/** React Native `mobileReplayIntegration({ maskAllText, maskAllImages, maskAllVectors })`: text includes inputs. */
const mobileReplayIntegration: CallSpec = {
  kind: 'other',
  technique: 'session-replay',
  masking: { default: 'all', rules: [{ path: 'a0.maskAllText', equals: 'false', level: 'none' }] },
};
/**
 * `init({ replaysSessionSampleRate | replaysOnErrorSampleRate })` is the replay call only when no
 * replay integration call is visible in `integrations` (the Loader Script adds it, `Sentry.addIntegration`
 * elsewhere, or the legacy `new Sentry.Replay()`, which is not a call); its masking is unknown.
 */
const sentryInit: CallSpec = {
  kind: 'other',
  silent: true,
  switches: ['a0.replaysSessionSampleRate', 'a0.replaysOnErrorSampleRate'].map((path) => ({
    path,
    technique: 'session-replay' as const,
    when: 'truthy' as const,
    unless: { path: 'a0.integrations', matches: '\\b(?:mobileR|r)eplayIntegration\\s*\\(' },
  })),
};

const sentryFns: Record<string, MethodSpec> = {
  ...scopeMethods,
  init: sentryInit,
  replayIntegration,
  mobileReplayIntegration,
  getReplay: { kind: 'other', silent: true, returns: 'replay' },
  configureScope: { kind: 'other', silent: true, callbacks: { '0': 'scope' } },
  withScope: { kind: 'other', silent: true, callbacks: { '0': 'scope' } },
  getCurrentScope: scopeGetter,
  getIsolationScope: scopeGetter,
  getGlobalScope: scopeGetter,
};
const sentryModule = functionExports('fn', sentryFns);

const SENTRY_PACKAGES = [
  'browser', 'react', 'nextjs', 'vue', 'node', 'angular', 'svelte', 'sveltekit', 'remix', 'astro', 'bun', 'deno', 'gatsby',
  'ember', 'solid', 'solidstart', 'nuxt', 'react-native', 'react-router', 'tanstackstart-react', 'electron', 'capacitor',
  'nestjs', 'aws-serverless', 'google-cloud-serverless', 'cloudflare', 'vercel-edge', 'core', 'hub', 'minimal',
];

export const sentry: SdkEntry = {
  id: 'sentry',
  name: 'Sentry',
  vendor: 'Sentry',
  category: 'error-monitoring',
  modules: Object.fromEntries(SENTRY_PACKAGES.map((p) => [`@sentry/${p}`, sentryModule.exports])),
  globals: { Sentry: 'sentry' },
  types: {
    sentry: { methods: { ...sentryFns, onLoad: { kind: 'other', silent: true } } },
    scope: { methods: scopeMethods },
    // `Sentry.getReplay()?.start()` / `.startBuffering()` start a recording configured elsewhere.
    replay: { methods: { start: { kind: 'other', technique: 'session-replay' }, startBuffering: { kind: 'other', technique: 'session-replay' }, stop: { kind: 'consent' } } },
    ...sentryModule.types,
  },
  hosts: ['js.sentry-cdn.com', 'browser.sentry-cdn.com', 'ingest.sentry.io'],
  docs: 'tracking-sdks.md §4.39',
};

// ---------------------------------------------------------------- Datadog RUM

const userLike = (kind: 'identify' | 'group'): CallSpec => ({ kind, identity: 'a0.id', traits: 'a0' });

export const datadogRum: SdkEntry = {
  id: 'datadog-rum',
  name: 'Datadog RUM',
  vendor: 'Datadog',
  category: 'error-monitoring',
  modules: {
    '@datadog/browser-rum': { datadogRum: 'rum' },
    '@datadog/browser-rum-slim': { datadogRum: 'rum' },
  },
  globals: { DD_RUM: 'rum' },
  types: {
    rum: {
      methods: {
        // Session replay (techniques-b §B3.11): `sessionReplaySampleRate` > 0 (default 0; legacy
        // `replaySampleRate` / `premiumSampleRate`) records, unless recording starts manually through
        // `startSessionReplayRecording()`. Masking: `defaultPrivacyLevel` (default `mask-user-input`).
        init: {
          kind: 'other',
          silent: true,
          switches: ['a0.sessionReplaySampleRate', 'a0.replaySampleRate', 'a0.premiumSampleRate'].map((path) => ({
            path,
            technique: 'session-replay' as const,
            when: 'truthy' as const,
            unless: { path: 'a0.startSessionReplayRecordingManually', equals: 'true' },
          })),
          masking: {
            default: 'inputs',
            rules: [
              { path: 'a0.defaultPrivacyLevel', equals: "'allow'", level: 'none' },
              { path: 'a0.defaultPrivacyLevel', equals: "'mask-user-input'", level: 'inputs' },
              { path: 'a0.defaultPrivacyLevel', equals: "'mask'", level: 'all' },
              { path: 'a0.defaultPrivacyLevel', equals: "'mask-unless-allowlisted'", level: 'all' },
            ],
          },
        },
        startSessionReplayRecording: { kind: 'other', technique: 'session-replay' },
        stopSessionReplayRecording: { kind: 'consent' },
        onReady: { kind: 'other', silent: true },
        setUser: userLike('identify'),
        setUserProperty: { kind: 'identify', keyValue: { key: 'a0', value: 'a1' } },
        clearUser: { kind: 'reset' },
        setAccount: userLike('group'),
        setAccountProperty: { kind: 'group', keyValue: { key: 'a0', value: 'a1' } },
        clearAccount: { kind: 'reset' },
        addAction: { kind: 'track', event: 'a0', props: 'a1' },
        addUserAction: { kind: 'track', event: 'a0', props: 'a1' },
        startView: { kind: 'page', event: ['a0', 'a0.name'] },
        setGlobalContext: { kind: 'other', props: 'a0' },
        setGlobalContextProperty: { kind: 'other', keyValue: { key: 'a0', value: 'a1' } },
        setViewContext: { kind: 'other', props: 'a0' },
        setViewContextProperty: { kind: 'other', keyValue: { key: 'a0', value: 'a1' } },
        setTrackingConsent: { kind: 'consent' },
      },
    },
  },
  hosts: ['www.datadoghq-browser-agent.com'],
  docs: 'tracking-sdks.md §4.40',
};
