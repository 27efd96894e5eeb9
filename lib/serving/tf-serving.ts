import type { Deployment as IIoK8sApiAppsV1Deployment } from 'kubernetes-types/apps/v1';
import { ApiObject, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { IPodOwner, PodBuilder, PodOption, PodOptions, POD_OPTIONS_GUARDS } from '../dsl/pod-builder';
import type { ITemplateRenderer } from '../dsl/template-renderer';
import { pick, PropGuards, PropsGuard, recordOf, required, STRING } from '../guards';
import { dns1123Label } from '../k8s-spec/name-rules';
import { LiteralRenderer } from '../training/literal-renderer';
import { UserError } from '../user-error';
import { TfServingEndpoint } from './tf-serving-endpoint';
import {
  TF_SERVING_GRPC_PORT, TF_SERVING_IMAGE, TF_SERVING_OPTIONS_GUARDS, TF_SERVING_RESOURCES, TF_SERVING_REST_PORT, TF_SERVING_VERSION,
  tfServingLabels, TfServingOptions,
} from './tf-serving-options';

/** What a model server's pod takes from the pod builder; its container, probes and security context are fixed. */
export type TfServingPodOptions = Pick<PodOptions, 'env' | 'envFrom' | 'volumes' | 'volumeMounts' | 'nodeSelector' | 'tolerations'
  | 'affinity' | 'serviceAccountName' | 'priorityClassName' | 'schedulerName' | 'hostAliases'>;

/** Props of {@link TfServing}. */
export interface TfServingProps extends TfServingOptions, TfServingPodOptions {
  /** The model's name: clients call `/v1/models/<modelName>:predict` (REST) or name it in gRPC requests. */
  readonly modelName: string;
  /** The folder holding the model's numbered SavedModel versions, e.g. `gs://bucket/run/tf/serving_model_dir/export/chicago-taxi`. */
  readonly modelBasePath: string;
  /** Name of the Deployment, Service and autoscaler. @default - the construct id */
  readonly name?: string;
  /** Annotations of the Deployment. @default - none */
  readonly annotations?: Readonly<Record<string, string>>;
}

const POD_FIELDS = ['env', 'envFrom', 'volumes', 'volumeMounts', 'nodeSelector', 'tolerations', 'affinity', 'serviceAccountName',
  'priorityClassName', 'schedulerName', 'hostAliases'] as const;

/**
 * A TensorFlow Serving model server: a Deployment of `tensorflow/serving` (pinned tag) serving one model over gRPC
 * (8500) and REST (8501), ready and live while the REST model status endpoint `/v1/models/<name>` answers, behind
 * a Service (ClusterIP unless asked) that selects its pods, optionally autoscaled on CPU. Its pod (environment,
 * volumes, placement) comes from the pod builder every step and job uses.
 *
 * @example
 * new TfServing(chart, 'taxi-serving', {
 *   modelName: 'chicago-taxi',
 *   modelBasePath: 'gs://my-bucket/taxi/tf/serving_model_dir/export/chicago-taxi',
 *   autoscaling: { maxReplicas: 4 },
 * }).apply(useGcpSecret());
 * @see https://www.tensorflow.org/tfx/serving/docker
 * @see https://www.tensorflow.org/tfx/serving/api_rest#model_status_api
 */
export class TfServing extends Construct implements IPodOwner {
  /** Name of the Deployment, Service and autoscaler. */
  public readonly name: string;
  public readonly modelName: string;
  public readonly modelBasePath: string;
  /** The image, `tensorflow/serving:<version>`. */
  public readonly image: string;
  /** The model server's pod: environment, volumes, placement. */
  public readonly pod: PodBuilder;
  /** The model server's Deployment. */
  public readonly deployment: ApiObject;
  /** The Service and (optional) autoscaler in front of the Deployment. */
  public readonly endpoint: TfServingEndpoint;
  private readonly labels: Readonly<Record<string, string>>;
  private readonly annotations?: Readonly<Record<string, string>>;
  private readonly autoscaled: boolean;
  private replicaCount: number;
  private readonly replicasGiven: boolean;

  constructor(scope: Construct, id: string, props: TfServingProps) {
    TF_SERVING_PROPS.check(scope, id, props, new.target === TfServing);
    super(scope, id);
    this.name = props.name ?? id;
    this.modelName = props.modelName;
    this.modelBasePath = props.modelBasePath;
    const version = props.version ?? TF_SERVING_VERSION;
    this.image = `${TF_SERVING_IMAGE}:${version}`;
    if (dns1123Label(this.name) !== undefined) {
      throw this.error(`name '${this.name}' is not a DNS-1123 label (lowercase letters, digits and '-', at most 63 characters); set 'name'`);
    }
    if (!props.modelName || /[\s/]/.test(props.modelName)) {
      throw this.error(`modelName must be a non-empty name without spaces or '/', got ${JSON.stringify(props.modelName)}`);
    }
    if (!props.modelBasePath) throw this.error('modelBasePath is empty; give the folder holding the numbered SavedModel versions');
    if (!/^[\w][\w.-]*$/.test(version) || version === 'latest') {
      throw this.error(`version must be a pinned tensorflow/serving tag such as '${TF_SERVING_VERSION}', got ${JSON.stringify(version)}`);
    }
    this.replicasGiven = props.replicas !== undefined;
    this.replicaCount = this.checkReplicas(props.replicas ?? 1);
    this.labels = tfServingLabels(this.name);
    this.annotations = props.annotations;
    // With an autoscaler the Deployment carries no replica count: a sync or a pipeline's apply would reset the
    // count the autoscaler chose.
    this.autoscaled = props.autoscaling !== undefined;
    const podOptions = Object.fromEntries(POD_FIELDS.filter((k) => props[k] !== undefined).map((k) => [k, props[k]]));
    this.pod = new PodBuilder(this.node.path, { ...podOptions, resources: props.resources ?? TF_SERVING_RESOURCES });
    // Rendered at synth, after options (apply(useGcpSecret())) and the environment (setDefaultReplicas) had their say.
    // At Deployment/Resource, the construct path the first servers had: paths name objects in validation reports.
    this.deployment = new ApiObject(new Construct(this, 'Deployment'), 'Resource', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: this.name, labels: { ...this.labels }, ...(props.annotations && { annotations: { ...props.annotations } }) },
      spec: Lazy.any({ produce: () => this.renderDeployment(new LiteralRenderer(this.node.path)).spec }),
    });
    this.endpoint = new TfServingEndpoint(this, 'Endpoint', {
      name: this.name, serviceType: props.serviceType, autoscaling: props.autoscaling, replicas: this.replicaCount,
    });
  }

  /** Replicas of the model server (the starting count when autoscaling). */
  get replicas(): number {
    return this.replicaCount;
  }

  /**
   * Sets the replicas, unless the `replicas` prop was given: how an environment applies its `servingReplicas` to
   * the model servers it holds.
   */
  setDefaultReplicas(count: number): void {
    if (this.replicasGiven) return;
    this.replicaCount = this.checkReplicas(count);
    this.endpoint.setReplicas(count);
  }

  /** The Service in front of the model server. */
  get service(): TfServingEndpoint['service'] {
    return this.endpoint.service;
  }

  /** Applies reusable pod options (e.g. `useGcpSecret()`) to the model server. */
  apply(...options: PodOption[]): this {
    this.pod.apply(...options);
    return this;
  }

  /**
   * The Deployment, with the pod's values rendered by `r`: literally for the standalone server, to Argo template
   * inputs when a pipeline step applies it. Pods are selected by the stable labels, not by a construct address,
   * so a Deployment rendered elsewhere (by a step) is still the one the Service and autoscaler point at.
   */
  renderDeployment(r: ITemplateRenderer): IIoK8sApiAppsV1Deployment {
    const problem = this.pod.mountProblem();
    if (problem) throw new UserError(problem);
    if (this.pod.sidecars.length > 0 || this.pod.initContainers.length > 0) {
      throw this.error('a model server\'s pod runs the server alone: it takes no sidecars or init containers');
    }
    const modelStatus = { path: `/v1/models/${this.modelName}`, port: TF_SERVING_REST_PORT, scheme: 'HTTP' };
    const parts = this.pod.renderContainerParts(r);
    return {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: this.name, labels: { ...this.labels }, ...(this.annotations && { annotations: { ...this.annotations } }) },
      spec: {
        minReadySeconds: 0,
        progressDeadlineSeconds: 600,
        ...(!this.autoscaled && { replicas: this.replicaCount }),
        selector: { matchLabels: { ...this.labels } },
        strategy: { rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' }, type: 'RollingUpdate' },
        template: {
          metadata: { labels: { ...this.labels } },
          spec: {
            // No service account token unless a service account is asked for: the server calls no Kubernetes API.
            automountServiceAccountToken: false,
            containers: [{
              name: 'tf-serving',
              image: this.image,
              imagePullPolicy: 'IfNotPresent',
              // The image's entrypoint appends the model name to the base path; the seed's path already ends in it.
              command: ['tensorflow_model_server'],
              args: [
                `--port=${TF_SERVING_GRPC_PORT}`,
                `--rest_api_port=${TF_SERVING_REST_PORT}`,
                `--model_name=${this.modelName}`,
                `--model_base_path=${this.modelBasePath}`,
              ],
              ports: [{ containerPort: TF_SERVING_GRPC_PORT, name: 'grpc' }, { containerPort: TF_SERVING_REST_PORT, name: 'http' }],
              readinessProbe: { failureThreshold: 3, httpGet: { ...modelStatus }, periodSeconds: 10 },
              // Loading a model from GCS can take minutes: give it time before liveness restarts the server.
              livenessProbe: { failureThreshold: 5, httpGet: { ...modelStatus }, initialDelaySeconds: 60, periodSeconds: 30 },
              ...parts,
              // The tensorflow/serving image runs as root.
              securityContext: { allowPrivilegeEscalation: false, privileged: false, readOnlyRootFilesystem: false, runAsNonRoot: false },
            }],
            dnsPolicy: 'ClusterFirst',
            hostNetwork: false,
            restartPolicy: 'Always',
            securityContext: { fsGroupChangePolicy: 'Always', runAsNonRoot: false },
            setHostnameAsFQDN: false,
            terminationGracePeriodSeconds: 30,
            ...this.pod.renderPod(r),
          },
        },
      },
    } as IIoK8sApiAppsV1Deployment;
  }

  private checkReplicas(count: number): number {
    if (!Number.isInteger(count) || count < 0) throw this.error(`replicas must be a whole number >= 0, got ${count}`);
    return count;
  }

  private error(message: string): UserError {
    return new UserError(`[${this.node.path}] ${message}`);
  }
}

/** The guards of {@link TfServingPodOptions}. */
export const TF_SERVING_POD_GUARDS: PropGuards<TfServingPodOptions> = pick(POD_OPTIONS_GUARDS, POD_FIELDS);

/** Checks the props of a {@link TfServing}. */
export const TF_SERVING_PROPS = new PropsGuard<TfServingProps>('TfServingProps', {
  ...TF_SERVING_OPTIONS_GUARDS,
  ...TF_SERVING_POD_GUARDS,
  modelName: required(STRING),
  modelBasePath: required(STRING),
  name: STRING,
  annotations: recordOf(STRING),
});
