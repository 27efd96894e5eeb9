import * as path from 'path';
import type { SchemaRegistry } from '../../../lib/validate/schema';
import { loadRegistry } from './load-registry';

/** Enum facts from the Go API types, applied wherever their definition appears. */

const container = (extra: Record<string, unknown> = {}) => ({ name: 'main', image: 'busybox:1.36', ...extra });
const deployment = (podSpec: Record<string, unknown>, spec: Record<string, unknown> = {}) => ({
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' },
  spec: { selector: { matchLabels: { app: 'd' } }, template: { metadata: { labels: { app: 'd' } }, spec: podSpec }, ...spec },
});
const service = (spec: Record<string, unknown>) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec });
const workflow = (spec: Record<string, unknown>) => ({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow', metadata: { generateName: 'w-' }, spec: { entrypoint: 'main', ...spec } });
const cronWorkflow = (spec: Record<string, unknown>) => ({
  apiVersion: 'argoproj.io/v1alpha1', kind: 'CronWorkflow', metadata: { name: 'c' },
  spec: { schedule: '0 * * * *', workflowSpec: { entrypoint: 'main', templates: [{ name: 'main', container: container() }] }, ...spec },
});
const hpa = (metric: Record<string, unknown>, behavior?: Record<string, unknown>) => ({
  apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'h' },
  spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'd' }, maxReplicas: 3, metrics: [metric], ...(behavior ? { behavior } : {}) },
});
const tfJob = (podSpec: Record<string, unknown>) => ({
  apiVersion: 'kubeflow.org/v1', kind: 'TFJob', metadata: { name: 't' },
  spec: { tfReplicaSpecs: { Worker: { replicas: 1, template: { spec: podSpec } } } },
});
const cpu = { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } };

let registry: SchemaRegistry;
beforeAll(async () => {
  registry = await loadRegistry();
});

// [case, object, path, fix]: each value is rejected by the API server (Kubernetes' validation in
// pkg/apis/*/validation) or by Argo (workflow/validate, workflow/controller), as enum-corrections.ts cites.
test.each([
  ['Deployment strategy.type (apps validateDeploymentStrategy)', deployment({ containers: [container()] }, { strategy: { type: 'Rolling' } }),
    'spec.strategy.type', 'did you mean "RollingUpdate"?'],
  ['imagePullPolicy in a Deployment pod template (validatePullPolicy)', deployment({ containers: [container({ imagePullPolicy: 'Sometimes' })] }),
    'spec.template.spec.containers[0].imagePullPolicy', 'use one of "Always", "Never", "IfNotPresent"'],
  ['imagePullPolicy of an init container', deployment({ initContainers: [container({ imagePullPolicy: 'always' })], containers: [container({ name: 'b' })] }),
    'spec.template.spec.initContainers[0].imagePullPolicy', 'did you mean "Always"?'],
  ['pod restartPolicy (validateRestartPolicy)', deployment({ restartPolicy: 'Maybe', containers: [container()] }),
    'spec.template.spec.restartPolicy', 'use one of "Always", "OnFailure", "Never"'],
  ['container port protocol is case-sensitive (validateContainerPorts)', deployment({ containers: [container({ ports: [{ containerPort: 80, protocol: 'tcp' }] })] }),
    'spec.template.spec.containers[0].ports[0].protocol', 'did you mean "TCP"?'],
  ['Service type (ValidateService: supportedServiceType)', service({ type: 'Public', ports: [{ port: 80 }] }),
    'spec.type', 'use one of "ClusterIP", "NodePort", "LoadBalancer", "ExternalName"'],
  ['Service port protocol HTTP (validateServicePort)', service({ ports: [{ port: 80, protocol: 'HTTP' }] }),
    'spec.ports[0].protocol', 'use one of "TCP", "UDP", "SCTP"'],
  ['Service sessionAffinity', service({ ports: [{ port: 80 }], sessionAffinity: 'Sticky' }),
    'spec.sessionAffinity', 'use one of "ClientIP", "None"'],
  ['HPA v2 metric type, no +enum marker (autoscaling validateMetricSpec)', hpa({ ...cpu, type: 'CPU' }),
    'spec.metrics[0].type', 'use one of "Object", "Pods", "Resource", "ContainerResource", "External"'],
  ['HPA v2 metric target type (validateMetricTarget)', hpa({ type: 'Resource', resource: { name: 'cpu', target: { type: 'Percent', averageUtilization: 80 } } }),
    'spec.metrics[0].resource.target.type', 'use one of "Utilization", "Value", "AverageValue"'],
  ['HPA scaling policy type (validateScalingPolicy)', hpa(cpu, { scaleDown: { policies: [{ type: 'Percentage', value: 10, periodSeconds: 60 }] } }),
    'spec.behavior.scaleDown.policies[0].type', 'did you mean "Percent"?'],
  ['PVC accessModes items (ValidatePersistentVolumeClaimSpec)', { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'p' }, spec: { accessModes: ['ReadWriteOnce', 'RWX'], resources: { requests: { storage: '1Gi' } } } },
    'spec.accessModes[1]', 'use one of "ReadWriteOnce", "ReadOnlyMany", "ReadWriteMany", "ReadWriteOncePod"'],
  ['CronJob concurrencyPolicy', { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'c' }, spec: { schedule: '* * * * *', concurrencyPolicy: 'Never', jobTemplate: { spec: { template: { spec: { restartPolicy: 'Never', containers: [container()] } } } } } },
    'spec.concurrencyPolicy', 'use one of "Allow", "Forbid", "Replace"'],
  ['toleration operator in a Job', { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j' }, spec: { template: { spec: { restartPolicy: 'Never', tolerations: [{ key: 'gpu', operator: 'Exist' }], containers: [container()] } } } },
    'spec.template.spec.tolerations[0].operator', 'did you mean "Exists"?'],
  ['Argo retryStrategy.retryPolicy (controller processNodeRetries)', workflow({ templates: [{ name: 'main', retryStrategy: { retryPolicy: 'OnFail' }, container: container() }] }),
    'spec.templates[0].retryStrategy.retryPolicy', 'did you mean "OnFailure"?'],
  ['Argo podGC.strategy (ValidateWorkflow)', workflow({ podGC: { strategy: 'OnSuccess' }, templates: [{ name: 'main', container: container() }] }),
    'spec.podGC.strategy', 'did you mean "OnPodSuccess"?'],
  ['Argo podGC.strategy is checked as written, before substitution', workflow({ podGC: { strategy: '{{workflow.parameters.gc}}' }, templates: [{ name: 'main', container: container() }] }),
    'spec.podGC.strategy', 'use one of "OnPodCompletion", "OnPodSuccess", "OnWorkflowCompletion", "OnWorkflowSuccess"'],
  ['Argo CronWorkflow concurrencyPolicy (ValidateCronWorkflow)', cronWorkflow({ concurrencyPolicy: 'Never' }),
    'spec.concurrencyPolicy', 'use one of "Allow", "Forbid", "Replace"'],
  ['Argo volumeClaimGC.strategy (controller deletePVCs)', workflow({ volumeClaimGC: { strategy: 'OnWorkflowSucess' }, templates: [{ name: 'main', container: container() }] }),
    'spec.volumeClaimGC.strategy', 'did you mean "OnWorkflowSuccess"?'],
  ['Argo artifactGC.strategy (kubebuilder marker)', workflow({ artifactGC: { strategy: 'OnDeletion' }, templates: [{ name: 'main', container: container() }] }),
    'spec.artifactGC.strategy', 'use one of "OnWorkflowCompletion", "OnWorkflowDeletion", "Never"'],
  ['Argo workflow-level dnsPolicy is a Kubernetes DNSPolicy', workflow({ dnsPolicy: 'ClusterFirstWithHost', templates: [{ name: 'main', container: container() }] }),
    'spec.dnsPolicy', 'did you mean "ClusterFirstWithHostNet"?'],
  ['a Kubernetes enum in an Argo container template', workflow({ templates: [{ name: 'main', container: container({ imagePullPolicy: 'Sometimes' }) }] }),
    'spec.templates[0].container.imagePullPolicy', 'use one of "Always", "Never", "IfNotPresent"'],
  ['a Kubernetes enum in an Argo script template (inlines Container)', workflow({ templates: [{ name: 'main', script: container({ source: 'echo', imagePullPolicy: 'Sometimes' }) }] }),
    'spec.templates[0].script.imagePullPolicy', 'use one of "Always", "Never", "IfNotPresent"'],
  ['a Kubernetes enum in an Argo sidecar (UserContainer inlines Container)', workflow({ templates: [{ name: 'main', container: container(), sidecars: [container({ name: 's', ports: [{ containerPort: 80, protocol: 'Tcp' }] })] }] }),
    'spec.templates[0].sidecars[0].ports[0].protocol', 'did you mean "TCP"?'],
  ['a Kubernetes enum in an Argo containerSet (ContainerNode inlines Container)', workflow({ templates: [{ name: 'main', containerSet: { containers: [container({ imagePullPolicy: 'Sometimes' })] } }] }),
    'spec.templates[0].containerSet.containers[0].imagePullPolicy', 'use one of "Always", "Never", "IfNotPresent"'],
  ['a Kubernetes enum in Argo templateDefaults', workflow({ templateDefaults: { container: { imagePullPolicy: 'Sometimes' } }, templates: [{ name: 'main', container: container() }] }),
    'spec.templateDefaults.container.imagePullPolicy', 'use one of "Always", "Never", "IfNotPresent"'],
  ['a Kubernetes enum in a TFJob replica template (the CRD inlines PodTemplateSpec)', tfJob({ containers: [container({ name: 'tensorflow', imagePullPolicy: 'Sometimes' })] }),
    'spec.tfReplicaSpecs.Worker.template.spec.containers[0].imagePullPolicy', 'use one of "Always", "Never", "IfNotPresent"'],
  ['a toleration effect in a TFJob replica template', tfJob({ tolerations: [{ key: 'gpu', operator: 'Exists', effect: 'NoSchedul' }], containers: [container({ name: 'tensorflow' })] }),
    'spec.tfReplicaSpecs.Worker.template.spec.tolerations[0].effect', 'did you mean "NoSchedule"?'],
])('%s is an enum violation', (_, object, at, fix) => {
  const found = registry.validate(object).filter((v) => v.rule === 'enum');
  expect(found.map((v) => ({ path: v.path, fix: v.fix }))).toEqual([{ path: at, fix }]);
  expect(found[0].message).toMatch(/^string ".*" is not one of "/);
});

test('the message lists the allowed values', () => {
  expect(registry.validate(service({ type: 'Public', ports: [{ port: 80 }] }))).toEqual([{
    path: 'spec.type', rule: 'enum', message: 'string "Public" is not one of "ClusterIP", "NodePort", "LoadBalancer", "ExternalName"',
    fix: 'use one of "ClusterIP", "NodePort", "LoadBalancer", "ExternalName"',
  }]);
});

// Values the servers accept: none may be flagged.
test.each([
  ['Service type ExternalName', service({ type: 'ExternalName', externalName: 'db.example.com' })],
  ['every Service type and traffic policy', service({ type: 'LoadBalancer', externalTrafficPolicy: 'Local', internalTrafficPolicy: 'Cluster', sessionAffinity: 'ClientIP', ipFamilyPolicy: 'PreferDualStack', ipFamilies: ['IPv4', 'IPv6'], ports: [{ port: 80, protocol: 'SCTP' }] })],
  ['empty strings leave enum fields unset (defaulted by the server)', deployment({ restartPolicy: '', dnsPolicy: '', containers: [container({ imagePullPolicy: '', ports: [{ containerPort: 80, protocol: '' }] })] }, { strategy: { type: '' } })],
  ['Secret types are open (custom types like helm.sh/release.v1)', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, type: 'helm.sh/release.v1' }],
  ['readiness gate condition types are open', deployment({ readinessGates: [{ conditionType: 'example.com/feature-1' }], containers: [container()] })],
  ['emptyDir HugePages-<size> media', deployment({ volumes: [{ name: 'v', emptyDir: { medium: 'HugePages-2Mi' } }], containers: [container()] })],
  ['sidecar restartPolicy Always', deployment({ initContainers: [container({ name: 'proxy', restartPolicy: 'Always' })], containers: [container()] })],
  ['Argo: templated values in template fields are substituted first', workflow({ templates: [{ name: 'main', retryStrategy: { retryPolicy: '{{inputs.parameters.policy}}' }, container: container({ imagePullPolicy: '{{workflow.parameters.pull}}' }) }] })],
  ['Argo: a templated workflow-level dnsPolicy', workflow({ dnsPolicy: '{{workflow.parameters.dns}}', templates: [{ name: 'main', container: container() }] })],
  ['Argo: every retry policy, pod GC and artifact GC strategy', workflow({ podGC: { strategy: 'OnWorkflowSuccess' }, artifactGC: { strategy: 'Never' }, volumeClaimGC: { strategy: 'OnWorkflowCompletion' }, templates: [{ name: 'main', retryStrategy: { retryPolicy: 'OnTransientError' }, container: container() }] })],
  ['Argo: an unknown gauge operation is Set before 4.0 (no marker; metrics_custom.go defaults)', workflow({ templates: [{ name: 'main', container: container(), metrics: { prometheus: [{ name: 'm', help: 'h', gauge: { value: '1', operation: 'Replace' } }] } }] })],
])('%s: no enum violation', (_, object) => {
  expect(registry.validate(object).filter((v) => v.rule === 'enum')).toEqual([]);
});

test.each([
  ['1.33', ['spec.template.spec.containers[0].restartPolicy']],
  ['1.34', []],
])('container restartPolicy Never is valid from 1.34 (ContainerRestartRules): Kubernetes %s', async (version, paths) => {
  const versioned = await loadRegistry({ versions: { versions: { kubernetesVersion: version }, source: 'flag' } });
  const found = versioned.validate(deployment({ containers: [container({ restartPolicy: 'Never' })] })).filter((v) => v.rule === 'enum');
  expect(found.map((v) => v.path)).toEqual(paths);
});

test('Argo 4.x declares gauge operations with a kubebuilder marker', async () => {
  const argo41 = await loadRegistry({ versions: { versions: { argoVersion: '4.1' }, source: 'flag' } });
  const object = workflow({ templates: [{ name: 'main', container: container(), metrics: { prometheus: [{ name: 'm', help: 'h', gauge: { value: '1', operation: 'Replace' } }] } }] });
  expect(argo41.validate(object).filter((v) => v.rule === 'enum').map((v) => v.path)).toEqual(['spec.templates[0].metrics.prometheus[0].gauge.operation']);
});

test('a TFJob CRD from imports/ (replica types as named properties) gets the same enum fields as the built-in one', async () => {
  const withCrd = await loadRegistry({ cwd: path.resolve(__dirname, '../../..') });
  const found = withCrd.validate(tfJob({ containers: [container({ name: 'tensorflow', imagePullPolicy: 'Sometimes' })] }));
  expect(found.map((v) => `${v.rule} ${v.path}`)).toEqual(['enum spec.tfReplicaSpecs.Worker.template.spec.containers[0].imagePullPolicy']);
});
