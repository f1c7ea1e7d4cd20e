/**
 * Completion: declared event names in the event-name argument of a tracking call, declared
 * property keys in its properties object, and in `privacy.yaml` the names a value expects. The
 * candidates come from core/services/completionItems.ts; this maps them to LSP items.
 */
import { type CompletionItem, CompletionItemKind, type CompletionList, MarkupKind, type Position } from 'vscode-languageserver';
import { codeCompletionContext, codeCompletions, type CompletionEntry, type CompletionEntryKind, manifestCompletions, trackerNamesOf } from '../core/services/completionItems';
import { offsetAt } from '../core/textEdits';
import type { DocumentContext } from '../workspace';

/** Characters after which the client should ask: string quotes, YAML `key: `, flow lists. */
export const completionTriggerCharacters = ["'", '"', '`', ' ', '[', ','];

/** The trigger characters that matter in JS/TS (opening an event-name string). */
export const completionTriggersInCode = ["'", '"', '`'];

const kinds: Record<CompletionEntryKind, CompletionItemKind> = {
  event: CompletionItemKind.Event,
  property: CompletionItemKind.Property,
  category: CompletionItemKind.EnumMember,
  use: CompletionItemKind.EnumMember,
  purpose: CompletionItemKind.Reference,
  destination: CompletionItemKind.Module,
  consent: CompletionItemKind.Constant,
  value: CompletionItemKind.Value,
  sdk: CompletionItemKind.Module,
};

function toItem(e: CompletionEntry): CompletionItem {
  return {
    label: e.label,
    kind: kinds[e.kind],
    detail: e.detail,
    documentation: e.documentation ? { kind: MarkupKind.Markdown, value: e.documentation } : undefined,
    sortText: e.sortText,
    // The label is the filter text even when a quoted key is inserted.
    filterText: e.insertText ? e.insertText : undefined,
    textEdit: { range: e.range, newText: e.insertText ?? e.label },
  };
}

/** Completion items at a position; `allCalls` are the calls of the folder (for wrapper names). */
export function completion(ctx: DocumentContext, position: Position, allCalls: DocumentContext['calls']): CompletionList | null {
  const offset = offsetAt(ctx.text, position);
  const manifest = ctx.parsed?.manifest ?? null;
  let entries: CompletionEntry[];
  if (ctx.isManifest) {
    entries = manifestCompletions(ctx.text, offset, manifest);
  } else {
    const context = codeCompletionContext(ctx.text, offset, ctx.calls, trackerNamesOf(allCalls));
    entries = context ? codeCompletions(ctx.text, context, manifest) : [];
  }
  if (entries.length === 0) return null;
  return { isIncomplete: false, items: entries.map(toItem) };
}
