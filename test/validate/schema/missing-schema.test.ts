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
