/**
 * Exports of the data-flow map (`privet map --format html|mermaid|json|md`, and the panel's export
 * button): pure functions from a `DataFlowGraph` to text.
 *
 * Every string in the graph comes from the workspace (event names, manifest keys, file paths) and
 * is treated as hostile: Mermaid labels use Mermaid's entity codes, Markdown escapes its own
 * syntax and HTML, JSON escapes `<`, and the HTML export embeds the graph only as a JSON data block
 * that the renderer reads with `textContent`.
 */
import type { DataFlowEdge, DataFlowGraph, DataFlowLayer, DataFlowNode, DetailValue } from './dataFlow';

const layerTitles: Record<DataFlowLayer, string> = {
  code: 'Code',
  event: 'Events & identity calls',
  category: 'Data categories',
  purpose: 'Purposes',
  destination: 'Destinations',
};

/**
 * JSON with `<`, `>`, `&` and the JavaScript line separators escaped, so the text is safe inside
 * an HTML `<script type="application/json">` block (and in any file a browser may sniff).
 */
export function safeJson(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** The graph as JSON (`--format json`), `<` escaped. */
export function toJson(graph: DataFlowGraph): string {
  return safeJson(graph, 2) + '\n';
}

// --- Mermaid ----------------------------------------------------------------------------------

/** A label for Mermaid's `id["…"]` syntax: markup characters become Mermaid entity codes. */
export function mermaidText(s: string): string {
  return s
    .replace(/[\r\n\t]+/g, ' ')
    .replace(/[#"<>&`|\\]/g, (c) => `#${c.charCodeAt(0)};`);
}

/** Mermaid node shape per layer. */
function mermaidNode(id: string, n: DataFlowNode): string {
  const text = mermaidText(n.label) + (n.sublabel ? `<br/>${mermaidText(n.sublabel)}` : '');
  const label = `"${text}"`;
  switch (n.layer) {
    case 'code':
      return `${id}[${label}]`;
    case 'event':
      return `${id}([${label}])`;
    case 'category':
      return `${id}{{${label}}}`;
    case 'purpose':
      return `${id}[/${label}/]`;
    case 'destination':
      return `${id}[(${label})]`;
  }
}

function edgeLabel(e: DataFlowEdge): string {
  const parts = [String(e.count)];
  if (e.technique) parts.push(e.technique);
  if (e.findings.length) parts.push(`⚠ ${e.findings.length > 2 ? `${e.findings[0]} +${e.findings.length - 1}` : e.findings.join(', ')}`);
  return mermaidText(parts.join(' · '));
}

/**
 * The map as a Mermaid `flowchart LR` (renders in GitHub Markdown inside a ```mermaid fence):
 * one subgraph per layer, nodes numbered in graph order, marked nodes dashed, edges with findings
 * red, technique edges dotted, counts on the edges.
 */
export function toMermaid(graph: DataFlowGraph): string {
  const ids = new Map(graph.nodes.map((n, i) => [n.id, `n${i}`]));
  const out: string[] = ['flowchart LR'];
  for (const layer of graph.layers) {
    const inLayer = graph.nodes.filter((n) => n.layer === layer);
    if (!inLayer.length) continue;
    out.push(`  subgraph L_${layer}["${mermaidText(layerTitles[layer])}"]`);
    out.push('    direction TB');
    for (const n of inLayer) out.push(`    ${mermaidNode(ids.get(n.id)!, n)}`);
    out.push('  end');
  }
  const red: number[] = [];
  const dashed: number[] = [];
  graph.edges.forEach((e, i) => {
    const arrow = e.technique ? '-.->' : e.marked ? '-.->' : '-->';
    out.push(`  ${ids.get(e.from)} ${arrow}|"${edgeLabel(e)}"| ${ids.get(e.to)}`);
    if (e.findings.length) red.push(i);
    else if (e.marked) dashed.push(i);
  });
  out.push('  classDef code fill:#eef3fb,stroke:#5b7db1,color:#111');
  out.push('  classDef event fill:#eef8ee,stroke:#4f8a4f,color:#111');
  out.push('  classDef category fill:#fdf6e3,stroke:#b58900,color:#111');
  out.push('  classDef purpose fill:#f3eefb,stroke:#7a5cad,color:#111');
  out.push('  classDef destination fill:#fbeeee,stroke:#ad5c5c,color:#111');
  out.push('  classDef marked stroke:#d00000,stroke-width:2px,stroke-dasharray:5 3');
  for (const layer of graph.layers) {
    const members = graph.nodes.filter((n) => n.layer === layer).map((n) => ids.get(n.id));
    if (members.length) out.push(`  class ${members.join(',')} ${layer}`);
  }
  const marked = graph.nodes.filter((n) => n.marked).map((n) => ids.get(n.id));
  if (marked.length) out.push(`  class ${marked.join(',')} marked`);
  if (red.length) out.push(`  linkStyle ${red.join(',')} stroke:#d00000,stroke-width:2px`);
  if (dashed.length) out.push(`  linkStyle ${dashed.join(',')} stroke:#d00000,stroke-dasharray:5 3`);
  return out.join('\n') + '\n';
}

// --- Markdown ---------------------------------------------------------------------------------

/** Text for a Markdown table cell or paragraph: HTML and Markdown syntax escaped, one line. */
export function mdText(s: string): string {
  return s
    .replace(/[\r\n]+/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_{}[\]()#+!|~])/g, '\\$1');
}

function mdList(xs: readonly string[], empty = '—'): string {
  return xs.length ? xs.map(mdText).join(', ') : empty;
}

function detail(n: DataFlowNode | undefined, key: string): string | null {
  const v: DetailValue | undefined = n?.details[key];
  if (v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) return null;
  return Array.isArray(v) ? v.join(', ') : String(v);
}

/** A node's name for the report: its label, and its manifest when two nodes share the label. */
function nameOf(n: DataFlowNode): string {
  if (!('manifest' in n.details)) return n.label;
  return `${n.label} (${n.details.manifest ?? 'no manifest'})`;
}

/** What flows into one destination, per event and data category. */
interface EventRow {
  event: DataFlowNode;
  /** Category id → sent by an undeclared property of this event. */
  categories: Map<string, boolean>;
  purposes: Set<string>;
  sites: Set<string>;
  findings: Set<string>;
  techniques: Set<string>;
}

/**
 * A report a reviewer can paste into a DPIA: the map as a Mermaid diagram, a summary of the
 * destinations, then per destination a table of the events it receives (data categories,
 * purposes, legal basis, consent, calls), then the findings.
 */
export function toMarkdown(graph: DataFlowGraph): string {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const edgeById = new Map(graph.edges.map((e) => [e.id, e]));
  const out: string[] = [];
  out.push('# Data-flow map');
  out.push('');
  const manifests = graph.manifests.length ? graph.manifests.map((m) => `\`${m.replace(/`/g, "'")}\``).join(', ') : 'none';
  out.push(
    `Generated by Privet from ${graph.summary.calls} tracking call${graph.summary.calls === 1 ? '' : 's'} in ${graph.summary.files} file${graph.summary.files === 1 ? '' : 's'}. Manifest: ${manifests}. ` +
      `${graph.summary.findings} finding${graph.summary.findings === 1 ? '' : 's'}; ${graph.summary.undeclared} undeclared or unknown item${graph.summary.undeclared === 1 ? '' : 's'} (marked ⚠).`,
  );
  out.push('');
  out.push('```mermaid');
  out.push(toMermaid(graph).trimEnd());
  out.push('```');
  out.push('');

  const destinations = graph.nodes.filter((n) => n.layer === 'destination');
  const rows = new Map<string, Map<string, EventRow>>();
  for (const f of graph.flows) {
    const dest = f.nodes[f.nodes.length - 1];
    const ev = byId.get(f.nodes[1]);
    if (!ev) continue;
    const perDest = rows.get(dest) ?? new Map<string, EventRow>();
    rows.set(dest, perDest);
    // One row per event and category: "email goes here for identity-resolution under marketing
    // consent" reads off a single row.
    const key = `${ev.id}\u0000${f.nodes.find((id) => byId.get(id)?.layer === 'category') ?? ''}`;
    const row = perDest.get(key) ?? { event: ev, categories: new Map(), purposes: new Set(), sites: new Set(), findings: new Set(), techniques: new Set() };
    perDest.set(key, row);
    f.nodes.forEach((id, i) => {
      const n = byId.get(id);
      // The hop into the category says whether this event declares it.
      if (n?.layer === 'category') row.categories.set(id, (row.categories.get(id) ?? false) || !!edgeById.get(f.edges[i - 1])?.marked);
      if (n?.layer === 'purpose') row.purposes.add(id);
    });
    for (const r of f.findings) row.findings.add(r);
    if (f.technique) row.techniques.add(f.technique);
    // Call sites: those of the code → event edge of this flow.
    for (const s of edgeById.get(f.edges[0])?.sites ?? []) row.sites.add(`${s.file}:${s.line}:${s.column}`);
  }

  out.push('## Destinations');
  out.push('');
  out.push('| Destination | Vendor | Region | Retention | Transfer | Purposes | Data categories | Calls |');
  out.push('|---|---|---|---|---|---|---|---|');
  for (const d of destinations) {
    const perDest = [...(rows.get(d.id)?.values() ?? [])];
    const cats = [...new Set(perDest.flatMap((r) => [...r.categories.keys()]))].map((id) => byId.get(id)!.label).sort();
    const purposes = [...new Set(perDest.flatMap((r) => [...r.purposes]))].map((id) => nameOf(byId.get(id)!)).sort();
    out.push(
      `| ${mdText(nameOf(d))}${d.marked ? ' ⚠' : ''} | ${mdText(detail(d, 'vendor') ?? '—')} | ${mdText(detail(d, 'region') ?? '—')} | ${mdText(detail(d, 'retention') ?? '—')} | ${mdText(detail(d, 'transfer') ?? '—')} | ${mdList(purposes)} | ${mdList(cats)} | ${d.count} |`,
    );
  }
  out.push('');

  for (const d of destinations) {
    const perDest = [...(rows.get(d.id)?.entries() ?? [])].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, r]) => r);
    out.push(`### ${mdText(nameOf(d))}${detail(d, 'vendor') ? ` — ${mdText(detail(d, 'vendor')!)}` : ''}`);
    out.push('');
    if (d.marked) out.push(`⚠ ${mdText(d.marks.join('; '))}`, '');
    const facts = [
      ['Region', detail(d, 'region')],
      ['Retention', detail(d, 'retention')],
      ['Transfer', detail(d, 'transfer')],
      ['Forbidden categories', detail(d, 'forbid')],
    ].filter(([, v]) => v !== null);
    if (facts.length) out.push(facts.map(([k, v]) => `**${k}:** ${mdText(v!)}`).join(' · '), '');
    if (!perDest.length) {
      out.push('Nothing in the mapped code sends data here.', '');
      continue;
    }
    out.push('| Event | Data category | Purposes | Legal basis | Consent | Technique | Calls | Findings |');
    out.push('|---|---|---|---|---|---|---|---|');
    for (const r of perDest) {
      const purposes = [...r.purposes].map((id) => byId.get(id)!).sort((a, b) => (a.id < b.id ? -1 : 1));
      const cats = [...r.categories.keys()].sort();
      const catText = cats.map((id) => `${mdText(byId.get(id)!.label)}${r.categories.get(id) ? ' ⚠' : ''}`).join(', ') || '—';
      const basis = [...new Set(purposes.map((p) => detail(p, 'legal_basis') ?? '—'))];
      const consent = [...new Set(purposes.map((p) => detail(p, 'consent')).filter((x): x is string => !!x))];
      out.push(
        `| ${mdText(nameOf(r.event))}${r.event.marked ? ' ⚠' : ''} | ${catText} | ${purposes.map((p) => mdText(nameOf(p)) + (p.marked ? ' ⚠' : '')).join(', ') || '—'} | ${mdList(basis)} | ${mdList(consent)} | ${mdList([...r.techniques].sort())} | ${r.sites.size} | ${mdList([...r.findings].sort(), '')} |`,
      );
    }
    out.push('');
  }

  const purposes = graph.nodes.filter((n) => n.layer === 'purpose');
  if (purposes.length) {
    out.push('## Purposes');
    out.push('');
    out.push('| Purpose | Use | Legal basis | Consent | Special-category basis | Description |');
    out.push('|---|---|---|---|---|---|');
    for (const p of purposes) {
      out.push(
        `| ${mdText(nameOf(p))}${p.marked ? ' ⚠' : ''} | ${mdText(detail(p, 'use') ?? '—')} | ${mdText(detail(p, 'legal_basis') ?? '—')} | ${mdText(detail(p, 'consent') ?? '—')} | ${mdText(detail(p, 'special_category_basis') ?? '—')} | ${mdText(detail(p, 'description') ?? '')} |`,
      );
    }
    out.push('');
  }

  const undeclared = graph.nodes.filter((n) => n.marked);
  if (undeclared.length) {
    out.push('## Undeclared and unknown');
    out.push('');
    out.push('| Layer | Name | Why |');
    out.push('|---|---|---|');
    for (const n of undeclared) out.push(`| ${layerTitles[n.layer]} | ${mdText(nameOf(n))} | ${mdText(n.marks.join('; '))} |`);
    out.push('');
  }

  out.push('## Findings');
  out.push('');
  if (!graph.findings.length) out.push('No findings.');
  else {
    out.push('| Rule | Severity | Where | Message |');
    out.push('|---|---|---|---|');
    for (const f of graph.findings) out.push(`| ${mdText(f.rule)} | ${f.severity} | ${mdText(`${f.file}:${f.line}:${f.column}`)} | ${mdText(f.message)} |`);
  }
  out.push('');
  return out.join('\n');
}

// --- HTML -------------------------------------------------------------------------------------

/** The renderer bundle (`dist/webview/main.js`) and its stylesheet (`dist/webview/main.css`). */
export interface HtmlAssets {
  css: string;
  script: string;
}

// SHA-256 in plain TypeScript (FIPS 180-4), so this module needs no Node API and runs anywhere the
// client or the CLI does. Only used for the two CSP hashes of an export.
const primes = [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89, 97, 101, 103, 107, 109, 113, 127, 131, 137, 139, 149, 151, 157, 163, 167, 173, 179, 181, 191, 193, 197, 199, 211, 223, 227, 229, 233, 239, 241, 251, 257, 263, 269, 271, 277, 281, 283, 293, 307, 311];
const frac32 = (x: number) => Math.floor((x - Math.floor(x)) * 2 ** 32) >>> 0;
const K = Uint32Array.from(primes, (p) => frac32(Math.cbrt(p)));
const H0 = Uint32Array.from(primes.slice(0, 8), (p) => frac32(Math.sqrt(p)));

/** SHA-256 of the UTF-8 bytes of `text`, base64. */
export function sha256Base64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  const padded = new Uint8Array((((bytes.length + 9 + 63) / 64) | 0) * 64);
  padded.set(bytes);
  padded[bytes.length] = 0x80;
  const view = new DataView(padded.buffer);
  view.setUint32(padded.length - 8, Math.floor(bytes.length / 2 ** 29));
  view.setUint32(padded.length - 4, (bytes.length * 8) >>> 0);
  const h = Uint32Array.from(H0);
  const w = new Uint32Array(64);
  const rotr = (x: number, n: number) => (x >>> n) | (x << (32 - n));
  for (let off = 0; off < padded.length; off += 64) {
    for (let i = 0; i < 16; i++) w[i] = view.getUint32(off + i * 4);
    for (let i = 16; i < 64; i++) {
      const s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >>> 3);
      const s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >>> 10);
      w[i] = (w[i - 16] + s0 + w[i - 7] + s1) >>> 0;
    }
    let [a, b, c, d, e, f, g, hh] = h;
    for (let i = 0; i < 64; i++) {
      const t1 = (hh + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K[i] + w[i]) >>> 0;
      const t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) >>> 0;
      hh = g;
      g = f;
      f = e;
      e = (d + t1) >>> 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) >>> 0;
    }
    h[0] += a;
    h[1] += b;
    h[2] += c;
    h[3] += d;
    h[4] += e;
    h[5] += f;
    h[6] += g;
    h[7] += hh;
  }
  const digest = new Uint8Array(32);
  const dv = new DataView(digest.buffer);
  h.forEach((x, i) => dv.setUint32(i * 4, x));
  const abc = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let out = '';
  for (let i = 0; i < digest.length; i += 3) {
    const n = (digest[i] << 16) | ((digest[i + 1] ?? 0) << 8) | (digest[i + 2] ?? 0);
    out += abc[(n >> 18) & 63] + abc[(n >> 12) & 63] + (i + 1 < digest.length ? abc[(n >> 6) & 63] : '=') + (i + 2 < digest.length ? abc[n & 63] : '=');
  }
  return out;
}

function sha256(text: string): string {
  return `'sha256-${sha256Base64(text)}'`;
}

/**
 * One self-contained HTML file: the panel's renderer and stylesheet inlined, the graph as a JSON
 * data block (`<` escaped, read with `textContent`), a CSP that allows exactly the inlined script
 * and style by hash and nothing from the network. Works when opened from disk.
 */
export function toHtml(graph: DataFlowGraph, assets: HtmlAssets): string {
  // An inline element ends at the first `</script` or `</style`; keep the bundles from closing it.
  const script = assets.script.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
  const css = assets.css.replace(/<\/(style)/gi, '<\\/$1');
  const csp = [
    "default-src 'none'",
    `script-src ${sha256(script)}`,
    `style-src ${sha256(css)}`,
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${csp}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    '<title>Privet data-flow map</title>',
    `<style>${css}</style>`,
    '</head>',
    '<body class="privet-standalone">',
    '<div id="app" aria-live="polite"></div>',
    `<script type="application/json" id="privet-graph">${safeJson(graph)}</script>`,
    `<script>${script}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
