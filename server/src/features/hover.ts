/**
 * Hover: on a tracking call, its event's declaration and the call's findings; on a property key,
 * its declared and inferred category; in `privacy.yaml`, taxonomy keys, events, purposes,
 * destinations, consent categories and SDK ids. The texts come from core/services/hoverText.ts.
 */
import { type Hover, MarkupKind, type Position } from 'vscode-languageserver';
import { callHover, manifestHover, propertyHover } from '../core/services/hoverText';
import { classifyManifestNode, manifestNodeAt, rangeContains, rangesIntersect } from '../core/services/manifestLocations';
import { offsetAt } from '../core/textEdits';
import type { Range, TrackingCall } from '../core/types';
import type { DocumentContext } from '../workspace';

/** Lines, then characters: the smaller range is the more specific one. */
function extent(r: Range): number {
  return (r.end.line - r.start.line) * 1e6 + (r.end.character - r.start.character);
}

/** The innermost call whose range contains the position. */
export function callAt(calls: readonly TrackingCall[], position: Position): TrackingCall | undefined {
  return calls.filter((c) => rangeContains(c.range, position)).sort((a, b) => extent(a.range) - extent(b.range))[0];
}

/** The hover at a position of a source file or manifest. */
export function hover(ctx: DocumentContext, position: Position): Hover | null {
  const markdown = (value: string, range: Range): Hover => ({ contents: { kind: MarkupKind.Markdown, value }, range });
  const manifest = ctx.parsed?.manifest ?? null;
  if (ctx.isManifest) {
    const node = manifestNodeAt(ctx.text, offsetAt(ctx.text, position));
    const target = node && classifyManifestNode(node, manifest);
    const text = target && manifestHover(target, manifest, ctx.calls);
    return text ? markdown(text, node!.range) : null;
  }
  const call = callAt(ctx.calls, position);
  if (!call) return null;
  const property = call.properties.find((p) => !p.fromWrapper && rangeContains(p.keyRange, position));
  if (property) return markdown(propertyHover(call, property, manifest), property.keyRange);
  const findings = ctx.findings.filter((f) => rangesIntersect(f.range, call.range));
  return markdown(callHover(call, manifest, findings), call.range);
}
