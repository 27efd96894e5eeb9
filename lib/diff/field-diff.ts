import { formatPath, PathSegment } from './field-path';
import { MASKED, maskSecrets } from './masking';
import { mergeKeyFor } from './merge-keys';
import { own } from '../own';

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
 * position. A subtree present on one side only is one change, not one per leaf. Secret values are masked (see
 * `maskSecrets`): a change of a secret shows as `masked` with both sides `(masked)`.
 *
 * @param kind the object's kind, for masking Secret data
 */
export function diffFields(kind: string, before: unknown, after: unknown): FieldChange[] {
  const out: FieldChange[] = [];
  walk({ raw: before, shown: maskSecrets(before, kind) }, { raw: after, shown: maskSecrets(after, kind) }, [], out);
  return out;
}

/** A value as it is (compared) and as it may be shown (secrets masked); both have the same shape. */
interface Side {
  readonly raw: unknown;
  readonly shown: unknown;
}

function child(side: Side, key: string | number): Side {
  // Own fields only: a map's `constructor` is its field, or nothing.
  return { raw: own(side.raw as Record<string | number, unknown>, key), shown: own(side.shown as Record<string | number, unknown>, key) };
}

function walk(before: Side, after: Side, segments: PathSegment[], out: FieldChange[]): void {
  if (deepEqual(before.raw, after.raw)) return;
  if (isMap(before.raw) && isMap(after.raw)) {
    const keys = [...new Set([...Object.keys(before.raw), ...Object.keys(after.raw)])].sort();
    for (const key of keys) {
      const seg = [...segments, key];
      if (!Object.hasOwn(after.raw, key)) out.push(change('removed', seg, child(before, key), undefined));
      else if (!Object.hasOwn(before.raw, key)) out.push(change('added', seg, undefined, child(after, key)));
      else walk(child(before, key), child(after, key), seg, out);
    }
    return;
  }
  if (Array.isArray(before.raw) && Array.isArray(after.raw)) {
    walkList(before, after, before.raw, after.raw, segments, out);
    return;
  }
  out.push(change('changed', segments, before, after));
}

function walkList(beforeSide: Side, afterSide: Side, before: unknown[], after: unknown[], segments: PathSegment[], out: FieldChange[]): void {
  const key = mergeKeyFor(segments[segments.length - 1] as string | number | undefined, before, after);
  if (key !== undefined) {
    const keyOf = (item: unknown) => String((item as Record<string, unknown>)[key]);
    const baseIndex = new Map(before.map((item, i) => [keyOf(item), i]));
    const headKeys = new Set(after.map(keyOf));
    // Head order first (what the reviewer will merge), then what head dropped, in base order.
    after.forEach((item, i) => {
      const k = keyOf(item);
      const seg = [...segments, { key, value: k }];
      const b = baseIndex.get(k);
      if (b !== undefined) walk(child(beforeSide, b), child(afterSide, i), seg, out);
      else out.push(change('added', seg, undefined, child(afterSide, i)));
    });
    before.forEach((item, i) => {
      const k = keyOf(item);
      if (!headKeys.has(k)) out.push(change('removed', [...segments, { key, value: k }], child(beforeSide, i), undefined));
    });
    return;
  }
  if (before.every(isScalar) && after.every(isScalar)) {
    out.push(change('changed', segments, beforeSide, afterSide));
    return;
  }
  const n = Math.max(before.length, after.length);
  for (let i = 0; i < n; i++) {
    const seg = [...segments, positionSegment(before[i], after[i], i)];
    if (i >= after.length) out.push(change('removed', seg, child(beforeSide, i), undefined));
    else if (i >= before.length) out.push(change('added', seg, undefined, child(afterSide, i)));
    else walk(child(beforeSide, i), child(afterSide, i), seg, out);
  }
}

/** The segment of a list item compared by position: a named item (an env var in a list whose names repeat) keeps its name. */
function positionSegment(before: unknown, after: unknown, i: number): PathSegment {
  const name = [before, after].map((v) => (isMap(v) && typeof v.name === 'string' ? v.name : undefined)).find((n) => n !== undefined);
  return name === undefined ? i : { key: 'name', value: name };
}

/**
 * One change, shown with secrets masked. It is `masked` when a side is a masked secret, or when the raw values
 * differ only in masked parts (a secret inside an embedded manifest), so nothing tells the secrets apart.
 */
function change(op: FieldChange['op'], segments: PathSegment[], before: Side | undefined, after: Side | undefined): FieldChange {
  const masked = before?.shown === MASKED || after?.shown === MASKED
    || (before !== undefined && after !== undefined && deepEqual(before.shown, after.shown));
  const result: { -readonly [K in keyof FieldChange]: FieldChange[K] } = { op, path: formatPath(segments), segments };
  if (before) result.before = masked ? MASKED : before.shown;
  if (after) result.after = masked ? MASKED : after.shown;
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
  return ka.every((k) => Object.hasOwn(rb, k) && deepEqual((a as Record<string, unknown>)[k], rb[k]));
}
