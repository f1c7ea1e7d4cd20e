/**
 * `privet`: the command line (`shared/spec/cli.md`). A thin adapter: argv -> files and manifest ->
 * core -> formatter -> exit code. Exit 0 clean, 1 findings over the bar, 2 the run itself failed.
 */
import { parseArgs } from 'node:util';
import { existsSync, writeFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { check, type CheckOutput } from '../core/check';
import { getCatalogue } from '../core/catalogue';
import { findManifestPathForDirectory } from '../core/manifest/findManifest';
import { CliError, collectFiles, collectPackages, readTextFile, toPosix } from './files';
import { workerSummarizer } from './workerPool';
import type { RuleSeverityOverrides } from '../core/types';

export const VERSION = '0.1.0';

const USAGE = `Usage: privet <command> [options]

Commands:
  check [paths…]          lint files and folders against privacy.yaml (default: .)
  init [path]             write a starting privacy.yaml from the tracking calls found
  map [paths…]            the data-flow map: --format html|mermaid|json|md (default: from
                          the --output extension, else mermaid), --output FILE, --manifest FILE
  export KIND [paths…]    ropa-csv | ropa-md | notice-md | xcprivacy | play-csv | fides
  rules                   list the rules
  sdks                    list the SDKs recognised
  lsp --stdio             start the language server

check options:
  --manifest FILE         use this manifest for every file
  --format F              stylish (default) | json | sarif | github
  --output FILE           write the report to FILE
  --max-warnings N        exit 1 when there are more than N warnings
  --rule id:off|warn|error  change a rule's severity (repeatable)
  --quiet                 report errors only
  --fix                   apply the safe fixes
  --no-progress           no progress line on stderr
`;

/** Run the CLI; returns the exit code. */
export async function main(argv: string[], io: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream; cwd: string } = { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() }): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'check':
        return await runCheck(rest, io);
      case 'init':
        return await runInit(rest, io);
      case 'map':
        return await runMap(rest, io);
      case 'export':
        return await runExport(rest, io);
      case 'rules':
        return await runRulesList(rest, io);
      case 'sdks':
        return runSdks(rest, io);
      case 'lsp':
        return await runLsp(rest);
      case '--version':
      case '-v':
        io.stdout.write(`${VERSION}\n`);
        return 0;
      case undefined:
      case '--help':
      case '-h':
      case 'help':
        io.stdout.write(USAGE);
        return command === undefined ? 2 : 0;
      default:
        throw new CliError(`Unknown command '${command}'. Run 'privet --help' for the list of commands.`);
    }
  } catch (e) {
    const msg = e instanceof CliError ? e.message : e instanceof Error && (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS') ? e.message : `Internal error: ${e instanceof Error ? e.stack ?? e.message : String(e)}`;
    io.stderr.write(`privet: ${msg.split('\n')[0]}\n`);
    if (!(e instanceof CliError) && process.env.PRIVET_DEBUG) io.stderr.write(`${String((e as Error)?.stack)}\n`);
    return 2;
  }
}

interface CheckArgs {
  paths: string[];
  manifest: string | null;
  format: string;
  output: string | null;
  maxWarnings: number;
  overrides: RuleSeverityOverrides;
  quiet: boolean;
  fix: boolean;
  progress: boolean;
}

export function parseCheckArgs(args: string[]): CheckArgs {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      manifest: { type: 'string' },
      format: { type: 'string', short: 'f' },
      output: { type: 'string', short: 'o' },
      'max-warnings': { type: 'string' },
      rule: { type: 'string', multiple: true },
      quiet: { type: 'boolean' },
      fix: { type: 'boolean' },
      'no-progress': { type: 'boolean' },
      progress: { type: 'boolean' },
    },
  });
  const format = values.format ?? 'stylish';
  if (!['stylish', 'json', 'sarif', 'github'].includes(format)) throw new CliError(`Unknown format '${format}': use stylish, json, sarif or github`);
  let maxWarnings = -1;
  if (values['max-warnings'] !== undefined) {
    if (!/^\d+$/.test(values['max-warnings'])) throw new CliError(`--max-warnings needs a non-negative integer, got '${values['max-warnings']}'`);
    maxWarnings = Number(values['max-warnings']);
  }
  const overrides: RuleSeverityOverrides = {};
  for (const r of values.rule ?? []) {
    const m = /^([a-z-]+):(off|warn|warning|error|info)$/.exec(r.trim());
    if (!m) throw new CliError(`--rule needs id:off|warn|error, got '${r}'`);
    overrides[m[1]] = m[2] as RuleSeverityOverrides[string];
  }
  return {
    paths: positionals,
    manifest: values.manifest ?? null,
    format,
    output: values.output ?? null,
    maxWarnings,
    overrides,
    quiet: !!values.quiet,
    fix: !!values.fix,
    progress: !values['no-progress'],
  };
}

/** Run the check over files on disk. */
export async function checkOnDisk(paths: string[], cwd: string, opts: { manifest: string | null; overrides?: RuleSeverityOverrides; onProgress?: (done: number, total: number) => void }): Promise<CheckOutput> {
  let manifestOverride: string | null = null;
  if (opts.manifest) {
    const abs = path.resolve(cwd, opts.manifest);
    if (!existsSync(abs) || !statSync(abs).isFile() || readTextFile(abs) === undefined) throw new CliError(`Cannot read manifest ${opts.manifest}`);
    manifestOverride = toPosix(abs);
  }
  const files = collectFiles(paths, cwd);
  const texts = new Map<string, string | undefined>();
  const read = (p: string) => {
    if (!texts.has(p)) texts.set(p, readTextFile(p));
    return texts.get(p);
  };
  const trackerNames: string[] = [];
  const exists = new Map<string, boolean>();
  const fileExists = (p: string) => {
    let e = exists.get(p);
    if (e === undefined) exists.set(p, (e = existsSync(p)));
    return e;
  };
  // Checking a file or a sub-folder: wrappers, constants and barrels elsewhere in the project
  // still count, so the project (the governing manifest's folder, else the current folder) is
  // read as context; findings are reported for the checked files only.
  const inputs = (paths.length === 0 ? ['.'] : paths).map((p) => toPosix(path.resolve(cwd, p)));
  const checkedDirs = inputs.filter((p) => existsSync(p) && statSync(p).isDirectory());
  const roots = new Set<string>();
  const posixCwd = toPosix(cwd);
  for (const p of inputs) {
    const isDir = checkedDirs.includes(p);
    const dir = isDir ? p : path.posix.dirname(p);
    const m = manifestOverride ? null : findManifestPathForDirectory(dir, fileExists);
    // Without a manifest a folder is its own project; a single file belongs to the current folder.
    const root = m ? path.posix.dirname(m) : !isDir && (p + '/').startsWith(posixCwd + '/') ? posixCwd : dir;
    roots.add(root);
  }
  const checked = new Set(files);
  const contextRoots = [...roots].filter((r) => !checkedDirs.some((d) => r === d || r.startsWith(d + '/')));
  const contextFiles = contextRoots.length ? collectFiles(contextRoots, cwd).filter((f) => !checked.has(f)) : [];
  // unused-event and friends judge a manifest only when its whole folder is checked.
  const wholeScope = (manifest: string) => {
    const dir = path.posix.dirname(manifest);
    return checkedDirs.some((d) => dir === d || dir.startsWith(d + '/'));
  };
  return check({
    files,
    contextFiles,
    readFile: read,
    // Manifest lookup walks up from every file: cache what exists.
    fileExists,
    manifestOverride,
    overrides: opts.overrides,
    wholeScope,
    summarizeMany: workerSummarizer(trackerNames),
    packages: collectPackages([...new Set([...roots, ...checkedDirs])], cwd),
    onProgress: opts.onProgress,
  });
}

async function runCheck(args: string[], io: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream; cwd: string }): Promise<number> {
  const a = parseCheckArgs(args);
  // A progress line on stderr when it is a terminal and the scan takes longer than a second.
  const started = Date.now();
  let progressShown = false;
  const onProgress =
    a.progress && (io.stderr as NodeJS.WriteStream).isTTY
      ? (done: number, total: number) => {
          if (Date.now() - started < 1000) return;
          progressShown = true;
          io.stderr.write(`\rprivet: reading files ${done}/${total}…`);
        }
      : undefined;
  let result: CheckOutput;
  try {
    result = await checkOnDisk(a.paths, io.cwd, { manifest: a.manifest, overrides: a.overrides, onProgress });
    if (a.fix) {
      const { applySafeFixes } = await import('./fix');
      result = await applySafeFixes(result, () => checkOnDisk(a.paths, io.cwd, { manifest: a.manifest, overrides: a.overrides, onProgress }));
    }
  } finally {
    if (progressShown) io.stderr.write('\r\x1b[K');
  }
  const { format } = await import('./formatters');
  const findings = a.quiet ? result.findings.filter((f) => f.severity === 'error') : result.findings;
  const shown = { ...result, findings };
  const text = format(a.format as 'stylish', shown, {
    cwd: toPosix(io.cwd),
    toolVersion: VERSION,
    color: !a.output && !!(io.stdout as NodeJS.WriteStream).isTTY && !process.env.NO_COLOR,
    quiet: a.quiet,
    getText: (f: string) => readTextFile(f),
    rules: (await import('../core/rules')).allRules.map((r) => ({ id: r.meta.id, defaultSeverity: r.meta.defaultSeverity, description: r.meta.description })),
  });
  if (a.output) writeFileSync(path.resolve(io.cwd, a.output), text);
  else io.stdout.write(text.endsWith('\n') || text === '' ? text : text + '\n');
  if (process.env.PRIVET_STATS) io.stderr.write(`PRIVET_STATS ${JSON.stringify({ maxRssKb: process.resourceUsage().maxRSS, parsed: result.parsed, files: result.files })}\n`);
  const live = findings.filter((f) => !f.suppressed);
  const errors = live.filter((f) => f.severity === 'error').length;
  const warnings = a.quiet ? 0 : live.filter((f) => f.severity === 'warning').length;
  if (errors > 0) return 1;
  if (a.maxWarnings >= 0 && warnings > a.maxWarnings) return 1;
  return 0;
}

async function runInit(args: string[], io: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream; cwd: string }): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, strict: true, options: { force: { type: 'boolean' }, stdout: { type: 'boolean' } } });
  const dir = path.resolve(io.cwd, positionals[0] ?? '.');
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new CliError(`Not a folder: ${positionals[0] ?? '.'}`);
  const target = path.join(dir, 'privacy.yaml');
  if (!values.stdout && (existsSync(target) || existsSync(path.join(dir, 'privacy.yml'))) && !values.force) {
    throw new CliError(`${path.relative(io.cwd, target) || 'privacy.yaml'} already exists; use --force to overwrite it`);
  }
  const result = await checkOnDisk([dir], io.cwd, { manifest: null });
  const { generateManifest } = await import('../core/services/initManifest');
  const yaml = generateManifest(result.calls, { root: toPosix(dir) });
  if (values.stdout) {
    io.stdout.write(yaml);
    return 0;
  }
  writeFileSync(target, yaml);
  io.stdout.write(`Wrote ${path.relative(io.cwd, target) || 'privacy.yaml'}: ${result.calls.length} tracking calls, ${(yaml.match(/TODO/g) ?? []).length} TODOs to review.\n`);
  return 0;
}

async function runMap(args: string[], io: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream; cwd: string }): Promise<number> {
  const { runMapCommand } = await import('./mapCommand').catch(() => ({ runMapCommand: undefined }));
  if (!runMapCommand) throw new CliError('privet map is not available in this build');
  return runMapCommand(args, io);
}

async function runExport(args: string[], io: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream; cwd: string }): Promise<number> {
  const { runExportCommand } = await import('./exportCommand').catch(() => ({ runExportCommand: undefined }));
  if (!runExportCommand) throw new CliError('privet export is not available in this build');
  return runExportCommand(args, io);
}

async function runRulesList(args: string[], io: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream; cwd: string }): Promise<number> {
  const { values } = parseArgs({ args, strict: true, options: { format: { type: 'string' } } });
  const { allRules } = await import('../core/rules');
  if (values.format === 'json') {
    io.stdout.write(JSON.stringify(allRules.map((r) => r.meta), null, 2) + '\n');
    return 0;
  }
  const w = Math.max(...allRules.map((r) => r.meta.id.length));
  for (const r of allRules) io.stdout.write(`${r.meta.id.padEnd(w)}  ${r.meta.defaultSeverity.padEnd(7)}  ${r.meta.fixable ? 'fix ' : '    '} ${r.meta.description}\n`);
  return 0;
}

function runSdks(args: string[], io: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream; cwd: string }): number {
  const { values } = parseArgs({ args, strict: true, options: { format: { type: 'string' } } });
  const entries = getCatalogue().entries;
  if (values.format === 'json') {
    io.stdout.write(
      JSON.stringify(
        entries.map((e) => ({ id: e.id, name: e.name, vendor: e.vendor, category: e.category, modules: Object.keys(e.modules ?? {}), globals: Object.keys(e.globals ?? {}), hosts: e.hosts ?? [] })),
        null,
        2,
      ) + '\n',
    );
    return 0;
  }
  const w = Math.max(...entries.map((e) => e.id.length));
  for (const e of [...entries].sort((a, b) => a.id.localeCompare(b.id))) {
    const where = [...Object.keys(e.modules ?? {}), ...Object.keys(e.globals ?? {}).map((g) => `window.${g}`)].join(', ');
    io.stdout.write(`${e.id.padEnd(w)}  ${e.name} (${e.vendor})${where ? ` — ${where}` : ''}\n`);
  }
  return 0;
}

async function runLsp(args: string[]): Promise<number> {
  if (!args.includes('--stdio')) throw new CliError('privet lsp needs --stdio');
  const { startStdioServer } = await import('../node/stdio').catch(() => ({ startStdioServer: undefined }));
  if (!startStdioServer) throw new CliError('the language server is not available in this build');
  startStdioServer();
  return new Promise<number>(() => {
    /* runs until the client exits the process */
  });
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
