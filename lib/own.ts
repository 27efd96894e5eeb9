/**
 * The value a table holds under `key` itself, or undefined: never what every object inherits. Keys from the input
 * (a metric type, a field name, a label) may be `constructor` or `toString`, which a plain `table[key]` finds on
 * Object.prototype, as a function.
 */
export function own<T>(table: Readonly<Record<string | number, T>>, key: string | number): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

/**
 * Sets `key` as the target's own field, whatever the key: `target['__proto__'] = value` would replace the
 * object's prototype instead (and drop the field).
 */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
