import { checkArgoWorkflow } from '../../../../lib/validate/checks';
import { KubeObject } from '../../../../lib/validate/object-index';
import { container, dag, rules, runCheck, workflow } from '../../builders';

const echo = container('echo', { inputs: { parameters: [{ name: 'msg' }], artifacts: [{ name: 'a', path: '/a', optional: true }] } });
const pass = (value: string) => ({ parameters: [{ name: 'msg', value }] });
const check = (object: KubeObject, others: KubeObject[] = []) => rules(runCheck(checkArgoWorkflow, object, others));
const task = (extra: Record<string, unknown>) => workflow([dag([{ name: 'a', template: 'echo', arguments: pass('x'), ...extra }]), echo]);
const library: KubeObject = { apiVersion: 'argoproj.io/v1alpha1', kind: 'WorkflowTemplate', metadata: { name: 'lib' }, spec: { templates: [container('say')] } };

describe('tasks, steps and hooks (validate.go: validateTemplateHolder, addItemsToScope, validateHooks, validateArguments; common.ProcessArgs)', () => {
  // validateTemplateHolder
  test.each<[string, KubeObject, string[]]>([
    ['a task naming a template', task({}), []],
    ['an unknown task template', workflow([dag([{ name: 'a', template: 'ech' }]), echo]), ['error:argo/template-ref']],
    ['an unknown step template', workflow([{ name: 'main', steps: [[{ name: 's', template: 'nope' }]] }]), ['error:argo/template-ref']],
    ['template and templateRef both', task({ templateRef: { name: 'lib', template: 'say' } }), ['error:argo/template-ref']],
    ['a templateRef without template', workflow([dag([{ name: 'a', templateRef: { name: 'lib' } }])]), ['error:argo/template-ref']],
    ['a task naming no template', workflow([dag([{ name: 'a' }])]), ['error:argo/template-ref']],
    ['a templateRef outside the run (the cluster may hold it)', workflow([dag([{ name: 'a', templateRef: { name: 'other', template: 'x' } }])]), ['warning:argo/template-ref-external']],
    ['a templateRef to a template the run holds', workflow([dag([{ name: 'a', templateRef: { name: 'lib', template: 'say' } }])]), []],
    ['a templateRef to a template the referenced WorkflowTemplate lacks', workflow([dag([{ name: 'a', templateRef: { name: 'lib', template: 'sya' } }])]), ['error:argo/template-ref']],
    ['a templateRef chosen at run time', workflow([{ name: 'main', inputs: { parameters: [{ name: 't', value: 'say' }] },
      dag: { tasks: [{ name: 'a', templateRef: { name: 'lib', template: '{{inputs.parameters.t}}' } }] } }]), []],
    ['an inline template', workflow([dag([{ name: 'a', inline: { container: { image: 'a:1' } } }])]), []],
    ['a step-level onExit naming an unknown template', workflow([{ name: 'main', steps: [[{ name: 's', template: 'echo', arguments: pass('x'), onExit: 'nope' }]] }, echo]),
      ['error:argo/template-ref']],
  ])('%s', (_, object, expected) => {
    expect(check(object, [library])).toEqual(expected);
  });

  test('an unused artifact argument: the message names it and the closest input', () => {
    const [v] = runCheck(checkArgoWorkflow, workflow([dag([{ name: 'a', template: 'read', arguments: { artifacts: [{ name: 'date', raw: { data: 'x' } }] } }]),
      container('read', { inputs: { artifacts: [{ name: 'data', path: '/d', optional: true }] } })]));
    expect(v).toMatchObject({ path: 'spec.templates[0].dag.tasks[0].arguments.artifacts', rule: 'argo/unused-argument',
      message: 'artifact argument "date" is not an input of template "read", so it is ignored', fix: 'did you mean "data"?' });
  });

  test('the message names the path and suggests the closest template', () => {
    const [v] = runCheck(checkArgoWorkflow, workflow([dag([{ name: 'a', template: 'ech' }]), container('echo')]));
    expect(v).toMatchObject({ path: 'spec.templates[0].dag.tasks[0].template', message: 'template "ech" is not a template of this workflow', fix: 'did you mean "echo"?' });
  });

  // common.ProcessArgs with the node's arguments: "inputs.parameters.x was not supplied"
  test.each<[string, KubeObject, string[]]>([
    ['required input not passed', workflow([dag([{ name: 'a', template: 'echo' }]), echo]), ['error:argo/missing-argument']],
    ['input with a default need not be passed', workflow([dag([{ name: 'a', template: 'echo' }]), container('echo', { inputs: { parameters: [{ name: 'msg', default: 'hi' }] } })]), []],
    ['input from a ConfigMap need not be passed', workflow([dag([{ name: 'a', template: 'echo' }]),
      container('echo', { inputs: { parameters: [{ name: 'msg', valueFrom: { configMapKeyRef: { name: 'c', key: 'k' } } }] } })]), []],
    ['input supplied by nothing (valueFrom.supplied) must be passed', workflow([dag([{ name: 'a', template: 'echo' }]),
      container('echo', { inputs: { parameters: [{ name: 'msg', valueFrom: { supplied: {} } }] } })]), ['error:argo/missing-argument']],
    ['input artifact not passed', workflow([dag([{ name: 'a', template: 'read' }]), container('read', { inputs: { artifacts: [{ name: 'd', path: '/d' }] } })]), ['error:argo/missing-argument']],
    ['input artifact passed', workflow([dag([{ name: 'a', template: 'read', arguments: { artifacts: [{ name: 'd', raw: { data: 'x' } }] } }]),
      container('read', { inputs: { artifacts: [{ name: 'd', path: '/d' }] } })]), []],
    ['argument the template does not take', task({ arguments: { parameters: [{ name: 'msg', value: 'x' }, { name: 'mgs', value: 'y' }] } }), ['warning:argo/unused-argument']],
    ['artifact argument the template does not take (couler\'s artifact passing)', workflow([dag([{ name: 'a', template: 'read', arguments: { artifacts: [{ name: 'd', raw: { data: 'x' } }, { name: 'data', raw: { data: 'y' } }] } }]),
      container('read', { inputs: { artifacts: [{ name: 'd', path: '/d' }] } })]), ['warning:argo/unused-argument']],
  ])('%s', (_, object, expected) => {
    expect(check(object)).toEqual(expected);
  });

  // validateArguments(..., allowEmptyValues=false) for task and step arguments
  test.each<[string, Record<string, unknown>, string[]]>([
    ['an argument without value or valueFrom', { parameters: [{ name: 'msg' }] }, ['error:argo/argument-value']],
    ['an argument from a ConfigMap', { parameters: [{ name: 'msg', valueFrom: { configMapKeyRef: { name: 'c', key: 'k' } } }] }, []],
    ['an argument reading valueFrom.path', { parameters: [{ name: 'msg', valueFrom: { path: '/tmp/x' } }] }, ['error:argo/argument-value']],
    ['an argument reading valueFrom.expression', { parameters: [{ name: 'msg', valueFrom: { expression: 'x' } }] }, ['error:argo/argument-value']],
    ['an argument with an invalid name', { parameters: [{ name: 'msg', value: 'x' }, { name: 'b c', value: 'y' }] }, ['warning:argo/unused-argument', 'error:argo/parameter-name']],
    ['an artifact without from or location', { parameters: [{ name: 'msg', value: 'x' }], artifacts: [{ name: 'a' }] }, ['error:argo/argument-artifact']],
    ['an artifact with from and fromExpression', { parameters: [{ name: 'msg', value: 'x' }], artifacts: [{ name: 'a', from: '{{workflow.name}}', fromExpression: 'x' }] }, ['error:argo/argument-artifact']],
    ['an artifact with a raw location', { parameters: [{ name: 'msg', value: 'x' }], artifacts: [{ name: 'a', raw: { data: 'x' } }] }, []],
    ['an artifact with an s3 key', { parameters: [{ name: 'msg', value: 'x' }], artifacts: [{ name: 'a', s3: { key: 'path/x' } }] }, []],
  ])('arguments: %s', (_, args, expected) => {
    expect(check(task({ arguments: args }))).toEqual(expected);
  });

  // addItemsToScope: one loop kind; withSequence count or end
  test.each<[string, Record<string, unknown>, string[]]>([
    ['withItems', { withItems: [1, 2] }, []],
    ['withItems and withParam', { withItems: [1], withParam: '["a"]' }, ['error:argo/loop']],
    ['withSequence with count', { withSequence: { count: '3' } }, []],
    ['withSequence with count and end', { withSequence: { count: '3', end: '5' } }, ['error:argo/loop']],
  ])('loops: %s', (_, loop, expected) => {
    expect(check(task(loop))).toEqual(expected);
  });

  // validateHooks on tasks and steps
  test.each<[string, Record<string, unknown>, string[]]>([
    ['an exit hook', { hooks: { exit: { template: 'echo', arguments: pass('bye') } } }, []],
    ['a hook without expression', { hooks: { running: { template: 'echo', arguments: pass('x') } } }, ['error:argo/hook-expression']],
    ['a hook naming an unknown template', { hooks: { exit: { template: 'nope' } } }, ['error:argo/template-ref']],
  ])('hooks: %s', (_, hooks, expected) => {
    expect(check(task(hooks))).toEqual(expected);
  });
});
