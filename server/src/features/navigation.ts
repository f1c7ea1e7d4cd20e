/**
 * Navigation between the code and the manifest: definition (event name or property key in code
 * -> its manifest entry; a reference in the manifest -> its declaration), references (a manifest
 * declaration -> every call site), rename of an event across the manifest and the literal call
 * sites, code lens above each manifest event, document symbols of `privacy.yaml` and workspace
 * symbols for events.
 */
import {
  type CodeLens,
  type DocumentSymbol,
  ErrorCodes,
  type Location,
  type Position,
  type Range,
  ResponseError,
  SymbolKind,
  type WorkspaceEdit,
  type WorkspaceSymbol,
} from 'vscode-languageserver';
import { effectiveManifest } from '../core/check';
import type { Located, Manifest } from '../core/manifest/types';
import {
  callDestinations,
  callSendsEvent,
  callsUsing,
  classifyManifestNode,
  manifestNodeAt,
  manifestSections,
  rangeContains,
  stringLiteralContent,
  type ManifestTarget,
} from '../core/services/manifestLocations';
import { renameEventEdits } from '../core/services/renameEvent';
import { lineStarts, offsetAt, rangeAt } from '../core/textEdits';
import type { TrackingCall } from '../core/types';
import { type EditSupport, toWorkspaceEdit } from './codeActions';
import type { DocumentContext, Workspace } from '../workspace';

/** What sits under the cursor, in code or in the manifest. */
type Target = { target: ManifestTarget; range: Range; call?: TrackingCall };

/**
 * The manifest model of a manifest document when its ranges match the current text: not the
 * last valid model kept while the text has syntax errors.
 */
function currentModel(ctx: DocumentContext): Manifest | null {
  const parsed = ctx.parsed;
  if (!parsed?.manifest || parsed.text !== ctx.text) return null;
  return parsed.problems.some((p) => p.rule === 'manifest-syntax') ? null : parsed.manifest;
}

/** The event or property under the cursor in a source file. */
function codeTargetAt(ctx: DocumentContext, position: Position): Target | null {
  for (const call of ctx.calls) {
    if (call.eventRange && call.event !== null && rangeContains(call.eventRange, position)) {
      return { target: { type: 'event', name: call.event, declaration: false }, range: call.eventRange, call };
    }
  }
  for (const call of ctx.calls) {
    const p = call.event !== null ? call.properties.find((q) => !q.fromWrapper && rangeContains(q.keyRange, position)) : undefined;
    if (p) return { target: { type: 'property', event: call.event!, key: p.key, declaration: false }, range: p.keyRange, call };
  }
  return null;
}

/** What is under the cursor. */
function targetAt(ctx: DocumentContext, position: Position): Target | null {
  if (!ctx.isManifest) return codeTargetAt(ctx, position);
  const node = manifestNodeAt(ctx.text, offsetAt(ctx.text, position));
  const target = node && classifyManifestNode(node, ctx.parsed?.manifest ?? null);
  return target ? { target, range: node!.range } : null;
}

/** Where a target is declared in the manifest. */
function declarationOf(target: ManifestTarget, manifest: Manifest): Located | undefined {
  switch (target.type) {
    case 'event':
      return manifest.events[target.name];
    case 'property':
      return manifest.events[target.event]?.properties[target.key];
    case 'purpose':
      return manifest.purposes[target.name];
    case 'destination':
      return manifest.destinations[target.name];
    case 'consent':
      return manifest.consent.categories[target.name];
    case 'taxonomy':
      return manifest.taxonomy[target.key];
    default:
      return undefined;
  }
}

/** `textDocument/definition`. */
export function definition(ws: Workspace, ctx: DocumentContext, position: Position): Location | null {
  const found = targetAt(ctx, position);
  const manifest = ctx.parsed?.manifest;
  if (!found || !manifest || !ctx.manifestPath) return null;
  let located = declarationOf(found.target, manifest);
  // A trait key of an identity call: its `identities.<destination>.traits` entry.
  if (!located && found.target.type === 'property' && found.call) {
    const key = found.target.key;
    located = callDestinations(found.call, manifest).map((d) => manifest.identities[d]?.traits[key]).find(Boolean);
  }
  return located ? { uri: ws.uriOf(ctx.manifestPath), range: located.keyRange } : null;
}

/** Where a call site shows a target: the event name, the property key, else the callee. */
function siteRange(call: TrackingCall, target: ManifestTarget): Range {
  if (target.type === 'property') return call.properties.find((p) => p.key === target.key)?.keyRange ?? call.calleeRange;
  return call.eventRange ?? call.calleeRange;
}

/** `textDocument/references`: the call sites of a declaration (and the declaration, when asked). */
export function references(ws: Workspace, ctx: DocumentContext, position: Position, includeDeclaration: boolean): Location[] {
  const found = targetAt(ctx, position);
  if (!found || !ctx.manifestPath) return [];
  const manifest = ctx.parsed?.manifest ?? null;
  const calls = ws.callsGovernedBy(ctx.manifestPath);
  const out: Location[] = callsUsing(found.target, calls, manifest).map((c) => ({ uri: ws.uriOf(c.file), range: siteRange(c, found.target) }));
  const declared = manifest && declarationOf(found.target, manifest);
  if (includeDeclaration && declared) out.unshift({ uri: ws.uriOf(ctx.manifestPath), range: declared.keyRange });
  const seen = new Set<string>();
  return out.filter((l) => {
    const key = `${l.uri}#${l.range.start.line}:${l.range.start.character}`;
    return !seen.has(key) && !!seen.add(key);
  });
}

/** The event being renamed and the range of its name (inside the quotes in code). */
function renameTarget(ws: Workspace, ctx: DocumentContext, position: Position): { name: string; range: Range } | null {
  const found = targetAt(ctx, position);
  if (!found || found.target.type !== 'event') return null;
  if (ctx.isManifest) {
    const text = ctx.text;
    const start = offsetAt(text, found.range.start);
    const end = offsetAt(text, found.range.end);
    const quoted = stringLiteralContent(text, start, end);
    return { name: found.target.name, range: quoted ? rangeAt(text, quoted.start, quoted.end) : found.range };
  }
  const text = ctx.text;
  const starts = lineStarts(text);
  const content = stringLiteralContent(text, offsetAt(text, found.range.start, starts), offsetAt(text, found.range.end, starts));
  if (!content || !ws.parsedManifest(ctx.manifestPath ?? '')?.manifest?.events[found.target.name]) return null;
  return { name: found.target.name, range: rangeAt(text, content.start, content.end, starts) };
}

/** `textDocument/prepareRename`. */
export function prepareRename(ws: Workspace, ctx: DocumentContext, position: Position): { range: Range; placeholder: string } | null {
  const t = renameTarget(ws, ctx, position);
  return t ? { range: t.range, placeholder: t.name } : null;
}

/** `textDocument/rename`: the manifest key, `exceptions[].event`, and every literal call site. */
export function rename(ws: Workspace, ctx: DocumentContext, position: Position, newName: string, support: EditSupport): WorkspaceEdit | ResponseError<void> | null {
  const t = renameTarget(ws, ctx, position);
  if (!t || !ctx.manifestPath) return null;
  const to = newName.trim();
  if (!to) return new ResponseError(ErrorCodes.InvalidParams, 'An event name cannot be empty.');
  const manifestText = ws.readFile(ctx.manifestPath) ?? '';
  const parsed = effectiveManifest(ctx.manifestPath, manifestText);
  if (to !== t.name && parsed.manifest?.events[to]) return new ResponseError(ErrorCodes.InvalidParams, `Event '${to}' is already declared in the manifest.`);
  const { edits } = renameEventEdits(parsed, ctx.manifestPath, t.name, to, ws.callsGovernedBy(ctx.manifestPath), (f) => ws.readFile(f));
  const byUri: Record<string, typeof edits[string]> = {};
  const versions: Record<string, number | null> = {};
  for (const [file, list] of Object.entries(edits)) {
    const uri = ws.uriOf(file);
    byUri[uri] = list;
    versions[uri] = ws.versionOf(uri);
  }
  return toWorkspaceEdit(byUri, versions, support);
}

/** "4 call sites · segment, ga4" or "never sent". */
export function eventLensTitle(calls: readonly TrackingCall[], manifest: Manifest | null): string {
  if (calls.length === 0) return 'never sent';
  const where = [...new Set(calls.flatMap((c) => {
    const d = callDestinations(c, manifest);
    return d.length ? d : [c.sdk];
  }))].sort();
  return `${calls.length} call site${calls.length === 1 ? '' : 's'}${where.length ? ` · ${where.join(', ')}` : ''}`;
}

/** `textDocument/codeLens` of a manifest: one lens above each event. */
export function codeLenses(ws: Workspace, ctx: DocumentContext): CodeLens[] {
  const manifest = ctx.isManifest ? currentModel(ctx) : null;
  if (!manifest) return [];
  const manifestUri = ctx.manifestPath ? ws.uriOf(ctx.manifestPath) : null;
  return Object.values(manifest.events).map((e) => {
    const calls = ctx.calls.filter((c) => callSendsEvent(c, e.name));
    const title = eventLensTitle(calls, manifest);
    // "never sent" is a label; a count opens the call sites (the client's `privet.showReferences`
    // turns these plain arguments into a references peek; other clients may ignore the command).
    if (calls.length === 0 || !manifestUri) return { range: e.keyRange, command: { title, command: '' } };
    const locations = calls.map((c) => ({ uri: ws.uriOf(c.file), range: c.eventRange ?? c.calleeRange }));
    return { range: e.keyRange, command: { title, command: 'privet.showReferences', arguments: [manifestUri, e.keyRange.start, locations] } };
  });
}

function symbol(name: string, kind: SymbolKind, item: Located, detail?: string, children?: DocumentSymbol[]): DocumentSymbol {
  return { name: name || '""', kind, range: item.range, selectionRange: item.keyRange, detail, children };
}

/** `textDocument/documentSymbol` of a manifest: sections, with events, purposes, destinations … inside. */
export function documentSymbols(ctx: DocumentContext): DocumentSymbol[] {
  if (!ctx.isManifest) return [];
  const manifest = currentModel(ctx);
  const entries = (section: string): DocumentSymbol[] => {
    if (!manifest) return [];
    switch (section) {
      case 'events':
        return Object.values(manifest.events).map((e) =>
          symbol(e.name, SymbolKind.Event, e, e.purposes.join(', ') || undefined, Object.values(e.properties).map((p) => symbol(p.key, SymbolKind.Field, p, p.category))),
        );
      case 'purposes':
        return Object.values(manifest.purposes).map((p) => symbol(p.name, SymbolKind.Interface, p, p.legal_basis));
      case 'destinations':
        return Object.values(manifest.destinations).map((d) => symbol(d.name, SymbolKind.Module, d, d.vendor ?? d.sdk));
      case 'identities':
        return Object.values(manifest.identities).map((i) => symbol(i.destination, SymbolKind.Object, i, i.purpose, Object.values(i.traits).map((t) => symbol(t.key, SymbolKind.Field, t, t.category))));
      case 'techniques':
        return Object.values(manifest.techniques).map((t) => symbol(t!.id, SymbolKind.Class, t!, t!.purpose));
      case 'taxonomy':
        return Object.values(manifest.taxonomy).map((t) => symbol(t.key, SymbolKind.EnumMember, t, t.parent));
      case 'consent':
        return Object.values(manifest.consent.categories).map((c) => symbol(c.name, SymbolKind.Constant, c, 'consent category'));
      default:
        return [];
    }
  };
  return manifestSections(ctx.text).map((s) => {
    const children = entries(s.name);
    return { name: s.name, kind: SymbolKind.Namespace, range: s.range, selectionRange: s.keyRange, children: children.length ? children : undefined };
  });
}

/** True when the letters of `query` occur in `name` in order (case-insensitive), as editors filter. */
function fuzzyMatch(query: string, name: string): boolean {
  const q = query.toLowerCase();
  const n = name.toLowerCase();
  let i = 0;
  for (const ch of n) if (ch === q[i]) i++;
  return i === q.length;
}

/** `workspace/symbol`: the declared events of every manifest. */
export function workspaceSymbols(ws: Workspace, query: string): WorkspaceSymbol[] {
  const out: WorkspaceSymbol[] = [];
  for (const [p, parsed] of ws.manifests()) {
    for (const e of Object.values(parsed.manifest?.events ?? {})) {
      if (!fuzzyMatch(query, e.name)) continue;
      out.push({ name: e.name, kind: SymbolKind.Event, containerName: p.slice(p.lastIndexOf('/') + 1), location: { uri: ws.uriOf(p), range: e.keyRange } });
    }
  }
  return out;
}
