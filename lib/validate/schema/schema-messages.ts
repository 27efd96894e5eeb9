import { closestName } from './closest-name';
import type { SchemaNode } from './schema-node';

/** Lists in messages stop after this many entries, so an enum of 60 values stays readable. */
const MAX_LISTED = 12;

/** The message and fix for a value outside an enum: the allowed values, and the closest one as "did you mean". */
export function enumViolation(value: unknown, allowed: readonly unknown[]): { message: string; fix: string } {
  const close = typeof value === 'string' ? closestName(value, allowed.filter((v): v is string => typeof v === 'string' && v !== '')) : undefined;
  const values = list(allowed.map((v) => JSON.stringify(v)));
  return { message: `${describe(value)} is not one of ${values}`, fix: close ? `did you mean "${close}"?` : `use one of ${values}` };
}

/** The branches of an anyOf/oneOf in words: `boolean or object`, `object with "left" or object with "right"`. */
export function forms(branches: readonly SchemaNode[]): string {
  const words = branches.map((branch) => {
    if (Array.isArray(branch.required) && branch.required.length > 0) {
      return `object with ${branch.required.map((f) => `"${String(f)}"`).join(', ')}`;
    }
    if (branch.type !== undefined) return [branch.type].flat().join(' or ');
    return branch.$ref !== undefined ? 'object' : 'a value matching the schema';
  });
  return [...new Set(words)].join(' or ');
}

/** A short, typed rendering of a value for messages: `string "3"`, `number 1.5`, `object`, `array`. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'object') return 'object';
  if (typeof value === 'string') return `string ${JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value)}`;
  return `${typeof value} ${String(value)}`;
}

export function list(items: readonly string[]): string {
  return items.length <= MAX_LISTED ? items.join(', ') : `${items.slice(0, MAX_LISTED).join(', ')} (and ${items.length - MAX_LISTED} more)`;
}
