import { loadRegistry, rulesAt } from './load-registry';

const pod = { containers: [{ name: 'app', image: 'nginx:1.27', ports: [{ containerPort: 80, name: 'http' }] }] };
const template = { metadata: { labels: { app: 'web' } }, spec: pod };

const valid: [string, Record<string, unknown>][] = [
  ['Deployment', { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template } }],
  ['StatefulSet', { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'db' }, spec: { serviceName: 'db', selector: { matchLabels: { app: 'web' } }, template } }],
  ['Service', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { type: 'ClusterIP', selector: { app: 'web' }, ports: [{ port: 80, targetPort: 'http', protocol: 'TCP' }] } }],
  ['ConfigMap', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', creationTimestamp: null }, data: { 'app.properties': 'a=b' } }],
  ['Secret', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, type: 'Opaque', data: { token: 'c2VjcmV0' } }],
  // Go's base64 decoding skips \r and \n anywhere: a block scalar's last line break, output wrapped by `base64`.
  ['Secret data in a block scalar and wrapped', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { a: 'YWJj\n', b: 'YWJj\r\nZGVm\nZ2hp\n', c: 'YQ=\n=' } }],
  ['ConfigMap binaryData in a block scalar', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, binaryData: { a: 'YWJj\n' } }],
  ['HPA autoscaling/v2', { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'web' }, spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, minReplicas: 1, maxReplicas: 5, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }] } }],
  ['Role', { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'r' }, rules: [{ apiGroups: ['argoproj.io'], resources: ['workflows'], verbs: ['get', 'list'] }] }],
  ['RoleBinding', { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: 'rb' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'r' }, subjects: [{ kind: 'ServiceAccount', name: 'argo' }] }],
  ['Job', { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j' }, spec: { backoffLimit: 2, template: { spec: { ...pod, restartPolicy: 'Never' } } } }],
  ['CronJob batch/v1', { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'c' }, spec: { schedule: '0 * * * *', jobTemplate: { spec: { template: { spec: { ...pod, restartPolicy: 'OnFailure' } } } } } }],
  ['Namespace', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'ml' } }],
  ['PersistentVolumeClaim', { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '10Gi' } } } }],
  ['CustomResourceDefinition with the schema\'s either-or fields', crd({ m: { type: 'object', additionalProperties: true }, n: { type: 'object', additionalProperties: { type: 'string' } }, t: { type: 'array', items: [{ type: 'string' }] }, d: { type: 'object', dependencies: { a: ['b'] }, default: {} } })],
];

function crd(properties: Record<string, unknown>): Record<string, unknown> {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: 'things.example.com' },
    spec: { group: 'example.com', scope: 'Namespaced', names: { kind: 'Thing', plural: 'things' }, versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', properties } } }] },
  };
}

test.each(valid)('valid %s has no violations', async (_, obj) => {
  expect((await loadRegistry()).validate(obj)).toEqual([]);
});

const invalid: [string, Record<string, unknown>, string[]][] = [
  ['Deployment replicas as string', { apiVersion: 'apps/v1', kind: 'Deployment', spec: { replicas: 'two', selector: {}, template } }, ['type spec.replicas']],
  ['Deployment missing template', { apiVersion: 'apps/v1', kind: 'Deployment', spec: { selector: {} } }, ['required spec.template']],
  ['Deployment container without name', { apiVersion: 'apps/v1', kind: 'Deployment', spec: { selector: {}, template: { spec: { containers: [{ image: 'x' }] } } } }, ['required spec.template.spec.containers[0].name']],
  ['Service port as a string', { apiVersion: 'v1', kind: 'Service', spec: { ports: [{ port: '80' }] } }, ['type spec.ports[0].port']],
  ['Secret data that is no base64 once line breaks are skipped', { apiVersion: 'v1', kind: 'Secret', data: { a: 'YWJ\nj\n=', b: 'YW Jj' } }, ['format data.a', 'format data.b']],
  ['Service port too large for int32', { apiVersion: 'v1', kind: 'Service', spec: { ports: [{ port: 2 ** 40 }] } }, ['format spec.ports[0].port']],
  ['ConfigMap data value as number', { apiVersion: 'v1', kind: 'ConfigMap', data: { replicas: 3 } }, ['type data.replicas']],
  ['ConfigMap bad creationTimestamp', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { creationTimestamp: 'now' } }, ['format metadata.creationTimestamp']],
  ['HPA without maxReplicas', { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', spec: { minReplicas: 'one', scaleTargetRef: { kind: 'Deployment', name: 'w' } } }, ['required spec.maxReplicas', 'type spec.minReplicas']],
  ['Role rule without verbs', { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', rules: [{ resources: ['pods'] }] }, ['required rules[0].verbs']],
  ['PVC bad storage quantity', { apiVersion: 'v1', kind: 'PersistentVolumeClaim', spec: { resources: { requests: { storage: '10 GB' } } } }, ['format spec.resources.requests.storage']],
  // apimachinery's suffixes are n u m k M G T P E and Ki..Ei: a day (d) or a lowercase binary suffix is no quantity.
  ['PVC storage in an SI suffix Kubernetes lacks', { apiVersion: 'v1', kind: 'PersistentVolumeClaim', spec: { resources: { requests: { storage: '1d' } } } }, ['format spec.resources.requests.storage']],
  ['container memory with a lowercase binary suffix', { apiVersion: 'v1', kind: 'Pod', spec: { containers: [{ name: 'm', resources: { limits: { memory: '1gi' } } }] } }, ['format spec.containers[0].resources.limits.memory']],
  ['CRD additionalProperties as a string', crd({ m: { type: 'object', additionalProperties: 'yes' } }), ['anyOf spec.versions[0].schema.openAPIV3Schema.properties.m.additionalProperties']],
  ['CRD additionalProperties schema with a typo', crd({ m: { type: 'object', additionalProperties: { typ: 'string' } } }), ['unknown-field spec.versions[0].schema.openAPIV3Schema.properties.m.additionalProperties.typ', 'anyOf spec.versions[0].schema.openAPIV3Schema.properties.m.additionalProperties']],
  ['Deployment unknown field', { apiVersion: 'apps/v1', kind: 'Deployment', spec: { replicaz: 2, selector: {}, template } }, ['unknown-field spec.replicaz']],
];

test.each(invalid)('%s is reported', async (_, obj, expected) => {
  expect(rulesAt((await loadRegistry()).validate(obj))).toEqual(expected);
});
