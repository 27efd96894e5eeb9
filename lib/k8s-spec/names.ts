import { createHash } from 'crypto';

/** Longest DNS-1123 label (most Kubernetes names, label values). */
export const DNS_LABEL_MAX = 63;

/**
 * Turns any string into a DNS-1123 label: lowercase letters, digits and '-', starting and ending with a letter or
 * digit, at most `max` characters. Names that must be shortened keep a hash of the original as suffix, so distinct
 * long names stay distinct and the result is stable across runs. Returns '' when nothing usable is left.
 */
export function toDnsLabel(raw: string, max: number = DNS_LABEL_MAX): string {
  const clean = raw
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (clean.length <= max) return clean;
  const hash = createHash('sha256').update(raw).digest('hex').slice(0, 8);
  return `${clean.slice(0, max - hash.length - 1).replace(/-+$/, '')}-${hash}`;
}
