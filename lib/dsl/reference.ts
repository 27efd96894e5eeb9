import type { Loop } from './loop';
import type { Parameter } from './parameter';
import type { Step } from './step';

/**
 * What a placeholder stands for. The Argo compiler turns each kind into the right `{{...}}` expression for where
 * it is used (a DAG task's arguments and `when`, or a template's body).
 */
export type Reference =
  /** A pipeline parameter (KFP `PipelineParam`). */
  | { readonly kind: 'parameter'; readonly parameter: Parameter }
  /** An output parameter of a step (KFP `file_outputs`); using it makes the consumer depend on the step. */
  | { readonly kind: 'output'; readonly step: Step; readonly name: string }
  /** The current item of a fan-out, or one field of it. */
  | { readonly kind: 'item'; readonly loop: Loop; readonly field?: string }
  /** An Argo global variable such as `workflow.name`, valid anywhere in the workflow. */
  | { readonly kind: 'global'; readonly variable: string };

/** Implemented by everything that can be passed where a step takes a value: parameters, outputs, items, globals. */
export interface IReferenceable {
  /** The reference this value compiles to. */
  readonly reference: Reference;
}

/** True when `value` is a parameter, step output, loop item or global variable. */
export function isReferenceable(value: unknown): value is IReferenceable {
  return typeof value === 'object' && value !== null && 'reference' in value
    && typeof (value as IReferenceable).reference === 'object';
}
