import type { EnvVar as IIoK8sApiCoreV1EnvVar } from 'kubernetes-types/core/v1';
import type { Volume as IIoK8sApiCoreV1Volume } from 'kubernetes-types/core/v1';
import type { VolumeMount as IIoK8sApiCoreV1VolumeMount } from 'kubernetes-types/core/v1';
import { Construct } from 'constructs';
import { UserError } from '../user-error';
import { ContainerResources, renderResourceRequirements } from './container-resources';
import { checkEnvName, PodVolumes } from './pod-volumes';
import { SecretKey } from './secret-key';
import { Step, StepProps, TemplateBody } from './step';
import type { ITemplateRenderer } from './template-renderer';
import { Value } from './value';

/** An environment variable's value: a literal, a reference, or a Secret key. */
export type EnvValue = Value | SecretKey;

/** A container that runs beside the step's main container for its whole life (Argo `sidecars`). */
export interface Sidecar {
  /** Container name, unique within the step. */
  readonly name: string;
  /** Image, pinned by tag or digest. */
  readonly image: string;
  /** Entrypoint. @default - the image's */
  readonly command?: readonly Value[];
  /** Arguments. @default - none */
  readonly args?: readonly Value[];
  /** Environment variables. @default - none */
  readonly env?: Readonly<Record<string, EnvValue>>;
  /** Mount the main container's volumes at the same paths. @default false */
  readonly mirrorVolumeMounts?: boolean;
}

/** Props of {@link ContainerStep}. */
export interface ContainerStepProps extends StepProps {
  /** Image to run, pinned by tag or digest. */
  readonly image: string;
  /** Entrypoint (KFP `command`). @default - the image's entrypoint */
  readonly command?: readonly Value[];
  /** Arguments (KFP `arguments`); parameters, outputs, items and {@link fmt} strings are compiled to Argo references. @default - none */
  readonly args?: readonly Value[];
  /** Environment variables, in order. @default - none */
  readonly env?: Readonly<Record<string, EnvValue>>;
  /** Output parameters read from files the container writes (KFP `file_outputs`): name -> path. @default - none */
  readonly fileOutputs?: Readonly<Record<string, string>>;
  /** CPU, memory and GPU requests and limits. @default - none (the namespace's defaults) */
  readonly resources?: ContainerResources;
  /** Volumes of the step's pod. @default - none */
  readonly volumes?: readonly IIoK8sApiCoreV1Volume[];
  /** Where the container mounts volumes. @default - none */
  readonly volumeMounts?: readonly IIoK8sApiCoreV1VolumeMount[];
  /** Containers that run beside the main one. @default - none */
  readonly sidecars?: readonly Sidecar[];
  /** Working directory of the container. @default - the image's */
  readonly workingDir?: string;
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
export class ContainerStep extends Step {
  public readonly image: string;
  public readonly command?: readonly Value[];
  public readonly args: readonly Value[];
  public readonly resources?: ContainerResources;
  public readonly sidecars: readonly Sidecar[];
  public readonly workingDir?: string;
  private readonly env = new Map<string, EnvValue>();
  private readonly pod: PodVolumes;

  constructor(scope: Construct, id: string, props: ContainerStepProps) {
    super(scope, id, props);
    this.pod = new PodVolumes(this.node.path);
    if (!props.image || /\s/.test(props.image)) {
      throw new UserError(`[${this.node.path}] 'image' must be an image reference like 'repo/name:tag', got ${JSON.stringify(props.image)}`);
    }
    this.image = props.image;
    this.command = props.command;
    this.args = props.args ?? [];
    this.resources = props.resources;
    this.sidecars = props.sidecars ?? [];
    this.workingDir = props.workingDir;
    for (const [name, value] of Object.entries(props.env ?? {})) this.addEnv(name, value);
    for (const volume of props.volumes ?? []) this.addVolume(volume);
    for (const mount of props.volumeMounts ?? []) this.addVolumeMount(mount);
    for (const [name, path] of Object.entries(props.fileOutputs ?? {})) this.declareOutput(name, { path });
    if (props.resources?.gpu !== undefined && (!Number.isInteger(props.resources.gpu.count) || props.resources.gpu.count < 1)) {
      throw new UserError(`[${this.node.path}] resources.gpu.count must be a whole number >= 1, got ${props.resources.gpu.count} (omit gpu for CPU-only steps)`);
    }
  }

  /** Sets an environment variable of the main container; a later value for the same name replaces the earlier. */
  addEnv(name: string, value: EnvValue): this {
    checkEnvName(name, this.node.path);
    this.env.set(name, value);
    return this;
  }

  /** Adds a volume to the step's pod; a volume of the same name must be identical. */
  addVolume(volume: IIoK8sApiCoreV1Volume): this {
    this.pod.addVolume(volume);
    return this;
  }

  /** Mounts a volume into the main container. */
  addVolumeMount(mount: IIoK8sApiCoreV1VolumeMount): this {
    this.pod.addMount(mount);
    return this;
  }

  /** Applies a reusable option (e.g. GCP credentials) to this step, KFP's `op.apply(...)`. */
  apply(option: (step: ContainerStep) => void): this {
    option(this);
    return this;
  }

  renderBody(r: ITemplateRenderer): TemplateBody {
    this.pod.checkMounts();
    return {
      container: {
        name: 'main',
        image: this.image,
        ...(this.command && { command: this.command.map((v) => r.value(v)) }),
        ...(this.args.length > 0 && { args: this.args.map((v) => r.value(v)) }),
        ...(this.env.size > 0 && { env: renderEnv(this.env, r) }),
        ...(this.resources && { resources: renderResourceRequirements(this.resources) }),
        ...(this.pod.mounts.length > 0 && { volumeMounts: [...this.pod.mounts] }),
        ...(this.workingDir && { workingDir: this.workingDir }),
      },
      ...(this.pod.volumes.length > 0 && { volumes: [...this.pod.volumes] }),
      ...(this.sidecars.length > 0 && {
        sidecars: this.sidecars.map((s) => ({
          name: s.name,
          image: s.image,
          ...(s.command && { command: s.command.map((v) => r.value(v)) }),
          ...(s.args && { args: s.args.map((v) => r.value(v)) }),
          ...(s.env && { env: renderEnv(new Map(Object.entries(s.env)), r) }),
          ...(s.mirrorVolumeMounts && { mirrorVolumeMounts: true }),
        })),
      }),
    };
  }

  protected values(): Value[] {
    const envValues = (env: Iterable<EnvValue>) => [...env].filter((v): v is Value => !(v instanceof SecretKey));
    return [
      ...(this.command ?? []),
      ...this.args,
      ...envValues(this.env.values()),
      ...this.sidecars.flatMap((s) => [...(s.command ?? []), ...(s.args ?? []), ...envValues(Object.values(s.env ?? {}))]),
    ];
  }
}

function renderEnv(env: ReadonlyMap<string, EnvValue>, r: ITemplateRenderer): IIoK8sApiCoreV1EnvVar[] {
  return [...env].map(([name, value]) => value instanceof SecretKey
    ? { name, valueFrom: { secretKeyRef: { name: value.secretName, key: value.key, ...(value.optional && { optional: true }) } } }
    : { name, value: r.value(value) });
}
