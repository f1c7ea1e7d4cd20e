/**
 * `privet map [paths…] --format html|mermaid|json|md [--output FILE] [--manifest FILE]`: the
 * data-flow map of the checked files (`shared/spec/cli.md`). The format defaults to the output
 * file's extension (`.html`, `.mmd`/`.mermaid`, `.json`, `.md`), else Mermaid. Exit 0 when the map
 * was written (findings do not fail a map; `privet check` is for that), 2 when the run failed.
 */
import { parseArgs } from 'node:util';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { buildDataFlowGraph } from '../core/services/dataFlow';
import { toHtml, toJson, toMarkdown, toMermaid } from '../core/services/mapExport';
import { CliError, toPosix } from './files';

/** The formats of `privet map`. */
export const mapFormats = ['html', 'mermaid', 'json', 'md'] as const;
export type MapFormat = (typeof mapFormats)[number];

const byExtension: Record<string, MapFormat> = { '.html': 'html', '.htm': 'html', '.mmd': 'mermaid', '.mermaid': 'mermaid', '.json': 'json', '.md': 'md', '.markdown': 'md' };

/**
 * Finds the webview bundle (`webview/main.js` and `main.css`) the HTML export inlines: next to the
 * CLI bundle (`dist/cli.js` → `dist/webview/`), or in `dist/` above the compiled sources.
 */
export function findWebviewAssets(from: string = __dirname): { css: string; script: string } {
  for (let dir = from, i = 0; i < 8; i++, dir = path.dirname(dir)) {
    for (const candidate of [path.join(dir, 'webview'), path.join(dir, 'dist', 'webview')]) {
      const js = path.join(candidate, 'main.js');
      const css = path.join(candidate, 'main.css');
      if (existsSync(js) && existsSync(css)) return { script: readFileSync(js, 'utf8'), css: readFileSync(css, 'utf8') };
    }
    if (path.dirname(dir) === dir) break;
  }
  throw new CliError('the webview bundle (dist/webview/main.js, main.css) is missing; run `npm run build`');
}

/** Runs `privet map`; returns the exit code. */
export async function runMapCommand(args: string[], io: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream; cwd: string }): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      format: { type: 'string', short: 'f' },
      output: { type: 'string', short: 'o' },
      manifest: { type: 'string' },
    },
  });
  const fromExtension = values.output ? byExtension[path.extname(values.output).toLowerCase()] : undefined;
  const format = (values.format ?? fromExtension ?? 'mermaid') as MapFormat;
  if (!mapFormats.includes(format)) throw new CliError(`Unknown format '${values.format}': use html, mermaid, json or md`);
  // Read the assets first: a missing bundle should fail before a long scan.
  const assets = format === 'html' ? findWebviewAssets() : null;

  // Imported lazily: main.ts imports this module lazily too, so neither loads the other at startup.
  const { checkOnDisk } = await import('./main');
  const result = await checkOnDisk(positionals, io.cwd, { manifest: values.manifest ?? null });
  const graph = buildDataFlowGraph(result.calls, result.findings, result.parsedManifests, { root: toPosix(io.cwd) });
  // The report is about the project, not the machine it was made on: no absolute root in it.
  const portable = { ...graph, root: null };

  const text =
    format === 'html' ? toHtml(portable, assets!) : format === 'json' ? toJson(portable) : format === 'md' ? toMarkdown(portable) : toMermaid(portable);
  if (values.output) {
    writeFileSync(path.resolve(io.cwd, values.output), text);
    io.stderr.write(`privet: wrote ${values.output} (${graph.summary.calls} calls, ${graph.nodes.length} nodes, ${graph.edges.length} edges)\n`);
  } else io.stdout.write(text);
  return 0;
}
