import * as v8 from 'v8';

// Patterns users write (CRD `pattern`s, parameter schemas, a parameter's `pattern`, `=~` in `when`) are RE2 to
// Kubernetes and Argo: matched in linear time. JavaScript's engine backtracks, so `^(a+)+$` against forty `a`s and
// a `!` runs for hours; with this flag V8 switches a match to its linear engine once it backtracks too long. Set
// once, when this module loads.
v8.setFlagsFromString('--enable-experimental-regexp-engine-on-excessive-backtracks');

/** What the code needs of a compiled pattern. */
export interface UserPattern {
  test(value: string): boolean;
}

/** Syntax only the `u` flag reads (`\p{L}`, `\u{1F600}`) or characters outside the Basic Multilingual Plane. */
const NEEDS_UNICODE = /\\[pP]\{|\\u\{|[\uD800-\uDFFF]/;
const SURROGATE = /[\uD800-\uDFFF]/;

/**
 * A user's pattern, matched as RE2 matches it where JavaScript can: by code point (`u`), and, for strings and
 * patterns within the Basic Multilingual Plane (where the `u` flag changes nothing), with no flag at all, which
 * V8's linear engine takes (it takes no `u` or `i`). `flags` are JavaScript's (`i`, `m`, `s`).
 *
 * @throws SyntaxError when JavaScript cannot compile it with the `u` flag
 */
export function userPattern(source: string, flags = ''): UserPattern {
  const unicode = new RegExp(source, `u${flags}`);
  let plain: RegExp | undefined;
  if (flags === '' && !NEEDS_UNICODE.test(source)) {
    try {
      plain = new RegExp(source);
    } catch {
      // Some escapes only the `u` flag reads differently: match by code point alone then.
    }
  }
  if (!plain) return unicode;
  const linear = plain;
  return { test: (value) => (SURROGATE.test(value) ? unicode.test(value) : linear.test(value)) };
}
