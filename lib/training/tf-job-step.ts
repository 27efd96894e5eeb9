import type { IIoK8sApiCoreV1Volume } from 'kubernetes-models/v1/Volume';
import type { IIoK8sApiCoreV1VolumeMount } from 'kubernetes-models/v1/VolumeMount';
import { Construct } from 'constructs';
import { stringify } from 'yaml';
import * as k from '../../imports/kubeflow.org';
import type { EnvValue } from '../dsl/container-step';
import { Step, StepProps, TemplateBody } from '../dsl/step';
import type { ITemplateRenderer } from '../dsl/template-renderer';
import { fmt, Value } from '../dsl/value';
import { WorkflowVariables } from '../dsl/workflow-variables';
import { ReplicaRenderer, TfJobDefinition, TfJobOptions, TfReplicaType } from './tf-job-definition';
import { SuccessPolicy } from './tf-job-policies';

/** Props of {@link TfJobStep}. */
export interface TfJobStepProps extends StepProps, TfJobOptions {}

/** Output of a {@link TfJobStep}: the name of the TFJob it created. */
export const TF_JOB_NAME_OUTPUT = 'job-name';

// Placeholders for replica counts that come from references: written as numbers (so the generated classes take
// them), then replaced by the unquoted Argo expression, which Argo substitutes before kubectl parses the manifest,
// so the count reaches the API server as an integer (Argo's linter accepts unquoted expressions in manifests).
// No real job asks for 10^15 replicas.
const SENTINEL_BASE = -(10 ** 15);

/**
 * A pipeline step that trains with a Kubeflow TFJob: an Argo `resource` template that creates the job
 * (`action: create`, `setOwnerReference: true`) and waits for it. The job's name is generated from
 * `<run name>-<step name>-`, so loop iterations, retries and runs never collide; it is owned by the run, so deleting the run deletes the job and its pods, and the
 * operator's `cleanPodPolicy` stops parameter servers as soon as the chief is done.
 *
 * The step succeeds when the chief succeeded (`status.replicaStatuses.Chief.succeeded > 0`) and fails when any
 * replica type reports a failed pod (`status.replicaStatuses.<type>.failed > 0`). With a restart policy other than
 * Never/ExitCode, failing pods restart in place and never count as failed: set `timeout` on the step then.
 *
 * Replica counts, arguments and env may be pipeline parameters; counts are written unquoted so Argo's substitution
 * leaves a YAML integer. Declares the output `job-name`.
 *
 * @example
 * new TfJobStep(pipeline, 'train', {
 *   image: 'gcr.io/google-samples/ml-pipeline-kubeflow-tf-taxi',
 *   args: ['--train-steps', trainSteps, '--job-dir', runDir(workingDir, 'tf')],
 *   workers, pss,
 * }).apply(useGcpSecret());
 * @see https://argo-workflows.readthedocs.io/en/latest/walk-through/kubernetes-resources/
 * @see https://github.com/argoproj/argo-workflows/blob/main/examples/k8s-resource-log-selector.yaml
 */
export class TfJobStep extends Step {
  /** The validated TFJob definition the manifest is rendered from. */
  public readonly definition: TfJobDefinition;

  constructor(scope: Construct, id: string, props: TfJobStepProps) {
    super(scope, id, props);
    this.definition = new TfJobDefinition(this.node.path, props);
    this.declareOutput(TF_JOB_NAME_OUTPUT, { jsonPath: '{.metadata.name}' });
  }

  /** Sets an environment variable of every replica. */
  addEnv(name: string, value: EnvValue): this {
    this.definition.addEnv(name, value);
    return this;
  }

  /** Adds a volume to every replica's pod. */
  addVolume(volume: IIoK8sApiCoreV1Volume): this {
    this.definition.addVolume(volume);
    return this;
  }

  /** Mounts a volume into the training container. */
  addVolumeMount(mount: IIoK8sApiCoreV1VolumeMount): this {
    this.definition.addVolumeMount(mount);
    return this;
  }

  /** Applies a reusable option (e.g. `useGcpSecret()`) to the job. */
  apply(option: (step: this) => void): this {
    option(this);
    return this;
  }

  renderBody(r: ITemplateRenderer): TemplateBody {
    const placeholders = new Map<number, string>();
    const replicas: ReplicaRenderer = (count) => {
      if (typeof count === 'number') return count;
      const sentinel = SENTINEL_BASE - placeholders.size;
      placeholders.set(sentinel, r.value(count));
      return sentinel;
    };
    const props = this.definition.render(r, replicas, {
      // generateName: every loop iteration and retry of the step creates its own job, and runs that share a name
      // (the on-sync hook) never collide; the `job-name` output reports the name the API server chose.
      generateName: r.value(fmt`${WorkflowVariables.name}-${this.name}-`),
      labels: { 'kfops.dev/pipeline': this.pipeline.name, 'kfops.dev/step': this.name },
      // Argo finds the pods of resources it created by this label, so `argo logs` shows the training logs.
      podLabels: { 'workflows.argoproj.io/workflow': r.value(WorkflowVariables.name) },
    });
    let manifest = stringify(k.TfJob.manifest(props), { lineWidth: 0, version: '1.1' });
    for (const [sentinel, expression] of placeholders) {
      manifest = manifest.replace(new RegExp(`^(\\s*replicas: )${sentinel}$`, 'm'), `$1${expression}`);
    }
    return {
      resource: {
        action: 'create',
        setOwnerReference: true,
        successCondition: this.successCondition(r),
        failureCondition: this.failureCondition(),
        manifest,
      },
    };
  }

  /** Argo's success condition: every requirement must hold (comma = and). */
  private successCondition(r: ITemplateRenderer): string {
    const requirements = ['status.replicaStatuses.Chief.succeeded > 0'];
    const d = this.definition;
    if (d.successPolicy === SuccessPolicy.ALL_WORKERS && d.workers !== 0) {
      requirements.push(`status.replicaStatuses.Worker.succeeded = ${r.value(d.workers)}`);
    }
    return requirements.join(',');
  }

  /**
   * Argo's failure condition. Argo checks each requirement of a failure condition on its own and fails the step on
   * the first that holds, so listing one per replica type means "any replica type has a failed pod".
   * @see https://github.com/argoproj/argo-workflows/issues/11217
   */
  private failureCondition(): string {
    return this.definition.replicaTypes.map((t: TfReplicaType) => `status.replicaStatuses.${t}.failed > 0`).join(',');
  }

  protected values(): Value[] {
    return this.definition.values();
  }
}
