import { isReferenceable } from './reference';
import { Concat, Value } from './value';

/**
 * Turns step values into Argo strings while the step's template is compiled. Implemented by the Argo compiler;
 * steps call it for every value that may hold a reference, and it records the template inputs those need.
 */
export interface ITemplateRenderer {
  /** The value as a string for the template body, e.g. `{{inputs.parameters.train-steps}}/model`. */
  value(value: Value): string;
}

/**
 * Renders a `Valued` structure: every string, reference and `fmt` string through `r`, numbers and booleans as they
 * are, objects and arrays member by member.
 */
export function renderValued<T>(r: ITemplateRenderer, structure: unknown): T {
  const render = (v: unknown): unknown => {
    if (typeof v === 'string' || v instanceof Concat || isReferenceable(v)) return r.value(v);
    if (Array.isArray(v)) return v.map(render);
    if (typeof v === 'object' && v !== null) {
      return Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined).map(([k, x]) => [k, render(x)]));
    }
    return v;
  };
  return render(structure) as T;
}
