/**
 * The textual pre-filter: one compiled regular expression over the words that any tracking call
 * or wrapper must mention. Most files of an application mention none and are never parsed.
 */

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

export class Prefilter {
  private readonly re: RegExp | null;

  /** `tokens`: identifiers (matched as whole words) and module names (matched as substrings). */
  constructor(tokens: Iterable<string>) {
    const words: string[] = [];
    const subs: string[] = ['@privacy'];
    for (const t of new Set(tokens)) {
      if (!t) continue;
      if (/^[A-Za-z_$][\w$]*$/.test(t)) words.push(t);
      else subs.push(t);
    }
    // Longest first so alternation prefers full tokens.
    words.sort((a, b) => b.length - a.length);
    subs.sort((a, b) => b.length - a.length);
    const parts: string[] = [];
    if (words.length) parts.push(`(?<![\\w$])(?:${words.map(escape).join('|')})(?![\\w$])`);
    if (subs.length) parts.push(subs.map(escape).join('|'));
    this.re = parts.length ? new RegExp(parts.join('|')) : null;
  }

  /** True when the text may contain what the tokens stand for. */
  test(text: string): boolean {
    return this.re !== null && this.re.test(text);
  }

  /**
   * Minified bundles and generated files are not application source: a file whose lines are very
   * long on average (or which is huge and has few lines) is skipped.
   */
  static looksMinified(text: string): boolean {
    if (text.length < 2000) return false;
    if (text.length > 5_000_000) return true;
    // Average length of the first 50 lines (or of all lines when fewer).
    let lines = 0;
    let end = 0;
    for (let i = text.indexOf('\n'); i >= 0 && lines < 50; i = text.indexOf('\n', i + 1)) {
      lines++;
      end = i;
    }
    if (lines < 50) return text.length / (lines + 1) > 500;
    return end / lines > 300;
  }

  /** A NUL byte in the first kilobytes means a binary file. */
  static looksBinary(text: string): boolean {
    return text.slice(0, 8000).includes('\u0000');
  }
}
