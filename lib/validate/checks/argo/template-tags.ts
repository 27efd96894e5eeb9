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
  if (typeof value === 'string') {
    if (!value.includes('{{')) return out;
    const { tags, unclosedAt } = scanTags(value);
    for (const { name, kind } of tags) out.tags.push({ tag: name, kind, path });
    if (unclosedAt !== undefined) out.unclosed.push(path);
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => collectTags(item, `${path}[${i}]`, out));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (!skip?.has(key)) collectTags(child, joinPath(path, key), out);
    }
  }
  return out;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$-]*$/;

/** Appends a key to a JSON path the way the schema part writes paths (`a.b`, `a["x.y"]`). */
export function joinPath(path: string, key: string): string {
  if (IDENTIFIER.test(key)) return path === '' ? key : `${path}.${key}`;
  return `${path}[${JSON.stringify(key)}]`;
}
