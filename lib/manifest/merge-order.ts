import { State } from 'js-yaml';
import { nextTokenAt } from './next-token';

const MERGE_TAG = 'tag:yaml.org,2002:merge';

/** Could hold a merge key: `<<` then `:` (a quoted `"<<"` only costs the slower path). */
const MERGE_KEY = /<<\s*:/;

/** True when a document's text may hold a merge key, so {@link MergeOrder} must listen to its parse. */
export function mayHoldMergeKeys(source: string): boolean {
  return source.includes('<<') && MERGE_KEY.test(source);
}

interface Child {
  readonly result: unknown;
  readonly isKey: boolean;
  readonly isMerge: boolean;
}

/**
 * Applies merge keys (`<<`) in the order go-yaml v2 applies them, which is what Kubernetes, kubectl and Argo CD
 * read (sigs.k8s.io/yaml): a mapping's entries are written into it in textual order, a merge writing every key of
 * the merged mapping, so a merge overrides the keys written before it and the keys after it override the merge;
 * `<<: [*a, *b]` merges from the last to the first, so the first wins. js-yaml lets any written key win over any
 * merge, and the first of two merges win; this listener rewrites the values where the two differ, as each
 * mapping closes (before anything refers to it).
 *
 * @see https://github.com/go-yaml/yaml/blob/v2/decode.go (decoder.mapping, decoder.merge)
 */
export class MergeOrder {
  private readonly stack: Child[][] = [];

  /** @param source the text being parsed (to tell keys, which a `:` follows, from values) */
  constructor(private readonly source: string) {}

  /** The js-yaml listener. */
  readonly listener = (event: 'open' | 'close', state: State): void => {
    if (event === 'open') {
      this.stack.push([]);
      return;
    }
    const children = this.stack.pop()!;
    if (state.kind === 'mapping' && children.some((c) => c.isMerge)) reorder(state.result as Record<string, unknown>, children);
    const parent = this.stack[this.stack.length - 1];
    if (!parent) return;
    const isKey = this.source[nextTokenAt(this.source, state.position)] === ':';
    parent.push({ result: state.result, isKey, isMerge: isKey && (state as State & { tag?: string | null }).tag === MERGE_TAG });
  };
}

/** Sets each key of the mapping to the value the last writer in go-yaml's order gave it. */
function reorder(mapping: Record<string, unknown>, children: readonly Child[]): void {
  const values = new Map<string, unknown>();
  for (let i = 0; i < children.length; i++) {
    const key = children[i];
    if (!key.isKey) continue;
    const next = children[i + 1];
    const value = next && !next.isKey ? (i++, next.result) : null;
    if (!key.isMerge) {
      values.set(String(key.result), value);
      continue;
    }
    const sources = Array.isArray(value) ? [...value].reverse() : [value];
    for (const source of sources) {
      if (source === null || typeof source !== 'object' || Array.isArray(source)) continue;
      for (const [k, v] of Object.entries(source)) values.set(k, v);
    }
  }
  for (const [key, value] of values) {
    if (mapping[key] === value) continue;
    // A `__proto__` key stays a plain property, as js-yaml writes it.
    Object.defineProperty(mapping, key, { value, writable: true, enumerable: true, configurable: true });
  }
}
