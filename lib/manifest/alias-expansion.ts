import { ReadErrorReason } from './read-error';

/**
 * The share of a document's values that may come from alias expansion, by expanded size: go-yaml's
 * `allowedAliasRatio` (99% up to 400,000 values, falling to 10% at 4,000,000), so kfops refuses what Kubernetes
 * refuses as "excessive aliasing".
 */
function allowedAliasRatio(expanded: number): number {
  if (expanded <= 400_000) return 0.99;
  if (expanded >= 4_000_000) return 0.1;
  return 0.99 - 0.89 * ((expanded - 400_000) / 3_600_000);
}

/** Thrown (and turned into a `ManifestReadError` by the parser) when aliases are abused. */
export class AliasProblem extends Error {
  constructor(readonly reason: ReadErrorReason, message: string) {
    super(message);
  }
}

/**
 * Checks a parsed document for alias abuse and gives each alias its own copy. js-yaml returns an alias as the very
 * object its anchor names, so a "billion laughs" document costs nothing to parse but explodes in whatever walks it;
 * this walk visits each distinct object once (memoized), so it is cheap even then.
 *
 * Refused: a value that contains itself (`&a [*a]`), nesting deeper than `maxDepth` once aliases are expanded,
 * and more expansion than go-yaml allows ({@link allowedAliasRatio}).
 *
 * @returns the value, with shared parts copied (in place) so that each place holds its own
 */
export function checkAliasExpansion(value: unknown, maxDepth: number): unknown {
  if (value === null || typeof value !== 'object') return value;
  const expandedSize = new Map<object, number>();
  const onPath = new Set<object>();
  let written = 0;
  let shared = false;
  const measure = (node: unknown, depth: number): number => {
    if (node === null || typeof node !== 'object') return 1;
    const known = expandedSize.get(node);
    if (known !== undefined) {
      shared = true;
      return known;
    }
    if (onPath.has(node)) throw new AliasProblem(ReadErrorReason.ALIAS_BOMB, 'an alias refers to the node that contains it (an endless value)');
    if (depth > maxDepth) throw new AliasProblem(ReadErrorReason.TOO_DEEP, `aliases nest the document more than ${maxDepth} levels deep`);
    onPath.add(node);
    let size = 1;
    written++;
    for (const child of Object.values(node)) {
      if (child === null || typeof child !== 'object') written++;
      size += measure(child, depth + 1);
    }
    onPath.delete(node);
    expandedSize.set(node, size);
    return size;
  };
  const expanded = measure(value, 0);
  const fromAliases = expanded - written;
  if (fromAliases > 100 && expanded > 1000 && fromAliases / expanded > allowedAliasRatio(expanded)) {
    throw new AliasProblem(ReadErrorReason.ALIAS_BOMB, `aliases expand the document to ${expanded.toPrecision(3)} values from ${written} written, `
      + 'more than go-yaml (which Kubernetes reads YAML with) allows');
  }
  if (shared) copySharedNodes(value, new Set());
  return value;
}

/**
 * Replaces every place that reaches a node a second time with a copy of it, in place: the first place keeps the
 * node js-yaml built, so only what aliases repeat is copied.
 */
function copySharedNodes(node: object, seen: Set<object>): void {
  seen.add(node);
  const entries: [string | number, unknown][] = Array.isArray(node) ? node.map((v, i) => [i, v]) : Object.entries(node);
  for (const [key, child] of entries) {
    if (child === null || typeof child !== 'object') continue;
    if (seen.has(child)) {
      // A `__proto__` key stays a plain property, as JSON.parse makes it.
      Object.defineProperty(node, key, { value: copy(child), writable: true, enumerable: true, configurable: true });
    } else {
      copySharedNodes(child, seen);
    }
  }
}

function copy(node: unknown): unknown {
  if (node === null || typeof node !== 'object') return node;
  if (Array.isArray(node)) return node.map(copy);
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(node)) {
    // A `__proto__` key stays a plain property, as JSON.parse makes it.
    Object.defineProperty(out, key, { value: copy(child), writable: true, enumerable: true, configurable: true });
  }
  return out;
}
