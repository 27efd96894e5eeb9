/**
 * What the two line readers of block YAML share: {@link BlockYaml} (values) and {@link BlockPositions} (positions)
 * read keys and quoted scalars alike, and both give up the same way, so a document either of them leaves is read
 * by js-yaml.
 */

/** Thrown where the text holds YAML a line reader does not follow; the caller parses the document with js-yaml instead. */
export class NotPlainBlockYaml extends Error {}

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
  for (let i = from; i < lineEnd; i++) {
    const ch = text[i];
    if (ch === ':' && (i + 1 === lineEnd || isBlankOrEnd(text[i + 1]))) return i;
    if (ch === '#' && i > from && (text[i - 1] === ' ' || text[i - 1] === '\t')) return -1;
  }
  return -1;
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
