/**
 * One protocol-level scenario of the language server, run over every transport (in process and
 * the bundled `dist/server.js --stdio`): a temp copy of `fixtures/lsp-workspace`, a client that
 * speaks LSP, and what a developer does in an editor, step by step. Later tests build on the
 * state earlier ones leave (a fixed manifest, a renamed event), as an editing session does.
 */
import * as assert from 'node:assert/strict';
import { pathToFileURL } from 'node:url';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  type CodeAction,
  type CodeLens,
  type CompletionList,
  type Diagnostic,
  type DocumentSymbol,
  type Hover,
  type Location,
  type MarkupContent,
  type WorkspaceEdit,
  type WorkspaceSymbol,
  CancellationTokenSource,
  DiagnosticSeverity,
  FileChangeType,
  LSPErrorCodes,
  ResponseError,
} from 'vscode-languageserver/node';
import { checkOnDisk } from '../../src/cli/main';
import { dataUses } from '../../src/core/taxonomy';
import type { CheckOutput } from '../../src/core/check';
import { applyWorkspaceEdit, copyFixture, editedUris, positionOf, TestClient, type Transport } from '../helpers/lspHarness';

const codes = (ds: readonly Diagnostic[] | undefined) => (ds ?? []).map((d) => String(d.code)).sort();
const message = (d: Diagnostic) => (typeof d.message === 'string' ? d.message : d.message.value);
const markdown = (h: Hover | null) => (h?.contents as MarkupContent | undefined)?.value ?? '';
const comments = (text: string) => text.split('\n').filter((l) => l.includes('#')).map((l) => l.slice(l.indexOf('#')));

/** Registers the scenario as a mocha suite over transports made by `makeTransport`. */
export function lspScenario(name: string, makeTransport: () => Transport): void {
  suite(name, function () {
    let root: string;
    let client: TestClient;
    let cli: CheckOutput;
    let manifestPath: string;
    let manifestUri: string;
    let checkoutUri: string;
    let signupUri: string;
    const src = (f: string) => path.join(root, 'src', f);
    const uriOf = (p: string) => pathToFileURL(p).href;
    const diags = (uri: string) => client.diagnostics.get(uri);
    const diagnosticsWhere = (uri: string, ok: (ds: Diagnostic[]) => boolean, message: string) =>
      client.waitFor(() => {
        const ds = diags(uri);
        return ds && ok(ds) ? ds : undefined;
      }, { message: `${message} (${uri})` });
    const codeActions = (uri: string, diagnostics: Diagnostic[], only?: string[]) =>
      client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics, only } });

    suiteSetup(async function () {
      this.timeout(60000);
      root = copyFixture('lsp-workspace');
      manifestPath = path.join(root, 'privacy.yaml');
      manifestUri = uriOf(manifestPath);
      checkoutUri = uriOf(src('checkout.ts'));
      signupUri = uriOf(src('signup.ts'));
      // Files the index must skip: dependencies, build output, .gitignored code.
      const skipped: Record<string, string> = {
        'node_modules/fake-sdk/index.js': "analytics.track('Ignored Dependency Event');\n",
        'dist/bundle.js': "analytics.track('Ignored Build Event');\n",
        'src/generated/gen.ts': "analytics.track('Ignored Generated Event');\n",
      };
      for (const [rel, text] of Object.entries(skipped)) {
        fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
        fs.writeFileSync(path.join(root, rel), text);
      }
      cli = await checkOnDisk([root], root, { manifest: null });
      client = new TestClient(makeTransport());
      await client.initialize(root);
    });

    suiteTeardown(async function () {
      this.timeout(20000);
      const errors = client?.logs.filter((l) => /error|exception/i.test(l)) ?? [];
      await client?.shutdown();
      assert.deepEqual(errors, [], 'the server logged no errors');
      if (root) fs.rmSync(root, { recursive: true, force: true });
    });

    test('initialize announces incremental sync and the features it implements', () => {
      const caps = client.initializeResult!.capabilities;
      assert.deepEqual(caps.textDocumentSync, { openClose: true, change: 2 });
      assert.ok(caps.hoverProvider && caps.definitionProvider && caps.referencesProvider && caps.documentSymbolProvider && caps.workspaceSymbolProvider);
      assert.deepEqual(caps.renameProvider, { prepareProvider: true });
      assert.deepEqual((caps.codeActionProvider as { codeActionKinds: string[] }).codeActionKinds, ['quickfix', 'source.fixAll.privet']);
      assert.ok(caps.completionProvider?.triggerCharacters?.includes("'"));
      assert.equal(caps.workspace?.workspaceFolders?.changeNotifications, true);
      assert.equal(caps.documentFormattingProvider, undefined, 'only what is implemented');
    });

    test('indexes the workspace in the background with $/progress and reports the CLI totals in privet/status', async () => {
      const end = await client.waitFor(() => client.progress.find((p) => p.value.kind === 'end'), { message: 'progress end' });
      const begin = client.progress.findIndex((p) => p.value.kind === 'begin' && p.token === end.token);
      assert.ok(begin >= 0 && begin < client.progress.indexOf(end), 'begin before end');
      assert.equal(client.progress[begin].value.title, 'Privet');
      assert.ok(client.statuses.some((s) => s.indexing), 'a status while indexing');
      const live = cli.findings.filter((f) => !f.suppressed);
      const expected = { calls: cli.calls.length, errors: live.filter((f) => f.severity === 'error').length, warnings: live.filter((f) => f.severity === 'warning').length };
      const status = await client.waitFor(() => {
        const s = client.statuses[client.statuses.length - 1];
        return s && !s.indexing && s.calls === expected.calls && s.errors === expected.errors && s.warnings === expected.warnings ? s : undefined;
      }, { message: `status ${JSON.stringify(expected)}` });
      assert.deepEqual(status.manifests, [manifestPath]);
      // The CLI (the oracle here) skipped the same files the index skipped.
      assert.ok(cli.calls.length >= 3 && !cli.calls.some((c) => /node_modules|dist|generated/.test(c.file)));
    });

    test('publishes the findings of closed files too, from disk, as the CLI reports them', async () => {
      const closed = cli.findings.filter((f) => !f.suppressed && !f.file.endsWith('privacy.yaml'));
      const files = [...new Set(closed.map((f) => f.file))];
      assert.ok(files.length > 0, 'the CLI finds something in the source files');
      for (const file of files) {
        const uri = pathToFileURL(file).href;
        const expected = closed.filter((f) => f.file === file).map((f) => `${f.rule}:${f.range.start.line}`).sort();
        await diagnosticsWhere(uri, (ds) => JSON.stringify(ds.map((d) => `${d.code}:${d.range.start.line}`).sort()) === JSON.stringify(expected), `diagnostics of closed ${file}`);
      }
    });

    test('publishes the findings of open files, the same as the CLI reports', async () => {
      checkoutUri = await client.open(src('checkout.ts'));
      signupUri = await client.open(src('signup.ts'));
      for (const [uri, file] of [[checkoutUri, src('checkout.ts')], [signupUri, src('signup.ts')]]) {
        const expected = cli.findings.filter((f) => f.file === file && !f.suppressed).map((f) => `${f.rule}:${f.range.start.line}`).sort();
        assert.ok(expected.length > 0, `the CLI finds something in ${file}`);
        await diagnosticsWhere(uri, (ds) => JSON.stringify(ds.map((d) => `${d.code}:${d.range.start.line}`).sort()) === JSON.stringify(expected), `diagnostics ${expected.join(', ')}`);
      }
      const d = diags(checkoutUri)!.find((x) => x.code === 'undeclared-property')!;
      assert.equal(d.source, 'privet');
      assert.equal(d.severity, DiagnosticSeverity.Error);
      assert.equal(d.codeDescription?.href, 'https://github.com/privet-dev/privet/blob/main/docs/rules/undeclared-property.md');
      assert.match(message(d), /'email'/);
      assert.deepEqual(codes(diags(signupUri)), ['undeclared-event']);
    });

    test('publishes the manifest problems and manifest-level findings of privacy.yaml', async () => {
      await client.open(manifestPath);
      const ds = await diagnosticsWhere(manifestUri, (x) => x.some((d) => d.code === 'unused-event'), 'unused-event in privacy.yaml');
      const text = fs.readFileSync(manifestPath, 'utf8');
      const d = ds.find((x) => x.code === 'unused-event')!;
      assert.equal(d.range.start.line, positionOf(text, 'Page Viewed:').line);
      assert.equal(d.severity, DiagnosticSeverity.Warning);
    });

    test('hover on a tracking call shows the declaration and the call findings', async () => {
      const text = fs.readFileSync(src('checkout.ts'), 'utf8');
      const h = await client.request<Hover>('textDocument/hover', { textDocument: { uri: checkoutUri }, position: positionOf(text, 'analytics.track', 3) });
      const md = markdown(h);
      for (const expected of ['Order Completed', 'A customer finished checkout', 'product-analytics', 'legitimate_interests', 'Twilio Segment', 'region US', 'retention P2Y', 'transfer SCCs', 'order_id', 'user.behavior.purchase_history', 'growth@example.com', '2099-12-31', 'undeclared-property']) {
        assert.ok(md.includes(expected), `hover mentions ${expected}:\n${md}`);
      }
      assert.equal(h.range?.start.line, positionOf(text, 'analytics.track').line);
    });

    test('hover on a property key shows its declared and inferred category', async () => {
      const text = fs.readFileSync(src('checkout.ts'), 'utf8');
      const email = markdown(await client.request<Hover>('textDocument/hover', { textDocument: { uri: checkoutUri }, position: positionOf(text, 'email: user', 1) }));
      assert.match(email, /Declared: \*not declared\*/);
      assert.match(email, /Inferred: `user\.contact\.email`/);
      const orderId = markdown(await client.request<Hover>('textDocument/hover', { textDocument: { uri: checkoutUri }, position: positionOf(text, 'order_id', 2) }));
      assert.match(orderId, /Declared: `user\.behavior\.purchase_history`/);
    });

    test('hover in privacy.yaml: taxonomy keys, purposes and destinations with their call sites', async () => {
      const text = fs.readFileSync(manifestPath, 'utf8');
      const use = markdown(await client.request<Hover>('textDocument/hover', { textDocument: { uri: manifestUri }, position: positionOf(text, 'analytics.reporting', 3) }));
      assert.ok(use.includes(dataUses.get('analytics.reporting')!.description.slice(0, 40)), use);
      const purpose = markdown(await client.request<Hover>('textDocument/hover', { textDocument: { uri: manifestUri }, position: positionOf(text, 'product-analytics:', 2) }));
      const byPurpose = cli.calls.filter((c) => c.event === 'Order Completed').length;
      assert.match(purpose, new RegExp(`Used by ${byPurpose} call sites?`));
      const destination = markdown(await client.request<Hover>('textDocument/hover', { textDocument: { uri: manifestUri }, position: positionOf(text, 'destinations: [segment]', 16) }));
      const toSegment = cli.calls.filter((c) => c.destinations?.includes('segment')).length;
      assert.match(destination, /Twilio Segment/);
      assert.match(destination, new RegExp(`Used by ${toSegment} call sites?`));
    });

    test('completion: declared event names in the event argument, declared keys in the properties object', async () => {
      const draft = "analytics.track('', {});\nanalytics.track('Order Completed', {  });\n";
      const uri = await client.open(src('draft.ts'), draft);
      const events = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: positionOf(draft, "''", 1) });
      const names = events.items.map((i) => i.label);
      assert.ok(names.includes('Order Completed') && names.includes('Page Viewed'), names.join(', '));
      const item = events.items.find((i) => i.label === 'Order Completed')!;
      assert.deepEqual((item.textEdit as { range: unknown }).range, { start: { line: 0, character: 17 }, end: { line: 0, character: 17 } });
      const keys = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: positionOf(draft, '{  }', 2) });
      assert.deepEqual(keys.items.map((i) => i.label).sort(), ['order_id', 'revenue']);
      await client.close(uri);
      await diagnosticsWhere(uri, (ds) => ds.length === 0, 'diagnostics cleared on close');
    });

    test('completion in privacy.yaml: purposes, taxonomy keys, SDK ids, legal bases', async () => {
      const text = client.text(manifestUri)!;
      const at = async (needle: string, offset: number) =>
        (await client.request<CompletionList | null>('textDocument/completion', { textDocument: { uri: manifestUri }, position: positionOf(text, needle, offset) }))?.items.map((i) => i.label) ?? [];
      assert.ok((await at('purpose: product-analytics', 9)).includes('product-analytics'));
      assert.ok((await at('data: [user.behavior', 7)).includes('user.contact.email'));
      assert.ok((await at('revenue: user.behavior', 9)).includes('user.behavior.purchase_history'));
      const sdks = await at('sdk: segment', 5);
      assert.ok(sdks.includes('segment') && sdks.includes('ga4'), sdks.join(', '));
      assert.ok((await at('legal_basis: legitimate_interests', 13)).includes('consent'));
      assert.ok((await at('destinations: [segment]\n    owner', 15)).includes('segment'));
    });

    test('definition: from an event name and a property key in code to the manifest entry', async () => {
      const code = fs.readFileSync(src('checkout.ts'), 'utf8');
      const yaml = client.text(manifestUri)!;
      const event = await client.request<Location>('textDocument/definition', { textDocument: { uri: checkoutUri }, position: positionOf(code, "'Order Completed'", 3) });
      assert.equal(event.uri, manifestUri);
      assert.deepEqual(event.range.start, positionOf(yaml, 'Order Completed:'));
      const key = await client.request<Location>('textDocument/definition', { textDocument: { uri: checkoutUri }, position: positionOf(code, 'order_id', 1) });
      assert.deepEqual(key.range.start, positionOf(yaml, 'order_id:'));
      const purpose = await client.request<Location>('textDocument/definition', { textDocument: { uri: manifestUri }, position: positionOf(yaml, 'purpose: product-analytics', 12) });
      assert.deepEqual(purpose.range.start, positionOf(yaml, 'product-analytics:'));
    });

    test('references: from a manifest event to every call site', async () => {
      const yaml = client.text(manifestUri)!;
      const position = positionOf(yaml, 'Order Completed:', 2);
      const sites = cli.calls.filter((c) => c.event === 'Order Completed');
      const refs = await client.request<Location[]>('textDocument/references', { textDocument: { uri: manifestUri }, position, context: { includeDeclaration: false } });
      assert.deepEqual(refs.map((r) => `${r.uri}:${r.range.start.line}`).sort(), sites.map((c) => `${uriOf(c.file)}:${c.eventRange!.start.line}`).sort());
      const withDecl = await client.request<Location[]>('textDocument/references', { textDocument: { uri: manifestUri }, position, context: { includeDeclaration: true } });
      assert.equal(withDecl.length, sites.length + 1);
      assert.equal(withDecl[0].uri, manifestUri);
    });

    test('code lens above each manifest event: call sites and destinations, or never sent', async () => {
      const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: manifestUri } });
      const yaml = client.text(manifestUri)!;
      const title = (needle: string) => lenses.find((l) => l.range.start.line === positionOf(yaml, needle).line)?.command?.title;
      assert.equal(title('Order Completed:'), `${cli.calls.filter((c) => c.event === 'Order Completed').length} call sites · segment`);
      assert.equal(title('Page Viewed:'), 'never sent');
      // A count opens the call sites: the client turns the plain arguments into a references peek.
      const lens = lenses.find((l) => l.range.start.line === positionOf(yaml, 'Order Completed:').line)!;
      assert.equal(lens.command?.command, 'privet.showReferences');
      const [uri, , locations] = lens.command!.arguments as [string, unknown, { uri: string }[]];
      assert.equal(uri, manifestUri);
      assert.equal(locations.length, cli.calls.filter((c) => c.event === 'Order Completed').length);
      assert.equal(lenses.find((l) => l.range.start.line === positionOf(yaml, 'Page Viewed:').line)?.command?.command, '');
    });

    test('document symbols of privacy.yaml and workspace symbols for events', async () => {
      const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: manifestUri } });
      assert.deepEqual(symbols.map((s) => s.name), ['version', 'purposes', 'destinations', 'events']);
      const events = symbols.find((s) => s.name === 'events')!;
      assert.deepEqual(events.children?.map((c) => c.name), ['Order Completed', 'Page Viewed']);
      assert.deepEqual(events.children?.[0].children?.map((c) => c.name), ['order_id', 'revenue']);
      const found = await client.request<WorkspaceSymbol[]>('workspace/symbol', { query: 'ordcomp' });
      assert.deepEqual(found.map((s) => s.name), ['Order Completed']);
      assert.equal((found[0].location as Location).uri, manifestUri);
    });

    test('privet/init drafts a manifest from the indexed calls; privet/dataFlowGraph returns the map', async () => {
      const init = await client.request<{ path: string; created: boolean; text: string }>('privet/init', { folderUri: uriOf(root) });
      assert.equal(init.path, manifestPath);
      assert.equal(init.created, false);
      assert.match(init.text, /Signup Started/);
      assert.match(init.text, /Order Completed/);
      const graph = await client.request<{ nodes: unknown[] } | null>('privet/dataFlowGraph', {});
      assert.ok(graph && Array.isArray(graph.nodes) && JSON.stringify(graph).includes('Order Completed'));
      const scoped = await client.request<{ nodes: unknown[] } | null>('privet/dataFlowGraph', { uri: checkoutUri });
      assert.ok(scoped && JSON.stringify(scoped).includes('Signup Started'), 'the graph of the manifest governing checkout.ts');
    });

    test('cancellation: a cancelled request answers RequestCancelled or a result, and the server goes on', async () => {
      const code = fs.readFileSync(src('checkout.ts'), 'utf8');
      const position = positionOf(code, 'analytics.track', 3);
      const outcomes = await Promise.all(
        ['textDocument/hover', 'textDocument/references', 'textDocument/definition', 'textDocument/codeLens'].map(async (method) => {
          const source = new CancellationTokenSource();
          const pending = client.connection.sendRequest(method, { textDocument: { uri: method.endsWith('codeLens') ? manifestUri : checkoutUri }, position, context: { includeDeclaration: true } }, source.token);
          source.cancel();
          try {
            await pending;
            return 'result';
          } catch (e) {
            assert.ok(e instanceof ResponseError, String(e));
            assert.equal(e.code, LSPErrorCodes.RequestCancelled);
            return 'cancelled';
          }
        }),
      );
      assert.equal(outcomes.length, 4);
      const h = await client.request<Hover>('textDocument/hover', { textDocument: { uri: checkoutUri }, position });
      assert.match(markdown(h), /Order Completed/);
    });

    test('quick fix: declare the event in the closed privacy.yaml, write it, didChangeWatchedFiles clears the diagnostic', async () => {
      await client.close(manifestUri);
      await diagnosticsWhere(manifestUri, (ds) => ds.length === 0, 'manifest diagnostics cleared on close');
      const d = diags(signupUri)!.find((x) => x.code === 'undeclared-event')!;
      const actions = await codeActions(signupUri, [d]);
      const declare = actions.find((a) => a.kind === 'quickfix' && /declare/i.test(a.title) && editedUris(a.edit!).includes(manifestUri));
      assert.ok(declare, `a declare fix among ${actions.map((a) => a.title).join(' | ')}`);
      assert.deepEqual(declare.diagnostics, [d]);
      const change = declare.edit!.documentChanges!.find((c) => 'textDocument' in c && c.textDocument.uri === manifestUri) as { textDocument: { version: number | null } };
      assert.equal(change.textDocument.version, null, 'not open: no version');
      const before = fs.readFileSync(manifestPath, 'utf8');
      const after = applyWorkspaceEdit(declare.edit!, manifestUri, before);
      assert.match(after, /Signup Started/);
      assert.deepEqual(comments(after).filter((c) => comments(before).includes(c)), comments(before), 'every comment survives');
      fs.writeFileSync(manifestPath, after);
      await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: manifestUri, type: FileChangeType.Changed }] });
      await diagnosticsWhere(signupUri, (ds) => !ds.some((x) => x.code === 'undeclared-event'), 'undeclared-event gone');
    });

    test('quick fix on the open privacy.yaml: a versioned edit, applied with didChange, clears the diagnostic', async () => {
      await client.open(manifestPath);
      const d = diags(checkoutUri)!.find((x) => x.code === 'undeclared-property')!;
      const actions = await codeActions(checkoutUri, [d]);
      const declare = actions.find((a) => a.isPreferred && editedUris(a.edit!).includes(manifestUri));
      assert.ok(declare, `a preferred declare fix among ${actions.map((a) => a.title).join(' | ')}`);
      assert.ok(actions.some((a) => editedUris(a.edit!).includes(checkoutUri)), 'and a fix in the code (remove the property)');
      const change = declare.edit!.documentChanges!.find((c) => 'textDocument' in c && c.textDocument.uri === manifestUri) as { textDocument: { version: number | null } };
      assert.equal(change.textDocument.version, client.version(manifestUri));
      const before = client.text(manifestUri)!;
      const after = applyWorkspaceEdit(declare.edit!, manifestUri, before);
      assert.match(after, /email: user\.contact\.email/);
      assert.deepEqual(comments(after).filter((c) => comments(before).includes(c)), comments(before));
      await client.change(manifestUri, after);
      await diagnosticsWhere(checkoutUri, (ds) => !ds.some((x) => x.code === 'undeclared-property'), 'undeclared-property gone');
    });

    test('fix all Privet problems in this file: safe fixes, round after round, in one edit', async () => {
      const draft = "export const x = () => analytics.track('Order Completed', { coupon_code: 'SPRING', gift_wrap: true });\n";
      const uri = await client.open(src('draft2.ts'), draft);
      const ds = await diagnosticsWhere(uri, (x) => x.filter((d) => d.code === 'undeclared-property').length === 2, 'two undeclared properties');
      const [action] = await codeActions(uri, [], ['source.fixAll.privet']);
      assert.equal(action?.title, 'Fix all Privet problems in this file');
      const resolved = await client.request<CodeAction>('codeAction/resolve', action);
      const after = applyWorkspaceEdit(resolved.edit!, manifestUri, client.text(manifestUri)!);
      assert.match(after, /coupon_code:/);
      assert.match(after, /gift_wrap:/);
      assert.ok(!(await codeActions(uri, ds, ['quickfix'])).some((a) => a.kind !== 'quickfix'), 'quick-fix requests get no source action');
      await client.change(manifestUri, after);
      await diagnosticsWhere(uri, (x) => !x.some((d) => d.code === 'undeclared-property'), 'fixed');
      await client.close(uri);
    });

    test('rename an event across the manifest key and every literal call site', async () => {
      const code = client.text(checkoutUri)!;
      const position = positionOf(code, "'Order Completed'", 4);
      const prepared = await client.request<{ range: { start: { character: number } }; placeholder: string }>('textDocument/prepareRename', { textDocument: { uri: checkoutUri }, position });
      assert.equal(prepared.placeholder, 'Order Completed');
      assert.equal(prepared.range.start.character, positionOf(code, "'Order Completed'", 1).character);
      const edit = await client.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri: checkoutUri }, position, newName: 'Checkout Completed' });
      assert.deepEqual(editedUris(edit).sort(), [checkoutUri, manifestUri].sort());
      const yaml = applyWorkspaceEdit(edit, manifestUri, client.text(manifestUri)!);
      const renamed = applyWorkspaceEdit(edit, checkoutUri, code);
      assert.match(yaml, /^ {2}Checkout Completed:$/m);
      assert.doesNotMatch(yaml, /Order Completed/);
      assert.equal(renamed.match(/'Checkout Completed'/g)?.length, 2);
      await client.change(manifestUri, yaml);
      await client.change(checkoutUri, renamed);
      await diagnosticsWhere(checkoutUri, (ds) => ds.length === 0, 'still consistent after the rename');
      const refs = await client.request<Location[]>('textDocument/references', { textDocument: { uri: manifestUri }, position: positionOf(yaml, 'Checkout Completed:', 1), context: { includeDeclaration: false } });
      assert.equal(refs.length, 2);
    });

    test('watched files: a created file is indexed, a deleted one forgotten', async () => {
      const page = src('page.ts');
      const callsBefore = client.statuses[client.statuses.length - 1].calls;
      fs.writeFileSync(page, "export const viewed = () => analytics.page('Page Viewed');\n");
      await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(page), type: FileChangeType.Created }] });
      await diagnosticsWhere(manifestUri, (ds) => !ds.some((d) => d.code === 'unused-event'), 'Page Viewed is now sent');
      await client.waitFor(() => client.statuses[client.statuses.length - 1].calls === callsBefore + 1, { message: 'one more call' });
      fs.rmSync(page);
      await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(page), type: FileChangeType.Deleted }] });
      await diagnosticsWhere(manifestUri, (ds) => ds.some((d) => d.code === 'unused-event'), 'Page Viewed unused again');
      await client.waitFor(() => client.statuses[client.statuses.length - 1].calls === callsBefore, { message: 'call count back' });
    });

    test('watched files: a deleted folder takes its files out of the index', async () => {
      const legacy = path.join(root, 'src', 'legacy');
      const callsBefore = client.statuses[client.statuses.length - 1].calls;
      fs.mkdirSync(legacy);
      fs.writeFileSync(path.join(legacy, 'old.ts'), "export const old = () => analytics.track('Legacy Event');\n");
      await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(path.join(legacy, 'old.ts')), type: FileChangeType.Created }] });
      await client.waitFor(() => client.statuses[client.statuses.length - 1].calls === callsBefore + 1, { message: 'legacy call indexed' });
      fs.rmSync(legacy, { recursive: true });
      await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(legacy), type: FileChangeType.Deleted }] });
      await client.waitFor(() => client.statuses[client.statuses.length - 1].calls === callsBefore, { message: 'legacy call forgotten' });
    });

    test('files outside every workspace folder: checked against their own manifest; privet/init works there too', async () => {
      const outside = copyFixture('lsp-workspace');
      try {
        const uri = await client.open(path.join(outside, 'src', 'signup.ts'));
        await diagnosticsWhere(uri, (ds) => codes(ds).includes('undeclared-event'), 'undeclared-event outside the workspace');
        await client.close(uri);
        await diagnosticsWhere(uri, (ds) => ds.length === 0, '[] on close');
        const init = await client.request<{ path: string; created: boolean; text: string }>('privet/init', { folderUri: uriOf(path.join(outside, 'src')) });
        assert.equal(init.path, path.join(outside, 'src', 'privacy.yaml'));
        assert.equal(init.created, true);
        assert.match(init.text, /Signup Started/);
      } finally {
        fs.rmSync(outside, { recursive: true, force: true });
      }
    });

    test('completion: YAML trigger characters do not trigger in code', async () => {
      const code = client.text(checkoutUri)!;
      const result = await client.request<CompletionList | null>('textDocument/completion', { textDocument: { uri: checkoutUri }, position: positionOf(code, '{ order_id', 1), context: { triggerKind: 2, triggerCharacter: ' ' } });
      assert.equal(result, null);
    });

    test('settings: privet.rules from workspace/configuration, re-read on didChangeConfiguration', async () => {
      const draft = "analytics.track('Checkout Completed', { secret_sauce: 1 });\n";
      const uri = await client.open(src('draft3.ts'), draft);
      await diagnosticsWhere(uri, (ds) => ds.some((d) => d.code === 'undeclared-property'), 'undeclared-property');
      assert.ok(client.configurationRequests.some((r) => r.section === 'privet' && r.scopeUri === uriOf(root)), 'settings are read per folder');
      client.settings = { rules: { 'undeclared-property': 'off' } };
      await client.notify('workspace/didChangeConfiguration', { settings: null });
      await diagnosticsWhere(uri, (ds) => !ds.some((d) => d.code === 'undeclared-property'), 'rule switched off');
      client.settings = {};
      await client.notify('workspace/didChangeConfiguration', { settings: null });
      await diagnosticsWhere(uri, (ds) => ds.some((d) => d.code === 'undeclared-property'), 'rule back on');
      // privet.manifest: one manifest, relative to the folder, for every file.
      fs.mkdirSync(path.join(root, 'config'));
      fs.writeFileSync(path.join(root, 'config', 'empty.yaml'), 'version: 1\n');
      client.settings = { manifest: 'config/empty.yaml' };
      await client.notify('workspace/didChangeConfiguration', { settings: null });
      await diagnosticsWhere(checkoutUri, (ds) => codes(ds).includes('undeclared-event'), 'checked against config/empty.yaml');
      client.settings = {};
      await client.notify('workspace/didChangeConfiguration', { settings: null });
      await diagnosticsWhere(checkoutUri, (ds) => !codes(ds).includes('undeclared-event'), 'back to privacy.yaml');
      await client.close(uri);
    });

    test('a manifest with a syntax error: a manifest-syntax diagnostic, and the code keeps the last valid manifest', async () => {
      const good = client.text(manifestUri)!;
      await client.change(manifestUri, good.replace('events:\n', 'events:\n  : [broken\n'));
      await diagnosticsWhere(manifestUri, (ds) => ds.some((d) => d.code === 'manifest-syntax'), 'manifest-syntax');
      assert.ok(!codes(diags(checkoutUri)).includes('undeclared-event'), 'code still checked against the last valid manifest');
      await client.change(manifestUri, good);
      await diagnosticsWhere(manifestUri, (ds) => !ds.some((d) => d.code === 'manifest-syntax'), 'syntax error gone');
    });

    test('diagnostics are debounced and never stale: a burst of edits publishes only for the last text', async () => {
      const uri = await client.open(src('burst.ts'), "analytics.track('Burst Event 0');\n");
      await diagnosticsWhere(uri, (ds) => ds.some((d) => message(d).includes('Burst Event 0')), 'first');
      const start = client.published.length;
      for (let i = 1; i <= 5; i++) await client.change(uri, `analytics.track('Burst Event ${i}');\n`);
      await diagnosticsWhere(uri, (ds) => ds.some((d) => message(d).includes('Burst Event 5')), 'last');
      const during = client.published.slice(start).filter((p) => p.uri === uri);
      assert.ok(during.every((p) => p.diagnostics.every((d) => !/Burst Event [1-4]/.test(message(d)))), 'no intermediate text published');
      assert.ok(during.every((p) => p.version === undefined || p.version === client.version(uri)), 'published for the current version only');
      await client.close(uri);
      await diagnosticsWhere(uri, (ds) => ds.length === 0, '[] on close');
    });

    test('workspace folders: an added folder is indexed, a removed one dropped', async () => {
      const other = copyFixture('lsp-workspace');
      try {
        const folder = { uri: uriOf(other), name: 'other' };
        await client.notify('workspace/didChangeWorkspaceFolders', { event: { added: [folder], removed: [] } });
        await client.waitFor(() => client.statuses[client.statuses.length - 1].manifests.includes(path.join(other, 'privacy.yaml')), { message: 'second manifest' });
        await client.notify('workspace/didChangeWorkspaceFolders', { event: { added: [], removed: [folder] } });
        await client.waitFor(() => !client.statuses[client.statuses.length - 1].manifests.includes(path.join(other, 'privacy.yaml')), { message: 'second manifest gone' });
      } finally {
        fs.rmSync(other, { recursive: true, force: true });
      }
    });
  });
}
