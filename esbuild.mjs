// One build for every runtime: the extension client (Node, `vscode` external), the language
// server and the CLI (Node, everything bundled so the .vsix and `npx privet` need no node_modules),
// the worker used by the CLI for large scans, and the webview (browser IIFE).
import * as esbuild from 'esbuild';
import { existsSync } from 'node:fs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const node = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'warning',
  // ESM dependencies (fdir via tinyglobby) use import.meta.url, which a CJS bundle lacks.
  define: { 'import.meta.url': '__privetImportMetaUrl' },
  banner: { js: "const __privetImportMetaUrl = require('url').pathToFileURL(__filename).href;" },
};

const builds = [
  { ...node, entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: `#!/usr/bin/env node\n${node.banner.js}` } },
  { ...node, entryPoints: ['server/src/cli/worker.ts'], outfile: 'dist/worker.js' },
];
if (existsSync('server/src/node/main.ts')) builds.push({ ...node, entryPoints: ['server/src/node/main.ts'], outfile: 'dist/server.js' });
if (existsSync('client/src/extension.ts')) builds.push({ ...node, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] });
if (existsSync('client/src/webview/main.ts')) builds.push({ bundle: true, platform: 'browser', format: 'iife', target: 'es2020', minify: production, sourcemap: false, logLevel: 'warning', entryPoints: ['client/src/webview/main.ts'], outfile: 'dist/webview/main.js' });
if (existsSync('client/src/webview/main.css')) builds.push({ bundle: true, minify: production, logLevel: 'warning', entryPoints: ['client/src/webview/main.css'], outfile: 'dist/webview/main.css' });

if (watch) {
  for (const b of builds) (await esbuild.context(b)).watch();
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
