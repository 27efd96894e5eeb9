import { App, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { stringify } from 'yaml';
import { IPodOwner, PodBuilder, PodOption } from '../dsl/pod-builder';
import { Step, STEP_PROPS_GUARDS, StepProps } from '../dsl/step';
import type { TemplateBody } from '../dsl/template';
import type { ITemplateRenderer } from '../dsl/template-renderer';
import { Value, VALUE } from '../dsl/value';
import { WorkflowVariables } from '../dsl/workflow-variables';
import { PropsGuard, required, STRING } from '../guards';
import { toDnsLabel } from '../k8s-spec/names';
import { UserError } from '../user-error';
import { TF_SERVING_POD_GUARDS, TfServing, TfServingPodOptions } from './tf-serving';
import { TfServingEndpoint } from './tf-serving-endpoint';
import { TF_SERVING_OPTIONS_GUARDS, TfServingOptions } from './tf-serving-options';

/** Props of {@link TfServingStep}. */
export interface TfServingStepProps extends StepProps, TfServingOptions, TfServingPodOptions {
  /** The model's name in TF-Serving; may be a parameter or built from the run name. */
  readonly modelName: Value;
  /** The folder holding the model's numbered SavedModel versions, usually under the run's working directory. */
  readonly modelBasePath: Value;
  /** Name of the Deployment, Service and autoscaler; stable across runs. @default - `<pipeline name>-<step name>` */
  readonly serverName?: string;
}

/**
 * A pipeline step that deploys the model a run just trained to TF-Serving: an Argo `resource` template that applies
 * (`action: apply`) the model server's Deployment, rendered by the same {@link TfServing} code as a standalone
 * server. An Argo resource template applies exactly one object, so the Service (and autoscaler) in front of it are
 * synthesized as standalone objects in `dist/`, owned by Argo CD; they select the Deployment by its stable name
 * and labels.
 *
 * The Deployment has no owner reference: it outlives the run, and the next run's apply rolls it to the newer
 * model (the one Service keeps serving). Argo CD does not track it, since it is not in git.
 *
 * @example
 * new TfServingStep(pipeline, 'tfserving', {
 *   modelName: WorkflowVariables.name,
 *   modelBasePath: runDir(workingDir, 'tf', 'serving_model_dir', 'export', 'chicago-taxi'),
 * }).apply(useGcpSecret()).after(train);
 * @see https://argo-workflows.readthedocs.io/en/latest/walk-through/kubernetes-resources/
 */
export class TfServingStep extends Step implements IPodOwner {
  /** Name of the Deployment, Service and autoscaler. */
  public readonly serverName: string;
  public readonly modelName: Value;
  public readonly modelBasePath: Value;
  /** The model server's pod: environment, volumes, placement. */
  public readonly pod: PodBuilder;
  /** The Service (and autoscaler), synthesized into `dist/` beside the pipeline. */
  public readonly endpoint: TfServingEndpoint;
  private options: TfServingOptions;
  private readonly replicasGiven: boolean;

  constructor(scope: Construct, id: string, props: TfServingStepProps) {
    super(scope, id, TF_SERVING_STEP_PROPS.check(scope, id, props, new.target === TfServingStep));
    const { modelName, modelBasePath, serverName, version, replicas, resources, serviceType, autoscaling } = props;
    this.modelName = modelName;
    this.modelBasePath = modelBasePath;
    this.options = { version, replicas, resources, serviceType, autoscaling };
    this.pod = new PodBuilder(this.node.path, props);
    this.replicasGiven = replicas !== undefined;
    this.serverName = serverName ?? toDnsLabel(`${this.pipeline.name}-${this.name}`);
    this.endpoint = new TfServingEndpoint(this, 'Endpoint', { name: this.serverName, serviceType, autoscaling, replicas });
    // Check the server's options now, with stand-in values for what only the run knows.
    this.server('model', 'model-base-path', 'run');
  }

  /** Replicas of the model server the step applies (the starting count when autoscaling). */
  get replicas(): number {
    return this.options.replicas ?? 1;
  }

  /**
   * Sets the replicas, unless the `replicas` prop was given: how an environment applies its `servingReplicas` to
   * the serving steps of its pipelines.
   */
  setDefaultReplicas(count: number): void {
    if (this.replicasGiven) return;
    this.options = { ...this.options, replicas: count };
    this.server('model', 'model-base-path', 'run');
    this.endpoint.setReplicas(count);
  }

  /** Applies reusable pod options (e.g. `useGcpSecret()`) to the model server. */
  apply(...options: PodOption[]): this {
    this.pod.apply(...options);
    return this;
  }

  renderBody(r: ITemplateRenderer): TemplateBody {
    const server = this.server(r.value(this.modelName), r.value(this.modelBasePath), r.value(WorkflowVariables.name));
    const deployment = this.asStep(() => server.renderDeployment(r));
    return { resource: { action: 'apply', manifest: stringify(deployment, { lineWidth: 0, version: '1.1', sortMapEntries: true, aliasDuplicateObjects: false }) } };
  }

  /**
   * The model server with rendered values, in a chart of its own: its Deployment goes into the template, not into
   * dist/. It gets this step's pod; errors are reported as this step's.
   */
  private server(modelName: string, modelBasePath: string, workflow: string): TfServing {
    return this.asStep(() => {
      const p = this.pod;
      return new TfServing(new Chart(new App(), 'render'), this.serverName, {
        ...this.options,
        modelName,
        modelBasePath,
        // Which run deployed the model now served.
        annotations: { 'kfops.dev/workflow': workflow },
        env: Object.fromEntries(p.env),
        volumes: p.volumes,
        volumeMounts: p.volumeMounts,
        ...(p.nodeSelector && { nodeSelector: p.nodeSelector }),
        ...(p.tolerations && { tolerations: p.tolerations }),
        ...(p.affinity && { affinity: p.affinity }),
        ...(p.serviceAccountName !== undefined && { serviceAccountName: p.serviceAccountName }),
        ...(p.priorityClassName !== undefined && { priorityClassName: p.priorityClassName }),
        ...(p.schedulerName !== undefined && { schedulerName: p.schedulerName }),
        ...(p.hostAliases && { hostAliases: p.hostAliases }),
      });
    });
  }

  private asStep<T>(run: () => T): T {
    try {
      return run();
    } catch (err) {
      if (err instanceof UserError) throw new UserError(`[${this.node.path}] ${err.message.replace(/^\[[^\]]*\] /, '')}`, err.exitCode);
      throw err;
    }
  }

  protected values(): Value[] {
    return [this.modelName, this.modelBasePath, ...this.pod.values()];
  }
}

/** Checks the props of a {@link TfServingStep}. */
export const TF_SERVING_STEP_PROPS = new PropsGuard<TfServingStepProps>('TfServingStepProps', {
  ...STEP_PROPS_GUARDS,
  ...TF_SERVING_OPTIONS_GUARDS,
  ...TF_SERVING_POD_GUARDS,
  modelName: required(VALUE),
  modelBasePath: required(VALUE),
  serverName: STRING,
});
