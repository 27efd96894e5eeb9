import * as path from 'path';
import { FIXTURES, loadRegistry } from './load-registry';

const deployment = (spec: Record<string, unknown>, metadata: Record<string, unknown> = { name: 'web' }) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata,
  spec: { selector: {}, template: { spec: { containers: [{ name: 'a', image: 'b' }] } }, ...spec },
});

test('an unknown field names the field and suggests the closest known one', async () => {
  expect((await loadRegistry()).validate(deployment({ replicaz: 2 }))).toEqual([
    { path: 'spec.replicaz', message: 'unknown field "replicaz"', rule: 'unknown-field', fix: 'rename "replicaz" to "replicas"' },
  ]);
});

test('an unknown field with no close match lists the known fields', async () => {
  const [violation] = (await loadRegistry()).validate(deployment({}, { name: 'web', team: 'ml' }));
  expect(violation.path).toBe('metadata.team');
  expect(violation.fix).toMatch(/^remove "team"; known fields here: annotations, creationTimestamp, .* \(and \d+ more\)$/);
});

test('an abbreviated field suggests the full name', async () => {
  const [violation] = (await loadRegistry({ versions: { versions: { argoVersion: '4.1' }, source: 'flag' } })).validate({
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'WorkflowTemplate',
    metadata: { name: 'w' },
    spec: { templates: [{ name: 'a', synchronization: { mutexe: [{ name: 'm' }] } }] },
  });
  expect(violation).toEqual({
    path: 'spec.templates[0].synchronization.mutexe',
    message: 'unknown field "mutexe"',
    rule: 'unknown-field',
    fix: 'rename "mutexe" to "mutexes"',
  });
});

test('a type error names the expected type and the value', async () => {
  expect((await loadRegistry()).validate(deployment({ replicas: 'two' }))).toEqual([
    { path: 'spec.replicas', message: 'expected integer, got string "two"', rule: 'type' },
  ]);
});

test('a number where a string belongs suggests quoting it', async () => {
  const [violation] = (await loadRegistry()).validate(deployment({}, { name: 'web', labels: { version: 2 } }));
  expect(violation).toEqual({ path: 'metadata.labels.version', message: 'expected string, got number 2', rule: 'type', fix: 'quote the value: "2"' });
});

test('an enum error lists the allowed values and suggests the closest', async () => {
  const registry = await loadRegistry({ crdPaths: [path.join(FIXTURES, 'crds/widgets.example.com.yaml')] });
  expect(registry.validate({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' }, spec: { size: 1, mode: 'fast' } })).toEqual([
    { path: 'spec.mode', message: 'string "fast" is not one of "Fast", "Slow"', rule: 'enum', fix: 'did you mean "Fast"?' },
  ]);
});

test('a missing required field points at where it belongs', async () => {
  const obj = deployment({});
  delete (obj.spec as Record<string, unknown>).selector;
  expect((await loadRegistry()).validate(obj)).toEqual([
    { path: 'spec.selector', message: 'missing required field "selector"', rule: 'required', fix: 'add "selector"' },
  ]);
});

test('keys that are not identifiers are quoted in paths', async () => {
  const [violation] = (await loadRegistry()).validate(deployment({}, { name: 'w', annotations: { 'app.kubernetes.io/part-of': true } }));
  expect(violation.path).toBe('metadata.annotations["app.kubernetes.io/part-of"]');
});

test('a non-integer int32 field reports the type once, not also the format', async () => {
  expect((await loadRegistry()).validate(deployment({ replicas: 1.5 })).map((v) => v.rule)).toEqual(['type']);
});

test('null fields count as unset, as the API server reads them', async () => {
  expect((await loadRegistry()).validate(deployment({ replicas: null, strategy: null }, { name: 'w', creationTimestamp: null }))).toEqual([]);
});

test('a required field set to null is missing, and an unknown field set to null is no field at all', async () => {
  expect((await loadRegistry()).validate(deployment({ selector: null, replicaz: null }))).toEqual([
    { path: 'spec.selector', message: 'missing required field "selector"', rule: 'required', fix: 'add "selector"' },
  ]);
});

test('null fields inside list items are unset too, and null items stay values', async () => {
  const registry = await loadRegistry();
  const withContainers = (containers: unknown[]) => deployment({ template: { metadata: { labels: { app: 'w' } }, spec: { containers } } });
  expect(registry.validate(withContainers([{ name: 'main', image: 'busybox:1.36', command: null, imagePullPolicy: null }]))).toEqual([]);
  expect(registry.validate(withContainers([null])).map((v) => `${v.rule} ${v.path}`)).toEqual(['type spec.template.spec.containers[0]']);
});

test('violations come back in a stable order for the same input', async () => {
  const obj = deployment({ replicaz: 1, paused: 'no', strategy: { type: 'x' } });
  const registry = await loadRegistry();
  expect(registry.validate(obj)).toEqual(registry.validate(structuredClone(obj)));
});

test('a misspelt required field is one violation, not also a missing one', async () => {
  const cron = {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'CronWorkflow',
    metadata: { name: 'nightly' },
    spec: { schedules: ['0 3 * * *'], workflowSpecs: { workflowTemplateRef: { name: 'train' } } },
  };
  expect((await loadRegistry()).validate(cron)).toEqual([
    { path: 'spec.workflowSpecs', message: 'unknown field "workflowSpecs"', rule: 'unknown-field', fix: 'rename "workflowSpecs" to "workflowSpec"' },
  ]);
});

test('non-strict mode lets unknown fields of built-in kinds pass and checks the rest', async () => {
  const registry = await loadRegistry({ strict: false });
  expect(registry.validate(deployment({ replicaz: 2 }))).toEqual([]);
  expect(registry.validate(deployment({ replicaz: 2, replicas: 'two' })).map((v) => `${v.rule} ${v.path}`)).toEqual(['type spec.replicas']);
});

test('per object: its unknown fields, then its missing required fields, then its fields\' own violations, in key order', async () => {
  // A container with a field of the wrong type before an unknown one, and no required `name`: the object's own
  // findings come first whatever the order of its keys, then each field's, as the keys are written; null is unset.
  const violations = (await loadRegistry()).validate(deployment({
    template: { spec: { containers: [{ image: 'b', ports: [{ containerPort: 'http' }], imagePullPolicy: null, args: [1], extra: true }] } },
  }));
  expect(violations.map((v) => `${v.rule} ${v.path}`)).toEqual([
    'unknown-field spec.template.spec.containers[0].extra',
    'required spec.template.spec.containers[0].name',
    'type spec.template.spec.containers[0].ports[0].containerPort',
    'type spec.template.spec.containers[0].args[0]',
  ]);
});
