import type { Volume as IIoK8sApiCoreV1Volume } from 'kubernetes-types/core/v1';
import { Duration } from 'cdk8s';
import * as k from '../../imports/kubeflow.org';
import { checkImage } from '../dsl/container-body';
import { checkResources, ContainerResources, renderResourceRequirements } from '../dsl/container-resources';
import { EnvVarSource } from '../dsl/env-var-source';
import { ParameterType } from '../dsl/parameter';
import { PodBuilder, PodOptions } from '../dsl/pod-builder';
import { isReferenceable } from '../dsl/reference';
import { ITemplateRenderer, renderValued } from '../dsl/template-renderer';
import { Concat, Value } from '../dsl/value';
import { isUserError, UserError } from '../user-error';
import { CleanPodPolicy, RestartPolicy, TfCoordinator } from './tf-job-policies';
import { tfJobVolumeProblem, toTfJobVolume } from './tf-job-volume';

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
export interface TfJobOptions extends TfJobPodOptions {
  /** The training image; pin it by tag or digest where the publisher offers one (`kfops validate` warns otherwise). */
  readonly image: string;
  /** Entrypoint of the training container. @default - the image's */
  readonly command?: readonly Value[];
  /** Arguments of the training container. @default - none */
  readonly args?: readonly Value[];
  /**
   * The replica type that coordinates the job and decides its outcome. @default TfCoordinator.CHIEF
   * @see TfCoordinator for which one a trainer needs
   */
  readonly coordinator?: TfCoordinator;
  /** Workers besides the coordinator: a whole number >= 0, or an INTEGER parameter. @default 0 */
  readonly workers?: Value;
  /** Parameter servers: a whole number >= 0, or an INTEGER parameter. @default 0 */
  readonly pss?: Value;
  /**
   * Add one Evaluator replica, which evaluates checkpoints while the others train. The Training Operator ends the
   * job when the coordinator exits and then stops the evaluator, so its evaluations are metrics during training,
   * never the final evaluation or export; hence it is refused with CHIEF (see {@link TfCoordinator}). @default false
   */
  readonly evaluator?: boolean;
  /** CPU and memory of each parameter server (they need no GPU). @default - none (the namespace's defaults) */
  readonly psResources?: ContainerResources;
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
}

/**
 * What every replica's pod takes from the pod builder: `env`, `envFrom`, `resources` (of the coordinator, each worker
 * and the evaluator), `volumes` (secret, configMap, emptyDir, hostPath, persistentVolumeClaim), `volumeMounts`,
 * `serviceAccountName`, `nodeSelector` (e.g. a GPU node pool), `tolerations`, `priorityClassName`, `schedulerName`:
 * what kfops writes into a replica's pod (pod options that set anything else are an error, never dropped).
 */
export type TfJobPodOptions = Pick<PodOptions, 'env' | 'envFrom' | 'resources' | 'volumes' | 'volumeMounts' | 'serviceAccountName' | 'nodeSelector'
  | 'tolerations' | 'priorityClassName' | 'schedulerName'>;

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

type ReplicaSpec = k.TfJobSpecTfReplicaSpecs;
type Container = k.TfJobSpecTfReplicaSpecsTemplateSpecContainers;
/** Renders every reference as a string: a volume's shape, checked before the values are known. */
const SHAPE_RENDERER: ITemplateRenderer = { value: (v) => (typeof v === 'string' ? v : 'value') };

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
  public readonly psResources?: ContainerResources;
  /** Every replica's pod: environment, volumes, resources, placement. */
  public readonly pod: PodBuilder;
  public readonly restartPolicy: RestartPolicy;
  public readonly workerRestartPolicy: RestartPolicy;
  public readonly cleanPodPolicy: CleanPodPolicy;
  public readonly ttlAfterFinished?: Duration;
  public readonly activeDeadline?: Duration;
  public readonly backoffLimit?: number;

  /** @param path the owning construct's path, which prefixes every error */
  constructor(private readonly path: string, options: TfJobOptions) {
    checkImage(options.image, path);
    this.pod = new PodBuilder(path, options);
    this.checkPod();
    this.image = options.image;
    this.coordinator = options.coordinator ?? TfCoordinator.CHIEF;
    this.command = options.command;
    this.args = options.args ?? [];
    this.workers = this.checkCount('workers', options.workers ?? 0, 'set workers to 0 for single-node training');
    this.pss = this.checkCount('pss', options.pss ?? 0, 'set pss to 0 for training without parameter servers');
    this.evaluator = options.evaluator ?? false;
    if (this.evaluator && this.coordinator === TfCoordinator.CHIEF) {
      // tfjob_controller.go UpdateJobStatus: with a Chief only the Chief decides; job.go then deletes running pods
      // (cleanPodPolicy Running, All) or leaves them untracked (None), and counts them as succeeded either way.
      throw this.error('evaluator: true with coordinator CHIEF: the Training Operator ends the job as soon as the Chief exits and then '
        + 'stops the still-running Evaluator (with cleanPodPolicy None it stops tracking it, and reports it succeeded either way), '
        + 'so nothing waits for its last evaluation or its export; use coordinator: TfCoordinator.MASTER, which evaluates and '
        + 'exports itself (tf.estimator), or evaluate in the chief (tf.distribute, Keras validation_data)');
    }
    this.psResources = options.psResources && checkResources(options.psResources, path, 'psResources');
    this.restartPolicy = options.restartPolicy ?? RestartPolicy.NEVER;
    this.workerRestartPolicy = options.workerRestartPolicy ?? RestartPolicy.ON_FAILURE;
    this.cleanPodPolicy = options.cleanPodPolicy ?? CleanPodPolicy.RUNNING;
    this.ttlAfterFinished = options.ttlAfterFinished;
    this.activeDeadline = options.activeDeadline;
    this.backoffLimit = options.backoffLimit;
    if (this.backoffLimit !== undefined && (!Number.isInteger(this.backoffLimit) || this.backoffLimit < 0)) {
      throw this.error(`backoffLimit must be a whole number >= 0, got ${this.backoffLimit}`);
    }
    if (this.activeDeadline && this.activeDeadline.toSeconds() < 1) {
      throw this.error('activeDeadline must be at least 1 second; omit it for no limit');
    }
  }


  /** The coordinator's replica type: the key of its entry in `tfReplicaSpecs` and `status.replicaStatuses`. */
  get coordinatorType(): TfReplicaType {
    return this.coordinator === TfCoordinator.MASTER ? TfReplicaType.MASTER : TfReplicaType.CHIEF;
  }

  /** The replica types the rendered job has, in the order they are written. */
  get replicaTypes(): TfReplicaType[] {
    return [
      this.coordinatorType,
      ...(this.pss !== 0 ? [TfReplicaType.PS] : []),
      ...(this.workers !== 0 ? [TfReplicaType.WORKER] : []),
      ...(this.evaluator ? [TfReplicaType.EVALUATOR] : []),
    ];
  }

  /** Every value the job is built from, so a step can check and wire its references. */
  values(): Value[] {
    return [...(this.command ?? []), ...this.args, ...this.pod.values(), this.workers, this.pss];
  }

  /**
   * What is wrong with the replicas' pod as it is now, options applied after construction (`apply(...)`)
   * included: for `node.addValidation`, so it is reported before synth serializes the job.
   */
  problems(): string[] {
    // cdk8s puts the construct's path before each message itself.
    const own = `[${this.path}] `;
    const unprefixed = (message: string) => (message.startsWith(own) ? message.slice(own.length) : message);
    const mount = this.pod.mountProblem();
    if (mount) return [unprefixed(mount)];
    try {
      this.checkPod();
      return [];
    } catch (err) {
      if (isUserError(err)) return [unprefixed(err.message)];
      throw err;
    }
  }

  /** Renders the job as props of the generated TFJob class. */
  render(r: ITemplateRenderer, replicas: ReplicaRenderer, metadata: TfJobMetadata): k.TfJobProps {
    const problem = this.pod.mountProblem();
    if (problem) throw new UserError(problem);
    this.checkPod();
    const pod = this.pod.renderPod(r);
    const resources = this.pod.resources;
    const replica = (count: number, res: ContainerResources | undefined, restartPolicy = this.workerRestartPolicy): ReplicaSpec => ({
      replicas: count,
      restartPolicy,
      template: {
        ...(metadata.podLabels && { metadata: { labels: { ...metadata.podLabels } } }),
        spec: {
          containers: [this.container(r, res)],
          ...(pod.volumes && { volumes: pod.volumes.map(toTfJobVolume) }),
          ...(pod.serviceAccountName && { serviceAccountName: pod.serviceAccountName }),
          ...(pod.nodeSelector && { nodeSelector: pod.nodeSelector }),
          ...(pod.tolerations && { tolerations: pod.tolerations }),
          ...(pod.priorityClassName !== undefined && { priorityClassName: pod.priorityClassName }),
          ...(pod.schedulerName !== undefined && { schedulerName: pod.schedulerName }),
        },
      },
    });
    // Rendered coordinator, workers, PS (the order of a step's inputs); written in replicaTypes' order.
    const coordinator = replica(1, resources, this.restartPolicy);
    const workers = this.workers !== 0 ? replica(replicas(this.workers, 'workers'), resources) : undefined;
    const pss = this.pss !== 0 ? replica(replicas(this.pss, 'pss'), this.psResources) : undefined;
    const tfReplicaSpecs: Record<string, ReplicaSpec> = {
      [this.coordinatorType]: coordinator,
      ...(pss && { [TfReplicaType.PS]: pss }),
      ...(workers && { [TfReplicaType.WORKER]: workers }),
      ...(this.evaluator && { [TfReplicaType.EVALUATOR]: replica(1, resources) }),
    };
    return {
      metadata: {
        ...(metadata.name !== undefined && { name: metadata.name }),
        ...(metadata.generateName !== undefined && { generateName: metadata.generateName }),
        ...(metadata.labels && { labels: { ...metadata.labels } }),
      },
      spec: {
        runPolicy: {
          cleanPodPolicy: this.cleanPodPolicy,
          ...(this.ttlAfterFinished && { ttlSecondsAfterFinished: this.ttlAfterFinished.toSeconds() }),
          ...(this.activeDeadline && { activeDeadlineSeconds: this.activeDeadline.toSeconds() }),
          ...(this.backoffLimit !== undefined && { backoffLimit: this.backoffLimit }),
        },
        tfReplicaSpecs,
      },
    };
  }

  private container(r: ITemplateRenderer, resources: ContainerResources | undefined): Container {
    const requirements = resources && renderResourceRequirements(resources);
    const quantities = <T>(map: Record<string, string> | undefined, of: (q: string) => T) =>
      map && Object.fromEntries(Object.entries(map).map(([name, q]) => [name, of(q)]));
    const { env, envFrom, volumeMounts } = this.pod.renderContainerParts(r);
    return {
      name: TF_JOB_CONTAINER,
      image: this.image,
      ...(this.command && { command: this.command.map((v) => r.value(v)) }),
      ...(this.args.length > 0 && { args: this.args.map((v) => r.value(v)) }),
      ...(env && { env: env as k.TfJobSpecTfReplicaSpecsTemplateSpecContainersEnv[] }),
      ...(envFrom && { envFrom }),
      ...(requirements && (requirements.limits || requirements.requests) && {
        resources: {
          limits: quantities(requirements.limits, k.TfJobSpecTfReplicaSpecsTemplateSpecContainersResourcesLimits.fromString),
          requests: quantities(requirements.requests, k.TfJobSpecTfReplicaSpecsTemplateSpecContainersResourcesRequests.fromString),
        },
      }),
      ...(volumeMounts && { volumeMounts }),
    };
  }

  // A replica's pod is rendered with the fields of TfJobPodOptions only: what pod options set beyond
  // them would be dropped, so it is an error. The generated classes rename some Kubernetes fields (`downwardAPI` is
  // `downwardApi`) and wrap quantities, so other parts of a PodSpec cannot simply be passed through.
  private checkPod(): void {
    const p = this.pod;
    if (p.sidecars.length > 0) {
      throw this.error('TFJob replica pods take no sidecars: the operator counts a replica done when its pod has completed, and a '
        + 'sidecar that keeps running keeps it from completing; run the helper as a step of its own');
    }
    const extra = [
      ...(p.initContainers.length > 0 ? ['init containers'] : []),
      ...(p.affinity ? ['affinity'] : []), ...(p.securityContext ? ['securityContext'] : []),
      ...(p.containerSecurityContext ? ['containerSecurityContext'] : []), ...(p.hostAliases ? ['hostAliases'] : []),
      ...(p.automountServiceAccountToken !== undefined ? ['automountServiceAccountToken'] : []),
    ];
    if (extra.length > 0) {
      throw this.error(`kfops does not write ${extra.join(', ')} into TFJob replica pods (it writes env, envFrom, resources, volumes, `
        + 'volumeMounts, serviceAccountName, nodeSelector, tolerations, priorityClassName, schedulerName); leave them out');
    }
    for (const volume of p.volumes) {
      const field = tfJobVolumeProblem(renderValued<IIoK8sApiCoreV1Volume>(SHAPE_RENDERER, volume));
      if (field !== undefined) {
        throw this.error(`volume '${String(volume.name)}': ${field} is not a field of a pod volume in the Training Operator's TFJob CRD, `
          + 'so the operator would never see it; remove it, or mount the storage through a PersistentVolumeClaim');
      }
    }
    // A resource field's divisor is a quantity, a typed value kfops does not write; the other sources fit.
    const source = [...p.env].find(([, v]) => v instanceof EnvVarSource && 'resourceFieldRef' in v.source);
    if (source) throw this.error(`env ${source[0]} reads a resourceFieldRef, which kfops does not write into TFJob pods; read it in the trainer`);
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
