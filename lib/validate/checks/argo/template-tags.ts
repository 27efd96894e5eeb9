import { scanTags } from '../../../argo-spec/variables';

/** A `{{...}}` tag found in a string value, and where. */
export interface FoundTag {
  /** the tag without braces, trimmed: `inputs.parameters.lr` */
  readonly tag: string;
  /** `expression` for `{{=...}}` and `nested` for a name built from another tag: neither is checked ahead */
  readonly kind: 'simple' | 'expression' | 'nested';
  /** JSON path of the string holding it */
  readonly path: string;
}

/** What {@link collectTags} gathers. */
export interface CollectedTags {
  readonly tags: FoundTag[];
  /** JSON paths of strings with a `{{` that is never closed */
  readonly unclosed: string[];
}

/** An empty accumulator for {@link collectTags}. */
export function newCollection(): CollectedTags {
  return { tags: [], unclosed: [] };
}

/** Adds every `{{...}}` tag in the strings under `value` to `out`, skipping the keys in `skip` at the top level. */
export function collectTags(value: unknown, path: string, out: CollectedTags, skip?: ReadonlySet<string>): CollectedTags {
  // Paths are built only for strings holding a tag: most values hold none.
  walk(value, [path], out, skip);
  return out;
}

function walk(value: unknown, keys: (string | number)[], out: CollectedTags, skip?: ReadonlySet<string>): void {
  if (typeof value === 'string') {
    if (!value.includes('{{')) return;
    const path = pathOf(keys);
    const { tags, unclosedAt } = scanTags(value);
    for (const { name, kind } of tags) out.tags.push({ tag: name, kind, path });
    if (unclosedAt !== undefined) out.unclosed.push(path);
  } else if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      keys.push(i);
      walk(value[i], keys, out);
      keys.pop();
    }
  } else if (value !== null && typeof value === 'object') {
    for (const key in value) {
      if (skip?.has(key)) continue;
      keys.push(key);
      walk((value as Record<string, unknown>)[key], keys, out);
      keys.pop();
    }
  }
}

function pathOf(keys: readonly (string | number)[]): string {
  let path = keys[0] as string;
  for (let i = 1; i < keys.length; i++) {
    const key = keys[i];
    path = typeof key === 'number' ? `${path}[${key}]` : joinPath(path, key);
  }
  return path;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$-]*$/;

/** Appends a key to a JSON path the way the schema part writes paths (`a.b`, `a["x.y"]`). */
export function joinPath(path: string, key: string): string {
  if (IDENTIFIER.test(key)) return path === '' ? key : `${path}.${key}`;
  return `${path}[${JSON.stringify(key)}]`;
}

/** The JSON path of keys and indexes, as {@link joinPath} writes it: `spec.containers[0].env[1].value`. */
export function segmentsPath(segments: readonly (string | number)[]): string {
  let path = '';
  for (const segment of segments) path = typeof segment === 'number' ? `${path}[${segment}]` : joinPath(path, segment);
  return path;
}
