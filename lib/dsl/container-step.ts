import { Construct } from 'constructs';
import { PropsGuard, recordOf, STRING } from '../guards';
import { ARTIFACT_FIELDS, ArtifactFields } from './artifact';
import { CONTAINER_OPTIONS_GUARDS, ContainerBody, ContainerOptions } from './container-body';
import { InputArtifact } from './inputs';
import { OutputArtifact } from './outputs';
import { IPodOwner, PodBuilder, PodOption } from './pod-builder';
import { Step, STEP_PROPS_GUARDS, StepProps } from './step';
import type { TemplateBody } from './template';
import type { ITemplateRenderer } from './template-renderer';
import { Value } from './value';

/** Props of {@link ContainerStep}. */
export interface ContainerStepProps extends StepProps, ContainerOptions {
  /** Output parameters read from files the container writes (KFP `file_outputs`): name -> path. @default - none */
  readonly fileOutputs?: Readonly<Record<string, string>>;
  /**
   * Artifacts placed in the container before it starts, by name: `{ path, from: other.outputArtifact('x') }` to
   * take another step's output, or a location (`s3`, `gcs`, `http`, `git`, `raw`, ...). @default - none
   */
  readonly inputArtifacts?: Readonly<Record<string, ArtifactFields>>;
  /** Artifacts the container leaves at `path`, stored in the artifact repository or the location given, by name. @default - none */
  readonly outputArtifacts?: Readonly<Record<string, ArtifactFields>>;
}

/**
 * A step that runs a container (KFP `ContainerOp`, Argo `container` template).
 *
 * @example
 * new ContainerStep(pipeline, 'tft-eval', {
 *   image: 'gcr.io/google-samples/ml-pipeline-dataflow-tftbq-taxi',
 *   args: ['--input_handle', inputHandleEval, '--working_dir', fmt`${workingDir}/${WorkflowVariables.name}/tft-eval`],
 * });
 */
export class ContainerStep extends Step implements IPodOwner {
  /** The main container and its pod. */
  public readonly body: ContainerBody;

  constructor(scope: Construct, id: string, props: ContainerStepProps) {
    super(scope, id, CONTAINER_STEP_PROPS.check(scope, id, props, new.target === ContainerStep));
    this.body = new ContainerBody(this.node.path, props, 'main');
    for (const [name, path] of Object.entries(props.fileOutputs ?? {})) this.declareOutput(name, { path });
    for (const [name, fields] of Object.entries(props.inputArtifacts ?? {})) this.addInput(new InputArtifact(name, fields));
    for (const [name, fields] of Object.entries(props.outputArtifacts ?? {})) this.addOutput(new OutputArtifact(name, fields));
  }

  /** The step's pod: environment, volumes, resources, placement, sidecars. */
  get pod(): PodBuilder {
    return this.body.pod;
  }

  /** Applies reusable pod options (e.g. `useGcpSecret()`) to this step, KFP's `op.apply(...)`. */
  apply(...options: PodOption[]): this {
    this.pod.apply(...options);
    return this;
  }

  renderBody(r: ITemplateRenderer): TemplateBody {
    return this.body.render(r, 'container');
  }

  protected values(): Value[] {
    return this.body.values();
  }
}

/** The guards of {@link ContainerStepProps}, for steps built on a container step. */
export const CONTAINER_STEP_GUARDS = {
  ...STEP_PROPS_GUARDS,
  ...CONTAINER_OPTIONS_GUARDS,
  fileOutputs: recordOf(STRING),
  inputArtifacts: recordOf(ARTIFACT_FIELDS),
  outputArtifacts: recordOf(ARTIFACT_FIELDS),
};

/** Checks the props of a {@link ContainerStep}. */
export const CONTAINER_STEP_PROPS = new PropsGuard<ContainerStepProps>('ContainerStepProps', CONTAINER_STEP_GUARDS);
