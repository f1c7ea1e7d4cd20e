/**
 * Device fingerprinting libraries (tracking-techniques-b.md §B2.1–§B2.4). The reported call is the
 * one that computes (or requests) the visitor id, kind `other`, technique `fingerprinting`:
 * `agent.get()` of FingerprintJS / Fingerprint Pro (`load()` only returns the agent), the
 * `useVisitorData()` hook (it identifies on mount; `getData()` repeats it), ClientJS
 * `getFingerprint()`, ThumbmarkJS `getFingerprint()` / `new Thumbmark().get()`, and the legacy
 * fingerprintjs2 `Fingerprint2.get()`. `await` and `.then(fp => fp.get())` look through the agent
 * promise.
 * Hand-written canvas / WebGL / audio fingerprinting is recognised elsewhere.
 */
import type { CallSpec, MethodSpec, SdkEntry, TypeSpec } from '../types';
import { functionExports } from './moduleFunctions';

const FP = 'fingerprinting' as const;
const fingerprint: CallSpec = { kind: 'other', technique: FP };
/** `get({ linkedId, tag })`: Pro options that often carry an account id. */
const agentGet: CallSpec = { kind: 'other', technique: FP, props: 'a0' };

/** The agent (`load()` returns a promise of it). */
const agent: TypeSpec = { methods: { get: agentGet } };

// ---------------------------------------------------------------- FingerprintJS (open source) (§B2.1)

const fpjsFns = functionExports('fpjs', {
  load: { kind: 'other', silent: true, returns: 'agent' },
  // Custom fingerprints from the library's own sources.
  getCanvasFingerprint: fingerprint,
  getAudioFingerprint: fingerprint,
  getWebGLContext: { kind: 'other', silent: true },
  hashComponents: { kind: 'other', silent: true },
  componentsToDebugString: { kind: 'other', silent: true },
});
const fpjsDefault: TypeSpec = { methods: { load: { kind: 'other', silent: true, returns: 'agent' }, hashComponents: { kind: 'other', silent: true } } };

export const fingerprintjs: SdkEntry = {
  id: 'fingerprintjs',
  name: 'FingerprintJS (open source)',
  vendor: 'Fingerprint',
  category: 'fingerprinting',
  modules: { '@fingerprintjs/fingerprintjs': { ...fpjsFns.exports, default: 'FingerprintJS' } },
  // UMD / CDN build: `FingerprintJS.load()`.
  globals: { FingerprintJS: 'FingerprintJS' },
  types: { FingerprintJS: fpjsDefault, agent, ...fpjsFns.types },
  hosts: ['openfpcdn.io', 'm1.openfpcdn.io'],
  docs: 'tracking-techniques-b.md §B2.1',
};

// ---------------------------------------------------------------- Fingerprint Pro (§B2.2)

const proHook: CallSpec = { kind: 'other', technique: FP, props: 'a0', returns: 'visitorData' };

export const fingerprintPro: SdkEntry = {
  id: 'fingerprint-pro',
  name: 'Fingerprint Pro (identification API)',
  vendor: 'Fingerprint',
  category: 'fingerprinting',
  modules: {
    '@fingerprintjs/fingerprintjs-pro': { default: 'FingerprintJS', load: 'load', '*': 'FingerprintJS' },
    '@fingerprintjs/fingerprintjs-pro-react': { useVisitorData: 'useVisitorData', FpjsProvider: 'none' },
    '@fingerprintjs/fingerprintjs-pro-vue-v3': { useVisitorData: 'useVisitorData' },
    '@fingerprintjs/fingerprintjs-pro-spa': { FpjsClient: 'FpjsClientClass' },
  },
  types: {
    FingerprintJS: fpjsDefault,
    load: { call: { kind: 'other', silent: true, returns: 'agent' } },
    agent,
    // `const { data, getData } = useVisitorData({ extendedResult: true }, { immediate: true })`.
    useVisitorData: { call: proHook },
    visitorData: { methods: { getData: { kind: 'other', silent: true } } },
    FpjsClientClass: { construct: 'spaClient' },
    spaClient: { methods: { init: { kind: 'other', silent: true }, getVisitorData: agentGet } },
    none: {},
  },
  hosts: ['fpnpmcdn.net', 'fpjscdn.net', 'api.fpjs.io', 'eu.api.fpjs.io', 'ap.api.fpjs.io'],
  docs: 'tracking-techniques-b.md §B2.2',
};

// ---------------------------------------------------------------- ClientJS (§B2.3)

const clientjsMethods: Record<string, MethodSpec> = {
  getFingerprint: fingerprint,
  getCustomFingerprint: fingerprint,
  getCanvasPrint: fingerprint,
};

export const clientjs: SdkEntry = {
  id: 'clientjs',
  name: 'ClientJS',
  vendor: 'ClientJS (open source)',
  category: 'fingerprinting',
  modules: { clientjs: { ClientJS: 'ClientJSClass', default: 'ClientJSClass' } },
  globals: { ClientJS: 'ClientJSClass' },
  types: { ClientJSClass: { construct: 'client' }, client: { methods: clientjsMethods } },
  docs: 'tracking-techniques-b.md §B2.3',
};

// ---------------------------------------------------------------- ThumbmarkJS (§B2.4)

const thumbmarkFns = functionExports('thumbmark', {
  getFingerprint: fingerprint,
  getFingerprintData: fingerprint,
  setOption: { kind: 'other', silent: true },
});

export const thumbmarkjs: SdkEntry = {
  id: 'thumbmarkjs',
  name: 'ThumbmarkJS',
  vendor: 'ThumbmarkJS (open source)',
  category: 'fingerprinting',
  modules: { '@thumbmarkjs/thumbmarkjs': { ...thumbmarkFns.exports, Thumbmark: 'ThumbmarkClass' } },
  globals: { ThumbmarkJS: 'ThumbmarkJS' },
  types: {
    ...thumbmarkFns.types,
    // v1: `new Thumbmark({ api_key, logging }).get()`.
    ThumbmarkClass: { construct: 'thumbmark' },
    thumbmark: { methods: { get: fingerprint } },
    ThumbmarkJS: { methods: { getFingerprint: fingerprint, getFingerprintData: fingerprint, setOption: { kind: 'other', silent: true } }, members: { Thumbmark: 'ThumbmarkClass' } },
  },
  hosts: ['api.thumbmarkjs.com', 'cdn.thumbmarkjs.com'],
  docs: 'tracking-techniques-b.md §B2.4',
};

// ---------------------------------------------------------------- fingerprintjs2 (legacy FingerprintJS v2)

const fp2: TypeSpec = {
  methods: {
    // `Fingerprint2.get(options?, cb)`, `Fingerprint2.getPromise(options?)`, `getV18`.
    get: fingerprint,
    getPromise: fingerprint,
    getV18: fingerprint,
    x64hash128: { kind: 'other', silent: true },
  },
  construct: 'fp2Instance',
};

export const fingerprintjs2: SdkEntry = {
  id: 'fingerprintjs2',
  name: 'fingerprintjs2 (FingerprintJS v2, legacy)',
  vendor: 'Fingerprint',
  category: 'fingerprinting',
  modules: { fingerprintjs2: { default: 'Fingerprint2', '*': 'Fingerprint2' } },
  globals: { Fingerprint2: 'Fingerprint2' },
  // v1 API: `new Fingerprint2().get(cb)`.
  types: { Fingerprint2: fp2, fp2Instance: { methods: { get: fingerprint } } },
  docs: 'https://github.com/fingerprintjs/fingerprintjs/tree/v2',
};
