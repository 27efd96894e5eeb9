import { checkArgoWorkflow } from '../../../../lib/validate/checks';
import { KubeObject } from '../../../../lib/validate/object-index';
import { Severity } from '../../../../lib/validate/violation';
import { container, runCheck, workflow } from '../../builders';

const errors = (object: KubeObject, others: KubeObject[] = []) =>
  runCheck(checkArgoWorkflow, object, others).filter((v) => v.severity === Severity.ERROR).map((v) => `${v.rule} ${v.path}: ${v.message}`);

/**
 * Manifests Argo accepts that kfops once rejected (issue 12), each in the shape of the upstream example or test
 * that showed it. None may get an error.
 */
describe('no false alarms on what Argo accepts', () => {
  test.each<[string, KubeObject, KubeObject[]]>([
    // examples/k8s-patch-merge-pod.yaml: kubectl patch <flags> --patch-file, so the manifest is a partial object
    ['a merge patch of the pod the flags name', workflow([{ name: 'main', resource: { action: 'patch', mergeStrategy: 'merge', flags: ['pod', '{{pod.name}}'],
      manifest: 'metadata:\n  annotations:\n    touched: "yes"\n' } }]), []],
    // validate.go validateLeaf: a placeholder action or manifest is only known at run time
    ['an action and a whole manifest taken from inputs', workflow([
      { name: 'main', steps: [[{ name: 'apply', template: 'k8s', arguments: { parameters: [{ name: 'action', value: 'apply' }, { name: 'manifest', value: '{{item}}' }] },
        withItems: ['apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n'] }]] },
      { name: 'k8s', inputs: { parameters: [{ name: 'action' }, { name: 'manifest' }] }, resource: { action: '{{inputs.parameters.action}}', manifest: '{{inputs.parameters.manifest}}' } },
    ]), []],
    ['an expression in a manifest', workflow([{ name: 'main', inputs: { parameters: [{ name: 'n', value: '2' }] },
      resource: { action: 'create', manifest: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  n: "{{=asInt(inputs.parameters.n) + 1}}"\n' } }]), []],
    // validateTemplateHolder: a templateRef whose template is a variable is resolved at run time
    ['a templateRef choosing its template at run time', workflow([
      { name: 'main', steps: [[{ name: 'pick', template: 'dispatch', arguments: { parameters: [{ name: 'which', value: 'say' }] } }]] },
      { name: 'dispatch', inputs: { parameters: [{ name: 'which' }] }, steps: [[{ name: 'run', templateRef: { name: 'library', template: '{{inputs.parameters.which}}' } }]] },
    ]), [workflow([container('say')], {}, 'WorkflowTemplate')]],
    ['a templateRef naming its WorkflowTemplate at run time', workflow([
      { name: 'main', inputs: { parameters: [{ name: 'lib', value: 'library' }] }, dag: { tasks: [{ name: 'a', templateRef: { name: '{{inputs.parameters.lib}}', template: 'say' } }] } },
    ]), []],
    // examples/workflow-event-binding: the WorkflowEventBinding supplies parameters the template never declares
    ['a WorkflowTemplate using parameters an event binding supplies', workflow([
      { name: 'main', steps: [[{ name: 'print', template: 'echo', arguments: { parameters: [{ name: 'salutation', value: '{{workflow.parameters.salutation}}' }, { name: 'appellation', value: '{{workflow.parameters.appellation}}' }] } }]] },
      container('echo', { inputs: { parameters: [{ name: 'salutation' }, { name: 'appellation' }] } }),
    ], { arguments: { parameters: [{ name: 'salutation', value: 'hello' }] } }, 'WorkflowTemplate'), []],
    // isValidStepName: a step named from an input, and the nested reference to its status
    ['a step named from an input and read back by name', workflow([
      { name: 'main', inputs: { parameters: [{ name: 'day', value: 'mon' }] }, steps: [[{ name: 'run-{{inputs.parameters.day}}', template: 'say' }],
        [{ name: 'after', template: 'say', when: '{{steps.run-{{inputs.parameters.day}}.status}} == Succeeded' }]] },
      container('say'),
    ]), []],
    // exit handlers may read global outputs named by a variable
    ['an exit handler reading a global artifact whose name is a parameter', workflow([
      { name: 'main', container: { image: 'a:1' }, outputs: { artifacts: [{ name: 'r', path: '/r', globalName: 'result-{{workflow.parameters.run}}' }] } },
      { name: 'bye', container: { image: 'a:1', args: ['{{workflow.outputs.artifacts.result-x}}'] } },
    ], { onExit: 'bye', arguments: { parameters: [{ name: 'run', value: 'x' }] } }), []],
    // a DAG task reading the status of an ancestor it depends on with depends
    ['depends on a failure, reading its status', workflow([
      { name: 'main', dag: { tasks: [{ name: 'a', template: 'say' }, { name: 'b', template: 'say', depends: 'a.Failed || a.Errored', when: '{{tasks.a.status}} != Succeeded' }] } },
      container('say'),
    ]), []],
  ])('%s', (_, object, others) => {
    expect(errors(object, others)).toEqual([]);
  });
});
