import * as path from 'path';
import { FIXTURES, loadRegistry, rulesAt } from './load-registry';

const CRD = path.join(FIXTURES, 'crds/widgets.example.com.yaml');
const widget = (spec: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'example.com/v1',
  kind: 'Widget',
  metadata: { name: 'w', labels: { app: 'w' } },
  spec: { size: 1, ...spec },
  ...extra,
});

const valid: [string, Record<string, unknown>][] = [
  ['x-kubernetes-int-or-string with an integer', { port: 8080 }],
  ['x-kubernetes-int-or-string with a string', { port: 'http' }],
  ['int64 beyond int32', { budget: 2 ** 40 }],
  ['x-kubernetes-preserve-unknown-fields keeps unknown fields', { config: { level: 2, anything: { deep: [1] } } }],
  ['x-kubernetes-embedded-resource allows apiVersion/kind/metadata', { template: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { replicas: 1 } } }],
  ['embedded resource with preserved fields', { anything: { apiVersion: 'v1', kind: 'ConfigMap', data: { a: 'b' } } }],
  ['list-type / map-keys / map-type are accepted as no-ops', { tags: ['a'], ports: [{ name: 'x', number: 1 }], labels: { a: 'b' } }],
  ['Go-only regex patterns are skipped', { caseInsensitive: 'ABC' }],
  ['formats the API server ignores are ignored', { color: 'not-a-color' }],
  ['formats whose meaning differs in Kubernetes are not checked (Go duration, bare-path uri)', { timeout: '1h30m', site: '/docs' }],
  ['nullable field set to null', { note: null }],
];

test.each(valid)('%s', async (_, spec) => {
  const registry = await loadRegistry({ crdPaths: [CRD] });
  expect(registry.validate(widget(spec))).toEqual([]);
});

const invalid: [string, Record<string, unknown>, string[]][] = [
  ['int-or-string rejects a boolean', widget({ port: true }), ['type spec.port']],
  ['int32 range', widget({ size: 2 ** 40 }), ['format spec.size']],
  ['minimum', widget({ size: -1 }), ['minimum spec.size']],
  ['enum', widget({ mode: 'Medium' }), ['enum spec.mode']],
  ['pattern', widget({ name: 'ABC' }), ['pattern spec.name']],
  ['required', { ...widget({}), spec: {} }, ['required spec.size']],
  ['unknown field in a structural object is pruned upstream, so an error', widget({ sise: 2 }), ['unknown-field spec.sise']],
  ['unknown field at the root', widget({}, { extra: 1 }), ['unknown-field extra']],
  ['unknown field under a known field of a preserved object is still typed', widget({ config: { level: 'high' } }), ['type spec.config.level']],
  ['embedded resource: unknown fields pruned when not preserved', widget({ template: { kind: 'Pod', foo: 1 } }), ['unknown-field spec.template.foo']],
  ['embedded resource metadata is ObjectMeta', widget({ template: { metadata: { nme: 'x' } } }), ['unknown-field spec.template.metadata.nme']],
  ['metadata is ObjectMeta', { ...widget({}), metadata: { name: 'w', labels: { a: 1 } } }, ['type metadata.labels.a']],
  ['metadata narrowed by the CRD', { ...widget({}), metadata: { name: 'a-much-too-long-name' } }, ['maxLength metadata.name']],
  ['formats Kubernetes checks too (uuid)', widget({ id: 'not-a-uuid' }), ['format spec.id']],
  ['list items keep their schema', widget({ ports: [{ number: 1 }] }), ['required spec.ports[0].name']],
];

test.each(invalid)('%s', async (_, obj, expected) => {
  const registry = await loadRegistry({ crdPaths: [CRD] });
  expect(rulesAt(registry.validate(obj))).toEqual(expected);
});

test('non-strict mode allows unknown fields but keeps every other check', async () => {
  const registry = await loadRegistry({ crdPaths: [CRD], strict: false });
  expect(registry.validate(widget({ sise: 2 }))).toEqual([]);
  expect(rulesAt(registry.validate(widget({ size: 'big' })))).toEqual(['type spec.size']);
});

test('a version whose schema preserves everything accepts anything but still checks metadata', async () => {
  const registry = await loadRegistry({ crdPaths: [CRD] });
  const obj = { apiVersion: 'example.com/v1beta1', kind: 'Widget', metadata: { name: 'w' }, spec: { whatever: true } };
  expect(registry.validate(obj)).toEqual([]);
  expect(rulesAt(registry.validate({ ...obj, metadata: { name: 3 } }))).toEqual(['type metadata.name']);
});

test('apiextensions v1beta1 CRDs use spec.validation for spec.version', async () => {
  const registry = await loadRegistry({ crdPaths: [path.join(FIXTURES, 'crds/gadgets.v1beta1.yaml')] });
  expect(registry.has('example.com/v1alpha1', 'Gadget')).toBe(true);
  const gadget = { apiVersion: 'example.com/v1alpha1', kind: 'Gadget', metadata: { name: 'g' }, spec: { count: 'many' } };
  expect(rulesAt(registry.validate(gadget))).toEqual(['type spec.count']);
});

test('an anyOf that fails reports once, and other mistakes under the same object still show', async () => {
  const registry = await loadRegistry();
  registry.registerCrd(
    {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'pairs.example.com' },
      spec: {
        group: 'example.com',
        names: { kind: 'Pair' },
        versions: [{ name: 'v1', schema: { openAPIV3Schema: { type: 'object', properties: { spec: {
          type: 'object',
          anyOf: [{ required: ['left'] }, { required: ['right'] }],
          properties: { left: { type: 'string' }, right: { type: 'string' }, size: { type: 'integer' } },
        } } } } }],
      },
    },
    'pairs.yaml',
  );
  const pair = { apiVersion: 'example.com/v1', kind: 'Pair', metadata: { name: 'p' }, spec: { size: 'big' } };
  const violations = registry.validate(pair);
  expect(rulesAt(violations)).toEqual(['anyOf spec', 'type spec.size']);
  expect(violations[0].message).toBe('object matches none of the allowed forms: object with "left" or object with "right"');
});
