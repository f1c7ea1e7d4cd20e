/**
 * File summaries: everything the project-level analysis needs from one file, as plain data.
 * A summary is computed from one parse and the AST is dropped right after, so memory stays
 * proportional to the tracking-relevant facts, not to the size of the workspace.
 */
import type { ArgValue, Span } from './argValues';
import type { GuardFact, PrivacyAnnotation, TechniqueId } from '../types';

/** Where an app reference starts: a local entity or an import. */
export type AppBase = { k: 'local'; id: string } | { k: 'import'; module: string; name: string };

/**
 * A reference to an app value with the operations applied to it: `.name` (member), `()` (call),
 * `new` (construct). `useTelemetry().track` is `{ base: import useTelemetry, steps: ['()', '.track'] }`.
 */
export interface AppRef {
  base: AppBase;
  steps: string[];
}

/** What a callee resolved to inside its file. */
export type CalleeRef =
  | { k: 'sdk'; sdk: string; type: string; method: string | null }
  | { k: 'app'; ref: AppRef }
  | { k: 'global'; name: string };

/** A call that may be a tracking call (resolved at project level). */
export interface CallSite {
  callee: CalleeRef;
  calleeText: string;
  args: ArgValue[];
  span: Span;
  calleeSpan: Span;
  /** Id of the enclosing function entity, or null at module level. */
  fn: string | null;
  guards: GuardFact[];
  annotation?: PrivacyAnnotation;
}

/**
 * A technique used directly, outside any SDK call (`analysis/detectors/`): a hand-written pixel or
 * beacon to a collection endpoint, a server-side conversion API request, a hand-made e-mail open
 * pixel or click redirect, a hand-written fingerprint. Turned into a `TrackingCall` of kind `other`.
 */
export interface DirectTechnique {
  technique: TechniqueId;
  /** Vendor SDK id from the endpoint table (`meta-pixel`), or a family id (`fingerprint:canvas`, `email:open-pixel`). */
  sdk: string;
  /** The shape: `img.src`, `<img>`, `sendBeacon`, `fetch`, `post`, `xhr.open`, `canvas`, `webgl`, … */
  method: string;
  event: string | null;
  span: Span;
  calleeSpan: Span;
  /** Id of the enclosing function entity, or null at module level. */
  fn: string | null;
  guards: GuardFact[];
  /** The URL's static text (`…` for dynamic parts), when there is one. */
  url?: string;
  /** A URL held in an imported constant, matched against the endpoint table at project level. */
  pendingUrl?: ArgValue;
  /**
   * A helper whose URL is its parameter `index` (`function beacon(url) { navigator.sendBeacon(url) }`):
   * not a call itself; its call sites with a collection-endpoint URL are (project level).
   */
  sinkParam?: { fn: string; index: number };
}

/** A tracker contract declared by annotation or manifest. */
export interface TrackerContract {
  name: string;
  kind: 'track' | 'page' | 'identify' | 'group' | 'alias';
  eventArg?: number;
  propertiesArg?: number;
  destinations: string[];
}

/** A value defined in a file that other code can refer to. */
export type Entity =
  | {
      k: 'fn';
      name: string;
      params: number;
      /** What calling the function returns, when it returns something we can follow (hook results). */
      returns?: EntityValue;
      /** Lines of the body (1 for a one-line body): thin forwarding functions are wrappers. */
      size: number;
      tracker?: TrackerContract;
    }
  | { k: 'obj'; members: Record<string, EntityValue> }
  | { k: 'class'; name: string; methods: Record<string, EntityValue>; statics: Record<string, EntityValue> }
  | { k: 'val'; value: EntityValue }
  /** An exported constant (event-name tables, enums). */
  | { k: 'const'; value: ArgValue };

/** A value an entity member or export stands for. */
export type EntityValue = { k: 'entity'; id: string } | { k: 'app'; ref: AppRef } | { k: 'sdk'; sdk: string; type: string };

/** What an export name stands for. */
export type ExportRef = { k: 'entity'; id: string } | { k: 'reexport'; module: string; name: string } | { k: 'app'; ref: AppRef };

export interface FileSummary {
  file: string;
  sites: CallSite[];
  entities: Record<string, Entity>;
  exports: Record<string, ExportRef>;
  starExports: string[];
  /** Offsets of line starts, for position conversion without the text. */
  lineStarts: number[];
  /** Syntax errors the parser recovered from. */
  parseErrors: number;
  /** Module specifiers imported (resolved at project level). */
  imports: string[];
  /** Techniques used outside SDK calls (absent when none). */
  direct?: DirectTechnique[];
}
