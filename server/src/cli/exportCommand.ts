/**
 * `privet export KIND [paths…] [--output FILE] [--manifest FILE]`: the compliance exports of the
 * checked files (`shared/spec/cli.md`, `docs/exports.md`). KIND is `ropa-csv`, `ropa-md`,
 * `notice-md`, `xcprivacy`, `play-csv` or `fides`. Exit 0 when the export was written (findings do
 * not fail an export; `privet check` is for that), 2 when the run failed: an unknown KIND, no
 * manifest governing the files, an unreadable `--manifest`.
 */
import { parseArgs } from 'node:util';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { exportKinds, runComplianceExport, type ExportKind } from '../core/services/complianceExports';
import { CliError, toPosix } from './files';

/** The name of the app a manifest governs: the `name` of the package.json next to it, else its folder's name. */
export function systemNameOf(manifestPath: string): string {
  const dir = path.dirname(manifestPath);
  const pkg = path.join(dir, 'package.json');
  if (existsSync(pkg)) {
    try {
      const name = (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: unknown }).name;
      if (typeof name === 'string' && name.trim()) return name.trim();
    } catch {
      // A broken package.json only loses the name.
    }
  }
  return path.basename(dir) || 'app';
}

/** Runs `privet export`; returns the exit code. */
export async function runExportCommand(args: string[], io: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream; cwd: string }): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      output: { type: 'string', short: 'o' },
      manifest: { type: 'string' },
    },
  });
  const [kind, ...paths] = positionals;
  if (!kind) throw new CliError(`privet export needs a KIND: ${exportKinds.join(', ')}`);
  if (!(exportKinds as readonly string[]).includes(kind)) throw new CliError(`Unknown export '${kind}': use ${exportKinds.join(', ')}`);

  // Imported lazily: main.ts imports this module lazily too, so neither loads the other at startup.
  const { checkOnDisk } = await import('./main');
  const result = await checkOnDisk(paths, io.cwd, { manifest: values.manifest ?? null });
  const usable = [...result.parsedManifests.entries()].filter(([, pm]) => pm.manifest);
  if (result.parsedManifests.size === 0) {
    throw new CliError(`No privacy.yaml governs ${paths.length ? paths.join(' ') : '.'}: an export is made from code plus manifest (use --manifest FILE, or run privet init)`);
  }
  if (usable.length === 0) {
    const [m, pm] = [...result.parsedManifests.entries()][0];
    const first = pm.problems[0];
    throw new CliError(`The manifest ${path.relative(io.cwd, m) || m} cannot be used${first ? `: ${first.message}` : ''} (run privet check for details)`);
  }

  const systemNames = new Map([...result.parsedManifests.keys()].map((m) => [m, systemNameOf(m)]));
  const text = runComplianceExport(kind as ExportKind, {
    calls: result.calls,
    manifests: result.parsedManifests,
    manifestOf: result.manifestOf,
    // The export is about the project, not the machine it was made on: paths relative to cwd.
    root: toPosix(io.cwd),
    systemNames,
  });
  if (values.output) {
    writeFileSync(path.resolve(io.cwd, values.output), text);
    io.stderr.write(`privet: wrote ${values.output} (${kind}, ${result.calls.length} tracking calls)\n`);
  } else io.stdout.write(text);
  return 0;
}
