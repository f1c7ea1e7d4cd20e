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
import type { CallKind, TechniqueId } from '../types';

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
  /** Keys of the props object that are not properties (the event key of `dataLayer.push`). */
  exclude?: string[];
  /** Path to the user identifier. */
  identity?: string;
  /** Path to the identity traits object. */
  traits?: string | string[];
  /** When the identity argument is itself an object, read traits from it (Segment `identify({…})`). */
  identityMayBeTraits?: boolean;
  technique?: TechniqueId;
  /** The call returns a value of this type (same entry), e.g. a factory's instance. */
  returns?: string;
  /**
   * Only a tracking call when this path holds an object literal with one of these keys
   * (e.g. `fbq('init', id, {em})` carries identity only with advanced matching).
   */
  requireKeys?: { path: string; keys: string[] };
  /** Not reported by itself (`init`, `load`, `config` without data): only its `returns` matters. */
  silent?: boolean;
}

/** A method value: a call spec, or a dispatch on a literal command argument. */
export type MethodSpec = CallSpec | DispatchSpec;

/** A command-queue call: the verb sits at `at` (e.g. `a0` for `fbq('track', …)`, `a0[0]` for `_paq.push([…])`). */
export interface DispatchSpec {
  dispatch: {
    at: string;
    cases: Record<string, CallSpec>;
    /** Spec for verbs not listed (omit to ignore unknown verbs). */
    default?: CallSpec;
    /** When the dispatch path is not a string but an object (`dataLayer.push({...})`). */
    object?: CallSpec;
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
  /** npm module specifiers and what each export is (`default`, `*` for the namespace, or a named export). */
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
