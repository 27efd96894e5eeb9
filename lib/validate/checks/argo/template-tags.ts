/** A `{{...}}` tag found in a string value, and where. */
export interface FoundTag {
  /** the tag without braces, trimmed: `inputs.parameters.lr` */
  readonly tag: string;
  /** JSON path of the string holding it */
  readonly path: string;
}

const TAG = /\{\{([^{}]*)\}\}/g;

/**
 * Appends every `{{...}}` tag in the strings under `value` to `out`, skipping the keys in `skip` at the top level.
 * Expression tags (`{{=...}}`) are included; the caller decides what to check.
 */
export function collectTags(value: unknown, path: string, out: FoundTag[], skip?: ReadonlySet<string>): void {
  if (typeof value === 'string') {
    if (!value.includes('{{')) return;
    for (const match of value.matchAll(TAG)) out.push({ tag: match[1].trim(), path });
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((item, i) => collectTags(item, `${path}[${i}]`, out));
    return;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (skip?.has(key)) continue;
      collectTags(child, joinPath(path, key), out);
    }
  }
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$-]*$/;

/** Appends a key to a JSON path the way the schema part writes paths (`a.b`, `a["x.y"]`). */
export function joinPath(path: string, key: string): string {
  if (IDENTIFIER.test(key)) return path === '' ? key : `${path}.${key}`;
  return `${path}[${JSON.stringify(key)}]`;
}
