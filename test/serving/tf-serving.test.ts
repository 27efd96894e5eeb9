import { Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { useGcpSecret } from '../../lib';
import { TF_SERVING_VERSION, TfServing, TfServingProps } from '../../lib/serving';
import { deploymentErrors } from './deployment-validator';
import { Obj } from '../helpers/synth-chart';

function synthServing(props: Partial<TfServingProps> = {}, configure?: (s: TfServing) => void): Obj[] {
  const chart = new Chart(Testing.app(), 'test');
  const serving = new TfServing(chart, 'taxi', { modelName: 'chicago-taxi', modelBasePath: 'gs://bucket/export/chicago-taxi', ...props });
  configure?.(serving);
  return Testing.synth(chart);
}

const byKind = (objects: Obj[], kind: string) => objects.filter((o) => o.kind === kind);

describe('TfServing', () => {
  test('a Deployment of the pinned image serving the model on gRPC 8500 and REST 8501', () => {
    const [deployment] = byKind(synthServing(), 'Deployment');
    expect(deployment.metadata.name).toBe('taxi');
    expect(deployment.spec.replicas).toBe(1);
    const container = deployment.spec.template.spec.containers[0];
    expect(container).toMatchObject({
      image: `tensorflow/serving:${TF_SERVING_VERSION}`,
      command: ['tensorflow_model_server'],
      args: ['--port=8500', '--rest_api_port=8501', '--model_name=chicago-taxi', '--model_base_path=gs://bucket/export/chicago-taxi'],
      ports: [{ containerPort: 8500, name: 'grpc' }, { containerPort: 8501, name: 'http' }],
    });
    expect(container.readinessProbe.httpGet).toEqual({ path: '/v1/models/chicago-taxi', port: 8501, scheme: 'HTTP' });
    expect(container.livenessProbe.httpGet).toEqual({ path: '/v1/models/chicago-taxi', port: 8501, scheme: 'HTTP' });
    expect(deploymentErrors([deployment])).toEqual(['']);
  });

  test('the pod template and selector carry no cdk8s construct address, which would change with the construct path', () => {
    const [deployment] = byKind(synthServing(), 'Deployment');
    const labels = { 'app.kubernetes.io/instance': 'taxi', 'app.kubernetes.io/name': 'tf-serving' };
    expect(deployment.spec.template.metadata.labels).toEqual(labels);
    expect(deployment.spec.selector).toEqual({ matchLabels: labels });
  });

  test('an environment\'s default replicas apply unless the server set its own; the autoscaler\'s minimum follows', () => {
    const replicas = (props: Partial<TfServingProps>) => synthServing(props, (s) => s.setDefaultReplicas(3))
      .map((o) => o.spec.replicas ?? o.spec.minReplicas).filter((n) => n !== undefined);
    expect(replicas({})).toEqual([3]);
    expect(replicas({ replicas: 2 })).toEqual([2]);
    expect(replicas({ autoscaling: { maxReplicas: 5 } })).toEqual([3]);
    expect(() => synthServing({ autoscaling: { maxReplicas: 2 } }, (s) => s.setDefaultReplicas(3)))
      .toThrow('[test/taxi/Endpoint] autoscaling.maxReplicas must be a whole number >= minReplicas (3), got 2');
  });

  test('a ClusterIP Service selecting exactly the Deployment\'s pods', () => {
    const objects = synthServing();
    const [deployment] = byKind(objects, 'Deployment');
    const [service] = byKind(objects, 'Service');
    expect(service.spec.type).toBe('ClusterIP');
    expect(service.spec.ports).toEqual([
      { name: 'grpc', port: 8500, targetPort: 8500 },
      { name: 'http', port: 8501, targetPort: 8501 },
    ]);
    expect(deployment.spec.selector.matchLabels).toEqual(service.spec.selector);
    expect(deployment.spec.template.metadata.labels).toMatchObject(service.spec.selector);
    expect(byKind(objects, 'HorizontalPodAutoscaler')).toEqual([]);
  });

  test('LoadBalancer and autoscaling only when asked', () => {
    const objects = synthServing({ serviceType: kplus.ServiceType.LOAD_BALANCER, replicas: 2, autoscaling: { maxReplicas: 5, targetCpuUtilization: 60 } });
    expect(byKind(objects, 'Service')[0].spec.type).toBe('LoadBalancer');
    expect(byKind(objects, 'HorizontalPodAutoscaler')[0]).toEqual({
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'taxi', labels: { 'app.kubernetes.io/name': 'tf-serving', 'app.kubernetes.io/instance': 'taxi' } },
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'taxi' },
        minReplicas: 2,
        maxReplicas: 5,
        metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 60 } } }],
      },
    });
    // The autoscaler owns the replica count; the Deployment must not reset it on every sync or pipeline apply.
    expect(byKind(objects, 'Deployment')[0].spec.replicas).toBeUndefined();
    expect(byKind(synthServing({ replicas: 2 }), 'Deployment')[0].spec.replicas).toBe(2);
  });

  test('GCP credentials mount like any step\'s', () => {
    const [deployment] = byKind(synthServing({}, (s) => s.apply(useGcpSecret())), 'Deployment');
    const pod = deployment.spec.template.spec;
    expect(pod.volumes).toEqual([{ name: 'user-gcp-sa', secret: { secretName: 'user-gcp-sa' } }]);
    expect(pod.containers[0].volumeMounts).toEqual([{ name: 'user-gcp-sa', mountPath: '/secret/gcp-credentials' }]);
    expect(pod.containers[0].env).toContainEqual({ name: 'GOOGLE_APPLICATION_CREDENTIALS', value: '/secret/gcp-credentials/user-gcp-sa.json' });
    expect(deploymentErrors([deployment])).toEqual(['']);
  });

  test.each([
    [{ version: 'latest' }, "[test/taxi] version must be a pinned tensorflow/serving tag such as '2.14.1', got \"latest\""],
    [{ modelName: 'a/b' }, '[test/taxi] modelName must be a non-empty name without spaces or \'/\''],
    [{ modelBasePath: '' }, '[test/taxi] modelBasePath is empty'],
    [{ name: 'Taxi_Serving' }, "[test/taxi] name 'Taxi_Serving' is not a DNS-1123 label"],
    [{ replicas: -1 }, '[test/taxi] replicas must be a whole number >= 0, got -1'],
    [{ autoscaling: { maxReplicas: 0 } }, '[test/taxi/Endpoint] autoscaling.maxReplicas must be a whole number >= minReplicas (1), got 0'],
    [{ autoscaling: { maxReplicas: 3, targetCpuUtilization: 150 } }, 'autoscaling.targetCpuUtilization must be a whole percentage from 1 to 100, got 150'],
  ])('rejects %j', (props, message) => {
    expect(() => synthServing(props as Partial<TfServingProps>)).toThrow(message);
  });

  test('the Deployment validator catches a broken Deployment', () => {
    const [deployment] = byKind(synthServing(), 'Deployment');
    expect(deploymentErrors([{ ...deployment, spec: { ...deployment.spec, replicas: '2' } }])[0]).toMatch(/replicas/);
  });

  test('a volume name holds one source', () => {
    expect(() => synthServing({}, (s) => s.pod.addVolume({ name: 'v', emptyDir: {} }).addVolume({ name: 'v', secret: { secretName: 'x' } })))
      .toThrow("[test/taxi] volume 'v' is added twice with different sources");
  });

  test('any volume source, mounted through the one pod builder; a mount needs its volume', () => {
    const [deployment] = byKind(synthServing({ volumes: [{ name: 'models', nfs: { server: 'nfs.example.com', path: '/models' } }],
      volumeMounts: [{ name: 'models', mountPath: '/models', readOnly: true }] }), 'Deployment');
    expect(deployment.spec.template.spec.volumes).toEqual([{ name: 'models', nfs: { server: 'nfs.example.com', path: '/models' } }]);
    expect(deployment.spec.template.spec.containers[0].volumeMounts).toEqual([{ name: 'models', mountPath: '/models', readOnly: true }]);
    expect(deploymentErrors([deployment])).toEqual(['']);
    expect(() => synthServing({ volumeMounts: [{ name: 'gone', mountPath: '/g' }] }))
      .toThrow("[test/taxi] volume mount 'gone' has no volume of that name; add it with volumes or addVolume()");
  });

  test('resources as users write them; a model server runs alone in its pod', () => {
    const [deployment] = byKind(synthServing({ resources: { cpu: '2', memory: { request: '4Gi', limit: '8Gi' } } }), 'Deployment');
    expect(deployment.spec.template.spec.containers[0].resources).toEqual({ requests: { cpu: '2', memory: '4Gi' }, limits: { cpu: '2', memory: '8Gi' } });
    expect(() => synthServing({}, (s) => s.pod.addSidecar({ name: 'proxy', image: 'envoyproxy/envoy:v1.30.1' })))
      .toThrow("[test/taxi] a model server's pod runs the server alone: it takes no sidecars or init containers");
  });
});
