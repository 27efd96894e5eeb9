import { anyOf, arrayOf, BOOLEAN, checkEach, DURATION, instanceOf, NUMBER, STRING } from '../guards';
import { IReferenceable, isReferenceable, REFERENCE } from './reference';

/** A literal or a reference; everything a step accepts in args, command, env and manifests. */
export type Value = string | number | boolean | IReferenceable | Concat;

/**
 * A string built from literals and references, e.g. a path under the run's working directory.
 * Build it with the {@link fmt} tagged template rather than by hand.
 */
export class Concat {
  /** @param parts literals and references, in order */
  constructor(public readonly parts: ReadonlyArray<string | number | boolean | IReferenceable>) {}
}

/**
 * Tagged template that interpolates parameters, outputs, items and globals into a string value.
 *
 * @example fmt`${workingDir}/${WorkflowVariables.name}/tft-eval`
 */
export function fmt(strings: TemplateStringsArray, ...values: Array<string | number | boolean | IReferenceable | Concat>): Concat {
  checkEach('fmt', values, VALUE, (i) => `value ${i + 1}`);
  const parts: Array<string | number | boolean | IReferenceable> = [];
  strings.forEach((literal, i) => {
    if (literal !== '') parts.push(literal);
    if (i < values.length) {
      const v = values[i];
      if (v instanceof Concat) parts.push(...v.parts);
      else parts.push(v);
    }
  });
  return new Concat(parts);
}

/** The references a value contains, in order of appearance. */
export function referencesOf(value: Value): IReferenceable[] {
  if (value instanceof Concat) return value.parts.filter(isReferenceable);
  return isReferenceable(value) ? [value] : [];
}

/** Text: a literal string, a reference, or an {@link fmt} string. */
export type TextValue = string | IReferenceable | Concat;

/**
 * An upstream (Kubernetes or Argo) structure whose strings may also be parameters, outputs, items, globals or
 * {@link fmt} strings, e.g. `Valued<IIoK8sApiCoreV1Volume>` for a volume whose claim name is a parameter.
 */
export type Valued<T> = T extends string ? TextValue
  : T extends number | boolean | null | undefined ? T
    : T extends ReadonlyArray<infer U> ? ReadonlyArray<Valued<U>>
      : T extends object ? { readonly [K in keyof T]: Valued<T[K]> }
        : T;

/** Every value inside a {@link Valued} structure, depth first, so references can be checked and wired. */
export function valuesIn(structure: unknown): Value[] {
  if (structure instanceof Concat || isReferenceable(structure)) return [structure];
  if (typeof structure === 'string' || typeof structure === 'number' || typeof structure === 'boolean') return [structure];
  if (Array.isArray(structure)) return structure.flatMap(valuesIn);
  // Plain objects only: Durations, Sizes and other class instances hold no references.
  if (typeof structure === 'object' && structure !== null && Object.getPrototypeOf(structure) === Object.prototype) {
    return Object.values(structure).flatMap(valuesIn);
  }
  return [];
}

/** Guards an `fmt` string. */
export const CONCAT = instanceOf(Concat, 'an fmt`...` string');

/** Guards a {@link Value}: a literal or a reference. */
export const VALUE = anyOf([STRING, NUMBER, BOOLEAN, REFERENCE, CONCAT],
  'a string, number or boolean, or a parameter, output, loop item or fmt`...` string');

/** Guards a list of values, such as `args`. */
export const VALUES = arrayOf(VALUE, 'an array of values (strings, numbers, booleans, parameters, outputs, loop items, fmt`...` strings)');

/** Guards a {@link TextValue}: a string, a reference or an `fmt` string. */
export const TEXT = anyOf([STRING, REFERENCE, CONCAT], 'a string, or a parameter, output, loop item or fmt`...` string');

/** Guards a prop that takes a `Duration` or a value (a Go duration string such as '30m', or a reference). */
export const DURATION_OR_VALUE = anyOf([DURATION, VALUE], "a Duration (e.g. Duration.minutes(30)), a string such as '30m', or a parameter or fmt`...` string");
