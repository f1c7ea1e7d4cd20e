/**
 * A small lexical binder over the TypeScript AST: which declaration a name refers to at a node.
 *
 * The TypeScript checker would answer this exactly but needs a whole program; for tracking calls a
 * syntactic scope walk is enough and keeps the per-file cost linear. Declared names are collected
 * lazily per scope node and cached for the lifetime of one file's analysis.
 * `var` is treated as block-scoped and ambient (`declare`) declarations are ignored, so that
 * `declare const analytics: …` still lets `analytics` resolve to the global.
 */
import ts from 'typescript';

export type Decl =
  | { k: 'var'; decl: ts.VariableDeclaration; path: string[]; omit?: string[] }
  | { k: 'param'; fn: ts.SignatureDeclaration; index: number; path: string[]; rest: boolean; omit?: string[] }
  | { k: 'func'; node: ts.FunctionDeclaration }
  | { k: 'class'; node: ts.ClassDeclaration }
  | { k: 'enum'; node: ts.EnumDeclaration }
  | { k: 'import'; module: string; name: string; node: ts.Node }
  | { k: 'other' };

function isScopeNode(n: ts.Node): boolean {
  return (
    ts.isSourceFile(n) ||
    ts.isBlock(n) ||
    ts.isModuleBlock(n) ||
    ts.isCaseBlock(n) ||
    ts.isFunctionLike(n) ||
    ts.isForStatement(n) ||
    ts.isForInStatement(n) ||
    ts.isForOfStatement(n) ||
    ts.isCatchClause(n) ||
    ts.isClassLike(n)
  );
}

function isAmbient(n: ts.Node): boolean {
  const mods = ts.canHaveModifiers(n) ? ts.getModifiers(n) : undefined;
  return !!mods?.some((m) => m.kind === ts.SyntaxKind.DeclareKeyword);
}

/**
 * Collect the names a binding pattern declares, with the property path to each. An object rest
 * element (`{ event, ...props }`) gets its parent's path and the sibling keys it leaves out.
 */
export function bindingNames(
  name: ts.BindingName,
  path: string[],
  out: (id: string, path: string[], rest: boolean, omit?: string[]) => void,
  rest = false,
  omit?: string[],
): void {
  if (ts.isIdentifier(name)) {
    out(name.text, path, rest, omit);
    return;
  }
  if (ts.isObjectBindingPattern(name)) {
    const keyOf = (el: ts.BindingElement): string => {
      const prop = el.propertyName ?? (ts.isIdentifier(el.name) ? el.name : undefined);
      return prop && (ts.isIdentifier(prop) || ts.isStringLiteral(prop) || ts.isNumericLiteral(prop)) ? prop.text : '?';
    };
    const siblings = name.elements.filter((el) => !el.dotDotDotToken).map(keyOf);
    for (const el of name.elements) {
      if (el.dotDotDotToken) {
        bindingNames(el.name, path, out, false, siblings);
        continue;
      }
      bindingNames(el.name, [...path, keyOf(el)], out);
    }
    return;
  }
  name.elements.forEach((el, i) => {
    if (ts.isOmittedExpression(el)) return;
    bindingNames(el.name, el.dotDotDotToken ? path : [...path, String(i)], out, !!el.dotDotDotToken);
  });
}

/** Resolves names to declarations. One instance per analysed file. */
export class Scopes {
  private readonly cache = new Map<ts.Node, Map<string, Decl>>();

  /** The declaration `name` refers to at `at`, or undefined for a global. */
  lookup(name: string, at: ts.Node): Decl | undefined {
    for (let n: ts.Node | undefined = at; n; n = n.parent) {
      if (!isScopeNode(n)) continue;
      const d = this.declared(n).get(name);
      if (d) return d;
    }
    return undefined;
  }

  private declared(scope: ts.Node): Map<string, Decl> {
    let m = this.cache.get(scope);
    if (m) return m;
    m = new Map();
    this.cache.set(scope, m);
    const add = (id: string, d: Decl) => {
      if (!m!.has(id)) m!.set(id, d);
    };
    if (ts.isFunctionLike(scope)) {
      scope.parameters.forEach((p, index) =>
        bindingNames(p.name, [], (id, path, rest, omit) => add(id, { k: 'param', fn: scope, index, path, rest: rest || !!p.dotDotDotToken, omit })),
      );
      // A named function expression sees its own name.
      if ((ts.isFunctionExpression(scope) || ts.isClassExpression(scope)) && scope.name) add(scope.name.text, { k: 'other' });
      return m;
    }
    if (ts.isCatchClause(scope)) {
      if (scope.variableDeclaration) bindingNames(scope.variableDeclaration.name, [], (id) => add(id, { k: 'other' }));
      return m;
    }
    if (ts.isForStatement(scope) || ts.isForInStatement(scope) || ts.isForOfStatement(scope)) {
      const init = scope.initializer;
      if (init && ts.isVariableDeclarationList(init)) for (const d of init.declarations) bindingNames(d.name, [], (id) => add(id, { k: 'other' }));
      return m;
    }
    if (ts.isClassLike(scope)) return m;
    const statements: readonly ts.Node[] = ts.isCaseBlock(scope) ? scope.clauses.flatMap((c) => c.statements) : (scope as ts.Block | ts.SourceFile | ts.ModuleBlock).statements;
    for (const st of statements) this.collectStatement(st, add);
    return m;
  }

  private collectStatement(st: ts.Node, add: (id: string, d: Decl) => void): void {
    if (isAmbient(st)) return;
    if (ts.isVariableStatement(st)) {
      for (const d of st.declarationList.declarations) bindingNames(d.name, [], (id, path, _rest, omit) => add(id, { k: 'var', decl: d, path, omit }));
    } else if (ts.isFunctionDeclaration(st) && st.name) {
      if (st.body) add(st.name.text, { k: 'func', node: st });
    } else if (ts.isClassDeclaration(st) && st.name) {
      add(st.name.text, { k: 'class', node: st });
    } else if (ts.isEnumDeclaration(st)) {
      add(st.name.text, { k: 'enum', node: st });
    } else if (ts.isImportDeclaration(st) && ts.isStringLiteral(st.moduleSpecifier) && st.importClause) {
      const module = st.moduleSpecifier.text;
      const c = st.importClause;
      if (c.name) add(c.name.text, { k: 'import', module, name: 'default', node: c });
      const nb = c.namedBindings;
      if (nb && ts.isNamespaceImport(nb)) add(nb.name.text, { k: 'import', module, name: '*', node: nb });
      if (nb && ts.isNamedImports(nb)) for (const el of nb.elements) add(el.name.text, { k: 'import', module, name: (el.propertyName ?? el.name).text, node: el });
    } else if (ts.isImportEqualsDeclaration(st) && ts.isExternalModuleReference(st.moduleReference) && ts.isStringLiteral(st.moduleReference.expression)) {
      add(st.name.text, { k: 'import', module: st.moduleReference.expression.text, name: '*', node: st });
    } else if (ts.isModuleDeclaration(st) && ts.isIdentifier(st.name)) {
      add(st.name.text, { k: 'other' });
    } else if (ts.isExportAssignment(st) || ts.isExportDeclaration(st)) {
      // no new local names
    } else if (ts.isLabeledStatement(st)) {
      this.collectStatement(st.statement, add);
    }
  }
}
