/**
 * A map with nothing to inherit that V8 keeps in its fast mode: `Object.create(null)` would make each one a
 * dictionary, which costs memory and time when every pod template of a large run has its labels in one.
 */
const Bare = function Bare() {} as unknown as new () => Record<string, string>;
Bare.prototype = Object.create(null);

/**
 * The string entries of a map (labels, annotations, a selector); empty for anything that is not a map. The map
 * inherits nothing: its keys are the input's, and `labels['constructor']` is a label, or undefined, never a function.
 */
export function stringMap(value: unknown): Record<string, string> {
  const out = new Bare();
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return out;
  for (const [k, v] of Object.entries(value)) if (typeof v === 'string') out[k] = v;
  return out;
}
