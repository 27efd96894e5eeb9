import { PathSegment } from './field-path';

/** What a masked value is replaced with in every output format. */
export const MASKED = '(masked)';

/**
 * Names of env vars and parameters whose `value` is masked: anything that looks like a password, token, key or
 * credential. Secret `data`/`stringData` is always masked.
 */
export const SECRET_NAME = /(passw(or)?d|passwd|secret|token|api[-_]?key|access[-_]?key|private[-_]?key|credential)/i;

/**
 * True when the value at `segments` of an object of `kind` must not be shown: a value of a `Secret`'s
 * `data`/`stringData`, or the `value` of a list item (env var, Argo parameter) whose name matches {@link SECRET_NAME}.
 */
export function isSensitivePath(kind: string, segments: readonly PathSegment[]): boolean {
  if (kind === 'Secret' && (segments[0] === 'data' || segments[0] === 'stringData') && segments.length >= 2) {
    return true;
  }
  const n = segments.length;
  if (n >= 2 && segments[n - 1] === 'value') {
    const item = segments[n - 2];
    return typeof item === 'object' && item.key === 'name' && SECRET_NAME.test(item.value);
  }
  return false;
}

/**
 * Returns `value` (found at `segments` of an object of `kind`) with every sensitive leaf replaced by
 * {@link MASKED}; the input is not modified. Lists of named maps are walked with keyed segments so
 * `env[name=DB_PASSWORD].value` is recognised inside an added container.
 */
export function maskValue(kind: string, segments: readonly PathSegment[], value: unknown): unknown {
  if (isSensitivePath(kind, segments)) return MASKED;
  if (Array.isArray(value)) {
    return value.map((item, i) => {
      const name = item !== null && typeof item === 'object' ? (item as Record<string, unknown>).name : undefined;
      const seg: PathSegment = typeof name === 'string' ? { key: 'name', value: name } : i;
      return maskValue(kind, [...segments, seg], item);
    });
  }
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = maskValue(kind, [...segments, k], v);
    return out;
  }
  return value;
}
