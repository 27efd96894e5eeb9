import { ManifestSource } from './manifest-text';
import { keyOf, PositionedNode, PositionRecorder } from './yaml-positions';
import { parseChunk, stripBom } from './yaml-documents';

/** A 1-based line and column. */
export interface Position {
  readonly line: number;
  readonly column: number;
}

/**
 * Positions of paths inside one file's objects, found lazily: the file's line starts are indexed once, and a
 * document is parsed again (with positions) only when a path in it is asked for, so files and documents with
 * nothing to report cost nothing.
 */
export class FilePositions {
  private readonly body: string;
  private lineStarts?: number[];
  private readonly documents = new Map<number, PositionedNode | undefined>();

  /** @param text the file's content, as it was read */
  constructor(text: string) {
    this.body = stripBom(text);
  }

  /**
   * Where `path` (as violations write it: `spec.templates[0]["app.kubernetes.io/name"]`) is in the object at
   * `source`: the key of the deepest mapping entry found along it, or the item of a sequence. Undefined when not
   * even its first segment is there (a path into a field that is missing).
   */
  locate(source: ManifestSource, path: string): Position | undefined {
    let node = this.document(source);
    let offset: number | undefined;
    for (const segment of [...source.itemPath, ...pathSegments(path)]) {
      if (node?.kind === 'mapping') {
        const entry = node.entries.find((e) => keyOf(e.key) === String(segment));
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
    return offset === undefined ? undefined : this.position(source.offset + offset);
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

  private document(source: ManifestSource): PositionedNode | undefined {
    if (this.documents.has(source.offset)) return this.documents.get(source.offset);
    const recorder = new PositionRecorder(this.body.slice(source.offset, source.end));
    let root: PositionedNode | undefined;
    try {
      parseChunk(this.body, { offset: source.offset, end: source.end, line: 1 }, '', recorder.listener);
      root = recorder.roots[0];
    } catch {
      // The text changed since it was read; no position then.
      root = undefined;
    }
    this.documents.set(source.offset, root);
    return root;
  }
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', nl + 1)) starts.push(nl + 1);
  return starts;
}

/** Splits a JSON path as reports write it (`spec.templates[0]["app.kubernetes.io/name"]`) into keys and indexes. */
export function pathSegments(path: string): (string | number)[] {
  const segments: (string | number)[] = [];
  const pattern = /([A-Za-z_$][A-Za-z0-9_$-]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/g;
  for (const match of path.matchAll(pattern)) {
    if (match[1] !== undefined) segments.push(match[1]);
    else if (match[2] !== undefined) segments.push(Number(match[2]));
    else segments.push(JSON.parse(match[3]) as string);
  }
  return segments;
}
