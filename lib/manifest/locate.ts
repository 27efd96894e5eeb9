import { NotPlainBlockYaml } from './block-lines';
import { BlockPositions } from './block-positions';
import { ManifestSource } from './manifest-text';
import { keyOf, PositionedNode, PositionRecorder } from './yaml-positions';
import { parseChunk, stripBom } from './yaml-documents';

/** A 1-based line and column. */
export interface Position {
  readonly line: number;
  readonly column: number;
}

/** A path to find in the object read from `source`. */
export interface PositionRequest {
  readonly source: ManifestSource;
  /** a JSON path as violations write it; `''` is the object itself */
  readonly path: string;
}

type Segment = string | number;
type Entry = { readonly key: PositionedNode; readonly value?: PositionedNode };
type Mapping = PositionedNode & { kind: 'mapping' };

/** Walks paths through positioned nodes, indexing each mapping's keys the first time a path passes it. */
class EntryLookup {
  private readonly indexes = new WeakMap<Mapping, Map<string, Entry>>();

  /** The offset of the deepest node `segments` reach from `root`: a mapping entry's key, or a sequence item. */
  deepest(root: PositionedNode | undefined, segments: readonly Segment[]): number | undefined {
    let node = root;
    let offset: number | undefined;
    for (const segment of segments) {
      if (node?.kind === 'mapping') {
        const entry = this.entry(node, String(segment));
        if (!entry) break;
        offset = entry.key.offset;
        node = entry.value;
      } else if (node?.kind === 'sequence' && typeof segment === 'number') {
        const item = node.items[segment];
        if (!item) break;
        offset = item.offset;
        node = item;
      } else {
        break;
      }
    }
    return offset;
  }

  private entry(node: Mapping, key: string): Entry | undefined {
    let index = this.indexes.get(node);
    if (!index) {
      index = new Map();
      for (const e of node.entries) {
        const k = keyOf(e.key);
        if (k !== undefined && !index.has(k)) index.set(k, e);
      }
      this.indexes.set(node, index);
    }
    return index.get(key);
  }
}

/**
 * Positions of paths inside one file's objects, found lazily: the file's line starts are indexed once, and a
 * document is parsed again (with positions) only when paths in it are asked for, keeping only the nodes along
 * those paths, so files and documents with nothing to report cost nothing and a large document costs the memory
 * of its paths, not of its tree.
 */
export class FilePositions {
  private readonly body: string;
  private lineStarts?: Int32Array;

  /** @param text the file's content, as it was read */
  constructor(text: string) {
    this.body = stripBom(text);
  }

  /**
   * Where each asked-for path (as violations write it: `spec.templates[0]["app.kubernetes.io/name"]`) is in the
   * object at its `source`: the key of the deepest mapping entry found along it, or the item of a sequence.
   * Undefined when not even its first segment is there (a path into a field that is missing). Each document is
   * read once for all the paths into it (from its lines, or parsed again), one document at a time, and each path
   * costs about its length.
   */
  locateAll(requests: readonly PositionRequest[]): (Position | undefined)[] {
    const byDocument = new Map<number, number[]>();
    requests.forEach((r, i) => {
      const inDocument = byDocument.get(r.source.offset) ?? [];
      inDocument.push(i);
      byDocument.set(r.source.offset, inDocument);
    });
    const found: (Position | undefined)[] = requests.map(() => undefined);
    for (const indexes of byDocument.values()) {
      const { source } = requests[indexes[0]];
      const segmentsOf = (i: number) => pathSegments(requests[i].path, [...requests[i].source.itemPath]);
      // The line reader takes the paths one at a time, so what each costs dies young; the parser needs them all at once.
      const offsets = lineOffsets(this.body, source, (function* () { for (const i of indexes) yield segmentsOf(i); })())
        ?? parsedOffsets(this.body, source, indexes.map(segmentsOf));
      indexes.forEach((i, k) => {
        const offset = offsets[k];
        found[i] = offset === undefined ? undefined : this.position(offset);
      });
    }
    return found;
  }

  /** The 1-based line and column of an offset in the text. */
  position(offset: number): Position {
    const starts = (this.lineStarts ??= lineStarts(this.body));
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - starts[low] + 1 };
  }
}

/**
 * The offsets in `body` the paths reach in the document at `source`, read from its lines (most manifests are
 * plain block YAML): the key of the deepest mapping entry on each path, or a sequence item's content. Undefined
 * when the document holds YAML the line reader leaves to the parser ({@link parsedOffsets}).
 */
export function lineOffsets(body: string, source: ManifestSource, wanted: Iterable<readonly Segment[]>): (number | undefined)[] | undefined {
  try {
    const lines = new BlockPositions(body, source.offset, source.end);
    const offsets: (number | undefined)[] = [];
    for (const segments of wanted) offsets.push(lines.deepest(segments));
    return offsets;
  } catch (err) {
    if (err instanceof NotPlainBlockYaml) return undefined;
    throw err;
  }
}

/** {@link lineOffsets} by parsing the document again, keeping only the nodes the paths pass through. */
export function parsedOffsets(body: string, source: ManifestSource, wanted: readonly (readonly Segment[])[]): (number | undefined)[] {
  const keys = new Set<string>();
  const indexes = new Set<number>();
  for (const segments of wanted) {
    for (const s of segments) {
      if (typeof s === 'number') indexes.add(s);
      keys.add(String(s));
    }
  }
  const recorder = new PositionRecorder(body.slice(source.offset, source.end), { keys, indexes });
  let root: PositionedNode | undefined;
  try {
    parseChunk(body, { offset: source.offset, end: source.end, line: 1 }, '', { listener: recorder.listener });
    root = recorder.roots[0];
  } catch {
    // The text changed since it was read; no position then.
    return wanted.map(() => undefined);
  }
  const lookup = new EntryLookup();
  return wanted.map((segments) => {
    const offset = lookup.deepest(root, segments);
    return offset === undefined ? undefined : source.offset + offset;
  });
}

/** The offset each line starts at, in one typed array (counted first): a 50 MB file has millions of lines. */
function lineStarts(text: string): Int32Array {
  let lines = 1;
  for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', nl + 1)) lines++;
  const starts = new Int32Array(lines);
  let line = 1;
  for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', nl + 1)) starts[line++] = nl + 1;
  return starts;
}

/**
 * Splits a JSON path as reports write it (`spec.templates[0]["app.kubernetes.io/name"]`) into keys and indexes:
 * `.name` and `name` segments, `[0]` indexes and `["quoted"]` keys (JSON strings); anything else is skipped.
 */
export function pathSegments(path: string, into: (string | number)[] = []): (string | number)[] {
  let i = 0;
  while (i < path.length) {
    const ch = path.charCodeAt(i);
    if (ch === DOT) {
      i++;
    } else if (ch === OPEN) {
      if (path.charCodeAt(i + 1) === QUOTE) {
        // A quoted key ends at the quote that closes its JSON string (its text may hold `]` and escapes).
        let end = i + 2;
        while (end < path.length && path.charCodeAt(end) !== QUOTE) end += path.charCodeAt(end) === BACKSLASH ? 2 : 1;
        into.push(JSON.parse(path.slice(i + 1, end + 1)) as string);
        i = end + 2;
      } else {
        const close = path.indexOf(']', i);
        if (close < 0) break;
        into.push(Number(path.slice(i + 1, close)));
        i = close + 1;
      }
    } else {
      let end = i;
      while (end < path.length && path.charCodeAt(end) !== DOT && path.charCodeAt(end) !== OPEN) end++;
      into.push(path.slice(i, end));
      i = end;
    }
  }
  return into;
}

const DOT = 0x2e;
const OPEN = 0x5b;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
