import { ApiObject, Lazy } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { pick, PropsGuard, required, STRING } from '../guards';
import { UserError } from '../user-error';
import {
  TF_SERVING_GRPC_PORT, TF_SERVING_OPTIONS_GUARDS, TF_SERVING_REST_PORT, TfServingAutoscaling, tfServingLabels, TfServingOptions,
} from './tf-serving-options';

/** Props of {@link TfServingEndpoint}. */
export interface TfServingEndpointProps extends Pick<TfServingOptions, 'serviceType' | 'autoscaling' | 'replicas'> {
  /** Name of the model server: the Deployment's name, also given to the Service and the autoscaler. */
  readonly name: string;
}

/**
 * The long-lived front of a TF-Serving model server: a Service selecting its pods by label (gRPC 8500, REST 8501)
 * and, when asked, a HorizontalPodAutoscaler for its Deployment. Both reference the Deployment by name and labels
 * only, so they can be synthesized on their own while a pipeline run applies the Deployment.
 */
export class TfServingEndpoint extends Construct {
  /** The Service in front of the model server. */
  public readonly service: kplus.Service;
  /** The autoscaler, when autoscaling was asked for. */
  public readonly autoscaler?: ApiObject;
  private readonly autoscaling?: TfServingAutoscaling;
  private replicas: number;

  constructor(scope: Construct, id: string, props: TfServingEndpointProps) {
    TF_SERVING_ENDPOINT_PROPS.check(scope, id, props, new.target === TfServingEndpoint);
    super(scope, id);
    this.service = new kplus.Service(this, 'Service', {
      metadata: { name: props.name, labels: tfServingLabels(props.name) },
      type: props.serviceType ?? kplus.ServiceType.CLUSTER_IP,
      ports: [
        { name: 'grpc', port: TF_SERVING_GRPC_PORT, targetPort: TF_SERVING_GRPC_PORT },
        { name: 'http', port: TF_SERVING_REST_PORT, targetPort: TF_SERVING_REST_PORT },
      ],
    });
    for (const [key, value] of Object.entries(tfServingLabels(props.name))) this.service.selectLabel(key, value);

    this.autoscaling = props.autoscaling;
    this.replicas = props.replicas ?? 1;
    this.checkAutoscaling();
    const scaling = this.autoscaling;
    if (scaling) {
      this.autoscaler = new ApiObject(this, 'HorizontalPodAutoscaler', {
        apiVersion: 'autoscaling/v2',
        kind: 'HorizontalPodAutoscaler',
        metadata: { name: props.name, labels: tfServingLabels(props.name) },
        spec: {
          scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: props.name },
          // Resolved at synth: an environment may set the server's replicas after construction.
          minReplicas: Lazy.any({ produce: () => this.minReplicas }),
          maxReplicas: scaling.maxReplicas,
          metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: scaling.targetCpuUtilization ?? 80 } } }],
        },
      });
    }
  }

  /** The model server's starting replica count changed (e.g. to an environment's servingReplicas); the autoscaler's default minimum follows it. */
  setReplicas(count: number): void {
    this.replicas = count;
    this.checkAutoscaling();
  }

  private get minReplicas(): number {
    return this.autoscaling?.minReplicas ?? this.replicas;
  }

  private checkAutoscaling(): void {
    const scaling = this.autoscaling;
    if (!scaling) return;
    const min = this.minReplicas;
    const target = scaling.targetCpuUtilization ?? 80;
    if (!Number.isInteger(min) || min < 1) throw this.error(`autoscaling.minReplicas must be a whole number >= 1, got ${min}`);
    if (!Number.isInteger(scaling.maxReplicas) || scaling.maxReplicas < min) {
      throw this.error(`autoscaling.maxReplicas must be a whole number >= minReplicas (${min}), got ${scaling.maxReplicas}`);
    }
    if (!Number.isInteger(target) || target < 1 || target > 100) {
      throw this.error(`autoscaling.targetCpuUtilization must be a whole percentage from 1 to 100, got ${target}`);
    }
  }

  private error(message: string): UserError {
    return new UserError(`[${this.node.path}] ${message}`);
  }
}

/** Checks the props of a {@link TfServingEndpoint}. */
export const TF_SERVING_ENDPOINT_PROPS = new PropsGuard<TfServingEndpointProps>('TfServingEndpointProps', {
  ...pick(TF_SERVING_OPTIONS_GUARDS, ['serviceType', 'autoscaling', 'replicas']),
  name: required(STRING),
});
