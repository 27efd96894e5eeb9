import { IReferenceable, isReferenceable } from './reference';

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
