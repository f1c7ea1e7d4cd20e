/**
 * `replay-unmasked`: session replay is switched on with weaker masking than the technique's
 * `masking` (default `inputs`; `none` < `inputs` < `all`). Masking the analysis cannot derive from
 * the code (dashboard settings) is not judged.
 */
import type { MaskingLevel, TextEdit } from '../types';
import { lineStarts, offsetAt, positionAt } from '../textEdits';
import type { Rule, RuleContext } from './ruleTypes';
import { codeFix, fixes, isInert, own, sdkLabel } from './support';
import type { TrackingCall, Fix } from '../types';

const ORDER: Record<MaskingLevel, number> = { none: 0, inputs: 1, all: 2 };

/** Options that, set to `false`, weaken masking, and the level they guard. */
const BOOLEAN_OPTIONS: { key: string; level: MaskingLevel }[] = [
  { key: 'maskAllInputs', level: 'inputs' },
  { key: 'maskAllTextInputs', level: 'inputs' },
  { key: 'inputSanitizer', level: 'inputs' },
  { key: 'maskAllText', level: 'all' },
  { key: 'mask_all_text', level: 'all' },
  { key: 'textSanitizer', level: 'all' },
];

function maskingFix(ctx: RuleContext, call: TrackingCall, required: MaskingLevel): Fix | null {
  const text = ctx.getText(call.file);
  if (text === undefined) return null;
  const starts = lineStarts(text);
  const s = offsetAt(text, call.range.start, starts);
  const e = offsetAt(text, call.range.end, starts);
  const src = text.slice(s, e);
  const edits: TextEdit[] = [];
  for (const o of BOOLEAN_OPTIONS) {
    if (ORDER[o.level] > ORDER[required]) continue;
    const re = new RegExp(`(['"]?\\b${o.key}\\b['"]?\\s*:\\s*)false\\b`, 'g');
    let mm: RegExpExecArray | null;
    while ((mm = re.exec(src))) {
      const at = s + mm.index + mm[1].length;
      edits.push({ range: { start: positionAt(text, at, starts), end: positionAt(text, at + 5, starts) }, newText: 'true' });
    }
  }
  // Datadog `defaultPrivacyLevel: 'allow'`.
  const dd = /(\bdefaultPrivacyLevel\s*:\s*)(['"])(allow|mask-user-input)\2/.exec(src);
  if (dd) {
    const want = required === 'all' ? 'mask' : 'mask-user-input';
    if (dd[3] !== want && !(dd[3] === 'mask-user-input' && required === 'inputs')) {
      const at = s + dd.index + dd[1].length + 1;
      edits.push({ range: { start: positionAt(text, at, starts), end: positionAt(text, at + dd[3].length, starts) }, newText: want });
    }
  }
  if (edits.length === 0) return null;
  return codeFix(call.file, `Turn on the masking options the call turns off (masking: ${required})`, edits, false);
}

export const rule: Rule = {
  meta: {
    id: 'replay-unmasked',
    defaultSeverity: 'warning',
    description: "Session replay is switched on with weaker masking than the technique's masking",
    fixable: true,
    scope: 'call',
  },
  checkCall(call, ctx) {
    const m = ctx.manifest;
    if (!m || isInert(call) || call.technique !== 'session-replay') return;
    const level = call.masking;
    if (!level || !(level in ORDER)) return;
    const declared = own(m.techniques as Record<string, { masking?: MaskingLevel }>, 'session-replay')?.masking;
    const required: MaskingLevel = declared && declared in ORDER ? declared : 'inputs';
    if (ORDER[level] >= ORDER[required]) return;
    ctx.report({
      message: `Session replay (${sdkLabel(call)}) masks ${level === 'none' ? 'nothing' : level === 'inputs' ? 'only inputs' : 'all'}, but techniques.session-replay requires masking: ${required}${declared ? '' : ' (the default)'}`,
      file: call.file,
      range: call.calleeRange,
      fixes: fixes(maskingFix(ctx, call, required)),
    });
  },
};
