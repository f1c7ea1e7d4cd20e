/**
 * The data-flow map panel (`Privet: Show Data-Flow Map`): owns one WebviewPanel, asks the server
 * for the graph (`privet/dataFlowGraph`), sends it to the webview by `postMessage`, and acts on
 * the webview's typed messages (open a call site, export, refresh).
 *
 * Security (architecture guide, habit 11): a strict CSP with a fresh nonce per page, scripts and
 * styles only from `dist/webview` (the only `localResourceRoots`), no data interpolated into the
 * HTML, every incoming message validated (`parseWebviewMessage`), and a call site is opened only
 * when it is one the current graph lists and it lies inside a workspace folder.
 *
 * Live updates: the server publishes diagnostics after every validation pass (a source or the
 * manifest changed), so a debounced `onDidChangeDiagnostics` re-requests the graph. The panel does
 * not subscribe to `privet/status` itself, because vscode-languageclient keeps one handler per
 * notification method and the status bar owns that one; `notifyDataFlowStatus` is the hook for
 * its handler to forward to.
 */
import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { DataFlowGraphRequest, toHtml, toJson, toMarkdown, toMermaid, type StatusNotification } from '../../server/src/protocol';
import { parseWebviewMessage, type DataFlowGraph, type ExportFormat, type HostToWebview, type WebviewToHost } from './webviewProtocol';

/** The panel's view type (`onWebviewPanel:privet.dataFlow` in package.json). */
export const dataFlowViewType = 'privet.dataFlow';

/** How long to wait after the last change before asking for a new graph. */
const refreshDelayMs = 500;

const exportExtensions: Record<ExportFormat, { ext: string; name: string }> = {
  html: { ext: 'html', name: 'HTML' },
  mermaid: { ext: 'mmd', name: 'Mermaid' },
  json: { ext: 'json', name: 'JSON' },
  md: { ext: 'md', name: 'Markdown' },
};

/** A fresh CSP nonce: 128 random bits from the OS, base64 (never `Math.random`). */
export function createNonce(): string {
  return randomBytes(16).toString('base64');
}

/** What the panel page needs: the webview's CSP source, a nonce and the URIs of the bundle. */
export interface PanelHtmlOptions {
  cspSource: string;
  nonce: string;
  scriptUri: string;
  styleUri: string;
}

function attr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The panel page: CSP, stylesheet, an empty `#app`, the bundle. No data: that comes by message. */
export function panelHtml(o: PanelHtmlOptions): string {
  const csp = `default-src 'none'; script-src 'nonce-${o.nonce}'; style-src ${o.cspSource}; img-src ${o.cspSource} data:; font-src ${o.cspSource};`;
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="UTF-8">',
    `<meta http-equiv="Content-Security-Policy" content="${attr(csp)}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1.0">',
    `<link rel="stylesheet" href="${attr(o.styleUri)}">`,
    '<title>Privet data-flow map</title>',
    '</head>',
    '<body>',
    '<div id="app"></div>',
    `<script nonce="${attr(o.nonce)}" src="${attr(o.scriptUri)}"></script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** The one data-flow panel. */
export class DataFlowPanel {
  static current: DataFlowPanel | undefined;

  private readonly disposables: vscode.Disposable[] = [];
  private graph: DataFlowGraph | null = null;
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  private requestSeq = 0;
  private ready = false;

  /** Shows the panel, creating it when there is none. */
  static createOrShow(context: vscode.ExtensionContext, client: LanguageClient): DataFlowPanel {
    if (DataFlowPanel.current) {
      DataFlowPanel.current.panel.reveal();
      DataFlowPanel.current.scheduleRefresh(0);
      return DataFlowPanel.current;
    }
    const panel = vscode.window.createWebviewPanel(dataFlowViewType, 'Privet: Data-Flow Map', vscode.ViewColumn.Beside, DataFlowPanel.webviewOptions(context));
    DataFlowPanel.current = new DataFlowPanel(panel, context, client);
    return DataFlowPanel.current;
  }

  /** Restores a panel VS Code kept from the last session (the webview restores its own view state). */
  static revive(panel: vscode.WebviewPanel, context: vscode.ExtensionContext, client: LanguageClient): DataFlowPanel {
    DataFlowPanel.current?.dispose();
    panel.webview.options = DataFlowPanel.webviewOptions(context);
    DataFlowPanel.current = new DataFlowPanel(panel, context, client);
    return DataFlowPanel.current;
  }

  private static webviewOptions(context: vscode.ExtensionContext): vscode.WebviewOptions & vscode.WebviewPanelOptions {
    // No retainContextWhenHidden: the webview keeps its state with getState/setState.
    return { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(context.extensionUri, 'dist', 'webview')] };
  }

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    private readonly context: vscode.ExtensionContext,
    private readonly client: LanguageClient,
  ) {
    const webview = panel.webview;
    const root = vscode.Uri.joinPath(context.extensionUri, 'dist', 'webview');
    webview.html = panelHtml({
      cspSource: webview.cspSource,
      nonce: createNonce(),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(root, 'main.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(root, 'main.css')).toString(),
    });
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      webview.onDidReceiveMessage((m: unknown) => void this.onMessage(m)),
      panel.onDidChangeViewState(() => {
        if (panel.visible) this.scheduleRefresh(0);
      }),
      vscode.languages.onDidChangeDiagnostics((e) => {
        if (e.uris.some((u) => u.scheme === 'file' && /\.(?:[cm]?[jt]sx?|ya?ml)$/i.test(u.path))) this.scheduleRefresh();
      }),
    );
  }

  /** Disposes the panel and its listeners. */
  dispose(): void {
    if (DataFlowPanel.current === this) DataFlowPanel.current = undefined;
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    while (this.disposables.length) this.disposables.pop()?.dispose();
    this.panel.dispose();
  }

  /** Re-requests the graph soon (debounced; only while visible, and once the page is listening). */
  scheduleRefresh(delayMs = refreshDelayMs): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = undefined;
      if (this.ready && this.panel.visible) void this.update();
    }, delayMs);
  }

  private post(message: HostToWebview): void {
    void this.panel.webview.postMessage(message);
  }

  private async update(): Promise<void> {
    const seq = ++this.requestSeq;
    if (!this.graph) this.post({ type: 'loading' });
    try {
      const graph = await this.client.sendRequest<DataFlowGraphRequest.Result>(DataFlowGraphRequest.method, {} satisfies DataFlowGraphRequest.Params);
      if (seq !== this.requestSeq) return; // a newer request is on its way
      if (!graph) {
        this.post({ type: 'error', message: 'the language server could not build the map (see the Privet output)' });
        return;
      }
      this.graph = graph;
      this.post({ type: 'graph', graph });
    } catch (error) {
      if (seq === this.requestSeq) this.post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
    }
  }

  private async onMessage(raw: unknown): Promise<void> {
    const m: WebviewToHost | null = parseWebviewMessage(raw);
    if (!m) return; // not one of ours: ignore
    switch (m.type) {
      case 'ready':
        this.ready = true;
        if (this.graph) this.post({ type: 'graph', graph: this.graph });
        await this.update();
        return;
      case 'refresh':
        await this.update();
        return;
      case 'reveal':
        await this.reveal(m.file, m.line, m.column);
        return;
      case 'export':
        await this.export(m.format);
        return;
    }
  }

  /** Opens a call site, when the current graph lists it and it is inside the workspace. */
  private async reveal(file: string, line: number, column: number): Promise<void> {
    const g = this.graph;
    if (!g) return;
    const listed = g.edges.some((e) => e.sites.some((s) => s.file === file && s.line === line && s.column === column));
    if (!listed) return;
    const uri = resolveSite(file, g.root);
    if (!uri || !vscode.workspace.getWorkspaceFolder(uri)) {
      void vscode.window.showWarningMessage(`Privet: ${file} is outside the workspace; not opening it.`);
      return;
    }
    const pos = new vscode.Position(line - 1, column - 1);
    await vscode.window.showTextDocument(uri, {
      selection: new vscode.Range(pos, pos),
      preview: true,
      preserveFocus: true,
      viewColumn: this.panel.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One,
    });
  }

  /** Saves the map where the user says, in the format asked for. */
  private async export(format: ExportFormat): Promise<void> {
    const g = this.graph;
    if (!g) return;
    const { ext, name } = exportExtensions[format];
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const target = await vscode.window.showSaveDialog({
      title: 'Export the data-flow map',
      defaultUri: folder ? vscode.Uri.joinPath(folder, `data-flow-map.${ext}`) : undefined,
      filters: { [name]: [ext] },
      saveLabel: 'Export',
    });
    if (!target) return;
    const portable = { ...g, root: null };
    let text: string;
    if (format === 'html') {
      const dir = vscode.Uri.joinPath(this.context.extensionUri, 'dist', 'webview');
      const [script, css] = await Promise.all([vscode.workspace.fs.readFile(vscode.Uri.joinPath(dir, 'main.js')), vscode.workspace.fs.readFile(vscode.Uri.joinPath(dir, 'main.css'))]);
      const dec = new TextDecoder();
      text = toHtml(portable, { script: dec.decode(script), css: dec.decode(css) });
    } else text = format === 'json' ? toJson(portable) : format === 'md' ? toMarkdown(portable) : toMermaid(portable);
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
    const open = await vscode.window.showInformationMessage(`Privet: exported the data-flow map to ${vscode.workspace.asRelativePath(target)}.`, 'Open');
    if (open === 'Open') await vscode.commands.executeCommand('vscode.open', target);
  }
}

/** The URI of a call site: absolute paths and URIs as they are, relative ones under the graph's root. */
export function resolveSite(file: string, root: string | null): vscode.Uri | null {
  if (/^[a-z][a-z0-9+.-]+:\/\//i.test(file)) return vscode.Uri.parse(file);
  if (path.posix.isAbsolute(file) || /^[a-z]:[\\/]/i.test(file)) return vscode.Uri.file(file);
  if (!root) return null;
  const base = /^[a-z][a-z0-9+.-]+:\/\//i.test(root) ? vscode.Uri.parse(root) : vscode.Uri.file(root);
  // joinPath normalises `..`; the workspace-folder check afterwards decides.
  return vscode.Uri.joinPath(base, file);
}

/** Shows the data-flow map of the workspace. */
export function showDataFlowPanel(context: vscode.ExtensionContext, client: LanguageClient): void {
  DataFlowPanel.createOrShow(context, client);
}

/** Restores the panel across reloads; call once from `activate` (with `onWebviewPanel:privet.dataFlow`). */
export function registerDataFlowPanel(context: vscode.ExtensionContext, client: LanguageClient): vscode.Disposable {
  const d = vscode.window.registerWebviewPanelSerializer(dataFlowViewType, {
    async deserializeWebviewPanel(panel: vscode.WebviewPanel) {
      DataFlowPanel.revive(panel, context, client);
    },
  });
  context.subscriptions.push(d);
  return d;
}

/** Forward `privet/status` here (from the one handler the status bar registers) to refresh the open panel. */
export function notifyDataFlowStatus(params: StatusNotification.Params): void {
  if (!params.indexing) DataFlowPanel.current?.scheduleRefresh();
}
