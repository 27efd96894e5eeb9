/**
 * Appends every item to `list`. A loop, not `list.push(...items)`: a spread passes each item as an argument, and a
 * 50 MB `List` holds more objects than a call has room for (`RangeError: Maximum call stack size exceeded`).
 */
export function append<T>(list: T[], items: Iterable<T>): void {
  for (const item of items) list.push(item);
}
