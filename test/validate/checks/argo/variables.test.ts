import { checkArgoWorkflow } from '../../../../lib/validate/checks';
import { KubeObject } from '../../../../lib/validate/object-index';
import { container, dag, rules, runCheck, workflow } from '../../builders';

const echo = { name: 'echo', inputs: { parameters: [{ name: 'msg' }] }, container: { image: 'a:1', args: ['{{inputs.parameters.msg}}'] },
  outputs: { parameters: [{ name: 'out', valueFrom: { path: '/tmp/out' } }] } };
const script = { name: 'gen', script: { image: 'python:3.12', source: 'print(1)' } };
const resource = { name: 'make', resource: { action: 'create', manifest: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n' } };
const pass = (value: string) => ({ parameters: [{ name: 'msg', value }] });
const check = (object: KubeObject, others: KubeObject[] = []) => rules(runCheck(checkArgoWorkflow, object, others));

/** A Workflow running a DAG whose task `b` passes `value` to echo, after tasks `a`, `g` (a script) and `r` (a resource). */
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

// validate.go: resolveAllVariables with the scopes validateDAG, validateSteps and validateLeaf build; addOutputsToScope.
describe('variables in a DAG', () => {
  test.each<[string, KubeObject, string[]]>([
    ['task output parameter of an ancestor', dagPassing('{{tasks.a.outputs.parameters.out}}'), []],
    ['script result of an ancestor', dagPassing('{{tasks.g.outputs.result}}'), []],
    ['node fields', dagPassing('{{tasks.a.status}} {{tasks.a.id}} {{tasks.g.exitCode}} {{tasks.a.startedAt}} {{tasks.name}}'), []],
    ['output the template does not declare', dagPassing('{{tasks.a.outputs.parameters.ot}}'), ['error:argo/output']],
    ['result of a resource template', dagPassing('{{tasks.r.outputs.result}}'), ['error:argo/output']],
    ['outputs.exitCode, which is no Argo variable', dagPassing('{{tasks.a.outputs.exitCode}}'), ['error:argo/unknown-variable']],
    ['ip of a task that is not a daemon', dagPassing('{{tasks.a.ip}}'), ['error:argo/output']],
    ['task that is not an ancestor', dagPassing('{{tasks.late.outputs.parameters.out}}'), ['error:argo/node-reference']],
    ['status of a task that is not an ancestor', dagPassing('{{tasks.late.status}}'), ['error:argo/node-reference']],
    ['task that does not exist', dagPassing('{{tasks.nope.outputs.result}}'), ['error:argo/node-reference']],
    ['when referring to an ancestor', dagPassing('x', { when: '{{tasks.g.outputs.result}} == 1' }), []],
    ['when referring to a non-ancestor', dagPassing('x', { when: '{{tasks.late.status}} == Succeeded' }), ['error:argo/node-reference']],
    ['a hook reads the task\'s own status', dagPassing('x', { hooks: { exit: { template: 'echo', arguments: pass('{{tasks.b.status}}') } } }), []],
    ['declared workflow parameter', dagPassing('{{workflow.parameters.lr}}'), []],
    ['undeclared workflow parameter', dagPassing('{{workflow.parameters.rl}}'), ['error:argo/workflow-parameter']],
    ['item inside a loop over objects', dagPassing('{{item.name}}', { withItems: [{ name: 'x' }] }), []],
    ['an item key the loop\'s objects lack', dagPassing('{{item.nmae}}', { withItems: [{ name: 'x' }] }), ['error:argo/item']],
    ['an item key on plain items', dagPassing('{{item.name}}', { withItems: ['a', 'b'] }), ['error:argo/item']],
    ['a list item by index', dagPassing('{{item.[1]}}', { withItems: [['a', 'b']] }), []],
    ['any key with withParam', dagPassing('{{item.anything}}', { withParam: '{{tasks.g.outputs.result}}' }), []],
    ['item with withSequence', dagPassing('{{item}}', { withSequence: { count: '3' } }), []],
    ['{{item.x}} outside a loop', dagPassing('{{item.x}}'), ['error:argo/item']],
    ['{{item}} outside a loop (Argo passes it through as text)', dagPassing('{{item}}'), ['warning:argo/item']],
    ['aggregated outputs of a looping ancestor', workflow([dag([
      { name: 'a', template: 'gen', withItems: [1, 2] }, { name: 'b', template: 'echo', depends: 'a', arguments: pass('{{tasks.a.outputs.parameters}} {{tasks.a.outputs.result}}') },
    ]), echo, script]), []],
    ['pod.name in a DAG (it runs no pod)', dagPassing('{{pod.name}}'), ['error:argo/unknown-variable']],
    ['expression tags are not checked', dagPassing('{{=sprig.upper(inputs.parameters.nothing)}}'), []],
    ['foreign template syntax is not checked', dagPassing('{{ .Values.x }} {{steps}} {{retries}}'), []],
    ['spaces inside braces', dagPassing('{{ tasks.a.outputs.parameters.out }}'), []],
    ['an unclosed tag', dagPassing('{{tasks.a.outputs.result'), ['error:argo/unclosed-tag']],
  ])('%s', (_, object, expected) => {
    expect(check(object)).toEqual(expected);
  });

  test('DAG outputs may use any task; a target uses the template\'s scope', () => {
    const object = workflow([dag([{ name: 'a', template: 'gen' }], { outputs: { parameters: [{ name: 'r', valueFrom: { parameter: '{{tasks.a.outputs.result}}' } }] } }), script]);
    expect(check(object)).toEqual([]);
  });

  test('the message says what is wrong and the fix names the dependency to add', () => {
    expect(runCheck(checkArgoWorkflow, dagPassing('{{tasks.late.outputs.parameters.out}}'))[0]).toMatchObject({
      path: 'spec.templates[0].dag.tasks[3].arguments.parameters[0].value',
      message: '"{{tasks.late.outputs.parameters.out}}" refers to task "late", which is not an ancestor of task "b"',
      fix: 'add "late" to the dependencies (or depends) of "b"',
    });
  });
});

describe('variables in steps', () => {
  const steps = (value: string, extra: Record<string, unknown> = {}) => workflow([
    { name: 'main', steps: [[{ name: 'first', template: 'gen' }], [{ name: 'sibling', template: 'gen' }, { name: 'use', template: 'echo', arguments: pass(value), ...extra }], [{ name: 'last', template: 'gen' }]] },
    echo, script,
  ]);
  test.each<[string, KubeObject, string[]]>([
    ['earlier step group', steps('{{steps.first.outputs.result}}'), []],
    ['exit code', steps('{{steps.first.exitCode}}'), []],
    ['same step group (it runs at the same time)', steps('{{steps.sibling.outputs.result}}'), ['error:argo/node-reference']],
    ['status of a step listed before it in its group', steps('{{steps.sibling.status}}'), []],
    ['its own status', steps('{{steps.use.status}}'), []],
    ['status of a later step', steps('{{steps.last.status}}'), ['error:argo/node-reference']],
    ['a task in a steps template', steps('{{tasks.first.outputs.result}}'), ['error:argo/node-reference']],
    ['a name built from another tag is known at run time only', steps('{{steps.run-{{workflow.name}}.status}}'), []],
  ])('%s', (_, object, expected) => {
    expect(check(object)).toEqual(expected);
  });
});

describe('variables in leaf templates', () => {
  test.each<[string, Record<string, unknown>, string[]]>([
    ['declared input', { inputs: { parameters: [{ name: 'x' }] }, container: { image: 'a:1', args: ['{{inputs.parameters.x}}'] } }, []],
    ['undeclared input', { inputs: { parameters: [{ name: 'x' }] }, container: { image: 'a:1', args: ['{{inputs.parameters.y}}'] } }, ['error:argo/input']],
    ['all inputs as JSON', { inputs: { parameters: [{ name: 'x' }] }, container: { image: 'a:1', args: ['{{inputs.parameters}}'] } }, []],
    // common.SubstituteParams sets inputs.parameters (to `null` here) before validateLeaf resolves the rest.
    ['all inputs as JSON when there are none', { container: { image: 'a:1', args: ['{{inputs.parameters}}'] } }, []],
    ['input artifact path', { inputs: { artifacts: [{ name: 'm', path: '/m' }] }, container: { image: 'a:1', args: ['{{inputs.artifacts.m.path}}'] } }, []],
    ['own output path', { outputs: { parameters: [{ name: 'o', valueFrom: { path: '/o' } }] }, container: { image: 'a:1', args: ['{{outputs.parameters.o.path}}'] } }, []],
    ['an own output it does not declare (Argo accepts any outputs.*)', { container: { image: 'a:1', args: ['{{outputs.parameters.o.path}}'] } }, ['warning:argo/output']],
    ['pod, retry and node variables', { retryStrategy: { limit: 1 }, container: { image: 'a:1', args: ['{{pod.name}} {{retries}} {{node.name}}'] } }, []],
    ['a pod variable Argo does not have', { container: { image: 'a:1', args: ['{{pod.ip}}'] } }, ['error:argo/unknown-variable']],
    ['task reference in a leaf', { container: { image: 'a:1', args: ['{{tasks.a.outputs.result}}'] } }, ['error:argo/node-reference']],
    ['an unclosed tag in a script', { script: { image: 'a:1', source: 'echo {{ oops' } }, ['error:argo/unclosed-tag']],
  ])('leaf: %s', (_, template, expected) => {
    expect(check(workflow([{ name: 'main', ...template }], {}, 'WorkflowTemplate'))).toEqual(expected);
  });

  test('an input artifact path in a steps template, which puts nothing on disk', () => {
    const object = workflow([{ name: 'main', inputs: { artifacts: [{ name: 'm' }] }, steps: [[{ name: 's', template: 'echo', arguments: pass('{{inputs.artifacts.m.path}}') }]] }, echo],
      {}, 'WorkflowTemplate');
    expect(check(object)).toEqual(['error:argo/input']);
  });

  test('an inline template sees its own inputs', () => {
    const object = workflow([dag([{ name: 'a', arguments: pass('x'), inline: { inputs: { parameters: [{ name: 'msg' }] }, container: { image: 'a:1', args: ['{{inputs.parameters.msg}}'] } } }])]);
    expect(check(object)).toEqual([]);
  });
});

describe('workflow variables (newTemplateValidationCtx, the globals Workflow collects)', () => {
  const leaf = (arg: string) => container('main', { container: { image: 'a:1', args: [arg] } });
  test.each<[string, KubeObject, string[]]>([
    ['globals', workflow([leaf('{{workflow.name}} {{workflow.namespace}} {{workflow.uid}} {{workflow.serviceAccountName}} {{workflow.mainEntrypoint}} {{workflow.status}} {{workflow.creationTimestamp.Y}} {{workflow.scheduledTime}} {{workflow.duration}}')]), []],
    ['unknown workflow variable', workflow([leaf('{{workflow.nmae}}')]), ['error:argo/unknown-variable']],
    ['a label the workflow sets', { ...workflow([leaf('{{workflow.labels.team}} {{workflow.labels}}')]), metadata: { generateName: 'x-', labels: { team: 'ml' } } }, []],
    ['a label from workflowMetadata.labelsFrom', workflow([leaf('{{workflow.labels.day}}')], { workflowMetadata: { labelsFrom: { day: { expression: 'x' } } } }), []],
    ['a label nobody sets (the controller\'s workflowDefaults might)', workflow([leaf('{{workflow.labels.team}}')]), ['warning:argo/workflow-variable']],
    ['an annotation the workflow sets', workflow([leaf('{{workflow.annotations.note}}')], { workflowMetadata: { annotations: { note: 'x' } } }), []],
    ['priority with spec.priority', workflow([leaf('{{workflow.priority}}')], { priority: 3 }), []],
    ['priority without spec.priority', workflow([leaf('{{workflow.priority}}')]), ['error:argo/workflow-variable']],
    ['failures without an exit handler', workflow([leaf('{{workflow.failures}}')]), ['error:argo/workflow-variable']],
    ['failures in the entrypoint of a workflow with an exit handler', workflow([leaf('{{workflow.failures}}'), container('bye')], { onExit: 'bye' }), ['error:argo/workflow-variable']],
    ['failures in the exit handler', workflow([container('main'), container('bye', { container: { image: 'a:1', args: ['{{workflow.failures}}'] } })], { onExit: 'bye' }), []],
    ['a global output some template exports', workflow([container('main', { outputs: { parameters: [{ name: 'o', valueFrom: { path: '/o' }, globalName: 'best' }] } }),
      container('bye', { container: { image: 'a:1', args: ['{{workflow.outputs.parameters.best}}'] } })], { onExit: 'bye' }), []],
    ['a global output no template exports', workflow([container('main'), container('bye', { container: { image: 'a:1', args: ['{{workflow.outputs.artifacts.nonexistent}}'] } })], { onExit: 'bye' }),
      ['error:argo/workflow-variable']],
    ['any global output when a globalName is itself a variable', workflow([
      container('main', { inputs: { parameters: [{ name: 'n', value: 'k' }] }, outputs: { parameters: [{ name: 'o', value: 'v', globalName: '{{inputs.parameters.n}}' }] } }),
      container('bye', { container: { image: 'a:1', args: ['{{workflow.outputs.parameters.k}}'] } })], { onExit: 'bye' }), []],
    ['workflow.parameters without parameters', workflow([leaf('{{workflow.parameters.json}}')]), ['error:argo/workflow-parameter']],
  ])('%s', (_, object, expected) => {
    expect(check(object)).toEqual(expected);
  });
});

describe('WorkflowTemplate lint mode vs Workflow submission (Opts.WorkflowTemplateValidation)', () => {
  const template = (spec: Record<string, unknown>) => workflow([container('main', { container: { image: 'a:1', args: ['{{workflow.parameters.b}}'] } })], spec, 'WorkflowTemplate');

  test.each<[string, Record<string, unknown>, string[]]>([
    ['a WorkflowTemplate may use parameters the submission supplies', {}, []],
    ['also when it declares others (event bindings supply the rest)', { arguments: { parameters: [{ name: 'message' }] } }, []],
    ['a near miss of a declared name is worth a warning', { arguments: { parameters: [{ name: 'B' }] } }, ['warning:argo/workflow-parameter']],
  ])('%s', (_, spec, expected) => {
    expect(check(template(spec))).toEqual(expected);
  });

  test('a Workflow must declare every parameter it uses', () => {
    expect(check(workflow([container('main', { container: { image: 'a:1', args: ['{{workflow.parameters.b}}'] } })]))).toEqual(['error:argo/workflow-parameter']);
  });

  const run = (args: unknown[]): KubeObject => ({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow', metadata: { generateName: 'r-' },
    spec: { workflowTemplateRef: { name: 'wf' }, arguments: { parameters: args }, podMetadata: { labels: { x: '{{workflow.parameters.b}}' } } } });

  test('a Workflow running a WorkflowTemplate inherits its parameters', () => {
    expect(check(run([{ name: 'b', value: '1' }]), [template({ arguments: { parameters: [{ name: 'b' }] } })])).toEqual([]);
  });

  test('a Workflow running a WorkflowTemplate must supply what the template uses but does not declare', () => {
    expect(runCheck(checkArgoWorkflow, run([]), [template({})])).toContainEqual(expect.objectContaining({
      path: 'spec.workflowTemplateRef', rule: 'argo/workflow-parameter', severity: 'error',
      message: 'WorkflowTemplate "wf", spec.templates[0]: "{{workflow.parameters.b}}" refers to workflow parameter "b", which spec.arguments.parameters does not declare',
    }));
  });

  test.each<[string, KubeObject[], string[]]>([
    ['exported by a template it calls by templateRef', [{ apiVersion: 'argoproj.io/v1alpha1', kind: 'WorkflowTemplate', metadata: { name: 'lib' },
      spec: { templates: [container('train', { outputs: { parameters: [{ name: 'm', valueFrom: { path: '/m' }, globalName: 'model' }] } })] } }], []],
    ['possibly exported by a template outside the run', [], ['warning:argo/template-ref-external']],
  ])('a global output %s', (_, others, expected) => {
    const object = workflow([dag([{ name: 'a', templateRef: { name: 'lib', template: 'train' } }]),
      container('bye', { container: { image: 'a:1', args: ['{{workflow.outputs.parameters.model}}'] } })], { onExit: 'bye' });
    expect(check(object, others)).toEqual(expected);
  });

  test('a template called by templateRef is checked with the caller\'s labels', () => {
    const library: KubeObject = { apiVersion: 'argoproj.io/v1alpha1', kind: 'WorkflowTemplate', metadata: { name: 'lib' },
      spec: { workflowMetadata: { labels: { team: 'ml' } }, templates: [container('say', { container: { image: 'a:1', args: ['{{workflow.labels.team}}'] } })] } };
    const caller = workflow([dag([{ name: 'a', templateRef: { name: 'lib', template: 'say' } }])]);
    expect(runCheck(checkArgoWorkflow, caller, [library])).toEqual([expect.objectContaining({
      path: 'spec.templates[0].dag.tasks[0].templateRef', rule: 'argo/workflow-variable',
      message: expect.stringContaining('WorkflowTemplate "lib", spec.templates[0]: "{{workflow.labels.team}}" reads label "team"'),
    })]);
  });
});
