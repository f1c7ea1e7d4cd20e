/**
 * `dynamic-event-name`: the event name is not a literal, constant, enum member or union of
 * literals, and no `@privacy event=` annotation names it. A wrapper's parameter forwarded as the
 * event name is resolved at the wrapper's call sites instead.
 */
import type { Rule } from './ruleTypes';
import { isInert, sdkLabel, textAt } from './support';

export const rule: Rule = {
  meta: {
    id: 'dynamic-event-name',
    defaultSeverity: 'warning',
    description: 'The event name cannot be resolved statically and no annotation names it',
    fixable: false,
    scope: 'call',
  },
  checkCall(call, ctx) {
    if (!ctx.manifest || isInert(call) || !call.eventDynamic) return;
    const range = call.eventRange ?? call.calleeRange;
    const raw = call.eventRange ? textAt(ctx, call.file, call.eventRange) : undefined;
    const text = raw ? raw.replace(/\s+/g, ' ').slice(0, 60) : undefined;
    ctx.report({
      // A template literal already shows its backticks; anything else is quoted as code.
      message: `The event name${text ? ` ${/^[`'"]/.test(text) ? text : `\`${text}\``}` : ''} of this ${sdkLabel(call)} call cannot be resolved statically; name it with // @privacy event="…" (or events="A|B")`,
      file: call.file,
      range,
      event: null,
    });
  },
};
