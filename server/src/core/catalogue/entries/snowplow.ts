import type { CallSpec, MethodSpec, SdkEntry } from '../types';
import { functionExports } from './moduleFunctions';

/** `setUserId(id | null)`: `null` (or no argument) clears the user ID. */
function setUserId(at: string): MethodSpec {
  const identify: CallSpec = { kind: 'identify', identity: at };
  return { dispatch: { at, cases: { null: { kind: 'reset' } }, default: identify, value: identify, absent: { kind: 'reset' } } };
}

const consent: CallSpec = { kind: 'consent' };

/** `@snowplow/browser-tracker` functions (and the same methods on a `BrowserTracker`). */
const trackerFns: Record<string, MethodSpec> = {
  trackPageView: { kind: 'page', event: 'a0.title' },
  trackStructEvent: { kind: 'track', event: 'a0.action', props: 'a0', exclude: ['action', 'context', 'timestamp'] },
  trackSelfDescribingEvent: { kind: 'track', event: 'a0.event.schema', props: 'a0.event.data' },
  setUserId: setUserId('a0'),
  setUserIdFromLocation: { kind: 'identify' },
  setUserIdFromReferrer: { kind: 'identify' },
  setUserIdFromCookie: { kind: 'identify' },
  enableAnonymousTracking: consent,
  disableAnonymousTracking: consent,
  clearUserData: consent,
  setOptOutCookie: consent,
};
const browserTracker = functionExports('bt', { ...trackerFns, newTracker: { kind: 'other', silent: true, returns: 'tracker' } });

/** The sp.js tag: `snowplow('trackStructEvent', {...})`; arguments shift by one. */
const tagCommands: Record<string, MethodSpec> = {
  trackPageView: { kind: 'page', event: ['a1.title', 'a1'] },
  trackStructEvent: {
    dispatch: {
      at: 'a1',
      cases: {},
      object: { kind: 'track', event: 'a1.action', props: 'a1', exclude: ['action', 'context', 'timestamp'] },
      // Legacy positional form: `snowplow('trackStructEvent', category, action, label, property, value)`.
      default: { kind: 'track', event: 'a2', named: { category: 'a1', label: 'a3', property: 'a4', value: 'a5' } },
    },
  },
  // v3 `{ event: { schema, data } }`; v2 passed the self-describing JSON itself.
  trackSelfDescribingEvent: { kind: 'track', event: ['a1.event.schema', 'a1.schema'], props: ['a1.event.data', 'a1.data'] },
  setUserId: setUserId('a1'),
  setUserIdFromLocation: { kind: 'identify' },
  setUserIdFromReferrer: { kind: 'identify' },
  setUserIdFromCookie: { kind: 'identify' },
  enableAnonymousTracking: consent,
  disableAnonymousTracking: consent,
  clearUserData: consent,
  setOptOutCookie: consent,
};

export const snowplow: SdkEntry = {
  id: 'snowplow',
  name: 'Snowplow',
  vendor: 'Snowplow',
  category: 'analytics',
  modules: { '@snowplow/browser-tracker': browserTracker.exports },
  globals: { snowplow: 'tag' },
  types: {
    ...browserTracker.types,
    tracker: { methods: trackerFns },
    tag: { call: { dispatch: { at: 'a0', cases: tagCommands } } },
  },
  docs: 'tracking-sdks.md §4.33',
};
