import { State } from 'js-yaml';
import { nextTokenAt } from './next-token';
import { PLAIN_SCALAR_TAG } from './yaml-schema';

/** A parsed YAML node with where it starts, for messages that point into the file. */
export type PositionedNode =
  | { readonly kind: 'scalar'; readonly offset: number; readonly end: number; readonly value: unknown; readonly tag?: string }
  | { readonly kind: 'mapping'; readonly offset: number; readonly entries: readonly { readonly key: PositionedNode; readonly value?: PositionedNode }[] }
  | { readonly kind: 'sequence'; readonly offset: number; readonly items: readonly (PositionedNode | undefined)[] };

const IMPLICIT_TAGS = new Set(['?', PLAIN_SCALAR_TAG, 'tag:yaml.org,2002:merge']);

/** Which nodes a {@link PositionRecorder} keeps: only those whose key, or index, some wanted path passes through. */
export interface PositionFilter {
  /** mapping keys kept (with what is below them) */
  readonly keys: ReadonlySet<string>;
  /** sequence indexes kept */
  readonly indexes: ReadonlySet<number>;
}

interface Frame {
  offset: number;
  children: { node: PositionedNode; isKey: boolean; result: unknown }[];
}

/**
 * Builds {@link PositionedNode}s from js-yaml's open/close events while a document parses. Used only where
 * positions are needed (a document with something to report, a small params file), so the fast path pays nothing.
 * With a {@link PositionFilter}, a mapping keeps only the entries under the wanted keys and a sequence only the
 * wanted items, as each closes: a node on a wanted path passes only wanted keys and indexes, so the tree kept is
 * about as large as the paths asked for, not as the document.
 *
 * @example
 * const positions = new PositionRecorder(text);
 * parseChunk(text, chunk, file, { listener: positions.listener });
 * positions.roots // one node per document
 */
export class PositionRecorder {
  public readonly roots: PositionedNode[] = [];
  private readonly stack: Frame[] = [];

  /**
   * @param source the text being parsed (offsets count in it)
   * @param keep the nodes to keep @default - every node
   */
  constructor(private readonly source: string, private readonly keep?: PositionFilter) {}

  /** The js-yaml listener. */
  readonly listener = (event: 'open' | 'close', state: State): void => {
    if (event === 'open') {
      this.stack.push({ offset: nextTokenAt(this.source, state.position), children: [] });
      return;
    }
    const frame = this.stack.pop()!;
    const node = this.toNode(frame, state);
    const isKey = this.source[nextTokenAt(this.source, state.position)] === ':';
    const parent = this.stack[this.stack.length - 1];
    if (parent) parent.children.push({ node, isKey, result: state.result });
    else this.roots.push(node);
  };

  private toNode(frame: Frame, state: State): PositionedNode {
    const value: unknown = state.result;
    // js-yaml tries a block mapping before settling on another node; that attempt wraps the node's own events.
    const only = frame.children.length === 1 ? frame.children[0] : undefined;
    if (only && !only.isKey && only.result === value) return only.node;
    if (state.kind === 'mapping' && value !== null && typeof value === 'object' && !Array.isArray(value)) {
      const entries: { key: PositionedNode; value?: PositionedNode }[] = [];
      for (const child of frame.children) {
        const last = entries[entries.length - 1];
        if (child.isKey || !last || last.value !== undefined) entries.push({ key: child.node });
        else last.value = child.node;
      }
      const keys = this.keep?.keys;
      return { kind: 'mapping', offset: frame.offset, entries: keys ? entries.filter((e) => keys.has(keyOf(e.key) ?? '')) : entries };
    }
    if (state.kind === 'sequence' && Array.isArray(value)) {
      const indexes = this.keep?.indexes;
      // A dropped item leaves a hole, so the kept ones keep their index.
      const items = frame.children.map((c, i) => (!indexes || indexes.has(i) ? c.node : undefined));
      return { kind: 'sequence', offset: frame.offset, items };
    }
    const written = (state as State & { tag?: string | null }).tag;
    const tag = typeof written === 'string' && !IMPLICIT_TAGS.has(written) ? written : undefined;
    return { kind: 'scalar', offset: frame.offset, end: state.position, value, ...(tag && { tag }) };
  }
}

/** The key a mapping entry's key node stands for, as Kubernetes reads it (`true` for `on:`, `"1"` for `1:`). */
export function keyOf(node: PositionedNode): string | undefined {
  return node.kind === 'scalar' ? String(node.value) : undefined;
}
