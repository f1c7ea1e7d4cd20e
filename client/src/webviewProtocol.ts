/**
 * The messages between the data-flow panel (extension host, `dataFlowPanel.ts`) and its webview
 * (`webview/main.ts`): one typed union per direction, shared by both sides, plus the guards each
 * side runs on what it receives. A webview is a web page that shows workspace strings, so the host
 * treats every message from it as untrusted input.
 */
import type { DataFlowGraphRequest } from '../../server/src/protocol';

/** The graph the server returns for `privet/dataFlowGraph`. */
export type DataFlowGraph = NonNullable<DataFlowGraphRequest.Result>;

/** Export formats (the same as `privet map --format`). */
export type ExportFormat = 'html' | 'mermaid' | 'json' | 'md';
export const exportFormats: readonly ExportFormat[] = ['html', 'mermaid', 'json', 'md'];

/** Host → webview. */
export type HostToWebview =
  /** A new graph: draw it (keeping filters, selection and viewport where they still apply). */
  | { type: 'graph'; graph: DataFlowGraph }
  /** The host is asking the server for a graph. */
  | { type: 'loading' }
  /** The graph could not be computed. */
  | { type: 'error'; message: string };

/** Webview → host. */
export type WebviewToHost =
  /** The webview has loaded and wants a graph. */
  | { type: 'ready' }
  /** Ask the server again. */
  | { type: 'refresh' }
  /** Open the code at a call site (1-based line and column, file as in the graph). */
  | { type: 'reveal'; file: string; line: number; column: number }
  /** Save the map in a format (the host asks where). */
  | { type: 'export'; format: ExportFormat };

/** Longest file name a reveal may carry (anything longer is not a path from our graph). */
export const maxPathLength = 4096;

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function isPositiveInt(x: unknown): x is number {
  return typeof x === 'number' && Number.isInteger(x) && x >= 1 && x <= 10_000_000;
}

/** Validates a message from the webview; returns it re-built from its checked fields, or null. */
export function parseWebviewMessage(x: unknown): WebviewToHost | null {
  if (!isRecord(x) || typeof x.type !== 'string') return null;
  switch (x.type) {
    case 'ready':
    case 'refresh':
      return { type: x.type };
    case 'reveal':
      if (typeof x.file !== 'string' || x.file.length === 0 || x.file.length > maxPathLength || x.file.includes('\0')) return null;
      if (!isPositiveInt(x.line) || !isPositiveInt(x.column)) return null;
      return { type: 'reveal', file: x.file, line: x.line, column: x.column };
    case 'export':
      return exportFormats.includes(x.format as ExportFormat) ? { type: 'export', format: x.format as ExportFormat } : null;
    default:
      return null;
  }
}

/** Checks the shape of a message from the host (the webview ignores anything else). */
export function parseHostMessage(x: unknown): HostToWebview | null {
  if (!isRecord(x) || typeof x.type !== 'string') return null;
  switch (x.type) {
    case 'graph': {
      const g = x.graph;
      if (!isRecord(g) || !Array.isArray(g.nodes) || !Array.isArray(g.edges) || !Array.isArray(g.flows)) return null;
      return { type: 'graph', graph: g as unknown as DataFlowGraph };
    }
    case 'loading':
      return { type: 'loading' };
    case 'error':
      return { type: 'error', message: typeof x.message === 'string' ? x.message : 'Unknown error' };
    default:
      return null;
  }
}
