/**
 * The string entries of a map (labels, annotations, a selector); empty for anything that is not a map. The map has
 * no prototype: its keys are the input's, and `labels['constructor']` is a label, or undefined, never a function.
 */
export function stringMap(value: unknown): Record<string, string> {
  const out: Record<string, string> = Object.create(null);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return out;
  for (const [k, v] of Object.entries(value)) if (typeof v === 'string') out[k] = v;
  return out;
}
