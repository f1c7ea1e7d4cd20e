/**
 * The data-flow map as a graph: code → events and identity calls → data categories → purposes →
 * destinations. Pure and deterministic: the same calls, findings and manifests give the same
 * graph, byte for byte once serialised (ids, nodes, edges, flows and sites are sorted).
 *
 * The graph is built from *flows*: one flow is one path a piece of data takes, from a file to a
 * destination (a call × one of its properties × one purpose × one destination). Nodes and edges
 * are the union of the flows' paths; the renderer filters by flows, so a filter on one destination
 * shows exactly what reaches it and not everything that shares a purpose with it.
 *
 * Undeclared things are drawn, not dropped: an undeclared event, an SDK no destination names, a
 * property without a declared category (drawn at its inferred category) or a missing purpose
 * become `marked` nodes and edges, with the reasons in `marks`.
 */
import type { CallKind, Finding, Range, Severity, TechniqueId, TrackingCall } from '../types';
import type { Destination, Manifest, ParsedManifest } from '../manifest/types';
import { dataCategories, isPersonalCategory, isSpecialCategory } from '../taxonomy';

/** The five columns of the map, left to right. */
export type DataFlowLayer = 'code' | 'event' | 'category' | 'purpose' | 'destination';

/** The layers in drawing order. */
export const dataFlowLayers: readonly DataFlowLayer[] = ['code', 'event', 'category', 'purpose', 'destination'];

/** What a node stands for, finer than its layer. */
export type DataFlowNodeKind =
  | 'file'
  | 'event'
  | 'page'
  | 'identity'
  | 'technique'
  | 'call'
  | 'category'
  | 'purpose'
  | 'destination';

/** A node detail value (rendered as text). */
export type DetailValue = string | number | boolean | null | string[];

/** One node of the map. */
export interface DataFlowNode {
  /** Stable id: `<layer>:<name>` (plus `@<manifest>` when several manifests are mapped). */
  id: string;
  layer: DataFlowLayer;
  /** The name as written in code or manifest (never interpreted as markup). */
  label: string;
  /** A second line: vendor and region, use and legal basis, category name. */
  sublabel?: string;
  kind: DataFlowNodeKind;
  /** Undeclared, unknown or unclassified: drawn dashed, listed in `marks`. */
  marked: boolean;
  /** Why the node is marked (human-readable, sorted). */
  marks: string[];
  /** Rule ids of the findings on the flows through this node (sorted). */
  findings: string[];
  /** Tracking calls whose flows pass through the node. */
  count: number;
  /** True for categories about a person (`user.*`) and for identity calls. */
  personal: boolean;
  details: Record<string, DetailValue>;
}

/** A call site behind an edge: 1-based line and column, file relative to the root when inside it. */
export interface CallSite {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  sdk: string;
  /** `sdk.method`, or the wrapper name. */
  call: string;
  /** Consent categories proven at the call. */
  guarded: string[];
}

/** Coarse flags for the findings on an edge. */
export type FindingFlag = 'undeclared' | 'forbidden' | 'unguarded' | 'other';

/** One edge: data going from one node to the next, through the call sites listed. */
export interface DataFlowEdge {
  /** `<from>-><to>` plus `#<technique>` for technique edges. */
  id: string;
  from: string;
  to: string;
  /** Number of distinct call sites behind the edge. */
  count: number;
  sites: CallSite[];
  /** Rule ids of the findings on these flows (sorted). */
  findings: string[];
  /** The coarse kinds of those findings. */
  flags: FindingFlag[];
  /** Part of an undeclared flow (undeclared event, property, destination or purpose). */
  marked: boolean;
  /** The tracking technique of the calls behind the edge (parallel edges when mixed). */
  technique?: TechniqueId;
}

/** One path through the map (what the renderer filters on). */
export interface DataFlowPath {
  /** Node ids, left to right; layers without a node (no properties, no purpose) are skipped. */
  nodes: string[];
  /** Edge ids between consecutive nodes. */
  edges: string[];
  technique: TechniqueId | null;
  findings: string[];
  personal: boolean;
  /** Call sites on this path. */
  count: number;
}

/** A finding as listed under the map (unsuppressed findings only). */
export interface GraphFinding {
  rule: string;
  severity: Severity;
  message: string;
  file: string;
  line: number;
  column: number;
  event: string | null;
  property: string | null;
  destination: string | null;
  purpose: string | null;
  /** True when the finding sits on a tracking call drawn in the map. */
  onCall: boolean;
}

/** The data-flow map. */
export interface DataFlowGraph {
  version: 1;
  /** The root the file paths are relative to, as given (null when none). */
  root: string | null;
  /** Manifests the map was built with (relative to the root when inside it). */
  manifests: string[];
  layers: readonly DataFlowLayer[];
  nodes: DataFlowNode[];
  edges: DataFlowEdge[];
  flows: DataFlowPath[];
  findings: GraphFinding[];
  /** Technique ids that occur (sorted), for the technique filter. */
  techniques: TechniqueId[];
  summary: { files: number; calls: number; events: number; destinations: number; findings: number; undeclared: number };
}

/** Options of `buildDataFlowGraph`. */
export interface DataFlowOptions {
  /** Paths inside this folder are shown relative to it ('/'-separated path or URI). */
  root?: string;
}

const layerIndex: Record<DataFlowLayer, number> = { code: 0, event: 1, category: 2, purpose: 3, destination: 4 };

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sortedUnique<T extends string>(xs: Iterable<T>): T[] {
  return [...new Set(xs)].sort(cmp);
}

function flagOf(rule: string): FindingFlag {
  if (/^undeclared-|^unknown-|^dynamic-event-name$|^annotation-mismatch$/.test(rule)) return 'undeclared';
  if (/^forbidden-|-not-allowed$|^special-category$|^data-minimization$|^replay-unmasked$/.test(rule)) return 'forbidden';
  if (rule === 'missing-consent-guard') return 'unguarded';
  return 'other';
}

function dirOf(p: string): string {
  const i = p.lastIndexOf('/');
  return i < 0 ? '' : p.slice(0, i);
}

function relativeTo(root: string | undefined, p: string): string {
  if (!root) return p;
  const r = root.endsWith('/') ? root : root + '/';
  return p.startsWith(r) ? p.slice(r.length) : p;
}

function contains(outer: Range, pos: Range['start']): boolean {
  const after = pos.line > outer.start.line || (pos.line === outer.start.line && pos.character >= outer.start.character);
  const before = pos.line < outer.end.line || (pos.line === outer.end.line && pos.character <= outer.end.character);
  return after && before;
}

function size(r: Range): number {
  return (r.end.line - r.start.line) * 1e6 + (r.end.character - r.start.character);
}

/** A node under construction. */
interface NodeAcc extends Omit<DataFlowNode, 'marks' | 'findings' | 'count' | 'details'> {
  details: Record<string, DetailValue | undefined>;
  /** Categories: reached by a declared property too (then the node itself is not marked). */
  declaredUse?: boolean;
  marks: Set<string>;
  findings: Set<string>;
  calls: Set<number>;
}

interface EdgeAcc {
  from: string;
  to: string;
  technique: TechniqueId | null;
  sites: Map<number, CallSite>;
  findings: Set<string>;
  marked: boolean;
}

/** One flow of one call, before aggregation. */
interface RawFlow {
  call: number;
  nodes: string[];
  /** Per node of `nodes`: undeclared for this flow (the edge into it is drawn marked). */
  marked: boolean[];
  property: string | null;
  purpose: string | null;
  destination: string | null;
  personal: boolean;
  /** Every finding on the flow (what the findings filter and the report rows use). */
  findings: Set<string>;
  /** Per edge of the flow: the findings that sit on that hop (see `findingLayer`). */
  edgeFindings: Set<string>[];
}

/**
 * The layer a finding is drawn at: on the hop into that layer. Event-level problems (an undeclared
 * or dynamic event, a missing consent guard, a technique) sit on the code → event hop; property
 * problems on event → category; minimisation and special categories on category → purpose; what
 * a destination may not receive on purpose → destination.
 */
function findingLayer(f: Finding): number {
  if (f.rule === 'undeclared-property' || f.rule === 'category-mismatch' || (f.rule === 'undeclared-identity' && f.property)) return layerIndex.category;
  if (f.rule === 'data-minimization' || f.rule === 'special-category') return layerIndex.purpose;
  if (f.rule === 'forbidden-category' || f.rule === 'destination-not-allowed' || f.rule === 'purpose-not-allowed' || f.rule === 'unknown-destination') return layerIndex.destination;
  return layerIndex.event;
}

/**
 * Builds the data-flow map from tracking calls, their findings and the manifests that govern them
 * (keyed by manifest path, as `check()` returns them). A call is governed by the manifest whose
 * folder is the longest prefix of its file (the only manifest, when there is one).
 */
export function buildDataFlowGraph(calls: TrackingCall[], findings: Finding[], manifests: Map<string, ParsedManifest>, opts: DataFlowOptions = {}): DataFlowGraph {
  const root = opts.root ? opts.root.replace(/\/+$/, '') : undefined;
  const manifestPaths = [...manifests.keys()].sort(cmp);
  const multi = manifestPaths.length > 1;
  const scopeOf = new Map(manifestPaths.map((p) => [p, multi ? `@${relativeTo(root, p)}` : '']));
  const nodes = new Map<string, NodeAcc>();
  const edges = new Map<string, EdgeAcc>();
  const rawFlows: RawFlow[] = [];
  const sitesByCall = new Map<number, CallSite>();

  // Each unsuppressed finding belongs to the smallest call containing its start.
  const live = findings.filter((f) => !f.suppressed);
  const callOf = (f: Finding, pool: readonly TrackingCall[]): number => {
    let best = -1;
    pool.forEach((c, i) => {
      // On the call, or on its `@privacy` annotation (the comment above it).
      const on = contains(c.range, f.range.start) || (!!c.annotation && !c.annotation.tracker && contains(c.annotation.range, f.range.start));
      if (c.file === f.file && on && (best < 0 || size(c.range) < size(pool[best].range))) best = i;
    });
    return best;
  };
  const withFindings = new Set(live.map((f) => calls[callOf(f, calls)]).filter(Boolean));
  // The SDK call inside a wrapper that only forwards its parameters (no event of its own, nothing
  // reported on it) is drawn at the wrapper's call sites instead, when there are any.
  const wrappersCalled = new Set(calls.map((c) => c.via).filter((v): v is string => !!v));
  const passThrough = (c: TrackingCall) =>
    !!c.insideWrapper && wrappersCalled.has(c.insideWrapper) && c.event === null && c.eventCandidates.length === 0 && !withFindings.has(c);
  const drawn = calls
    .filter((c) => !passThrough(c))
    .sort((a, b) => cmp(a.file, b.file) || a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || cmp(a.sdk, b.sdk) || cmp(a.method, b.method));

  const manifestFor = (file: string): { path: string; manifest: Manifest | null } | null => {
    let best: string | null = null;
    for (const p of manifestPaths) {
      const d = dirOf(p);
      const inside = d === '' || d === '.' || file.startsWith(d + '/');
      if (inside && (best === null || dirOf(p).length > dirOf(best).length)) best = p;
    }
    if (best === null && manifestPaths.length === 1 && !manifestPaths[0].includes('/')) best = manifestPaths[0];
    return best === null ? null : { path: best, manifest: manifests.get(best)?.manifest ?? null };
  };

  const node = (id: string, init: () => Omit<NodeAcc, 'id' | 'marks' | 'findings' | 'calls'>): NodeAcc => {
    let n = nodes.get(id);
    if (!n) {
      n = { id, ...init(), marks: new Set(), findings: new Set(), calls: new Set() };
      nodes.set(id, n);
    }
    return n;
  };

  drawn.forEach((call, ci) => {
    const gov = manifestFor(call.file);
    const m = gov?.manifest ?? null;
    const scope = gov ? scopeOf.get(gov.path) ?? '' : '';
    const file = relativeTo(root, call.file);
    const site: CallSite = {
      file,
      line: call.range.start.line + 1,
      column: call.range.start.character + 1,
      endLine: call.range.end.line + 1,
      endColumn: call.range.end.character + 1,
      sdk: call.sdk,
      call: call.via ?? `${call.sdk.replace(/^custom:/, '')}.${call.method}`,
      guarded: [...call.guarded].sort(cmp),
    };
    sitesByCall.set(ci, site);
    const code = node(`code:${file}`, () => ({ layer: 'code', label: file, kind: 'file', marked: false, personal: false, details: { file, sdks: [] } }));
    code.details.sdks = sortedUnique([...(code.details.sdks as string[]), call.sdk]);

    // Destinations: what the rules engine resolved, else through the SDK (or the SDKs a wrapper reaches).
    const destNames = resolveDestinations(call, m);
    const destIds = destNames.map((d) => destinationNode(node, d, m, scope, call.sdk).id);

    // The event-layer nodes of the call (several when the name is one of a set of literals).
    const eventIds = eventNodes(node, call, m, scope);

    for (const ev of eventIds) {
      for (let di = 0; di < destIds.length; di++) {
        const destName = destNames[di];
        const destId = destIds[di];
        for (const leg of legsOf(call, ev, destName, m)) {
          const nodesPath = [code.id, ev.node.id];
          const marked = [false, ev.node.marked];
          let personal = ev.node.personal;
          if (leg.category !== undefined) {
            const cat = categoryNode(node, leg.category, m);
            if (leg.categoryMark) cat.marks.add(leg.categoryMark);
            else cat.declaredUse = true;
            nodesPath.push(cat.id);
            marked.push(!!leg.categoryMark);
            personal ||= cat.personal;
          }
          if (leg.purpose !== undefined) {
            const pur = purposeNode(node, leg.purpose, m, scope);
            nodesPath.push(pur.id);
            marked.push(pur.marked);
          }
          nodesPath.push(destId);
          marked.push(nodes.get(destId)!.marked);
          rawFlows.push({
            call: ci,
            nodes: nodesPath,
            marked,
            property: leg.property,
            purpose: leg.purpose ?? null,
            destination: destName.name,
            personal,
            findings: new Set(),
            edgeFindings: nodesPath.slice(1).map(() => new Set<string>()),
          });
        }
      }
    }
  });
  // Declared destinations nothing reaches are drawn too: the report lists them, and a reviewer sees
  // that nothing flows there.
  for (const p of manifestPaths) {
    const m = manifests.get(p)?.manifest;
    for (const d of Object.values(m?.destinations ?? {})) destinationNode(node, { name: d.name, declared: d }, m ?? null, scopeOf.get(p) ?? '', d.sdk ?? d.name);
  }

  // Findings go to the flows of their call that they are about (their property, destination and
  // purpose, when they name them), and on each flow to the hop where they sit.
  const graphFindings: GraphFinding[] = [];
  const flowsByCall = new Map<number, RawFlow[]>();
  for (const f of rawFlows) flowsByCall.set(f.call, [...(flowsByCall.get(f.call) ?? []), f]);
  for (const f of live) {
    const best = callOf(f, drawn);
    graphFindings.push({
      rule: f.rule,
      severity: f.severity,
      message: f.message,
      file: relativeTo(root, f.file),
      line: f.range.start.line + 1,
      column: f.range.start.character + 1,
      event: f.event ?? null,
      property: f.property ?? null,
      destination: f.destination ?? null,
      purpose: f.purpose ?? null,
      onCall: best >= 0,
    });
    if (best < 0) continue;
    const own = flowsByCall.get(best) ?? [];
    const about = own.filter(
      (fl) => (f.property == null || fl.property === f.property) && (f.destination == null || fl.destination === f.destination) && (f.purpose == null || fl.purpose === f.purpose),
    );
    const at = findingLayer(f);
    for (const fl of about.length ? about : own) {
      fl.findings.add(f.rule);
      // The first hop into the finding's layer or beyond (a flow without categories skips that layer).
      let hop = fl.nodes.findIndex((id, i) => i > 0 && layerIndex[nodes.get(id)!.layer] >= at) - 1;
      if (hop < 0) hop = fl.edgeFindings.length - 1;
      fl.edgeFindings[hop].add(f.rule);
    }
  }

  // Aggregate flows into edges and paths.
  const paths = new Map<string, DataFlowPath & { sites: Set<number>; fset: Set<string> }>();
  for (const fl of rawFlows) {
    const call = drawn[fl.call];
    const technique = call.technique ?? null;
    const edgeIds: string[] = [];
    for (let i = 0; i + 1 < fl.nodes.length; i++) {
      const from = fl.nodes[i];
      const to = fl.nodes[i + 1];
      const id = `${from}->${to}${technique ? `#${technique}` : ''}`;
      edgeIds.push(id);
      let e = edges.get(id);
      if (!e) {
        e = { from, to, technique, sites: new Map(), findings: new Set(), marked: false };
        edges.set(id, e);
      }
      e.sites.set(fl.call, sitesByCall.get(fl.call)!);
      for (const r of fl.edgeFindings[i]) {
        e.findings.add(r);
        nodes.get(to)!.findings.add(r);
      }
      // An edge is marked when its target is undeclared for one of the flows on it.
      e.marked ||= fl.marked[i + 1];
    }
    for (const id of fl.nodes) {
      nodes.get(id)!.calls.add(fl.call);
    }
    const key = `${fl.nodes.join('\u0000')}\u0001${technique ?? ''}`;
    let p = paths.get(key);
    if (!p) {
      p = { nodes: fl.nodes, edges: edgeIds, technique, findings: [], personal: false, count: 0, sites: new Set(), fset: new Set() };
      paths.set(key, p);
    }
    p.sites.add(fl.call);
    p.personal ||= fl.personal;
    for (const r of fl.findings) p.fset.add(r);
  }

  const outNodes: DataFlowNode[] = [...nodes.values()]
    .map((n) => {
      const marks = sortedUnique(n.marks);
      return {
        id: n.id,
        layer: n.layer,
        label: n.label,
        ...(n.sublabel ? { sublabel: n.sublabel } : {}),
        kind: n.kind,
        // A category reached by declared properties too is not itself undeclared; the undeclared
        // uses are the marked edges into it.
        marked: n.marked || (marks.length > 0 && !n.declaredUse),
        marks,
        findings: sortedUnique(n.findings),
        count: n.calls.size,
        personal: n.personal,
        details: sortDetails(n.details),
      };
    })
    .filter((n) => n.count > 0 || n.layer === 'destination')
    .sort((a, b) => layerIndex[a.layer] - layerIndex[b.layer] || cmp(a.id, b.id));
  if (multi) disambiguate(outNodes, [...scopeOf.values()]);

  const outEdges: DataFlowEdge[] = [...edges.entries()]
    .map(([id, e]) => {
      const sites = [...e.sites.values()].sort((a, b) => cmp(a.file, b.file) || a.line - b.line || a.column - b.column || cmp(a.call, b.call));
      const fs = sortedUnique(e.findings);
      return {
        id,
        from: e.from,
        to: e.to,
        count: sites.length,
        sites,
        findings: fs,
        flags: sortedUnique(fs.map(flagOf)),
        marked: e.marked,
        ...(e.technique ? { technique: e.technique } : {}),
      };
    })
    .sort((a, b) => cmp(a.from, b.from) || cmp(a.to, b.to) || cmp(a.technique ?? '', b.technique ?? ''));

  const outFlows: DataFlowPath[] = [...paths.entries()]
    .sort(([a], [b]) => cmp(a, b))
    .map(([, p]) => ({ nodes: p.nodes, edges: p.edges, technique: p.technique, findings: sortedUnique(p.fset), personal: p.personal, count: p.sites.size }));

  graphFindings.sort((a, b) => cmp(a.file, b.file) || a.line - b.line || a.column - b.column || cmp(a.rule, b.rule) || cmp(a.message, b.message));

  return {
    version: 1,
    root: root ?? null,
    manifests: manifestPaths.map((p) => relativeTo(root, p)),
    layers: dataFlowLayers,
    nodes: outNodes,
    edges: outEdges,
    flows: outFlows,
    findings: graphFindings,
    techniques: sortedUnique(drawn.map((c) => c.technique).filter((t): t is TechniqueId => !!t)),
    summary: {
      files: outNodes.filter((n) => n.layer === 'code').length,
      calls: drawn.length,
      events: outNodes.filter((n) => n.layer === 'event').length,
      destinations: outNodes.filter((n) => n.layer === 'destination' && n.count > 0).length,
      findings: graphFindings.length,
      undeclared: outNodes.filter((n) => n.marked).length,
    },
  };
}

/**
 * With several manifests, the same name can be two nodes (`segment` of two manifests, the "no
 * purpose" node of each): their sublabels say which manifest they belong to.
 */
function disambiguate(nodes: DataFlowNode[], scopes: string[]): void {
  const groups = new Map<string, DataFlowNode[]>();
  for (const n of nodes) groups.set(`${n.layer}\u0000${n.label}`, [...(groups.get(`${n.layer}\u0000${n.label}`) ?? []), n]);
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    for (const n of group) {
      const scope = scopes.find((s) => s && n.id.endsWith(s));
      const where = scope ? scope.slice(1) : 'no manifest';
      n.sublabel = n.sublabel ? `${n.sublabel} · ${where}` : where;
      n.details = sortDetails({ ...n.details, manifest: scope ? where : null });
    }
  }
}

type NodeFactory = (id: string, init: () => Omit<NodeAcc, 'id' | 'marks' | 'findings' | 'calls'>) => NodeAcc;

function sortDetails(d: Record<string, DetailValue | undefined>): Record<string, DetailValue> {
  const out: Record<string, DetailValue> = {};
  for (const k of Object.keys(d).sort(cmp)) {
    const v = d[k];
    if (v !== undefined) out[k] = v;
  }
  return out;
}

/** A destination a call reaches: its manifest name, or the SDK id when no destination names it. */
interface DestRef {
  name: string;
  declared: Destination | null;
}

/**
 * The destinations of a call: `call.destinations` when the rules engine (services/callContext.ts)
 * or a tracker filled them in, else the same resolution by SDK (`destinations.*.sdk`). A call no
 * destination names goes to a marked node named after its SDK.
 */
function resolveDestinations(call: TrackingCall, m: Manifest | null): DestRef[] {
  const dests = m?.destinations ?? {};
  const byName = (n: string): DestRef => ({ name: n, declared: Object.prototype.hasOwnProperty.call(dests, n) ? dests[n] : null });
  let names = call.destinations && call.destinations.length ? call.destinations : [];
  if (!names.length && call.destinations === undefined) {
    const sdks = new Set([call.sdk, ...(call.sdks ?? [])]);
    names = Object.values(dests)
      .filter((d) => d.sdk && d.sdk !== 'TODO' && (sdks.has(d.sdk) || sdks.has(`custom:${d.sdk}`)))
      .map((d) => d.name);
  }
  if (!names.length) return [{ name: call.sdk, declared: null }];
  return sortedUnique(names).map(byName);
}

function destinationNode(node: NodeFactory, d: DestRef, m: Manifest | null, scope: string, sdk: string): NodeAcc {
  const decl = d.declared;
  const n = node(`destination:${d.name}${scope}`, () => ({
    layer: 'destination',
    label: d.name,
    sublabel: decl ? [decl.vendor, decl.region, decl.retention, decl.transfer].filter(Boolean).join(' · ') || undefined : 'unknown destination',
    kind: 'destination',
    marked: !decl,
    personal: false,
    details: decl
      ? {
          vendor: decl.vendor ?? null,
          sdk: decl.sdk ?? null,
          region: decl.region ?? null,
          retention: decl.retention ?? null,
          transfer: decl.transfer ?? null,
          purposes: [...decl.purposes],
          forbid: [...decl.forbid],
        }
      : { sdk },
  }));
  if (!decl) n.marks.add(m ? `no destination in the manifest for SDK ${sdk}` : 'no manifest governs this call');
  return n;
}

/** An event-layer node of a call, with the event name for track and page calls. */
interface EventRef {
  node: NodeAcc;
  name: string | null;
}

/** The event-layer node(s) of a call. */
function eventNodes(node: NodeFactory, call: TrackingCall, m: Manifest | null, scope: string): EventRef[] {
  const kind: CallKind = call.kind;
  if (kind === 'identify' || kind === 'alias' || kind === 'group') {
    const n = node(`event:${kind}()${scope}`, () => ({ layer: 'event', label: `${kind}()`, sublabel: 'identity call', kind: 'identity', marked: false, personal: true, details: { kind } }));
    return [{ node: n, name: null }];
  }
  if (kind === 'track' || kind === 'page') {
    let names = call.eventCandidates.length ? call.eventCandidates : call.event !== null ? [call.event] : [];
    if (!names.length && kind === 'page' && !call.eventDynamic) {
      // A page view without a name counts as the declared page event (as the rules check it).
      const pages = m ? Object.values(m.events).filter((e) => e.kind === 'page' || e.kind === 'screen') : [];
      const dests = call.destinations ?? [];
      const best = pages.find((e) => (e.destinations ?? []).some((d) => dests.includes(d))) ?? pages[0];
      if (best) names = [best.name];
      else {
        const n = node(`event:page()${scope}`, () => ({ layer: 'event', label: 'page()', sublabel: 'page view', kind: 'page', marked: true, personal: false, details: { kind } }));
        n.marks.add('no page event declared in the manifest');
        return [{ node: n, name: null }];
      }
    }
    if (!names.length) {
      const n = node(`event:?${scope}`, () => ({ layer: 'event', label: '(dynamic event name)', kind: 'event', marked: true, personal: false, details: { kind } }));
      n.marks.add('the event name cannot be resolved statically');
      return [{ node: n, name: null }];
    }
    return sortedUnique(names).map((name) => {
      const decl = m && Object.prototype.hasOwnProperty.call(m.events, name) ? m.events[name] : null;
      const n = node(`event:${name}${scope}`, () => ({
        layer: 'event',
        label: name,
        sublabel: decl?.description,
        kind: kind === 'page' ? 'page' : 'event',
        marked: !decl,
        personal: false,
        details: decl
          ? { description: decl.description ?? null, purposes: [...decl.purposes], destinations: decl.destinations ? [...decl.destinations] : null, owner: decl.owner ?? null, expires: decl.expires ?? null }
          : { kind },
      }));
      if (!decl) n.marks.add('event not declared in the manifest');
      return { node: n, name };
    });
  }
  if (call.technique) {
    const t = call.technique;
    const decl = m?.techniques[t];
    const n = node(`event:technique:${t}${scope}`, () => ({
      layer: 'event',
      label: t,
      sublabel: 'technique',
      kind: 'technique',
      marked: !decl,
      personal: false,
      details: decl ? { technique: t, purpose: decl.purpose ?? null, masking: decl.masking ?? null, destinations: decl.destinations ? [...decl.destinations] : null } : { technique: t },
    }));
    if (!decl) n.marks.add('technique not declared in the manifest');
    return [{ node: n, name: null }];
  }
  const label = `${call.method}()`;
  const n = node(`event:call:${kind}:${call.method}${scope}`, () => ({ layer: 'event', label, sublabel: kind === 'other' ? undefined : kind, kind: 'call', marked: false, personal: false, details: { kind, method: call.method } }));
  return [{ node: n, name: null }];
}

/** The category/purpose part of one flow. `undefined` skips the layer. */
interface Leg {
  property: string | null;
  category?: string | null;
  categoryMark?: string;
  purpose?: string | null;
}

function legsOf(call: TrackingCall, ev: EventRef, dest: DestRef, m: Manifest | null): Leg[] {
  const kind = ev.node.kind;
  // reset(), consent updates, init calls: no data category and nothing to declare a purpose for.
  if (kind === 'call') return [{ property: null }];
  const legs: Leg[] = [];
  if (kind === 'technique') {
    const t = call.technique ? m?.techniques[call.technique] : undefined;
    return [{ property: null, purpose: t?.purpose ?? null }];
  }
  if (kind === 'identity') {
    const id = m && Object.prototype.hasOwnProperty.call(m.identities, dest.name) ? m.identities[dest.name] : null;
    const props = call.properties.length ? call.properties : [];
    if (!props.length) return [{ property: null, purpose: id?.purpose ?? null }];
    for (const p of props) {
      const trait = id && Object.prototype.hasOwnProperty.call(id.traits, p.key) ? id.traits[p.key] : null;
      const declared = p.declared ?? trait?.category ?? null;
      legs.push({ property: p.key, ...categoryOf(p.key, declared, p.inferred, 'trait'), purpose: trait?.purpose ?? id?.purpose ?? null });
    }
    return legs;
  }
  // track / page (also when they use a technique: it is drawn on the edges)
  const decl = m && ev.name !== null && Object.prototype.hasOwnProperty.call(m.events, ev.name) ? m.events[ev.name] : null;
  const eventPurposes: (string | null)[] = decl && decl.purposes.length ? decl.purposes : [null];
  if (!call.properties.length) return eventPurposes.map((purpose) => ({ property: null, purpose }));
  for (const p of call.properties) {
    const dp = decl && Object.prototype.hasOwnProperty.call(decl.properties, p.key) ? decl.properties[p.key] : null;
    const declared = p.declared ?? dp?.category ?? null;
    const purposes = dp?.purpose ? [dp.purpose] : eventPurposes;
    for (const purpose of purposes) legs.push({ property: p.key, ...categoryOf(p.key, declared, p.inferred, 'property'), purpose });
  }
  return legs;
}

function categoryOf(key: string, declared: string | null, inferred: string | null, what: string): Pick<Leg, 'category' | 'categoryMark'> {
  if (declared && declared !== 'TODO') return { category: declared };
  if (inferred) return { category: inferred, categoryMark: `inferred from undeclared ${what} '${key}'` };
  return { category: null, categoryMark: `undeclared ${what} '${key}' of unknown category` };
}

function categoryNode(node: NodeFactory, category: string | null, m: Manifest | null): NodeAcc {
  if (category === null) return node('category:?', () => ({ layer: 'category', label: '(unclassified)', kind: 'category', marked: true, personal: false, details: {} }));
  const tax = dataCategories.get(category);
  const custom = m && Object.prototype.hasOwnProperty.call(m.taxonomy, category) ? m.taxonomy[category] : null;
  return node(`category:${category}`, () => ({
    layer: 'category',
    label: category,
    sublabel: category === 'none' ? 'not personal data' : tax?.name ?? custom?.description,
    kind: 'category',
    marked: false,
    personal: isPersonalCategory(category),
    details: {
      name: tax?.name ?? null,
      description: tax?.description ?? custom?.description ?? null,
      personal: isPersonalCategory(category),
      special: isSpecialCategory(category),
    },
  }));
}

function purposeNode(node: NodeFactory, purpose: string | null, m: Manifest | null, scope: string): NodeAcc {
  const decl = purpose && m && Object.prototype.hasOwnProperty.call(m.purposes, purpose) ? m.purposes[purpose] : null;
  const id = purpose === null ? `purpose:?${scope}` : `purpose:${purpose}${scope}`;
  const n = node(id, () => ({
    layer: 'purpose',
    label: purpose ?? '(no declared purpose)',
    // The legal basis, and for consent which consent category the banner must grant.
    sublabel: decl?.legal_basis ? (decl.legal_basis === 'consent' ? `consent: ${decl.consent ?? '?'}` : decl.legal_basis.replace(/_/g, ' ')) : undefined,
    kind: 'purpose',
    marked: !decl,
    personal: false,
    details: decl
      ? {
          description: decl.description ?? null,
          use: decl.use ?? null,
          legal_basis: decl.legal_basis ?? null,
          consent: decl.consent ?? null,
          special_category_basis: decl.special_category_basis ?? null,
          data: [...decl.data],
        }
      : {},
  }));
  if (!decl) n.marks.add(purpose === null ? 'no purpose declared for this data' : `purpose '${purpose}' not declared in the manifest`);
  return n;
}
