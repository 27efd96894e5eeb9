import { checkArgoWorkflow } from '../../../../lib/validate/checks';
import { KubeObject } from '../../../../lib/validate/object-index';
import { container, dag, rules, runCheck, workflow } from '../../builders';

const check = (object: KubeObject, others: KubeObject[] = []) => rules(runCheck(checkArgoWorkflow, object, others));
const template = (templates: unknown[], spec: Record<string, unknown> = {}) => workflow(templates, spec, 'WorkflowTemplate');
const ref = (spec: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow', metadata: { generateName: 'run-' }, spec: { workflowTemplateRef: { name: 'wf' }, ...spec },
});

describe('the workflow as a whole (validate.go: Workflow, WorkflowTemplate, ClusterWorkflowTemplate)', () => {
  // validateWorkflowFieldNames(wf.Spec.Templates)
  test.each<[string, unknown[], string[]]>([
    ['valid names', [container('main'), container('Step-2')], []],
    ['a template without a name', [container('main'), { container: { image: 'a:1' } }], ['error:argo/template-name']],
    ['a name with an underscore', [container('main'), container('my_step')], ['error:argo/template-name']],
    ['a name starting with "-"', [container('main'), container('-x')], ['error:argo/template-name']],
    ['a name over 128 characters', [container('main'), container('a'.repeat(129))], ['error:argo/template-name']],
    ['two templates of one name', [container('main'), container('main')], ['error:argo/duplicate-template']],
  ])('template names: %s', (_, templates, expected) => {
    expect(check(workflow(templates))).toEqual(expected);
  });

  // Workflow: spec.entrypoint is required (not for WorkflowTemplates: opts.IgnoreEntrypoint)
  test.each<[string, KubeObject, string[]]>([
    ['unknown entrypoint', workflow([container('mian')]), ['error:argo/entrypoint']],
    ['Workflow without entrypoint', workflow([container('main')], { entrypoint: undefined }), ['error:argo/entrypoint']],
    ['WorkflowTemplate without entrypoint', template([container('main')], { entrypoint: undefined }), []],
    ['WorkflowTemplate with an unknown entrypoint', template([container('mian')]), ['error:argo/entrypoint']],
    ['CronWorkflow without entrypoint', { apiVersion: 'argoproj.io/v1alpha1', kind: 'CronWorkflow', metadata: { name: 'c' },
      spec: { schedules: ['0 1 * * *'], workflowSpec: { templates: [container('main')] } } }, ['error:argo/entrypoint']],
  ])('%s', (_, object, expected) => {
    expect(check(object)).toEqual(expected);
  });

  test('the entrypoint message names the path and suggests the closest template', () => {
    expect(runCheck(checkArgoWorkflow, workflow([container('mian')]))[0]).toMatchObject({
      path: 'spec.entrypoint', message: 'entrypoint "main" is not a template of this workflow', fix: 'did you mean "mian"?',
    });
  });

  // validateArguments("spec.arguments.", ..., allowEmptyValues = Lint || WorkflowTemplateValidation)
  test.each<[string, string, Record<string, unknown>, string[]]>([
    ['a submitted parameter with a value', 'Workflow', { parameters: [{ name: 'lr', value: '0.1' }] }, []],
    ['a submitted parameter without a value', 'Workflow', { parameters: [{ name: 'lr' }] }, ['error:argo/argument-value']],
    ['a template parameter without a value (supplied at submission)', 'WorkflowTemplate', { parameters: [{ name: 'lr' }] }, []],
    ['a ClusterWorkflowTemplate parameter without a value', 'ClusterWorkflowTemplate', { parameters: [{ name: 'lr' }] }, []],
    ['a parameter from a ConfigMap', 'Workflow', { parameters: [{ name: 'lr', valueFrom: { configMapKeyRef: { name: 'c', key: 'k' } } }] }, []],
    ['an invalid parameter name', 'WorkflowTemplate', { parameters: [{ name: 'l.r', value: '1' }] }, ['error:argo/parameter-name']],
    ['a repeated parameter', 'WorkflowTemplate', { parameters: [{ name: 'lr', value: '1' }, { name: 'lr', value: '2' }] }, ['error:argo/duplicate-parameter']],
    ['a value in its enum', 'WorkflowTemplate', { parameters: [{ name: 'm', value: 'a', enum: ['a', 'b'] }] }, []],
    ['a value outside its enum', 'WorkflowTemplate', { parameters: [{ name: 'm', value: 'c', enum: ['a', 'b'] }] }, ['error:argo/argument-enum']],
    ['an empty enum', 'WorkflowTemplate', { parameters: [{ name: 'm', value: 'a', enum: [] }] }, ['error:argo/argument-enum']],
    ['an enum without value in a template', 'WorkflowTemplate', { parameters: [{ name: 'm', enum: ['a'] }] }, []],
    ['an enum without value on submission', 'Workflow', { parameters: [{ name: 'm', enum: ['a'] }] }, ['error:argo/argument-value']],
  ])('spec.arguments: %s', (_, kind, args, expected) => {
    expect(check(workflow([container('main')], { arguments: args }, kind))).toEqual(expected);
  });

  // Workflow: args = wf.Spec.Arguments merged with the WorkflowTemplate's (util.MergeParameters), then validated
  test.each<[string, Record<string, unknown>, Record<string, unknown>, string[]]>([
    ['the template\'s parameter has a value', { parameters: [{ name: 'lr', value: '1' }] }, {}, []],
    ['the Workflow supplies it', { parameters: [{ name: 'lr' }] }, { arguments: { parameters: [{ name: 'lr', value: '2' }] } }, []],
    ['nobody supplies it', { parameters: [{ name: 'lr' }] }, {}, ['error:argo/argument-value']],
  ])('workflowTemplateRef: %s', (_, templateArgs, runSpec, expected) => {
    expect(check(ref(runSpec), [template([container('main')], { arguments: templateArgs })])).toEqual(expected);
  });

  test('a template parameter without a value that the Workflow does not pass fails the submission', () => {
    const library = template([container('main')], { arguments: { parameters: [{ name: 'lr' }] } });
    expect(runCheck(checkArgoWorkflow, ref(), [library])).toEqual([expect.objectContaining({
      rule: 'argo/argument-value', message: 'WorkflowTemplate "wf" declares parameter "lr" without a value, and this Workflow does not pass one',
    })]);
  });

  // WorkflowTemplateRefFields
  test.each<[string, KubeObject, string[]]>([
    ['a workflowTemplateRef the run holds', ref(), []],
    ['a workflowTemplateRef outside the run (the cluster may hold it)', ref({ workflowTemplateRef: { name: 'elsewhere' } }), ['warning:argo/workflow-template-ref']],
    ['templates beside a workflowTemplateRef', ref({ templates: [container('extra')] }), ['error:argo/workflow-template-ref']],
    ['an entrypoint the referenced template has', ref({ entrypoint: 'main' }), []],
    ['an entrypoint the referenced template lacks', ref({ entrypoint: 'nope' }), ['error:argo/entrypoint']],
  ])('%s', (_, object, expected) => {
    expect(check(object, [template([container('main')])])).toEqual(expected);
  });

  // the entrypoint is validated with the submitted arguments (common.ProcessArgs: "inputs.parameters.x was not supplied")
  test.each<[string, KubeObject, string[]]>([
    ['entrypoint input not supplied', workflow([container('main', { inputs: { parameters: [{ name: 'lr' }] } })]), ['error:argo/missing-argument']],
    ['entrypoint input from spec.arguments', workflow([container('main', { inputs: { parameters: [{ name: 'lr' }] } })],
      { arguments: { parameters: [{ name: 'lr', value: '0.1' }] } }), []],
    ['entrypoint input with a default', workflow([container('main', { inputs: { parameters: [{ name: 'lr', default: '1' }] } })]), []],
    ['entrypoint input artifact not supplied', workflow([container('main', { inputs: { artifacts: [{ name: 'data', path: '/d' }] } })]), ['error:argo/missing-argument']],
    ['optional entrypoint input artifact', workflow([container('main', { inputs: { artifacts: [{ name: 'data', path: '/d', optional: true }] } })]), []],
    ['entrypoint input artifact with a location', workflow([container('main', { inputs: { artifacts: [{ name: 'data', path: '/d', http: { url: 'https://x' } }] } })]), []],
    ['a WorkflowTemplate\'s entrypoint inputs come with the submission', template([container('main', { inputs: { parameters: [{ name: 'lr' }] } })]), []],
  ])('%s', (_, object, expected) => {
    expect(check(object)).toEqual(expected);
  });

  // onExit is validated with wf.Spec.Arguments; validateHooks
  test.each<[string, Record<string, unknown>, string[]]>([
    ['unknown onExit', { onExit: 'cleanup' }, ['error:argo/template-ref']],
    ['onExit needing an input spec.arguments does not supply', { onExit: 'notify' }, ['error:argo/missing-argument']],
    ['onExit with its input supplied', { onExit: 'notify', arguments: { parameters: [{ name: 'to', value: 'me' }] } }, []],
    ['an exit hook without expression', { hooks: { exit: { template: 'main' } } }, []],
    ['a running hook without expression', { hooks: { running: { template: 'main' } } }, ['error:argo/hook-expression']],
    ['a running hook with expression', { hooks: { running: { template: 'main', expression: 'workflow.status == "Running"' } } }, []],
    ['a hook naming an unknown template', { hooks: { exit: { template: 'nope' } } }, ['error:argo/template-ref']],
  ])('%s', (_, spec, expected) => {
    expect(check(workflow([container('main'), container('notify', { inputs: { parameters: [{ name: 'to' }] } })], spec, 'WorkflowTemplate'))).toEqual(expected);
  });

  // podGC.strategy IsValid, PodGC.GetLabelSelector (metav1.LabelSelectorAsSelector)
  test.each<[string, Record<string, unknown>, string[]]>([
    ['known strategy', { strategy: 'OnPodSuccess' }, []],
    ['valid selector', { labelSelector: { matchExpressions: [{ key: 'env', operator: 'In', values: ['dev'] }, { key: 'keep', operator: 'DoesNotExist' }] } }, []],
    ['unknown operator', { labelSelector: { matchExpressions: [{ key: 'env', operator: 'InvalidOperator', values: ['dev'] }] } }, ['error:argo/pod-gc']],
    ['In without values', { labelSelector: { matchExpressions: [{ key: 'env', operator: 'In' }] } }, ['error:argo/pod-gc']],
    ['Exists with values', { labelSelector: { matchExpressions: [{ key: 'env', operator: 'Exists', values: ['x'] }] } }, ['error:argo/pod-gc']],
    ['invalid key', { labelSelector: { matchExpressions: [{ key: 'a b', operator: 'Exists' }] } }, ['error:argo/pod-gc']],
  ])('podGC: %s', (_, podGC, expected) => {
    expect(check(workflow([container('main')], { podGC }))).toEqual(expected);
  });

  // validatePodResources("spec.podResources") and the template-level check (Argo v4.1)
  test.each<[string, Record<string, unknown>, string[]]>([
    ['cpu and memory', { podResources: { requests: { cpu: '1', memory: '1Gi' }, limits: { 'hugepages-2Mi': '1Gi' } } }, []],
    ['a GPU at pod level', { podResources: { limits: { 'nvidia.com/gpu': '1' } } }, ['error:argo/pod-resources']],
    ['claims at pod level', { podResources: { claims: [{ name: 'gpu' }] } }, ['error:argo/pod-resources']],
  ])('podResources: %s', (_, spec, expected) => {
    expect(check(workflow([container('main')], spec))).toEqual(expected);
  });

  // validateExecutorPlugins (WorkflowSpec.AsExecutorPluginSpec, Sidecar.Validate)
  const plugin = { metadata: { name: 'hello' }, spec: { sidecar: { container: { name: 'hello', image: 'p:1', ports: [{ containerPort: 4356 }],
    resources: { requests: { cpu: '100m' }, limits: { cpu: '200m' } }, securityContext: { runAsNonRoot: true } } } } };
  test.each<[string, unknown[], string[]]>([
    ['none', [], []],
    ['a valid plugin', [plugin], []],
    ['a plugin without name', [{ ...plugin, metadata: {} }], ['error:argo/executor-plugin']],
    ['a plugin without ports', [{ ...plugin, spec: { sidecar: { container: { ...plugin.spec.sidecar.container, ports: [] } } } }], ['error:argo/executor-plugin']],
  ])('executorPlugins: %s', (_, executorPlugins, expected) => {
    expect(check(workflow([container('main')], { executorPlugins }))).toEqual(expected);
  });

  test('a DAG entrypoint of a WorkflowTemplate without entrypoint inputs is fine', () => {
    expect(check(template([dag([{ name: 'a', template: 'echo' }]), container('echo')]))).toEqual([]);
  });
});
