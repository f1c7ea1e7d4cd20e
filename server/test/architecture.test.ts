/**
 * Checks that keep the layout honest where tsconfig cannot (architecture guide, section 4 and
 * habits 5 and 6):
 * - the `privet.*` settings in package.json equal `Settings`/`defaultSettings`;
 * - the commands package.json contributes are the ones client/src/commands.ts registers;
 * - every custom LSP method in server/src/protocol.ts is documented in docs/lsp-extensions.md;
 * - import boundaries between core, server, client and webview.
 */
import * as assert from 'node:assert/strict';
import { builtinModules } from 'node:module';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
import { defaultSettings, ruleSeveritySettings, traceSettings } from '../src/core/settings';
import { customMethods } from '../src/protocol';

/** The repository root (tests run from out/server/test/, sources live in server/test/). */
function repoRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'esbuild.mjs'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no repository root above ${__dirname}`);
    dir = parent;
  }
  return dir;
}

const root = repoRoot();
const read = (rel: string) => fs.readFileSync(path.join(root, rel), 'utf8');
const pkg = JSON.parse(read('package.json'));

interface ConfigProperty {
  type?: string | string[];
  default?: unknown;
  scope?: string;
  enum?: unknown[];
  enumDescriptions?: string[];
  markdownDescription?: string;
  additionalProperties?: { enum?: unknown[]; enumDescriptions?: string[] };
}

function configProperties(): Record<string, ConfigProperty> {
  const configuration = pkg.contributes?.configuration;
  const list = Array.isArray(configuration) ? configuration : [configuration ?? {}];
  return Object.assign({}, ...list.map((c: { properties?: object }) => c.properties ?? {}));
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * `defaultSettings` flattened to `privet.a.b` keys. Nested objects are walked, except where
 * package.json declares the object itself as one setting (`privet.rules`, a map) or the object is
 * empty (an undeclared empty map must show up as missing, not vanish).
 */
function flattenDefaults(declared: Set<string>): Map<string, unknown> {
  const out = new Map<string, unknown>();
  const walk = (value: Record<string, unknown>, prefix: string) => {
    for (const [k, v] of Object.entries(value)) {
      const key = `${prefix}.${k}`;
      if (isPlainObject(v) && Object.keys(v).length > 0 && !declared.has(key)) walk(v, key);
      else out.set(key, v);
    }
  };
  walk(defaultSettings as unknown as Record<string, unknown>, 'privet');
  return out;
}

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value === 'number' ? (Number.isInteger(value) ? 'integer' : 'number') : typeof value;
}

suite('architecture: settings', () => {
  const properties = configProperties();
  const declared = new Set(Object.keys(properties).filter((k) => k.startsWith('privet.')));
  const defaults = flattenDefaults(declared);

  test('package.json declares exactly the keys of defaultSettings', () => {
    assert.deepEqual([...declared].sort(), [...defaults.keys()].sort());
    assert.deepEqual(Object.keys(properties).filter((k) => !k.startsWith('privet.')), [], 'every setting is prefixed privet.');
  });

  test('package.json defaults equal defaultSettings', () => {
    for (const [key, value] of defaults) {
      assert.deepEqual(properties[key]?.default, value, `default of ${key}`);
      const types = [properties[key]?.type ?? []].flat();
      const actual = jsonType(value);
      assert.ok(types.includes(actual) || (actual === 'integer' && types.includes('number')), `${key}: default ${JSON.stringify(value)} is not of type ${types.join('|')}`);
    }
  });

  test('every setting has an explicit scope and a markdownDescription', () => {
    const scopes = Object.fromEntries([...declared].map((k) => [k, properties[k].scope]));
    assert.deepEqual(scopes, {
      'privet.manifest': 'resource',
      'privet.rules': 'resource',
      'privet.exclude': 'resource',
      'privet.trace.server': 'window',
    });
    for (const key of declared) assert.ok(properties[key].markdownDescription?.trim(), `${key} has no markdownDescription`);
  });

  test('enums match the TS types and every value is described', () => {
    const rules = properties['privet.rules'].additionalProperties;
    assert.deepEqual(rules?.enum, [...ruleSeveritySettings]);
    assert.equal(rules?.enumDescriptions?.length, ruleSeveritySettings.length);
    assert.deepEqual(properties['privet.trace.server'].enum, [...traceSettings]);
    assert.equal(properties['privet.trace.server'].enumDescriptions?.length, traceSettings.length);
  });
});

suite('architecture: commands and activation', () => {
  test('contributes.commands are the commands client/src/commands.ts registers', () => {
    const source = read('client/src/commands.ts');
    const registry = source.slice(source.indexOf('const commands'), source.indexOf('};', source.indexOf('const commands')));
    const registered = [...registry.matchAll(/^\s*'(privet\.[\w.]+)':/gm)].map((m) => m[1]).sort();
    const contributed = (pkg.contributes?.commands ?? []).map((c: { command: string }) => c.command).sort();
    assert.ok(registered.length > 0, 'no commands found in the registry of client/src/commands.ts');
    assert.deepEqual(contributed, registered);
    for (const c of pkg.contributes.commands) assert.equal(c.category, 'Privet', `${c.command} has category Privet`);
  });

  test('activation events include the data-flow webview', () => {
    assert.ok(pkg.activationEvents.includes('onWebviewPanel:privet.dataFlow'));
  });
});

suite('architecture: LSP extensions', () => {
  const declaredMethods = [...read('server/src/protocol.ts').matchAll(/\bmethod\s*=\s*'([^']+)'/g)].map((m) => m[1]);

  test('customMethods lists every method declared in protocol.ts', () => {
    assert.ok(declaredMethods.length > 0);
    assert.deepEqual([...customMethods].sort(), [...declaredMethods].sort());
  });

  test('every method in protocol.ts is described in docs/lsp-extensions.md', () => {
    const docs = read('docs/lsp-extensions.md');
    const missing = declaredMethods.filter((m) => !docs.includes('`' + m + '`'));
    assert.deepEqual(missing, [], 'methods in server/src/protocol.ts missing from docs/lsp-extensions.md');
  });
});

/** Every `.ts`/`.tsx`/`.mts`/`.cts`/`.js` file under `dir` (repo-relative), if `dir` exists. */
function sourceFiles(dir: string): string[] {
  const abs = path.join(root, dir);
  if (!fs.existsSync(abs)) return [];
  const out: string[] = [];
  for (const entry of fs.readdirSync(abs, { withFileTypes: true })) {
    const rel = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(rel));
    else if (/\.(ts|tsx|mts|cts|js|mjs|cjs)$/.test(entry.name)) out.push(rel);
  }
  return out;
}

/** Module specifiers in a source text: import/export from, import = require, require(), import(), import('x').T. */
function importSpecifiers(fileName: string, text: string): string[] {
  const file = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false);
  const specs: string[] = [];
  const literal = (node: ts.Node | undefined) => {
    if (node && ts.isStringLiteralLike(node)) specs.push(node.text);
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) literal(node.moduleSpecifier);
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) literal(node.moduleReference.expression);
    else if (ts.isCallExpression(node) && (node.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(node.expression) && node.expression.text === 'require'))) literal(node.arguments[0]);
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) literal(node.argument.literal);
    ts.forEachChild(node, visit);
  };
  visit(file);
  return specs;
}

/** A relative specifier resolved to a repo-relative path without extension or `/index`. */
function resolveRelative(fromRel: string, spec: string): string {
  const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(fromRel), spec));
  return resolved.replace(/\.(d\.ts|ts|tsx|mts|cts|js|mjs|cjs)$/, '').replace(/\/index$/, '');
}

const isRelative = (spec: string) => spec.startsWith('./') || spec.startsWith('../');
const within = (target: string, dir: string) => target === dir || target.startsWith(dir + '/');
const packageOf = (spec: string) => (spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]);
const isNodeBuiltin = (spec: string) => spec.startsWith('node:') || builtinModules.includes(packageOf(spec));

interface Violation {
  file: string;
  spec: string;
}

/** Applies `isForbidden` to every import of every file under `dir`. */
function violations(dir: string, isForbidden: (spec: string, file: string) => boolean): Violation[] {
  return sourceFiles(dir).flatMap((file) => importSpecifiers(file, read(file)).filter((spec) => isForbidden(spec, file)).map((spec) => ({ file, spec })));
}

function assertNone(found: Violation[], rule: string): void {
  assert.deepEqual(found, [], `${rule}:\n${found.map((v) => `  ${v.file} imports '${v.spec}'`).join('\n')}`);
}

suite('architecture: import boundaries', () => {
  test('the scanner sees every kind of import', () => {
    const probe =
      "import a from 'a'; import type { B } from 'b'; export * from 'c'; import d = require('d'); const e = require('e'); void import('f'); type G = import('g').G; declare module 'm' { export * from 'h'; }";
    assert.deepEqual(importSpecifiers('probe.ts', probe), ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']);
  });

  test('server/src/core/** imports no vscode, LSP connection library, fs, server, cli or node entry', () => {
    const forbiddenPackages = new Set(['vscode', 'vscode-languageserver', 'fs', 'node:fs', 'fs/promises', 'node:fs/promises']);
    const forbiddenDirs = ['server/src/server', 'server/src/cli', 'server/src/node'];
    assertNone(
      violations('server/src/core', (spec, file) => {
        if (isRelative(spec)) {
          const target = resolveRelative(file, spec);
          return forbiddenDirs.some((dir) => within(target, dir));
        }
        // `vscode-languageserver/node` is the connection library too; `-types` and `-textdocument` are fine.
        return forbiddenPackages.has(spec) || packageOf(spec) === 'vscode-languageserver' || packageOf(spec) === 'vscode';
      }),
      'server/src/core must stay pure (inject I/O through params)',
    );
  });

  test('server/src/** never imports vscode', () => {
    assertNone(
      violations('server/src', (spec) => packageOf(spec) === 'vscode'),
      'the server runs outside VS Code',
    );
  });

  test('client/src/** imports nothing from server/ but server/src/protocol.ts', () => {
    assertNone(
      violations('client/src', (spec, file) => {
        if (!isRelative(spec)) return false;
        const target = resolveRelative(file, spec);
        return within(target, 'server') && target !== 'server/src/protocol';
      }),
      'the client shares only the protocol with the server',
    );
  });

  test('client/src/webview/** imports only ../webviewProtocol (and its own files)', () => {
    assertNone(
      violations('client/src/webview', (spec, file) => {
        if (isRelative(spec)) {
          const target = resolveRelative(file, spec);
          return !(within(target, 'client/src/webview') || target === 'client/src/webviewProtocol');
        }
        // The webview is a browser bundle: no VS Code API, no Node, no language client or server.
        // (Browser-side npm packages are left to the bundle's own review.)
        return packageOf(spec) === 'vscode' || /^vscode-language(client|server)/.test(spec) || isNodeBuiltin(spec);
      }),
      'the webview runs in a browser sandbox',
    );
  });
});
