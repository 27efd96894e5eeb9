import { formatPath, PathSegment } from './field-path';
import { isSensitivePath, MASKED, maskValue, SECRET_NAME } from './masking';
import { mergeKeyFor } from './merge-keys';

/** One field-level difference inside an object. */
export interface FieldChange {
  /** `added`: only in head; `removed`: only in base; `changed`: in both with different values. */
  readonly op: 'added' | 'removed' | 'changed';
  /** Rendered path, e.g. `spec.templates[name=train].container.image`. */
  readonly path: string;
  /** The same path as segments, for tools that match on it. */
  readonly segments: readonly PathSegment[];
  /** Value in base (absent for `added`); secrets replaced by `(masked)`. */
  readonly before?: unknown;
  /** Value in head (absent for `removed`); secrets replaced by `(masked)`. */
  readonly after?: unknown;
  /** True when the value is a secret: renderers show `(changed)` instead of values. */
  readonly masked?: boolean;
}

/**
 * Field-level differences between two versions of one object. Maps are compared key by key, lists item by item
 * by merge key (see `MERGE_KEYS`), lists of scalars as a whole (`args: [a, b] -> [a, c]`), other lists by
 * position. A subtree present on one side only is one change, not one per leaf. Secret values are masked.
 *
 * @param kind the object's kind, for masking Secret data
 */
export function diffFields(kind: string, before: unknown, after: unknown): FieldChange[] {
  const out: FieldChange[] = [];
  walk(kind, before, after, [], out);
  return out;
}

function walk(kind: string, before: unknown, after: unknown, segments: PathSegment[], out: FieldChange[]): void {
  if (deepEqual(before, after)) return;
  if (isMap(before) && isMap(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    for (const key of keys) {
      const seg = [...segments, key];
      if (!(key in after)) out.push(change(kind, 'removed', seg, before[key], undefined));
      else if (!(key in before)) out.push(change(kind, 'added', seg, undefined, after[key]));
      else walk(kind, before[key], after[key], seg, out);
    }
    return;
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    walkList(kind, before, after, segments, out);
    return;
  }
  out.push(change(kind, 'changed', segments, before, after));
}

function walkList(kind: string, before: unknown[], after: unknown[], segments: PathSegment[], out: FieldChange[]): void {
  const key = mergeKeyFor(segments[segments.length - 1] as string | number | undefined, before, after);
  if (key !== undefined) {
    const keyOf = (item: unknown) => String((item as Record<string, unknown>)[key]);
    const baseItems = new Map(before.map((item) => [keyOf(item), item]));
    const headKeys = new Set(after.map(keyOf));
    // Head order first (what the reviewer will merge), then what head dropped, in base order.
    for (const item of after) {
      const k = keyOf(item);
      const seg = [...segments, { key, value: k }];
      if (baseItems.has(k)) walk(kind, baseItems.get(k), item, seg, out);
      else out.push(change(kind, 'added', seg, undefined, item));
    }
    for (const item of before) {
      const k = keyOf(item);
      if (!headKeys.has(k)) out.push(change(kind, 'removed', [...segments, { key, value: k }], item, undefined));
    }
    return;
  }
  if (before.every(isScalar) && after.every(isScalar)) {
    out.push(change(kind, 'changed', segments, before, after));
    return;
  }
  const n = Math.max(before.length, after.length);
  for (let i = 0; i < n; i++) {
    const seg = [...segments, positionSegment(before[i], after[i], i)];
    if (i >= after.length) out.push(change(kind, 'removed', seg, before[i], undefined));
    else if (i >= before.length) out.push(change(kind, 'added', seg, undefined, after[i]));
    else walk(kind, before[i], after[i], seg, out);
  }
}

/**
 * The segment of a list item compared by position. A named item (an env var in a list whose names repeat) keeps its
 * name, the secret-looking one when the sides differ, so masking still recognises `env[name=DB_PASSWORD].value`.
 */
function positionSegment(before: unknown, after: unknown, i: number): PathSegment {
  const names = [before, after].map((v) => (isMap(v) && typeof v.name === 'string' ? v.name : undefined))
    .filter((name): name is string => name !== undefined);
  const name = names.find((x) => SECRET_NAME.test(x)) ?? names[0];
  return name === undefined ? i : { key: 'name', value: name };
}

function change(kind: string, op: FieldChange['op'], segments: PathSegment[], before: unknown, after: unknown): FieldChange {
  const masked = isSensitivePath(kind, segments);
  const result: { -readonly [K in keyof FieldChange]: FieldChange[K] } = { op, path: formatPath(segments), segments };
  if (op !== 'added') result.before = masked ? MASKED : maskValue(kind, segments, before);
  if (op !== 'removed') result.after = masked ? MASKED : maskValue(kind, segments, after);
  if (masked) result.masked = true;
  return result;
}

function isMap(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function isScalar(v: unknown): boolean {
  return v === null || typeof v !== 'object';
}

/** Structural equality of parsed YAML values (map key order does not matter, list order does). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => deepEqual(item, b[i]));
  }
  if (Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  const rb = b as Record<string, unknown>;
  return ka.every((k) => k in rb && deepEqual((a as Record<string, unknown>)[k], rb[k]));
}
