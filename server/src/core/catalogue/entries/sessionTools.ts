import type { CallSpec, MethodSpec, SdkEntry } from '../types';
import { functionExports } from './moduleFunctions';

// ---------------------------------------------------------------------------------------------
// FullStory (tracking-sdks.md §4.13): v2 command function `FS(cmd, {…})` / `FullStory(cmd, {…})`, v1 methods.

const fsIdentity: CallSpec = { kind: 'identify', identity: 'a1.uid', traits: 'a1.properties' };
const fsSetIdentity: MethodSpec = {
  dispatch: {
    at: 'a1',
    cases: {},
    objectKeys: { uid: fsIdentity, anonymous: { kind: 'reset' }, consent: { kind: 'consent' } },
    object: fsIdentity,
    value: { kind: 'identify', traits: 'a1' },
  },
};
const fsSetProperties: MethodSpec = {
  dispatch: {
    at: 'a1.type',
    cases: { user: { kind: 'identify', traits: 'a1.properties' } },
    default: { kind: 'other', props: 'a1.properties' },
    value: { kind: 'other', props: 'a1.properties' },
  },
};
/**
 * Session replay (techniques-b §B3.5): `init({ orgId })` records unless `startCaptureManually: true`
 * (then `FS('start')` does). Masking is the FullStory "Private by Default" setting: unknown here.
 */
const fsInit: CallSpec = {
  kind: 'other',
  silent: true,
  switches: [{ path: 'a0', technique: 'session-replay', unless: { path: 'a0.startCaptureManually', equals: 'true' } }],
};
const fsStart: CallSpec = { kind: 'other', technique: 'session-replay' };

const fsCommands: Record<string, MethodSpec> = {
  trackEvent: { kind: 'track', event: 'a1.name', props: 'a1.properties' },
  trackEventAsync: { kind: 'track', event: 'a1.name', props: 'a1.properties' },
  setIdentity: fsSetIdentity,
  setIdentityAsync: fsSetIdentity,
  setProperties: fsSetProperties,
  setPropertiesAsync: fsSetProperties,
  shutdown: { kind: 'consent' },
  // Starts capture held back by `startCaptureManually: true` / `_fs_capture_on_startup = false` (techniques-b §B3.5).
  start: fsStart,
  restart: { kind: 'consent' },
};

/** v1 API (`FS.identify`, `FullStory.event` of `import * as FullStory`, React Native). */
const fsV1: Record<string, MethodSpec> = {
  init: fsInit,
  identify: { kind: 'identify', identity: 'a0', traits: 'a1' },
  setUserVars: { kind: 'identify', traits: 'a0' },
  setVars: { dispatch: { at: 'a0', cases: { user: { kind: 'identify', traits: 'a1' } }, default: { kind: 'other', props: 'a1' } } },
  event: { kind: 'track', event: 'a0', props: 'a1' },
  anonymize: { kind: 'reset' },
  consent: { kind: 'consent' },
  shutdown: { kind: 'consent' },
  restart: { kind: 'consent' },
};
const fsFns = functionExports('fullstory', fsV1);

export const fullstory: SdkEntry = {
  id: 'fullstory',
  name: 'FullStory',
  vendor: 'FullStory',
  category: 'session-replay',
  modules: {
    '@fullstory/browser': { ...fsFns.exports, FullStory: 'FS' },
    '@fullstory/react-native': { default: 'FS', '*': 'FS' },
  },
  globals: { FS: 'FS' },
  types: {
    FS: { call: { dispatch: { at: 'a0', cases: fsCommands } }, methods: fsV1 },
    ...fsFns.types,
  },
  hosts: ['edge.fullstory.com', 'rs.fullstory.com', 'fullstory.com'],
  docs: 'tracking-sdks.md §4.13',
};

// ---------------------------------------------------------------------------------------------
// Hotjar (§4.14): `hj(cmd, …)`, `@hotjar/browser`, react-hotjar, react-use-hotjar. Events carry no properties.

/**
 * Session replay (techniques-b §B3.6): loading the tag records when recordings are on in the
 * dashboard; keystrokes are suppressed by default (`inputs`).
 */
const hotjarInit: CallSpec = { kind: 'other', technique: 'session-replay', masking: { default: 'inputs', rules: [] } };

const hotjarMethods: Record<string, MethodSpec> = {
  init: hotjarInit,
  initialize: hotjarInit,
  identify: { kind: 'identify', identity: 'a0', traits: 'a1' },
  event: { kind: 'track', event: 'a0' },
  stateChange: { kind: 'page', event: 'a0' },
};

export const hotjar: SdkEntry = {
  id: 'hotjar',
  name: 'Hotjar',
  vendor: 'Hotjar (Contentsquare)',
  category: 'session-replay',
  modules: {
    '@hotjar/browser': { default: 'Hotjar', '*': 'Hotjar' },
    'react-hotjar': { hotjar: 'Hotjar' },
    'react-use-hotjar': { default: 'useHotjar' },
  },
  globals: { hj: 'hj' },
  types: {
    hj: {
      call: {
        dispatch: {
          at: 'a0',
          cases: {
            identify: { kind: 'identify', identity: 'a1', traits: 'a2' },
            event: { kind: 'track', event: 'a1' },
            stateChange: { kind: 'page', event: 'a1' },
            tagRecording: { kind: 'other', named: { tags: 'a1' } },
          },
        },
      },
    },
    Hotjar: { methods: hotjarMethods },
    useHotjar: { call: { kind: 'other', silent: true, returns: 'hotjarHook' } },
    hotjarHook: {
      methods: {
        initHotjar: hotjarInit,
        identifyHotjar: { kind: 'identify', identity: 'a0', traits: 'a1' },
        stateChange: { kind: 'page', event: 'a0' },
      },
    },
  },
  hosts: ['static.hotjar.com', 'script.hotjar.com'],
  docs: 'tracking-sdks.md §4.14',
};

// ---------------------------------------------------------------------------------------------
// LogRocket (§4.15)

export const logrocket: SdkEntry = {
  id: 'logrocket',
  name: 'LogRocket',
  vendor: 'LogRocket',
  category: 'session-replay',
  modules: { logrocket: { default: 'LogRocket', '*': 'LogRocket' } },
  globals: { LogRocket: 'LogRocket' },
  types: {
    LogRocket: {
      methods: {
        // Records from `init` (techniques-b §B3.4) unless `dom: { isEnabled: false }`; only passwords are
        // masked by default (`none`): `dom.inputSanitizer: true` masks inputs, `dom.textSanitizer: true` all text.
        init: {
          kind: 'other',
          silent: true,
          switches: [{ path: 'a0', technique: 'session-replay', unless: { path: 'a1.dom.isEnabled', equals: 'false' } }],
          masking: {
            default: 'none',
            rules: [
              { path: 'a1.dom.textSanitizer', equals: 'true', level: 'all' },
              { path: 'a1.dom.inputSanitizer', equals: 'true', level: 'inputs' },
            ],
          },
        },
        identify: { kind: 'identify', identity: 'a0', traits: 'a1', identityMayBeTraits: true },
        track: { kind: 'track', event: 'a0', props: 'a1' },
        // Error reports: `{ tags, extra }` may carry personal data.
        captureMessage: { kind: 'other', props: 'a1' },
        captureException: { kind: 'other', props: 'a1' },
        startNewSession: { kind: 'reset' },
      },
    },
  },
  hosts: ['cdn.logr-in.com', 'cdn.lr-ingest.io', 'cdn.lr-ingest.com', 'cdn.logrocket.io', 'cdn.lgrckt-in.com', 'r.lr-ingest.io'],
  docs: 'tracking-sdks.md §4.15',
};
