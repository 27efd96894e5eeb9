import { checkArgoTemplates } from '../../../lib/validate/checks';
import { KubeObject } from '../../../lib/validate/object-index';
import { container, dag, rules, runCheck, workflow } from '../builders';

const echo = container('echo', { inputs: { parameters: [{ name: 'msg' }] } });

describe('checkArgoTemplates', () => {
  test.each<[string, KubeObject, string[]]>([
    ['valid DAG', workflow([dag([{ name: 'a', template: 'echo', arguments: { parameters: [{ name: 'msg', value: 'x' }] } }]), echo]), []],
    ['duplicate template name', workflow([container('main'), container('main')]), ['error:argo/duplicate-template']],
    ['template without a type', workflow([{ name: 'main' }]), ['error:argo/template-type']],
    ['template with two types', workflow([{ name: 'main', container: { image: 'a:1' }, script: { image: 'a:1', source: 'x' } }]), ['error:argo/template-type']],
    ['suspend {} counts as a type', workflow([{ name: 'main', suspend: {} }]), []],
    ['unknown entrypoint', workflow([container('mian')]), ['error:argo/entrypoint']],
    ['Workflow without entrypoint', workflow([container('main')], { entrypoint: undefined }), ['error:argo/entrypoint']],
    ['WorkflowTemplate without entrypoint', workflow([container('main')], { entrypoint: undefined }, 'WorkflowTemplate'), []],
    ['unknown task template', workflow([dag([{ name: 'a', template: 'ech' }]), echo]), ['error:argo/template-ref']],
    ['unknown step template', workflow([{ name: 'main', steps: [[{ name: 's', template: 'nope' }]] }]), ['error:argo/template-ref']],
    ['unknown onExit', workflow([container('main')], { onExit: 'cleanup' }), ['error:argo/template-ref']],
    ['required input not passed', workflow([dag([{ name: 'a', template: 'echo' }]), echo]), ['error:argo/missing-argument']],
    ['input with default need not be passed', workflow([dag([{ name: 'a', template: 'echo' }]),
      container('echo', { inputs: { parameters: [{ name: 'msg', default: 'hi' }] } })]), []],
    ['argument the template does not take', workflow([dag([{ name: 'a', template: 'echo', arguments: { parameters: [{ name: 'msg', value: 'x' }, { name: 'mgs', value: 'y' }] } }]), echo]),
      ['warning:argo/unused-argument']],
    ['entrypoint input not supplied', workflow([container('main', { inputs: { parameters: [{ name: 'lr' }] } })]), ['error:argo/missing-argument']],
    ['entrypoint input from spec.arguments', workflow([container('main', { inputs: { parameters: [{ name: 'lr' }] } })],
      { arguments: { parameters: [{ name: 'lr', value: '0.1' }] } }), []],
    ['templateRef to a template outside the input', workflow([dag([{ name: 'a', templateRef: { name: 'lib', template: 'x' } }])]), ['warning:argo/template-ref-external']],
    ['workflowTemplateRef outside the input', { apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow', metadata: { generateName: 'x-' }, spec: { workflowTemplateRef: { name: 'lib' } } },
      ['warning:argo/workflow-template-ref']],
    ['inline template', workflow([dag([{ name: 'a', inline: { container: { image: 'a:1' } } }])]), []],
    ['template delegating to another (older Argo nesting)', workflow([{ name: 'main', template: 'echo' }, container('echo')]), []],
  ])('%s', (_, object, expected) => {
    expect(rules(runCheck(checkArgoTemplates, object))).toEqual(expected);
  });

  const library: KubeObject = { apiVersion: 'argoproj.io/v1alpha1', kind: 'WorkflowTemplate', metadata: { name: 'lib' }, spec: { templates: [container('say')] } };

  test.each<[string, string, string[]]>([
    ['templateRef to a template the input holds', 'say', []],
    ['templateRef to a template the referenced WorkflowTemplate lacks', 'sya', ['error:argo/template-ref']],
  ])('%s', (_, template, expected) => {
    const object = workflow([dag([{ name: 'a', templateRef: { name: 'lib', template } }])]);
    expect(rules(runCheck(checkArgoTemplates, object, [library]))).toEqual(expected);
  });

  test('the message names the path and suggests the closest template', () => {
    const [v] = runCheck(checkArgoTemplates, workflow([dag([{ name: 'a', template: 'ech' }]), container('echo')]));
    expect(v).toMatchObject({ path: 'spec.templates[0].dag.tasks[0].template', message: 'template "ech" is not a template of this workflow', fix: 'did you mean "echo"?' });
  });

  test('a CronWorkflow is checked under spec.workflowSpec', () => {
    const cron = { apiVersion: 'argoproj.io/v1alpha1', kind: 'CronWorkflow', metadata: { name: 'c' }, spec: { schedule: '* * * * *', workflowSpec: { entrypoint: 'x', templates: [container('main')] } } };
    expect(runCheck(checkArgoTemplates, cron)).toEqual([expect.objectContaining({ path: 'spec.workflowSpec.entrypoint', rule: 'argo/entrypoint' })]);
  });
});
