import { checkArgoVariables } from '../../../lib/validate/checks';
import { KubeObject } from '../../../lib/validate/object-index';
import { container, dag, rules, runCheck, workflow } from '../builders';

const echo = { name: 'echo', inputs: { parameters: [{ name: 'msg' }] }, container: { image: 'a:1', args: ['{{inputs.parameters.msg}}'] },
  outputs: { parameters: [{ name: 'out', valueFrom: { path: '/tmp/out' } }] } };
const script = { name: 'gen', script: { image: 'python:3.12', source: 'print(1)' } };
const resource = { name: 'make', resource: { action: 'create', manifest: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n' } };
const pass = (value: string) => ({ parameters: [{ name: 'msg', value }] });

/** A Workflow running a DAG whose task `b` passes `value` to echo, after task `a` (and `g`, a script). */
function dagPassing(value: string, extra: Record<string, unknown> = {}, spec: Record<string, unknown> = {}): KubeObject {
  return workflow([
    dag([
      { name: 'a', template: 'echo', arguments: pass('x') },
      { name: 'g', template: 'gen' },
      { name: 'r', template: 'make' },
      { name: 'b', template: 'echo', dependencies: ['a', 'g', 'r'], arguments: pass(value), ...extra },
      { name: 'late', template: 'echo', arguments: pass('x') },
    ]),
    echo, script, resource,
  ], { arguments: { parameters: [{ name: 'lr', value: '0.1' }] }, ...spec });
}

describe('checkArgoVariables', () => {
  test.each<[string, KubeObject, string[]]>([
    ['task output parameter of an ancestor', dagPassing('{{tasks.a.outputs.parameters.out}}'), []],
    ['script result of an ancestor', dagPassing('{{tasks.g.outputs.result}}'), []],
    ['node fields', dagPassing('{{tasks.a.status}} {{tasks.a.id}} {{tasks.g.exitCode}} {{tasks.name}}'), []],
    ['output the template does not declare', dagPassing('{{tasks.a.outputs.parameters.ot}}'), ['error:argo/output']],
    ['result of a resource template', dagPassing('{{tasks.r.outputs.result}}'), ['error:argo/output']],
    ['task that is not an ancestor', dagPassing('{{tasks.late.outputs.parameters.out}}'), ['error:argo/node-reference']],
    ['task that does not exist', dagPassing('{{tasks.nope.outputs.result}}'), ['error:argo/node-reference']],
    ['when referring to an ancestor', dagPassing('x', { when: '{{tasks.g.outputs.result}} == 1' }), []],
    ['when referring to a non-ancestor', dagPassing('x', { when: '{{tasks.late.status}} == Succeeded' }), ['error:argo/node-reference']],
    ['declared workflow parameter', dagPassing('{{workflow.parameters.lr}}'), []],
    ['undeclared workflow parameter', dagPassing('{{workflow.parameters.rl}}'), ['error:argo/workflow-parameter']],
    ['globals', dagPassing('{{workflow.name}} {{workflow.namespace}} {{workflow.uid}} {{workflow.serviceAccountName}} {{workflow.creationTimestamp}} {{workflow.creationTimestamp.Y}} {{workflow.labels.team}} {{workflow.annotations.x}} {{workflow.status}} {{workflow.failures}} {{workflow.outputs.parameters.p}} {{workflow.parameters.json}}'), []],
    ['unknown workflow variable', dagPassing('{{workflow.nmae}}'), ['error:argo/unknown-variable']],
    ['item inside a loop', dagPassing('{{item}} {{item.name}}', { withItems: [{ name: 'x' }] }), []],
    ['item with withParam', dagPassing('{{item}}', { withParam: '{{tasks.g.outputs.result}}' }), []],
    ['item with withSequence', dagPassing('{{item}}', { withSequence: { count: '3' } }), []],
    ['item outside a loop', dagPassing('{{item}}'), ['error:argo/item']],
    ['expression tags are not checked', dagPassing('{{=sprig.upper(inputs.parameters.nothing)}}'), []],
    ['foreign template syntax is not checked', dagPassing('{{ .Values.x }} {{steps}}'), []],
    ['spaces inside braces', dagPassing('{{ tasks.a.outputs.parameters.out }}'), []],
  ])('%s', (_, object, expected) => {
    expect(rules(runCheck(checkArgoVariables, object))).toEqual(expected);
  });

  test.each<[string, Record<string, unknown>, string[]]>([
    ['declared input', { inputs: { parameters: [{ name: 'x' }] }, container: { image: 'a:1', args: ['{{inputs.parameters.x}}'] } }, []],
    ['undeclared input', { inputs: { parameters: [{ name: 'x' }] }, container: { image: 'a:1', args: ['{{inputs.parameters.y}}'] } }, ['error:argo/input']],
    ['input artifact path', { inputs: { artifacts: [{ name: 'm', path: '/m' }] }, container: { image: 'a:1', args: ['{{inputs.artifacts.m.path}}'] } }, []],
    ['own output path', { outputs: { parameters: [{ name: 'o', valueFrom: { path: '/o' } }] }, container: { image: 'a:1', args: ['{{outputs.parameters.o.path}}'] } }, []],
    ['pod and retry variables', { container: { image: 'a:1', args: ['{{pod.name}} {{retries}} {{node.name}}'] } }, []],
    ['task reference in a leaf', { container: { image: 'a:1', args: ['{{tasks.a.outputs.result}}'] } }, ['error:argo/node-reference']],
  ])('leaf: %s', (_, template, expected) => {
    expect(rules(runCheck(checkArgoVariables, workflow([{ name: 'main', ...template }])))).toEqual(expected);
  });

  test.each<[string, string, string[]]>([
    ['earlier step group', '{{steps.first.outputs.result}}', []],
    ['same step group', '{{steps.sibling.outputs.result}}', ['error:argo/node-reference']],
    ['exit code output (outputs.exitCode)', '{{steps.first.outputs.exitCode}}', []],
  ])('steps: %s', (_, value, expected) => {
    const object = workflow([
      { name: 'main', steps: [[{ name: 'first', template: 'gen' }], [{ name: 'sibling', template: 'gen' }, { name: 'use', template: 'echo', arguments: pass(value) }]] },
      echo, script,
    ]);
    expect(rules(runCheck(checkArgoVariables, object))).toEqual(expected);
  });

  test('DAG outputs may use any task', () => {
    const object = workflow([dag([{ name: 'a', template: 'gen' }], { outputs: { parameters: [{ name: 'r', valueFrom: { parameter: '{{tasks.a.outputs.result}}' } }] } }), script]);
    expect(runCheck(checkArgoVariables, object)).toEqual([]);
  });

  test('an inline template sees its own inputs', () => {
    const object = workflow([dag([{ name: 'a', arguments: pass('x'), inline: { inputs: { parameters: [{ name: 'msg' }] }, container: { image: 'a:1', args: ['{{inputs.parameters.msg}}'] } } }])]);
    expect(runCheck(checkArgoVariables, object)).toEqual([]);
  });

  test.each<[string, Record<string, unknown>, string[]]>([
    ['WorkflowTemplate declaring parameters: a miss is an error', { arguments: { parameters: [{ name: 'a' }] } }, ['error:argo/workflow-parameter']],
    ['WorkflowTemplate declaring none: a warning (the Workflow may pass it)', {}, ['warning:argo/workflow-parameter']],
  ])('%s', (_, spec, expected) => {
    const object = workflow([container('main', { container: { image: 'a:1', args: ['{{workflow.parameters.b}}'] } })], spec, 'WorkflowTemplate');
    expect(rules(runCheck(checkArgoVariables, object))).toEqual(expected);
  });

  test('a Workflow inherits the parameters of the WorkflowTemplate it references', () => {
    const template: KubeObject = workflow([container('main', { container: { image: 'a:1', args: ['{{workflow.parameters.b}}'] } })],
      { arguments: { parameters: [{ name: 'b' }] } }, 'WorkflowTemplate');
    const run: KubeObject = { apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow', metadata: { generateName: 'r-' },
      spec: { workflowTemplateRef: { name: 'wf' }, arguments: { parameters: [{ name: 'b', value: '1' }] }, podMetadata: { labels: { x: '{{workflow.parameters.b}}' } } } };
    expect(runCheck(checkArgoVariables, run, [template])).toEqual([]);
  });

  test('the message says what is wrong and the fix names the dependency to add', () => {
    const v = runCheck(checkArgoVariables, dagPassing('{{tasks.late.outputs.parameters.out}}'))[0];
    expect(v).toMatchObject({
      path: 'spec.templates[0].dag.tasks[3].arguments.parameters[0].value',
      message: '"{{tasks.late.outputs.parameters.out}}" refers to task "late", which is not an ancestor of task "b"',
      fix: 'add "late" to the dependencies (or depends) of "b"',
    });
  });
});
