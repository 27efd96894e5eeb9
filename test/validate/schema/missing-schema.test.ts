import { loadRegistry } from './load-registry';

test('a kind without a schema is a missing-schema violation that says how to add one', async () => {
  const registry = await loadRegistry();
  expect(registry.has('example.com/v1', 'Widget')).toBe(false);
  expect(registry.validate({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } })).toEqual([
    {
      path: '',
      message: 'no schema for example.com/v1 Widget',
      rule: 'missing-schema',
      fix: 'add the CustomResourceDefinition of Widget to imports/ or pass it with --crd, or use --ignore-missing-schemas',
    },
  ]);
});

test('a known kind under an unknown apiVersion suggests the versions kfops knows', async () => {
  const [violation] = (await loadRegistry()).validate({ apiVersion: 'apps/v2', kind: 'Deployment' });
  expect(violation.rule).toBe('missing-schema');
  expect(violation.fix).toBe('use apiVersion apps/v1, which kfops knows for Deployment');
});

test('ignoreMissingSchemas lets kinds without schema pass', async () => {
  const registry = await loadRegistry({ ignoreMissingSchemas: true });
  expect(registry.validate({ apiVersion: 'example.com/v1', kind: 'Widget' })).toEqual([]);
  // Gateway API is a CRD in a *.k8s.io group that Kubernetes itself serves no HTTPRoute in.
  expect(registry.validate({ apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute' })).toEqual([]);
});

// No CRD can serve the core group or a group without a dot, nor stand in for a version Kubernetes removed: the
// cluster refuses these whatever CRDs it has (kubeflow/examples' extensions/v1beta1 Deployments).
test.each([
  ['a removed group (extensions/v1beta1, gone in 1.16)', 'extensions/v1beta1', 'Deployment', 'use apiVersion apps/v1, which kfops knows for Deployment'],
  ['a removed version of a *.k8s.io group (networking.k8s.io/v1beta1, gone in 1.22)', 'networking.k8s.io/v1beta1', 'Ingress', 'use apiVersion networking.k8s.io/v1, which kfops knows for Ingress'],
  ['a kind the core group does not have', 'v1', 'Widget', 'v1 is an API group of Kubernetes itself, which serves no Widget there: check the kind and apiVersion'],
])('ignoreMissingSchemas does not cover %s', async (_, apiVersion, kind, fix) => {
  const [violation] = (await loadRegistry({ ignoreMissingSchemas: true })).validate({ apiVersion, kind });
  expect(violation).toMatchObject({ rule: 'missing-schema', fix: `${fix} (--ignore-missing-schemas covers custom resources, not the APIs Kubernetes serves)` });
});

test.each([
  ['no apiVersion', { kind: 'Deployment' }, 'apiVersion'],
  ['empty kind', { apiVersion: 'v1', kind: '' }, 'kind'],
  ['numeric apiVersion', { apiVersion: 1, kind: 'Pod' }, 'apiVersion'],
])('an object with %s is an invalid-object violation', async (_, obj, path) => {
  const [violation] = (await loadRegistry()).validate(obj);
  expect(violation).toMatchObject({ path, rule: 'invalid-object' });
});

test('has() knows built-in kinds of every package', async () => {
  const registry = await loadRegistry();
  expect(['apps/v1 Deployment', 'argoproj.io/v1alpha1 CronWorkflow', 'argoproj.io/v1alpha1 AppProject', 'autoscaling/v2 HorizontalPodAutoscaler']
    .map((k) => registry.has(k.split(' ')[0], k.split(' ')[1]))).toEqual([true, true, true, true]);
});
