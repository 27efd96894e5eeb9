import { closingQuote, isBlankOrEnd, keyColon, NotPlainBlockYaml, quotedText, SPACE, TAB } from './block-lines';
import { resolvePlainScalar } from './yaml-schema';

type Segment = string | number;

/** A node of the document: where its content starts and its column. */
interface BlockNode {
  readonly kind: 'mapping' | 'sequence' | 'flow' | 'scalar' | 'other';
  /** offset of the node's first character */
  readonly start: number;
  /** column of the node: its keys' for a mapping, its dashes' for a sequence */
  readonly column: number;
}

/** A mapping entry: where its key is, where its value starts on the key's line (if there), and the next line. */
interface MappingEntry {
  readonly keyOffset: number;
  /** offset of the value on the key's line, or -1 when the line ends (or a comment starts) after the `:` */
  readonly inline: number;
  /** offset of the line after the key's */
  readonly next: number;
}

/**
 * How far a mapping or sequence has been read: its lines are read only as far as a path needs, and what was found
 * is kept for the next path.
 */
interface Scan<T> {
  readonly found: T;
  /** offset of the next line to read, or -1 once the node's lines are all read */
  next: number;
  /** while the lines read are a block scalar's, the column of what owns it (more indented lines are its text); else -1 */
  block: number;
}

const LINE_ENDS = 0;
const LINE_SKIPPED = 1;
const LINE_AT_COLUMN = 2;

/**
 * Nodes whose scans are kept: enough for every node one path passes and its neighbours, so the paths of one object
 * after another reuse them. Few enough that a scan let go dies young, which keeps a 50 MB `List` from filling the
 * heap with the scans of items already done.
 */
const KEPT_SCANS = 32;

/**
 * Finds paths in one YAML document by reading its lines, without parsing it: the key of each mapping entry and the
 * content of each sequence item along the path, the positions a full parse with positions gives. It follows
 * block YAML as kubectl, cdk8s and people write manifests (block mappings and sequences, plain and quoted keys,
 * one-line quoted and flow values, block scalars, comments) and throws {@link NotPlainBlockYaml} at anything else
 * it meets (anchors, aliases and tags on the path, quoted or flow values that go on past their line, tabs in
 * indentation, `?` keys, empty sequence items), so the caller parses the document instead.
 *
 * A mapping or sequence is read only as far as the paths asked for need, once: many paths cost the lines they
 * pass. The scans kept are bounded ({@link KEPT_SCANS}, the most recently used), so the memory of a 50 MB `List`
 * is that of a few of its items.
 */
export class BlockPositions {
  private readonly scans = new Map<number, Scan<Map<string, MappingEntry>> | Scan<number[]>>();
  private root?: BlockNode | null;

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
    if (this.root === undefined) this.root = this.rootNode() ?? null;
    let node: BlockNode | undefined = this.root ?? undefined;
    let offset: number | undefined;
    for (let i = 0; i < segments.length; i++) {
      const segment = segments[i];
      if (!node) break;
      if (node.kind === 'other') throw new NotPlainBlockYaml();
      if (node.kind === 'flow') return deepestInFlow(readFlow(this.text, node.start, this.lineEnd(node.start)).node, segments.slice(i), offset);
      if (node.kind === 'mapping') {
        const entry = this.entry(node, String(segment));
        if (!entry) break;
        offset = entry.keyOffset;
        node = this.valueOf(entry, node.column);
      } else if (node.kind === 'sequence' && typeof segment === 'number') {
        const dash = this.item(node, segment);
        if (dash === undefined) break;
        offset = this.itemContent(dash, node.column);
        node = this.nodeAt(offset);
      } else {
        break;
      }
    }
    return offset;
  }

  private rootNode(): BlockNode | undefined {
    let at = this.start;
    if (this.text.startsWith('---', at)) {
      const rest = this.firstContent(at + 3, this.lineEnd(at));
      if (rest !== undefined) throw new NotPlainBlockYaml();
      at = this.nextLine(at);
    }
    const content = this.contentAfter(at);
    if (content === undefined) return undefined;
    if (this.text[content] === '%') throw new NotPlainBlockYaml();
    return this.nodeAt(content);
  }

  /** The node whose first character is at `start`. */
  private nodeAt(start: number): BlockNode {
    const column = start - this.lineStart(start);
    const ch = this.text[start];
    if (ch === '-' && isBlankOrEnd(this.text[start + 1])) return { kind: 'sequence', start, column };
    if (ch === '{' || ch === '[') return { kind: 'flow', start, column };
    if (ch === '&' || ch === '!' || ch === '*' || ch === '?') return { kind: 'other', start, column };
    if (ch === '|' || ch === '>') return { kind: 'scalar', start, column };
    return this.keyAt(start) ? { kind: 'mapping', start, column } : { kind: 'scalar', start, column };
  }

  /**
   * The node of an entry's value, or undefined when it has none: on the key's line, or on the lines below it,
   * more indented than the key or (a sequence) at its column.
   */
  private valueOf(entry: MappingEntry, column: number): BlockNode | undefined {
    if (entry.inline >= 0) {
      const ch = this.text[entry.inline];
      const kind = ch === '{' || ch === '[' ? 'flow' : ch === '&' || ch === '!' || ch === '*' ? 'other' : 'scalar';
      return { kind, start: entry.inline, column };
    }
    const content = this.contentAfter(entry.next);
    if (content === undefined) return undefined;
    const indent = content - this.lineStart(content);
    const isDash = this.text[content] === '-' && isBlankOrEnd(this.text[content + 1]);
    return indent > column || (indent === column && isDash) ? this.nodeAt(content) : undefined;
  }

  /** The entry of `key` in a block mapping (keys as Kubernetes reads them: `on` is `true`, `1.0` is `1`). */
  private entry(node: BlockNode, key: string): MappingEntry | undefined {
    const scan = this.scanOf(node, () => new Map<string, MappingEntry>()) as Scan<Map<string, MappingEntry>>;
    const known = scan.found.get(key);
    if (known || scan.next < 0) return known;
    for (let content = this.nextAtColumn(scan, node); content >= 0; content = this.nextAtColumn(scan, node)) {
      // `key:` then `- item` lines at the key's own column: the items belong to the entry above.
      if (this.text[content] === '-' && isBlankOrEnd(this.text[content + 1])) {
        scan.block = checkLine(this.text, content, this.lineEnd(content), node.column);
        continue;
      }
      const found = this.keyAt(content);
      if (!found) throw new NotPlainBlockYaml();
      scan.block = found.block;
      const entry = { keyOffset: content, inline: found.inline, next: this.nextLine(content) };
      if (!scan.found.has(found.key)) scan.found.set(found.key, entry);
      if (found.key === key) return entry;
    }
    return scan.found.get(key);
  }

  /** The offset of the `-` of item `index` of a block sequence. */
  private item(node: BlockNode, index: number): number | undefined {
    const scan = this.scanOf(node, () => [] as number[]) as Scan<number[]>;
    while (scan.found.length <= index) {
      const content = this.nextAtColumn(scan, node);
      if (content < 0) break;
      if (!(this.text[content] === '-' && isBlankOrEnd(this.text[content + 1]))) {
        scan.next = -1;
        break;
      }
      // An empty item has no node of its own in js-yaml, so the positions of the items after it are the parser's.
      this.itemContent(content, node.column);
      scan.block = checkLine(this.text, content, this.lineEnd(content), node.column);
      scan.found.push(content);
    }
    return scan.found[index];
  }

  /**
   * The offset of the content of the next line of `node`'s scan that starts at the node's column (an entry or an
   * item), past blank, comment and more indented lines; -1 once the node has ended.
   */
  private nextAtColumn(scan: Scan<unknown>, node: BlockNode): number {
    while (scan.next >= 0) {
      const lineStart = scan.next;
      // The first entry may follow a `- ` on its line; its column is the node's.
      const first = lineStart <= node.start;
      const indent = first ? node.column : this.indentOf(lineStart, node.column);
      const content = first ? node.start : lineStart + indent;
      scan.next = this.nextLine(lineStart);
      if (scan.next >= this.end) scan.next = -1;
      const line = this.lineOf(scan, content, indent, node.column);
      if (line === LINE_ENDS) return -1;
      if (line === LINE_AT_COLUMN) return content;
    }
    return -1;
  }

  /**
   * What a line read by a scan (its content at `content`, indented `indent`) is to the node at `column`: one of its
   * own keys or items, a line within them, or past the node (which ends the scan). A line of a block scalar's
   * text is skipped; any other more indented line must not open a quoted or flow value it does not close, since
   * that value's next lines could sit at any indentation and pass for the node's keys or items.
   */
  private lineOf(scan: Scan<unknown>, content: number, indent: number, column: number): typeof LINE_ENDS | typeof LINE_SKIPPED | typeof LINE_AT_COLUMN {
    if (this.isBlankOrComment(content)) return LINE_SKIPPED;
    if (scan.block >= 0) {
      if (indent > scan.block) return LINE_SKIPPED;
      scan.block = -1;
    }
    if (indent < column) {
      scan.next = -1;
      return LINE_ENDS;
    }
    if (indent === column) return LINE_AT_COLUMN;
    scan.block = checkLine(this.text, content, this.lineEnd(content), indent);
    return LINE_SKIPPED;
  }

  /** Where the content of the item whose `-` is at `dash` starts: on its line, or on a more indented one below. */
  private itemContent(dash: number, column: number): number {
    const content = this.contentAfter(dash + 1);
    if (content === undefined || (content >= this.nextLine(dash) && content - this.lineStart(content) <= column)) throw new NotPlainBlockYaml();
    return content;
  }

  /** The scan of a mapping or sequence, started when first asked for; the least recently used are let go. */
  private scanOf<T>(node: BlockNode, empty: () => T): Scan<T> {
    let scan = this.scans.get(node.start) as Scan<T> | undefined;
    if (scan) {
      this.scans.delete(node.start);
    } else {
      scan = { found: empty(), next: this.lineStart(node.start), block: -1 };
      if (this.scans.size >= KEPT_SCANS) this.scans.delete(this.scans.keys().next().value!);
    }
    this.scans.set(node.start, scan as Scan<Map<string, MappingEntry>>);
    return scan;
  }

  /**
   * The key of a `key: value` line starting at `at` (as Kubernetes reads it) and where the value written after it
   * starts (-1 when nothing is), or undefined when the text there is no key. A value that goes on past its line
   * throws: its next lines may sit at any indentation and so hide the keys around it.
   */
  private keyAt(at: number): { key: string; inline: number; block: number } | undefined {
    const { text } = this;
    const lineEnd = this.lineEnd(at);
    const quote = text[at];
    let key: string;
    let colon: number;
    if (quote === '"' || quote === "'") {
      colon = keyColon(text, at, lineEnd);
      if (colon < 0) return undefined;
      key = quotedText(text.slice(at, closingQuote(text, at, lineEnd) + 1));
    } else {
      colon = keyColon(text, at, lineEnd);
      if (colon < 0) return undefined;
      const written = text.slice(at, colon).trimEnd();
      if (written === '' || '&!*{[?|>%@`,#'.includes(written[0])) throw new NotPlainBlockYaml();
      key = String(resolvePlainScalar(written));
    }
    const inline = this.firstContent(colon + 1, lineEnd);
    const column = at - this.lineStart(at);
    return { key, inline: inline ?? -1, block: inline === undefined ? -1 : checkValue(text, inline, lineEnd, column) };
  }

  /** The first character from `at` to `lineEnd` that is not blank, unless a comment (or nothing) comes first. */
  private firstContent(at: number, lineEnd: number): number | undefined {
    let i = at;
    while (i < lineEnd && (this.text[i] === ' ' || this.text[i] === '\t')) i++;
    return i >= lineEnd || this.text[i] === '#' ? undefined : i;
  }

  /** The first character from `at` on that is not blank, a line break or in a comment. */
  private contentAfter(at: number): number | undefined {
    const { text } = this;
    let i = at;
    while (i < this.end) {
      const ch = text[i];
      if (ch === ' ' || ch === '\r' || ch === '\n') i++;
      else if (ch === '\t') throw new NotPlainBlockYaml();
      else if (ch === '#') i = this.nextLine(i);
      else return i;
    }
    return undefined;
  }

  /** The indentation of the line at `lineStart`; a tab within `atMost` columns is the parser's to judge. */
  private indentOf(lineStart: number, atMost: number): number {
    // By character code: every line a path passes is measured.
    let i = lineStart;
    while (this.text.charCodeAt(i) === SPACE) i++;
    if (this.text.charCodeAt(i) === TAB && i - lineStart <= atMost) throw new NotPlainBlockYaml();
    return i - lineStart;
  }

  /** True when the line's content (at `at`, after its indentation) is nothing or a comment. */
  private isBlankOrComment(at: number): boolean {
    const ch = this.text[at];
    return at >= this.end || ch === '\n' || ch === '\r' || ch === '#';
  }

  private lineStart(at: number): number {
    return Math.max(this.text.lastIndexOf('\n', at - 1) + 1, this.start);
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

/**
 * Reads the shape of one line from its content at `at` (column `column`): items' dashes, a key, a value. Refuses
 * what goes on past the line (an open quote or flow collection: its next lines may sit at any indentation and so
 * pass for keys or items) and what is no plain block YAML (`?` keys, a document end).
 *
 * @returns the column of what owns a block scalar the line starts (`key: |`, `- >-`), whose text is the lines
 *   more indented than that; -1 when it starts none
 */
function checkLine(text: string, at: number, lineEnd: number, column: number): number {
  let i = at;
  let owner = column;
  while (text[i] === '-' && isBlankOrEnd(text[i + 1]) && i < lineEnd) {
    // `- - x`: a sequence in a sequence item; what follows a dash belongs to it.
    owner = i - (at - column);
    i++;
    while (i < lineEnd && (text[i] === ' ' || text[i] === '\t')) i++;
    if (i >= lineEnd || text[i] === '#') return -1;
  }
  const ch = text[i];
  if (ch === '?' || ch === '|' || ch === '>') {
    // An explicit key, or a block scalar not after a key or dash: the parser's to read.
    if (i === at) throw new NotPlainBlockYaml();
    return owner;
  }
  if (column === 0 && text.startsWith('...', i) && isBlankOrEnd(text[i + 3])) throw new NotPlainBlockYaml();
  if (ch === '"' || ch === "'") {
    const close = closingQuote(text, i, lineEnd);
    if (close < 0) throw new NotPlainBlockYaml();
    let after = close + 1;
    while (text[after] === ' ' || text[after] === '\t') after++;
    // `"key": value`
    return text[after] === ':' && after < lineEnd ? checkValue(text, after + 1, lineEnd, i - (at - column)) : -1;
  }
  if (ch === '[' || ch === '{' || ch === '&' || ch === '!') return checkValue(text, i, lineEnd, owner);
  // `key: value`
  const colon = keyColon(text, i, lineEnd);
  return colon < 0 ? -1 : checkValue(text, colon + 1, lineEnd, i - (at - column));
}

/**
 * Checks a value written after a key or dash (from `at` to `lineEnd`), owned by what is at `owner`: a quoted or
 * flow value must close on the line.
 *
 * @returns `owner` when the value is a block scalar's header, else -1
 */
function checkValue(text: string, at: number, lineEnd: number, owner: number): number {
  let i = at;
  for (;;) {
    while (i < lineEnd && (text[i] === ' ' || text[i] === '\t')) i++;
    if (i >= lineEnd || text[i] === '#') return -1;
    if (text[i] !== '&' && text[i] !== '!') break;
    // An anchor or tag before the value: look at the value.
    while (i < lineEnd && text[i] !== ' ' && text[i] !== '\t') i++;
  }
  const ch = text[i];
  if (ch === '|' || ch === '>') return owner;
  if (ch === '"' || ch === "'") {
    if (closingQuote(text, i, lineEnd) < 0) throw new NotPlainBlockYaml();
  } else if (ch === '[' || ch === '{') {
    readFlow(text, i, lineEnd);
  }
  return -1;
}

/** A node of a one-line flow collection. */
type FlowNode =
  | { readonly kind: 'map'; readonly offset: number; readonly entries: ReadonlyMap<string, { readonly keyOffset: number; readonly value: FlowNode }> }
  | { readonly kind: 'seq'; readonly offset: number; readonly items: readonly FlowNode[] }
  | { readonly kind: 'scalar'; readonly offset: number };

/** {@link BlockPositions.deepest} on into a one-line flow collection (`[sh, -c]`, `{name: x}`). */
function deepestInFlow(root: FlowNode, segments: readonly Segment[], offset: number | undefined): number | undefined {
  let node: FlowNode | undefined = root;
  let found = offset;
  for (const segment of segments) {
    if (node?.kind === 'map') {
      const entry = node.entries.get(String(segment));
      if (!entry) break;
      found = entry.keyOffset;
      node = entry.value;
    } else if (node?.kind === 'seq' && typeof segment === 'number') {
      const item: FlowNode | undefined = node.items[segment];
      if (!item) break;
      found = item.offset;
      node = item;
    } else {
      break;
    }
  }
  return found;
}

/**
 * Reads the flow node at `at` (on one line, before `end`): `[a, "b", {c: d}]`, `{name: x, labels: {app: y}}`.
 *
 * @throws NotPlainBlockYaml at anything but plain or quoted scalars, `key: value` mappings and sequences (anchors,
 *   tags, aliases, `a: b` pairs in a sequence, keys without values, comments), and when it does not close on the line
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
    const closeAt = closingQuote(text, start, end);
    if (closeAt < 0) throw new NotPlainBlockYaml();
    return { node: { kind: 'scalar', offset: start }, next: closeAt + 1 };
  }
  if (start >= end || '&!*?|>#@`%]},'.includes(ch)) throw new NotPlainBlockYaml();
  let i = start;
  while (i < end && !',[]{}'.includes(text[i]) && !(text[i] === ':' && ' \t,[]{}'.includes(text[i + 1] ?? ' ')) && !(text[i] === '#' && text[i - 1] === ' ')) i++;
  if (text[i] === '#' && i < end) throw new NotPlainBlockYaml();
  return { node: { kind: 'scalar', offset: start }, next: i };
}

/** A `key:` of a flow mapping at `at`: the key as Kubernetes reads it, and where its value starts. */
function readFlowKey(text: string, at: number, end: number): { key: string; next: number } {
  const ch = text[at];
  if (ch === '"' || ch === "'") {
    const closeAt = closingQuote(text, at, end);
    if (closeAt < 0) throw new NotPlainBlockYaml();
    const key = quotedText(text.slice(at, closeAt + 1));
    let i = closeAt + 1;
    while (text[i] === ' ') i++;
    if (text[i] !== ':' || i >= end) throw new NotPlainBlockYaml();
    return { key, next: i + 1 };
  }
  if ('&!*?|>#@`%[]{},'.includes(ch)) throw new NotPlainBlockYaml();
  let i = at;
  while (i < end && !(text[i] === ':' && (text[i + 1] === ' ' || text[i + 1] === '\t'))) {
    if (',[]{}'.includes(text[i]) || (text[i] === '#' && text[i - 1] === ' ')) throw new NotPlainBlockYaml();
    i++;
  }
  if (i >= end) throw new NotPlainBlockYaml();
  return { key: String(resolvePlainScalar(text.slice(at, i).trimEnd())), next: i + 1 };
}
