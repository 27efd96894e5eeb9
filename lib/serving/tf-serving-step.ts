import type { Volume as IIoK8sApiCoreV1Volume } from 'kubernetes-types/core/v1';
import type { VolumeMount as IIoK8sApiCoreV1VolumeMount } from 'kubernetes-types/core/v1';
import { ApiObject, App, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { stringify } from 'yaml';
import { toDnsLabel } from '../argo/names';
import type { EnvValue } from '../dsl/container-step';
import { SecretKey } from '../dsl/secret-key';
import { Step, StepProps, TemplateBody } from '../dsl/step';
import type { ITemplateRenderer } from '../dsl/template-renderer';
import { Value } from '../dsl/value';
import { WorkflowVariables } from '../dsl/workflow-variables';
import { checkEnvName, PodVolumes } from '../dsl/pod-volumes';
import { UserError } from '../user-error';
import { TfServing } from './tf-serving';
import { TfServingEndpoint } from './tf-serving-endpoint';
import { TfServingOptions } from './tf-serving-options';

/** Props of {@link TfServingStep}. */
export interface TfServingStepProps extends StepProps, TfServingOptions {
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
export class TfServingStep extends Step {
  /** Name of the Deployment, Service and autoscaler. */
  public readonly serverName: string;
  public readonly modelName: Value;
  public readonly modelBasePath: Value;
  /** The Service (and autoscaler), synthesized into `dist/` beside the pipeline. */
  public readonly endpoint: TfServingEndpoint;
  private options: TfServingOptions;
  private readonly replicasGiven: boolean;
  private readonly env = new Map<string, EnvValue>();
  private readonly pod: PodVolumes;

  constructor(scope: Construct, id: string, props: TfServingStepProps) {
    super(scope, id, props);
    this.pod = new PodVolumes(this.node.path);
    const { modelName, modelBasePath, serverName, version, replicas, resources, serviceType, autoscaling } = props;
    this.modelName = modelName;
    this.modelBasePath = modelBasePath;
    this.options = { version, replicas, resources, serviceType, autoscaling };
    this.replicasGiven = replicas !== undefined;
    this.serverName = serverName ?? toDnsLabel(`${this.pipeline.name}-${this.name}`);
    this.endpoint = new TfServingEndpoint(this, 'Endpoint', { name: this.serverName, serviceType, autoscaling, replicas });
    // Check the server's options now, with stand-in values for what only the run knows.
    this.renderServer('model', 'model-base-path', 'run');
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
    this.renderServer('model', 'model-base-path', 'run');
    this.endpoint.setReplicas(count);
  }

  /** Sets an environment variable of the model server. */
  addEnv(name: string, value: EnvValue): this {
    checkEnvName(name, this.node.path);
    this.env.set(name, value);
    return this;
  }

  /** Adds a volume to the model server's pod (secret, configMap or emptyDir). */
  addVolume(volume: IIoK8sApiCoreV1Volume): this {
    this.pod.addVolume(volume);
    return this;
  }

  /** Mounts a volume into the model server; mounting the same volume at the same path again changes nothing. */
  addVolumeMount(mount: IIoK8sApiCoreV1VolumeMount): this {
    this.pod.addMount(mount);
    return this;
  }

  /** Applies a reusable option (e.g. `useGcpSecret()`) to the model server. */
  apply(option: (step: this) => void): this {
    option(this);
    return this;
  }

  renderBody(r: ITemplateRenderer): TemplateBody {
    const server = this.renderServer(r.value(this.modelName), r.value(this.modelBasePath), r.value(WorkflowVariables.name), r);
    return { resource: { action: 'apply', manifest: stringify(ApiObject.of(server.deployment).toJson(), { lineWidth: 0, version: '1.1' }) } };
  }

  /**
   * Builds the model server with rendered values in a chart of its own: its Deployment goes into the template, not
   * into dist/. Errors are reported as this step's.
   */
  private renderServer(modelName: string, modelBasePath: string, workflow: string, r?: ITemplateRenderer): TfServing {
    try {
      const server = new TfServing(new Chart(new App(), 'render'), this.serverName, {
        ...this.options,
        modelName,
        modelBasePath,
        // Which run deployed the model now served.
        annotations: { 'kfops.dev/workflow': workflow },
      });
      for (const volume of this.pod.volumes) server.addVolume(volume);
      for (const mount of this.pod.mounts) server.addVolumeMount(mount);
      for (const [name, value] of this.env) server.addEnv(name, value instanceof SecretKey || !r ? value : r.value(value));
      return server;
    } catch (err) {
      if (err instanceof UserError) throw new UserError(`[${this.node.path}] ${err.message.replace(/^\[[^\]]*\] /, '')}`, err.exitCode);
      throw err;
    }
  }

  protected values(): Value[] {
    const env = [...this.env.values()].filter((v): v is Value => !(v instanceof SecretKey));
    return [this.modelName, this.modelBasePath, ...env];
  }
}
