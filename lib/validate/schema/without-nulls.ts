import { setOwn } from '../../own';

/**
 * The object with every `field: null` removed, as the API server reads it: a null field means "unset" (kubectl
 * writes `creationTimestamp: null`, YAML writes `replicas:` with no value). Null array items are kept.
 *
 * Returns the input itself when it holds no null field, so the common case allocates nothing.
 */
export function withoutNulls<T>(value: T): T {
  return hasNullField(value) ? (strip(value) as T) : value;
}

function hasNullField(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(hasNullField);
  if (value === null || typeof value !== 'object') return false;
  for (const key in value) {
    const child = (value as Record<string, unknown>)[key];
    if (child === null || hasNullField(child)) return true;
  }
  return false;
}

function strip(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(strip);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) if (child !== null) setOwn(out, key, strip(child));
  return out;
}
