import { resolvePlainScalar } from './yaml-schema';

/** Thrown where the text holds YAML the line reader does not follow; the caller parses the document instead. */
export class NotPlainBlockYaml extends Error {}

type Segment = string | number;

/** A node of the document: where its content starts, its column, and where its lines end. */
interface BlockNode {
  readonly kind: 'mapping' | 'sequence' | 'flow' | 'scalar' | 'other';
  /** offset of the node's first character */
  readonly start: number;
  /** column of the node: its keys' for a mapping, its dashes' for a sequence */
  readonly column: number;
  /** offset just past the node's last line */
  readonly end: number;
}

interface MappingEntry {
  readonly keyOffset: number;
  /** the value when written on the key's line, after `: ` and any comment removed */
  readonly inline: string;
  /** offset of the inline value */
  readonly inlineOffset: number;
  /** offset of the line after the key's */
  readonly next: number;
  /** offset just past the entry's last line */
  readonly end: number;
}

interface SequenceItem {
  /** offset of the `-` */
  readonly dash: number;
  readonly end: number;
}

/**
 * Finds paths in one YAML document by reading its lines, without parsing it: the key of each mapping entry and the
 * content of each sequence item along the path, the positions a full parse with positions gives. It follows
 * block YAML as kubectl, cdk8s and people write manifests (block mappings and sequences, plain and quoted keys,
 * one-line quoted and flow values, block scalars, comments) and throws {@link NotPlainBlockYaml} at anything else
 * it meets (flow collections it must enter, anchors, aliases and tags on the path, quoted or flow values that go
 * on past their line, tabs in indentation, `?` keys), so the caller parses the document instead. Each mapping and
 * sequence on the path is indexed once, so many paths cost the lines they pass, not the document each.
 */
export class BlockPositions {
  private readonly mappings = new Map<number, Map<string, MappingEntry>>();
  private readonly sequences = new Map<number, SequenceItem[]>();
  private root?: BlockNode;

  /**
   * @param text the file's text
   * @param start offset of the document (its `---` line, if any)
   * @param end offset just past it
   */
  constructor(private readonly text: string, private readonly start: number, private readonly end: number) {}

  /**
   * The offset of the deepest node `segments` reach: a mapping entry's key, or a sequence item's content;
   * undefined when not even the first segment is there.
   *
   * @throws NotPlainBlockYaml when the path passes YAML this reader does not follow
   */
  deepest(segments: readonly Segment[]): number | undefined {
    let node: BlockNode | undefined = (this.root ??= this.rootNode());
    let offset: number | undefined;
    for (let i = 0; i < segments.length; i++) {
      const segment = segments[i];
      if (!node) break;
      if (node.kind === 'other') throw new NotPlainBlockYaml();
      if (node.kind === 'flow') return this.deepestInFlow(node.start, segments.slice(i), offset);
      if (node.kind === 'mapping') {
        const entry = this.mapping(node).get(String(segment));
        if (!entry) break;
        offset = entry.keyOffset;
        node = this.valueOf(entry, node.column);
      } else if (node.kind === 'sequence' && typeof segment === 'number') {
        const item = this.sequence(node)[segment];
        if (!item) break;
        const content = this.contentAfter(item.dash + 1, item.end)!;
        offset = content;
        node = this.nodeAt(content, item.end);
      } else {
        break;
      }
    }
    return offset;
  }

  /** {@link deepest} on from a one-line flow collection (`[sh, -c]`, `{name: x}`) at `start`. */
  private deepestInFlow(start: number, segments: readonly Segment[], offset: number | undefined): number | undefined {
    let node: FlowNode | undefined = readFlow(this.text, start, this.lineEnd(start)).node;
    for (const segment of segments) {
      if (node?.kind === 'map') {
        const entry = node.entries.get(String(segment));
        if (!entry) break;
        offset = entry.keyOffset;
        node = entry.value;
      } else if (node?.kind === 'seq' && typeof segment === 'number') {
        const item: FlowNode | undefined = node.items[segment];
        if (!item) break;
        offset = item.offset;
        node = item;
      } else {
        break;
      }
    }
    return offset;
  }

  private rootNode(): BlockNode | undefined {
    let at = this.start;
    if (this.text.startsWith('---', at)) {
      const lineEnd = this.lineEnd(at);
      if (stripComment(this.text.slice(at + 3, lineEnd)).trim() !== '') throw new NotPlainBlockYaml();
      at = this.nextLine(at);
    }
    const content = this.contentAfter(at, this.end);
    if (content === undefined) return undefined;
    if (this.text[content] === '%') throw new NotPlainBlockYaml();
    return this.nodeAt(content, this.end);
  }

  /** The node whose first character is at `start`, running to `end` at most. */
  private nodeAt(start: number, end: number): BlockNode {
    const column = start - this.lineStart(start);
    const ch = this.text[start];
    if (ch === '-' && isBlankOrEnd(this.text[start + 1])) return { kind: 'sequence', start, column, end };
    if (ch === '{' || ch === '[') return { kind: 'flow', start, column, end };
    if ('&!*?'.includes(ch)) return { kind: 'other', start, column, end };
    if (ch === '|' || ch === '>') return { kind: 'scalar', start, column, end };
    return this.keyAt(start) ? { kind: 'mapping', start, column, end } : { kind: 'scalar', start, column, end };
  }

  /** The node of an entry's value (undefined when it has none): on the key's line, or on the lines below it. */
  private valueOf(entry: MappingEntry, column: number): BlockNode | undefined {
    if (entry.inline !== '') {
      const ch = entry.inline[0];
      const kind = ch === '{' || ch === '[' ? 'flow' : '&!*'.includes(ch) ? 'other' : 'scalar';
      return { kind, start: entry.inlineOffset, column, end: entry.end };
    }
    const content = this.contentAfter(entry.next, entry.end);
    return content === undefined ? undefined : this.nodeAt(content, entry.end);
  }

  /** The entries of a block mapping, by key as Kubernetes reads it (`on` is `true`, `1.0` is `1`). */
  private mapping(node: BlockNode): Map<string, MappingEntry> {
    const known = this.mappings.get(node.start);
    if (known) return known;
    const entries = new Map<string, MappingEntry>();
    let open: (Omit<MappingEntry, 'end'> & { key: string }) | undefined;
    const close = (end: number) => {
      if (open && !entries.has(open.key)) entries.set(open.key, { ...open, end });
      open = undefined;
    };
    let lineStart = this.lineStart(node.start);
    for (let first = true; lineStart < node.end; lineStart = this.nextLine(lineStart), first = false) {
      // The first key may follow a `- ` on its line; its column is the mapping's.
      const indent = first ? node.column : this.indentOf(lineStart, node.column);
      const content = lineStart + indent;
      if (!this.isBlankOrComment(content)) {
        if (indent < node.column) break;
        if (indent === node.column) {
          // `key:` then `- item` lines at the key's own column: the items belong to the entry above.
          const ch = this.text[content];
          if (!(ch === '-' && isBlankOrEnd(this.text[content + 1]))) {
            close(lineStart);
            const key = this.keyAt(content);
            if (!key) throw new NotPlainBlockYaml();
            checkOneLine(key.inline);
            open = { key: key.key, keyOffset: content, inline: key.inline, inlineOffset: key.inlineOffset, next: this.nextLine(content) };
          } else if (!open || open.inline !== '') {
            throw new NotPlainBlockYaml();
          }
        }
      }
    }
    close(Math.min(lineStart, node.end));
    this.mappings.set(node.start, entries);
    return entries;
  }

  /** The items of a block sequence, in order. */
  private sequence(node: BlockNode): SequenceItem[] {
    const known = this.sequences.get(node.start);
    if (known) return known;
    const dashes: number[] = [];
    let lineStart = this.lineStart(node.start);
    for (let first = true; lineStart < node.end; lineStart = this.nextLine(lineStart), first = false) {
      const indent = first ? node.column : this.indentOf(lineStart, node.column);
      const content = lineStart + indent;
      if (!this.isBlankOrComment(content)) {
        if (indent < node.column) break;
        if (indent === node.column) {
          if (!(this.text[content] === '-' && isBlankOrEnd(this.text[content + 1]))) break;
          dashes.push(content);
          checkOneLine(stripComment(this.text.slice(content + 1, this.lineEnd(content))).trim());
        }
      }
    }
    const end = Math.min(lineStart, node.end);
    const items = dashes.map((dash, i) => ({ dash, end: i + 1 < dashes.length ? this.lineStart(dashes[i + 1]) : end }));
    // An empty item has no node of its own in js-yaml, so the positions of the items after it are the parser's to tell.
    if (items.some((item) => this.contentAfter(item.dash + 1, item.end) === undefined)) throw new NotPlainBlockYaml();
    this.sequences.set(node.start, items);
    return items;
  }

  /**
   * The key of a `key: value` line starting at `at` (as Kubernetes reads it) and the value written after it, or
   * undefined when the text there is no key.
   */
  private keyAt(at: number): { key: string; inline: string; inlineOffset: number } | undefined {
    const lineEnd = this.lineEnd(at);
    const line = this.text.slice(at, lineEnd);
    let key: string;
    let restAt: number;
    const quote = line[0];
    if (quote === '"' || quote === "'") {
      const close = closingQuote(line, 0);
      if (close < 0) return undefined;
      const written = line.slice(0, close + 1);
      try {
        key = quote === '"' ? (JSON.parse(written) as string) : written.slice(1, -1).replace(/''/g, "'");
      } catch {
        // An escape only YAML knows (`\x41`, `\e`): the parser's to read.
        throw new NotPlainBlockYaml();
      }
      const after = line.slice(close + 1);
      const colon = /^[ \t]*:(?=[ \t]|$)/.exec(after);
      if (!colon) return undefined;
      restAt = close + 1 + colon[0].length;
    } else {
      const colon = /:(?=[ \t]|$)/.exec(line);
      if (!colon) return undefined;
      const written = line.slice(0, colon.index).trimEnd();
      if (written === '' || written.includes(' #') || '&!*{[?|>%@`,#'.includes(written[0])) throw new NotPlainBlockYaml();
      key = String(resolvePlainScalar(written));
      restAt = colon.index + 1;
    }
    const rest = line.slice(restAt);
    const inline = stripComment(rest).trim();
    return { key, inline, inlineOffset: at + restAt + (rest.length - rest.trimStart().length) };
  }

  /** The first character after `at` (before `end`) that is not blank, a line break or in a comment. */
  private contentAfter(at: number, end: number): number | undefined {
    let i = at;
    while (i < end) {
      const ch = this.text[i];
      if (ch === ' ' || ch === '\r' || ch === '\n') i++;
      else if (ch === '\t') throw new NotPlainBlockYaml();
      else if (ch === '#') i = this.nextLine(i);
      else return i;
    }
    return undefined;
  }

  /** The indentation of the line at `lineStart`; a tab within `atMost` columns is the parser's to judge. */
  private indentOf(lineStart: number, atMost: number): number {
    let i = lineStart;
    while (this.text[i] === ' ') i++;
    if (this.text[i] === '\t' && i - lineStart <= atMost) throw new NotPlainBlockYaml();
    return i - lineStart;
  }

  /** True when the line's content (at `at`, after its indentation) is nothing or a comment. */
  private isBlankOrComment(at: number): boolean {
    const ch = this.text[at];
    return at >= this.end || ch === '\n' || ch === '\r' || ch === '#';
  }

  private lineStart(at: number): number {
    return this.text.lastIndexOf('\n', at - 1) + 1;
  }

  private lineEnd(at: number): number {
    const nl = this.text.indexOf('\n', at);
    const end = nl < 0 || nl > this.end ? this.end : nl;
    return this.text[end - 1] === '\r' ? end - 1 : end;
  }

  private nextLine(at: number): number {
    const nl = this.text.indexOf('\n', at);
    return nl < 0 || nl >= this.end ? this.end : nl + 1;
  }
}

function isBlankOrEnd(ch: string | undefined): boolean {
  return ch === undefined || ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r';
}

/** The text without a trailing comment (` # ...`), quotes respected. */
function stripComment(text: string): string {
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quote) {
      if (ch === '\\' && quote === '"') i++;
      else if (ch === quote) quote = undefined;
    } else if ((ch === '"' || ch === "'") && (i === 0 || ' \t[{,:'.includes(text[i - 1]))) {
      quote = ch;
    } else if (ch === '#' && (i === 0 || text[i - 1] === ' ' || text[i - 1] === '\t')) {
      return text.slice(0, i);
    }
  }
  return text;
}

/** Where the quoted scalar opening at `open` closes on its line (`''` and `\"` are escapes), or -1. */
function closingQuote(line: string, open: number): number {
  const quote = line[open];
  for (let i = open + 1; i < line.length; i++) {
    if (quote === '"' && line[i] === '\\') i++;
    else if (line[i] === quote) {
      if (quote === "'" && line[i + 1] === "'") i++;
      else return i;
    }
  }
  return -1;
}

/**
 * Refuses a value written on a key's or dash's line that goes on to the next lines: an open quote or flow
 * collection, whose next lines may sit at any indentation and so hide the keys around them.
 */
function checkOneLine(value: string): void {
  const text = value.replace(/^(?:[&!][^\s]*\s+)*/, '');
  const ch = text[0];
  if (ch === '"' || ch === "'") {
    if (closingQuote(text, 0) < 0) throw new NotPlainBlockYaml();
  } else if (ch === '[' || ch === '{') {
    let depth = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (c === '"' || c === "'") {
        const close = closingQuote(text, i);
        if (close < 0) throw new NotPlainBlockYaml();
        i = close;
      } else if (c === '[' || c === '{') depth++;
      else if (c === ']' || c === '}') depth--;
    }
    if (depth !== 0) throw new NotPlainBlockYaml();
  } else if (text.startsWith('- ') || text === '-') {
    // `- - x`: a sequence in a sequence item; its items are read when the path enters it.
    checkOneLine(text.slice(1).trim());
  } else {
    const colon = /:(?=[ \t]|$)/.exec(text);
    // `- key: value`: the first entry of a mapping in a sequence item.
    if (colon && !/^["']/.test(text)) checkOneLine(stripComment(text.slice(colon.index + 1)).trim());
  }
}

/** A node of a one-line flow collection. */
type FlowNode =
  | { readonly kind: 'map'; readonly offset: number; readonly entries: ReadonlyMap<string, { readonly keyOffset: number; readonly value: FlowNode }> }
  | { readonly kind: 'seq'; readonly offset: number; readonly items: readonly FlowNode[] }
  | { readonly kind: 'scalar'; readonly offset: number };

/**
 * Reads the flow node at `at` (on one line, before `end`): `[a, "b", {c: d}]`, `{name: x, labels: {app: y}}`.
 *
 * @throws NotPlainBlockYaml at anything but plain or quoted scalars, `key: value` mappings and sequences (anchors,
 *   tags, aliases, `a: b` pairs in a sequence, keys without values, comments)
 */
function readFlow(text: string, at: number, end: number): { node: FlowNode; next: number } {
  const skip = (i: number) => {
    while (i < end && (text[i] === ' ' || text[i] === '\t')) i++;
    return i;
  };
  const start = skip(at);
  const ch = text[start];
  if (ch === '[' || ch === '{') {
    const items: FlowNode[] = [];
    const entries = new Map<string, { keyOffset: number; value: FlowNode }>();
    const close = ch === '[' ? ']' : '}';
    let i = skip(start + 1);
    while (text[i] !== close) {
      if (i >= end) throw new NotPlainBlockYaml();
      if (ch === '[') {
        const item = readFlow(text, i, end);
        items.push(item.node);
        i = skip(item.next);
        if (text[i] === ':') throw new NotPlainBlockYaml();
      } else {
        const key = readFlowKey(text, i, end);
        const value = readFlow(text, key.next, end);
        if (!entries.has(key.key)) entries.set(key.key, { keyOffset: i, value: value.node });
        i = skip(value.next);
      }
      if (text[i] === ',') i = skip(i + 1);
      else if (text[i] !== close) throw new NotPlainBlockYaml();
    }
    return { node: ch === '[' ? { kind: 'seq', offset: start, items } : { kind: 'map', offset: start, entries }, next: i + 1 };
  }
  if (ch === '"' || ch === "'") {
    const closeAt = closingQuote(text.slice(start, end), 0);
    if (closeAt < 0) throw new NotPlainBlockYaml();
    return { node: { kind: 'scalar', offset: start }, next: start + closeAt + 1 };
  }
  if (ch === undefined || '&!*?|>#@`%]},'.includes(ch) || start >= end) throw new NotPlainBlockYaml();
  let i = start;
  while (i < end && !',[]{}'.includes(text[i]) && !(text[i] === ':' && ' \t,[]{}'.includes(text[i + 1] ?? ' ')) && !(text[i] === '#' && text[i - 1] === ' ')) i++;
  if (text[i] === '#') throw new NotPlainBlockYaml();
  return { node: { kind: 'scalar', offset: start }, next: i };
}

/** A `key:` of a flow mapping at `at`: the key as Kubernetes reads it, and where its value starts. */
function readFlowKey(text: string, at: number, end: number): { key: string; next: number } {
  const ch = text[at];
  let key: string;
  let i: number;
  if (ch === '"' || ch === "'") {
    const closeAt = closingQuote(text.slice(at, end), 0);
    if (closeAt < 0) throw new NotPlainBlockYaml();
    const written = text.slice(at, at + closeAt + 1);
    try {
      key = ch === '"' ? (JSON.parse(written) as string) : written.slice(1, -1).replace(/''/g, "'");
    } catch {
      throw new NotPlainBlockYaml();
    }
    i = at + closeAt + 1;
    while (text[i] === ' ') i++;
    if (text[i] !== ':') throw new NotPlainBlockYaml();
    i++;
  } else {
    if ('&!*?|>#@`%[]{},'.includes(ch)) throw new NotPlainBlockYaml();
    i = at;
    while (i < end && !(text[i] === ':' && (text[i + 1] === ' ' || text[i + 1] === '\t'))) {
      if (',[]{}'.includes(text[i]) || (text[i] === '#' && text[i - 1] === ' ')) throw new NotPlainBlockYaml();
      i++;
    }
    if (i >= end) throw new NotPlainBlockYaml();
    key = String(resolvePlainScalar(text.slice(at, i).trimEnd()));
    i++;
  }
  return { key, next: i };
}
