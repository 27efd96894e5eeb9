import * as kplus from 'cdk8s-plus-27';
import { ContainerResources, RESOURCES } from '../dsl/container-resources';
import { enumOf, NUMBER, PropGuards, required, shape, STRING } from '../guards';

/** The TF-Serving image repository. */
export const TF_SERVING_IMAGE = 'tensorflow/serving';
/** The TF-Serving release used unless `version` is given; pinned so a rebuild never changes what serves. */
export const TF_SERVING_VERSION = '2.14.1';
/** TF-Serving's gRPC port (`--port`). */
export const TF_SERVING_GRPC_PORT = 8500;
/** TF-Serving's REST port (`--rest_api_port`). */
export const TF_SERVING_REST_PORT = 8501;

/** Scale the model server with CPU load (an `autoscaling/v2` HorizontalPodAutoscaler). */
export interface TfServingAutoscaling {
  /** Fewest replicas. @default - the `replicas` of the server */
  readonly minReplicas?: number;
  /** Most replicas. */
  readonly maxReplicas: number;
  /** Average CPU use, in percent of the request, that the autoscaler keeps. @default 80 */
  readonly targetCpuUtilization?: number;
}

/** How a TF-Serving model server runs and is exposed; shared by {@link TfServing} and {@link TfServingStep}. */
export interface TfServingOptions {
  /** The `tensorflow/serving` tag. @default TF_SERVING_VERSION */
  readonly version?: string;
  /**
   * Model server replicas (the starting count when autoscaling). Given here, it wins over the environment's.
   * @default - the environment's `servingReplicas`; 1 outside an environment
   */
  readonly replicas?: number;
  /** CPU and memory of the model server. @default TF_SERVING_RESOURCES (requests 1 CPU, 512 MiB; limits 1.5 CPU, 2 GiB) */
  readonly resources?: ContainerResources;
  /**
   * Type of the Service in front of the model server. ClusterIP keeps the model inside the cluster; LoadBalancer
   * exposes it without authentication, so put an authenticating proxy in front in production.
   * @default kplus.ServiceType.CLUSTER_IP
   */
  readonly serviceType?: kplus.ServiceType;
  /** Scale with CPU load. @default - fixed `replicas` */
  readonly autoscaling?: TfServingAutoscaling;
}

/** What a model server asks for unless told: cdk8s-plus' container defaults, which the first servers shipped with. */
export const TF_SERVING_RESOURCES: ContainerResources = {
  cpu: { request: '1000m', limit: '1500m' },
  memory: { request: '512Mi', limit: '2048Mi' },
};

/** The labels that tie a model server's pods to its Deployment, Service and autoscaler. */
export function tfServingLabels(name: string): Record<string, string> {
  return { 'app.kubernetes.io/name': 'tf-serving', 'app.kubernetes.io/instance': name };
}

/** The guards of {@link TfServingOptions}. */
export const TF_SERVING_OPTIONS_GUARDS: PropGuards<TfServingOptions> = {
  version: STRING,
  replicas: NUMBER,
  resources: RESOURCES,
  serviceType: enumOf(kplus.ServiceType, 'ServiceType'),
  autoscaling: shape<TfServingAutoscaling>('TfServingAutoscaling', { minReplicas: NUMBER, maxReplicas: required(NUMBER), targetCpuUtilization: NUMBER }),
};
