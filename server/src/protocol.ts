/**
 * Privet's extensions to the Language Server Protocol: the one catalogue of custom methods,
 * shared by the server and the VS Code client (`client/src/**` may import this file and nothing
 * else from `server/`).
 *
 * Each method is a namespace with its `method` string and its params/result types, and a JSDoc
 * saying who sends it to whom. Every method here is described in `docs/lsp-extensions.md`;
 * `server/test/architecture.test.ts` fails when one is missing there.
 *
 * The file imports no LSP library on purpose: it is bundled into both sides, so it must not pull
 * `vscode-languageserver` into the client or `vscode-languageclient` into the server. Its only
 * imports are the graph type and the pure map exports (no Node API either). Callers pass the
 * types explicitly: `connection.sendNotification(StatusNotification.method, params)`,
 * `client.sendRequest<InitRequest.Result>(InitRequest.method, params)`.
 */
import type { DataFlowGraph } from './core/services/dataFlow';

/**
 * `privet/status` — notification, sent from the server to the client whenever the totals change
 * (after a validation pass, when indexing starts or ends, when a manifest appears or goes away).
 * The client shows it in the status bar.
 */
export namespace StatusNotification {
  export const method = 'privet/status' as const;
  /** Totals over the documents the server has checked. */
  export interface Params {
    /** Tracking calls found. */
    calls: number;
    /** Unsuppressed findings with severity `error`. */
    errors: number;
    /** Unsuppressed findings with severity `warning`. */
    warnings: number;
    /** True while the server is scanning the workspace (the status item spins). */
    indexing: boolean;
    /** Absolute file-system paths of the manifests that govern the checked files. */
    manifests: string[];
  }
}

/**
 * `privet/dataFlowGraph` — request, sent from the client to the server to get the data-flow
 * map (code → event → data category → purpose → destination) for the data-flow webview.
 */
export namespace DataFlowGraphRequest {
  export const method = 'privet/dataFlowGraph' as const;
  export interface Params {
    /** Limit the graph to the workspace governed by this document's manifest; all when absent. */
    uri?: string;
  }
  /** The graph (`core/services/dataFlow.ts`), plain JSON; null when the server could not build it. */
  export type Result = DataFlowGraph | null;
}

/**
 * The exports of the data-flow map (`privet map --format …`): pure functions of the graph, shared
 * so that the panel's export button writes exactly what the CLI writes.
 */
export { toHtml, toJson, toMarkdown, toMermaid } from './core/services/mapExport';

/**
 * `privet/init` — request, sent from the client to the server to draft a starting manifest
 * from the tracking calls in a workspace folder (what `privet init` writes). The server writes
 * nothing: it returns the YAML, and the client writes it through `workspace.fs` (so the write
 * goes through VS Code: undo, open editors, remote file systems) after asking before any
 * overwrite.
 */
export namespace InitRequest {
  export const method = 'privet/init' as const;
  export interface Params {
    /** The workspace folder to scan, as a URI string. */
    folderUri: string;
  }
  export interface Result {
    /** Absolute file-system path where the manifest belongs (`<folder>/privacy.yaml`). */
    path: string;
    /** True when no manifest exists at `path` yet, so writing `text` creates it. */
    created: boolean;
    /** The drafted manifest, YAML. */
    text: string;
  }
}

/** Every custom method, for tests and for logging. */
export const customMethods = [StatusNotification.method, DataFlowGraphRequest.method, InitRequest.method] as const;
