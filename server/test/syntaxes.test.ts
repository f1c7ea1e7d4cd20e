/**
 * The comment-injection grammar (`syntaxes/privet-comments.injection.tmLanguage.json`),
 * tokenized with the same engine VS Code uses (vscode-textmate + the Oniguruma WASM build),
 * injected into a minimal stand-in for the TypeScript grammar so that no VS Code install is needed.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as vsctm from 'vscode-textmate';

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
const injectionScope = 'privet.comments.injection';
const injectionPath = path.join(root, 'syntaxes', 'privet-comments.injection.tmLanguage.json');
const baseGrammarPath = path.join(root, 'server', 'test', 'fixtures', 'grammars', 'source.ts.min.json');

/** Oniguruma's WASM may be loaded only once per process. */
let onigLib: Promise<vsctm.IOnigLib> | undefined;
function loadOnigLib(): Promise<vsctm.IOnigLib> {
  onigLib ??= (async () => {
    const wasm = fs.readFileSync(path.join(root, 'node_modules', 'vscode-oniguruma', 'release', 'onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer);
    return {
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (text: string) => new oniguruma.OnigString(text),
    };
  })();
  return onigLib;
}

/** The host scopes package.json injects the grammar into. */
function injectTo(): string[] {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const entry = (pkg.contributes?.grammars ?? []).find((g: { scopeName?: string }) => g.scopeName === injectionScope);
  assert.ok(entry, `package.json contributes.grammars has no entry for ${injectionScope}`);
  return entry.injectTo;
}

/** Loads the stand-in base grammar under `hostScope`, with the injection wired as package.json says. */
async function loadGrammar(hostScope: string): Promise<vsctm.IGrammar> {
  const hosts = injectTo();
  const registry = new vsctm.Registry({
    onigLib: loadOnigLib(),
    loadGrammar: async (scopeName) => {
      if (scopeName === injectionScope) return vsctm.parseRawGrammar(fs.readFileSync(injectionPath, 'utf8'), injectionPath);
      if (scopeName === hostScope) {
        const raw = JSON.parse(fs.readFileSync(baseGrammarPath, 'utf8'));
        raw.scopeName = hostScope;
        return vsctm.parseRawGrammar(JSON.stringify(raw), baseGrammarPath);
      }
      return null;
    },
    getInjections: (scopeName) => (hosts.includes(scopeName) ? [injectionScope] : undefined),
  });
  const grammar = await registry.loadGrammar(hostScope);
  assert.ok(grammar, `could not load ${hostScope}`);
  return grammar;
}

interface Token {
  text: string;
  scopes: string[];
}

/** Tokenizes lines in sequence (block comments carry over) and returns each line's tokens. */
function tokenize(grammar: vsctm.IGrammar, text: string): Token[][] {
  let stack = vsctm.INITIAL;
  return text.split('\n').map((line) => {
    const result = grammar.tokenizeLine(line, stack);
    stack = result.ruleStack;
    return result.tokens.map((t) => ({ text: line.substring(t.startIndex, t.endIndex), scopes: t.scopes }));
  });
}

function show(tokens: Token[]): string {
  return tokens.map((t) => `  ${JSON.stringify(t.text)}: ${t.scopes.join(' ')}`).join('\n');
}

/** Asserts that the token whose text is exactly `text` has `scope` (and the token exists). */
function expectScope(tokens: Token[], text: string, scope: string): void {
  const token = tokens.find((t) => t.text === text);
  assert.ok(token, `no token ${JSON.stringify(text)}; tokens:\n${show(tokens)}`);
  assert.ok(token.scopes.includes(scope), `token ${JSON.stringify(text)} lacks ${scope}; tokens:\n${show(tokens)}`);
}

/** Asserts that no token on the line has a Privet scope. */
function expectNoPrivetScopes(tokens: Token[]): void {
  const hit = tokens.find((t) => t.scopes.some((s) => s.endsWith('.privet')));
  assert.equal(hit, undefined, `expected no .privet scopes; tokens:\n${show(tokens)}`);
}

suite('syntaxes: privet-comments injection grammar', () => {
  let grammar: vsctm.IGrammar;
  suiteSetup(async () => {
    grammar = await loadGrammar('source.ts');
  });

  test('event annotation in a line comment: tag, keys, quoted and unquoted values', () => {
    const [line] = tokenize(grammar, '// @privacy event="Checkout Step" purpose=product-analytics');
    expectScope(line, '@', 'punctuation.definition.annotation.privet');
    expectScope(line, 'privacy', 'keyword.other.annotation.privacy.privet');
    expectScope(line, 'event', 'entity.other.attribute-name.privet');
    expectScope(line, '=', 'keyword.operator.assignment.privet');
    expectScope(line, '"', 'punctuation.definition.string.begin.privet');
    expectScope(line, 'Checkout Step', 'string.quoted.double.privet');
    expectScope(line, 'purpose', 'entity.other.attribute-name.privet');
    expectScope(line, 'product-analytics', 'string.unquoted.value.privet');
    expectScope(line, 'product-analytics', 'comment.line.double-slash.ts');
    expectScope(line, 'product-analytics', 'meta.annotation.privacy.privet');
  });

  test('alternatives in a quoted value are separated', () => {
    const [line] = tokenize(grammar, '// @privacy events="Signed Up|Signed In"');
    expectScope(line, 'Signed Up', 'string.quoted.double.privet');
    expectScope(line, '|', 'punctuation.separator.alternative.privet');
    expectScope(line, 'Signed In', 'string.quoted.double.privet');
  });

  test('tracker annotation in a JSDoc block wins over the host grammar\'s JSDoc tag and stops at */', () => {
    const [line] = tokenize(grammar, '/** @privacy tracker destination=segment kind=track event_arg=0 properties_arg=1 */');
    expectScope(line, 'privacy', 'keyword.other.annotation.privacy.privet');
    const tag = line.find((t) => t.text === 'privacy');
    assert.ok(!tag?.scopes.includes('storage.type.class.jsdoc'), `the host JSDoc tag pattern won:\n${show(line)}`);
    expectScope(line, 'tracker', 'storage.modifier.tracker.privet');
    expectScope(line, 'destination', 'entity.other.attribute-name.privet');
    expectScope(line, 'segment', 'string.unquoted.value.privet');
    expectScope(line, 'properties_arg', 'entity.other.attribute-name.privet');
    expectScope(line, '1', 'string.unquoted.value.privet');
    const close = line.find((t) => t.text.includes('*/'));
    assert.ok(close, `no */ token:\n${show(line)}`);
    assert.ok(close.scopes.includes('punctuation.definition.comment.ts'), `*/ did not close the comment:\n${show(line)}`);
    assert.ok(!close.scopes.some((s) => s.endsWith('.privet')), `*/ was taken into the annotation:\n${show(line)}`);
  });

  test('annotation on a continuation line of a multi-line JSDoc', () => {
    const lines = tokenize(grammar, ['/**', ' * Sends an event.', ' * @privacy tracker destination=segment', ' */', 'x'].join('\n'));
    expectNoPrivetScopes(lines[1]);
    expectScope(lines[2], 'privacy', 'keyword.other.annotation.privacy.privet');
    expectScope(lines[2], 'segment', 'string.unquoted.value.privet');
    expectNoPrivetScopes(lines[4]);
  });

  test('disable-next-line with two rules and a reason', () => {
    const [line] = tokenize(grammar, '// privet-disable-next-line undeclared-property, missing-consent-guard -- consent checked by the caller');
    expectScope(line, 'privet-disable-next-line', 'keyword.control.directive.privet');
    expectScope(line, 'undeclared-property', 'variable.other.constant.rule.privet');
    expectScope(line, ',', 'punctuation.separator.comma.privet');
    expectScope(line, 'missing-consent-guard', 'variable.other.constant.rule.privet');
    expectScope(line, '--', 'punctuation.separator.reason.privet');
    expectScope(line, 'consent checked by the caller', 'string.unquoted.reason.privet');
    expectScope(line, 'consent checked by the caller', 'meta.directive.suppression.privet');
    // The words of the reason are not rule ids.
    assert.ok(!line.some((t) => t.text === 'caller'), show(line));
  });

  test('disable-line after code', () => {
    const [line] = tokenize(grammar, "track('x') // privet-disable-line dynamic-event-name -- generated names");
    expectScope(line, 'privet-disable-line', 'keyword.control.directive.privet');
    expectScope(line, 'dynamic-event-name', 'variable.other.constant.rule.privet');
    expectScope(line, 'generated names', 'string.unquoted.reason.privet');
  });

  test('block disable / enable, closed by */', () => {
    const lines = tokenize(grammar, '/* privet-disable undeclared-event */\ntrack("a")\n/* privet-enable undeclared-event */');
    expectScope(lines[0], 'privet-disable', 'keyword.control.directive.privet');
    expectScope(lines[0], 'undeclared-event', 'variable.other.constant.rule.privet');
    expectScope(lines[0], '*/', 'punctuation.definition.comment.ts');
    expectNoPrivetScopes(lines[1]);
    expectScope(lines[2], 'privet-enable', 'keyword.control.directive.privet');
    expectScope(lines[2], 'undeclared-event', 'variable.other.constant.rule.privet');
  });

  test('a block directive with a reason does not swallow */', () => {
    const [line] = tokenize(grammar, '/* privet-disable-next-line forbidden-category -- reviewed in PRIV-12 */ x');
    expectScope(line, 'reviewed in PRIV-12', 'string.unquoted.reason.privet');
    expectScope(line, '*/', 'punctuation.definition.comment.ts');
  });

  test('ordinary comments are not highlighted', () => {
    const lines = tokenize(
      grammar,
      [
        '// privacy matters: ask legal before tracking event=foo',
        '// mail me at someone@privacy.example',
        '// we could privet-disable-line this later',
        '/* @privacyPolicy is a different tag */',
      ].join('\n'),
    );
    for (const line of lines) expectNoPrivetScopes(line);
  });

  test('@privacy and directives inside strings are not highlighted', () => {
    const lines = tokenize(grammar, [`const s = "// @privacy event=x";`, `const t = '/* privet-disable foo */';`].join('\n'));
    for (const line of lines) expectNoPrivetScopes(line);
    expectScope(lines[0], '"', 'string.quoted.double.ts');
  });

  test('injected into every host scope package.json names', async () => {
    for (const host of injectTo()) {
      const g = await loadGrammar(host);
      const [line] = tokenize(g, '// @privacy event=x');
      expectScope(line, 'privacy', 'keyword.other.annotation.privacy.privet');
    }
    assert.deepEqual([...injectTo()].sort(), ['source.js', 'source.js.jsx', 'source.ts', 'source.tsx']);
  });
});
