import { closingQuote, COLON, HASH, keyColon, NotPlainBlockYaml, quotedText, SPACE } from './block-lines';
import { resolvePlainScalar } from './yaml-schema';

/** What {@link readBlockYaml} returns for a document outside the subset it reads: js-yaml must read it. */
export const NOT_BLOCK_YAML: unique symbol = Symbol('not block YAML');

/** The characters js-yaml refuses anywhere in a stream (its PATTERN_NON_PRINTABLE). */
const NON_PRINTABLE = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x84\x86-\x9F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:[^\uD800-\uDBFF]|^)[\uDC00-\uDFFF]/;
/** Every character {@link NON_PRINTABLE} may refuse, tabs and carriage returns, and every surrogate (a pair is fine). */
const MAYBE_REFUSED = /[\x00-\x09\x0B-\x1F\x7F-\x84\x86-\x9F\uD800-\uDFFF\uFFFE\uFFFF]/;
/** A plain key this reader takes: one that resolves to itself as a string and needs no YAML rule beyond the line. */
const PLAIN_KEY = /^[A-Za-z0-9_./$][A-Za-z0-9_./$ -]*$/;
/** Nesting this reader leaves to js-yaml, which refuses what is over MAX_DEPTH with its own message. */
const MAX_BLOCK_DEPTH = 200;

const DASH = 0x2d;
const DOUBLE = 0x22;
const SINGLE = 0x27;
const COMMA = 0x2c;
const OPEN_SEQUENCE = 0x5b;
const CLOSE_SEQUENCE = 0x5d;
const OPEN_MAPPING = 0x7b;
const CLOSE_MAPPING = 0x7d;

/**
 * Reads one YAML document written in the block style manifests use, as js-yaml with the Kubernetes schema reads it
 * (the same values, plain scalars resolved by {@link resolvePlainScalar}), 1.5-1.9 times as fast, since reading is
 * a third of a `kfops validate` run.
 *
 * The subset: block mappings and sequences (a sequence may sit at its key's indentation, `- - a` and `- key: v`
 * nest), plain keys that read as themselves and one-line quoted keys, plain, single- and double-quoted scalars (on
 * one line, or folded over lines indented more than their node), `|` and `>` block scalars without an indentation
 * indicator, one-line flow collections (`[a, "b"]`, `{name: x, value: [1, 2]}`), comments and a leading `---`.
 * Anything else (anchors, aliases, tags, merge keys, flow collections over several lines, escapes in multi-line
 * double-quoted scalars, tabs, CRLF, a duplicate key, odd indentation, `...`, an empty document) returns
 * {@link NOT_BLOCK_YAML} before any value escapes, and js-yaml reads the document: that is where every error and
 * every less common form is read, so this reader never decides what is valid YAML, only what a valid document of
 * the subset means.
 */
export function readBlockYaml(source: string): unknown {
  // One class finds, in one pass, any character that might make the reader give up; only then is it told apart.
  if (MAYBE_REFUSED.test(source) && (source.includes('\r') || source.includes('\t') || NON_PRINTABLE.test(source))) return NOT_BLOCK_YAML;
  try {
    return new BlockYaml(source).document();
  } catch (err) {
    if (err instanceof NotPlainBlockYaml) return NOT_BLOCK_YAML;
    throw err;
  }
}

/** A reader over one document, line by line: the current line is the next one with content. */
class BlockYaml {
  /** offset of the current line's first character */
  private start = 0;
  /** its indentation, in spaces */
  private indent = 0;
  /** offset of its first content character */
  private content = 0;
  /** offset of its end (its newline, or the end of the text) */
  private end = 0;
  /** no line with content is left */
  private done = false;
  private depth = 0;

  constructor(private readonly src: string) {}

  document(): unknown {
    this.seek(0);
    if (!this.done && this.indent === 0 && this.src.startsWith('---', this.content)) {
      if (!this.onlyCommentFrom(this.content + 3)) throw new NotPlainBlockYaml();
      this.next();
    }
    if (this.done) throw new NotPlainBlockYaml();
    const value = this.block();
    if (!this.done) throw new NotPlainBlockYaml();
    return value;
  }

  /** Moves to the first line with content at or after `from`. */
  private seek(from: number): void {
    const src = this.src;
    while (from < src.length) {
      const end = this.lineEnd(from);
      const at = this.spacesFrom(from, end);
      if (at < end && src.charCodeAt(at) !== HASH) {
        this.start = from;
        this.indent = at - from;
        this.content = at;
        this.end = end;
        // `%` directives and `...` document ends: js-yaml's.
        if (at === from && (src.charCodeAt(at) === 0x25 || src.startsWith('...', at))) throw new NotPlainBlockYaml();
        return;
      }
      from = end + 1;
    }
    this.done = true;
  }

  private next(): void {
    this.seek(this.end + 1);
  }

  /** The end of the line holding `from`: its newline, or the end of the text. */
  private lineEnd(from: number): number {
    const end = this.src.indexOf('\n', from);
    return end < 0 ? this.src.length : end;
  }

  /** The first offset from `from` (up to `end`) that is no space. */
  private spacesFrom(from: number, end: number): number {
    let at = from;
    while (at < end && this.src.charCodeAt(at) === SPACE) at++;
    return at;
  }

  /** True when only spaces and a comment follow on the current line from `at`. */
  private onlyCommentFrom(at: number): boolean {
    const src = this.src;
    if (at < this.end && src.charCodeAt(at) !== SPACE) return false;
    at = this.spacesFrom(at, this.end);
    return at === this.end || src.charCodeAt(at) === HASH;
  }

  /** A sequence entry starts at `at`: `-` then a space or the end of the line. */
  private isEntry(at: number): boolean {
    return this.src.charCodeAt(at) === DASH && (at + 1 === this.end || this.src.charCodeAt(at + 1) === SPACE);
  }

  /** The block node starting on the current line. */
  private block(): unknown {
    return this.isEntry(this.content) ? this.sequence(this.indent, this.content) : this.mapping(this.indent, this.content);
  }

  /** Counts one more level of nesting, as each collection is entered; {@link MAX_BLOCK_DEPTH} and more are js-yaml's. */
  private enter(): void {
    if (++this.depth > MAX_BLOCK_DEPTH) throw new NotPlainBlockYaml();
  }

  /** A sequence at `indent` whose first entry's `-` is at `first` (mid-line for `- - a`). */
  private sequence(indent: number, first: number): unknown[] {
    this.enter();
    const items: unknown[] = [];
    const src = this.src;
    for (let entry = first; ; entry = this.content) {
      const at = this.spacesFrom(entry + 1, this.end);
      if (at === this.end || src.charCodeAt(at) === HASH) {
        this.next();
        // js-yaml reads a less indented `-` line after an empty entry as the next entry of the same sequence.
        if (!this.done && this.indent < indent) throw new NotPlainBlockYaml();
        items.push(!this.done && this.indent > indent ? this.block() : null);
      } else if (this.isEntry(at) || (!isFlowStart(src.charCodeAt(at)) && keyColon(src, at, this.end) >= 0)) {
        // `- - a` and `- key: value`: a sequence or a mapping indented to where it starts.
        items.push(this.isEntry(at) ? this.sequence(at - this.start, at) : this.mapping(at - this.start, at));
      } else {
        items.push(this.inline(at, indent));
      }
      if (this.done || this.indent < indent) break;
      if (this.indent > indent) throw new NotPlainBlockYaml();
      if (!this.isEntry(this.content)) break;
    }
    this.depth--;
    return items;
  }

  /** A mapping at `indent` whose first key starts at `first` (mid-line for `- key:`). */
  private mapping(indent: number, first: number): Record<string, unknown> {
    this.enter();
    const result: Record<string, unknown> = {};
    let at = first;
    for (;;) {
      const colon = keyColon(this.src, at, this.end);
      if (colon < 0) throw new NotPlainBlockYaml();
      result[newKey(result, this.key(at, colon))] = this.value(indent, colon + 1);
      if (this.done || this.indent < indent) break;
      if (this.indent > indent || this.isEntry(this.content)) throw new NotPlainBlockYaml();
      at = this.content;
    }
    this.depth--;
    return result;
  }

  /** The value after a key's `:` at `from`; leaves the reader on the line after it. */
  private value(indent: number, from: number): unknown {
    const src = this.src;
    const at = this.spacesFrom(from, this.end);
    if (at === this.end || src.charCodeAt(at) === HASH) {
      this.next();
      if (this.done || this.indent < indent) return null;
      if (this.indent > indent) return this.block();
      // A sequence may sit at its key's indentation.
      return this.isEntry(this.content) ? this.sequence(indent, this.content) : null;
    }
    return this.inline(at, indent);
  }

  /** True when `at` ends a token: a space or the end of the line. */
  private separates(at: number): boolean {
    return at === this.end || this.src.charCodeAt(at) === SPACE;
  }

  private key(at: number, colon: number): string {
    const c = this.src.charCodeAt(at);
    if (c === DOUBLE || c === SINGLE) return this.quoted(at, this.quotedEnd(at));
    const key = trimSpaces(this.src.slice(at, colon));
    if (!PLAIN_KEY.test(key) || resolvePlainScalar(key) !== key) throw new NotPlainBlockYaml();
    return key;
  }

  /** A scalar, flow collection or block scalar starting at `at`; leaves the reader on the line after it. */
  private inline(at: number, indent: number): unknown {
    const src = this.src;
    const c = src.charCodeAt(at);
    let value: unknown;
    if (c === 0x7c || c === 0x3e) return this.blockScalar(at, indent);
    if (c === DOUBLE || c === SINGLE) {
      value = this.quotedScalar(at, indent);
    } else if (isFlowStart(c)) {
      const end = this.flow(at);
      if (!this.onlyCommentFrom(end)) throw new NotPlainBlockYaml();
      value = this.flowValue;
      this.next();
    } else {
      value = scalar(this.plain(at, indent));
    }
    // A more indented line after a one-line value continues it (or is an error): js-yaml's to read.
    if (!this.done && this.indent > indent) throw new NotPlainBlockYaml();
    return value;
  }

  /**
   * The text of a plain scalar: to the end of the line or a comment, then any lines indented more than the node it
   * belongs to, folded (a line break is a space, each blank line a newline). Leaves the reader after it.
   */
  private plain(at: number, indent: number): string {
    const src = this.src;
    const c = src.charCodeAt(at);
    // Indicators: `&` `*` `!` `%` `@` `` ` `` `?` `:` `,` `]` `}` `-` + space; `#` never gets here.
    if ('&*!%@`?:,]}'.includes(src[at]) || (c === DASH && this.separates(at + 1))) throw new NotPlainBlockYaml();
    const lineEnd = this.plainEnd(at, this.end);
    let text = this.plainLine(at, lineEnd);
    if (lineEnd < this.end) {
      // A comment ends the scalar; a more indented line after it is an error, left to js-yaml by inline().
      this.next();
      return text;
    }
    let blanks = 0;
    let from = this.end + 1;
    while (from < src.length) {
      const end = this.lineEnd(from);
      const first = this.spacesFrom(from, end);
      if (first === end) {
        blanks++;
      } else {
        if (first - from <= indent) break;
        // A comment on a continuation line ends the scalar, and the lines after it are an error: js-yaml's.
        if (src.charCodeAt(first) === HASH || this.plainEnd(first, end) < end) throw new NotPlainBlockYaml();
        text = folded(text, blanks, this.plainLine(first, end));
        blanks = 0;
      }
      from = end + 1;
    }
    this.seek(from);
    return text;
  }

  /**
   * Where the plain text from `at` ends on a line ending at `end`: at a ` #` comment, or `end`. A `:` before a
   * space or the end in it (`a: b: c`, `a: b:`) is an error js-yaml reports. One pass, as it runs on every value.
   */
  private plainEnd(at: number, end: number): number {
    const src = this.src;
    for (let i = at; i < end; i++) {
      const c = src.charCodeAt(i);
      if (c === HASH && src.charCodeAt(i - 1) === SPACE) return i;
      if (c === COLON && (i + 1 === end || src.charCodeAt(i + 1) === SPACE)) throw new NotPlainBlockYaml();
    }
    return end;
  }

  /** The plain text from `at` to `end` (a line's end or its comment, as {@link plainEnd} found it), trimmed. */
  private plainLine(at: number, end: number): string {
    return trimSpaces(this.src.slice(at, end));
  }

  /** The offset just past the closing quote of the quoted scalar at `at`, on the current line. */
  private quotedEnd(at: number): number {
    const close = closingQuote(this.src, at, this.end);
    if (close < 0) throw new NotPlainBlockYaml();
    return close + 1;
  }

  /**
   * A quoted scalar value from `at`, on one line or folded over several indented more than its node (a line break
   * is a space, each blank line a newline), as long descriptions in CRDs are written. Leaves the reader after it.
   */
  private quotedScalar(at: number, indent: number): string {
    const src = this.src;
    let close = closingQuote(src, at, this.end);
    if (close >= 0) {
      if (!this.onlyCommentFrom(close + 1)) throw new NotPlainBlockYaml();
      const value = this.quoted(at, close + 1);
      this.next();
      return value;
    }
    // A backslash in a multi-line double-quoted scalar is js-yaml's (one before a line break joins the lines).
    let text = trimSpaces(src.slice(at + 1, this.end));
    let blanks = 0;
    let from = this.end + 1;
    for (;;) {
      if (from >= src.length) throw new NotPlainBlockYaml();
      const end = this.lineEnd(from);
      const first = this.spacesFrom(from, end);
      if (first === end) {
        blanks++;
      } else {
        if (first - from <= indent) throw new NotPlainBlockYaml();
        close = closingQuote(src, at, end, first);
        const line = close < 0 ? trimSpaces(src.slice(first, end)) : src.slice(first, close);
        text = folded(text, blanks, line);
        blanks = 0;
        if (close >= 0) {
          this.end = end;
          if (!this.onlyCommentFrom(close + 1)) throw new NotPlainBlockYaml();
          break;
        }
      }
      from = end + 1;
    }
    if (src.charCodeAt(at) === DOUBLE && text.includes('\\')) throw new NotPlainBlockYaml();
    this.next();
    return src.charCodeAt(at) === SINGLE && text.includes("''") ? text.replace(/''/g, "'") : text;
  }

  /** The text of the quoted scalar from `at` to `end` (just past its closing quote). */
  private quoted(at: number, end: number): string {
    return quotedText(this.src.slice(at, end));
  }

  /** The value of the last {@link flow} read: a field, so each node of a flow collection costs no result object. */
  private flowValue: unknown;

  /**
   * A flow node on one line from `at`: `[a, "b", 3]`, `{name: x, value: [1, 2]}` or a scalar in them. Sets
   * {@link flowValue} and returns the offset just past the node. A key with no value, a trailing comma, a comment
   * and anything that goes on past the line are js-yaml's.
   */
  private flow(at: number): number {
    const src = this.src;
    const c = src.charCodeAt(at);
    if (c === DOUBLE || c === SINGLE) {
      const end = this.quotedEnd(at);
      this.flowValue = this.quoted(at, end);
      return end;
    }
    if (!isFlowStart(c)) {
      let end = at;
      // A plain scalar in a flow collection ends at a flow indicator; a `:`, `#` or quote in it is js-yaml's.
      while (end < this.end && !',[]{}#:"\''.includes(src[end])) end++;
      const text = trimSpaces(src.slice(at, end));
      if (text === '' || '&*!%@`?|>'.includes(text[0]) || (text[0] === '-' && (text.length === 1 || text[1] === ' '))) throw new NotPlainBlockYaml();
      this.flowValue = scalar(text);
      return end;
    }
    this.enter();
    const close = c === OPEN_SEQUENCE ? CLOSE_SEQUENCE : CLOSE_MAPPING;
    const items: unknown[] = [];
    const entries: Record<string, unknown> = {};
    let i = this.spacesFrom(at + 1, this.end);
    if (src.charCodeAt(i) !== close) {
      for (;;) {
        if (i >= this.end) throw new NotPlainBlockYaml();
        if (c === OPEN_SEQUENCE) {
          i = this.flow(i);
          items.push(this.flowValue);
        } else {
          const colon = keyColon(src, i, this.end);
          if (colon < 0) throw new NotPlainBlockYaml();
          const key = newKey(entries, this.key(i, colon));
          const value = this.spacesFrom(colon + 1, this.end);
          if (value >= this.end || ',]}'.includes(src[value])) throw new NotPlainBlockYaml();
          i = this.flow(value);
          entries[key] = this.flowValue;
        }
        i = this.spacesFrom(i, this.end);
        if (src.charCodeAt(i) === close) break;
        if (src.charCodeAt(i) !== COMMA) throw new NotPlainBlockYaml();
        i = this.spacesFrom(i + 1, this.end);
        if (i >= this.end || src.charCodeAt(i) === close) throw new NotPlainBlockYaml();
      }
    }
    this.depth--;
    this.flowValue = c === OPEN_SEQUENCE ? items : entries;
    return i + 1;
  }

  /** A `|` or `>` block scalar whose header is at `at`, under a node at `indent`; leaves the reader after it. */
  private blockScalar(at: number, indent: number): string {
    const src = this.src;
    const folded = src.charCodeAt(at) === 0x3e;
    let i = at + 1;
    const chomp = src[i] === '-' || src[i] === '+' ? src[i++] : '';
    if (!this.onlyCommentFrom(i)) throw new NotPlainBlockYaml();
    const lines: string[] = [];
    let contentIndent = -1;
    let blanks = 0;
    let from = this.end + 1;
    while (from < src.length) {
      const end = this.lineEnd(from);
      const spaces = this.spacesFrom(from, end) - from;
      if (from + spaces === end) {
        // A blank line; one with more spaces than the content's indentation holds text: js-yaml's.
        if (contentIndent < 0 ? spaces > 0 : spaces > contentIndent) throw new NotPlainBlockYaml();
        blanks++;
      } else {
        if (contentIndent < 0) {
          if (spaces <= indent) break;
          contentIndent = spaces;
        } else if (spaces < contentIndent) break;
        if (folded && (blanks > 0 || spaces > contentIndent)) throw new NotPlainBlockYaml();
        for (; blanks > 0; blanks--) lines.push('');
        lines.push(src.slice(from + contentIndent, end));
      }
      from = end + 1;
    }
    if (contentIndent < 0) throw new NotPlainBlockYaml();
    const text = lines.join(folded ? ' ' : '\n');
    this.seek(from);
    return chomp === '-' ? text : chomp === '+' ? `${text}\n${'\n'.repeat(blanks)}` : `${text}\n`;
  }
}

/**
 * `key`, when `entries` may take it: a key already there, `__proto__` (which would set the prototype) and `<<` (a
 * merge) are js-yaml's to read.
 */
function newKey(entries: Record<string, unknown>, key: string): string {
  if (key === '__proto__' || key === '<<' || Object.prototype.hasOwnProperty.call(entries, key)) throw new NotPlainBlockYaml();
  return key;
}

/** `[` or `{`: a flow collection starts there. */
function isFlowStart(c: number): boolean {
  return c === OPEN_SEQUENCE || c === OPEN_MAPPING;
}

/** A plain scalar's value; a number JSON cannot hold is js-yaml's to refuse. */
function scalar(text: string): unknown {
  const value = resolvePlainScalar(text);
  if (typeof value === 'number' && !Number.isFinite(value)) throw new NotPlainBlockYaml();
  return value;
}

/** `text` and the next line of a folded scalar: a line break between them is a space, each blank line a newline. */
function folded(text: string, blanks: number, line: string): string {
  return text + (blanks > 0 ? '\n'.repeat(blanks) : ' ') + line;
}

/** The text without trailing spaces: YAML trims spaces and tabs, not the other whitespace `trimEnd` takes (NBSP, U+2028). */
function trimSpaces(text: string): string {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === SPACE) end--;
  return end === text.length ? text : text.slice(0, end);
}
