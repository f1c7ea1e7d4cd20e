/**
 * The public surface of the analysis core. Everything here is plain data: the core takes file
 * contents and a manifest and returns these objects; the language server and the CLI only adapt them.
 *
 * Positions are 0-based `{ line, character }` (UTF-16 code units), the LSP convention; the CLI
 * converts to 1-based lines and columns for its output.
 */

/** A position in a text document, 0-based. */
export interface Position {
  line: number;
  character: number;
}

/** A range in a text document, end exclusive. */
export interface Range {
  start: Position;
  end: Position;
}

/** An edit to one document (LSP `TextEdit` shape). */
export interface TextEdit {
  range: Range;
  newText: string;
}

/** The kinds of tracking call of the CLI contract (`calls[].kind`). */
export type CallKind = 'track' | 'page' | 'identify' | 'group' | 'alias' | 'reset' | 'consent' | 'other';

/** Technique ids of `manifest.md` (Techniques). */
export type TechniqueId =
  | 'session-replay'
  | 'fingerprinting'
  | 'email-tracking'
  | 'visitor-identification'
  | 'identity-matching'
  | 'cross-site-pixel'
  | 'ad-id';

export const techniqueIds: readonly TechniqueId[] = [
  'session-replay',
  'fingerprinting',
  'email-tracking',
  'visitor-identification',
  'identity-matching',
  'cross-site-pixel',
  'ad-id',
];

/** One property key sent by a call (or one identity trait). */
export interface CallProperty {
  key: string;
  /** Range of the key (or of the shorthand identifier). */
  keyRange: Range;
  /** Range of the whole property assignment, for "remove the property" fixes. */
  range: Range;
  /** Source text of the value expression (truncated), after following local variables. */
  valueText: string;
  /** The fideslang category inferred from key and value, or null when the analysis has no opinion. */
  inferred: string | null;
  /** The category declared in the manifest (filled in by the manifest checks); null when undeclared. */
  declared?: string | null;
  /** True when the property is reached through a spread or a variable, not written in the call. */
  indirect?: boolean;
  /** The property is a fixed part of a wrapper's body (reported at the wrapper's call sites). */
  fromWrapper?: boolean;
}

/** Session-replay masking level derived from SDK options (`manifest.md`: none | inputs | all). */
export type MaskingLevel = 'none' | 'inputs' | 'all';

/** A consent fact proven on every path to a call, in tool-neutral form (see analysis/guards.ts). */
export type GuardFact =
  | { type: 'call'; callee: string; args: (string | null)[]; module?: string }
  | { type: 'path'; path: string }
  | { type: 'compare'; path: string; value: string }
  | { type: 'includes'; path: string; value: string }
  | { type: 'callback'; callee: string; args: (string | null)[]; callbackIndex: number; module?: string };

/** A tracking call found in code. */
export interface TrackingCall {
  /** The file as given to the core (a path or URI). */
  file: string;
  /** The whole call expression (or pushed element). */
  range: Range;
  /** The callee, for squiggles that should not cover the whole argument list. */
  calleeRange: Range;
  /** SDK id from the catalogue, or `custom:<tracker>` for manifest/annotated trackers. */
  sdk: string;
  /** Every SDK a wrapper call reaches, when it reaches more than one. */
  sdks?: string[];
  /** The app wrapper the call goes through, or null for a direct SDK call. */
  via: string | null;
  kind: CallKind;
  /** The statically resolved event name, or null. */
  event: string | null;
  /** All names the event may take (union of literals, ternaries, annotations); `[event]` when single. */
  eventCandidates: string[];
  /** Range of the event-name expression when there is one. */
  eventRange: Range | null;
  /** True when an event-name argument exists but cannot be resolved. */
  eventDynamic: boolean;
  /** Properties (or traits for identity calls). */
  properties: CallProperty[];
  /** Range of the properties object literal, when written inline (for insertions). */
  propertiesRange: Range | null;
  /** True when the properties argument has parts the analysis cannot see (unknown spread, variable). */
  propertiesOpen: boolean;
  /** Identity calls: the identifier expression text, if any. */
  identityText?: string | null;
  /** Consent facts proven at the call; `guarded` in the CLI JSON is derived from these and the manifest. */
  guardFacts: GuardFact[];
  /** Consent categories proven at the call (filled in by the manifest checks). */
  guarded: string[];
  technique: TechniqueId | null;
  /** Session replay: the masking level the call's options configure. */
  masking?: MaskingLevel | null;
  /** The SDK method or command, e.g. `track`, `identify`, `event`. */
  method: string;
  /** Destinations named by an `@privacy tracker` annotation or a manifest tracker. */
  destinations?: string[];
  /** `@privacy` annotation on the line above, if any. */
  annotation?: PrivacyAnnotation | null;
  /**
   * A call of a wrapper whose event is fixed in its body (only property values are passed in):
   * listed in the inventory, but the rules judge the SDK call inside the wrapper instead, so a
   * problem is reported once, where the event and keys are written.
   */
  delegated?: boolean;
  /** Where the call sits when it is inside a wrapper's body (the wrapper's name). */
  insideWrapper?: string | null;
}

/** An `@privacy key=value …` annotation in a comment. */
export interface PrivacyAnnotation {
  /** Whether this is a `@privacy tracker` annotation (on a function). */
  tracker: boolean;
  values: Record<string, string>;
  range: Range;
}

export type Severity = 'error' | 'warning' | 'info';

/** A quick fix computed by the core: edits to one or more files. */
export interface Fix {
  title: string;
  /** Edits per file (path or URI as given to the core, or the manifest path). */
  edits: Record<string, TextEdit[]>;
  /** Safe fixes are applied by `privet check --fix`. */
  safe: boolean;
  /** Preferred fix for the diagnostic (LSP `isPreferred`). */
  preferred?: boolean;
}

/** A finding from a rule. */
export interface Finding {
  rule: string;
  severity: Severity;
  message: string;
  file: string;
  range: Range;
  event?: string | null;
  property?: string | null;
  category?: string | null;
  destination?: string | null;
  purpose?: string | null;
  suppressed: boolean;
  /** Suppression details when suppressed. */
  suppression?: { kind: 'inSource' | 'external'; justification: string } | null;
  fixes: Fix[];
}

/** Per-rule severity overrides (`--rule`, `privet.rules`). */
export type RuleSeverityOverrides = Record<string, 'off' | 'warn' | 'error' | 'info' | 'warning'>;

/** The result of checking a set of files: what the CLI formats and the server publishes. */
export interface CheckResult {
  /** Manifest paths that governed the checked files. */
  manifests: string[];
  findings: Finding[];
  calls: TrackingCall[];
  /** Number of files considered. */
  files: number;
  /** Wall time of the check in milliseconds. */
  ms: number;
}
