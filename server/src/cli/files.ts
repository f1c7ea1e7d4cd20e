/**
 * File discovery for the CLI: the JS/TS files under the given paths, honouring `.gitignore`
 * files (every one found, relative to its own folder), skipping `node_modules`, VCS folders,
 * build output and minified bundles.
 */
import { readFileSync, statSync, existsSync } from 'node:fs';
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { globSync } from 'tinyglobby';

export const SOURCE_EXTENSIONS = ['js', 'jsx', 'mjs', 'cjs', 'ts', 'tsx', 'mts', 'cts'];

/** Folders never scanned. */
export const DEFAULT_EXCLUDES = [
  '**/node_modules/**',
  '**/.git/**',
  '**/.hg/**',
  '**/.svn/**',
  '**/dist/**',
  '**/build/**',
  '**/out/**',
  '**/coverage/**',
  '**/.next/**',
  '**/.nuxt/**',
  '**/.svelte-kit/**',
  '**/.output/**',
  '**/.vercel/**',
  '**/.turbo/**',
  '**/.cache/**',
  '**/vendor/**',
  '**/*.min.js',
  '**/*.min.mjs',
  '**/*.bundle.js',
  '**/*.d.ts',
  '**/*.d.mts',
  '**/*.d.cts',
  // Tests, mocks and stories do not ship: their tracking calls are not the product's.
  '**/__tests__/**',
  '**/__mocks__/**',
  '**/test/**',
  '**/tests/**',
  '**/e2e/**',
  '**/cypress/**',
  '**/*.test.*',
  '**/*.spec.*',
  '**/*.stories.*',
];

/** Convert to a '/'-separated absolute path. */
export function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

/** The files to check for the given CLI paths (files are taken as given, folders are walked). */
export function collectFiles(inputs: string[], cwd: string, extraExcludes: string[] = []): string[] {
  const out = new Set<string>();
  const gitIgnores = new GitIgnores();
  for (const input of inputs.length ? inputs : ['.']) {
    const abs = path.resolve(cwd, input);
    if (!existsSync(abs)) throw new CliError(`No such file or directory: ${input}`);
    const st = statSync(abs);
    if (st.isFile()) {
      out.add(toPosix(abs));
      continue;
    }
    const files = globSync(`**/*.{${SOURCE_EXTENSIONS.join(',')}}`, {
      cwd: abs,
      absolute: true,
      dot: false,
      followSymbolicLinks: false,
      ignore: [...DEFAULT_EXCLUDES, ...extraExcludes],
    });
    const root = toPosix(abs);
    for (const f of files) {
      const p = toPosix(f);
      if (!gitIgnores.ignored(root, p)) out.add(p);
    }
  }
  return [...out].sort();
}

/**
 * `.gitignore` files, loaded on demand per folder and applied to the paths below it: those from a
 * scan root down to the path, and those above the root up to the repository top (as git does).
 * Shared by the CLI's file walk and the language server's workspace index.
 */
export class GitIgnores {
  private readonly byDir = new Map<string, Ignore | null>();
  /** Per scan root: the folders above it up to the repository top. */
  private readonly above = new Map<string, string[]>();

  private foldersAbove(root: string): string[] {
    let dirs = this.above.get(root);
    if (!dirs) {
      dirs = [];
      for (let d = path.posix.dirname(root); d !== path.posix.dirname(d); d = path.posix.dirname(d)) {
        dirs.push(d);
        if (existsSync(path.join(d, '.git'))) break;
      }
      this.above.set(root, dirs);
    }
    return dirs;
  }

  private load(dir: string): Ignore | null {
    if (this.byDir.has(dir)) return this.byDir.get(dir)!;
    let ig: Ignore | null = null;
    try {
      ig = ignore().add(readFileSync(path.join(dir, '.gitignore'), 'utf8'));
    } catch {
      ig = null;
    }
    this.byDir.set(dir, ig);
    return ig;
  }

  /** Whether `p` ('/'-separated, below `root`) is ignored. */
  ignored(root: string, p: string, isDir = false): boolean {
    const dirs: string[] = [];
    for (let d = path.posix.dirname(p); d.startsWith(root); d = path.posix.dirname(d)) {
      dirs.push(d);
      if (d === root || path.posix.dirname(d) === d) break;
    }
    for (const d of [...dirs, ...this.foldersAbove(root)]) {
      const ig = this.load(d);
      const rel = path.posix.relative(d, p);
      if (ig && rel && !rel.startsWith('..') && ig.ignores(isDir ? rel + '/' : rel)) return true;
    }
    return false;
  }

  /** Forget a folder's `.gitignore` (it changed). */
  forget(dir: string): void {
    this.byDir.delete(dir);
  }
}

/** Workspace packages under the given folders: package name -> folder ('/'-separated). */
export function collectPackages(inputs: string[], cwd: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const input of inputs.length ? inputs : ['.']) {
    const abs = path.resolve(cwd, input);
    if (!existsSync(abs) || !statSync(abs).isDirectory()) continue;
    for (const f of globSync('**/package.json', { cwd: abs, absolute: true, ignore: DEFAULT_EXCLUDES, followSymbolicLinks: false })) {
      try {
        const name = (JSON.parse(readFileSync(f, 'utf8')) as { name?: unknown }).name;
        if (typeof name === 'string' && name && !out.has(name)) out.set(name, toPosix(path.dirname(f)));
      } catch {
        // not JSON: not a package
      }
    }
  }
  return out;
}

/** An error with a message for the user and exit code 2. */
export class CliError extends Error {}

/** Read a file as UTF-8, or undefined when it cannot be read or is binary. */
export function readTextFile(p: string): string | undefined {
  try {
    const buf = readFileSync(p);
    if (buf.length > 8_000_000) return undefined;
    if (buf.subarray(0, 8000).includes(0)) return undefined;
    return buf.toString('utf8');
  } catch {
    return undefined;
  }
}
