/**
 * Resolves import specifiers to files of the analysed set: relative paths (with the TypeScript
 * `.js` -> `.ts` convention), directory `index` files, and `tsconfig.json` `baseUrl`/`paths`
 * aliases (one level of `extends`). Pure: file existence and contents are injected.
 */
import ts from 'typescript';
import { posix } from 'node:path';

const EXTS = ['.ts', '.tsx', '.js', '.jsx', '.mjs', '.cjs', '.mts', '.cts'];
const JS_TO_TS: Record<string, string[]> = { '.js': ['.ts', '.tsx'], '.jsx': ['.tsx'], '.mjs': ['.mts'], '.cjs': ['.cts'] };

interface PathsConfig {
  dir: string;
  baseUrl: string | null;
  paths: [string, string[]][];
}

export interface ResolverHost {
  fileExists(path: string): boolean;
  readFile(path: string): string | undefined;
  /** Workspace packages of a monorepo: package name -> its folder (from their package.json). */
  packages?: ReadonlyMap<string, string>;
}

/** Caches per directory; create one per analysis run (or keep it while files do not change). */
export class ModuleResolver {
  private readonly configByDir = new Map<string, PathsConfig | null>();
  private readonly cache = new Map<string, string | null>();

  constructor(private readonly host: ResolverHost) {}

  /** The file `spec` imported from `fromFile` refers to, or null (a package or unknown). */
  resolve(fromFile: string, spec: string): string | null {
    const dir = posix.dirname(fromFile);
    const key = `${dir}\0${spec}`;
    const hit = this.cache.get(key);
    if (hit !== undefined) return hit;
    let r: string | null = null;
    if (spec.startsWith('./') || spec.startsWith('../') || spec === '.' || spec === '..') r = this.tryFile(posix.join(dir, spec));
    else if (spec.startsWith('/')) r = this.tryFile(spec);
    else {
      const cfg = this.configFor(dir);
      if (cfg) r = this.viaPaths(cfg, spec);
      if (!r && this.host.packages?.size) r = this.viaWorkspacePackage(spec);
    }
    this.cache.set(key, r);
    return r;
  }

  private viaPaths(cfg: PathsConfig, spec: string): string | null {
    const base = cfg.baseUrl ?? cfg.dir;
    for (const [pattern, targets] of cfg.paths) {
      const star = pattern.indexOf('*');
      let matched: string | null = null;
      if (star < 0) {
        if (pattern === spec) matched = '';
      } else {
        const pre = pattern.slice(0, star);
        const post = pattern.slice(star + 1);
        if (spec.startsWith(pre) && spec.endsWith(post) && spec.length >= pre.length + post.length) matched = spec.slice(pre.length, spec.length - post.length);
      }
      if (matched === null) continue;
      for (const t of targets) {
        const f = this.tryFile(posix.join(base, t.replace('*', matched)));
        if (f) return f;
      }
    }
    if (cfg.baseUrl) return this.tryFile(posix.join(cfg.baseUrl, spec));
    return null;
  }

  /** `@acme/lib/hooks/use-analytics` -> packages/lib/hooks/use-analytics.ts (or under src/). */
  private viaWorkspacePackage(spec: string): string | null {
    let best: string | undefined;
    for (const name of this.host.packages!.keys()) {
      if ((spec === name || spec.startsWith(name + '/')) && (!best || name.length > best.length)) best = name;
    }
    if (!best) return null;
    const dir = this.host.packages!.get(best)!;
    const sub = spec.slice(best.length + 1);
    if (sub) return this.tryFile(posix.join(dir, sub)) ?? this.tryFile(posix.join(dir, 'src', sub));
    const pkg = this.readPackageJson(dir);
    for (const field of ['source', 'types', 'typings', 'module', 'main']) {
      const v = pkg?.[field];
      if (typeof v !== 'string') continue;
      const p = posix.join(dir, v);
      const stem = p.replace(/\.d\.ts$/, '').replace(/\.(?:[cm]?[jt]sx?)$/, '');
      const f = this.tryFile(p) ?? this.tryFile(stem) ?? this.tryFile(stem.replace(/\/(?:dist|build|lib|out)\//, '/src/'));
      if (f) return f;
    }
    return this.tryFile(posix.join(dir, 'src/index')) ?? this.tryFile(posix.join(dir, 'index'));
  }

  private readPackageJson(dir: string): Record<string, unknown> | null {
    try {
      const t = this.host.readFile(posix.join(dir, 'package.json'));
      return t ? (JSON.parse(t) as Record<string, unknown>) : null;
    } catch {
      return null;
    }
  }

  private tryFile(p: string): string | null {
    const ext = posix.extname(p);
    if (EXTS.includes(ext) && this.host.fileExists(p)) return p;
    if (JS_TO_TS[ext]) {
      const stem = p.slice(0, -ext.length);
      for (const e of JS_TO_TS[ext]) if (this.host.fileExists(stem + e)) return stem + e;
    }
    for (const e of EXTS) if (this.host.fileExists(p + e)) return p + e;
    for (const e of EXTS) if (this.host.fileExists(`${p}/index${e}`)) return `${p}/index${e}`;
    return null;
  }

  private configFor(dir: string): PathsConfig | null {
    if (this.configByDir.has(dir)) return this.configByDir.get(dir)!;
    let cfg: PathsConfig | null = null;
    for (const name of ['tsconfig.json', 'jsconfig.json']) {
      const text = this.host.readFile(posix.join(dir, name));
      if (text !== undefined) {
        cfg = this.readConfig(posix.join(dir, name), text, 0);
        break;
      }
    }
    if (!cfg) {
      const parent = posix.dirname(dir);
      cfg = parent !== dir ? this.configFor(parent) : null;
    }
    this.configByDir.set(dir, cfg);
    return cfg;
  }

  private readConfig(path: string, text: string, depth: number): PathsConfig | null {
    const parsed = ts.parseConfigFileTextToJson(path, text).config as { extends?: string | string[]; compilerOptions?: { baseUrl?: string; paths?: Record<string, string[]> } } | undefined;
    if (!parsed) return null;
    const dir = posix.dirname(path);
    let inherited: PathsConfig | null = null;
    const ext = Array.isArray(parsed.extends) ? parsed.extends[0] : parsed.extends;
    if (ext && depth < 3 && (ext.startsWith('.') || ext.startsWith('/'))) {
      const p = posix.join(dir, ext.endsWith('.json') ? ext : `${ext}.json`);
      const t = this.host.readFile(p);
      if (t !== undefined) inherited = this.readConfig(p, t, depth + 1);
    }
    const co = parsed.compilerOptions ?? {};
    const baseUrl = co.baseUrl !== undefined ? posix.join(dir, co.baseUrl) : inherited?.baseUrl ?? null;
    const pathsDir = co.paths ? baseUrl ?? dir : inherited?.dir ?? dir;
    const paths = co.paths ? Object.entries(co.paths) : inherited?.paths ?? [];
    if (!co.paths && !co.baseUrl && !inherited) return null;
    return { dir: pathsDir, baseUrl, paths };
  }
}
