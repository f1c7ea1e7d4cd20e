#!/usr/bin/env node
// `npm run bench`: generates a realistic synthetic app (>= 10,000 files, >= 1,000,000 lines, a few
// percent of files tracking, wrappers and barrels included) under .bench/app, then measures from
// one run of `privet check --format json`: files/s, lines/s and peak RSS, next to the time the
// TypeScript parser alone takes to read and parse the same files (single thread).
//
//   npm run bench [-- --files 10000 --keep]
import { mkdirSync, writeFileSync, readFileSync, existsSync, rmSync, readdirSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const ts = require('typescript');
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const args = process.argv.slice(2);
const FILES = Number(args[args.indexOf('--files') + 1] || 10000) || 10000;
const app = path.join(process.env.PRIVET_BENCH_DIR ?? path.join(require('node:os').tmpdir(), 'privet-bench'), `app-${FILES}`);

// ---------------------------------------------------------------- generator (deterministic)
let seed = 42;
const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
const pick = (a) => a[Math.floor(rnd() * a.length)];

const nouns = ['order', 'cart', 'invoice', 'profile', 'session', 'product', 'review', 'coupon', 'address', 'payment', 'shipment', 'wishlist'];
function plainModule(i) {
  const n = pick(nouns);
  const lines = [`import { useState, useEffect } from 'react';`, `import { format } from '../util/format${i % 50}';`, ''];
  lines.push(`export interface ${cap(n)}${i} {`, `  id: string;`, `  createdAt: Date;`, `  amount: number;`, `  notes?: string;`, `}`, '');
  for (let f = 0; f < 9; f++) {
    lines.push(`export function compute${cap(n)}${i}_${f}(items: ${cap(n)}${i}[], factor = ${f + 1}): number {`);
    lines.push(`  let total = 0;`);
    lines.push(`  for (const item of items) {`);
    lines.push(`    if (item.amount > ${f * 10}) {`);
    lines.push(`      total += item.amount * factor;`);
    lines.push(`    } else {`);
    lines.push(`      total -= Math.min(item.amount, ${f});`);
    lines.push(`    }`);
    lines.push(`  }`);
    lines.push(`  const label = format(total, '${n}-${f}');`);
    lines.push(`  return label.length > 0 ? total : 0;`);
    lines.push(`}`, '');
  }
  lines.push(`export function use${cap(n)}${i}(initial: number) {`, `  const [value, setValue] = useState(initial);`, `  useEffect(() => { setValue((v) => v + 1); }, []);`, `  return { value, setValue };`, `}`);
  return lines.join('\n') + '\n';
}
function trackingModule(i) {
  const ev = `${cap(pick(nouns))} ${pick(['Viewed', 'Added', 'Removed', 'Completed', 'Started'])}`;
  const base = plainModule(i).split('\n');
  const extra = [
    `import { trackEvent } from '@/lib/analytics';`,
    `import { analytics } from '@/lib/segment';`,
    ``,
    `export function onAction${i}(user: { id: string; email: string }, value: number) {`,
    `  trackEvent('${ev}', { value, item_id: '${i}' });`,
    `  analytics.track('${ev} Direct', { user_id: user.id });`,
    `  window.gtag?.('event', 'action_${i % 20}', { value });`,
    `  if (value > 10) window.dataLayer.push({ event: 'big_${i % 7}', value });`,
    `}`,
  ];
  return [...extra, ...base].join('\n') + '\n';
}
const cap = (s) => s[0].toUpperCase() + s.slice(1);

function generate() {
  if (existsSync(path.join(app, '.done'))) return;
  rmSync(app, { recursive: true, force: true });
  const w = (rel, text) => {
    const p = path.join(app, rel);
    mkdirSync(path.dirname(p), { recursive: true });
    writeFileSync(p, text);
  };
  w('tsconfig.json', JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { '@/*': ['src/*'] } } }));
  w('.gitignore', 'node_modules\ndist\n');
  w('src/lib/segment.ts', `import { AnalyticsBrowser } from '@segment/analytics-next';\nexport const analytics = AnalyticsBrowser.load({ writeKey: 'k' });\n`);
  w('src/lib/analytics.ts', `import { analytics } from './segment';\nexport function trackEvent(name: string, props?: Record<string, unknown>) {\n  analytics.track(name, { ...props, app: 'web' });\n}\n`);
  w('src/lib/index.ts', `export * from './analytics';\n`);
  for (let i = 0; i < 50; i++) w(`src/util/format${i}.ts`, `export function format(n: number, s: string): string {\n  return s + ':' + n.toFixed(2);\n}\n`);
  for (let i = 0; i < FILES; i++) {
    const dir = `src/features/f${Math.floor(i / 100)}`;
    const tracking = i % 33 === 0; // ~3% of files track
    const ext = i % 5 === 0 ? 'tsx' : i % 7 === 0 ? 'js' : 'ts';
    w(`${dir}/module${i}.${ext}`, tracking ? trackingModule(i) : plainModule(i));
  }
  // A few minified bundles and an ignored folder, as real repos have.
  w('public/vendor.min.js', 'var a=1;'.repeat(5000) + 'analytics.track("x");');
  w('node_modules/pkg/index.js', 'analytics.track("ignored");\n');
  writeFileSync(path.join(app, '.done'), '');
}

function listFiles(dir, out = []) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) listFiles(p, out);
    else if (/\.(?:[cm]?[jt]sx?)$/.test(name) && !name.endsWith('.min.js')) out.push(p);
  }
  return out;
}

// ---------------------------------------------------------------- run
generate();
const files = listFiles(app);
let lines = 0;
const t0 = process.hrtime.bigint();
for (const f of files) {
  const text = readFileSync(f, 'utf8');
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines++;
  ts.createSourceFile(f, text, ts.ScriptTarget.Latest, true, f.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
}
const parseMs = Number(process.hrtime.bigint() - t0) / 1e6;

const cli = path.join(root, 'dist', 'cli.js');
if (!existsSync(cli)) {
  console.error('dist/cli.js is missing: run `npm run build` first');
  process.exit(2);
}
const t1 = process.hrtime.bigint();
const r = spawnSync(process.execPath, [cli, 'check', app, '--format', 'json', '--no-progress'], { env: { ...process.env, PRIVET_STATS: '1' }, maxBuffer: 1 << 30, encoding: 'utf8' });
const checkMs = Number(process.hrtime.bigint() - t1) / 1e6;
if (r.status !== 0 && r.status !== 1) {
  console.error(r.stderr);
  process.exit(2);
}
const report = JSON.parse(r.stdout);
const stats = JSON.parse((/PRIVET_STATS (\{.*\})/.exec(r.stderr) ?? [, '{}'])[1]);
const rssMb = (stats.maxRssKb ?? 0) / 1024;
const fmt = (n) => Math.round(n).toLocaleString('en-US');
console.log(`synthetic app: ${fmt(files.length)} files, ${fmt(lines)} lines (${app})`);
console.log(`TypeScript parse only (1 thread): ${fmt(parseMs)} ms  (${fmt((files.length / parseMs) * 1000)} files/s)`);
console.log(`privet check --format json:       ${fmt(checkMs)} ms  (${fmt((files.length / checkMs) * 1000)} files/s, ${fmt((lines / checkMs) * 1000)} lines/s)`);
console.log(`  files parsed by privet: ${fmt(stats.parsed ?? 0)}; calls found: ${fmt(report.calls.length)}; peak RSS: ${rssMb.toFixed(0)} MB`);
const ok = checkMs <= parseMs && rssMb < 400;
console.log(`targets (check <= parse-only time, peak RSS < 400 MB): ${ok ? 'met' : 'NOT MET'}`);
if (!args.includes('--keep') && args.includes('--clean')) rmSync(app, { recursive: true, force: true });
process.exit(ok ? 0 : 1);
