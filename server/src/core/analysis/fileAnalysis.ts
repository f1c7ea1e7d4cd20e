/**
 * One file -> one `FileSummary`: the call sites that may be tracking calls (with their arguments
 * as abstract values and the consent facts that dominate them), the functions, objects and
 * classes that other code may call, and the exports. The TypeScript AST lives only inside
 * `summarizeFile`.
 */
import ts from 'typescript';
import type { ArgValue, ObjProp, Span } from './argValues';
import { Scopes, type Decl } from './scope';
import type { AppRef, CallSite, CalleeRef, DirectTechnique, Entity, EntityValue, ExportRef, FileSummary, TrackerContract } from './summary';
import type { Catalogue, SdkTypeRef } from '../catalogue';
import type { GuardFact, PrivacyAnnotation } from '../types';
import { guardFactsAt } from './guards';
import { parseAnnotation } from './annotations';
import { sdkCallResult, sdkConstruct, sdkMember, sdkModuleExport } from './sdkSymbols';
import { createTechniqueDetector, type DetectorContext } from './detectors';

/** A symbolic value: what an expression is, as far as tracking is concerned. */
export type Sym =
  | { k: 'sdk'; sdk: string; type: string }
  | { k: 'sdkm'; sdk: string; type: string; method: string }
  | { k: 'global' }
  | { k: 'gname'; name: string }
  | { k: 'app'; ref: AppRef };

const MAX_DEPTH = 8;
const MAX_TEXT = 160;
const GLOBAL_OBJECTS = new Set(['window', 'globalThis', 'self', 'top', 'parent', 'global']);
/** React-style wrappers whose first argument is the function that will actually run. */
const FN_WRAPPERS = new Set(['useCallback', 'useEvent', 'useEffectEvent', 'useMemoizedFn', 'useLatestCallback', 'useStableCallback', 'memoize', 'debounce', 'throttle', 'once']);

/** Script kind from a file name. */
export function scriptKindFor(file: string): ts.ScriptKind {
  const f = file.toLowerCase();
  if (f.endsWith('.tsx')) return ts.ScriptKind.TSX;
  if (f.endsWith('.ts') || f.endsWith('.mts') || f.endsWith('.cts')) return ts.ScriptKind.TS;
  if (f.endsWith('.jsx')) return ts.ScriptKind.JSX;
  return ts.ScriptKind.JS;
}

/** Options of the per-file analysis. */
export interface FileAnalysisOptions {
  /** Names of functions declared as trackers in the manifest (bare calls to them are recorded). */
  trackerNames?: ReadonlySet<string>;
}

/** Parse and summarise one file. Never throws for bad input: a file that does not parse yields what the parser recovered. */
export function summarizeFile(file: string, text: string, catalogue: Catalogue, options: FileAnalysisOptions = {}): FileSummary {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, scriptKindFor(file));
  const a = new FileAnalyzer(sf, text, catalogue, options);
  return a.run();
}

class FileAnalyzer {
  private readonly scopes = new Scopes();
  private readonly sites: CallSite[] = [];
  private readonly entities: Record<string, Entity> = {};
  private readonly entityIds = new Map<ts.Node, string>();
  private readonly exports: Record<string, ExportRef> = {};
  private readonly starExports: string[] = [];
  private readonly imports = new Set<string>();
  /** Guards at each in-file call of a local function (by entity id), for "guarded by all callers". */
  private readonly localCallerGuards = new Map<string, GuardFact[][]>();
  /** Techniques used outside SDK calls (detectors/). */
  private direct: DirectTechnique[] = [];

  constructor(
    private readonly sf: ts.SourceFile,
    private readonly text: string,
    private readonly cat: Catalogue,
    private readonly options: FileAnalysisOptions,
  ) {}

  run(): FileSummary {
    const tech = createTechniqueDetector(this.detectorContext());
    const visit = (n: ts.Node): void => {
      if (ts.isCallExpression(n)) this.onCall(n);
      else if (ts.isImportDeclaration(n) && ts.isStringLiteral(n.moduleSpecifier)) this.imports.add(n.moduleSpecifier.text);
      tech?.visit(n);
      ts.forEachChild(n, visit);
    };
    visit(this.sf);
    if (tech) this.direct = tech.finish();
    this.collectExports();
    this.applyCallerGuards();
    const parseErrors = (this.sf as unknown as { parseDiagnostics?: unknown[] }).parseDiagnostics?.length ?? 0;
    return {
      file: this.sf.fileName,
      sites: this.sites,
      entities: this.entities,
      exports: this.exports,
      starExports: this.starExports,
      lineStarts: [...this.sf.getLineStarts()],
      parseErrors,
      imports: [...this.imports],
      ...(this.direct.length ? { direct: this.direct } : {}),
    };
  }

  /** What the technique detectors use of this analysis. */
  private detectorContext(): DetectorContext {
    return {
      sf: this.sf,
      text: this.text,
      value: (e) => this.value(e, 0),
      initOf: (id) => {
        const d = this.scopes.lookup(id.text, id);
        return d?.k === 'var' && d.path.length === 0 ? d.decl.initializer : undefined;
      },
      returnOf: (id) => {
        const d = this.scopes.lookup(id.text, id);
        const init = d?.k === 'var' && d.path.length === 0 && d.decl.initializer ? unwrap(d.decl.initializer) : undefined;
        const f = d?.k === 'func' ? d.node : init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) ? init : undefined;
        return f ? returnedExpression(f) : undefined;
      },
      guards: (n) => guardFactsAt(n, this.guardHelpers),
      fnOf: (n) => {
        const f = owningFunction(n);
        return f ? this.entityIdFor(f) : null;
      },
    };
  }

  // ---------------------------------------------------------------- calls

  private onCall(call: ts.CallExpression): void {
    const calleeExpr = call.expression;
    if (calleeExpr.kind === ts.SyntaxKind.ImportKeyword) {
      if (call.arguments[0] && ts.isStringLiteralLike(call.arguments[0])) this.imports.add(call.arguments[0].text);
      return;
    }
    if (ts.isIdentifier(calleeExpr) && calleeExpr.text === 'require' && call.arguments[0] && ts.isStringLiteralLike(call.arguments[0])) {
      this.imports.add(call.arguments[0].text);
      return;
    }
    const sym = this.resolve(calleeExpr, 0);
    let callee: CalleeRef | undefined;
    if (sym?.k === 'sdkm') callee = { k: 'sdk', sdk: sym.sdk, type: sym.type, method: sym.method };
    else if (sym?.k === 'sdk') {
      if (this.cat.type(sym)?.call) callee = { k: 'sdk', sdk: sym.sdk, type: sym.type, method: null };
    } else if (sym?.k === 'app') callee = { k: 'app', ref: sym.ref };
    else if (sym?.k === 'gname' && this.options.trackerNames?.has(sym.name)) callee = { k: 'global', name: sym.name };
    if (!callee) return;
    const fnNode = owningFunction(call);
    // The body of a snippet stub (`function gtag(){dataLayer.push(arguments);}`) queues calls, it makes none.
    if (fnNode && isQueueStub(fnNode) && call.arguments.some((a) => passesArguments(a, fnNode))) return;
    const fn = fnNode ? this.entityIdFor(fnNode) : null;
    const args = call.arguments.map((a) => (ts.isSpreadElement(a) ? this.spreadArg(a) : this.value(a, 0)));
    const guards = guardFactsAt(call, this.guardHelpers);
    const site: CallSite = {
      callee,
      calleeText: clip(calleeExpr.getText(this.sf)),
      args,
      span: span(call, this.sf),
      calleeSpan: span(calleeExpr, this.sf),
      fn,
      guards,
    };
    const annotation = this.annotationFor(call);
    if (annotation && !annotation.tracker) site.annotation = annotation;
    this.sites.push(site);
    if (callee.k === 'app' && callee.ref.base.k === 'local' && callee.ref.steps.length === 0) {
      const list = this.localCallerGuards.get(callee.ref.base.id) ?? [];
      list.push(guards);
      this.localCallerGuards.set(callee.ref.base.id, list);
    }
  }

  private spreadArg(a: ts.SpreadElement): ArgValue {
    const e = unwrap(a.expression);
    if (ts.isIdentifier(e)) {
      const d = this.scopes.lookup(e.text, e);
      if (d?.k === 'param' && d.rest) return { t: 'rest', fn: this.entityIdFor(d.fn), from: d.index, span: span(a, this.sf), text: e.text };
      if (!d && e.text === 'arguments') {
        const f = enclosingFunction(a);
        if (f) return { t: 'rest', fn: this.entityIdFor(f), from: 0, span: span(a, this.sf), text: 'arguments' };
      }
    }
    return { t: 'dyn', text: clip(a.getText(this.sf)), span: span(a, this.sf) };
  }

  /** Functions called in this file from guarded places inherit the guards all their callers share. */
  private applyCallerGuards(): void {
    if (this.localCallerGuards.size === 0) return;
    const key = (g: GuardFact) => JSON.stringify(g);
    const memo = new Map<string, GuardFact[]>();
    const inherited = (fn: string, depth: number): GuardFact[] => {
      if (memo.has(fn)) return memo.get(fn)!;
      memo.set(fn, []);
      const callers = this.localCallerGuards.get(fn);
      if (!callers || callers.length === 0 || depth > 4) return [];
      let common = new Map<string, GuardFact>(callers[0].map((x): [string, GuardFact] => [key(x), x]));
      for (const g of callers.slice(1)) {
        const m = new Set(g.map(key));
        common = new Map([...common].filter(([k]) => m.has(k)));
      }
      const out = [...common.values()];
      memo.set(fn, out);
      return out;
    };
    for (const s of [...this.sites, ...this.direct]) {
      if (!s.fn) continue;
      const extra = inherited(s.fn, 0);
      if (extra.length) {
        const have = new Set(s.guards.map(key));
        for (const g of extra) if (!have.has(key(g))) s.guards.push(g);
      }
    }
  }

  private readonly guardHelpers = {
    text: (n: ts.Node) => n.getText(this.sf),
    followConst: (id: ts.Identifier): ts.Expression | undefined => {
      const d = this.scopes.lookup(id.text, id);
      if (d?.k === 'var' && d.path.length === 0 && d.decl.initializer && isConstDecl(d.decl)) return d.decl.initializer;
      return undefined;
    },
    moduleOf: (id: ts.Identifier): string | undefined => {
      const d = this.scopes.lookup(id.text, id);
      return d?.k === 'import' ? d.module : undefined;
    },
    importedName: (id: ts.Identifier): string | undefined => {
      const d = this.scopes.lookup(id.text, id);
      return d?.k === 'import' && d.name !== 'default' && d.name !== '*' ? d.name : undefined;
    },
    binding: (id: ts.Identifier) => {
      const d = this.scopes.lookup(id.text, id);
      if (d?.k === 'var' && d.decl.initializer && isConstDecl(d.decl)) return { init: d.decl.initializer, path: d.path };
      if (d?.k === 'param' && !d.rest) return { fn: d.fn, index: d.index, path: d.path };
      return undefined;
    },
  };

  // ---------------------------------------------------------------- annotations

  private annotationFor(n: ts.Node): PrivacyAnnotation | undefined {
    let stmt: ts.Node = n;
    while (stmt.parent && !ts.isSourceFile(stmt.parent) && !ts.isBlock(stmt.parent) && !isStatementLike(stmt)) stmt = stmt.parent;
    return this.commentAnnotation(stmt) ?? (stmt !== n ? this.commentAnnotation(n) : undefined);
  }

  private commentAnnotation(n: ts.Node): PrivacyAnnotation | undefined {
    const ranges = ts.getLeadingCommentRanges(this.text, n.getFullStart());
    if (!ranges) return undefined;
    for (let i = ranges.length - 1; i >= 0; i--) {
      const r = ranges[i];
      const body = this.text.slice(r.pos, r.end);
      if (!body.includes('@privacy')) continue;
      const a = parseAnnotation(body);
      if (a) {
        const s = this.sf.getLineAndCharacterOfPosition(r.pos);
        const e = this.sf.getLineAndCharacterOfPosition(r.end);
        return { ...a, range: { start: s, end: e } };
      }
    }
    return undefined;
  }

  // ---------------------------------------------------------------- symbolic resolution

  resolve(expr: ts.Expression, depth: number): Sym | undefined {
    if (depth > MAX_DEPTH) return undefined;
    const e = unwrap(expr);
    if (ts.isIdentifier(e)) return this.resolveIdentifier(e, depth);
    if (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e)) {
      const name = memberName(e);
      if (name === undefined) return undefined;
      if (e.expression.kind === ts.SyntaxKind.ThisKeyword) {
        // Vue instance properties installed by plugins (`this.$gtag`) stand for the catalogue global.
        const g = name.startsWith('$') ? this.cat.globals.get(name) : undefined;
        return this.resolveThisMember(e, name, depth) ?? (g && { k: 'sdk', ...g });
      }
      return this.member(this.resolve(e.expression, depth + 1), name);
    }
    if (ts.isCallExpression(e)) {
      const callee = unwrap(e.expression);
      if (((ts.isIdentifier(callee) && callee.text === 'require') || callee.kind === ts.SyntaxKind.ImportKeyword) && e.arguments[0] && ts.isStringLiteralLike(e.arguments[0])) {
        // require('x') and import('x') (a promise of the namespace: `await` and `.then` look through it)
        return this.importSym(e.arguments[0].text, '*');
      }
      const s = this.resolve(e.expression, depth + 1);
      if (!s) return undefined;
      const reactHook = s.k === 'app' && s.ref.base.k === 'import' && s.ref.base.module === 'react' ? (s.ref.steps.length === 0 ? s.ref.base.name : s.ref.steps.length === 1 ? s.ref.steps[0].slice(1) : '') : '';
      if (reactHook === 'useContext') return this.contextValue(e, depth);
      if (reactHook === 'useMemo') {
        // useMemo(() => client, []): the memoised value itself.
        const a0 = e.arguments[0] && unwrap(e.arguments[0]);
        const inner = a0 && (ts.isArrowFunction(a0) || ts.isFunctionExpression(a0)) ? returnedExpression(a0) : undefined;
        return inner && this.resolve(inner, depth + 1);
      }
      if (s.k === 'sdkm' || s.k === 'sdk') return sdkCallResult(this.cat, s);
      if (s.k === 'app') return { k: 'app', ref: { base: s.ref.base, steps: [...s.ref.steps, '()'] } };
      return undefined;
    }
    if (ts.isNewExpression(e)) {
      const s = this.resolve(e.expression, depth + 1);
      if (s?.k === 'sdk') return sdkConstruct(this.cat, s);
      if (s?.k === 'app') return { k: 'app', ref: { base: s.ref.base, steps: [...s.ref.steps, 'new'] } };
      return undefined;
    }
    if (ts.isBinaryExpression(e)) {
      const op = e.operatorToken.kind;
      if (op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.QuestionQuestionToken || op === ts.SyntaxKind.EqualsToken) {
        const left = this.resolve(e.left, depth + 1);
        // `globalThis.__client ?? createClient()`: an unknown global on the left says nothing.
        if (left && left.k !== 'gname') return left;
        return this.resolve(e.right, depth + 1) ?? left;
      }
      if (op === ts.SyntaxKind.AmpersandAmpersandToken || op === ts.SyntaxKind.CommaToken) return this.resolve(e.right, depth + 1);
      return undefined;
    }
    if (ts.isConditionalExpression(e)) return this.resolve(e.whenTrue, depth + 1) ?? this.resolve(e.whenFalse, depth + 1);
    if (ts.isFunctionExpression(e) || ts.isArrowFunction(e) || ts.isClassExpression(e) || ts.isObjectLiteralExpression(e)) {
      return { k: 'app', ref: { base: { k: 'local', id: this.entityIdFor(e) }, steps: [] } };
    }
    return undefined;
  }

  private resolveIdentifier(id: ts.Identifier, depth: number): Sym | undefined {
    const name = id.text;
    const found = this.scopes.lookup(name, id);
    // `var _gaq = _gaq || []`: a name read inside its own initializer is the global it shadows.
    const init = found?.k === 'var' ? found.decl.initializer : undefined;
    const d = init && id.pos >= init.pos && id.end <= init.end ? undefined : found;
    if (!d) {
      if (GLOBAL_OBJECTS.has(name)) return { k: 'global' };
      const g = this.cat.globals.get(name);
      return g ? { k: 'sdk', ...g } : { k: 'gname', name };
    }
    return this.resolveDecl(d, depth);
  }

  private resolveDecl(d: Decl, depth: number): Sym | undefined {
    switch (d.k) {
      case 'import':
        return this.importSym(d.module, d.name);
      case 'func':
        return { k: 'app', ref: { base: { k: 'local', id: this.entityIdFor(d.node) }, steps: [] } };
      case 'class':
        return { k: 'app', ref: { base: { k: 'local', id: this.entityIdFor(d.node) }, steps: [] } };
      case 'var': {
        const init = d.decl.initializer;
        let s: Sym | undefined;
        if (init) {
          const u = unwrap(init);
          if (d.path.length === 0 && isEntityExpression(u)) s = { k: 'app', ref: { base: { k: 'local', id: this.entityIdFor(u) }, steps: [] } };
          else if (d.path.length === 0 && ts.isCallExpression(u) && this.fnWrapperTarget(u)) {
            s = { k: 'app', ref: { base: { k: 'local', id: this.entityIdFor(this.fnWrapperTarget(u)!) }, steps: [] } };
          } else s = this.resolve(init, depth + 1);
        }
        // `let client = null; … client = new PostHog(…)`: the first assignment that resolves.
        if ((!s || s.k === 'gname') && d.path.length === 0 && !isConstDecl(d.decl)) s = this.assignedValue(d.decl, depth) ?? s;
        // `const client: PostHog | null = …`: the declared type.
        if ((!s || s.k === 'gname') && d.path.length === 0 && d.decl.type) s = this.instanceOfType(d.decl.type, depth) ?? s;
        for (const p of d.path) s = this.member(s, p);
        return s;
      }
      case 'param': {
        const fn = d.fn;
        const p = fn.parameters[d.index];
        let s: Sym | undefined;
        // `promise.then(({ default: posthog }) => …)`: the callback receives the promise's value.
        const call = fn.parent;
        if (d.index === 0 && !d.rest && call && ts.isCallExpression(call) && call.arguments[0] === (fn as unknown) && ts.isPropertyAccessExpression(call.expression) && call.expression.name.text === 'then') {
          s = this.resolve(call.expression.expression, depth + 1);
        }
        // `Sentry.withScope(scope => …)`: the catalogue says what the SDK passes to the callback.
        if (!s && d.index === 0 && !d.rest && call && (ts.isCallExpression(call) || ts.isNewExpression(call)) && call.arguments) {
          const k = call.arguments.indexOf(fn as unknown as ts.Expression);
          const callee = k >= 0 ? this.resolve(call.expression, depth + 1) : undefined;
          const spec = callee?.k === 'sdkm' ? this.cat.type(callee)?.methods?.[callee.method] : callee?.k === 'sdk' ? this.cat.type(callee)?.call : undefined;
          const cbType = spec && 'callbacks' in spec ? spec.callbacks?.[String(k)] : undefined;
          if ((callee?.k === 'sdkm' || callee?.k === 'sdk') && cbType) s = { k: 'sdk', sdk: callee.sdk, type: cbType };
        }
        // `function send(client: PostHog)`: a parameter typed with an SDK or app class.
        if (!s && p?.type && d.path.length === 0) s = this.instanceOfType(p.type, depth);
        if (!s) return undefined;
        for (const k of d.path) s = this.member(s, k);
        return s;
      }
      default:
        return undefined;
    }
  }

  private importSym(module: string, name: string): Sym | undefined {
    if (this.cat.modules.has(module)) return sdkModuleExport(this.cat, module, name);
    return { k: 'app', ref: { base: { k: 'import', module, name }, steps: [] } };
  }

  /** Member access on a symbolic value. */
  member(s: Sym | undefined, name: string): Sym | undefined {
    if (!s) return undefined;
    switch (s.k) {
      case 'global': {
        if (GLOBAL_OBJECTS.has(name)) return s;
        const g = this.cat.globals.get(name);
        return g ? { k: 'sdk', ...g } : { k: 'gname', name };
      }
      case 'sdk':
        return sdkMember(this.cat, s, name);
      case 'app':
        return { k: 'app', ref: { base: s.ref.base, steps: [...s.ref.steps, '.' + name] } };
      default:
        return undefined;
    }
  }

  /** `this.x` inside a class: the field initializer or constructor assignment, or a method. */
  private resolveThisMember(e: ts.Expression, name: string, depth: number): Sym | undefined {
    const cls = enclosingClass(e);
    if (!cls) return undefined;
    for (const m of cls.members) {
      if (!m.name || memberKey(m.name) !== name) continue;
      if (ts.isPropertyDeclaration(m) && m.initializer) {
        const u = unwrap(m.initializer);
        if (isEntityExpression(u)) return { k: 'app', ref: { base: { k: 'local', id: this.entityIdFor(cls) }, steps: ['new', '.' + name] } };
        return this.resolve(m.initializer, depth + 1);
      }
      if (ts.isMethodDeclaration(m) || ts.isGetAccessor(m)) return { k: 'app', ref: { base: { k: 'local', id: this.entityIdFor(cls) }, steps: ['new', '.' + name] } };
      if (ts.isPropertyDeclaration(m)) {
        // `private analytics!: AnalyticsService` (set by a framework): an instance of its type.
        const typed = m.type && this.instanceOfType(m.type, depth);
        if (typed) return typed;
        break;
      }
    }
    // Constructor parameter properties (dependency injection: Angular, NestJS):
    // `constructor(private analytics: AnalyticsService)` is an instance of the declared class.
    for (const m of cls.members) {
      if (!ts.isConstructorDeclaration(m)) continue;
      for (const p of m.parameters) {
        const isProperty = ts.getModifiers(p)?.some((x) => x.kind === ts.SyntaxKind.PrivateKeyword || x.kind === ts.SyntaxKind.PublicKeyword || x.kind === ts.SyntaxKind.ProtectedKeyword || x.kind === ts.SyntaxKind.ReadonlyKeyword);
        if (isProperty && ts.isIdentifier(p.name) && p.name.text === name && p.type) {
          const typed = this.instanceOfType(p.type, depth);
          if (typed) return typed;
        }
      }
    }
    // Constructor (or any method) assignments `this.client = new PostHog(…)`.
    let found: Sym | undefined;
    const scan = (n: ts.Node): void => {
      if (found) return;
      if (
        ts.isBinaryExpression(n) &&
        n.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
        ts.isPropertyAccessExpression(n.left) &&
        n.left.expression.kind === ts.SyntaxKind.ThisKeyword &&
        n.left.name.text === name
      ) {
        found = this.resolve(n.right, depth + 1);
        return;
      }
      ts.forEachChild(n, scan);
    };
    for (const m of cls.members) if ((ts.isConstructorDeclaration(m) || ts.isMethodDeclaration(m)) && m.body) scan(m.body);
    return found;
  }

  /** The first resolvable value assigned to a `let`/`var` in its scope (`client = new PostHog(…)`). */
  private assignedValue(decl: ts.VariableDeclaration, depth: number): Sym | undefined {
    if (!ts.isIdentifier(decl.name) || depth > MAX_DEPTH) return undefined;
    const name = decl.name.text;
    let scope: ts.Node = decl;
    while (scope.parent && !ts.isBlock(scope) && !ts.isSourceFile(scope)) scope = scope.parent;
    let found: Sym | undefined;
    const visit = (n: ts.Node): void => {
      if (found) return;
      if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isIdentifier(n.left) && n.left.text === name) {
        const d = this.scopes.lookup(name, n.left);
        if (d?.k === 'var' && d.decl === decl) {
          const s = this.resolve(n.right, depth + 1);
          if (s && s.k !== 'gname') found = s;
        }
      }
      if (!found) ts.forEachChild(n, visit);
    };
    visit(scope);
    return found;
  }

  /** An instance of a class named by a type annotation (`AnalyticsService`, `PostHog`), if it is one we know. */
  private instanceOfType(type: ts.TypeNode, depth: number): Sym | undefined {
    if (depth > MAX_DEPTH) return undefined;
    if (ts.isUnionTypeNode(type)) {
      for (const t of type.types) {
        const s = this.instanceOfType(t, depth + 1);
        if (s) return s;
      }
      return undefined;
    }
    if (ts.isParenthesizedTypeNode(type)) return this.instanceOfType(type.type, depth + 1);
    // `typeof posthog`: the value itself.
    if (ts.isTypeQueryNode(type) && ts.isIdentifier(type.exprName)) {
      const v = this.resolveIdentifier(type.exprName, depth + 1);
      return v?.k === 'sdk' || v?.k === 'app' ? v : undefined;
    }
    if (!ts.isTypeReferenceNode(type) || !ts.isIdentifier(type.typeName)) return undefined;
    const s = this.resolveIdentifier(type.typeName, depth + 1);
    if (s?.k === 'sdk') return sdkConstruct(this.cat, s);
    if (s?.k === 'app') return { k: 'app', ref: { base: s.ref.base, steps: [...s.ref.steps, 'new'] } };
    return undefined;
  }

  /** `useContext(Ctx)`: the `value` given to `<Ctx.Provider value={…}>` in this file. */
  private contextValue(call: ts.CallExpression, depth: number): Sym | undefined {
    const arg = call.arguments[0] && unwrap(call.arguments[0]);
    if (!arg || !ts.isIdentifier(arg)) return undefined;
    const d = this.scopes.lookup(arg.text, arg);
    const declNode = d?.k === 'var' ? d.decl : undefined;
    if (!declNode) return undefined;
    let found: Sym | undefined;
    const visit = (n: ts.Node): void => {
      if (found) return;
      if ((ts.isJsxOpeningElement(n) || ts.isJsxSelfClosingElement(n)) && ts.isPropertyAccessExpression(n.tagName) && n.tagName.name.text === 'Provider') {
        const base = n.tagName.expression;
        if (ts.isIdentifier(base) && base.text === arg.text) {
          const baseDecl = this.scopes.lookup(base.text, base);
          const attr = n.attributes.properties.find((a): a is ts.JsxAttribute => ts.isJsxAttribute(a) && ts.isIdentifier(a.name) && a.name.text === 'value');
          const init = attr?.initializer;
          if (baseDecl?.k === 'var' && baseDecl.decl === declNode && init && ts.isJsxExpression(init) && init.expression) {
            found = this.resolve(init.expression, depth + 1);
            if (found) return;
          }
        }
      }
      ts.forEachChild(n, visit);
    };
    visit(this.sf);
    return found;
  }

  private fnWrapperTarget(call: ts.CallExpression): ts.Expression | undefined {
    const c = unwrap(call.expression);
    const name = ts.isIdentifier(c) ? c.text : ts.isPropertyAccessExpression(c) ? c.name.text : '';
    if (name === 'useMemo') {
      const f = call.arguments[0] && unwrap(call.arguments[0]);
      if (f && (ts.isArrowFunction(f) || ts.isFunctionExpression(f))) {
        const r = returnedExpression(f);
        if (r && isEntityExpression(unwrap(r))) return unwrap(r);
      }
      return undefined;
    }
    if (!FN_WRAPPERS.has(name)) {
      if (ts.isPropertyAccessExpression(c) && c.name.text === 'bind') {
        const target = unwrap(c.expression);
        return target;
      }
      return undefined;
    }
    const f = call.arguments[0] && unwrap(call.arguments[0]);
    return f && (ts.isArrowFunction(f) || ts.isFunctionExpression(f)) ? f : undefined;
  }

  // ---------------------------------------------------------------- entities

  /** The entity id for a function, class or object literal node (created on first use). */
  entityIdFor(node: ts.Node): string {
    let id = this.entityIds.get(node);
    if (id) return id;
    id = `${entityName(node)}@${node.getStart(this.sf)}`;
    this.entityIds.set(node, id);
    this.entities[id] = { k: 'val', value: { k: 'app', ref: { base: { k: 'local', id: '?' }, steps: [] } } }; // placeholder against cycles
    this.entities[id] = this.buildEntity(node);
    return id;
  }

  private buildEntity(node: ts.Node): Entity {
    if (ts.isFunctionLike(node) && isQueueStub(node)) {
      // `function gtag(){dataLayer.push(arguments);}` defines the SDK's own global: calls to it are SDK calls.
      const g = this.cat.globals.get(entityName(node));
      if (g) return { k: 'val', value: { k: 'sdk', ...g } };
    }
    if (ts.isFunctionLike(node)) {
      const f = node as ts.SignatureDeclaration & { body?: ts.Node };
      const body = f.body;
      // Size in lines of the body: a thin forwarding helper is a few lines, business code is not.
      const size = !body ? 0 : this.sf.getLineAndCharacterOfPosition(body.getEnd()).line - this.sf.getLineAndCharacterOfPosition(body.getStart(this.sf)).line + 1;
      const entity: Entity = { k: 'fn', name: entityName(node), params: f.parameters.length, size };
      const ret = returnedExpression(f);
      if (ret) {
        const v = this.entityValue(ret, 0);
        if (v) entity.returns = v;
      }
      const tracker = this.trackerAnnotation(node);
      if (tracker) entity.tracker = tracker;
      return entity;
    }
    if (ts.isClassLike(node)) {
      const methods: Record<string, EntityValue> = {};
      const statics: Record<string, EntityValue> = {};
      for (const m of node.members) {
        if (!m.name) continue;
        const key = memberKey(m.name);
        if (!key) continue;
        const isStatic = !!ts.getModifiers(m as ts.HasModifiers)?.some((x) => x.kind === ts.SyntaxKind.StaticKeyword);
        let v: EntityValue | undefined;
        if (ts.isMethodDeclaration(m)) v = { k: 'entity', id: this.entityIdFor(m) };
        else if (ts.isPropertyDeclaration(m) && m.initializer) v = this.entityValue(m.initializer, 0);
        if (v) (isStatic ? statics : methods)[key] = v;
      }
      return { k: 'class', name: node.name?.text ?? 'class', methods, statics };
    }
    if (ts.isObjectLiteralExpression(node)) {
      const members: Record<string, EntityValue> = {};
      for (const p of node.properties) {
        const key = p.name ? memberKey(p.name) : undefined;
        if (!key) continue;
        let v: EntityValue | undefined;
        if (ts.isMethodDeclaration(p)) v = { k: 'entity', id: this.entityIdFor(p) };
        else if (ts.isPropertyAssignment(p)) v = this.entityValue(p.initializer, 0);
        else if (ts.isShorthandPropertyAssignment(p)) v = this.entityValue(p.name, 0);
        if (v) members[key] = v;
      }
      return { k: 'obj', members };
    }
    return { k: 'val', value: { k: 'app', ref: { base: { k: 'local', id: '?' }, steps: [] } } };
  }

  /** What an expression stands for as an entity member, return value or export. */
  private entityValue(expr: ts.Expression, depth: number): EntityValue | undefined {
    if (depth > MAX_DEPTH) return undefined;
    const u = unwrap(expr);
    if (isEntityExpression(u)) return { k: 'entity', id: this.entityIdFor(u) };
    if (ts.isCallExpression(u)) {
      const t = this.fnWrapperTarget(u);
      if (t) return isEntityExpression(t) ? { k: 'entity', id: this.entityIdFor(t) } : this.entityValue(t, depth + 1);
    }
    const s = this.resolve(u, depth + 1);
    if (s?.k === 'sdk') return { k: 'sdk', sdk: s.sdk, type: s.type };
    if (s?.k === 'app') return s.ref.steps.length === 0 && s.ref.base.k === 'local' ? { k: 'entity', id: s.ref.base.id } : { k: 'app', ref: s.ref };
    return undefined;
  }

  private trackerAnnotation(node: ts.Node): TrackerContract | undefined {
    let host: ts.Node = node;
    if ((ts.isArrowFunction(node) || ts.isFunctionExpression(node)) && ts.isVariableDeclaration(node.parent)) host = node.parent.parent.parent;
    if (ts.isVariableStatement(host.parent) || ts.isExportAssignment(host.parent)) host = host.parent;
    const a = this.commentAnnotation(host) ?? (ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node) ? undefined : undefined);
    if (!a || !a.tracker) return undefined;
    const kind = (a.values.kind as TrackerContract['kind']) ?? 'track';
    const num = (k: string) => (a.values[k] !== undefined && /^\d+$/.test(a.values[k]) ? Number(a.values[k]) : undefined);
    const dests = (a.values.destination ?? a.values.destinations ?? '').split(/[|,]/).map((s) => s.trim()).filter(Boolean);
    return { name: entityName(node), kind, eventArg: num('event_arg') ?? (kind === 'track' ? 0 : undefined), propertiesArg: num('properties_arg'), destinations: dests };
  }

  // ---------------------------------------------------------------- exports

  private collectExports(): void {
    for (const st of this.sf.statements) {
      const exported = hasExportModifier(st);
      const isDefault = !!(ts.canHaveModifiers(st) && ts.getModifiers(st)?.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword));
      if ((ts.isFunctionDeclaration(st) || ts.isClassDeclaration(st)) && exported) {
        const id = this.entityIdFor(st);
        if (isDefault) this.exports.default = { k: 'entity', id };
        if (st.name && !isDefault) this.exports[st.name.text] = { k: 'entity', id };
      } else if (ts.isEnumDeclaration(st) && exported) {
        const id = `${st.name.text}@const`;
        this.entities[id] = { k: 'const', value: this.enumValue(st) };
        this.exports[isDefault ? 'default' : st.name.text] = { k: 'entity', id };
      } else if (ts.isVariableStatement(st) && exported) {
        for (const d of st.declarationList.declarations) {
          if (!ts.isIdentifier(d.name) || !d.initializer) continue;
          this.exportVar(d.name.text, d);
        }
      } else if (ts.isExportAssignment(st)) {
        this.exportExpr('default', st.expression);
      } else if (ts.isExportDeclaration(st)) {
        const module = st.moduleSpecifier && ts.isStringLiteral(st.moduleSpecifier) ? st.moduleSpecifier.text : undefined;
        if (module) this.imports.add(module);
        if (!st.exportClause) {
          if (module) this.starExports.push(module);
        } else if (ts.isNamespaceExport(st.exportClause)) {
          if (module) this.exports[st.exportClause.name.text] = { k: 'reexport', module, name: '*' };
        } else {
          for (const el of st.exportClause.elements) {
            const local = (el.propertyName ?? el.name).text;
            const name = el.name.text;
            if (module) this.exports[name] = { k: 'reexport', module, name: local };
            else this.exportLocalName(name, local, el);
          }
        }
      } else if (ts.isExpressionStatement(st) && ts.isBinaryExpression(st.expression) && st.expression.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
        // CommonJS: module.exports = x; module.exports.x = y; exports.x = y
        const left = st.expression.left.getText(this.sf).replace(/\s+/g, '');
        const right = st.expression.right;
        if (left === 'module.exports') {
          this.exportExpr('default', right);
          const u = unwrap(right);
          if (ts.isObjectLiteralExpression(u)) {
            for (const p of u.properties) {
              const key = p.name && memberKey(p.name);
              if (!key) continue;
              if (ts.isPropertyAssignment(p)) this.exportExpr(key, p.initializer);
              else if (ts.isShorthandPropertyAssignment(p)) this.exportExpr(key, p.name);
              else if (ts.isMethodDeclaration(p)) this.exports[key] = { k: 'entity', id: this.entityIdFor(p) };
            }
          }
        } else {
          const m = /^(?:module\.)?exports\.([A-Za-z_$][\w$]*)$/.exec(left);
          if (m) this.exportExpr(m[1], right);
        }
      }
    }
  }

  private exportVar(name: string, d: ts.VariableDeclaration): void {
    const init = d.initializer!;
    const c = this.constValue(init);
    if (c) {
      const id = `${name}@const`;
      this.entities[id] = { k: 'const', value: c };
      this.exports[name] = { k: 'entity', id };
      return;
    }
    this.exportExpr(name, init);
  }

  private exportExpr(name: string, expr: ts.Expression): void {
    const v = this.entityValue(expr, 0);
    if (!v) {
      const c = this.constValue(expr);
      if (c) {
        const id = `${name}@const`;
        this.entities[id] = { k: 'const', value: c };
        this.exports[name] = { k: 'entity', id };
      }
      return;
    }
    if (v.k === 'entity') this.exports[name] = { k: 'entity', id: v.id };
    else if (v.k === 'app') this.exports[name] = { k: 'app', ref: v.ref };
    else {
      const id = `${name}@sdk`;
      this.entities[id] = { k: 'val', value: v };
      this.exports[name] = { k: 'entity', id };
    }
  }

  private exportLocalName(name: string, local: string, at: ts.Node): void {
    const d = this.scopes.lookup(local, at.parent ?? at);
    if (!d) return;
    if (d.k === 'import') {
      this.exports[name] = { k: 'reexport', module: d.module, name: d.name };
      return;
    }
    if (d.k === 'func' || d.k === 'class') {
      this.exports[name] = { k: 'entity', id: this.entityIdFor(d.node) };
      return;
    }
    if (d.k === 'enum') {
      const c = this.enumValue(d.node);
      const id = `${name}@const`;
      this.entities[id] = { k: 'const', value: c };
      this.exports[name] = { k: 'entity', id };
      return;
    }
    if (d.k === 'var' && d.decl.initializer && d.path.length === 0) this.exportVar(name, d.decl);
  }

  /** A constant worth exporting: strings and objects/arrays/enums of strings (event-name tables). */
  private constValue(expr: ts.Expression): ArgValue | undefined {
    const v = this.value(expr, 0);
    const isConst = (x: ArgValue): boolean =>
      x.t === 'str' || x.t === 'union' || (x.t === 'obj' && x.props.length > 0 && x.props.every((p) => isConst(p.value) || p.value.t === 'lit')) || (x.t === 'arr' && x.items.every(isConst));
    return isConst(v) ? v : undefined;
  }

  private enumValue(node: ts.EnumDeclaration): ArgValue {
    const props: ObjProp[] = [];
    for (const m of node.members) {
      const key = memberKey(m.name);
      if (!key) continue;
      const v: ArgValue = m.initializer ? this.value(m.initializer, 1) : { t: 'lit', text: key, span: span(m, this.sf) };
      props.push({ key, value: v, keySpan: span(m.name, this.sf), span: span(m, this.sf) });
    }
    return { t: 'obj', props, spreads: [], span: span(node, this.sf), open: false };
  }

  // ---------------------------------------------------------------- values

  /** The abstract value of an expression (following local constants and parameters). */
  value(expr: ts.Expression, depth: number): ArgValue {
    const e = unwrap(expr);
    const sp = span(e, this.sf);
    const dyn = (): ArgValue => ({ t: 'dyn', text: clip(e.getText(this.sf)), span: sp });
    if (depth > MAX_DEPTH) return dyn();
    if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return { t: 'str', v: e.text, span: sp };
    if (ts.isNumericLiteral(e) || e.kind === ts.SyntaxKind.TrueKeyword || e.kind === ts.SyntaxKind.FalseKeyword || e.kind === ts.SyntaxKind.NullKeyword) {
      return { t: 'lit', text: e.getText(this.sf), span: sp };
    }
    if (ts.isTemplateExpression(e)) {
      let s = e.head.text;
      for (const t of e.templateSpans) {
        const v = this.value(t.expression, depth + 1);
        if (v.t !== 'str') return dyn();
        s += v.v + t.literal.text;
      }
      return { t: 'str', v: s, span: sp };
    }
    if (ts.isIdentifier(e)) return this.identifierValue(e, depth, dyn);
    if (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e)) {
      const name = memberName(e);
      if (name === undefined) return dyn();
      const base = unwrap(e.expression);
      if (ts.isIdentifier(base)) {
        const d = this.scopes.lookup(base.text, base);
        if (d?.k === 'enum') {
          const m = d.node.members.find((x) => memberKey(x.name) === name);
          if (m?.initializer) return { ...this.value(m.initializer, depth + 1), span: sp };
          return dyn();
        }
      }
      const b = this.value(e.expression, depth + 1);
      if (b.t === 'obj' || b.t === 'arr') {
        let r: ArgValue | undefined;
        if (b.t === 'obj') for (let i = b.props.length - 1; i >= 0 && !r; i--) if (b.props[i].key === name) r = b.props[i].value;
        if (b.t === 'arr' && /^\d+$/.test(name)) r = b.items[Number(name)];
        if (r && (r.t === 'str' || r.t === 'union' || r.t === 'lit')) return { ...r, span: sp };
        if (r) return r.t === 'obj' || r.t === 'arr' ? r : { t: 'dyn', text: clip(e.getText(this.sf)), span: sp };
        return dyn();
      }
      if (b.t === 'param') return { t: 'param', fn: b.fn, i: b.i, path: [...b.path, name], span: sp, text: clip(e.getText(this.sf)) };
      if (b.t === 'dyn') return { t: 'dyn', text: clip(`${b.text}.${name}`), span: sp, imp: b.imp && { ...b.imp, path: [...b.imp.path, name] } };
      return dyn();
    }
    if (ts.isObjectLiteralExpression(e)) return this.objectValue(e, depth);
    if (ts.isArrayLiteralExpression(e)) {
      const items = e.elements.map((x) => (ts.isSpreadElement(x) ? this.spreadArg(x) : this.value(x, depth + 1)));
      return { t: 'arr', items, span: sp };
    }
    if (ts.isConditionalExpression(e)) {
      const a = this.value(e.whenTrue, depth + 1);
      const b = this.value(e.whenFalse, depth + 1);
      const sa = a.t === 'str' ? [a.v] : a.t === 'union' ? a.vs : null;
      const sb = b.t === 'str' ? [b.v] : b.t === 'union' ? b.vs : null;
      if (sa && sb) return { t: 'union', vs: [...new Set([...sa, ...sb])], span: sp };
      return dyn();
    }
    if (ts.isBinaryExpression(e)) {
      const op = e.operatorToken.kind;
      if (op === ts.SyntaxKind.PlusToken) {
        const a = this.value(e.left, depth + 1);
        const b = this.value(e.right, depth + 1);
        if (a.t === 'str' && b.t === 'str') return { t: 'str', v: a.v + b.v, span: sp };
        return dyn();
      }
      if (op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.QuestionQuestionToken) {
        const a = this.value(e.left, depth + 1);
        if (a.t === 'param') return { ...a, span: sp };
        if (a.t === 'dyn') return { t: 'dyn', text: clip(`${a.text} ?? ${e.right.getText(this.sf)}`), span: sp };
        return a;
      }
      return dyn();
    }
    return dyn();
  }

  private identifierValue(e: ts.Identifier, depth: number, dyn: () => ArgValue): ArgValue {
    const sp = span(e, this.sf);
    const d = this.scopes.lookup(e.text, e);
    if (!d) return e.text === 'undefined' ? { t: 'lit', text: 'undefined', span: sp } : dyn();
    if (d.k === 'param') {
      if (d.rest) return { t: 'rest', fn: this.entityIdFor(d.fn), from: d.index, span: sp, text: e.text };
      return { t: 'param', fn: this.entityIdFor(d.fn), i: d.index, path: d.path, span: sp, text: e.text, ...(d.omit ? { omit: d.omit } : {}) };
    }
    if (d.k === 'var' && d.decl.initializer) {
      const init = d.decl.initializer;
      let v = this.value(init, depth + 1);
      for (const p of d.path) {
        if (v.t === 'obj') {
          const found: ObjProp | undefined = [...v.props].reverse().find((x) => x.key === p);
          v = found ? found.value : { t: 'dyn', text: clip(`${init.getText(this.sf)}.${p}`), span: sp };
        } else if (v.t === 'param') v = { ...v, path: [...v.path, p], text: `${v.text}.${p}` };
        else v = { t: 'dyn', text: clip(`${v.t === 'dyn' ? v.text : init.getText(this.sf)}.${p}`), span: sp };
      }
      if (v.t === 'str' || v.t === 'union' || v.t === 'lit') return { ...v, span: sp };
      // `const { event, ...rest } = x`: rest is x without the keys bound beside it.
      if (d.omit && v.t === 'obj') v = { ...v, props: v.props.filter((p) => !d.omit!.includes(p.key)) };
      else if (d.omit && v.t === 'param') v = { ...v, omit: [...(v.omit ?? []), ...d.omit] };
      if (v.t === 'obj') return { ...v, props: v.props.map((p) => ({ ...p, indirect: true })) };
      if (v.t === 'dyn') return { t: 'dyn', text: v.text, span: sp };
      return v;
    }
    if (d.k === 'import') return { t: 'dyn', text: e.text, span: sp, imp: { module: d.module, name: d.name, path: [] } };
    return dyn();
  }

  private objectValue(e: ts.ObjectLiteralExpression, depth: number): ArgValue {
    const props: ObjProp[] = [];
    const spreads: ArgValue[] = [];
    let open = false;
    for (const p of e.properties) {
      if (ts.isSpreadAssignment(p)) {
        const v = this.value(p.expression, depth + 1);
        if (v.t === 'obj') {
          for (const q of v.props) props.push({ ...q, indirect: true });
          spreads.push(...v.spreads);
          open = open || v.open;
        } else {
          spreads.push(v);
          if (v.t !== 'param') open = true;
        }
        continue;
      }
      if (!p.name) continue;
      const key = memberKey(p.name);
      if (key === undefined) {
        open = true;
        continue;
      }
      const keySpan = span(p.name, this.sf);
      const pspan = span(p, this.sf);
      if (ts.isPropertyAssignment(p)) props.push({ key, value: this.value(p.initializer, depth + 1), keySpan, span: pspan });
      else if (ts.isShorthandPropertyAssignment(p)) props.push({ key, value: this.value(p.name, depth + 1), keySpan, span: pspan });
      else props.push({ key, value: { t: 'lit', text: 'function', span: pspan }, keySpan, span: pspan });
    }
    return { t: 'obj', props, spreads, span: span(e, this.sf), open };
  }
}

// ---------------------------------------------------------------- helpers

function span(n: ts.Node, sf: ts.SourceFile): Span {
  return { start: n.getStart(sf), end: n.getEnd() };
}

function clip(s: string): string {
  const t = s.replace(/\s+/g, ' ');
  return t.length > MAX_TEXT ? t.slice(0, MAX_TEXT) + '…' : t;
}

/** Strip parentheses, type assertions, `!`, `satisfies`, `await` and `void`. */
export function unwrap(e: ts.Expression): ts.Expression {
  for (;;) {
    if (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e) || ts.isTypeAssertionExpression(e) || ts.isSatisfiesExpression(e) || ts.isAwaitExpression(e)) {
      e = e.expression;
    } else if (ts.isPartiallyEmittedExpression?.(e)) {
      e = e.expression;
    } else return e;
  }
}

function memberName(e: ts.PropertyAccessExpression | ts.ElementAccessExpression): string | undefined {
  if (ts.isPropertyAccessExpression(e)) return ts.isIdentifier(e.name) ? e.name.text : ts.isPrivateIdentifier(e.name) ? e.name.text : undefined;
  const a = unwrap(e.argumentExpression);
  if (ts.isStringLiteralLike(a) || ts.isNumericLiteral(a)) return a.text;
  return undefined;
}

function memberKey(name: ts.PropertyName | ts.BindingName): string | undefined {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name) || ts.isPrivateIdentifier(name)) return name.text;
  if (ts.isNoSubstitutionTemplateLiteral(name as ts.Node)) return (name as unknown as ts.NoSubstitutionTemplateLiteral).text;
  if (ts.isComputedPropertyName(name)) {
    const x = unwrap(name.expression);
    if (ts.isStringLiteralLike(x) || ts.isNumericLiteral(x)) return x.text;
  }
  return undefined;
}

function isEntityExpression(e: ts.Node): boolean {
  return ts.isArrowFunction(e) || ts.isFunctionExpression(e) || ts.isClassExpression(e) || (ts.isObjectLiteralExpression(e) && e.properties.some((p) => ts.isMethodDeclaration(p) || (ts.isPropertyAssignment(p) && isFunctionish(p.initializer)) || ts.isShorthandPropertyAssignment(p)));
}

function isFunctionish(e: ts.Expression): boolean {
  const u = unwrap(e);
  return ts.isArrowFunction(u) || ts.isFunctionExpression(u) || ts.isIdentifier(u) || ts.isCallExpression(u) || ts.isPropertyAccessExpression(u);
}

function isConstDecl(d: ts.VariableDeclaration): boolean {
  return !!(d.parent && ts.isVariableDeclarationList(d.parent) && d.parent.flags & ts.NodeFlags.Const);
}

function isStatementLike(n: ts.Node): boolean {
  return ts.isExpressionStatement(n) || ts.isVariableStatement(n) || ts.isReturnStatement(n) || ts.isIfStatement(n) || ts.isExportAssignment(n);
}

function hasExportModifier(n: ts.Node): boolean {
  return !!(ts.canHaveModifiers(n) && ts.getModifiers(n)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword));
}

/**
 * A command-queue stub of an SDK snippet: a function of one or two statements that hands its
 * `arguments` object (or its rest parameter) on whole, `function gtag(){dataLayer.push(arguments);}`.
 */
function isQueueStub(f: ts.SignatureDeclaration): boolean {
  const body = (f as { body?: ts.Node }).body;
  if (!body || !ts.isBlock(body) || body.statements.length === 0 || body.statements.length > 2) return false;
  const found = (n: ts.Node): boolean => (ts.isCallExpression(n) && n.arguments.some((a) => passesArguments(a, f))) || ts.forEachChild(n, found) === true;
  return body.statements.every((st) => ts.isExpressionStatement(st) && found(st.expression));
}

/** `arguments`, or the rest parameter of `f`, passed as one value. */
function passesArguments(a: ts.Expression, f: ts.SignatureDeclaration): boolean {
  const u = unwrap(a);
  if (!ts.isIdentifier(u)) return false;
  if (u.text === 'arguments') return true;
  const last = f.parameters[f.parameters.length - 1];
  return !!last?.dotDotDotToken && ts.isIdentifier(last.name) && last.name.text === u.text;
}

/** The nearest enclosing function-like node. */
/**
 * The function a call belongs to for wrapper inference: callbacks passed to other calls
 * (`promise.then(x => …)`, `items.forEach(…)`, `setTimeout(…)`) run as part of the function around
 * them, so a wrapper whose SDK call sits in such a callback is still that outer function. The
 * callbacks of `useCallback`-style helpers are functions of their own (their const's entity).
 */
export function owningFunction(n: ts.Node): ts.SignatureDeclaration | undefined {
  for (let p = n.parent; p; p = p.parent) {
    if (!ts.isFunctionLike(p)) continue;
    const parent = p.parent;
    if ((ts.isArrowFunction(p) || ts.isFunctionExpression(p)) && parent && ts.isCallExpression(parent) && parent.arguments.includes(p)) {
      const c = unwrap(parent.expression);
      const name = ts.isIdentifier(c) ? c.text : ts.isPropertyAccessExpression(c) ? c.name.text : '';
      if (!FN_WRAPPERS.has(name) && name !== 'useMemo' && name !== 'bind') continue;
    }
    return p;
  }
  return undefined;
}

export function enclosingFunction(n: ts.Node): ts.SignatureDeclaration | undefined {
  for (let p = n.parent; p; p = p.parent) if (ts.isFunctionLike(p)) return p;
  return undefined;
}

function enclosingClass(n: ts.Node): ts.ClassLikeDeclaration | undefined {
  for (let p = n.parent; p; p = p.parent) {
    if (ts.isClassLike(p)) return p;
    if (ts.isFunctionDeclaration(p) || ts.isFunctionExpression(p)) return undefined;
  }
  return undefined;
}

/** The expression a function returns (expression body, or the last `return x` at its top level). */
function returnedExpression(f: ts.SignatureDeclaration & { body?: ts.Node }): ts.Expression | undefined {
  const body = f.body;
  if (!body) return undefined;
  if (!ts.isBlock(body)) return body as ts.Expression;
  for (let i = body.statements.length - 1; i >= 0; i--) {
    const st = body.statements[i];
    if (ts.isReturnStatement(st) && st.expression) return st.expression;
  }
  return undefined;
}

/** A readable name for a function, class or object node (used for `via`). */
export function entityName(node: ts.Node): string {
  const named = (node as { name?: ts.Node }).name;
  const own = named && (ts.isIdentifier(named) || ts.isStringLiteral(named) || ts.isPrivateIdentifier(named)) ? named.text : undefined;
  if (ts.isMethodDeclaration(node) || ts.isPropertyDeclaration(node) || ts.isGetAccessor(node)) {
    const owner = node.parent;
    const ownerName = ts.isClassLike(owner) ? owner.name?.text : ts.isObjectLiteralExpression(owner) ? objectOwnerName(owner) : undefined;
    return ownerName ? `${ownerName}.${own}` : own ?? 'method';
  }
  if (own) return own;
  const p = node.parent;
  if (p && ts.isVariableDeclaration(p) && ts.isIdentifier(p.name)) return p.name.text;
  if (p && ts.isPropertyAssignment(p) && p.name) {
    const key = memberKey(p.name) ?? 'member';
    const owner = ts.isObjectLiteralExpression(p.parent) ? objectOwnerName(p.parent) : undefined;
    return owner ? `${owner}.${key}` : key;
  }
  if (p && ts.isPropertyDeclaration(p) && p.name) {
    const key = memberKey(p.name) ?? 'member';
    const cls = p.parent;
    return ts.isClassLike(cls) && cls.name ? `${cls.name.text}.${key}` : key;
  }
  if (p && ts.isCallExpression(p)) {
    // useCallback(() => …) assigned to a const
    const gp = p.parent;
    if (gp && ts.isVariableDeclaration(gp) && ts.isIdentifier(gp.name)) return gp.name.text;
    if (gp && ts.isPropertyAssignment(gp) && gp.name) return memberKey(gp.name) ?? 'callback';
  }
  if (p && ts.isExportAssignment(p)) return 'default';
  return ts.isObjectLiteralExpression(node) ? objectOwnerName(node) ?? 'object' : 'anonymous';
}

function objectOwnerName(o: ts.ObjectLiteralExpression): string | undefined {
  let p: ts.Node = o.parent;
  while (p && (ts.isParenthesizedExpression(p) || ts.isAsExpression(p) || ts.isSatisfiesExpression(p))) p = p.parent;
  if (p && ts.isVariableDeclaration(p) && ts.isIdentifier(p.name)) return p.name.text;
  if (p && ts.isPropertyAssignment(p) && p.name) return memberKey(p.name);
  return undefined;
}

export type { SdkTypeRef };
