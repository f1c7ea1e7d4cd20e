/**
 * Technique detectors: techniques that are not SDK calls (hand-written pixels and beacons,
 * server-side conversion APIs, hand-made e-mail tracking, hand-written fingerprinting). The file
 * analysis creates one `TechniqueDetector` per file (only when the text mentions something they
 * look for), feeds it every node of its walk, and keeps the `DirectTechnique`s it returns in the
 * file summary; the project analysis turns them into `TrackingCall`s of kind `other`.
 *
 * SDK ids: the vendor's (from the endpoint table, `catalogue/endpoints.ts`: `meta-pixel`,
 * `meta-capi`, `ga4-mp`, …), or a family id for hand-written code: `fingerprint:canvas`,
 * `fingerprint:webgl`, `fingerprint:audio`, `fingerprint:fonts`, `fingerprint:traits`,
 * `email:open-pixel`, `email:click-redirect`, `pixel:unknown-host`. All of them are catalogue ids,
 * so a manifest destination can name them (`sdk: fingerprint:canvas`).
 */
import type * as ts from 'typescript';
import type { ArgValue } from '../argValues';
import type { CallSite, DirectTechnique } from '../summary';
import type { GuardFact, Range, TrackingCall } from '../../types';
import { matchEndpoint, parseStaticUrl } from '../../catalogue/endpoints';
import { SiteSink, type DetectorContext } from './common';
import { FingerprintDetector } from './fingerprint';
import { eventOf, MAIL_CONTEXT, PixelDetector } from './pixels';

export type { DetectorContext } from './common';

/** Cheap test on a file's text: can any detector find something here? (Files that build e-mail always qualify.) */
const HINTS =
  /sendBeacon|\.src\s*=|setAttribute|<img|<Img|<amp-pixel|fetch|axios|\bgot\b|\bky\b|\.post\s*\(|\.request\s*\(|\.open\s*\(|\.ajax\s*\(|toDataURL|toBlob|getImageData|UNMASKED_|WEBGL_debug|OfflineAudioContext|hardwareConcurrency|deviceMemory|getHighEntropyValues|measureText|fonts\.check|queryLocalFonts|offsetWidth|colorDepth|image\/gif|R0lGOD/;

export class TechniqueDetector {
  private readonly sink: SiteSink;
  private readonly pixels: PixelDetector;
  private readonly fp: FingerprintDetector;

  constructor(ctx: DetectorContext) {
    this.sink = new SiteSink(ctx);
    this.pixels = new PixelDetector(ctx, this.sink);
    this.fp = new FingerprintDetector(ctx, this.sink);
  }

  visit(n: ts.Node): void {
    this.pixels.visit(n);
    this.fp.visit(n);
  }

  finish(): DirectTechnique[] {
    this.pixels.finish();
    this.fp.finish();
    return this.sink.sites;
  }
}

/** A detector for this file, or undefined when its text gives the detectors nothing to look at. */
export function createTechniqueDetector(ctx: DetectorContext): TechniqueDetector | undefined {
  return HINTS.test(ctx.text) || MAIL_CONTEXT.test(ctx.text) ? new TechniqueDetector(ctx) : undefined;
}

/**
 * The tracking call of a technique site. `constStrings` resolves an imported constant (for sites
 * whose URL lives in another file); a pending site whose URL matches no endpoint yields undefined.
 */
export function directTechniqueCall(
  file: string,
  toRange: (sp: { start: number; end: number }) => Range,
  d: DirectTechnique,
  guardFacts: GuardFact[],
  constStrings: (v: ArgValue) => string[] | null,
): TrackingCall | undefined {
  if (d.sinkParam) return undefined;
  let { technique, sdk, event } = d;
  let url = d.url;
  if (d.pendingUrl) {
    const strs = constStrings(d.pendingUrl);
    const text = strs?.length === 1 ? strs[0] : undefined;
    const parsed = text !== undefined ? parseStaticUrl(text) : undefined;
    const e = parsed && matchEndpoint(parsed);
    if (!e || !parsed) return undefined;
    technique = e.technique;
    sdk = e.vendor;
    event = eventOf(e, parsed, undefined);
    url = text;
  }
  void url;
  return {
    file,
    range: toRange(d.span),
    calleeRange: toRange(d.calleeSpan),
    sdk,
    via: null,
    kind: 'other',
    event,
    eventCandidates: event === null ? [] : [event],
    eventRange: null,
    eventDynamic: false,
    properties: [],
    propertiesRange: null,
    propertiesOpen: false,
    guardFacts,
    guarded: [],
    technique,
    method: d.method,
    annotation: null,
    insideWrapper: null,
  };
}

/** The technique call at a call site of a pixel helper (`beacon('https://www.facebook.com/tr?…')`), if its URL argument matches an endpoint. */
export function sinkHelperCall(
  file: string,
  toRange: (sp: { start: number; end: number }) => Range,
  site: CallSite,
  d: DirectTechnique,
  guardFacts: GuardFact[],
  constStrings: (v: ArgValue) => string[] | null,
): TrackingCall | undefined {
  const a = site.args[d.sinkParam!.index];
  if (!a) return undefined;
  const strs = a.t === 'str' ? [a.v] : a.t === 'dyn' && a.imp ? constStrings(a) : null;
  if (!strs || strs.length !== 1) return undefined;
  const parsed = parseStaticUrl(strs[0]);
  const e = matchEndpoint(parsed);
  if (!e) return undefined;
  const body = d.sinkParam!.index === 0 ? site.args[1] : undefined;
  const event = eventOf(e, parsed, body);
  return directTechniqueCall(file, toRange, { ...d, sinkParam: undefined, span: site.span, calleeSpan: site.calleeSpan, technique: e.technique, sdk: e.vendor, event }, guardFacts, constStrings);
}
