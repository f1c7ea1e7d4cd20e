/**
 * Code actions: each quick fix the core computed (carried in `Diagnostic.data`) as a `quickfix`
 * tied to its diagnostics, and `source.fixAll.privet`, which applies the safe fixes of a file,
 * re-checks in memory and repeats (a declared event can enable a property fix), then sends one
 * minimal edit per changed file.
 */
import {
  type CodeAction,
  CodeActionKind,
  type CodeActionParams,
  type Diagnostic,
  type OptionalVersionedTextDocumentIdentifier,
  TextDocumentEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import { diffEdit } from '../core/rules/support';
import { applyEdits, lineStarts, offsetAt } from '../core/textEdits';
import type { Fix, TextEdit } from '../core/types';
import { type DiagnosticData, type DiagnosticFix, isDiagnosticData } from '../diagnostics';
import type { DocumentContext, Workspace } from '../workspace';

/** The kind of the fix-all source action (VS Code: `"editor.codeActionsOnSave": { "source.fixAll.privet": "explicit" }`). */
export const fixAllKind = `${CodeActionKind.SourceFixAll}.privet`;

/** Rounds of apply-and-recheck in fix-all. */
const maxFixAllRounds = 8;

/** What the client can take, from its capabilities. */
export interface EditSupport {
  documentChanges: boolean;
}

/** A WorkspaceEdit for edits keyed by URI, versioned where a version is known. */
export function toWorkspaceEdit(edits: Record<string, TextEdit[]>, versions: Record<string, number | null>, support: EditSupport): WorkspaceEdit {
  if (!support.documentChanges) return { changes: edits };
  return {
    documentChanges: Object.entries(edits).map(([uri, list]) => {
      const id: OptionalVersionedTextDocumentIdentifier = { uri, version: versions[uri] ?? null };
      return TextDocumentEdit.create(id, list);
    }),
  };
}

function kindRequested(only: readonly string[] | undefined, kind: string): boolean {
  return !only || only.some((o) => kind === o || kind.startsWith(o + '.'));
}

/** True when every document a fix edits is at the version the fix was computed for. */
export function isCurrent(data: DiagnosticData, versionOf: (uri: string) => number | null): boolean {
  return Object.entries(data.versions).every(([uri, version]) => versionOf(uri) === version);
}

/**
 * The fixes of a diagnostic the client sent back: its own `data` while every edited document is
 * at the version the fixes were computed for, else those of the same finding in the diagnostics
 * published since (`published`), else none (a re-check will publish fresh ones).
 */
export function currentData(diagnostic: Diagnostic, published: readonly Diagnostic[], versionOf: (uri: string) => number | null): DiagnosticData | null {
  if (diagnostic.source !== 'privet' || !isDiagnosticData(diagnostic.data)) return null;
  if (isCurrent(diagnostic.data, versionOf)) return diagnostic.data;
  const same = published.find((p) => p.code === diagnostic.code && p.message === diagnostic.message && p.range.start.line === diagnostic.range.start.line && p.range.start.character === diagnostic.range.start.character);
  return same && isDiagnosticData(same.data) && isCurrent(same.data, versionOf) ? same.data : null;
}

/** The quick fixes of the diagnostics in the request; one action per distinct fix. */
export function quickFixes(params: CodeActionParams, dataOf: (d: Diagnostic) => DiagnosticData | null, support: EditSupport): CodeAction[] {
  if (!kindRequested(params.context.only, CodeActionKind.QuickFix)) return [];
  const byKey = new Map<string, CodeAction>();
  for (const diagnostic of params.context.diagnostics) {
    const data = dataOf(diagnostic);
    if (!data) continue;
    const { fixes, versions } = data;
    for (const fix of fixes) {
      const key = JSON.stringify([fix.title, fix.edits]);
      const existing = byKey.get(key);
      if (existing) {
        existing.diagnostics!.push(diagnostic);
        continue;
      }
      byKey.set(key, {
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        isPreferred: fix.preferred || undefined,
        edit: toWorkspaceEdit(fix.edits, versions, support),
      });
    }
  }
  return [...byKey.values()];
}

/** True when some published diagnostic of the document has a safe fix. */
export function hasSafeFix(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => isDiagnosticData(d.data) && d.data.fixes.some((f: DiagnosticFix) => f.safe));
}

/** The fix-all action without its edit (resolved later), when the request asks for source actions. */
export function fixAllAction(params: CodeActionParams, published: readonly Diagnostic[]): CodeAction | null {
  // Offered only when asked for explicitly: the lightbulb lists quick fixes, not file-wide actions.
  if (!params.context.only || !kindRequested(params.context.only, fixAllKind) || !hasSafeFix(published)) return null;
  return { title: 'Fix all Privet problems in this file', kind: fixAllKind, data: { uri: params.textDocument.uri } };
}

type Span = { start: number; end: number };

/** True when two edits in one file touch: overlapping ranges, or insertions at the same place. */
function conflicts(a: Span, b: Span): boolean {
  if (a.start === a.end && b.start === b.end) return a.start === b.start;
  return a.start < b.end && b.start < a.end || (a.start === a.end && a.start > b.start && a.start < b.end) || (b.start === b.end && b.start > a.start && b.start < a.end);
}

/** Safe fixes whose edits neither overlap each other nor insert at the same place, first come first served. */
export function compatibleSafeFixes(fixes: readonly Fix[], textOf: (file: string) => string | undefined): Fix[] {
  const taken = new Map<string, Span[]>();
  const chosen: Fix[] = [];
  for (const fix of fixes) {
    if (!fix.safe) continue;
    const spans: [string, Span][] = [];
    let ok = true;
    for (const [file, edits] of Object.entries(fix.edits)) {
      const text = textOf(file);
      if (text === undefined) {
        ok = false;
        break;
      }
      const starts = lineStarts(text);
      for (const e of edits) spans.push([file, { start: offsetAt(text, e.range.start, starts), end: offsetAt(text, e.range.end, starts) }]);
    }
    if (!ok || spans.some(([file, s]) => (taken.get(file) ?? []).some((t) => conflicts(s, t)))) continue;
    for (const [file, s] of spans) (taken.get(file) ?? taken.set(file, []).get(file)!).push(s);
    chosen.push(fix);
  }
  return chosen;
}

/**
 * The edit of "fix all" for a document: safe fixes of its findings, applied round by round with a
 * re-check in memory between rounds, as one minimal edit per changed file (comments and
 * formatting outside the fixed spots stay as they are).
 */
export async function fixAllEdit(ws: Workspace, ctx: DocumentContext, support: EditSupport): Promise<WorkspaceEdit | null> {
  const overlay = new Map<string, string>();
  const textOf = (file: string) => overlay.get(file) ?? ws.readFile(file);
  let findings = ctx.folder.result?.output.findings ?? [];
  for (let round = 0; round < maxFixAllRounds; round++) {
    const fixes = findings.filter((f) => f.file === ctx.path && !f.suppressed).flatMap((f) => f.fixes);
    const chosen = compatibleSafeFixes(fixes, textOf);
    if (chosen.length === 0) break;
    const byFile = new Map<string, TextEdit[]>();
    for (const fix of chosen) for (const [file, edits] of Object.entries(fix.edits)) byFile.set(file, [...(byFile.get(file) ?? []), ...edits]);
    for (const [file, edits] of byFile) overlay.set(file, applyEdits(textOf(file)!, edits));
    findings = (await ws.checkWithOverlay(ctx.folder, overlay)).findings;
  }
  if (overlay.size === 0) return null;
  const edits: Record<string, TextEdit[]> = {};
  const versions: Record<string, number | null> = {};
  for (const [file, after] of overlay) {
    const before = ws.readFile(file) ?? '';
    if (before === after) continue;
    const uri = ws.uriOf(file);
    edits[uri] = diffEdit(before, after);
    versions[uri] = ws.versionOf(uri);
  }
  return Object.keys(edits).length ? toWorkspaceEdit(edits, versions, support) : null;
}

/**
 * `textDocument/codeAction`: the quick fixes of the diagnostics in the request (waiting for the
 * re-check when they were computed for older text) and, when asked for, fix-all (its edit left to
 * `codeAction/resolve` when the client supports that).
 */
export async function codeActions(ws: Workspace, params: CodeActionParams, published: () => readonly Diagnostic[], support: EditSupport, resolveEdit: boolean): Promise<CodeAction[]> {
  const uri = params.textDocument.uri;
  const versionOf = (u: string) => ws.versionOf(u);
  if (params.context.diagnostics.some((d) => isDiagnosticData(d.data) && !isCurrent(d.data, versionOf))) await ws.context(uri);
  const actions = quickFixes(params, (d) => currentData(d, published(), versionOf), support);
  const fixAll = fixAllAction(params, published());
  if (fixAll && !resolveEdit) {
    const ctx = await ws.context(uri);
    fixAll.edit = (ctx && (await fixAllEdit(ws, ctx, support))) ?? undefined;
  }
  if (fixAll && (resolveEdit || fixAll.edit)) actions.push(fixAll);
  return actions;
}
