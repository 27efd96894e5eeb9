import { checkArgoWorkflow } from '../../../lib/validate/checks';
import { rules, runCheck } from '../builders';
import { loadRegistry, rulesAt } from './load-registry';

const container = { image: 'python:3.12', command: ['python', '-c'], args: ['print(1)'] };
const templates = [
  { name: 'main', dag: { tasks: [{ name: 'a', template: 'echo' }, { name: 'b', template: 'echo', depends: 'a' }] } },
  { name: 'echo', inputs: { parameters: [{ name: 'msg', default: 'hi' }, { name: 'steps', default: 1000 }, { name: 'dry-run', value: false }] }, container, retryStrategy: { limit: '3', retryPolicy: 'OnFailure' } },
  { name: 'steps', steps: [[{ name: 's1', template: 'echo' }], [{ name: 's2', template: 'echo', withItems: ['a', 1, { k: 'v' }] }]] },
  { name: 'script', script: { image: 'python:3.12', source: 'print(1)' } },
];
const meta = { name: 'train', namespace: 'ml' };

const valid: [string, Record<string, unknown>][] = [
  ['Workflow', { apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow', metadata: { generateName: 'train-' }, spec: { entrypoint: 'main', templates } }],
  ['WorkflowTemplate', { apiVersion: 'argoproj.io/v1alpha1', kind: 'WorkflowTemplate', metadata: meta, spec: { entrypoint: 'main', arguments: { parameters: [{ name: 'lr', value: '0.1' }] }, templates } }],
  ['ClusterWorkflowTemplate', { apiVersion: 'argoproj.io/v1alpha1', kind: 'ClusterWorkflowTemplate', metadata: { name: 'shared' }, spec: { templates } }],
  ['IntOrString and Quantity as Kubernetes reads them (schema.json types both as strings)', { apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow', metadata: { generateName: 'q-' }, spec: { entrypoint: 'main', activeDeadlineSeconds: 600, templates: [{ name: 'main', retryStrategy: { limit: 2 }, container: { ...container, resources: { limits: { cpu: 2, memory: '1Gi' } } } }] } }],
  ['a template container without an image (templateDefaults may supply it)', { apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow', metadata: { generateName: 'd-' }, spec: { entrypoint: 'main', templateDefaults: { container: { image: 'python:3.12' } }, templates: [{ name: 'main', container: { command: ['true'] } }] } }],
  ['CronWorkflow', { apiVersion: 'argoproj.io/v1alpha1', kind: 'CronWorkflow', metadata: meta, spec: { schedules: ['0 2 * * *'], timezone: 'Europe/Berlin', concurrencyPolicy: 'Forbid', workflowSpec: { workflowTemplateRef: { name: 'train' } } } }],
];

test.each(valid)('valid %s has no violations', async (_, obj) => {
  expect((await loadRegistry()).validate(obj)).toEqual([]);
});

const wt = (template: Record<string, unknown>) => ({
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'WorkflowTemplate',
  metadata: meta,
  spec: { entrypoint: 'main', templates: [{ name: 'main', ...template }] },
});

const invalid: [string, Record<string, unknown>, string[]][] = [
  ['misspelled template field', wt({ containr: container }), ['unknown-field spec.templates[0].containr']],
  ['unknown container field', wt({ container: { ...container, imag: 'x' } }), ['unknown-field spec.templates[0].container.imag']],
  ['steps as objects instead of lists', wt({ steps: [{ steps: [{ name: 'a' }] }] }), ['type spec.templates[0].steps[0]']],
  ['retry limit as a boolean (IntOrString)', wt({ container, retryStrategy: { limit: true } }), ['type spec.templates[0].retryStrategy.limit']],
  ['template name as number', { ...wt({}), spec: { templates: [{ name: 5, container }] } }, ['type spec.templates[0].name']],
  ['WorkflowTemplate without metadata', { apiVersion: 'argoproj.io/v1alpha1', kind: 'WorkflowTemplate', spec: { templates: [] } }, ['required metadata']],
  ['a quantity Kubernetes cannot parse', wt({ container: { ...container, resources: { requests: { memory: '1 GB' } } } }), ['format spec.templates[0].container.resources.requests.memory']],
  ['dag task dependencies as string', wt({ dag: { tasks: [{ name: 'a', dependencies: 'b' }] } }), ['type spec.templates[0].dag.tasks[0].dependencies']],
];

test.each(invalid)('%s is reported', async (_, obj, expected) => {
  expect(rulesAt((await loadRegistry()).validate(obj))).toEqual(expected);
});

// ScriptTemplate.Source is `+optional` in Go from v3.7 (and Go's decoding never required it in v3.6, whose
// validator does not check it); the full CRDs from v3.7 do not require it. Argo's e2e dag-empty-param,
// loops-empty-param and sidecar-volumes run scripts without source; template-default-image sets a partial
// spec.templateDefaults.script. The required field that remains is what Go requires: a container's name.
describe.each(['3.6', '3.7', '4.0', '4.1'])('Argo %s: a script without source (ScriptTemplate.Source is optional)', (argoVersion) => {
  const versions = { versions: { argoVersion }, source: 'flag' as const };
  test.each<[string, Record<string, unknown>]>([
    ['a template', { templates: [{ name: 'main', script: { image: 'alpine:3.19', command: ['sh', '-c', 'true'] } }] }],
    ['templateDefaults', { templateDefaults: { script: { image: 'alpine:3.19' } }, templates: [{ name: 'main', script: { source: 'echo hi' } }] }],
  ])('%s', async (_, spec) => {
    const object = { apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow', metadata: { generateName: 's-' }, spec: { entrypoint: 'main', ...spec } };
    expect((await loadRegistry({ versions })).validate(object)).toEqual([]);
  });

  test('a sidecar without a name is still refused', async () => {
    const object = { apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow', metadata: { generateName: 's-' }, spec: { entrypoint: 'main', templates: [{ name: 'main', script: { image: 'a:1', source: 'x' }, sidecars: [{ image: 'b:1' }] }] } };
    expect(rulesAt((await loadRegistry({ versions })).validate(object))).toEqual(['required spec.templates[0].sidecars[0].name']);
  });
});

// anystring.go: AnyString.UnmarshalJSON stores numbers and booleans as their text and drops arrays and objects without
// an error; the minimal CRDs (v3.6, v3.7) let any value through, the full CRDs of v4 type the field as a string
// (Argo quoted its examples' numbers for them: b20c264a62 "test all our yaml against CRDs").
describe('parameter values (AnyString) by release', () => {
  const object = wt({ container, inputs: { parameters: [
    { name: 'n', value: 5 }, { name: 'b', default: true }, { name: 'e', value: 'x', enum: ['x', 2] }, { name: 'list', value: [] }, { name: 'map', value: { a: 1 } },
  ] } });
  const found = async (argoVersion: string) => (await loadRegistry({ versions: { versions: { argoVersion }, source: 'flag' } })).validate(object)
    .map((v) => `${v.severity ?? 'error'} ${v.rule} ${v.path.replace('spec.templates[0].inputs.parameters', 'p')}`);

  test.each(['3.6', '3.7'])('Argo %s: scalars pass; an array or object is a warning, as Argo reads it as empty', async (argoVersion) => {
    expect(await found(argoVersion)).toEqual(['warning read-as-empty p[3].value', 'warning read-as-empty p[4].value']);
  });

  test.each(['4.0', '4.1'])('Argo %s: anything but a string is refused by the full CRDs', async (argoVersion) => {
    expect(await found(argoVersion)).toEqual(['error type p[0].value', 'error type p[1].default', 'error type p[2].enum[1]', 'error type p[3].value', 'error type p[4].value']);
  });
});

// Argo v3.6 and v3.7 install the minimal CRDs (manifests/cluster-install: ../base/crds/minimal), so nothing but Argo's
// validator, which kfops' Argo rules port, requires a field there; v4.0 installs the full CRDs (../base/crds/full).
// Argo's TestValidMetricGauge (a gauge without realtime is valid), e2e artifact-workflow-azure (key-only artifacts)
// and data-transformation (artifactPaths without a name) at v3.6/v3.7.
describe('required fields within a kind: minimal CRDs (v3.6, v3.7) against full CRDs (v4)', () => {
  const workflow = (spec: Record<string, unknown>) => ({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow', metadata: { generateName: 'r-' }, spec: { entrypoint: 'main', ...spec } });
  const cases: [string, Record<string, unknown>, string[]][] = [
    ['a gauge without realtime', workflow({ templates: [{ name: 'main', container, metrics: { prometheus: [{ name: 'g', help: 'h', gauge: { value: '1' } }] } }] }),
      ['required spec.templates[0].metrics.prometheus[0].gauge.realtime']],
    ['a key-only Azure artifact', workflow({ templates: [{ name: 'main', container, outputs: { artifacts: [{ name: 'a', path: '/a', azure: { blob: 'b' } }] } }] }),
      ['required spec.templates[0].outputs.artifacts[0].azure.endpoint', 'required spec.templates[0].outputs.artifacts[0].azure.container']],
    ['artifactPaths without a name', workflow({ templates: [{ name: 'main', data: { source: { artifactPaths: { s3: { key: 'k' } } }, transformation: [{ expression: 'true' }] } }] }),
      ['required spec.templates[0].data.source.artifactPaths.name']],
    ['a CronWorkflow without workflowSpec', { apiVersion: 'argoproj.io/v1alpha1', kind: 'CronWorkflow', metadata: meta, spec: { schedules: ['* * * * *'] } },
      ['required spec.workflowSpec']],
  ];
  describe.each(['3.6', '3.7'])('Argo %s', (argoVersion) => {
    test.each(cases)('%s is no schema finding', async (_, object) => {
      expect(rulesAt((await loadRegistry({ versions: { versions: { argoVersion }, source: 'flag' } })).validate(object))).toEqual([]);
    });
    test('the kinds keep metadata and spec, the pod\'s containers their names', async () => {
      const registry = await loadRegistry({ versions: { versions: { argoVersion }, source: 'flag' } });
      expect(rulesAt(registry.validate({ apiVersion: 'argoproj.io/v1alpha1', kind: 'WorkflowTemplate', spec: { templates: [] } }))).toEqual(['required metadata']);
      expect(rulesAt(registry.validate(workflow({ templates: [{ name: 'main', containerSet: { containers: [{ image: 'a:1' }] }, initContainers: [{ image: 'b:1' }] }] }))))
        .toEqual(['required spec.templates[0].containerSet.containers[0].name', 'required spec.templates[0].initContainers[0].name']);
    });
  });
  describe.each(['4.0', '4.1'])('Argo %s', (argoVersion) => {
    test.each(cases)('%s is refused by the full CRDs', async (_, object, expected) => {
      expect(rulesAt((await loadRegistry({ versions: { versions: { argoVersion }, source: 'flag' } })).validate(object))).toEqual(expected);
    });
  });
});

// validate.go: "initContainers must all have container name", "%s.git.repo is required", "metric ... must contain a
// help string", "resource.action must be one of", "parameters.name is required": on v3.6 the Argo rules say it.
test('what Argo\'s validator requires is still an error on v3.6, from the Argo rules', async () => {
  const object = { apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow', metadata: { generateName: 'r-' }, spec: { entrypoint: 'main', arguments: { parameters: [{ value: 'x' }] }, templates: [
    { name: 'main', steps: [[{ name: 'a', template: 'git', arguments: { artifacts: [{ name: 'src', git: { revision: 'main' } }] } }], [{ name: 'b', template: 'res' }]] },
    { name: 'git', inputs: { artifacts: [{ name: 'src', path: '/src', git: { revision: 'main' } }] }, metrics: { prometheus: [{ name: 'm', counter: { value: '1' } }] }, container },
    { name: 'res', resource: { manifest: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n' } },
  ] } };
  expect(rulesAt((await loadRegistry({ versions: { versions: { argoVersion: '3.6' }, source: 'flag' } })).validate(object))).toEqual([]);
  expect(rules(runCheck(checkArgoWorkflow, object)).sort()).toEqual(
    ['error:argo/argument-artifact', 'error:argo/artifact-location', 'error:argo/metric', 'error:argo/parameter-name', 'error:argo/resource-action']);
});
