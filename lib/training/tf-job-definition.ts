import type { Toleration as IIoK8sApiCoreV1Toleration } from 'kubernetes-types/core/v1';
import type { Volume as IIoK8sApiCoreV1Volume } from 'kubernetes-types/core/v1';
import type { VolumeMount as IIoK8sApiCoreV1VolumeMount } from 'kubernetes-types/core/v1';
import { Duration } from 'cdk8s';
import * as k from '../../imports/kubeflow.org';
import { ContainerResources, renderResourceRequirements } from '../dsl/container-resources';
import { checkEnvName, PodVolumes } from '../dsl/pod-volumes';
import type { EnvValue } from '../dsl/container-step';
import { ParameterType } from '../dsl/parameter';
import { isReferenceable } from '../dsl/reference';
import { SecretKey } from '../dsl/secret-key';
import type { ITemplateRenderer } from '../dsl/template-renderer';
import { Concat, Value } from '../dsl/value';
import { UserError } from '../user-error';
import { CleanPodPolicy, RestartPolicy, SuccessPolicy, TfCoordinator } from './tf-job-policies';

/** The container name the Training Operator configures: it sets `TF_CONFIG` and the TF ports on `tensorflow`. */
export const TF_JOB_CONTAINER = 'tensorflow';

/** Replica types of a TFJob, as the keys of `tfReplicaSpecs`. */
export enum TfReplicaType {
  CHIEF = 'Chief',
  MASTER = 'Master',
  WORKER = 'Worker',
  PS = 'PS',
  EVALUATOR = 'Evaluator',
}

/**
 * What a TFJob runs and how: shared by the standalone {@link TfJob} construct and the pipeline's {@link TfJobStep}.
 *
 * Every job has one coordinator, a Chief or a Master (see {@link TfCoordinator}), which decides success; `workers`
 * and `pss` add workers and parameter servers. With both 0 the job is single-node: the coordinator alone, and the
 * operator sets no `TF_CONFIG`.
 *
 * @see https://www.kubeflow.org/docs/components/training/user-guides/tensorflow/
 */
export interface TfJobOptions {
  /** The training image; pin it by tag or digest where the publisher offers one (`kfops validate` warns otherwise). */
  readonly image: string;
  /** Entrypoint of the training container. @default - the image's */
  readonly command?: readonly Value[];
  /** Arguments of the training container. @default - none */
  readonly args?: readonly Value[];
  /** Environment variables of every replica, in order. @default - none */
  readonly env?: Readonly<Record<string, EnvValue>>;
  /**
   * The replica type that coordinates the job and decides its outcome. @default TfCoordinator.CHIEF
   * @see TfCoordinator for which one a trainer needs
   */
  readonly coordinator?: TfCoordinator;
  /** Workers besides the coordinator: a whole number >= 0, or an INTEGER parameter. @default 0 */
  readonly workers?: Value;
  /** Parameter servers: a whole number >= 0, or an INTEGER parameter. @default 0 */
  readonly pss?: Value;
  /** Add one evaluator replica, which evaluates checkpoints while the others train. @default false */
  readonly evaluator?: boolean;
  /** CPU, memory and GPUs of the coordinator, each worker and the evaluator. @default - none (the namespace's defaults) */
  readonly resources?: ContainerResources;
  /** CPU and memory of each parameter server (they need no GPU). @default - none (the namespace's defaults) */
  readonly psResources?: ContainerResources;
  /** Volumes of every replica's pod. @default - none */
  readonly volumes?: readonly IIoK8sApiCoreV1Volume[];
  /** Where the training container mounts volumes. @default - none */
  readonly volumeMounts?: readonly IIoK8sApiCoreV1VolumeMount[];
  /** Service account of the pods. @default - the namespace's default */
  readonly serviceAccountName?: string;
  /** Node labels every replica's pod must match, e.g. a GPU node pool. @default - any node */
  readonly nodeSelector?: Readonly<Record<string, string>>;
  /** Taints every replica's pod tolerates, e.g. `nvidia.com/gpu`. @default - none */
  readonly tolerations?: readonly IIoK8sApiCoreV1Toleration[];
  /**
   * When the operator restarts the coordinator's pod. With NEVER a failed coordinator fails the job at once, which
   * is what lets a {@link TfJobStep} see the failure. @default RestartPolicy.NEVER (upstream's default)
   */
  readonly restartPolicy?: RestartPolicy;
  /**
   * When the operator restarts the pods of workers, parameter servers and the evaluator. ON_FAILURE (the seed's) restarts
   * a crashed or evicted pod in place, and TensorFlow's sessions recover from the last checkpoint, so their
   * failures never fail the job; only the coordinator's do. @default RestartPolicy.ON_FAILURE
   */
  readonly workerRestartPolicy?: RestartPolicy;
  /**
   * Which pods are deleted when the job finishes. The default stops parameter servers, which never exit on their
   * own, and keeps finished pods for their logs. @default CleanPodPolicy.RUNNING
   */
  readonly cleanPodPolicy?: CleanPodPolicy;
  /** Delete the finished job (and its pods) this long after it ends. @default - kept until deleted */
  readonly ttlAfterFinished?: Duration;
  /** Stop the job when it runs longer than this. @default - no limit */
  readonly activeDeadline?: Duration;
  /** Retries before the job is marked failed. @default - the operator's default */
  readonly backoffLimit?: number;
  /** When the job counts as succeeded. @default SuccessPolicy.DEFAULT (the coordinator succeeded) */
  readonly successPolicy?: SuccessPolicy;
}

/** Names and labels of a rendered TFJob: a fixed `name`, or a `generateName` prefix the API server completes. */
export interface TfJobMetadata {
  /** The TFJob's name. @default - none; then `generateName` */
  readonly name?: string;
  /** Prefix of a name the API server makes unique. @default - none; then `name` */
  readonly generateName?: string;
  /** Labels of the TFJob. @default - none */
  readonly labels?: Readonly<Record<string, string>>;
  /** Labels of every replica's pod. @default - none */
  readonly podLabels?: Readonly<Record<string, string>>;
}

/** Turns a replica count (a literal or a reference) into the number written into the TFJob. */
export type ReplicaRenderer = (count: Value, field: string) => number;

type ReplicaSpec = k.TfJobSpecTfReplicaSpecsChief;
type Container = k.TfJobSpecTfReplicaSpecsChiefTemplateSpecContainers;
type Volume = k.TfJobSpecTfReplicaSpecsChiefTemplateSpecVolumes;
const VOLUME_SOURCES = ['secret', 'configMap', 'emptyDir', 'hostPath', 'persistentVolumeClaim'];

/**
 * A validated TFJob definition that renders to the generated `kubeflow.org/v1` TFJob props. Values are rendered
 * by the caller's renderer: literally for a standalone job, to Argo template inputs inside a pipeline step.
 */
export class TfJobDefinition {
  public readonly image: string;
  public readonly coordinator: TfCoordinator;
  public readonly command?: readonly Value[];
  public readonly args: readonly Value[];
  public readonly workers: Value;
  public readonly pss: Value;
  public readonly evaluator: boolean;
  public readonly resources?: ContainerResources;
  public readonly psResources?: ContainerResources;
  public readonly serviceAccountName?: string;
  public readonly nodeSelector?: Readonly<Record<string, string>>;
  public readonly tolerations?: readonly IIoK8sApiCoreV1Toleration[];
  public readonly restartPolicy: RestartPolicy;
  public readonly workerRestartPolicy: RestartPolicy;
  public readonly cleanPodPolicy: CleanPodPolicy;
  public readonly ttlAfterFinished?: Duration;
  public readonly activeDeadline?: Duration;
  public readonly backoffLimit?: number;
  public readonly successPolicy: SuccessPolicy;
  private readonly env = new Map<string, EnvValue>();
  private readonly pod: PodVolumes;

  /** @param path the owning construct's path, which prefixes every error */
  constructor(private readonly path: string, options: TfJobOptions) {
    this.pod = new PodVolumes(path);
    if (!options.image || /\s/.test(options.image)) {
      throw this.error(`'image' must be an image reference like 'repo/name:tag', got ${JSON.stringify(options.image)}`);
    }
    this.image = options.image;
    this.coordinator = options.coordinator ?? TfCoordinator.CHIEF;
    if (!Object.values(TfCoordinator).includes(this.coordinator)) {
      throw this.error(`coordinator must be one of ${Object.values(TfCoordinator).join(', ')}, got ${JSON.stringify(this.coordinator)}`);
    }
    this.command = options.command;
    this.args = options.args ?? [];
    this.workers = this.checkCount('workers', options.workers ?? 0, 'set workers to 0 for single-node training');
    this.pss = this.checkCount('pss', options.pss ?? 0, 'set pss to 0 for training without parameter servers');
    this.evaluator = options.evaluator ?? false;
    this.resources = options.resources;
    this.psResources = options.psResources;
    this.serviceAccountName = options.serviceAccountName;
    this.nodeSelector = options.nodeSelector;
    this.tolerations = options.tolerations;
    this.restartPolicy = options.restartPolicy ?? RestartPolicy.NEVER;
    this.workerRestartPolicy = options.workerRestartPolicy ?? RestartPolicy.ON_FAILURE;
    this.cleanPodPolicy = options.cleanPodPolicy ?? CleanPodPolicy.RUNNING;
    this.ttlAfterFinished = options.ttlAfterFinished;
    this.activeDeadline = options.activeDeadline;
    this.backoffLimit = options.backoffLimit;
    this.successPolicy = options.successPolicy ?? SuccessPolicy.DEFAULT;
    if (this.backoffLimit !== undefined && (!Number.isInteger(this.backoffLimit) || this.backoffLimit < 0)) {
      throw this.error(`backoffLimit must be a whole number >= 0, got ${this.backoffLimit}`);
    }
    if (this.activeDeadline && this.activeDeadline.toSeconds() < 1) {
      throw this.error('activeDeadline must be at least 1 second; omit it for no limit');
    }
    for (const [field, res] of [['resources', options.resources], ['psResources', options.psResources]] as const) {
      if (res?.gpu !== undefined && (!Number.isInteger(res.gpu.count) || res.gpu.count < 1)) {
        throw this.error(`${field}.gpu.count must be a whole number >= 1, got ${res.gpu.count} (omit gpu for CPU-only training)`);
      }
    }
    for (const [name, value] of Object.entries(options.env ?? {})) this.addEnv(name, value);
    for (const volume of options.volumes ?? []) this.addVolume(volume);
    for (const mount of options.volumeMounts ?? []) this.addVolumeMount(mount);
  }


  /** The coordinator's replica type: the key of its entry in `tfReplicaSpecs` and `status.replicaStatuses`. */
  get coordinatorType(): TfReplicaType {
    return this.coordinator === TfCoordinator.MASTER ? TfReplicaType.MASTER : TfReplicaType.CHIEF;
  }

  /** The replica types the rendered job has, in the order they are written. */
  get replicaTypes(): TfReplicaType[] {
    return [
      this.coordinatorType,
      ...(this.workers !== 0 ? [TfReplicaType.WORKER] : []),
      ...(this.pss !== 0 ? [TfReplicaType.PS] : []),
      ...(this.evaluator ? [TfReplicaType.EVALUATOR] : []),
    ];
  }

  /** Sets an environment variable of every replica; a later value for the same name replaces the earlier. */
  addEnv(name: string, value: EnvValue): void {
    checkEnvName(name, this.path);
    this.env.set(name, value);
  }

  /** Adds a volume to every replica's pod; a volume of the same name must be identical. */
  addVolume(volume: IIoK8sApiCoreV1Volume): void {
    const unsupported = Object.keys(volume).filter((key) => key !== 'name' && !VOLUME_SOURCES.includes(key));
    if (unsupported.length > 0) {
      throw this.error(`volume '${volume.name}' uses ${unsupported.join(', ')}; TFJob pods take ${VOLUME_SOURCES.join(', ')} volumes `
        + '(mount other storage through a PersistentVolumeClaim)');
    }
    this.pod.addVolume(volume);
  }

  /** Mounts a volume into the training container. */
  addVolumeMount(mount: IIoK8sApiCoreV1VolumeMount): void {
    this.pod.addMount(mount);
  }

  /** Every value the job is built from, so a step can check and wire its references. */
  values(): Value[] {
    return [
      ...(this.command ?? []),
      ...this.args,
      ...[...this.env.values()].filter((v): v is Value => !(v instanceof SecretKey)),
      this.workers,
      this.pss,
    ];
  }

  /** Renders the job as props of the generated TFJob class. */
  render(r: ITemplateRenderer, replicas: ReplicaRenderer, metadata: TfJobMetadata): k.TfJobProps {
    this.pod.checkMounts();
    const replica = (count: number, resources: ContainerResources | undefined, restartPolicy = this.workerRestartPolicy): ReplicaSpec => ({
      replicas: count,
      restartPolicy: restartPolicy as string as k.TfJobSpecTfReplicaSpecsChiefRestartPolicy,
      template: {
        ...(metadata.podLabels && { metadata: { labels: { ...metadata.podLabels } } }),
        spec: {
          containers: [this.container(r, resources)],
          ...(this.pod.volumes.length > 0 && { volumes: this.pod.volumes.map(toVolume) }),
          ...(this.serviceAccountName && { serviceAccountName: this.serviceAccountName }),
          ...(this.nodeSelector && { nodeSelector: { ...this.nodeSelector } }),
          ...(this.tolerations && { tolerations: this.tolerations.map((t) => ({ ...t })) }),
        },
      },
    });
    const tfReplicaSpecs = {
      [this.coordinator === TfCoordinator.MASTER ? 'master' : 'chief']: replica(1, this.resources, this.restartPolicy),
      ...(this.workers !== 0 && { worker: replica(replicas(this.workers, 'workers'), this.resources) }),
      ...(this.pss !== 0 && { ps: replica(replicas(this.pss, 'pss'), this.psResources) }),
      ...(this.evaluator && { evaluator: replica(1, this.resources) }),
    };
    return {
      metadata: {
        ...(metadata.name !== undefined && { name: metadata.name }),
        ...(metadata.generateName !== undefined && { generateName: metadata.generateName }),
        ...(metadata.labels && { labels: { ...metadata.labels } }),
      },
      spec: {
        runPolicy: {
          cleanPodPolicy: this.cleanPodPolicy as string as k.TfJobSpecRunPolicyCleanPodPolicy,
          ...(this.ttlAfterFinished && { ttlSecondsAfterFinished: this.ttlAfterFinished.toSeconds() }),
          ...(this.activeDeadline && { activeDeadlineSeconds: this.activeDeadline.toSeconds() }),
          ...(this.backoffLimit !== undefined && { backoffLimit: this.backoffLimit }),
        },
        ...(this.successPolicy !== SuccessPolicy.DEFAULT && { successPolicy: this.successPolicy as string as k.TfJobSpecSuccessPolicy }),
        // The generated classes give each replica type its own (identical) nominal types; the JSON is the same.
        tfReplicaSpecs: tfReplicaSpecs as unknown as k.TfJobSpecTfReplicaSpecs,
      },
    };
  }

  private container(r: ITemplateRenderer, resources: ContainerResources | undefined): Container {
    const requirements = resources && renderResourceRequirements(resources);
    const quantities = <T>(map: Record<string, string> | undefined, of: (q: string) => T) =>
      map && Object.fromEntries(Object.entries(map).map(([name, q]) => [name, of(q)]));
    return {
      name: TF_JOB_CONTAINER,
      image: this.image,
      ...(this.command && { command: this.command.map((v) => r.value(v)) }),
      ...(this.args.length > 0 && { args: this.args.map((v) => r.value(v)) }),
      ...(this.env.size > 0 && {
        env: [...this.env].map(([name, value]) => value instanceof SecretKey
          ? { name, valueFrom: { secretKeyRef: { name: value.secretName, key: value.key, ...(value.optional && { optional: true }) } } }
          : { name, value: r.value(value) }),
      }),
      ...(requirements && (requirements.limits || requirements.requests) && {
        resources: {
          limits: quantities(requirements.limits, k.TfJobSpecTfReplicaSpecsChiefTemplateSpecContainersResourcesLimits.fromString),
          requests: quantities(requirements.requests, k.TfJobSpecTfReplicaSpecsChiefTemplateSpecContainersResourcesRequests.fromString),
        },
      }),
      ...(this.pod.mounts.length > 0 && { volumeMounts: this.pod.mounts.map((m) => ({ ...m })) }),
    };
  }

  private checkCount(field: string, value: Value, fix: string): Value {
    if (typeof value === 'number') {
      if (!Number.isInteger(value)) throw this.error(`${field} must be a whole number, got ${value}`);
      if (value < 0) throw this.error(`${field} must be >= 0, got ${value} (${fix})`);
      if (value > 1000) throw this.error(`${field} must be <= 1000, got ${value}`);
      return value;
    }
    if (isReferenceable(value)) {
      const ref = value.reference;
      if (ref.kind === 'parameter' && ref.parameter.type !== ParameterType.INTEGER) {
        throw this.error(`${field} takes a number or an INTEGER parameter, got parameter '${ref.parameter.name}' of type ${ref.parameter.type} `
          + `(declare it with type: ParameterType.INTEGER)`);
      }
      return value;
    }
    const shown = value instanceof Concat ? 'a string built with fmt' : JSON.stringify(value);
    throw this.error(`${field} takes a number or an INTEGER parameter, got ${shown}`);
  }

  private error(message: string): UserError {
    return new UserError(`[${this.path}] ${message}`);
  }
}

function toVolume(volume: IIoK8sApiCoreV1Volume): Volume {
  const { name, secret, configMap, emptyDir, hostPath, persistentVolumeClaim } = volume;
  return {
    name,
    ...(secret && { secret: { ...secret, items: secret.items?.map((i) => ({ ...i })) } }),
    ...(configMap && { configMap: { ...configMap, items: configMap.items?.map((i) => ({ ...i })) } }),
    ...(emptyDir && {
      emptyDir: {
        medium: emptyDir.medium,
        ...(emptyDir.sizeLimit !== undefined && {
          sizeLimit: k.TfJobSpecTfReplicaSpecsChiefTemplateSpecVolumesEmptyDirSizeLimit.fromString(String(emptyDir.sizeLimit)),
        }),
      },
    }),
    ...(hostPath && { hostPath: { ...hostPath } }),
    ...(persistentVolumeClaim && { persistentVolumeClaim: { ...persistentVolumeClaim } }),
  };
}
