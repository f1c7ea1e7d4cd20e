/**
 * The data-flow map renderer. Runs in the VS Code webview (graph by `postMessage`, state by
 * `getState/setState`, call sites opened by the host) and, unchanged, in the exported HTML file
 * (graph from the `<script type="application/json" id="privet-graph">` block; no host, so no
 * `acquireVsCodeApi`: it is feature-detected).
 *
 * Layout: ELK's layered algorithm, left to right, one partition per layer so every column is one
 * layer. Drawing: SVG built with `createElementNS`; every workspace string goes through
 * `textContent` or an attribute value, never markup (there is no `innerHTML` here).
 */
import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api';
import { exportFormats, parseHostMessage, type DataFlowGraph, type ExportFormat, type WebviewToHost } from '../webviewProtocol';

type GNode = DataFlowGraph['nodes'][number];
type GEdge = DataFlowGraph['edges'][number];
type GFlow = DataFlowGraph['flows'][number];
type Site = GEdge['sites'][number];

interface VsCodeApi {
  postMessage(message: WebviewToHost): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare const acquireVsCodeApi: undefined | (() => VsCodeApi);

const SVG = 'http://www.w3.org/2000/svg';
const host: VsCodeApi | null = typeof acquireVsCodeApi === 'function' ? acquireVsCodeApi() : null;

const layerTitles: Record<string, string> = {
  code: 'Code',
  event: 'Events & identity calls',
  category: 'Data categories',
  purpose: 'Purposes',
  destination: 'Destinations',
};
const layerOrder = ['code', 'event', 'category', 'purpose', 'destination'];
const exportLabels: Record<ExportFormat, string> = { html: 'HTML', mermaid: 'Mermaid', json: 'JSON', md: 'Markdown report' };

// ---------------------------------------------------------------------------------------------
// State (persisted with setState in the panel)

interface Filters {
  destination: string;
  purpose: string;
  category: string;
  /** '' all, '*' any technique, else one technique id. */
  technique: string;
  personal: boolean;
  findings: boolean;
}
interface ViewState {
  filters: Filters;
  selected: { kind: 'node' | 'edge'; id: string } | null;
  transform: { x: number; y: number; k: number } | null;
}

const defaultFilters: Filters = { destination: '', purpose: '', category: '', technique: '', personal: false, findings: false };

function loadState(): ViewState {
  const s = host?.getState() as Partial<ViewState> | undefined;
  const f = (s?.filters ?? {}) as Partial<Filters>;
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  const t = s?.transform;
  return {
    filters: {
      destination: str(f.destination),
      purpose: str(f.purpose),
      category: str(f.category),
      technique: str(f.technique),
      personal: f.personal === true,
      findings: f.findings === true,
    },
    selected: s?.selected && typeof s.selected.id === 'string' && (s.selected.kind === 'node' || s.selected.kind === 'edge') ? { kind: s.selected.kind, id: s.selected.id } : null,
    transform: t && [t.x, t.y, t.k].every((v) => typeof v === 'number' && Number.isFinite(v)) && t.k > 0 ? { x: t.x, y: t.y, k: t.k } : null,
  };
}

const state: ViewState = loadState();
let graph: DataFlowGraph | null = null;
let renderGeneration = 0;

function saveState(): void {
  host?.setState(state);
}

function post(message: WebviewToHost): void {
  host?.postMessage(message);
}

// ---------------------------------------------------------------------------------------------
// DOM helpers (text only)

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number> = {}, text?: string): SVGElementTagNameMap[K] {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}

// ---------------------------------------------------------------------------------------------
// The shell: toolbar, canvas, details

const app = document.getElementById('app') ?? document.body.appendChild(el('div', { id: 'app' }));
app.classList.add('privet-map');

const toolbar = el('div', { class: 'toolbar', role: 'toolbar', 'aria-label': 'Data-flow map filters' });
const title = el('h1', { class: 'title' }, 'Privet data-flow map');
const summary = el('span', { class: 'summary', 'aria-live': 'polite' });
toolbar.append(title, summary);

function select(label: string, key: 'destination' | 'purpose' | 'category' | 'technique'): HTMLSelectElement {
  const wrap = el('label', { class: 'filter' });
  wrap.append(el('span', {}, label));
  const s = el('select', { 'data-filter': key, 'aria-label': `Filter by ${label.toLowerCase()}` });
  s.addEventListener('change', () => {
    state.filters[key] = s.value;
    saveState();
    void render();
  });
  wrap.append(s);
  toolbar.append(wrap);
  return s;
}
function checkbox(label: string, key: 'personal' | 'findings', hint: string): HTMLInputElement {
  const wrap = el('label', { class: 'filter check', title: hint });
  const c = el('input', { type: 'checkbox', 'data-filter': key });
  c.addEventListener('change', () => {
    state.filters[key] = c.checked;
    saveState();
    void render();
  });
  wrap.append(c, el('span', {}, label));
  toolbar.append(wrap);
  return c;
}
function button(label: string, aria: string, onClick: () => void, cls = ''): HTMLButtonElement {
  const b = el('button', { type: 'button', 'aria-label': aria, title: aria, class: cls }, label);
  b.addEventListener('click', onClick);
  return b;
}

const fDestination = select('Destination', 'destination');
const fPurpose = select('Purpose', 'purpose');
const fCategory = select('Category', 'category');
const fTechnique = select('Technique', 'technique');
const fPersonal = checkbox('Personal data only', 'personal', 'Only flows that carry data about a person (user.* categories, identity calls)');
const fFindings = checkbox('Findings only', 'findings', 'Only flows with a finding or an undeclared item');

const actions = el('div', { class: 'actions' });
actions.append(
  button('−', 'Zoom out', () => zoomBy(1 / 1.25)),
  button('+', 'Zoom in', () => zoomBy(1.25)),
  button('Fit', 'Fit the map to the window', () => fit()),
  button('Reset filters', 'Reset filters', () => {
    state.filters = { ...defaultFilters };
    saveState();
    void render();
  }),
);
if (host) {
  const fmt = el('select', { 'aria-label': 'Export format', class: 'export-format' });
  for (const f of exportFormats) fmt.append(el('option', { value: f }, exportLabels[f]));
  actions.append(
    fmt,
    button('Export…', 'Export the map', () => post({ type: 'export', format: fmt.value as ExportFormat }), 'export'),
    button('Refresh', 'Recompute the map', () => post({ type: 'refresh' })),
  );
}
toolbar.append(actions);

const content = el('div', { class: 'content' });
const canvas = el('div', { class: 'canvas' });
const status = el('div', { class: 'status', role: 'status' });
const map = svg('svg', { class: 'map', role: 'group', 'aria-label': 'Data-flow map' });
const defs = svg('defs');
for (const [id, cls] of [['arrow', 'arrow'], ['arrow-finding', 'arrow finding'], ['arrow-hl', 'arrow hl']]) {
  const marker = svg('marker', { id, viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse', markerUnits: 'userSpaceOnUse' });
  marker.append(svg('path', { d: 'M 0 0 L 10 5 L 0 10 z', class: cls }));
  defs.append(marker);
}
const viewport = svg('g', { class: 'viewport' });
map.append(defs, viewport);
canvas.append(map, status);
const details = el('aside', { class: 'details', 'aria-label': 'Selection details', 'aria-live': 'polite' });
content.append(canvas, details);
const legend = el('div', { class: 'legend', 'aria-hidden': 'true' });
for (const [cls, text] of [
  ['lg-marked', 'undeclared / unknown'],
  ['lg-finding', 'finding on the flow'],
  ['lg-technique', 'tracking technique'],
]) {
  const item = el('span', { class: `lg ${cls}` });
  item.append(el('i'), el('span', {}, text));
  legend.append(item);
}
legend.append(el('span', { class: 'lg-hint' }, 'Click or Tab + Enter a node to see its call sites · drag to pan · wheel to zoom'));
app.replaceChildren(toolbar, content, legend);

// ---------------------------------------------------------------------------------------------
// Filtering

function matches(f: GFlow, filters: Filters): boolean {
  if (filters.destination && f.nodes[f.nodes.length - 1] !== filters.destination) return false;
  if (filters.purpose && !f.nodes.includes(filters.purpose)) return false;
  if (filters.category && !f.nodes.includes(filters.category)) return false;
  if (filters.technique === '*' && !f.technique) return false;
  if (filters.technique && filters.technique !== '*' && f.technique !== filters.technique) return false;
  if (filters.personal && !f.personal) return false;
  if (filters.findings && !f.findings.length && !f.nodes.some((id) => nodeById.get(id)?.marked)) return false;
  return true;
}

function filtersActive(f: Filters): boolean {
  return !!(f.destination || f.purpose || f.category || f.technique || f.personal || f.findings);
}

let nodeById = new Map<string, GNode>();
let edgeById = new Map<string, GEdge>();

function fillSelect(s: HTMLSelectElement, allLabel: string, options: [string, string][], value: string): void {
  s.replaceChildren(el('option', { value: '' }, allLabel));
  for (const [v, label] of options) s.append(el('option', { value: v }, label));
  s.value = options.some(([v]) => v === value) ? value : '';
}

function updateFilterControls(g: DataFlowGraph): void {
  const of = (layer: string): [string, string][] => g.nodes.filter((n) => n.layer === layer).map((n) => [n.id, n.label]);
  fillSelect(fDestination, 'All destinations', of('destination'), state.filters.destination);
  fillSelect(fPurpose, 'All purposes', of('purpose'), state.filters.purpose);
  fillSelect(fCategory, 'All categories', of('category'), state.filters.category);
  fillSelect(fTechnique, 'All flows', [['*', 'Any technique'], ...g.techniques.map((t): [string, string] => [t, t])], state.filters.technique);
  fTechnique.disabled = g.techniques.length === 0;
  fPersonal.checked = state.filters.personal;
  fFindings.checked = state.filters.findings;
  // A filter naming something that is gone is dropped.
  state.filters.destination = fDestination.value;
  state.filters.purpose = fPurpose.value;
  state.filters.category = fCategory.value;
  state.filters.technique = fTechnique.value;
}

// ---------------------------------------------------------------------------------------------
// Measuring and layout

const measureSvg = svg('svg', { class: 'measure', 'aria-hidden': 'true', width: 0, height: 0 });
document.body.append(measureSvg);
const measureCache = new Map<string, number>();
function textWidth(text: string, cls: string): number {
  const key = `${cls}\u0000${text}`;
  let w = measureCache.get(key);
  if (w === undefined) {
    const t = svg('text', { class: cls }, text);
    measureSvg.append(t);
    w = t.getComputedTextLength() || text.length * 7;
    t.remove();
    measureCache.set(key, w);
  }
  return w;
}

const maxLabelWidth = 230;
/** The text shown for a label, shortened with an ellipsis when wider than the node allows. */
function fitText(text: string, cls: string, max = maxLabelWidth): string {
  if (textWidth(text, cls) <= max) return text;
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (textWidth(text.slice(0, mid) + '…', cls) <= max) lo = mid;
    else hi = mid - 1;
  }
  return text.slice(0, lo) + '…';
}

interface NodeBox {
  node: GNode;
  label: string;
  sublabel: string;
  width: number;
  height: number;
}

function labelClass(n: GNode): string {
  return n.layer === 'code' ? 'node-label mono' : 'node-label';
}

function nodeBox(n: GNode): NodeBox {
  const label = fitText(n.label, labelClass(n));
  const sublabel = n.sublabel ? fitText(n.sublabel, 'node-sublabel') : '';
  const count = textWidth(String(n.count), 'node-count') + 16;
  const width = Math.ceil(Math.max(textWidth(label, labelClass(n)) + count, sublabel ? textWidth(sublabel, 'node-sublabel') : 0, 90) + 20);
  return { node: n, label, sublabel, width, height: sublabel ? 42 : 28 };
}

function edgeText(e: GEdge): string {
  return `${e.count}${e.technique ? ` · ${e.technique}` : ''}${e.findings.length ? ' ⚠' : ''}`;
}

const elk = new ELK();

async function layout(nodes: NodeBox[], edges: GEdge[]): Promise<ElkNode> {
  const g: ElkNode = {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      // One column per layer: interactive layering keeps the x hints below (layer × 1000), where
      // partitions alone let a layer spread over several columns once edge labels add dummies.
      'elk.layered.layering.strategy': 'INTERACTIVE',
      // One drawing, not one per connected component: a destination nothing reaches stays in its column.
      'elk.separateConnectedComponents': 'false',
      'elk.edgeRouting': 'ORTHOGONAL',
      'elk.layered.spacing.nodeNodeBetweenLayers': '70',
      'elk.layered.spacing.edgeNodeBetweenLayers': '20',
      'elk.spacing.nodeNode': '14',
      'elk.spacing.edgeEdge': '8',
      'elk.spacing.edgeNode': '12',
      'elk.spacing.edgeLabel': '2',
      'elk.edgeLabels.placement': 'CENTER',
      'elk.layered.nodePlacement.strategy': 'NETWORK_SIMPLEX',
      'elk.layered.crossingMinimization.strategy': 'LAYER_SWEEP',
      'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
      'elk.padding': '[top=44,left=16,bottom=16,right=16]',
    },
    children: nodes.map((b, i) => ({
      id: b.node.id,
      x: layerOrder.indexOf(b.node.layer) * 1000,
      y: i,
      width: b.width,
      height: b.height,
    })),
    edges: edges.map(
      (e): ElkExtendedEdge => ({
        id: e.id,
        sources: [e.from],
        targets: [e.to],
        labels: [{ id: `${e.id}#label`, text: edgeText(e), width: textWidth(edgeText(e), 'edge-label') + 8, height: 16 }],
      }),
    ),
  };
  return elk.layout(g);
}

// ---------------------------------------------------------------------------------------------
// Drawing

const nodeEls = new Map<string, SVGGElement>();
const edgeEls = new Map<string, SVGGElement>();
let laidOut: { width: number; height: number } = { width: 0, height: 0 };
let visibleFlows: GFlow[] = [];

function roundedPath(points: { x: number; y: number }[]): string {
  if (points.length < 2) return '';
  const r = 6;
  let d = `M ${points[0].x} ${points[0].y}`;
  for (let i = 1; i < points.length - 1; i++) {
    const p = points[i - 1];
    const c = points[i];
    const n = points[i + 1];
    const d1 = Math.hypot(c.x - p.x, c.y - p.y);
    const d2 = Math.hypot(n.x - c.x, n.y - c.y);
    const k = Math.min(r, d1 / 2, d2 / 2);
    const a = { x: c.x - ((c.x - p.x) / (d1 || 1)) * k, y: c.y - ((c.y - p.y) / (d1 || 1)) * k };
    const b = { x: c.x + ((n.x - c.x) / (d2 || 1)) * k, y: c.y + ((n.y - c.y) / (d2 || 1)) * k };
    d += ` L ${a.x} ${a.y} Q ${c.x} ${c.y} ${b.x} ${b.y}`;
  }
  const last = points[points.length - 1];
  return `${d} L ${last.x} ${last.y}`;
}

function nodeAria(n: GNode): string {
  const parts = [`${layerTitles[n.layer] ?? n.layer}: ${n.label}`];
  if (n.sublabel) parts.push(n.sublabel);
  parts.push(`${n.count} call${n.count === 1 ? '' : 's'}`);
  if (n.marked) parts.push(`undeclared: ${n.marks.join('; ')}`);
  if (n.findings.length) parts.push(`findings: ${n.findings.join(', ')}`);
  return parts.join('. ');
}

function drawNode(b: NodeBox, x: number, y: number): SVGGElement {
  const n = b.node;
  const cls = ['node', `layer-${n.layer}`, `kind-${n.kind}`];
  if (n.marked) cls.push('marked');
  if (n.findings.length) cls.push('has-findings');
  if (n.personal) cls.push('personal');
  const g = svg('g', { class: cls.join(' '), 'data-id': n.id, transform: `translate(${x} ${y})`, tabindex: 0, role: 'button', 'aria-label': nodeAria(n), 'aria-pressed': 'false' });
  g.append(svg('title', {}, nodeAria(n)));
  g.append(svg('rect', { class: 'node-box', width: b.width, height: b.height, rx: n.layer === 'event' ? b.height / 2 : 5 }));
  g.append(svg('rect', { class: 'node-stripe', width: 4, height: b.height - 8, x: 4, y: 4, rx: 2 }));
  g.append(svg('text', { class: labelClass(n), x: 14, y: b.sublabel ? 17 : 18 }, b.label));
  if (b.sublabel) g.append(svg('text', { class: 'node-sublabel', x: 14, y: 33 }, b.sublabel));
  g.append(svg('text', { class: 'node-count', x: b.width - 8, y: b.sublabel ? 17 : 18, 'text-anchor': 'end' }, String(n.count)));
  if (n.marked || n.findings.length) g.append(svg('text', { class: 'node-flag', x: b.width - 4, y: -3, 'text-anchor': 'end' }, n.findings.length ? '⚠' : '?'));
  g.addEventListener('click', (ev) => {
    ev.stopPropagation();
    selectItem('node', n.id, true);
  });
  g.addEventListener('keydown', (ev) => onNodeKey(ev, n));
  return g;
}

function drawEdge(e: GEdge, laid: ElkExtendedEdge): SVGGElement {
  const cls = ['edge'];
  if (e.marked) cls.push('marked');
  if (e.findings.length) cls.push('has-findings');
  if (e.technique) cls.push('technique');
  for (const f of e.flags) cls.push(`flag-${f}`);
  const from = nodeById.get(e.from);
  const to = nodeById.get(e.to);
  const desc = `${from?.label ?? e.from} → ${to?.label ?? e.to}: ${e.count} call site${e.count === 1 ? '' : 's'}${e.technique ? `, technique ${e.technique}` : ''}${e.findings.length ? `, findings: ${e.findings.join(', ')}` : ''}`;
  const g = svg('g', { class: cls.join(' '), 'data-id': e.id, 'data-from': e.from, 'data-to': e.to });
  g.append(svg('title', {}, desc));
  const points = (laid.sections ?? []).flatMap((s) => [s.startPoint, ...(s.bendPoints ?? []), s.endPoint]);
  const d = roundedPath(points);
  g.append(svg('path', { class: 'edge-hit', d }));
  g.append(svg('path', { class: 'edge-line', d, 'marker-end': `url(#${e.findings.length ? 'arrow-finding' : 'arrow'})`, 'stroke-width': (1.2 + Math.min(3, Math.log2(e.count))).toFixed(2) }));
  const label = laid.labels?.[0];
  if (label && label.x !== undefined && label.y !== undefined) {
    const lg = svg('g', { class: 'edge-label', transform: `translate(${label.x} ${label.y})` });
    lg.append(svg('rect', { width: label.width ?? 0, height: label.height ?? 0, rx: 3 }));
    lg.append(svg('text', { x: (label.width ?? 0) / 2, y: 12, 'text-anchor': 'middle' }, edgeText(e)));
    g.append(lg);
  }
  g.addEventListener('click', (ev) => {
    ev.stopPropagation();
    selectItem('edge', e.id, true);
  });
  return g;
}

/** Filters, lays out and draws the current graph. */
async function render(): Promise<void> {
  const g = graph;
  if (!g) return;
  const generation = ++renderGeneration;
  updateFilterControls(g);
  const active = filtersActive(state.filters);
  visibleFlows = g.flows.filter((f) => matches(f, state.filters));
  const nodeIds = new Set(visibleFlows.flatMap((f) => f.nodes));
  const edgeIds = new Set(visibleFlows.flatMap((f) => f.edges));
  // Without filters, declared destinations that nothing reaches are shown too.
  const nodes = g.nodes.filter((n) => nodeIds.has(n.id) || (!active && n.count === 0));
  const edges = g.edges.filter((e) => edgeIds.has(e.id));
  summary.textContent = `${g.summary.calls} call${g.summary.calls === 1 ? '' : 's'} · ${g.summary.files} file${g.summary.files === 1 ? '' : 's'} · ${g.summary.findings} finding${g.summary.findings === 1 ? '' : 's'} · ${g.summary.undeclared} undeclared${active ? ` · showing ${nodes.length} of ${g.nodes.length} nodes` : ''}`;

  if (!nodes.length) {
    viewport.replaceChildren();
    nodeEls.clear();
    edgeEls.clear();
    status.textContent = g.nodes.length ? 'No flow matches these filters.' : 'No tracking calls found.';
    status.hidden = false;
    renderDetails();
    return;
  }
  status.hidden = true;
  const boxes = nodes.map(nodeBox);
  // Nodes without an edge (a declared destination nothing reaches) are not laid out by ELK, which
  // would give them a column of their own: they go under their layer's column afterwards.
  const linked = new Set(edges.flatMap((e) => [e.from, e.to]));
  const isolated = boxes.filter((b) => !linked.has(b.node.id));
  let laid: ElkNode;
  try {
    laid = await layout(
      boxes.filter((b) => linked.has(b.node.id)),
      edges,
    );
  } catch (err) {
    status.hidden = false;
    status.textContent = `Layout failed: ${err instanceof Error ? err.message : String(err)}`;
    return;
  }
  if (generation !== renderGeneration) return;

  const boxById = new Map(boxes.map((b) => [b.node.id, b]));
  const edgeLayer = svg('g', { class: 'edges' });
  const nodeLayer = svg('g', { class: 'nodes' });
  const titleLayer = svg('g', { class: 'layer-titles', 'aria-hidden': 'true' });
  nodeEls.clear();
  edgeEls.clear();
  const columns = new Map<string, { min: number; max: number }>();
  for (const c of laid.children ?? []) {
    const b = boxById.get(c.id);
    if (!b) continue;
    const x = c.x ?? 0;
    const y = c.y ?? 0;
    const gEl = drawNode(b, x, y);
    nodeEls.set(c.id, gEl);
    const col = columns.get(b.node.layer) ?? { min: Infinity, max: -Infinity };
    col.min = Math.min(col.min, x);
    col.max = Math.max(col.max, x + b.width);
    columns.set(b.node.layer, col);
  }
  const placed = [...(laid.children ?? [])];
  let bottom = Math.max(0, ...placed.map((c) => (c.y ?? 0) + (c.height ?? 0)));
  let right = Math.max(0, ...placed.map((c) => (c.x ?? 0) + (c.width ?? 0)));
  const nextY = new Map<string, number>();
  for (const b of isolated) {
    const col = columns.get(b.node.layer);
    const x = col ? col.min : right + (placed.length ? 70 : 16);
    const y = nextY.get(b.node.layer) ?? (placed.length ? bottom + 24 : 44);
    nextY.set(b.node.layer, y + b.height + 14);
    placed.push({ id: b.node.id, x, y, width: b.width, height: b.height });
    nodeEls.set(b.node.id, drawNode(b, x, y));
    if (!col) columns.set(b.node.layer, { min: x, max: x + b.width });
    right = Math.max(right, x + b.width);
  }
  bottom = Math.max(bottom, ...[...nextY.values()].map((y) => y - 14));
  // Tab order follows the columns, top to bottom.
  const ordered = placed.sort((a, b) => layerOrder.indexOf(boxById.get(a.id)!.node.layer) - layerOrder.indexOf(boxById.get(b.id)!.node.layer) || (a.y ?? 0) - (b.y ?? 0));
  for (const c of ordered) nodeLayer.append(nodeEls.get(c.id)!);
  for (const le of laid.edges ?? []) {
    const e = edgeById.get(le.id);
    if (!e) continue;
    const gEl = drawEdge(e, le as ElkExtendedEdge);
    edgeEls.set(e.id, gEl);
    edgeLayer.append(gEl);
  }
  for (const layer of layerOrder) {
    const col = columns.get(layer);
    if (!col) continue;
    titleLayer.append(svg('text', { class: 'layer-title', x: col.min, y: 24 }, layerTitles[layer]));
  }
  viewport.replaceChildren(titleLayer, edgeLayer, nodeLayer);
  laidOut = { width: Math.max(laid.width ?? 0, right + 16), height: Math.max(laid.height ?? 0, bottom + 16) };
  map.setAttribute('aria-label', `Data-flow map: ${nodes.length} nodes, ${edges.length} edges. Tab through the nodes, Enter to select.`);
  map.setAttribute('data-rendered', String(generation));
  if (state.transform) applyTransform();
  else fit();
  if (state.selected && !(state.selected.kind === 'node' ? nodeEls.has(state.selected.id) : edgeEls.has(state.selected.id))) state.selected = null;
  highlight();
  renderDetails();
  document.body.setAttribute('data-ready', 'true');
}

// ---------------------------------------------------------------------------------------------
// Selection, highlight, details

function selectItem(kind: 'node' | 'edge', id: string, reveal: boolean): void {
  state.selected = { kind, id };
  saveState();
  highlight();
  renderDetails();
  if (reveal) {
    const first = sitesOf(kind, id)[0];
    // Like a click in VS Code's search results: the first call site opens as a preview.
    if (first) revealSite(first);
  }
}

function flowsThrough(kind: 'node' | 'edge', id: string): GFlow[] {
  return visibleFlows.filter((f) => (kind === 'node' ? f.nodes.includes(id) : f.edges.includes(id)));
}

function highlight(): void {
  const sel = state.selected;
  const flows = sel ? flowsThrough(sel.kind, sel.id) : [];
  const hlNodes = new Set(flows.flatMap((f) => f.nodes));
  const hlEdges = new Set(flows.flatMap((f) => f.edges));
  for (const [id, g] of nodeEls) {
    g.classList.toggle('dim', !!sel && !hlNodes.has(id) && !(sel.kind === 'node' && sel.id === id));
    g.classList.toggle('selected', !!sel && sel.kind === 'node' && sel.id === id);
    g.setAttribute('aria-pressed', String(!!sel && sel.kind === 'node' && sel.id === id));
  }
  for (const [id, g] of edgeEls) {
    g.classList.toggle('dim', !!sel && !hlEdges.has(id));
    g.classList.toggle('hl', !!sel && hlEdges.has(id));
    g.classList.toggle('selected', !!sel && sel.kind === 'edge' && sel.id === id);
  }
}

function sitesOf(kind: 'node' | 'edge', id: string): Site[] {
  let edges: GEdge[];
  if (kind === 'edge') edges = edgeById.has(id) ? [edgeById.get(id)!] : [];
  else {
    const n = nodeById.get(id);
    edges = graph?.edges.filter((e) => (n?.layer === 'code' ? e.from === id : e.to === id)) ?? [];
  }
  const seen = new Map<string, Site>();
  for (const e of edges) for (const s of e.sites) seen.set(`${s.file}\u0000${s.line}\u0000${s.column}`, s);
  return [...seen.values()].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column));
}

function revealSite(s: Site): void {
  post({ type: 'reveal', file: s.file, line: s.line, column: s.column });
}

function section(titleText: string, body: HTMLElement): HTMLElement {
  const s = el('section');
  s.append(el('h3', {}, titleText), body);
  return s;
}

function siteList(sites: Site[]): HTMLElement {
  const ul = el('ul', { class: 'sites', 'aria-label': 'Call sites' });
  for (const s of sites) {
    const li = el('li');
    const where = `${s.file}:${s.line}:${s.column}`;
    if (host) {
      const b = el('button', { type: 'button', class: 'site', title: `Open ${where}`, 'data-file': s.file, 'data-line': String(s.line) });
      b.append(el('span', { class: 'where' }, where), el('span', { class: 'call' }, s.call));
      b.addEventListener('click', () => revealSite(s));
      li.append(b);
    } else {
      const span = el('span', { class: 'site' });
      span.append(el('span', { class: 'where' }, where), el('span', { class: 'call' }, s.call));
      li.append(span);
    }
    if (s.guarded.length) li.append(el('span', { class: 'guarded' }, `consent checked: ${s.guarded.join(', ')}`));
    ul.append(li);
  }
  return ul;
}

function renderDetails(): void {
  const sel = state.selected;
  const g = graph;
  if (!sel || !g) {
    details.replaceChildren(el('p', { class: 'hint' }, 'Select a node or an edge to see where its data comes from, where it goes, and its call sites.'));
    return;
  }
  const out: HTMLElement[] = [];
  if (sel.kind === 'node') {
    const n = nodeById.get(sel.id);
    if (!n) return;
    out.push(el('p', { class: 'layer' }, `${layerTitles[n.layer] ?? n.layer} · ${n.count} call${n.count === 1 ? '' : 's'}`));
    out.push(el('h2', {}, n.label));
    if (n.sublabel) out.push(el('p', { class: 'sublabel' }, n.sublabel));
    if (n.marks.length) {
      const ul = el('ul', { class: 'marks' });
      for (const m of n.marks) ul.append(el('li', {}, m));
      out.push(section('Undeclared', ul));
    }
    const dl = el('dl');
    for (const [k, v] of Object.entries(n.details)) {
      if (v === null || (Array.isArray(v) && !v.length)) continue;
      dl.append(el('dt', {}, k.replace(/_/g, ' ')), el('dd', {}, Array.isArray(v) ? v.join(', ') : String(v)));
    }
    if (dl.childElementCount) out.push(section(n.layer === 'category' || n.layer === 'code' ? 'Details' : 'Declared', dl));
    // Where the data through this node ends up: purpose (legal basis, consent) → destination.
    const reach = new Map<string, number>();
    for (const f of flowsThrough('node', n.id)) {
      const p = f.nodes.map((id) => nodeById.get(id)).find((x) => x?.layer === 'purpose');
      const d = nodeById.get(f.nodes[f.nodes.length - 1]);
      const key = `${p ? `${p.label}${p.sublabel ? ` (${p.sublabel})` : ''} → ` : ''}${d?.label ?? ''}${d?.sublabel ? ` (${d.sublabel})` : ''}`;
      reach.set(key, (reach.get(key) ?? 0) + f.count);
    }
    if (reach.size && n.layer !== 'destination') {
      const ul = el('ul', { class: 'reach' });
      for (const k of [...reach.keys()].sort()) ul.append(el('li', {}, k));
      out.push(section('Goes to', ul));
    }
    const connected = (g.edges ?? []).filter((e) => (e.from === n.id || e.to === n.id) && edgeEls.has(e.id));
    if (connected.length) {
      const ul = el('ul', { class: 'links' });
      for (const e of connected) {
        const other = nodeById.get(e.from === n.id ? e.to : e.from);
        const b = el('button', { type: 'button', class: 'link' }, `${e.from === n.id ? '→' : '←'} ${other?.label ?? ''} (${e.count})${e.technique ? ` · ${e.technique}` : ''}${e.findings.length ? ' ⚠' : ''}`);
        b.addEventListener('click', () => selectItem('edge', e.id, false));
        const li = el('li');
        li.append(b);
        ul.append(li);
      }
      out.push(section('Edges', ul));
    }
    addFindings(out, n.findings, sitesOf('node', n.id));
  } else {
    const e = edgeById.get(sel.id);
    if (!e) return;
    out.push(el('p', { class: 'layer' }, `Edge · ${e.count} call site${e.count === 1 ? '' : 's'}`));
    out.push(el('h2', {}, `${nodeById.get(e.from)?.label ?? e.from} → ${nodeById.get(e.to)?.label ?? e.to}`));
    if (e.technique) out.push(el('p', { class: 'technique' }, `Technique: ${e.technique}`));
    if (e.marked) out.push(el('p', { class: 'marks' }, 'Part of an undeclared flow'));
    addFindings(out, e.findings, e.sites);
  }
  const sites = sitesOf(sel.kind, sel.id);
  out.push(section(`Call sites (${sites.length})`, sites.length ? siteList(sites) : el('p', { class: 'hint' }, 'No call in the mapped code.')));
  details.replaceChildren(...out);
}

function addFindings(out: HTMLElement[], rules: string[], sites: Site[]): void {
  if (!rules.length || !graph) return;
  const at = new Set(sites.map((s) => `${s.file}\u0000${s.line}`));
  const ul = el('ul', { class: 'findings' });
  const listed = graph.findings.filter((f) => rules.includes(f.rule) && f.onCall && at.has(`${f.file}\u0000${f.line}`));
  for (const f of listed.length ? listed : rules.map((r) => ({ rule: r, severity: 'warning', message: '', file: '', line: 0 }))) {
    const li = el('li', { class: `sev-${f.severity}` });
    li.append(el('code', {}, f.rule), el('span', {}, f.message ? ` ${f.message}${f.file ? ` (${f.file}:${f.line})` : ''}` : ''));
    ul.append(li);
  }
  out.push(section('Findings', ul));
}

// ---------------------------------------------------------------------------------------------
// Keyboard

function onNodeKey(ev: KeyboardEvent, n: GNode): void {
  if (ev.key === 'Enter' || ev.key === ' ') {
    ev.preventDefault();
    selectItem('node', n.id, true);
    return;
  }
  if (ev.key === 'Escape') {
    state.selected = null;
    saveState();
    highlight();
    renderDetails();
    return;
  }
  const arrows: Record<string, [number, number]> = { ArrowUp: [0, -1], ArrowDown: [0, 1], ArrowLeft: [-1, 0], ArrowRight: [1, 0] };
  const dir = arrows[ev.key];
  if (!dir) return;
  ev.preventDefault();
  const here = nodeEls.get(n.id)?.getBBox();
  const hereT = nodePos(n.id);
  if (!here || !hereT) return;
  let best: { id: string; d: number } | null = null;
  const li = layerOrder.indexOf(n.layer);
  for (const [id] of nodeEls) {
    const other = nodeById.get(id);
    const p = nodePos(id);
    if (!other || !p || id === n.id) continue;
    const lo = layerOrder.indexOf(other.layer);
    if (dir[0] === 0 && lo !== li) continue;
    if (dir[0] !== 0 && Math.sign(lo - li) !== dir[0]) continue;
    if (dir[1] !== 0 && Math.sign(p.y - hereT.y) !== dir[1]) continue;
    const d = Math.abs(p.y - hereT.y) + Math.abs(lo - li) * 1000;
    if (!best || d < best.d) best = { id, d };
  }
  if (best) focusNode(best.id);
}

function nodePos(id: string): { x: number; y: number } | null {
  const t = nodeEls.get(id)?.getAttribute('transform');
  const m = t ? /translate\(([-\d.e]+) ([-\d.e]+)\)/.exec(t) : null;
  return m ? { x: Number(m[1]), y: Number(m[2]) } : null;
}

function focusNode(id: string): void {
  const g = nodeEls.get(id);
  if (!g) return;
  g.focus();
  ensureVisible(id);
}

// ---------------------------------------------------------------------------------------------
// Pan and zoom

function applyTransform(): void {
  const t = state.transform ?? { x: 0, y: 0, k: 1 };
  viewport.setAttribute('transform', `translate(${t.x} ${t.y}) scale(${t.k})`);
}

function fit(): void {
  const w = canvas.clientWidth || 800;
  const h = canvas.clientHeight || 600;
  if (!laidOut.width || !laidOut.height) return;
  const k = Math.max(0.2, Math.min(1.25, (w - 16) / laidOut.width, (h - 16) / laidOut.height));
  // Centred across, from the top down (a short map does not float in the middle of the panel).
  state.transform = { k, x: Math.max(4, (w - laidOut.width * k) / 2), y: 4 };
  applyTransform();
  saveState();
}

function zoomBy(factor: number, cx?: number, cy?: number): void {
  const t = state.transform ?? { x: 0, y: 0, k: 1 };
  const k = Math.max(0.1, Math.min(4, t.k * factor));
  const px = cx ?? canvas.clientWidth / 2;
  const py = cy ?? canvas.clientHeight / 2;
  state.transform = { k, x: px - ((px - t.x) * k) / t.k, y: py - ((py - t.y) * k) / t.k };
  applyTransform();
  saveState();
}

function ensureVisible(id: string): void {
  const p = nodePos(id);
  const t = state.transform;
  if (!p || !t) return;
  const sx = p.x * t.k + t.x;
  const sy = p.y * t.k + t.y;
  const w = canvas.clientWidth;
  const h = canvas.clientHeight;
  if (sx < 20 || sy < 20 || sx > w - 120 || sy > h - 40) {
    state.transform = { ...t, x: t.x + (w / 2 - sx), y: t.y + (h / 2 - sy) };
    applyTransform();
    saveState();
  }
}

let drag: { x: number; y: number; tx: number; ty: number; moved: boolean } | null = null;
map.addEventListener('pointerdown', (ev) => {
  if ((ev.target as Element).closest('.node, .edge')) return;
  const t = state.transform ?? { x: 0, y: 0, k: 1 };
  drag = { x: ev.clientX, y: ev.clientY, tx: t.x, ty: t.y, moved: false };
  map.setPointerCapture(ev.pointerId);
  map.classList.add('panning');
});
map.addEventListener('pointermove', (ev) => {
  if (!drag) return;
  const t = state.transform ?? { x: 0, y: 0, k: 1 };
  drag.moved ||= Math.abs(ev.clientX - drag.x) + Math.abs(ev.clientY - drag.y) > 3;
  state.transform = { k: t.k, x: drag.tx + ev.clientX - drag.x, y: drag.ty + ev.clientY - drag.y };
  applyTransform();
});
map.addEventListener('pointerup', (ev) => {
  if (drag && !drag.moved && state.selected) {
    // A click on the background clears the selection.
    state.selected = null;
    highlight();
    renderDetails();
  }
  drag = null;
  map.releasePointerCapture(ev.pointerId);
  map.classList.remove('panning');
  saveState();
});
map.addEventListener(
  'wheel',
  (ev) => {
    ev.preventDefault();
    const r = map.getBoundingClientRect();
    zoomBy(Math.exp(-ev.deltaY * 0.0015), ev.clientX - r.left, ev.clientY - r.top);
  },
  { passive: false },
);
window.addEventListener('keydown', (ev) => {
  const target = ev.target as Element | null;
  if (target && target.closest('select, input, button')) return;
  if (ev.key === '+' || ev.key === '=') zoomBy(1.25);
  else if (ev.key === '-') zoomBy(1 / 1.25);
  else if (ev.key === '0') fit();
});

// ---------------------------------------------------------------------------------------------
// Input: the host's messages, or the embedded graph

function setGraph(g: DataFlowGraph): void {
  graph = g;
  nodeById = new Map(g.nodes.map((n) => [n.id, n]));
  edgeById = new Map(g.edges.map((e) => [e.id, e]));
  void render();
}

function showStatus(text: string): void {
  status.hidden = false;
  status.textContent = text;
}

if (host) {
  window.addEventListener('message', (ev: MessageEvent) => {
    const m = parseHostMessage(ev.data);
    if (!m) return;
    if (m.type === 'graph') setGraph(m.graph);
    else if (m.type === 'loading') {
      if (!graph) showStatus('Computing the data-flow map…');
    } else showStatus(`Could not compute the map: ${m.message}`);
  });
  showStatus('Computing the data-flow map…');
  post({ type: 'ready' });
} else {
  document.body.classList.add('privet-standalone');
  const data = document.getElementById('privet-graph');
  try {
    const parsed = parseHostMessage({ type: 'graph', graph: JSON.parse(data?.textContent ?? 'null') });
    if (parsed?.type === 'graph') setGraph(parsed.graph);
    else showStatus('This file holds no data-flow map.');
  } catch {
    showStatus('The embedded data-flow map could not be read.');
  }
}
window.addEventListener('resize', () => {
  if (!state.transform) fit();
});
