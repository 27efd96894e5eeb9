import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { FIXTURES, loadRegistry, rulesAt } from './load-registry';

test('a CRD found in the input makes its custom resources in the same bundle validate', async () => {
  const registry = await loadRegistry();
  const [crd] = parseAllDocuments(fs.readFileSync(path.join(FIXTURES, 'crds/widgets.example.com.yaml'), 'utf8')).map(
    (d) => (d as { toJS(): Record<string, unknown> }).toJS(),
  );
  const widget = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' }, spec: { size: 1, colour: 'red' } };
  expect(rulesAt(registry.validate(widget))).toEqual(['missing-schema ']);
  registry.registerCrd(crd, 'bundle.yaml#1');
  expect(registry.has('example.com/v1', 'Widget')).toBe(true);
  expect(rulesAt(registry.validate(widget))).toEqual(['unknown-field spec.colour']);
});

test('a CRD whose root preserves unknown fields does not replace a built-in schema', async () => {
  const registry = await loadRegistry();
  // Argo's default install CRDs carry no schema, only this.
  registry.registerCrd(
    {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'workflowtemplates.argoproj.io' },
      spec: { group: 'argoproj.io', names: { kind: 'WorkflowTemplate' }, versions: [{ name: 'v1alpha1', schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } }] },
    },
    'argo-install.yaml',
  );
  const wt = { apiVersion: 'argoproj.io/v1alpha1', kind: 'WorkflowTemplate', metadata: { name: 'w' }, spec: { templatez: [] } };
  expect(rulesAt(registry.validate(wt))).toEqual(['unknown-field spec.templatez']);
});

test('a CRD that leaves spec open (Argo\'s minimized "full" CRDs) does not replace a built-in schema either', async () => {
  const registry = await loadRegistry();
  const open = { type: 'object', 'x-kubernetes-preserve-unknown-fields': true, 'x-kubernetes-map-type': 'atomic' };
  registry.registerCrd(
    {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'workflows.argoproj.io' },
      spec: { group: 'argoproj.io', names: { kind: 'Workflow' }, versions: [{ name: 'v1alpha1', schema: { openAPIV3Schema: { type: 'object', required: ['metadata', 'spec'], properties: { apiVersion: { type: 'string' }, kind: { type: 'string' }, metadata: { type: 'object' }, spec: open, status: open } } } }] },
    },
    'argo-full-crds.yaml',
  );
  const wf = { apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow', metadata: { generateName: 'w-' }, spec: { entrypoint: 'a', templatez: [] } };
  expect(rulesAt(registry.validate(wf))).toEqual(['unknown-field spec.templatez']);
});

test('a CRD with a real schema replaces the built-in one for its kind', async () => {
  const registry = await loadRegistry();
  registry.registerCrd(
    {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'workflowtemplates.argoproj.io' },
      spec: { group: 'argoproj.io', names: { kind: 'WorkflowTemplate' }, versions: [{ name: 'v1alpha1', schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', properties: { only: { type: 'string' } } } } } } }] },
    },
    'custom.yaml',
  );
  const wt = { apiVersion: 'argoproj.io/v1alpha1', kind: 'WorkflowTemplate', metadata: { name: 'w' }, spec: { only: 'x' } };
  expect(registry.validate(wt)).toEqual([]);
});

test('registering a CRD in one registry does not leak into another', async () => {
  const one = await loadRegistry();
  one.registerCrd(
    { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'x.example.com' }, spec: { group: 'example.com', names: { kind: 'X' }, versions: [{ name: 'v1' }] } },
    'x.yaml',
  );
  expect(one.has('example.com/v1', 'X')).toBe(true);
  expect((await loadRegistry()).has('example.com/v1', 'X')).toBe(false);
});

test('a CRD property with no schema (left empty in YAML) says nothing of its value; its siblings are still checked', async () => {
  const registry = await loadRegistry();
  const properties = { size: null, color: { type: 'string' } };
  registry.registerCrd({
    apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'gadgets.example.com' },
    spec: { group: 'example.com', names: { kind: 'Gadget' }, versions: [{ name: 'v1', schema: { openAPIV3Schema: {
      type: 'object', properties: { spec: { type: 'object', properties } } } } }] },
  }, 'bundle.yaml#1');
  const gadget = (color: unknown) => ({ apiVersion: 'example.com/v1', kind: 'Gadget', metadata: { name: 'g' }, spec: { size: { a: 1 }, color } });
  expect(rulesAt(registry.validate(gadget('red')))).toEqual([]);
  expect(rulesAt(registry.validate(gadget(1)))).toEqual(['type spec.color']);
});

test('a malformed type (no names, or a name that is no string) takes no value, as a type list that matches nothing', async () => {
  const registry = await loadRegistry();
  const properties = { empty: { type: [] }, nulls: { type: [null] }, nested: { type: [['string']] }, either: { type: ['string', null] } };
  registry.registerCrd({
    apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'oddities.example.com' },
    spec: { group: 'example.com', names: { kind: 'Oddity' }, versions: [{ name: 'v1', schema: { openAPIV3Schema: {
      type: 'object', properties: { spec: { type: 'object', properties } } } } }] },
  }, 'bundle.yaml#1');
  const oddity = (spec: Record<string, unknown>) => ({ apiVersion: 'example.com/v1', kind: 'Oddity', metadata: { name: 'o' }, spec });
  expect(rulesAt(registry.validate(oddity({ empty: 'a', nulls: 'x', nested: 'b', either: 'c' })))).toEqual(['type spec.empty', 'type spec.nulls', 'type spec.nested']);
  expect(rulesAt(registry.validate(oddity({ either: 1 })))).toEqual(['type spec.either']);
});
