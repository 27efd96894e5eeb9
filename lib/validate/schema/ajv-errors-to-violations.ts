import type { ErrorObject } from 'ajv';
import { closestName } from './closest-name';
import { jsonPath } from './json-path';
import type { SchemaViolation } from './schema-violation';

/** Lists in messages stop after this many entries, so an enum of 60 values stays readable. */
const MAX_LISTED = 12;

/**
 * Turns ajv errors (from validators compiled with `allErrors` and `verbose`) into {@link SchemaViolation}s with
 * user-facing paths, messages and fixes.
 *
 * Errors inside an `anyOf`/`oneOf` branch are folded into the one error for the alternative, since a branch's
 * complaints describe a shape the user probably did not mean.
 */
export function ajvErrorsToViolations(errors: readonly ErrorObject[], data: unknown): SchemaViolation[] {
  // A value of the wrong type also fails the format (int32) or enum check; the type error already says it.
  const typed = new Set(errors.filter((e) => e.keyword === 'type').map((e) => e.instancePath));
  // Branch errors sit under their anyOf's schema path (`#/properties/spec/anyOf/0/required`), or are a referenced
  // branch's type error on the same value; other errors under the value are the user's other mistakes and stay.
  const alternatives = errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf');
  const seen = new Set<string>();
  const violations: SchemaViolation[] = [];
  for (const error of errors) {
    const folded = alternatives.some(
      (alt) =>
        error.schemaPath.startsWith(`${alt.schemaPath}/`) ||
        (error.keyword === 'type' && error.instancePath === alt.instancePath),
    );
    if (folded || ((error.keyword === 'format' || error.keyword === 'enum') && typed.has(error.instancePath))) continue;
    const violation = toViolation(error, data);
    if (error.keyword === 'required' && renamedFrom(errors, error)) continue;
    const key = `${violation.path}\u0000${violation.rule}\u0000${violation.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    violations.push(violation);
  }
  return violations;
}

/**
 * True when a missing required field is explained by a misspelt one beside it (`schedule` for `schedules`): the
 * unknown-field violation already says to rename it, so the missing field is not reported twice.
 */
function renamedFrom(errors: readonly ErrorObject[], required: ErrorObject): boolean {
  const missing = String((required.params as Record<string, unknown>).missingProperty);
  return errors.some(
    (e) =>
      e.keyword === 'additionalProperties' &&
      e.instancePath === required.instancePath &&
      closestName(
        String((e.params as Record<string, unknown>).additionalProperty),
        Object.keys((e.parentSchema?.properties as Record<string, unknown> | undefined) ?? {}),
      ) === missing,
  );
}

function toViolation(error: ErrorObject, data: unknown): SchemaViolation {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties': {
      const field = String(params.additionalProperty);
      const known = Object.keys((error.parentSchema?.properties as Record<string, unknown> | undefined) ?? {});
      const close = closestName(field, known);
      return {
        path: jsonPath(error.instancePath, data, field),
        message: `unknown field "${field}"`,
        rule: 'unknown-field',
        fix: close
          ? `rename "${field}" to "${close}"`
          : known.length > 0
            ? `remove "${field}"; known fields here: ${list(known.sort())}`
            : `remove "${field}"`,
      };
    }
    case 'required': {
      const field = String(params.missingProperty);
      return {
        path: jsonPath(error.instancePath, data, field),
        message: `missing required field "${field}"`,
        rule: 'required',
        fix: `add "${field}"`,
      };
    }
    case 'type': {
      const expected = String(params.type).split(',').join(' or ');
      return {
        path: jsonPath(error.instancePath, data),
        message: `expected ${expected}, got ${describe(error.data)}`,
        rule: 'type',
        ...(expected === 'string' && (typeof error.data === 'number' || typeof error.data === 'boolean')
          ? { fix: `quote the value: "${String(error.data)}"` }
          : {}),
      };
    }
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]) ?? [];
      const close =
        typeof error.data === 'string'
          ? closestName(error.data, allowed.filter((v): v is string => typeof v === 'string'))
          : undefined;
      return {
        path: jsonPath(error.instancePath, data),
        message: `${describe(error.data)} is not one of ${list(allowed.map((v) => JSON.stringify(v)))}`,
        rule: 'enum',
        ...(close ? { fix: `use "${close}"` } : {}),
      };
    }
    case 'const':
      return {
        path: jsonPath(error.instancePath, data),
        message: `expected ${JSON.stringify(params.allowedValue)}, got ${describe(error.data)}`,
        rule: 'enum',
        fix: `use ${JSON.stringify(params.allowedValue)}`,
      };
    case 'format':
      return {
        path: jsonPath(error.instancePath, data),
        message: `${describe(error.data)} is not a valid ${String(params.format)}`,
        rule: 'format',
      };
    case 'anyOf':
    case 'oneOf':
      return {
        path: jsonPath(error.instancePath, data),
        message:
          `${describe(error.data)} matches ${error.keyword === 'oneOf' ? 'not exactly one' : 'none'} of the allowed ` +
          `forms: ${forms(error.schema)}`,
        rule: error.keyword,
      };
    default:
      return {
        path: jsonPath(error.instancePath, data),
        message: `${error.message ?? `fails "${error.keyword}"`}, got ${describe(error.data)}`,
        rule: error.keyword,
      };
  }
}

/** The branches of an anyOf/oneOf in words: `boolean or object`, `object with "left" or object with "right"`. */
function forms(branches: unknown): string {
  if (!Array.isArray(branches)) return 'see the schema';
  const words = branches.map((branch: Record<string, unknown>) => {
    if (Array.isArray(branch.required) && branch.required.length > 0) {
      return `object with ${branch.required.map((f) => `"${String(f)}"`).join(', ')}`;
    }
    if (branch.type !== undefined) return [branch.type].flat().join(' or ');
    return branch.$ref !== undefined ? 'object' : 'a value matching the schema';
  });
  return [...new Set(words)].join(' or ');
}

/** A short, typed rendering of a value for messages: `string "3"`, `number 1.5`, `object`, `array`. */
function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'object') return 'object';
  if (typeof value === 'string') {
    return `string ${JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value)}`;
  }
  return `${typeof value} ${String(value)}`;
}

function list(items: readonly string[]): string {
  return items.length <= MAX_LISTED
    ? items.join(', ')
    : `${items.slice(0, MAX_LISTED).join(', ')} (and ${items.length - MAX_LISTED} more)`;
}
