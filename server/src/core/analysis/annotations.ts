/**
 * `@privacy` annotations in comments (`shared/spec/rules.md`, Annotations in code):
 *   // @privacy event="Checkout Step" purpose=product-analytics
 *   // @privacy events="Signed Up|Signed In"
 *   /** @privacy tracker destination=segment kind=track event_arg=0 properties_arg=1 *\/
 */

/** Parse the `@privacy` part of a comment; null when the comment has none. */
export function parseAnnotation(comment: string): { tracker: boolean; values: Record<string, string> } | null {
  // A tag: `@privacy` first on a comment line (after `//`, `/*`, `*`), as JSDoc tags are, so a
  // comment that merely mentions `@privacy tracker` in prose is not an annotation.
  const tag = /(?:^|[\r\n])[ \t]*(?:\/\/+|\/\*+|\*+)?[ \t]*@privacy\b/.exec(comment);
  if (!tag) return null;
  const at = tag.index + tag[0].length - '@privacy'.length;
  // The annotation runs to the end of its line (or of the comment).
  let rest = comment.slice(at + '@privacy'.length).split(/\r?\n/)[0];
  rest = rest.replace(/\*\/\s*$/, '');
  const values: Record<string, string> = {};
  let tracker = false;
  const re = /([A-Za-z_][\w-]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"']+)))?/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(rest))) {
    const key = m[1];
    const value = m[2] ?? m[3] ?? m[4];
    if (value === undefined) {
      if (key === 'tracker') tracker = true;
      continue;
    }
    values[key] = value;
  }
  return { tracker, values };
}
