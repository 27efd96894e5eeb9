import type { Volume as IIoK8sApiCoreV1Volume } from 'kubernetes-types/core/v1';
import type { VolumeMount as IIoK8sApiCoreV1VolumeMount } from 'kubernetes-types/core/v1';
import { ApiObject, Duration, JsonPatch, Lazy } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { isDnsLabel } from '../argo/names';
import type { EnvValue } from '../dsl/container-step';
import { SecretKey } from '../dsl/secret-key';
import { LiteralRenderer } from '../training/literal-renderer';
import { UserError } from '../user-error';
import { TfServingEndpoint } from './tf-serving-endpoint';
import {
  TF_SERVING_GRPC_PORT, TF_SERVING_IMAGE, TF_SERVING_REST_PORT, TF_SERVING_VERSION, tfServingLabels, TfServingOptions,
} from './tf-serving-options';

/** Props of {@link TfServing}. */
export interface TfServingProps extends TfServingOptions {
  /** The model's name: clients call `/v1/models/<modelName>:predict` (REST) or name it in gRPC requests. */
  readonly modelName: string;
  /** The folder holding the model's numbered SavedModel versions, e.g. `gs://bucket/run/tf/serving_model_dir/export/chicago-taxi`. */
  readonly modelBasePath: string;
  /** Name of the Deployment, Service and autoscaler. @default - the construct id */
  readonly name?: string;
  /** Annotations of the Deployment. @default - none */
  readonly annotations?: Readonly<Record<string, string>>;
}

/**
 * A TensorFlow Serving model server: a Deployment of `tensorflow/serving` (pinned tag) serving one model over gRPC
 * (8500) and REST (8501), ready and live while the REST model status endpoint `/v1/models/<name>` answers, behind
 * a Service (ClusterIP unless asked) that selects its pods, optionally autoscaled on CPU.
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
export class TfServing extends Construct {
  /** Name of the Deployment, Service and autoscaler. */
  public readonly name: string;
  public readonly modelName: string;
  public readonly modelBasePath: string;
  /** The image, `tensorflow/serving:<version>`. */
  public readonly image: string;
  /** The model server's Deployment. */
  public readonly deployment: kplus.Deployment;
  /** The model server's container. */
  public readonly container: kplus.Container;
  /** The Service and (optional) autoscaler in front of the Deployment. */
  public readonly endpoint: TfServingEndpoint;
  private replicaCount: number;
  private readonly replicasGiven: boolean;
  private readonly volumes = new Map<string, { readonly source: IIoK8sApiCoreV1Volume; readonly volume: kplus.Volume }>();

  constructor(scope: Construct, id: string, props: TfServingProps) {
    super(scope, id);
    this.name = props.name ?? id;
    this.modelName = props.modelName;
    this.modelBasePath = props.modelBasePath;
    const version = props.version ?? TF_SERVING_VERSION;
    this.image = `${TF_SERVING_IMAGE}:${version}`;
    if (!isDnsLabel(this.name)) {
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

    const labels = tfServingLabels(this.name);
    this.deployment = new kplus.Deployment(this, 'Deployment', {
      metadata: { name: this.name, labels, ...(props.annotations && { annotations: { ...props.annotations } }) },
      // Resolved at synth, after an environment has had its say (setDefaultReplicas).
      replicas: Lazy.any({ produce: () => this.replicaCount }),
      podMetadata: { labels },
      // Pods are selected by the stable labels, not by cdk8s' construct address, so a Deployment rendered elsewhere
      // (by a pipeline step) is still the one the Service and autoscaler point at.
      select: false,
      // The tensorflow/serving image runs as root.
      securityContext: { ensureNonRoot: false },
    });
    this.deployment.select(kplus.LabelSelector.of({ labels }));
    // cdk8s-plus labels every pod template with its construct address; that label changes when a construct is
    // renamed or moved (and differs between a step's Deployment and a standalone one), so it is dropped.
    ApiObject.of(this.deployment).addJsonPatch(JsonPatch.remove(`/spec/template/metadata/labels/${kplus.Pod.ADDRESS_LABEL.replace('/', '~1')}`));
    // With an autoscaler the Deployment carries no replica count: a sync or a pipeline's apply would reset the
    // count the autoscaler chose.
    if (props.autoscaling) this.deployment.markHasAutoscaler();
    const modelStatus = `/v1/models/${props.modelName}`;
    this.container = this.deployment.addContainer({
      name: 'tf-serving',
      image: this.image,
      imagePullPolicy: kplus.ImagePullPolicy.IF_NOT_PRESENT,
      // The image's entrypoint appends the model name to the base path; the seed's path already ends in it.
      command: ['tensorflow_model_server'],
      args: [
        `--port=${TF_SERVING_GRPC_PORT}`,
        `--rest_api_port=${TF_SERVING_REST_PORT}`,
        `--model_name=${props.modelName}`,
        `--model_base_path=${props.modelBasePath}`,
      ],
      ports: [
        { name: 'grpc', number: TF_SERVING_GRPC_PORT },
        { name: 'http', number: TF_SERVING_REST_PORT },
      ],
      readiness: kplus.Probe.fromHttpGet(modelStatus, { port: TF_SERVING_REST_PORT, periodSeconds: Duration.seconds(10) }),
      // Loading a model from GCS can take minutes: give it time before liveness restarts the server.
      liveness: kplus.Probe.fromHttpGet(modelStatus, {
        port: TF_SERVING_REST_PORT, initialDelaySeconds: Duration.seconds(60), periodSeconds: Duration.seconds(30), failureThreshold: 5,
      }),
      ...(props.resources && { resources: props.resources }),
      securityContext: { ensureNonRoot: false, readOnlyRootFilesystem: false },
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
  get service(): kplus.Service {
    return this.endpoint.service;
  }

  /** Sets an environment variable of the model server; values must be literals or Secret keys. */
  addEnv(name: string, value: EnvValue): this {
    if (value instanceof SecretKey) {
      const id = `secret-${value.secretName}`;
      const secret = (this.node.tryFindChild(id) as kplus.ISecret | undefined) ?? kplus.Secret.fromSecretName(this, id, value.secretName);
      this.container.env.addVariable(name, kplus.EnvValue.fromSecretValue({ secret, key: value.key }, { optional: value.optional }));
    } else {
      this.container.env.addVariable(name, kplus.EnvValue.fromValue(new LiteralRenderer(this.node.path).value(value)));
    }
    return this;
  }

  /** Adds a volume to the model server's pod (secret, configMap or emptyDir). */
  addVolume(volume: IIoK8sApiCoreV1Volume): this {
    const existing = this.volumes.get(volume.name);
    if (existing && JSON.stringify(existing.source) !== JSON.stringify(volume)) {
      throw this.error(`volume '${volume.name}' is added twice with different sources; give one a different name`);
    }
    if (existing) return this;
    const id = `volume-${volume.name}`;
    let created: kplus.Volume;
    if (volume.secret && Object.keys(volume).length === 2) {
      const secret = kplus.Secret.fromSecretName(this, `${id}-secret`, volume.secret.secretName ?? volume.name);
      created = kplus.Volume.fromSecret(this, id, secret, { name: volume.name, optional: volume.secret.optional });
    } else if (volume.configMap && Object.keys(volume).length === 2) {
      const configMap = kplus.ConfigMap.fromConfigMapName(this, `${id}-configmap`, volume.configMap.name ?? volume.name);
      created = kplus.Volume.fromConfigMap(this, id, configMap, { name: volume.name, optional: volume.configMap.optional });
    } else if (volume.emptyDir && Object.keys(volume).length === 2) {
      created = kplus.Volume.fromEmptyDir(this, id, volume.name);
    } else {
      throw this.error(`volume '${volume.name}' has a source TF-Serving pods do not take here; use a secret, configMap or emptyDir volume`);
    }
    this.volumes.set(volume.name, { source: volume, volume: created });
    this.deployment.addVolume(created);
    return this;
  }

  /** Mounts a volume, added before with addVolume(), into the model server. */
  addVolumeMount(mount: IIoK8sApiCoreV1VolumeMount): this {
    const volume = this.volumes.get(mount.name)?.volume;
    if (!volume) throw this.error(`volume mount '${mount.name}' has no volume of that name; add it with addVolume() first`);
    this.container.mount(mount.mountPath, volume, {
      ...(mount.readOnly !== undefined && { readOnly: mount.readOnly }),
      ...(mount.subPath !== undefined && { subPath: mount.subPath }),
    });
    return this;
  }

  /** Applies a reusable option (e.g. `useGcpSecret()`) to the model server. */
  apply(option: (serving: this) => void): this {
    option(this);
    return this;
  }

  private checkReplicas(count: number): number {
    if (!Number.isInteger(count) || count < 0) throw this.error(`replicas must be a whole number >= 0, got ${count}`);
    return count;
  }

  private error(message: string): UserError {
    return new UserError(`[${this.node.path}] ${message}`);
  }
}
