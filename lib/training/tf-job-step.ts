import { Construct } from 'constructs';
import { stringify } from 'yaml';
import * as k from '../../imports/kubeflow.org';
import { IPodOwner, PodBuilder, PodOption } from '../dsl/pod-builder';
import { Step, STEP_PROPS_GUARDS, StepProps } from '../dsl/step';
import type { TemplateBody } from '../dsl/template';
import type { ITemplateRenderer } from '../dsl/template-renderer';
import { fmt, Value } from '../dsl/value';
import { WorkflowVariables } from '../dsl/workflow-variables';
import { PropsGuard } from '../guards';
import { UserError } from '../user-error';
import { ReplicaRenderer, TfJobDefinition, TfJobOptions } from './tf-job-definition';
import { TF_JOB_OPTIONS_GUARDS } from './tf-job-guards';
import { RestartPolicy } from './tf-job-policies';

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
 * `<run name>-<step name>-`, so loop iterations, retries and runs never collide; it is owned by the run, so deleting
 * the run deletes the job and its pods, and the operator's `cleanPodPolicy` stops parameter servers as soon as the
 * coordinator is done.
 *
 * The step succeeds when the coordinator (Chief or Master) succeeded, which is when the Training Operator marks the
 * job succeeded (it looks at the coordinator alone), and fails when the coordinator's pod failed.
 * Each condition is a single requirement, because Argo's docs read comma-separated requirements as "all must hold"
 * while its executor (3.6 to 4.x) fails the step when any failure requirement holds; one requirement means the same
 * under both. Workers, parameter servers and the evaluator restart in place by default (`workerRestartPolicy`
 * ON_FAILURE), so only the coordinator can fail the job. Settings under which the job can fail without a failed
 * coordinator pod (another restart policy, `backoffLimit`, `activeDeadline`) need the step's `timeout`.
 *
 * Replica counts, arguments and env may be pipeline parameters; counts are written unquoted so Argo's substitution
 * leaves a YAML integer. Declares the output `job-name`.
 *
 * @example
 * new TfJobStep(pipeline, 'train', {
 *   image: 'gcr.io/google-samples/ml-pipeline-kubeflow-trainer-taxi',
 *   command: ['python', '-m', 'trainer.task'],
 *   args: [fmt`--train-steps=${trainSteps}`, fmt`--job-dir=${runDir(workingDir, 'tf')}`],
 *   coordinator: TfCoordinator.MASTER,
 *   workers, pss,
 * });
 * @see https://argo-workflows.readthedocs.io/en/latest/walk-through/kubernetes-resources/
 * @see https://github.com/argoproj/argo-workflows/blob/main/workflow/executor/resource.go
 */
export class TfJobStep extends Step implements IPodOwner {
  /** The validated TFJob definition the manifest is rendered from. */
  public readonly definition: TfJobDefinition;
  /** The replicas' pods mount only their own volumes; the definition checks them. */
  public readonly checksOwnMounts = true;

  constructor(scope: Construct, id: string, props: TfJobStepProps) {
    super(scope, id, TF_JOB_STEP_PROPS.check(scope, id, props, new.target === TfJobStep));
    this.definition = new TfJobDefinition(this.node.path, props);
    this.node.addValidation({ validate: () => this.definition.problems() });
    this.declareOutput(TF_JOB_NAME_OUTPUT, { jsonPath: '{.metadata.name}' });
    const unseen = unseenFailures(this.definition);
    if (unseen.length > 0 && !this.activeDeadline) {
      throw new UserError(`[${this.node.path}] with ${unseen.join(', ')} the TFJob can fail without a failed `
        + `${this.definition.coordinatorType} pod, which is all the step's failureCondition can see, so the step would wait forever; `
        + `set the step's timeout (e.g. timeout: Duration.hours(12)), or leave those settings at their defaults`);
    }
  }

  /** Every replica's pod: environment, volumes, resources, placement. */
  get pod(): PodBuilder {
    return this.definition.pod;
  }

  /** Applies reusable pod options (e.g. `useGcpSecret()`) to every replica. */
  apply(...options: PodOption[]): this {
    this.pod.apply(...options);
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
    const failureCondition = this.failureCondition();
    let manifest = stringify(k.TfJob.manifest(props), { lineWidth: 0, version: '1.1' });
    for (const [sentinel, expression] of placeholders) {
      manifest = manifest.replace(new RegExp(`^(\\s*replicas: )${sentinel}$`, 'm'), `$1${expression}`);
    }
    return {
      resource: {
        action: 'create',
        setOwnerReference: true,
        // With a Chief or Master the operator marks the job succeeded exactly when that replica has (v1.8, v1.9
        // tfjob_controller.go UpdateJobStatus), whatever the other replicas do: this is the job's own success.
        successCondition: `status.replicaStatuses.${this.definition.coordinatorType}.succeeded > 0`,
        ...(failureCondition && { failureCondition }),
        manifest,
      },
    };
  }

  /**
   * Argo's failure condition: one requirement, the coordinator's pod failed, so it means the same whether Argo ANDs
   * the requirements (its docs) or fails on any (its executor). Only with restart policy NEVER does a failed pod mean
   * a failed job: the operator replaces pods of other policies, and counts the replaced pod as failed meanwhile.
   */
  private failureCondition(): string | undefined {
    const d = this.definition;
    return d.restartPolicy === RestartPolicy.NEVER ? `status.replicaStatuses.${d.coordinatorType}.failed > 0` : undefined;
  }

  protected values(): Value[] {
    return this.definition.values();
  }
}

/** The settings of `d` under which the job can fail with no failed coordinator pod, as the user wrote them. */
function unseenFailures(d: TfJobDefinition): string[] {
  return [
    ...(d.restartPolicy !== RestartPolicy.NEVER ? [`restartPolicy ${d.restartPolicy}`] : []),
    ...([RestartPolicy.NEVER, RestartPolicy.EXIT_CODE].includes(d.workerRestartPolicy) && d.replicaTypes.length > 1
      ? [`workerRestartPolicy ${d.workerRestartPolicy}`] : []),
    ...(d.backoffLimit !== undefined ? ['backoffLimit'] : []),
    ...(d.activeDeadline ? ['activeDeadline'] : []),
  ];
}

/** Checks the props of a {@link TfJobStep}. */
export const TF_JOB_STEP_PROPS = new PropsGuard<TfJobStepProps>('TfJobStepProps', { ...STEP_PROPS_GUARDS, ...TF_JOB_OPTIONS_GUARDS });
