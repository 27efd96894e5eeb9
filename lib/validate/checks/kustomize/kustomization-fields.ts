import { setOwn } from '../../../own';
import { isRecord, KubeObject } from '../../object-index';
import { closestName } from '../../schema/closest-name';
import { jsonPath } from '../../schema/json-path';
import { describe, list } from '../../schema/schema-messages';
import { error, Violation } from '../../violation';
import { GoStruct, GoType, KUSTOMIZATION_TYPE } from './kustomization-type';

type Segment = string | number;

/** A kustomization as kustomize decodes it, and what its decoder refuses. */
export interface DecodedKustomization {
  /** the fields under their Go JSON names (`Resources:` read as `resources`), nulls and refused values left out */
  readonly value: Readonly<Record<string, unknown>>;
  readonly violations: readonly Violation[];
}

/**
 * Reads a kustomization the way kustomize does (`Kustomization.Unmarshal`: YAML to JSON, then `encoding/json` with
 * `DisallowUnknownFields`): a field matches its Go field by JSON name, exactly or else ignoring case; a field no
 * struct has, or a value of the wrong JSON type (a number where a string goes, a string where a list goes), makes
 * kustomize refuse the whole kustomization, and so Argo CD's render of the folder. A null leaves a field unset.
 * kustomize stops at the first such problem; every one is reported here.
 */
export function decodeKustomization(object: KubeObject): DecodedKustomization {
  const violations: Violation[] = [];
  const value = decodeStruct(object, KUSTOMIZATION_TYPE, [], violations);
  return { value, violations };
}

function decode(value: unknown, type: GoType, path: Segment[], violations: Violation[]): unknown {
  if (value === null || value === undefined) return undefined;
  if (type === 'any') return value;
  const fits = type === 'string' ? typeof value === 'string'
    : type === 'bool' ? typeof value === 'boolean'
      : type === 'int' ? Number.isInteger(value)
        : 'list' in type ? Array.isArray(value) : isRecord(value);
  if (!fits) {
    violations.push(typeProblem(value, type, path));
    return undefined;
  }
  if (typeof type === 'string') return value;
  if ('list' in type) {
    // A null item is the item type's zero value in Go (`patches: [null]` is a patch with no path and no patch).
    return (value as unknown[]).map((item, i) => (item === null ? zeroValue(type.list) : decode(item, type.list, [...path, i], violations)));
  }
  if ('map' in type) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value as object)) {
      const decoded = decode((value as Record<string, unknown>)[key], type.map, [...path, key], violations);
      if (decoded !== undefined) setOwn(out, key, decoded);
    }
    return out;
  }
  return decodeStruct(value as Record<string, unknown>, type, path, violations);
}

function decodeStruct(value: Record<string, unknown>, type: GoStruct, path: Segment[], violations: Violation[]): Record<string, unknown> {
  const names = Object.keys(type.fields);
  const out: Record<string, unknown> = {};
  // Which key set each field: YAML-to-JSON sorts a mapping's keys, so of two that fold to one field
  // (`Resources`, `resources`) the one that sorts last wins, whatever the file's order.
  const setBy = new Map<string, string>();
  for (const key of Object.keys(value)) {
    const name = fieldName(key, names);
    if (name === undefined) {
      const close = closestName(key, names);
      violations.push(error(jsonPath([...path, key]), 'kustomize/unknown-field',
        `unknown field "${key}" in ${type.struct}: kustomize refuses the kustomization ("json: unknown field")`,
        close ? `rename "${key}" to "${close}"` : `remove "${key}"; known fields here: ${list([...names].sort())}`));
      continue;
    }
    const decoded = decode(value[key], type.fields[name], [...path, name], violations);
    const earlier = setBy.get(name);
    if (earlier !== undefined && earlier > key) continue;
    setBy.set(name, key);
    if (decoded !== undefined) out[name] = decoded;
    else delete out[name];
  }
  return out;
}

/**
 * The Go field a JSON key decodes into: the exact name, else the first that is the same under `encoding/json`'s case
 * folding (which also folds `ſ` to `s` and the Kelvin sign to `k`).
 */
function fieldName(key: string, names: readonly string[]): string | undefined {
  if (names.includes(key)) return key;
  const folded = fold(key);
  return names.find((name) => fold(name) === folded);
}

function fold(name: string): string {
  return name.replace(/\u017f/g, 's').replace(/\u212a/g, 'k').toLowerCase();
}

/** What Go decodes a JSON null list item into: a struct with no fields set, an empty string; else nothing to check. */
function zeroValue(type: GoType): unknown {
  if (type === 'string') return '';
  return typeof type === 'object' && 'struct' in type ? {} : undefined;
}

function typeProblem(value: unknown, type: GoType, path: Segment[]): Violation {
  const where = jsonPath(path);
  const fix = type === 'string' && (typeof value === 'number' || typeof value === 'boolean')
    ? `quote the value: "${String(value)}"`
    : typeof type === 'object' && 'list' in type && !Array.isArray(value) && typeof value !== 'object'
      ? `write it as a list: [${String(value)}]`
      : `make it ${words(type)}`;
  return error(where, 'kustomize/field-type',
    `expected ${words(type)} (Go ${goName(type)}), got ${describe(value)}: kustomize refuses the kustomization ("cannot unmarshal")`, fix);
}

/** A type as messages say it: `a string`, `a list of strings`, `a mapping (Patch)`. */
function words(type: GoType): string {
  if (type === 'string') return 'a string';
  if (type === 'bool') return 'true or false';
  if (type === 'int') return 'a whole number';
  if (type === 'any') return 'any value';
  if ('list' in type) return `a list of ${typeof type.list === 'string' ? `${type.list === 'int' ? 'numbers' : `${type.list}s`}` : 'mappings'}`;
  if ('map' in type) return 'a mapping';
  return `a mapping (${type.struct})`;
}

/** A type as Go spells it: `[]string`, `map[string]string`, `int64`, `Patch`. */
function goName(type: GoType): string {
  if (type === 'int') return 'int64';
  if (type === 'any') return 'interface{}';
  if (typeof type === 'string') return type;
  if ('list' in type) return `[]${goName(type.list)}`;
  if ('map' in type) return `map[string]${goName(type.map)}`;
  return type.struct;
}
