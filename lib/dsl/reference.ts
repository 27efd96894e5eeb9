import type { IConstruct } from 'constructs';
import { custom } from '../guards';

/** What a pipeline parameter reference needs to know of its parameter (implemented by `Parameter`). */
export interface IParameterSource extends IConstruct {
  /** The parameter's name in Argo. */
  readonly name: string;
  /** The parameter's type (a `ParameterType` value). */
  readonly type: string;
}

/** What an output reference needs to know of the step or task that produces it (steps, DAG tasks, workflow steps). */
export interface IOutputSource extends IConstruct {
  /** The step's or task's name in Argo. */
  readonly name: string;
}

/** A template's declared input or output (`inputs.parameters.x`, `outputs.artifacts.y`, ...). */
export interface ITemplateIo {
  /** Whether it is one of the template's inputs or outputs. */
  readonly direction: 'inputs' | 'outputs';
  /** Parameter or artifact. */
  readonly type: 'parameters' | 'artifacts';
  /** Its name. */
  readonly name: string;
}

/** What a loop item reference points at (implemented by `Loop`). */
export interface ILoopSource {
  /** Marks the object as a loop. */
  readonly isLoop: true;
}

/**
 * Which output of a step or task: a named output parameter or artifact, or one of the values Argo records for every
 * node (`result` is the container's stdout, `parameters` all output parameters as JSON).
 * @see https://argo-workflows.readthedocs.io/en/latest/variables/#dag-templates
 */
export type OutputKind = 'parameter' | 'artifact' | 'result' | 'exitCode' | 'status' | 'id' | 'ip' | 'startedAt'
  | 'finishedAt' | 'hostNodeName' | 'parameters';

/**
 * What a placeholder stands for. The Argo compiler turns each kind into the right `{{...}}` expression for where
 * it is used (a DAG task's arguments and `when`, or a template's body).
 */
export type Reference =
  /** A pipeline parameter (KFP `PipelineParam`). */
  | { readonly kind: 'parameter'; readonly parameter: IParameterSource }
  /**
   * An output of a step or task; using it makes the consumer depend on that step. `name` is the output's name for
   * parameters and artifacts, else the kind (`result`, `exitCode`, ...).
   */
  | { readonly kind: 'output'; readonly step: IOutputSource; readonly of: OutputKind; readonly name: string }
  /** The current item of a fan-out, or one field of it. */
  | { readonly kind: 'item'; readonly loop: ILoopSource; readonly field?: string }
  /** A template's own input or output, or a field of it (`{{inputs.artifacts.x.path}}`). */
  | { readonly kind: 'io'; readonly io: ITemplateIo; readonly field?: string }
  /** An Argo global variable such as `workflow.name`, valid anywhere in the workflow. */
  | { readonly kind: 'global'; readonly variable: string }
  /** An expr-lang expression, compiled to `{{=<expression>}}`. */
  | { readonly kind: 'expression'; readonly expression: string };

/** Implemented by everything that can be passed where a step takes a value: parameters, outputs, items, globals. */
export interface IReferenceable {
  /** The reference this value compiles to. */
  readonly reference: Reference;
}

/** True when `value` is a parameter, step output, loop item, template input or global variable. */
export function isReferenceable(value: unknown): value is IReferenceable {
  return typeof value === 'object' && value !== null && 'reference' in value
    && typeof (value as IReferenceable).reference === 'object';
}

/** Guards a prop that takes a reference: a parameter, step output, loop item, template input or workflow variable. */
export const REFERENCE = custom('a reference (a parameter, step output, loop item, input or WorkflowVariable)', ['reference'], isReferenceable);
