/**
 * Characters that must not reach a commit message or a terminal as they are: control characters (newlines,
 * carriage returns, escape sequences), Unicode line and paragraph separators, and invisible format characters
 * (bidirectional overrides that reorder what a reader sees).
 */
const UNSAFE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;
const UNSAFE_ALL = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}"\\]/gu;

/** Longest value shown in full; longer ones are cut with a count of the rest. */
const MAX_SHOWN = 200;

const ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '"': '\\"', '\\': '\\\\' };

/**
 * Untrusted text (a parameter value, an object or file name, a link target) as one line that cannot pass for
 * anything else: text with unsafe characters, surrounding spaces or a leading quote is shown quoted with
 * escapes (`"a\nSource-Commit: x"`), plain text as it is; either is cut after 200 characters. A value shown
 * this way can never start a line, a paragraph or a trailer of its own.
 *
 * @example displayText('12345')            // 12345
 * @example displayText('1\n\nSigned-off-by: x') // "1\n\nSigned-off-by: x"
 */
export function displayText(text: string): string {
  const chars = [...text];
  const shown = chars.length > MAX_SHOWN ? chars.slice(0, MAX_SHOWN).join('') : text;
  const rest = chars.length > MAX_SHOWN ? `... (${chars.length - MAX_SHOWN} more characters)` : '';
  if (!UNSAFE.test(shown) && shown.trim() === shown && !shown.startsWith('"') && shown !== '') return `${shown}${rest}`;
  const escaped = shown.replace(UNSAFE_ALL, (c) => ESCAPES[c] ?? `\\u{${c.codePointAt(0)!.toString(16)}}`);
  return `"${escaped}"${rest}`;
}

const UNSAFE_IN_LINE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu;

/**
 * A line of a report with every unsafe character but the tab escaped in place (`\n`, `\u{1b}`), the rest as it
 * is: a name or value inside a message can then neither start a line of its own nor drive the terminal.
 */
export function escapeUnsafe(line: string): string {
  return line.replace(UNSAFE_IN_LINE, (c) => (c === '\t' ? c : ESCAPES[c] ?? `\\u{${c.codePointAt(0)!.toString(16)}}`));
}
