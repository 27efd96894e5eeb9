import * as os from 'os';
import { SchemaRegistry } from '../../../lib/validate/schema';
import { checkResourceManifests } from '../../../lib/validate/checks';
import { ObjectIndex } from '../../../lib/validate/object-index';
import { rules, workflow } from '../builders';

let schemas: SchemaRegistry;
beforeAll(async () => {
  schemas = await SchemaRegistry.load({ cwd: os.tmpdir() });
});

const deployment = (replicas: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: "{{workflow.name}}-serve"
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: serve}}
  template:
    metadata: {labels: {app: serve}}
    spec:
      containers:
      - name: serve
        image: "tensorflow/serving:{{inputs.parameters.version}}"
`;

/** A `patch` template with `mergeStrategy: json`, as Argo's k8s-json-patch-workflow example. */
function jsonPatch(manifest: string) {
  return workflow([{ name: 'main', resource: { action: 'patch', mergeStrategy: 'json', flags: ['workflow', '{{workflow.name}}'], manifest } }]);
}

function resourceWorkflow(manifest: string, action = 'create', inputs: unknown[] = [{ name: 'version', default: '2.14.0' }]) {
  return workflow([{ name: 'main', inputs: { parameters: inputs }, resource: { action, manifest } }],
    { arguments: { parameters: [{ name: 'replicas', value: '2' }] } });
}

/** A Workflow whose replicas parameter defaults to `value`, applied into the manifest. */
function withReplicas(value: string) {
  return workflow([{ name: 'main', inputs: { parameters: [{ name: 'version', default: '1' }] }, resource: { action: 'apply', manifest: deployment('{{workflow.parameters.replicas}}') } }],
    { arguments: { parameters: [{ name: 'replicas', value }] } });
}

describe('checkResourceManifests', () => {
  const run = (object: Record<string, unknown>) => checkResourceManifests(object, { index: new ObjectIndex([object]), schemas });

  test.each<[string, Record<string, unknown>, string[]]>([
    ['valid manifest with defaults substituted', resourceWorkflow(deployment('{{workflow.parameters.replicas}}')), []],
    ['value unknown until run time is not judged', resourceWorkflow(deployment('{{inputs.parameters.n}}'), 'create', [{ name: 'version', default: '1' }, { name: 'n' }]), []],
    ['schema violation in the manifest', resourceWorkflow(deployment('2').replace('replicas: 2', 'replicaz: 2')), ['error:argo/resource-manifest']],
    ['wrong type', resourceWorkflow(deployment('two')), ['error:argo/resource-manifest']],
    ['wrong type after substitution', withReplicas('many'), ['error:argo/resource-manifest']],
    ['YAML syntax error', resourceWorkflow('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x\n'), ['error:argo/resource-manifest']],
    ['not an object', resourceWorkflow('- a\n- b\n'), ['error:argo/resource-manifest']],
    ['partial manifest for delete is fine', resourceWorkflow('apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: web\n', 'delete'), []],
    ['a JSON patch is a list of operations', jsonPatch('- op: add\n  path: /metadata/labels/foo\n  value: bar\n'), []],
    ['a JSON patch that is an object', jsonPatch('apiVersion: v1\nkind: Pod\n'), ['error:argo/resource-manifest']],
    ['kind without schema is a warning', resourceWorkflow('apiVersion: example.com/v1\nkind: Gadget\nmetadata: {name: g}\n'), ['warning:argo/resource-manifest-schema']],
  ])('%s', (_, object, expected) => {
    expect(rules(run(object))).toEqual(expected);
  });

  test('the violation names the manifest path inside the object', () => {
    const [v] = run(resourceWorkflow(deployment('2').replace('replicas: 2', 'replicaz: 2')));
    expect(v.path).toBe('spec.templates[0].resource.manifest');
    expect(v.message).toContain('Deployment manifest, at spec.replicaz');
  });
});
