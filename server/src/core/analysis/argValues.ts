/**
 * Abstract argument values: what the analysis knows about each argument of a call, without the AST.
 *
 * Every call site of interest is recorded with its arguments as `ArgValue`s, so that file
 * summaries can be kept (and cached) while the ASTs are dropped, and so that wrapper inference is
 * pure data: a wrapper's effective spec is the inner call's spec evaluated on the inner call's
 * arguments, where some values are references to the wrapper's own parameters (`param`). At a call
 * site of the wrapper those references are substituted by the actual arguments.
 */

/** Offsets in the file the value was read from. */
export interface Span {
  start: number;
  end: number;
}

export interface ObjProp {
  key: string;
  value: ArgValue;
  keySpan: Span;
  span: Span;
  /** Reached through a spread or a variable rather than written at the call. */
  indirect?: boolean;
  /** Written in a wrapper's body, not at the call site being reported. */
  w?: boolean;
}

export type ArgValue =
  | { t: 'str'; v: string; span: Span; w?: boolean }
  | { t: 'union'; vs: string[]; span: Span; w?: boolean }
  | { t: 'obj'; props: ObjProp[]; spreads: ArgValue[]; span: Span; open: boolean; w?: boolean }
  | { t: 'arr'; items: ArgValue[]; span: Span; w?: boolean }
  /** A parameter (or a path into it); `omit`: keys an object rest binding (`{ event, ...rest }`) leaves out. */
  | { t: 'param'; fn: string; i: number; path: string[]; span: Span; text: string; w?: boolean; omit?: string[] }
  | { t: 'lit'; text: string; span: Span; w?: boolean }
  /** Unknown value; `imp` when it is (a member of) an import, resolved across files for constants. */
  | { t: 'dyn'; text: string; span: Span; w?: boolean; imp?: { module: string; name: string; path: string[] } }
  /** `arguments` / a rest parameter spread: stands for all the arguments from index `from`. */
  | { t: 'rest'; fn: string; from: number; span: Span; text: string; w?: boolean };

/** Parse an argument path (`a0.properties`, `a0[2]`, `a1.*`) into its steps. */
export function parsePath(path: string): { arg: number; steps: string[] } {
  const m = /^a(\d+)(.*)$/.exec(path);
  if (!m) throw new Error(`bad argument path ${path}`);
  const steps: string[] = [];
  const re = /\.([^.[\]]+)|\[(\d+)\]/g;
  let s: RegExpExecArray | null;
  while ((s = re.exec(m[2]))) steps.push(s[1] ?? s[2]);
  return { arg: Number(m[1]), steps };
}

const pathCache = new Map<string, { arg: number; steps: string[] }>();
function cachedPath(path: string) {
  let p = pathCache.get(path);
  if (!p) pathCache.set(path, (p = parsePath(path)));
  return p;
}

/** Step into a value: an object key or an array index. Param references extend their path. */
export function step(v: ArgValue | undefined, key: string): ArgValue | undefined {
  if (!v) return undefined;
  switch (v.t) {
    case 'obj': {
      for (let i = v.props.length - 1; i >= 0; i--) if (v.props[i].key === key) return v.props[i].value;
      // The key may come from a spread parameter: `{ ...opts }` where opts is a param.
      for (const s of v.spreads) {
        const inner = step(s, key);
        if (inner && inner.t === 'param') return inner;
      }
      return undefined;
    }
    case 'arr':
      return /^\d+$/.test(key) ? v.items[Number(key)] : undefined;
    case 'param':
      return { ...v, path: [...v.path, key], text: `${v.text}.${key}`, omit: undefined };
    default:
      return undefined;
  }
}

/** The value at an argument path, if any. */
export function valueAt(args: readonly ArgValue[], path: string): ArgValue | undefined {
  const p = cachedPath(path);
  let v: ArgValue | undefined = argAt(args, p.arg);
  for (const s of p.steps) {
    if (s === '*') break;
    v = step(v, s);
    if (!v) return undefined;
  }
  return v;
}

/** Argument `i`, looking through a rest spread (`...args`). */
export function argAt(args: readonly ArgValue[], i: number): ArgValue | undefined {
  for (let k = 0; k < args.length; k++) {
    const a = args[k];
    if (a.t === 'rest') return { t: 'param', fn: a.fn, i: a.from + (i - k), path: [], span: a.span, text: `${a.text}[${i - k}]`, w: a.w };
    if (k === i) return a;
  }
  return undefined;
}

/** True when the value (deeply) refers to a parameter of function `fn`. */
export function refersToParam(v: ArgValue | undefined, fn: string): boolean {
  if (!v) return false;
  switch (v.t) {
    case 'param':
    case 'rest':
      return v.fn === fn;
    case 'obj':
      return v.props.some((p) => refersToParam(p.value, fn)) || v.spreads.some((s) => refersToParam(s, fn));
    case 'arr':
      return v.items.some((i) => refersToParam(i, fn));
    default:
      return false;
  }
}

/**
 * Substitute references to parameters of `fn` by the actual arguments of a call; every node that
 * is not substituted is marked `w` (it comes from the wrapper's body, not from the call site).
 */
export function substitute(v: ArgValue, fn: string, args: readonly ArgValue[]): ArgValue {
  switch (v.t) {
    case 'param': {
      if (v.fn !== fn) return { ...v, w: true };
      let r: ArgValue | undefined = argAt(args, v.i);
      for (const s of v.path) r = step(r, s);
      if (v.omit && r?.t === 'obj') r = { ...r, props: r.props.filter((p) => !v.omit!.includes(p.key)) };
      else if (v.omit && r?.t === 'param') r = { ...r, omit: [...(r.omit ?? []), ...v.omit] };
      return r ?? { t: 'dyn', text: v.text, span: v.span, w: true };
    }
    case 'rest':
      if (v.fn !== fn) return { ...v, w: true };
      return { t: 'arr', items: args.slice(v.from), span: v.span, w: true };
    case 'obj': {
      const props: ObjProp[] = v.props.map((p) => ({ ...p, value: substitute(p.value, fn, args), w: true }));
      const spreads: ArgValue[] = [];
      let open = v.open;
      for (const s of v.spreads) {
        const r = substitute(s, fn, args);
        if (r.t === 'obj') {
          for (const p of r.props) props.push(p);
          spreads.push(...r.spreads);
          open = open || r.open;
        } else spreads.push(r);
      }
      return { ...v, props, spreads, open, w: true };
    }
    case 'arr':
      return { ...v, items: v.items.map((i) => substitute(i, fn, args)), w: true };
    default:
      return v.w ? v : { ...v, w: true };
  }
}

/** The strings a value can be (for event names). */
export function stringsOf(v: ArgValue | undefined): string[] | null {
  if (!v) return null;
  if (v.t === 'str') return [v.v];
  if (v.t === 'union') return v.vs;
  return null;
}

/** Source text of a value, for category inference and messages. */
export function textOf(v: ArgValue): string {
  switch (v.t) {
    case 'str':
      return JSON.stringify(v.v);
    case 'union':
      return v.vs.map((s) => JSON.stringify(s)).join(' | ');
    case 'obj':
      return '{…}';
    case 'arr':
      return '[…]';
    default:
      return v.text;
  }
}
