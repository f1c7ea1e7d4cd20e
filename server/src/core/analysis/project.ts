/**
 * Project-level detection: from file summaries to tracking calls.
 *
 * 1. A cheap textual pre-filter picks the files that can contain an SDK call (catalogue globals,
 *    module names, `@privacy`, manifest tracker names); only those are parsed.
 * 2. Exports that lead to tracking (SDK instances, wrappers, hooks and classes around them) are
 *    found; files that mention their names (or their module's name) are parsed next, until no new
 *    file qualifies. Barrels and constant tables are summarised on demand when an import leads there.
 * 3. Every recorded call site is resolved: to an SDK method (a direct call), or to an app function
 *    that forwards its parameters into a tracking call (a wrapper, transitively and across files).
 *    A wrapper is kept as "callee + argument templates"; at its call sites the templates are
 *    instantiated with the actual arguments and evaluated against the SDK's call spec.
 */
import { posix } from 'node:path';
import type { ArgValue } from './argValues';
import { argAt, refersToParam, step, stringsOf, substitute, textOf, valueAt } from './argValues';
import type { AppRef, CallSite, CalleeRef, DirectTechnique, Entity, EntityValue, FileSummary, TrackerContract } from './summary';
import { summarizeFile } from './fileAnalysis';
import { ModuleResolver } from './moduleResolver';
import { Prefilter } from './prefilter';
import { isDispatch, type Catalogue, type CallSpec, type DispatchSpec, type MethodSpec } from '../catalogue';
import { sdkCallResult, sdkConstruct, sdkMember, sdkModuleExport, type SdkSym } from './sdkSymbols';
import { inferCategory } from './categories';
import { directTechniqueCall, sinkHelperCall } from './detectors';
import type { CallProperty, GuardFact, Range, TrackingCall } from '../types';

/** A tracker declared in the manifest's `trackers:` section. */
export interface ManifestTrackerInput {
  function: string;
  /** Resolved absolute file path, or a package name. */
  module?: string;
  kind: TrackerContract['kind'];
  eventArg?: number;
  propertiesArg?: number;
  destinations: string[];
}

/** What the project analysis needs from its host (the CLI or the language server). */
export interface ProjectHost {
  /** Every JS/TS file of the project ('/'-separated absolute paths). */
  files: readonly string[];
  readFile(path: string): string | undefined;
  /** Non-source files such as tsconfig.json; defaults to readFile. */
  readConfigFile?(path: string): string | undefined;
  /** Reuse summaries (keyed by path) when their text has not changed. */
  summaryCache?: Map<string, { text: string; summary: FileSummary }>;
  trackers?: readonly ManifestTrackerInput[];
  /** Workspace packages (monorepos): package name -> folder. */
  packages?: ReadonlyMap<string, string>;
  /** Summarise many files at once (worker threads); defaults to in-thread summarisation. */
  summarizeMany?(files: string[]): Promise<Map<string, FileSummary>> | Map<string, FileSummary>;
  /** Called now and then while files are read (for a progress line). */
  onProgress?(done: number, total: number): void;
}

export interface ProjectAnalysis {
  calls: TrackingCall[];
  summaries: Map<string, FileSummary>;
  /** Files that were parsed. */
  parsed: number;
}

/** A resolved value at project level. */
type PVal = SdkSym | { k: 'entity'; file: string; id: string } | { k: 'inst'; file: string; id: string } | { k: 'ns'; file: string } | { k: 'tracker'; contract: TrackerContract };

/** What a call site calls. */
type Target =
  | { k: 'sdk'; sdk: string; type: string; method: string | null }
  | { k: 'wrapper'; file: string; id: string; info: WrapperInfo }
  | { k: 'tracker'; contract: TrackerContract };

interface WrapperInfo {
  name: string;
  /** The call(s) inside the body that the wrapper forwards to, with argument templates. */
  inner: { site: CallSite; target: Target }[];
  /** The event is fixed in the body and only property values come from the parameters. */
  valuesOnly: boolean;
}

/** The final SDK-level evaluation of a call. */
interface Evaluated {
  sdk: string;
  sdks: string[];
  spec: CallSpec;
  method: string;
  args: ArgValue[];
  /** File in which `args` spans live for nodes not marked `w`. */
  guards: GuardFact[];
  argFile: string;
  contract?: TrackerContract;
}

/** Words in a function's name that say it exists to track (camelCase / snake_case words). */
const TRACKING_WORDS = new Set(['track', 'tracking', 'tracker', 'analytics', 'telemetry', 'metric', 'metrics', 'capture', 'event', 'events', 'log', 'identify', 'beacon', 'pixel', 'gtag', 'fbq', 'pageview', 'conversion', 'segment', 'amplitude', 'mixpanel', 'posthog', 'ga', 'ga4', 'datalayer', 'gtm', 'hotjar', 'heap', 'matomo', 'plausible', 'fathom', 'umami', 'instrument', 'instrumentation']);
function trackingish(name: string): boolean {
  const words = name.split(/[^A-Za-z0-9]+|(?<=[a-z0-9])(?=[A-Z])/).map((w) => w.toLowerCase());
  return words.some((w) => TRACKING_WORDS.has(w));
}
/** A function forwarding only property values is a wrapper when it is this thin (lines of body) or named for tracking. */
const THIN_WRAPPER_LINES = 8;
/** A function forwarding its event name or properties is a wrapper when at most this long, or named for tracking. */
const THIN_FORWARDER_LINES = 20;
const MAX_ROUNDS = 6;
/** `export … from '…'` / `export * from '…'` / `module.exports = require(…)`: a module that passes others on. */
const REEXPORT = /\bexport\s*(?:\*|\{[^}]*\}|type\s*\{[^}]*\})\s*from\b|\bexport\s*\*\s*as\b|module\.exports\s*=\s*require\b/;

export class ProjectAnalyzer {
  readonly summaries = new Map<string, FileSummary>();
  private readonly fileSet: Set<string>;
  private readonly resolver: ModuleResolver;
  private readonly wrapperMemo = new Map<string, WrapperInfo | null>();
  private readonly sitesByFn = new Map<string, Map<string, CallSite[]>>();
  private readonly trackerNames: Set<string>;
  private parsedCount = 0;
  /** Files known not to lead to tracking (skipped when resolving callees). */
  private readonly notTracking = new Set<string>();
  /** True while resolving what a call site calls. */
  private calleeMode = false;
  private readonly sdkPrefilter: Prefilter;

  constructor(
    private readonly cat: Catalogue,
    private readonly host: ProjectHost,
  ) {
    this.fileSet = new Set(host.files);
    this.resolver = new ModuleResolver({
      fileExists: (p) => this.fileSet.has(p),
      readFile: (p) => (host.readConfigFile ?? host.readFile)(p),
      packages: host.packages,
    });
    this.trackerNames = new Set((host.trackers ?? []).map((t) => t.function));
    this.sdkPrefilter = new Prefilter([...this.cat.triggers, ...this.trackerNames]);
  }

  /** Run the whole detection. */
  async analyze(): Promise<ProjectAnalysis> {
    const prefilter = this.sdkPrefilter;
    const pending: string[] = [];
    const texts = new Map<string, string>();
    let done = 0;
    for (const f of this.host.files) {
      if (++done % 500 === 0) this.host.onProgress?.(done, this.host.files.length);
      const cached = this.host.summaryCache?.get(f);
      const text = this.host.readFile(f);
      if (text === undefined) continue;
      if (cached && cached.text === text) {
        this.summaries.set(f, cached.summary);
        continue;
      }
      if (Prefilter.looksMinified(text)) continue;
      if (prefilter.test(text)) pending.push(f);
      else texts.set(f, text);
    }
    await this.summarizeAll(pending);
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const tokens = this.interestingTokens();
      if (tokens.length === 0) break;
      const pf = new Prefilter(tokens);
      const next: string[] = [];
      for (const [f, text] of texts) {
        if (pf.test(text) && /\b(?:import|require|from)\b/.test(text)) {
          next.push(f);
          texts.delete(f);
        }
      }
      if (next.length === 0) break;
      await this.summarizeAll(next);
    }
    return { calls: this.resolveAll(), summaries: this.summaries, parsed: this.parsedCount };
  }

  private async summarizeAll(files: string[]): Promise<void> {
    if (files.length === 0) return;
    if (this.host.summarizeMany && files.length > 1) {
      const out = await this.host.summarizeMany(files);
      for (const [f, s] of out) this.store(f, s);
      this.parsedCount += out.size;
      return;
    }
    for (const f of files) this.summary(f);
  }

  private store(file: string, s: FileSummary): void {
    this.summaries.set(file, s);
    const text = this.host.summaryCache ? this.host.readFile(file) : undefined;
    if (this.host.summaryCache && text !== undefined) this.host.summaryCache.set(file, { text, summary: s });
  }

  /** The summary of a file, parsing it on demand (barrels, constant tables). */
  summary(file: string): FileSummary | undefined {
    const s = this.summaries.get(file);
    if (s) return s;
    if (!this.fileSet.has(file) || this.notTracking.has(file)) return undefined;
    const text = this.host.readFile(file);
    if (text === undefined || Prefilter.looksMinified(text)) return undefined;
    // Resolving a callee: a module the pre-filter rounds did not pick can still lead to tracking
    // only by re-exporting (a barrel) or by using an SDK; anything else is not parsed.
    if (this.calleeMode && !REEXPORT.test(text) && !this.sdkPrefilter.test(text)) {
      this.notTracking.add(file);
      return undefined;
    }
    let out: FileSummary;
    try {
      out = summarizeFile(file, text, this.cat, { trackerNames: this.trackerNames });
    } catch {
      out = { file, sites: [], entities: {}, exports: {}, starExports: [], lineStarts: [0], parseErrors: 1, imports: [] };
    }
    this.parsedCount++;
    this.store(file, out);
    return out;
  }

  /** Names whose mention makes a file worth parsing: exports that lead to tracking. */
  private interestingTokens(): string[] {
    const tokens = new Set<string>();
    for (const [file, s] of this.summaries) {
      for (const [name, ex] of Object.entries(s.exports)) {
        const v = ex.k === 'entity' ? ({ k: 'entity', file, id: ex.id } as PVal) : ex.k === 'app' ? this.resolveRef(file, ex.ref, 0) : this.resolveImport(file, ex.module, ex.name, 0);
        if (!v || !this.leadsToTracking(v, 0)) continue;
        if (name !== 'default') {
          tokens.add(name);
          continue;
        }
        // A default export is imported under any name: match the module's name in the import path.
        const base = posix.basename(file).replace(/\.[^.]+$/, '');
        tokens.add(base === 'index' ? posix.basename(posix.dirname(file)) : base);
      }
    }
    for (const t of [...tokens]) if (t.length < 3) tokens.delete(t);
    return [...tokens].sort();
  }

  private leadsToTracking(v: PVal, depth: number): boolean {
    if (depth > 4) return false;
    if (v.k === 'sdk' || v.k === 'sdkm' || v.k === 'tracker') return true;
    if (v.k === 'ns') return false;
    const e = this.entity(v.file, v.id);
    if (!e) return false;
    switch (e.k) {
      case 'fn':
        if (e.tracker || this.wrapper(v.file, v.id)) return true;
        return !!e.returns && this.leadsToTrackingEV(v.file, e.returns, depth + 1);
      case 'obj':
        return Object.values(e.members).some((m) => this.leadsToTrackingEV(v.file, m, depth + 1));
      case 'class':
        return [...Object.values(e.methods), ...Object.values(e.statics)].some((m) => this.leadsToTrackingEV(v.file, m, depth + 1));
      case 'val':
        return this.leadsToTrackingEV(v.file, e.value, depth + 1);
      default:
        return false;
    }
  }

  private leadsToTrackingEV(file: string, ev: EntityValue, depth: number): boolean {
    const v = this.fromEntityValue(file, ev, depth);
    return !!v && this.leadsToTracking(v, depth);
  }

  private entity(file: string, id: string): Entity | undefined {
    return this.summary(file)?.entities[id];
  }

  // ------------------------------------------------------------ reference resolution

  private fromEntityValue(file: string, ev: EntityValue, depth: number): PVal | undefined {
    if (ev.k === 'sdk') return { k: 'sdk', sdk: ev.sdk, type: ev.type };
    if (ev.k === 'entity') {
      const e = this.entity(file, ev.id);
      if (e?.k === 'val') return depth > 8 ? undefined : this.fromEntityValue(file, e.value, depth + 1);
      return { k: 'entity', file, id: ev.id };
    }
    return this.resolveRef(file, ev.ref, depth + 1);
  }

  resolveRef(file: string, ref: AppRef, depth: number): PVal | undefined {
    if (depth > 10) return undefined;
    let cur: PVal | undefined =
      ref.base.k === 'local'
        ? this.fromEntityValue(file, { k: 'entity', id: ref.base.id }, depth + 1)
        : this.resolveImport(file, ref.base.module, ref.base.name, depth + 1);
    for (const st of ref.steps) {
      if (!cur) return undefined;
      cur = this.applyStep(cur, st, depth + 1);
    }
    return cur;
  }

  resolveImport(file: string, module: string, name: string, depth: number): PVal | undefined {
    if (depth > 12) return undefined;
    if (this.cat.modules.has(module)) return sdkModuleExport(this.cat, module, name);
    const target = this.resolver.resolve(file, module);
    if (!target) {
      const t = this.host.trackers?.find((x) => x.function === name && x.module === module);
      return t ? { k: 'tracker', contract: contractOf(t) } : undefined;
    }
    return this.exportOf(target, name, depth + 1, new Set());
  }

  private exportOf(file: string, name: string, depth: number, seen: Set<string>): PVal | undefined {
    if (depth > 12 || seen.has(file)) return undefined;
    seen.add(file);
    if (name === '*') return { k: 'ns', file };
    const s = this.summary(file);
    if (!s) return undefined;
    const ex = own(s.exports, name);
    if (ex) {
      if (ex.k === 'entity') return this.fromEntityValue(file, { k: 'entity', id: ex.id }, depth + 1);
      if (ex.k === 'reexport') return this.resolveImport(file, ex.module, ex.name, depth + 1);
      return this.resolveRef(file, ex.ref, depth + 1);
    }
    for (const m of s.starExports) {
      if (this.cat.modules.has(m)) {
        const v = sdkModuleExport(this.cat, m, name);
        if (v) return v;
        continue;
      }
      const t = this.resolver.resolve(file, m);
      const v = t && this.exportOf(t, name, depth + 1, seen);
      if (v) return v;
    }
    return undefined;
  }

  private applyStep(v: PVal, st: string, depth: number): PVal | undefined {
    if (v.k === 'sdk' || v.k === 'sdkm') {
      if (st === '()') return sdkCallResult(this.cat, v);
      if (st === 'new') return sdkConstruct(this.cat, v);
      return sdkMember(this.cat, v, st.slice(1));
    }
    if (v.k === 'tracker') return undefined;
    if (v.k === 'ns') return st.startsWith('.') ? this.exportOf(v.file, st.slice(1), depth + 1, new Set()) : undefined;
    const e = this.entity(v.file, v.id);
    if (!e) return undefined;
    if (v.k === 'inst') {
      if (e.k !== 'class' || !st.startsWith('.')) return undefined;
      const m = own(e.methods, st.slice(1));
      return m && this.fromEntityValue(v.file, m, depth + 1);
    }
    switch (e.k) {
      case 'fn':
        return st === '()' && e.returns ? this.fromEntityValue(v.file, e.returns, depth + 1) : undefined;
      case 'obj': {
        const m = st.startsWith('.') ? own(e.members, st.slice(1)) : undefined;
        return m && this.fromEntityValue(v.file, m, depth + 1);
      }
      case 'class': {
        if (st === 'new') return { k: 'inst', file: v.file, id: v.id };
        const m = st.startsWith('.') ? own(e.statics, st.slice(1)) : undefined;
        return m && this.fromEntityValue(v.file, m, depth + 1);
      }
      default:
        return undefined;
    }
  }

  // ------------------------------------------------------------ targets and wrappers

  private targetOf(file: string, callee: CalleeRef): Target | undefined {
    if (callee.k === 'sdk') return callee;
    const prev = this.calleeMode;
    this.calleeMode = true;
    try {
      return this.targetOfInner(file, callee);
    } finally {
      this.calleeMode = prev;
    }
  }

  private targetOfInner(file: string, callee: CalleeRef): Target | undefined {
    if (callee.k === 'sdk') return callee;
    if (callee.k === 'global') {
      const t = this.host.trackers?.find((x) => x.function === callee.name && !x.module);
      return t ? { k: 'tracker', contract: contractOf(t) } : undefined;
    }
    const v = this.resolveRef(file, callee.ref, 0);
    if (!v) return undefined;
    if (v.k === 'sdkm') return { k: 'sdk', sdk: v.sdk, type: v.type, method: v.method };
    if (v.k === 'sdk') return this.cat.type(v)?.call ? { k: 'sdk', sdk: v.sdk, type: v.type, method: null } : undefined;
    if (v.k === 'tracker') return { k: 'tracker', contract: v.contract };
    if (v.k !== 'entity') return undefined;
    const e = this.entity(v.file, v.id);
    if (e?.k !== 'fn') return undefined;
    const mt = this.manifestTrackerFor(v.file, e.name);
    if (mt) return { k: 'tracker', contract: mt };
    if (e.tracker) return { k: 'tracker', contract: e.tracker };
    const info = this.wrapper(v.file, v.id);
    return info ? { k: 'wrapper', file: v.file, id: v.id, info } : undefined;
  }

  private manifestTrackerFor(file: string, name: string): TrackerContract | undefined {
    const short = name.includes('.') ? name.slice(name.lastIndexOf('.') + 1) : name;
    const t = this.host.trackers?.find((x) => (x.function === name || x.function === short) && (!x.module || x.module === file));
    return t && contractOf(t);
  }

  private fnSites(file: string, fn: string): CallSite[] {
    let byFn = this.sitesByFn.get(file);
    if (!byFn) {
      byFn = new Map();
      for (const s of this.summary(file)?.sites ?? []) {
        if (!s.fn) continue;
        const l = byFn.get(s.fn) ?? [];
        l.push(s);
        byFn.set(s.fn, l);
      }
      this.sitesByFn.set(file, byFn);
    }
    return byFn.get(fn) ?? [];
  }

  /** Whether function `id` of `file` is a tracking wrapper, and what it forwards to. */
  wrapper(file: string, id: string): WrapperInfo | null {
    const key = `${file}#${id}`;
    if (this.wrapperMemo.has(key)) return this.wrapperMemo.get(key)!;
    this.wrapperMemo.set(key, null); // recursion guard
    const e = this.entity(file, id);
    if (e?.k !== 'fn') return null;
    const inner: WrapperInfo['inner'] = [];
    let valuesOnly = true;
    for (const site of this.fnSites(file, id)) {
      const target = this.targetOf(file, site.callee);
      if (!target) continue;
      const ev = this.evaluate(target, site.args, file, [], 0);
      if (!ev || ev.spec.silent) continue;
      const forwards = this.forwarding(ev, id);
      if (!forwards) continue;
      // A long function with a name that is not about tracking is business code that happens to
      // track (`ActionManager.executeAction(action)`): its callers are not tracking calls.
      if (e.size > (forwards === 'values' ? THIN_WRAPPER_LINES : THIN_FORWARDER_LINES) && !trackingish(e.name)) continue;
      if (forwards === 'whole') valuesOnly = false;
      inner.push({ site, target });
    }
    const info = inner.length ? { name: e.name, inner, valuesOnly } : null;
    this.wrapperMemo.set(key, info);
    return info;
  }

  /** How an evaluated inner call uses the parameters of `fn`: event/props/identity wholesale, only property values, or not at all. */
  private forwarding(ev: Evaluated, fn: string): 'whole' | 'values' | null {
    const s = ev.spec;
    const at = (p: string | string[] | { fixed: string } | undefined) => (typeof p === 'string' ? [p] : Array.isArray(p) ? p : []);
    for (const p of at(s.event)) {
      const v = valueAt(ev.args, p);
      if (v && refersToParam(v, fn)) return 'whole';
    }
    let values = false;
    // Forwarding only the user id makes an identify helper, not a track helper
    // (`getWorkspaceState(id)` that also sends 'app_connected' for that id is business code).
    const identityCall = s.kind === 'identify' || s.kind === 'alias' || s.kind === 'group';
    for (const p of at(s.identity)) {
      const v = valueAt(ev.args, p);
      if (v && refersToParam(v, fn)) {
        if (identityCall) return 'whole';
        values = true;
      }
    }
    for (const p of [...at(s.props), ...at(s.traits)]) {
      const v = valueAt(ev.args, p);
      if (!v) continue;
      if ((v.t === 'param' || v.t === 'rest') && v.fn === fn) return 'whole';
      if (v.t === 'obj' && v.spreads.some((x) => (x.t === 'param' || x.t === 'rest') && x.fn === fn)) return 'whole';
      if (refersToParam(v, fn)) values = true;
    }
    for (const p of Object.values(s.named ?? {})) if (refersToParam(valueAt(ev.args, p), fn)) values = true;
    return values ? 'values' : null;
  }

  /** Evaluate a call of `target` with `args` down to the SDK's call spec. */
  private evaluate(target: Target, args: ArgValue[], argFile: string, guards: GuardFact[], depth: number): Evaluated | undefined {
    if (depth > 8) return undefined;
    if (target.k === 'tracker') {
      const c = target.contract;
      const spec: CallSpec = { kind: c.kind, event: c.eventArg !== undefined ? `a${c.eventArg}` : undefined, props: c.propertiesArg !== undefined ? `a${c.propertiesArg}` : undefined };
      if (c.kind === 'identify' || c.kind === 'alias' || c.kind === 'group') {
        spec.identity = c.eventArg !== undefined ? `a${c.eventArg}` : 'a0';
        spec.traits = c.propertiesArg !== undefined ? `a${c.propertiesArg}` : 'a1';
        spec.event = undefined;
        spec.props = undefined;
      }
      const sdk = `custom:${c.name}`;
      return { sdk, sdks: [sdk], spec, method: c.name, args, guards, argFile, contract: c };
    }
    if (target.k === 'sdk') {
      const t = this.cat.type(target);
      const m = target.method === null ? t?.call : t?.methods?.[target.method];
      if (!m) return undefined;
      let spec: CallSpec | undefined;
      // A callable value's method is its type's last name segment (`amplitude.track` -> `track`) until a dispatch names the verb.
      let method = target.method ?? target.type.slice(target.type.lastIndexOf('.') + 1);
      // A dispatch may select another dispatch (on another path): follow until a call spec.
      let cur: MethodSpec | undefined = m;
      for (let level = 0; cur && isDispatch(cur) && level < 4; level++) {
        const d: DispatchSpec['dispatch'] = cur.dispatch;
        const cmd = valueAt(args, d.at);
        cur = undefined;
        if (cmd?.t === 'str') {
          const verb = d.namedTrackers && !Object.hasOwn(d.cases, cmd.v) && cmd.v.includes('.') ? cmd.v.slice(cmd.v.lastIndexOf('.') + 1) : cmd.v;
          cur = Object.hasOwn(d.cases, verb) ? d.cases[verb] : d.default;
          // A value looked up by `default` (an event name, a user ID) is not the method.
          if (level === 0 && (target.method === null || Object.hasOwn(d.cases, verb))) method = verb;
        } else if (cmd?.t === 'obj' && (d.object || d.objectKeys)) {
          const key = d.objectKeys && Object.keys(d.objectKeys).find((k) => cmd.props.some((p) => p.key === k));
          cur = key ? d.objectKeys![key] : d.object;
        } else if (cmd?.t === 'lit' && Object.hasOwn(d.cases, cmd.text)) cur = d.cases[cmd.text];
        else if (!cmd && d.absent) cur = d.absent;
        else if (cmd && d.value && cmd.t !== 'obj' && cmd.t !== 'lit') cur = d.value;
        else if (cmd && (cmd.t === 'param' || cmd.t === 'rest')) cur = { kind: 'other', event: d.at };
      }
      if (cur && !isDispatch(cur)) spec = cur;
      if (!spec) return undefined;
      return { sdk: target.sdk, sdks: [target.sdk], spec, method, args, guards, argFile };
    }
    // A wrapper: instantiate each inner call with these arguments.
    let first: Evaluated | undefined;
    const sdks: string[] = [];
    for (const { site, target: t } of target.info.inner) {
      // `if (userEmail) setUser({ email: userEmail })` inside the wrapper does not run for a call
      // that passes no `userEmail`.
      if (conditionalOnMissing(site, target.id, args)) continue;
      const innerArgs = site.args.map((a) => substitute(a, target.id, args));
      const ev = this.evaluate(t, innerArgs, argFile, [...guards, ...this.resolveGuardModules(target.file, site.guards)], depth + 1);
      if (!ev) continue;
      if (!first) first = ev;
      for (const s of ev.sdks) if (!sdks.includes(s)) sdks.push(s);
    }
    if (first) first.sdks = sdks;
    return first;
  }

  // ------------------------------------------------------------ calls

  private resolveAll(): TrackingCall[] {
    const calls: TrackingCall[] = [];
    for (const [file, s] of this.summaries) {
      for (const site of s.sites) {
        try {
          const c = this.callAt(file, s, site);
          if (c) calls.push(c);
        } catch {
          // A site we cannot evaluate is skipped, never fatal.
        }
      }
      // Techniques used outside SDK calls (hand-written pixels, beacons, fingerprints).
      for (const d of s.direct ?? []) {
        const toRange = (sp: { start: number; end: number }): Range => ({ start: pos(s.lineStarts, sp.start), end: pos(s.lineStarts, sp.end) });
        const c = directTechniqueCall(file, toRange, d, this.resolveGuardModules(file, d.guards), (v) => this.constStrings(file, v));
        if (c) calls.push(c);
      }
    }
    calls.push(...this.sinkHelperCalls());
    calls.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character));
    return calls;
  }

  private callAt(file: string, s: FileSummary, site: CallSite): TrackingCall | undefined {
    const target = this.targetOf(file, site.callee);
    if (!target) return undefined;
    const ev = this.evaluate(target, site.args, file, site.guards, 0);
    if (!ev) return undefined;
    let spec = ev.spec;
    const switched = switchedTechnique(spec, ev.args);
    if (switched) spec = { ...spec, kind: spec.silent ? 'other' : spec.kind, technique: switched, silent: false, requireKeys: undefined };
    if (spec.silent) return undefined;
    if (spec.requireKeys) {
      const v = valueAt(ev.args, spec.requireKeys.path);
      const ok = v && (v.t === 'param' || (v.t === 'obj' && (spec.requireKeys.keys.includes('*') ? v.props.length > 0 || v.spreads.length > 0 : v.props.some((p) => spec.requireKeys!.keys.includes(p.key)))));
      if (!ok) return undefined;
    }
    if (spec.requirePersonal && !spec.requirePersonal.some((p) => carriesPersonalData(valueAt(ev.args, p), null, 0))) return undefined;
    const toRange = (sp: { start: number; end: number }): Range => ({ start: pos(s.lineStarts, sp.start), end: pos(s.lineStarts, sp.end) });
    const callRange = toRange(site.span);
    const rangeOf = (v: ArgValue | { span: { start: number; end: number }; w?: boolean }) => (v.w ? callRange : toRange(v.span));
    const enclosing = site.fn ? this.wrapperNameIfForwarding(file, site.fn) : null;

    // Event name
    let event: string | null = null;
    let candidates: string[] = [];
    let eventRange: Range | null = null;
    let eventDynamic = false;
    if (spec.event && typeof spec.event === 'object' && !Array.isArray(spec.event)) {
      event = spec.event.fixed;
      candidates = [event];
    } else if (spec.event) {
      const paths = Array.isArray(spec.event) ? spec.event : [spec.event];
      let firstValue: ArgValue | undefined;
      for (const p of paths) {
        const v = valueAt(ev.args, p);
        if (!v) continue;
        firstValue ??= v;
        // Numeric literals name events too (LinkedIn `conversion_id: 123`).
        const strs = stringsOf(v) ?? this.constStrings(file, v) ?? (v.t === 'lit' && /^\d+$/.test(v.text) ? [v.text] : null);
        if (strs) {
          candidates = strs;
          event = strs.length === 1 ? strs[0] : null;
          eventRange = rangeOf(v);
          firstValue = undefined;
          break;
        }
      }
      if (firstValue && candidates.length === 0) {
        const isObjArg = firstValue.t === 'obj' || firstValue.t === 'arr';
        if (!isObjArg) {
          eventRange = rangeOf(firstValue);
          const forwardedParam = (firstValue.t === 'param' || firstValue.t === 'rest') && enclosing !== null;
          eventDynamic = !forwardedParam;
        }
      }
    }
    const ann = site.annotation;
    if (ann) {
      const names = ann.values.events ? ann.values.events.split('|').map((x) => x.trim()).filter(Boolean) : ann.values.event ? [ann.values.event] : [];
      if (names.length) {
        candidates = names;
        event = names.length === 1 ? names[0] : null;
        eventDynamic = false;
      }
    }
    if (event === null && candidates.length > 1) eventDynamic = false;

    // Properties (or traits)
    const properties: CallProperty[] = [];
    let propertiesRange: Range | null = null;
    let propertiesOpen = false;
    const exclude = new Set(spec.exclude ?? []);
    const isIdentity = spec.kind === 'identify' || spec.kind === 'group' || spec.kind === 'alias';
    const addProps = (v: ArgValue | undefined) => {
      if (!v) return false;
      if (v.t === 'obj') {
        for (const p of v.props) {
          if (exclude.has(p.key)) continue;
          const valueText = textOf(p.value);
          properties.push({
            key: p.key,
            keyRange: p.w ? (p.value.w ? callRange : toRange(p.value.span)) : toRange(p.keySpan),
            range: p.w ? callRange : toRange(p.span),
            valueText,
            inferred: safeInfer(p.key, p.value.t === 'obj' ? null : valueText),
            ...(p.indirect ? { indirect: true } : {}),
            ...(p.w ? { fromWrapper: true } : {}),
          });
        }
        if (v.open || v.spreads.some((x) => x.t !== 'param' || enclosing === null)) propertiesOpen = propertiesOpen || v.open || v.spreads.length > 0;
        if (!v.w && propertiesRange === null) propertiesRange = toRange(v.span);
        return true;
      }
      if (v.t === 'str' || v.t === 'union' || v.t === 'lit' || v.t === 'arr') return false;
      propertiesOpen = true;
      return true;
    };
    const list = (p: string | string[] | undefined) => (p === undefined ? [] : Array.isArray(p) ? p : [p]);
    for (const p of list(isIdentity ? spec.traits : spec.props)) if (addProps(valueAt(ev.args, p)) && !spec.allProps) break;
    if (!isIdentity) for (const p of list(spec.traits)) if (addProps(valueAt(ev.args, p)) && !spec.allProps) break;
    for (const [key, p] of Object.entries(spec.named ?? {})) {
      const v = valueAt(ev.args, p);
      if (!v) continue;
      const valueText = textOf(v);
      properties.push({ key, keyRange: rangeOf(v), range: rangeOf(v), valueText, inferred: safeInfer(key, valueText) });
    }
    if (spec.keyValue) {
      const k = valueAt(ev.args, spec.keyValue.key);
      const v = valueAt(ev.args, spec.keyValue.value);
      if (k?.t === 'str') {
        const valueText = v ? textOf(v) : 'undefined';
        properties.push({ key: k.v, keyRange: rangeOf(k), range: rangeOf(v ?? k), valueText, inferred: safeInfer(k.v, v?.t === 'obj' ? null : valueText) });
      }
    }
    let identityText: string | null | undefined;
    for (const p of list(spec.identity)) {
      const v = valueAt(ev.args, p);
      if (!v) continue;
      if (v.t === 'obj' && spec.identityMayBeTraits) addProps(v);
      else identityText = textOf(v);
      break;
    }

    const call: TrackingCall = {
      file,
      range: callRange,
      calleeRange: toRange(site.calleeSpan),
      sdk: ev.sdk,
      via: target.k === 'wrapper' ? target.info.name : target.k === 'tracker' ? target.contract.name : null,
      kind: spec.kind,
      event,
      eventCandidates: candidates,
      eventRange,
      eventDynamic,
      properties,
      propertiesRange,
      propertiesOpen,
      guardFacts: this.resolveGuardModules(file, ev.guards),
      guarded: [],
      technique: spec.technique ?? null,
      method: ev.method,
      annotation: ann ?? null,
      insideWrapper: enclosing,
    };
    if (ev.sdks.length > 1) call.sdks = ev.sdks;
    if (target.k === 'wrapper' && target.info.valuesOnly) call.delegated = true;
    if (spec.masking || call.technique === 'session-replay') call.masking = maskingOf(spec, ev.args);
    if (identityText !== undefined) call.identityText = identityText;
    if (ev.contract?.destinations.length) call.destinations = [...ev.contract.destinations];
    return call;
  }

  /**
   * Calls of pixel helpers (`function beacon(url) { navigator.sendBeacon(url) }`) whose URL argument
   * is a known collection endpoint: reported at the helper's call site.
   */
  private sinkHelperCalls(): TrackingCall[] {
    const sinks = new Map<string, DirectTechnique>();
    for (const [file, s] of this.summaries) for (const d of s.direct ?? []) if (d.sinkParam) sinks.set(`${file}\0${d.sinkParam.fn}`, d);
    if (sinks.size === 0) return [];
    const out: TrackingCall[] = [];
    for (const [file, s] of this.summaries) {
      for (const site of s.sites) {
        if (site.callee.k !== 'app') continue;
        try {
          const v = this.resolveRef(file, site.callee.ref, 0);
          const d = v?.k === 'entity' ? sinks.get(`${v.file}\0${v.id}`) : undefined;
          if (!d) continue;
          const toRange = (sp: { start: number; end: number }): Range => ({ start: pos(s.lineStarts, sp.start), end: pos(s.lineStarts, sp.end) });
          const c = sinkHelperCall(file, toRange, site, d, this.resolveGuardModules(file, site.guards), (x) => this.constStrings(file, x));
          if (c) out.push(c);
        } catch {
          // never fatal
        }
      }
    }
    return out;
  }

  private wrapperNameIfForwarding(file: string, fn: string): string | null {
    const e = this.entity(file, fn);
    if (e?.k !== 'fn') return null;
    return this.wrapper(file, fn) ? e.name : null;
  }

  /** Event names held in imported constants (`EVENTS.SIGNED_UP` from './events'). */
  private constStrings(file: string, v: ArgValue): string[] | null {
    if (v.t !== 'dyn' || !v.imp) return null;
    const target = this.resolveImport(file, v.imp.module, v.imp.name, 0);
    if (!target || target.k !== 'entity') return null;
    const e = this.entity(target.file, target.id);
    if (e?.k !== 'const') return null;
    let cur: ArgValue | undefined = e.value;
    for (const p of v.imp.path) {
      if (!cur) return null;
      if (cur.t === 'obj') cur = [...cur.props].reverse().find((x) => x.key === p)?.value;
      else if (cur.t === 'arr' && /^\d+$/.test(p)) cur = cur.items[Number(p)];
      else return null;
    }
    return stringsOf(cur);
  }

  private resolveGuardModules(file: string, guards: GuardFact[]): GuardFact[] {
    return guards.map((g) => {
      if ((g.type === 'call' || g.type === 'callback') && g.module) {
        const r = this.resolver.resolve(file, g.module);
        return r ? { ...g, module: r } : g;
      }
      return g;
    });
  }
}

/** Parameter references of `fn` inside a value. */
function paramRefs(v: ArgValue, fn: string, out: Extract<ArgValue, { t: 'param' }>[] = []): Extract<ArgValue, { t: 'param' }>[] {
  if (v.t === 'param' && v.fn === fn) out.push(v);
  else if (v.t === 'obj') {
    for (const p of v.props) paramRefs(p.value, fn, out);
    for (const x of v.spreads) paramRefs(x, fn, out);
  } else if (v.t === 'arr') for (const x of v.items) paramRefs(x, fn, out);
  return out;
}

/** The inner call is guarded by a condition on a forwarded value the call site does not pass. */
function conditionalOnMissing(site: CallSite, fn: string, args: readonly ArgValue[]): boolean {
  if (site.guards.length === 0) return false;
  const refs = site.args.flatMap((a) => paramRefs(a, fn));
  // Missing: the argument is not passed, or is an object literal without the key. An unknown
  // value (a variable) may hold anything, so it is not missing.
  const missing = refs.filter((r) => {
    let v: ArgValue | undefined = argAt(args, r.i);
    for (const k of r.path) {
      if (!v) return true;
      if (v.t !== 'obj' && v.t !== 'arr') return false;
      v = step(v, k);
    }
    return v === undefined;
  });
  if (missing.length === 0) return false;
  const names = new Set(missing.map((r) => r.text.split('.')[0]));
  return site.guards.some((g) => (g.type === 'path' || g.type === 'compare') && names.has(g.path.split('.')[0]));
}

/** True when a value (deeply) looks like personal data by its keys and expressions. */
function carriesPersonalData(v: ArgValue | undefined, key: string | null, depth: number): boolean {
  if (!v || depth > 4) return false;
  if (v.t === 'obj') return v.props.some((p) => carriesPersonalData(p.value, p.key, depth + 1)) || v.spreads.some((x) => carriesPersonalData(x, null, depth + 1));
  if (v.t === 'arr') return v.items.some((x) => carriesPersonalData(x, key, depth + 1));
  const c = safeInfer(key ?? '', v.t === 'str' || v.t === 'lit' ? (key ? textOf(v) : null) : textOf(v));
  return !!c && IDENTIFYING.some((root) => c === root || c.startsWith(root + '.'));
}

/**
 * Categories that make an error report personal data worth reporting: who the person is or
 * sensitive facts about them; not message text, behaviour or device traits (`new Error(message)`).
 */
const IDENTIFYING = [
  'user.contact', 'user.name', 'user.unique_id', 'user.account', 'user.authorization', 'user.government_id', 'user.financial',
  'user.health_and_medical', 'user.biometric', 'user.location', 'user.device.ip_address', 'user.demographic', 'user.childrens',
  'user.criminal_history', 'user.payment',
];

/** The technique an option of the call switches on, if any. */
function switchedTechnique(spec: CallSpec, args: ArgValue[]): TrackingCall['technique'] | undefined {
  for (const sw of spec.switches ?? []) {
    const v = valueAt(args, sw.path);
    if (!v) continue;
    if (sw.unless) {
      const u = valueAt(args, sw.unless.path);
      if (sw.unless.equals !== undefined && literalIs(u, sw.unless.equals)) continue;
      if (sw.unless.matches !== undefined && u && new RegExp(sw.unless.matches).test(deepText(u))) continue;
    }
    const text = v.t === 'lit' ? v.text : v.t === 'str' ? `'${v.v}'` : null;
    if (sw.matches !== undefined) {
      if (new RegExp(sw.matches).test(deepText(v))) return sw.technique;
      continue;
    }
    if (sw.equals !== undefined) {
      if (text === sw.equals || (v.t === 'str' && v.v === sw.equals)) return sw.technique;
      continue;
    }
    const when = sw.when ?? 'present';
    if (when === 'present') return sw.technique;
    if (when === 'notFalse' && text !== 'false') return sw.technique;
    if (when === 'truthy' && !(text !== null && ['false', '0', 'null', 'undefined', "''"].includes(text)) && !(v.t === 'str' && v.v === '')) return sw.technique;
  }
  return undefined;
}

/** Source text of a value with array items and object values spelled out (for `matches`). */
function deepText(v: ArgValue, depth = 0): string {
  if (depth > 4) return textOf(v);
  if (v.t === 'str') return v.v;
  if (v.t === 'arr') return `[${v.items.map((i) => deepText(i, depth + 1)).join(', ')}]`;
  if (v.t === 'obj') return `{${[...v.props.map((p) => `${p.key}: ${deepText(p.value, depth + 1)}`), ...v.spreads.map((x) => `...${deepText(x, depth + 1)}`)].join(', ')}}`;
  return textOf(v);
}

/** True when `v` is a literal (or string) whose text is `equals` (`true`, `'allow'` or `allow`). */
function literalIs(v: ArgValue | undefined, equals: string): boolean {
  if (!v) return false;
  if (v.t === 'lit') return v.text === equals;
  return v.t === 'str' && (v.v === equals || `'${v.v}'` === equals);
}

/** The session-replay masking a call configures. */
function maskingOf(spec: CallSpec, args: ArgValue[]): TrackingCall['masking'] {
  const m = spec.masking;
  if (!m) return null;
  for (const r of m.rules) {
    const v = valueAt(args, r.path);
    if (!v) continue;
    const text = v.t === 'lit' ? v.text : v.t === 'str' ? v.v : null;
    if (text !== null && (text === r.equals || `'${text}'` === r.equals)) return r.level;
  }
  return m.default;
}

/** A record's own entry: app code names members `constructor`, `toString`… */
function own<T>(r: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(r, key) ? r[key] : undefined;
}

function contractOf(t: ManifestTrackerInput): TrackerContract {
  return { name: t.function, kind: t.kind, eventArg: t.eventArg, propertiesArg: t.propertiesArg, destinations: t.destinations };
}

function safeInfer(key: string, valueText: string | null): string | null {
  try {
    return inferCategory(key, valueText);
  } catch {
    return null;
  }
}

/** Offset -> 0-based position through line starts. */
export function pos(lineStarts: number[], offset: number): { line: number; character: number } {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo, character: offset - lineStarts[lo] };
}

export { argAt };
