/**
 * The SDK catalogue is data: one `SdkEntry` per SDK says where the SDK comes from (modules, globals),
 * what its values look like (types with methods, callable command queues, factories) and where the
 * event name, properties and identity sit in each call. Adding an SDK is adding one entry.
 *
 * ## Argument paths
 * A path names a part of a call's arguments: `a0` is argument 0, `a1.properties` the `properties`
 * key of the object literal in argument 1, `a0[2]` element 2 of an array literal in argument 0.
 * `a0.*` means "the keys of the object in a0" (used for `dataLayer.push({event, ...})`, where every
 * key but the event key is a property).
 */
import type { CallKind, MaskingLevel, TechniqueId } from '../types';

/** Where the parts of one kind of call sit. */
export interface CallSpec {
  kind: CallKind;
  /**
   * Path to the event name (a list: the first path holding a string wins, e.g. Segment
   * `page(category?, name?)`), or `{ fixed }` for a call whose event is implied.
   */
  event?: string | string[] | { fixed: string };
  /** Path(s) to an object whose keys are the properties (first existing one wins). */
  props?: string | string[];
  /** Positional values reported as properties under a name (`_paq.push(['trackEvent', category, action, name, value])`). */
  named?: Record<string, string>;
  /**
   * A property whose key is the string at `key` and whose value is at `value` (`people.set('plan', 'pro')`);
   * ignored when `key` does not hold a string.
   */
  keyValue?: { key: string; value: string };
  /** Keys of the props object that are not properties (the event key of `dataLayer.push`). */
  exclude?: string[];
  /** Path(s) to the user identifier (first existing one wins). */
  identity?: string | string[];
  /** Path to the identity traits object. */
  traits?: string | string[];
  /** When the identity argument is itself an object, read traits from it (Segment `identify({…})`). */
  identityMayBeTraits?: boolean;
  technique?: TechniqueId;
  /**
   * Techniques an option of this call switches on (`posthog.init(key, { session_recording: {…} })`,
   * `Sentry.init({ replaysSessionSampleRate: 0.1 })`): when one matches, the call is reported even
   * if `silent`, as kind `other` with that technique. `when`: `present` (the key is written),
   * `truthy` (not `false`/`0`/`null`/`''`), `notFalse` (anything but `false`); `equals` compares
   * a literal's text; `matches` is a regular expression tested on the value's source text (array
   * items and object values included: `client.add({ plugin: new IdfaPlugin() })`). `unless`: the
   * switch does not apply when that path holds a literal equal to `equals`, or a value whose source
   * text `matches` (`datadogRum.init({ sessionReplaySampleRate: 100, startSessionReplayRecordingManually: true })`
   * records only from `startSessionReplayRecording()`).
   */
  switches?: {
    path: string;
    technique: TechniqueId;
    when?: 'present' | 'truthy' | 'notFalse';
    equals?: string;
    matches?: string;
    unless?: { path: string; equals?: string; matches?: string };
  }[];
  /**
   * Session replay: the masking the call configures, from option values. The first rule whose
   * path holds a literal equal to `equals` (its source text: `false`, `'all'`) sets the level;
   * otherwise `default` (the SDK's own default).
   */
  masking?: { default: MaskingLevel; rules: { path: string; equals: string; level: MaskingLevel }[] };
  /** The call returns a value of this type (same entry), e.g. a factory's instance. */
  returns?: string;
  /**
   * Only a tracking call when this path holds an object literal with one of these keys
   * (e.g. `fbq('init', id, {em})` carries identity only with advanced matching).
   */
  requireKeys?: { path: string; keys: string[] };
  /** Read the keys of every existing `props` (and `traits`) path, not only the first (`alloy('sendEvent', {xdm, data})`). */
  allProps?: boolean;
  /**
   * Only a tracking call when a value at one of these paths carries personal data (inferred from
   * keys and expressions): `Sentry.captureMessage('Signed in ' + user.email)` is, a plain
   * `captureException(err)` is not.
   */
  requirePersonal?: string[];
  /** Callbacks this call passes an SDK value to: argument index -> type of the callback's first parameter (`Sentry.withScope(scope => …)`). */
  callbacks?: Record<string, string>;
  /** Not reported by itself (`init`, `load`, `config` without data): only its `returns` matters. */
  silent?: boolean;
}

/** A method value: a call spec, or a dispatch on a literal command argument. */
export type MethodSpec = CallSpec | DispatchSpec;

/**
 * A command-queue call: the verb sits at `at` (e.g. `a0` for `fbq('track', …)`, `a0[0]` for `_paq.push([…])`).
 * Every spec of a dispatch may itself be a dispatch on another path (`gtag('set', 'user_data', {…})`).
 */
export interface DispatchSpec {
  dispatch: {
    at: string;
    cases: Record<string, MethodSpec>;
    /** Spec for verbs not listed (omit to ignore unknown verbs). */
    default?: MethodSpec;
    /** When the dispatch path is not a string but an object (`dataLayer.push({...})`). */
    object?: MethodSpec;
    /**
     * When the dispatch path is an object literal: the first of these keys it has selects the spec
     * (`FS('setIdentity', {uid} | {anonymous} | {consent})`); `object` is the fallback.
     */
    objectKeys?: Record<string, MethodSpec>;
    /** Verbs may carry a tracker-name prefix, `name.verb` (`ga('t2.send', …)`): look up the part after the last dot. */
    namedTrackers?: boolean;
    /**
     * When the dispatch path holds a value that is not a literal nor an object literal (a variable, a call, a
     * parameter): `Sentry.setUser(user)`. Literals `null`/`true`/`false` are looked up in `cases` (`setUser(null)`).
     */
    value?: MethodSpec;
    /** When the dispatch path is absent (`umami.track()`). */
    absent?: MethodSpec;
  };
}

/** The shape of a value an SDK exposes. */
export interface TypeSpec {
  /** Methods by name. */
  methods?: Record<string, MethodSpec>;
  /** What happens when the value itself is called (`fbq(…)`, `plausible(…)`). */
  call?: MethodSpec;
  /** `new X(…)` returns a value of this type. */
  construct?: string;
  /** Property access returns a value of this type (`mixpanel.people`, `Sentry.Replay`). */
  members?: Record<string, string>;
  /** Any other property access returns this type (named instances: `mixpanel.<name>.track`). */
  anyMember?: string;
}

/** One SDK. */
export interface SdkEntry {
  /** Stable id used in `privacy.yaml` (`destinations.*.sdk`) and in the CLI output. */
  id: string;
  /** Display name. */
  name: string;
  vendor: string;
  /** What the SDK is. */
  category: 'analytics' | 'product-analytics' | 'tag-manager' | 'advertising' | 'session-replay' | 'error-monitoring' | 'marketing' | 'customer-messaging' | 'consent' | 'fingerprinting' | 'email' | 'attribution' | 'identity' | 'other';
  /**
   * npm module specifiers and what each export is (`default`, `*` for the namespace, or a named export).
   * A type written `<sdk id>#<type>` belongs to another entry (one module exporting two SDKs' helpers,
   * `@next/third-parties/google`).
   */
  modules?: Record<string, Record<string, string>>;
  /** Global names and their types (reached bare, as `window.x`, `globalThis.x`, `self.x`). */
  globals?: Record<string, string>;
  /** Type definitions by name, referred to from `modules`, `globals`, `returns`, `construct`, `members`. */
  types: Record<string, TypeSpec>;
  /** Hosts of the SDK's script or collection endpoints (for HTML/script detection and pixels). */
  hosts?: string[];
  /** Words whose presence in a file means it may use this SDK (added to the pre-filter). */
  triggers?: string[];
  /** Reference section or documentation link. */
  docs?: string;
}
