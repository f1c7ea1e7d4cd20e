/**
 * The data-flow map renderer. Runs in the VS Code webview (graph by `postMessage`, state by
 * `getState/setState`, call sites opened by the host) and, unchanged, in the exported HTML file
 * (graph from the `<script type="application/json" id="privet-graph">` block; no host, so no
 * `acquireVsCodeApi`: it is feature-detected).
 *
 * Layout: ELK's layered algorithm, left to right, one column per layer; node widths follow their
 * labels (long ones are shortened with an ellipsis, the full text stays in `<title>` and
 * `aria-label`); edges are drawn as curves through ELK's polyline points, so the gaps between
 * the columns need no room for orthogonal tracks. Drawing: SVG built with `createElementNS`; every
 * workspace string goes through `textContent` or an attribute value, never markup (there is no
 * `innerHTML` here).
 *
 * View: the map sits in a native scroll container. It is fitted to the width of the canvas, but
 * never below `minReadableScale` (labels stay readable; the user scrolls or drags for the rest),
 * and re-fitted whenever the canvas changes size, until the user zooms or pans. Zoom: the − / + /
 * Fit / 100% buttons, the keys - + 0 1, Ctrl/⌘ + wheel.
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

/**
 * The smallest scale the map is fitted at. Node labels are 13px (main.css), so they stay at 11.4px
 * or more on screen; what does not fit the width is reached by scrolling.
 */
const minReadableScale = 0.875;
/** A small map is not blown up beyond its natural size. */
const maxFitScale = 1;
const minZoom = 0.2;
const maxZoom = 3;
/** Room around the drawing inside the scroll area (screen pixels). */
const pad = 10;

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
  /**
   * The zoom and the drawing's point at the top-left of the canvas (drawing units), once the user
   * zoomed or panned; null while the map follows the canvas size (fitted).
   */
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
    transform: t && [t.x, t.y, t.k].every((v) => typeof v === 'number' && Number.isFinite(v)) && t.k > 0 ? { x: t.x, y: t.y, k: clamp(t.k, minZoom, maxZoom) } : null,
  };
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
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
// The shell: toolbar, canvas (column titles, scroll area), details, footer (legend, zoom)

const app = document.getElementById('app') ?? document.body.appendChild(el('div', { id: 'app' }));
app.classList.add('privet-map');

const toolbar = el('div', { class: 'toolbar', role: 'toolbar', 'aria-label': 'Data-flow map filters' });
const heading = el('div', { class: 'heading' });
const title = el('h1', { class: 'title' }, 'Privet data-flow map');
const summary = el('span', { class: 'summary', 'aria-live': 'polite' });
// In a narrow panel the filters fold away behind this button (main.css); it says how many are set.
const filterToggle = el('button', { type: 'button', class: 'filter-toggle', 'aria-expanded': 'false', title: 'Show the filters' }, 'Filters');
filterToggle.addEventListener('click', () => {
  const open = !toolbar.classList.contains('filters-open');
  toolbar.classList.toggle('filters-open', open);
  filterToggle.setAttribute('aria-expanded', String(open));
});
heading.append(title, summary, filterToggle);
const filterBar = el('div', { class: 'filters' });
toolbar.append(heading, filterBar);

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
  filterBar.append(wrap);
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
  filterBar.append(wrap);
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
// Column titles: HTML above the scroll area, kept in step with its horizontal scroll, so they stay
// in sight (and at a readable size) however far down or out the map is scrolled or zoomed.
const columnBar = el('div', { class: 'columns', 'aria-hidden': 'true' });
const columnStrip = el('div', { class: 'column-strip' });
columnBar.append(columnStrip);
const scroller = el('div', { class: 'scroller' });
const status = el('div', { class: 'status', role: 'status' });
const map = svg('svg', { class: 'map', role: 'group', 'aria-label': 'Data-flow map' });
const defs = svg('defs');
for (const [id, cls] of [
  ['arrow', 'arrow'],
  ['arrow-marked', 'arrow marked'],
  ['arrow-technique', 'arrow technique'],
  ['arrow-finding', 'arrow finding'],
  ['arrow-hl', 'arrow hl'],
]) {
  const marker = svg('marker', { id, viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse', markerUnits: 'userSpaceOnUse' });
  marker.append(svg('path', { d: 'M 0 0 L 10 5 L 0 10 z', class: cls }));
  defs.append(marker);
}
const viewport = svg('g', { class: 'viewport' });
map.append(defs, viewport);
scroller.append(map);
canvas.append(columnBar, scroller, status);
const details = el('aside', { class: 'details', 'aria-label': 'Selection details', 'aria-live': 'polite' });
details.hidden = true;
content.append(canvas, details);

const footer = el('div', { class: 'footer' });
const legend = el('div', { class: 'legend', 'aria-hidden': 'true' });
for (const [cls, text] of [
  ['lg-marked', 'undeclared / unknown'],
  ['lg-finding', 'finding'],
  ['lg-technique', 'tracking technique'],
]) {
  const item = el('span', { class: `lg ${cls}` });
  item.append(el('i'), el('span', {}, text));
  legend.append(item);
}
const hint = el('span', { class: 'lg-hint' }, 'Click a node for its call sites · drag to pan · Ctrl+wheel to zoom');
legend.append(hint);
const zoomBar = el('div', { class: 'zoom', role: 'group', 'aria-label': 'Zoom' });
const zoomLabel = el('span', { class: 'zoom-level', title: 'Zoom level' }, '100%');
zoomBar.append(
  button('−', 'Zoom out (-)', () => zoomBy(1 / 1.25)),
  zoomLabel,
  button('+', 'Zoom in (+)', () => zoomBy(1.25)),
  button('Fit', 'Fit the width, keeping the labels readable (0)', () => fit()),
  button('100%', 'Actual size (1)', () => zoomTo(1)),
);
footer.append(legend, zoomBar);
app.replaceChildren(toolbar, content, footer);

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
    w = t.getComputedTextLength() || text.length * 7.5;
    t.remove();
    measureCache.set(key, w);
  }
  return w;
}

/** The widest a label may be drawn (drawing units); longer ones end in an ellipsis. */
const maxLabelWidth = 180;
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
  /** The tracking techniques of the calls into an event or identity call (purple, third line). */
  tag: string;
  /** The line the count is drawn on: 0 the label's, 1 the sublabel's. */
  badgeLine: 0 | 1;
  width: number;
  height: number;
}

function labelClass(n: GNode): string {
  return n.layer === 'code' ? 'node-label file' : 'node-label';
}

/**
 * What a node shows: a file is its name, with its folder underneath (the name is what tells files
 * apart at a glance, and it keeps the code column narrow); everything else its label and sublabel.
 */
function shownText(n: GNode): { label: string; sublabel: string } {
  if (n.layer === 'code' && !n.sublabel) {
    const cut = n.label.lastIndexOf('/');
    if (cut > 0 && cut < n.label.length - 1) return { label: n.label.slice(cut + 1), sublabel: n.label.slice(0, cut + 1) };
  }
  return { label: n.label, sublabel: n.sublabel ?? '' };
}

const lineHeight = 16;

function nodeBox(n: GNode): NodeBox {
  const shown = shownText(n);
  const label = fitText(shown.label, labelClass(n));
  const sublabel = shown.sublabel ? fitText(shown.sublabel, 'node-sublabel') : '';
  const techniques = techniquesInto(n);
  const tag = techniqueTag(techniques);
  const badge = textWidth(badgeText(n), 'node-count') + 8;
  const lw = textWidth(label, labelClass(n));
  const sw = sublabel ? textWidth(sublabel, 'node-sublabel') : 0;
  const tw = tag ? textWidth(tag, 'node-tag') : 0;
  // The count goes on the label's line, or on the sublabel's when that keeps the node narrower.
  const onLabel = Math.max(lw + badge, sw, tw);
  const onSub = sublabel ? Math.max(lw, sw + badge, tw) : Infinity;
  const width = Math.ceil(Math.max(Math.min(onLabel, onSub), 64) + 23);
  const lines = 1 + (sublabel ? 1 : 0) + (tag ? 1 : 0);
  return { node: n, label, sublabel, tag, badgeLine: onSub < onLabel ? 1 : 0, width, height: 12 + lines * lineHeight };
}

/** Technique names that fit a node, whole: "identity-matching +1" rather than a name cut short. */
function techniqueTag(techniques: string[], max = 160): string {
  for (let n = techniques.length; n > 0; n--) {
    const text = techniques.slice(0, n).join(', ') + (n < techniques.length ? ` +${techniques.length - n}` : '');
    if (textWidth(text, 'node-tag') <= max) return text;
  }
  return techniques.length ? fitText(techniques[0], 'node-tag', max - 24) + (techniques.length > 1 ? ` +${techniques.length - 1}` : '') : '';
}

/**
 * The techniques of the calls into an event node (identify() used for identity matching): named on
 * the node once, rather than along every hop of the flow. Technique nodes are named for theirs.
 */
function techniquesInto(n: GNode): string[] {
  if (n.layer !== 'event' || n.kind === 'technique' || !graph) return [];
  return [...new Set(graph.edges.filter((e) => e.to === n.id && e.technique && e.technique !== n.label).map((e) => e.technique!))].sort();
}

/** The corner text of a node: how many calls pass through it, with ⚠ for findings or ? for undeclared. */
function badgeText(n: GNode): string {
  return `${n.findings.length ? '⚠ ' : n.marked ? '? ' : ''}${n.count}`;
}

const elk = new ELK();

async function layout(nodes: NodeBox[], edges: GEdge[]): Promise<ElkNode> {
  const g: ElkNode = {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      // One column per layer: interactive layering keeps the x hints below (layer × 1000).
      'elk.layered.layering.strategy': 'INTERACTIVE',
      // One drawing, not one per connected component: a destination nothing reaches stays in its column.
      'elk.separateConnectedComponents': 'false',
      // Polylines, drawn as curves: orthogonal routing needs a vertical track per edge between two
      // columns, which made the map three times as wide as its nodes.
      'elk.edgeRouting': 'POLYLINE',
      'elk.layered.spacing.nodeNodeBetweenLayers': '64',
      'elk.layered.spacing.edgeNodeBetweenLayers': '12',
      'elk.spacing.nodeNode': '10',
      'elk.spacing.edgeEdge': '6',
      'elk.spacing.edgeNode': '8',
      'elk.layered.nodePlacement.strategy': 'NETWORK_SIMPLEX',
      'elk.layered.crossingMinimization.strategy': 'LAYER_SWEEP',
      'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
      'elk.padding': '[top=12,left=0,bottom=0,right=0]',
    },
    children: nodes.map((b, i) => ({
      id: b.node.id,
      x: layerOrder.indexOf(b.node.layer) * 1000,
      y: i,
      width: b.width,
      height: b.height,
    })),
    edges: edges.map((e): ElkExtendedEdge => ({ id: e.id, sources: [e.from], targets: [e.to] })),
  };
  return elk.layout(g);
}

// ---------------------------------------------------------------------------------------------
// Drawing

const nodeEls = new Map<string, SVGGElement>();
const edgeEls = new Map<string, SVGGElement>();
const nodeBoxes = new Map<string, { x: number; y: number; width: number; height: number }>();
let laidOut: { width: number; height: number } = { width: 0, height: 0 };
let columns = new Map<string, { min: number; max: number }>();
let visibleFlows: GFlow[] = [];

/** A path through ELK's points, each hop between two columns a horizontal S-curve. */
function curvedPath(points: { x: number; y: number }[]): string {
  if (points.length < 2) return '';
  let d = `M ${points[0].x} ${points[0].y}`;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1];
    const b = points[i];
    const dx = b.x - a.x;
    if (dx > 2 && Math.abs(b.y - a.y) > 0.5) {
      const c = dx / 2;
      d += ` C ${a.x + c} ${a.y} ${b.x - c} ${b.y} ${b.x} ${b.y}`;
    } else d += ` L ${b.x} ${b.y}`;
  }
  return d;
}

function nodeAria(n: GNode): string {
  const parts = [`${layerTitles[n.layer] ?? n.layer}: ${n.label}`];
  if (n.sublabel) parts.push(n.sublabel);
  parts.push(`${n.count} call${n.count === 1 ? '' : 's'}`);
  const techniques = techniquesInto(n);
  if (techniques.length) parts.push(`techniques: ${techniques.join(', ')}`);
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
  g.append(svg('rect', { class: 'node-box', width: b.width, height: b.height, rx: n.layer === 'event' ? Math.min(14, b.height / 2) : 4 }));
  g.append(svg('rect', { class: 'node-stripe', width: 4, height: b.height - 10, x: 5, y: 5, rx: 2 }));
  // Baselines: 13px label, then 12px lines, `lineHeight` apart.
  const first = 6 + 12.5;
  g.append(svg('text', { class: labelClass(n), x: 15, y: first }, b.label));
  let line = first;
  if (b.sublabel) g.append(svg('text', { class: 'node-sublabel', x: 15, y: (line += lineHeight) }, b.sublabel));
  if (b.tag) g.append(svg('text', { class: 'node-tag', x: 15, y: (line += lineHeight) }, b.tag));
  g.append(svg('text', { class: 'node-count', x: b.width - 8, y: first + b.badgeLine * lineHeight, 'text-anchor': 'end' }, badgeText(n)));
  g.addEventListener('click', (ev) => {
    ev.stopPropagation();
    selectItem('node', n.id, true);
  });
  g.addEventListener('keydown', (ev) => onNodeKey(ev, n));
  return g;
}

function arrowFor(e: GEdge, hl = false): string {
  if (e.findings.length) return 'arrow-finding';
  if (hl) return 'arrow-hl';
  if (e.technique) return 'arrow-technique';
  return e.marked ? 'arrow-marked' : 'arrow';
}

type Point = { x: number; y: number };

function drawEdge(e: GEdge, points: Point[]): SVGGElement {
  const cls = ['edge'];
  if (e.marked) cls.push('marked');
  if (e.findings.length) cls.push('has-findings');
  if (e.technique) cls.push('technique');
  for (const f of e.flags) cls.push(`flag-${f}`);
  const from = nodeById.get(e.from);
  const to = nodeById.get(e.to);
  const desc = `${from?.label ?? e.from} → ${to?.label ?? e.to}: ${e.count} call site${e.count === 1 ? '' : 's'}${e.technique ? `, technique ${e.technique}` : ''}${e.findings.length ? `, findings: ${e.findings.join(', ')}` : ''}${e.marked ? ', undeclared' : ''}`;
  const g = svg('g', { class: cls.join(' '), 'data-id': e.id, 'data-from': e.from, 'data-to': e.to });
  g.append(svg('title', {}, desc));
  // The line stops where the arrowhead starts, so a thick line does not blunt its tip.
  const last = points[points.length - 1];
  const line = points.length >= 2 ? [...points.slice(0, -1), { x: last.x - 6, y: last.y }] : points;
  g.append(svg('path', { class: 'edge-hit', d: curvedPath(points) }));
  g.append(svg('path', { class: 'edge-line', d: curvedPath(line), 'marker-end': `url(#${arrowFor(e)})`, 'stroke-width': (1.25 + Math.min(2.75, Math.log2(e.count) * 0.9)).toFixed(2) }));
  g.addEventListener('click', (ev) => {
    ev.stopPropagation();
    selectItem('edge', e.id, true);
  });
  return g;
}

/** Room between two columns (drawing units): enough for the curves to be told apart. */
const columnGap = 48;

/**
 * Maps ELK's x coordinates onto columns of our own: each layer left-aligned at its column, columns
 * `columnGap` apart (ELK leaves wider and uneven gaps, and centres nodes in their layer). Points
 * inside a layer (a long edge's bends) keep their offset; points in a gap are scaled into the gap.
 */
function columnMapper(anchors: { elk: [number, number]; ours: [number, number] }[]): (x: number) => number {
  const sorted = [...anchors].sort((a, b) => a.elk[0] - b.elk[0]);
  return (x) => {
    if (!sorted.length) return x;
    if (x <= sorted[0].elk[0]) return sorted[0].ours[0] + (x - sorted[0].elk[0]);
    for (let i = 0; i < sorted.length; i++) {
      const c = sorted[i];
      if (x <= c.elk[1]) return c.ours[0] + Math.min(x - c.elk[0], c.ours[1] - c.ours[0]);
      const next = sorted[i + 1];
      if (next && x < next.elk[0]) {
        const t = (x - c.elk[1]) / Math.max(1, next.elk[0] - c.elk[1]);
        return c.ours[1] + t * (next.ours[0] - c.ours[1]);
      }
    }
    const l = sorted[sorted.length - 1];
    return l.ours[1] + (x - l.elk[1]);
  };
}

/** Where each edge leaves and enters its nodes: spread along the side, in the order of the other ends. */
function spreadPorts(edges: { e: GEdge; pts: Point[] }[], boxes: Map<string, { x: number; y: number; width: number; height: number }>): void {
  const out = new Map<string, { pts: Point[]; toward: number }[]>();
  const into = new Map<string, { pts: Point[]; toward: number }[]>();
  for (const { e, pts } of edges) {
    const push = (m: typeof out, id: string, toward: number) => m.set(id, [...(m.get(id) ?? []), { pts, toward }]);
    push(out, e.from, pts.length > 2 ? pts[1].y : (boxes.get(e.to)?.y ?? 0) + (boxes.get(e.to)?.height ?? 0) / 2);
    push(into, e.to, pts.length > 2 ? pts[pts.length - 2].y : (boxes.get(e.from)?.y ?? 0) + (boxes.get(e.from)?.height ?? 0) / 2);
  }
  const place = (m: typeof out, side: 'out' | 'in') => {
    for (const [id, list] of m) {
      const b = boxes.get(id);
      if (!b) continue;
      list.sort((p, q) => p.toward - q.toward);
      const inset = Math.min(7, b.height / 4);
      list.forEach((item, i) => {
        const y = list.length === 1 ? b.y + b.height / 2 : b.y + inset + ((b.height - 2 * inset) * i) / (list.length - 1);
        if (side === 'out') item.pts[0] = { x: b.x + b.width, y };
        else item.pts[item.pts.length - 1] = { x: b.x, y };
      });
    }
  };
  place(out, 'out');
  place(into, 'in');
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
  const set = [state.filters.destination, state.filters.purpose, state.filters.category, state.filters.technique, state.filters.personal, state.filters.findings].filter(Boolean).length;
  filterToggle.textContent = set ? `Filters (${set})` : 'Filters';

  if (!nodes.length) {
    viewport.replaceChildren();
    columnStrip.replaceChildren();
    nodeEls.clear();
    edgeEls.clear();
    nodeBoxes.clear();
    laidOut = { width: 0, height: 0 };
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
  nodeEls.clear();
  edgeEls.clear();
  nodeBoxes.clear();
  // Our columns: one per layer present, as wide as its widest node, left to right.
  const elkCols = new Map<string, [number, number]>();
  for (const c of laid.children ?? []) {
    const layer = boxById.get(c.id)?.node.layer;
    if (!layer) continue;
    const r = elkCols.get(layer) ?? [Infinity, -Infinity];
    elkCols.set(layer, [Math.min(r[0], c.x ?? 0), Math.max(r[1], (c.x ?? 0) + (c.width ?? 0))]);
  }
  columns = new Map();
  let right = 0;
  for (const layer of layerOrder) {
    const inLayer = boxes.filter((b) => b.node.layer === layer);
    if (!inLayer.length) continue;
    const left = columns.size ? right + columnGap : 0;
    right = left + Math.max(...inLayer.map((b) => b.width));
    columns.set(layer, { min: left, max: right });
  }
  const mx = columnMapper([...elkCols].map(([layer, r]) => ({ elk: r, ours: [columns.get(layer)!.min, columns.get(layer)!.max] as [number, number] })));
  const placed: { id: string; y: number }[] = [];
  for (const c of laid.children ?? []) {
    const b = boxById.get(c.id);
    if (!b) continue;
    const x = columns.get(b.node.layer)!.min;
    const y = c.y ?? 0;
    nodeEls.set(c.id, drawNode(b, x, y));
    nodeBoxes.set(c.id, { x, y, width: b.width, height: b.height });
    placed.push({ id: c.id, y });
  }
  let bottom = Math.max(0, ...[...nodeBoxes.values()].map((b) => b.y + b.height));
  const nextY = new Map<string, number>();
  for (const b of isolated) {
    const x = columns.get(b.node.layer)!.min;
    const y = nextY.get(b.node.layer) ?? (nodeBoxes.size ? bottom + 24 : 12);
    nextY.set(b.node.layer, y + b.height + 10);
    nodeEls.set(b.node.id, drawNode(b, x, y));
    nodeBoxes.set(b.node.id, { x, y, width: b.width, height: b.height });
    placed.push({ id: b.node.id, y });
  }
  bottom = Math.max(bottom, ...[...nextY.values()].map((y) => y - 10));
  // Tab order follows the columns, top to bottom.
  const ordered = placed.sort((a, b) => layerOrder.indexOf(boxById.get(a.id)!.node.layer) - layerOrder.indexOf(boxById.get(b.id)!.node.layer) || a.y - b.y);
  for (const c of ordered) nodeLayer.append(nodeEls.get(c.id)!);
  // Edges: ELK's bends moved into our columns, then the ends spread along the node sides.
  const routed = (laid.edges ?? [])
    .filter((le) => edgeById.has(le.id))
    .map((le) => {
      const pts = ((le as ElkExtendedEdge).sections ?? []).flatMap((sec) => [sec.startPoint, ...(sec.bendPoints ?? []), sec.endPoint]).map((p) => ({ x: mx(p.x), y: p.y }));
      return { e: edgeById.get(le.id)!, pts: pts.length >= 2 ? pts : [{ x: 0, y: 0 }, { x: 0, y: 0 }] };
    });
  spreadPorts(routed, nodeBoxes);
  // Plain edges first, then undeclared, technique and finding ones on top.
  const rank = (e: GEdge) => (e.findings.length ? 3 : e.technique ? 2 : e.marked ? 1 : 0);
  routed.sort((a, b) => rank(a.e) - rank(b.e));
  for (const { e, pts } of routed) {
    const gEl = drawEdge(e, pts);
    edgeEls.set(e.id, gEl);
    edgeLayer.append(gEl);
  }
  viewport.replaceChildren(edgeLayer, nodeLayer);
  columnStrip.replaceChildren();
  for (const layer of layerOrder) {
    if (!columns.has(layer)) continue;
    columnStrip.append(el('span', { class: 'layer-title', 'data-layer': layer }, layerTitles[layer]));
  }
  laidOut = { width: right, height: bottom };
  map.setAttribute('aria-label', `Data-flow map: ${nodes.length} nodes, ${edges.length} edges. Tab through the nodes, Enter to select.`);
  if (state.selected && !(state.selected.kind === 'node' ? nodeEls.has(state.selected.id) : edgeEls.has(state.selected.id))) state.selected = null;
  highlight();
  renderDetails();
  if (state.transform) applyView(state.transform.k, state.transform.x, state.transform.y);
  else fit(false);
  map.setAttribute('data-rendered', String(generation));
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

function clearSelection(): void {
  if (!state.selected) return;
  state.selected = null;
  saveState();
  highlight();
  renderDetails();
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
    const on = !!sel && hlEdges.has(id);
    g.classList.toggle('dim', !!sel && !on);
    g.classList.toggle('hl', on);
    g.classList.toggle('selected', !!sel && sel.kind === 'edge' && sel.id === id);
    const e = edgeById.get(id);
    if (e) g.querySelector('.edge-line')?.setAttribute('marker-end', `url(#${arrowFor(e, on)})`);
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

function section(titleText: string, body: HTMLElement, cls = ''): HTMLElement {
  const s = el('section', cls ? { class: cls } : {});
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

function showDetails(children: HTMLElement[]): void {
  const wasHidden = details.hidden;
  details.hidden = children.length === 0;
  details.replaceChildren(...children);
  if (wasHidden && !details.hidden) details.scrollTop = 0;
}

/** The details pane: shown while something is selected (beside the map, or under it when narrow). */
function renderDetails(): void {
  const sel = state.selected;
  const g = graph;
  if (!sel || !g) {
    showDetails([]);
    return;
  }
  const out: HTMLElement[] = [];
  const head = el('div', { class: 'details-head' });
  const close = button('×', 'Close the details (Esc)', () => clearSelection(), 'close');
  out.push(head);
  if (sel.kind === 'node') {
    const n = nodeById.get(sel.id);
    if (!n) return showDetails([]);
    head.append(el('p', { class: 'layer' }, `${layerTitles[n.layer] ?? n.layer} · ${n.count} call${n.count === 1 ? '' : 's'}`), close);
    out.push(el('h2', {}, n.label));
    if (n.sublabel) out.push(el('p', { class: 'sublabel' }, n.sublabel));
    if (n.marks.length) {
      const ul = el('ul', { class: 'marks' });
      for (const m of n.marks) ul.append(el('li', {}, m));
      out.push(section('Undeclared', ul));
    }
    addFindings(out, n.findings, sitesOf('node', n.id));
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
    const sites = sitesOf('node', n.id);
    out.push(section(`Call sites (${sites.length})`, sites.length ? siteList(sites) : el('p', { class: 'hint' }, 'No call in the mapped code.'), 'call-sites'));
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
    const dl = el('dl');
    for (const [k, v] of Object.entries(n.details)) {
      if (v === null || (Array.isArray(v) && !v.length)) continue;
      dl.append(el('dt', {}, k.replace(/_/g, ' ')), el('dd', {}, Array.isArray(v) ? v.join(', ') : String(v)));
    }
    if (dl.childElementCount) out.push(section(n.layer === 'category' || n.layer === 'code' ? 'Details' : 'Declared', dl));
  } else {
    const e = edgeById.get(sel.id);
    if (!e) return showDetails([]);
    head.append(el('p', { class: 'layer' }, `Edge · ${e.count} call site${e.count === 1 ? '' : 's'}`), close);
    out.push(el('h2', {}, `${nodeById.get(e.from)?.label ?? e.from} → ${nodeById.get(e.to)?.label ?? e.to}`));
    if (e.technique) out.push(el('p', { class: 'technique' }, `Technique: ${e.technique}`));
    if (e.marked) out.push(el('p', { class: 'marks' }, 'Part of an undeclared flow'));
    addFindings(out, e.findings, e.sites);
    const sites = sitesOf('edge', e.id);
    out.push(section(`Call sites (${sites.length})`, sites.length ? siteList(sites) : el('p', { class: 'hint' }, 'No call in the mapped code.'), 'call-sites'));
  }
  showDetails(out);
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
    clearSelection();
    return;
  }
  const arrows: Record<string, [number, number]> = { ArrowUp: [0, -1], ArrowDown: [0, 1], ArrowLeft: [-1, 0], ArrowRight: [1, 0] };
  const dir = arrows[ev.key];
  if (!dir) return;
  ev.preventDefault();
  const hereT = nodeBoxes.get(n.id);
  if (!hereT) return;
  let best: { id: string; d: number } | null = null;
  const li = layerOrder.indexOf(n.layer);
  for (const [id] of nodeEls) {
    const other = nodeById.get(id);
    const p = nodeBoxes.get(id);
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

function focusNode(id: string): void {
  const g = nodeEls.get(id);
  if (!g) return;
  g.focus({ preventScroll: true });
  ensureVisible(id);
}

// ---------------------------------------------------------------------------------------------
// The view: a scale and a scroll position

/** The current scale and where the drawing's origin sits in the scroll area (screen pixels). */
let view = { k: 1, offX: pad, offY: pad };
/** The scroll position set by the code, so its scroll event is not taken for the user panning. */
let ownScroll: { left: number; top: number } | null = null;

/** Sizes the SVG for scale `k` and scrolls so that drawing point (x, y) is at the top left. */
function applyView(k: number, x: number, y: number): void {
  const cw = scroller.clientWidth;
  const ch = scroller.clientHeight;
  const w = laidOut.width * k;
  const h = laidOut.height * k;
  // Centred across while it fits; from the top down (a short map does not float mid-panel).
  const offX = w + 2 * pad <= cw ? Math.max(pad, (cw - w) / 2) : pad;
  const offY = pad;
  view = { k, offX, offY };
  map.setAttribute('width', String(Math.max(cw, Math.ceil(w + 2 * pad))));
  map.setAttribute('height', String(Math.max(ch, Math.ceil(h + 2 * pad))));
  viewport.setAttribute('transform', `translate(${offX} ${offY}) scale(${k})`);
  setScroll(x * k, y * k);
  zoomLabel.textContent = `${Math.round(k * 100)}%`;
  placeColumnTitles();
}

function setScroll(left: number, top: number): void {
  scroller.scrollLeft = left;
  scroller.scrollTop = top;
  // The browser clamps; remember what it kept.
  ownScroll = { left: scroller.scrollLeft, top: scroller.scrollTop };
  placeColumnTitles();
}

/** The scroll position in drawing units (what `applyView` takes). */
function topLeft(): { x: number; y: number } {
  return { x: scroller.scrollLeft / view.k, y: scroller.scrollTop / view.k };
}

function placeColumnTitles(): void {
  columnStrip.style.transform = `translateX(${-scroller.scrollLeft}px)`;
  for (const t of columnStrip.children) {
    const col = columns.get(t.getAttribute('data-layer') ?? '');
    if (!col) continue;
    (t as HTMLElement).style.left = `${view.offX + col.min * view.k}px`;
    (t as HTMLElement).style.maxWidth = `${Math.max(40, (col.max - col.min) * view.k + 48)}px`;
  }
}

/** The scale that fits the drawing's width into the canvas, never below the readable minimum. */
function fitScale(): number {
  const cw = scroller.clientWidth || canvas.clientWidth || 800;
  if (!laidOut.width) return 1;
  return clamp((cw - 2 * pad) / laidOut.width, minReadableScale, maxFitScale);
}

/** Back to the fitted view, which then follows the canvas size. `reset` scrolls to the top left. */
function fit(reset = true): void {
  if (!laidOut.width || !laidOut.height) return;
  const keep = reset ? { x: 0, y: 0 } : topLeft();
  state.transform = null;
  applyView(fitScale(), keep.x, keep.y);
  // A scroll bar that appeared (or went) changes the width: fit once more to what is left.
  const k = fitScale();
  if (Math.abs(k - view.k) > 1e-3) applyView(k, keep.x, keep.y);
  saveState();
}

/** Zooms to scale `k` about a point of the canvas (default its centre); the user's view from now on. */
function zoomTo(k: number, cx?: number, cy?: number): void {
  if (!laidOut.width) return;
  const nk = clamp(k, minZoom, maxZoom);
  const px = cx ?? scroller.clientWidth / 2;
  const py = cy ?? scroller.clientHeight / 2;
  // The drawing point under (px, py) stays there.
  const gx = (scroller.scrollLeft + px - view.offX) / view.k;
  const gy = (scroller.scrollTop + py - view.offY) / view.k;
  applyView(nk, 0, 0);
  setScroll(gx * nk + view.offX - px, gy * nk + view.offY - py);
  rememberView();
}

function zoomBy(factor: number, cx?: number, cy?: number): void {
  zoomTo(view.k * factor, cx, cy);
}

/** Keeps the current zoom and scroll as the user's: no more fitting on resize. */
function rememberView(): void {
  const p = topLeft();
  state.transform = { k: view.k, x: p.x, y: p.y };
  saveState();
}

function ensureVisible(id: string): void {
  const b = nodeBoxes.get(id);
  if (!b) return;
  const k = view.k;
  const left = b.x * k + view.offX - scroller.scrollLeft;
  const top = b.y * k + view.offY - scroller.scrollTop;
  const w = scroller.clientWidth;
  const h = scroller.clientHeight;
  if (left < 8 || top < 8 || left + b.width * k > w - 8 || top + b.height * k > h - 8) {
    setScroll(b.x * k + view.offX - (w - b.width * k) / 2, b.y * k + view.offY - (h - b.height * k) / 2);
    if (state.transform) rememberView();
  }
}

scroller.addEventListener(
  'scroll',
  () => {
    placeColumnTitles();
    const own = ownScroll;
    if (own && Math.abs(own.left - scroller.scrollLeft) < 1 && Math.abs(own.top - scroller.scrollTop) < 1) return;
    ownScroll = null;
    // The user scrolled: keep their view from now on.
    rememberView();
  },
  { passive: true },
);

let drag: { x: number; y: number; left: number; top: number; moved: boolean } | null = null;
map.addEventListener('pointerdown', (ev) => {
  if (ev.button !== 0 || (ev.target as Element).closest('.node, .edge')) return;
  drag = { x: ev.clientX, y: ev.clientY, left: scroller.scrollLeft, top: scroller.scrollTop, moved: false };
  map.setPointerCapture(ev.pointerId);
  map.classList.add('panning');
});
map.addEventListener('pointermove', (ev) => {
  if (!drag) return;
  drag.moved ||= Math.abs(ev.clientX - drag.x) + Math.abs(ev.clientY - drag.y) > 3;
  if (drag.moved) {
    scroller.scrollLeft = drag.left - (ev.clientX - drag.x);
    scroller.scrollTop = drag.top - (ev.clientY - drag.y);
  }
});
map.addEventListener('pointerup', (ev) => {
  // A click on the background clears the selection.
  if (drag && !drag.moved) clearSelection();
  drag = null;
  if (map.hasPointerCapture(ev.pointerId)) map.releasePointerCapture(ev.pointerId);
  map.classList.remove('panning');
});
scroller.addEventListener(
  'wheel',
  (ev) => {
    // Ctrl/⌘ + wheel (and a pinch on a trackpad, which arrives as one) zooms; the wheel scrolls.
    if (!ev.ctrlKey && !ev.metaKey) return;
    ev.preventDefault();
    const r = scroller.getBoundingClientRect();
    zoomBy(Math.exp(-ev.deltaY * 0.002), ev.clientX - r.left, ev.clientY - r.top);
  },
  { passive: false },
);
window.addEventListener('keydown', (ev) => {
  const target = ev.target as Element | null;
  // Keys typed into a field or a list are theirs; on a button (a zoom button just clicked, a call
  // site) these keys mean nothing else.
  if (ev.ctrlKey || ev.metaKey || ev.altKey || ev.defaultPrevented) return;
  if (target && target.closest('select, input, textarea')) return;
  if (ev.key === '+' || ev.key === '=') zoomBy(1.25);
  else if (ev.key === '-' || ev.key === '_') zoomBy(1 / 1.25);
  else if (ev.key === '0') fit();
  else if (ev.key === '1') zoomTo(1);
  else if (ev.key === 'Escape') clearSelection();
  else return;
  ev.preventDefault();
});

// The canvas changes size with the panel, the details pane and the toolbar's wrapping: re-fit
// (keeping the scroll position) unless the user zoomed or panned, else keep their zoom.
let resizeQueued = false;
function onResize(): void {
  if (resizeQueued) return;
  resizeQueued = true;
  requestAnimationFrame(() => {
    resizeQueued = false;
    if (!laidOut.width) return;
    if (state.transform) applyView(state.transform.k, state.transform.x, state.transform.y);
    else fit(false);
  });
}
if (typeof ResizeObserver === 'function') new ResizeObserver(onResize).observe(canvas);
else window.addEventListener('resize', onResize);

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
