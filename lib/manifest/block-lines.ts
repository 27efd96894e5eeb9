/**
 * What the two line readers of block YAML share: {@link BlockYaml} (values) and {@link BlockPositions} (positions)
 * read keys and quoted scalars alike, and both give up the same way, so a document either of them leaves is read
 * by js-yaml.
 */

/**
 * Thrown where the text holds YAML a line reader does not follow; the caller parses the document with js-yaml
 * instead. Control flow that each reader's caller catches, never a failure: no Error, so no stack trace is taken
 * for each document or path a reader leaves.
 */
export class NotPlainBlockYaml {}

/** True for a blank, a line break, or the end of the text. */
export function isBlankOrEnd(ch: string | undefined): boolean {
  return ch === undefined || ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r';
}

/**
 * The `:` that ends a key starting at `from` (one followed by a blank or the line's end): after the closing quote
 * of a quoted key, else the first such `:` of a plain one; -1 when the line holds no key there. Reads only the line:
 * a search past it would make long files quadratic.
 */
export function keyColon(text: string, from: number, lineEnd: number): number {
  if (text[from] === '"' || text[from] === "'") {
    const close = closingQuote(text, from, lineEnd);
    if (close < 0) return -1;
    let colon = close + 1;
    while (colon < lineEnd && (text[colon] === ' ' || text[colon] === '\t')) colon++;
    return colon < lineEnd && text[colon] === ':' && isBlankOrEnd(text[colon + 1]) ? colon : -1;
  }
  // Character codes, not one-character strings: this runs over the key of every line of every file.
  for (let i = from; i < lineEnd; i++) {
    const c = text.charCodeAt(i);
    if (c === COLON && (i + 1 === lineEnd || isBlankCode(text.charCodeAt(i + 1)))) return i;
    if (c === HASH && i > from && (text.charCodeAt(i - 1) === SPACE || text.charCodeAt(i - 1) === TAB)) return -1;
  }
  return -1;
}

const LINE_FEED = 0x0a;
const CARRIAGE_RETURN = 0x0d;
/** Character codes the line readers compare with. */
export const TAB = 0x09;
export const SPACE = 0x20;
export const HASH = 0x23;
export const COLON = 0x3a;

/** {@link isBlankOrEnd} of a character code (NaN past the end of the text). */
function isBlankCode(c: number): boolean {
  return c === SPACE || c === TAB || c === LINE_FEED || c === CARRIAGE_RETURN || Number.isNaN(c);
}

/** Where the quoted scalar opening at `open` closes before `end` (`''` and `\"` are escapes), or -1. */
export function closingQuote(text: string, open: number, end: number, from = open + 1): number {
  const quote = text[open];
  for (let i = from; i < end; i++) {
    if (quote === '"' && text[i] === '\\') i++;
    else if (text[i] === quote) {
      if (quote === "'" && text[i + 1] === "'") i++;
      else return i;
    }
  }
  return -1;
}

/**
 * The text of a quoted scalar written on one line, quotes included. A double-quoted one's escapes are JSON's where
 * YAML's mean the same; one only YAML knows (`\x41`, `\e`) is js-yaml's to read.
 *
 * @throws NotPlainBlockYaml for an escape JSON does not know
 */
export function quotedText(written: string): string {
  const body = written.slice(1, -1);
  if (written[0] === "'") return body.includes("''") ? body.replace(/''/g, "'") : body;
  if (!body.includes('\\')) return body;
  try {
    return JSON.parse(written) as string;
  } catch {
    throw new NotPlainBlockYaml();
  }
}
