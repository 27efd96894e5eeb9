import { App, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import type { ParameterValue } from '../dsl/parameter';
import type { Pipeline } from '../argo/pipeline';
import type { Schedule } from '../dsl/schedule';
import type { Run } from '../dsl/workflow-options';

/**
 * What an environment passes to each pipeline it runs. A pipeline class must hand all of it to `Pipeline`
 * (`super(scope, id, { ...props, description })`); the environment checks that it did.
 */
export interface DeployedPipelineProps {
  /** The environment's params-file values for this pipeline. */
  readonly values: Readonly<Record<string, ParameterValue>>;
  /** The environment's schedule for this pipeline. @default - not scheduled */
  readonly schedule?: Schedule;
  /** Set when the environment runs the pipeline on every Argo CD sync (a PostSync hook Workflow). @default - no run */
  readonly run?: Run;
  /** The environment's pipeline-runner service account. */
  readonly serviceAccountName: string;
}

/** Creates one pipeline in `scope`; its `name` must be the catalog key it is registered under. */
export type PipelineFactory = (scope: Construct, props: DeployedPipelineProps) => Pipeline;

/**
 * The pipelines a project can deploy, by name (the WorkflowTemplate name, as used in environments and params files).
 *
 * @example
 * const catalog: PipelineCatalog = {
 *   workflow1: (scope, props) => new Workflow1(scope, 'workflow1', props),
 * };
 */
export type PipelineCatalog = Readonly<Record<string, PipelineFactory>>;

/**
 * Builds the pipeline `factory` makes once, without values, in a throwaway app, to learn what it declares: params
 * files are checked against its parameters before the real pipeline is built with the values.
 */
export function probePipeline(factory: PipelineFactory, environment: string, namespace: string): Pipeline {
  return factory(new Chart(new App(), environment, { namespace }), { values: {}, serviceAccountName: 'default' });
}
