import * as os from 'os';
import { SchemaRegistry } from '../../../../lib/validate/schema';
import { checkArgoWorkflow } from '../../../../lib/validate/checks';
import { KubeObject, ObjectIndex } from '../../../../lib/validate/object-index';
import { rules, workflow } from '../../builders';

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

/** A `patch` template, as Argo's k8s-json-patch-workflow and k8s-patch-merge-pod examples. */
function patch(manifest: string, mergeStrategy: string, flags?: unknown[]) {
  return workflow([{ name: 'main', resource: { action: 'patch', mergeStrategy, ...(flags && { flags }), manifest } }]);
}

function resourceWorkflow(manifest: string, action = 'create', inputs: unknown[] = [{ name: 'version', default: '2.14.0' }], extra: Record<string, unknown> = {}) {
  return workflow([{ name: 'main', inputs: { parameters: inputs }, resource: { action, manifest, ...extra } }],
    { arguments: { parameters: [{ name: 'replicas', value: '2' }] } });
}

function withReplicas(value: string) {
  return workflow([{ name: 'main', inputs: { parameters: [{ name: 'version', default: '1' }] }, resource: { action: 'apply', manifest: deployment('{{workflow.parameters.replicas}}') } }],
    { arguments: { parameters: [{ name: 'replicas', value }] } });
}

// validate.go validateLeaf (resource: the manifest must be valid YAML once expressions are placeholders) and the
// executor's getKubectlArguments (when kubectl reads the object from the manifest, it needs apiVersion and kind).
describe('resource template manifests', () => {
  const run = (object: KubeObject) => rules(checkArgoWorkflow(object, { index: new ObjectIndex([object]), schemas })
    .filter((v) => v.rule.startsWith('argo/resource-manifest')));

  test.each<[string, KubeObject, string[]]>([
    ['valid manifest with defaults substituted', resourceWorkflow(deployment('{{workflow.parameters.replicas}}')), []],
    ['value unknown until run time is not judged', resourceWorkflow(deployment('{{inputs.parameters.n}}'), 'create', [{ name: 'version', default: '1' }, { name: 'n' }]), []],
    ['an expression is a placeholder', resourceWorkflow(deployment('{{=asInt(inputs.parameters.version)}}')), []],
    // Argo's e2e workflow-template-with-resource-expr: the expression's own quotes sit inside a quoted YAML string,
    // which only its value (SubstituteResourceManifestExpressions: a placeholder) ends up in.
    ['an expression with quotes inside a quoted string', resourceWorkflow(deployment('2').replace('image: "tensorflow/serving:{{inputs.parameters.version}}"',
      'image: "tensorflow/serving:{{=sprig.replace("a", "b", inputs.parameters.version)}}"')), []],
    ['schema violation in the manifest', resourceWorkflow(deployment('2').replace('replicas: 2', 'replicaz: 2')), ['error:argo/resource-manifest']],
    ['wrong type', resourceWorkflow(deployment('two')), ['error:argo/resource-manifest']],
    ['wrong type after substitution', withReplicas('many'), ['error:argo/resource-manifest']],
    ['YAML syntax error', resourceWorkflow('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x\n'), ['error:argo/resource-manifest']],
    ['not an object', resourceWorkflow('- a\n- b\n'), ['error:argo/resource-manifest']],
    ['an object without kind for create', resourceWorkflow('metadata: {name: x}\n'), ['error:argo/resource-manifest']],
    ['partial manifest for delete is fine', resourceWorkflow('apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: web\n', 'delete'), []],
    ['a JSON patch is a list of operations', patch('- op: add\n  path: /metadata/labels/foo\n  value: bar\n', 'json', ['workflow', '{{workflow.name}}']), []],
    ['a JSON patch that is an object', patch('apiVersion: v1\nkind: Pod\n', 'json', ['pod', 'x']), ['error:argo/resource-manifest']],
    ['a JSON patch without flags naming its object', patch('- op: add\n  path: /x\n  value: y\n', 'json'), ['error:argo/resource-manifest']],
    ['a merge patch of an object the flags name', patch('metadata:\n  annotations:\n    foo: bar\n', 'merge', ['pod', '{{pod.name}}']), []],
    ['a merge patch naming no object', patch('metadata:\n  annotations:\n    foo: bar\n', 'merge'), ['error:argo/resource-manifest']],
    ['a whole manifest from a parameter', resourceWorkflow('{{inputs.parameters.manifest}}', 'apply', [{ name: 'manifest' }]), []],
    ['a manifest from a parameter with a default', resourceWorkflow('{{inputs.parameters.manifest}}', 'apply', [{ name: 'manifest', default: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n' }]), []],
    ['an action from a parameter', resourceWorkflow('metadata: {name: x}\n', '{{inputs.parameters.action}}', [{ name: 'action' }]), []],
    ['kind without schema is a warning', resourceWorkflow('apiVersion: example.com/v1\nkind: Gadget\nmetadata: {name: g}\n'), ['warning:argo/resource-manifest-schema']],
  ])('%s', (_, object, expected) => {
    expect(run(object)).toEqual(expected);
  });

  // common.SubstituteParams: globals first, then inputs as that pass left them. The input `replicas` defaults to a
  // workflow parameter, so `replicas: {{inputs.parameters.replicas}}` is the integer the parameter holds.
  test.each<[string, string, string[]]>([
    ['an input defaulting to a workflow parameter', '3', []],
    ['the same, with a parameter that is not a number', 'many', ['error:argo/resource-manifest']],
  ])('%s is substituted in two passes, as the controller does', (_, value, expected) => {
    const object = workflow([{
      name: 'main', inputs: { parameters: [{ name: 'version', default: '1' }, { name: 'replicas', value: '{{workflow.parameters.replicas}}' }] },
      resource: { action: 'apply', manifest: deployment('{{inputs.parameters.replicas}}') },
    }], { arguments: { parameters: [{ name: 'replicas', value }] } });
    expect(run(object)).toEqual(expected);
  });

  test('a WorkflowTemplate whose parameter is supplied at submission leaves the field unjudged', () => {
    const object = { ...workflow([{
      name: 'main', inputs: { parameters: [{ name: 'version', default: '1' }, { name: 'replicas', value: '{{workflow.parameters.replicas}}' }] },
      resource: { action: 'apply', manifest: deployment('{{inputs.parameters.replicas}}') },
    }], { arguments: { parameters: [{ name: 'replicas' }] } }), kind: 'WorkflowTemplate' };
    expect(run(object)).toEqual([]);
  });

  test('a schema violation without a fix of its own says how substituted values are read', () => {
    const [v] = checkArgoWorkflow(withReplicas('many'), { index: new ObjectIndex([]), schemas }).filter((x) => x.rule === 'argo/resource-manifest');
    expect(v.message).toContain('Deployment manifest, at spec.replicas');
    expect(v.fix).toContain('{{inputs.parameters.n}} unquoted becomes a number');
  });

  test('the violation names the manifest path inside the object', () => {
    const [v] = checkArgoWorkflow(resourceWorkflow(deployment('2').replace('replicas: 2', 'replicaz: 2')), { index: new ObjectIndex([]), schemas })
      .filter((x) => x.rule === 'argo/resource-manifest');
    expect(v.path).toBe('spec.templates[0].resource.manifest');
    expect(v.message).toContain('Deployment manifest, at spec.replicaz');
  });
});
