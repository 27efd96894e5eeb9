import type { Value } from './value';

/**
 * Turns step values into Argo strings while the step's template is compiled. Implemented by the Argo compiler;
 * steps call it for every value that may hold a reference, and it records the template inputs those need.
 */
export interface ITemplateRenderer {
  /** The value as a string for the template body, e.g. `{{inputs.parameters.train-steps}}/model`. */
  value(value: Value): string;
}
