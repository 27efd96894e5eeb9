import { checkArgoWorkflow } from '../../../../lib/validate/checks';
import { rules, runCheck, workflow } from '../../builders';

// Templates linted as a WorkflowTemplate, so only the template's own inputs and outputs are under test.
const helper = { name: 'helper', container: { image: 'a:1' } };
const check = (template: Record<string, unknown>) => rules(runCheck(checkArgoWorkflow, workflow([{ name: 'main', ...template }, helper], {}, 'WorkflowTemplate')));
const box = { container: { image: 'a:1' } };
const dagOf = { dag: { tasks: [{ name: 't', template: 'helper' }] } };
const getPod = { resource: { action: 'get', manifest: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n' } };

describe('inputs and outputs (validate.go: validateInputs, validateOutputs, validateOutputParameter; Artifact.CleanPath)', () => {
  test.each<[string, Record<string, unknown>, string[]]>([
    ['input parameters', { ...box, inputs: { parameters: [{ name: 'a' }, { name: 'b_2' }] } }, []],
    ['a repeated input parameter', { ...box, inputs: { parameters: [{ name: 'dup', value: 'x' }, { name: 'dup', value: 'y' }] } }, ['error:argo/duplicate-parameter']],
    ['an input parameter without a name', { ...box, inputs: { parameters: [{ name: '', value: 'x' }] } }, ['error:argo/parameter-name']],
    ['an input parameter with a dot', { ...box, inputs: { parameters: [{ name: 'a.b' }] } }, ['error:argo/parameter-name']],
    ['an input artifact with a space', { ...box, inputs: { artifacts: [{ name: 'my art', path: '/a' }] } }, ['error:argo/artifact-name']],
    ['a repeated output artifact', { ...box, outputs: { artifacts: [{ name: 'o', path: '/o' }, { name: 'o', path: '/p' }] } }, ['error:argo/duplicate-artifact']],
    ['an output parameter named badly', { ...box, outputs: { parameters: [{ name: 'o!', valueFrom: { path: '/o' } }] } }, ['error:argo/parameter-name']],
    // validateOutputs runs on the template ProcessArgs substituted, so inputs in output names are placeholders
    // (Argo's e2e exit-handler-parameterized-global-artifacts); validateInputs checks input names as written.
    ['output names built from inputs', {
      ...box, inputs: { parameters: [{ name: 'variable', value: 'v' }] },
      outputs: { artifacts: [{ name: 'result-{{inputs.parameters.variable}}', path: '/r' }], parameters: [{ name: 'p-{{ inputs.parameters.variable }}', valueFrom: { path: '/p' } }] },
    }, []],
    ['an output name whose literal part is bad', { ...box, inputs: { parameters: [{ name: 'v', value: 'v' }] }, outputs: { artifacts: [{ name: 'r.{{inputs.parameters.v}}', path: '/r' }] } }, ['error:argo/artifact-name']],
    ['an input name with a tag', { ...box, inputs: { parameters: [{ name: 'p-{{workflow.name}}' }] } }, ['error:argo/parameter-name']],
  ])('names: %s', (_, template, expected) => {
    expect(check(template)).toEqual(expected);
  });

  test.each<[string, Record<string, unknown>, string[]]>([
    ['an input artifact with a path on a container', { ...box, inputs: { artifacts: [{ name: 'a', path: '/tmp/a' }] } }, []],
    ['an input artifact without a path on a container', { ...box, inputs: { artifacts: [{ name: 'a' }] } }, ['error:argo/input-artifact']],
    ['an input artifact path escaping its directory', { ...box, inputs: { artifacts: [{ name: 'a', path: '/tmp/safe/../../etc/passwd' }] } }, ['error:argo/input-artifact']],
    ['".." leaving the part before it', { ...box, inputs: { artifacts: [{ name: 'a', path: '/tmp/safe/x/../y' }] } }, ['error:argo/input-artifact']],
    ['dots that are no "..", or that stay inside', { ...box, inputs: { artifacts: [{ name: 'a', path: '/tmp/a..b/c' }, { name: 'b', path: '/tmp/x/../x/y' }] } }, []],
    ['an input artifact with a path on a DAG', { ...dagOf, inputs: { artifacts: [{ name: 'a', path: '/tmp/a' }] } }, ['error:argo/input-artifact']],
    ['an input artifact without path on a DAG', { ...dagOf, inputs: { artifacts: [{ name: 'a' }] } }, []],
    ['an input artifact with from', { ...box, inputs: { artifacts: [{ name: 'a', path: '/a', from: '{{tasks.x.outputs.artifacts.y}}' }] } },
      ['error:argo/input-artifact', 'error:argo/node-reference']],
    ['a git input without repo', { ...box, inputs: { artifacts: [{ name: 'a', path: '/a', git: { revision: 'main' } }] } }, ['error:argo/artifact-location']],
    ['an HDFS input without user', { ...box, inputs: { artifacts: [{ name: 'a', path: '/a', hdfs: { addresses: ['nn:8020'], path: '/x' } }] } }, ['error:argo/artifact-location']],
    ['an HDFS input with a relative path', { ...box, inputs: { artifacts: [{ name: 'a', path: '/a', hdfs: { addresses: ['nn:8020'], path: 'x', hdfsUser: 'u' } }] } }, ['error:argo/artifact-location']],
    ['an output artifact without a path on a script', { script: { image: 'a:1', source: 'x' }, outputs: { artifacts: [{ name: 'o' }] } }, ['error:argo/output-artifact']],
    ['an output artifact with a path on a DAG', { ...dagOf, outputs: { artifacts: [{ name: 'o', path: '/o' }] } }, ['error:argo/output-artifact']],
    ['an archiveLocation git without repo', { ...box, archiveLocation: { git: {} } }, ['error:argo/artifact-location']],
  ])('artifacts: %s', (_, template, expected) => {
    expect(check(template)).toEqual(expected);
  });

  test.each<[string, Record<string, unknown>, string[]]>([
    ['from a path on a container', { ...box, outputs: { parameters: [{ name: 'o', valueFrom: { path: '/o' } }] } }, []],
    ['a literal value', { ...box, outputs: { parameters: [{ name: 'o', value: 'x' }] } }, []],
    ['neither value nor valueFrom', { ...box, outputs: { parameters: [{ name: 'o' }] } }, ['error:argo/output-parameter']],
    ['both value and valueFrom', { ...box, outputs: { parameters: [{ name: 'o', value: 'x', valueFrom: { path: '/o' } }] } }, ['error:argo/output-parameter']],
    ['two valueFrom sources', { ...box, outputs: { parameters: [{ name: 'o', valueFrom: { path: '/o', jsonPath: '{.x}' } }] } }, ['error:argo/output-parameter']],
    ['a valueFrom with no source', { ...box, outputs: { parameters: [{ name: 'o', valueFrom: { default: 'x' } }] } }, ['error:argo/output-parameter']],
    ['valueFrom.parameter on a container', { ...box, outputs: { parameters: [{ name: 'o', valueFrom: { parameter: 'x' } }] } }, ['error:argo/output-parameter']],
    ['valueFrom.path on a DAG', { ...dagOf, outputs: { parameters: [{ name: 'o', valueFrom: { path: '/o' } }] } }, ['error:argo/output-parameter']],
    ['valueFrom.parameter on a DAG', { ...dagOf, outputs: { parameters: [{ name: 'o', valueFrom: { parameter: '{{tasks.t.outputs.result}}' } }] } }, []],
    ['valueFrom.jsonPath on a resource', { ...getPod, outputs: { parameters: [{ name: 'o', valueFrom: { jsonPath: '{.status}' } }] } }, []],
    ['valueFrom.path on a resource', { ...getPod, outputs: { parameters: [{ name: 'o', valueFrom: { path: '/o' } }] } }, ['error:argo/output-parameter']],
    ['supplied on a suspend', { suspend: {}, outputs: { parameters: [{ name: 'o', valueFrom: { supplied: {} } }] } }, []],
    ['a valid globalName', { ...box, outputs: { parameters: [{ name: 'o', valueFrom: { path: '/o' }, globalName: 'my_out-1' }] } }, []],
    ['a globalName with a dot', { ...box, outputs: { parameters: [{ name: 'o', valueFrom: { path: '/o' }, globalName: 'my.out' }] } }, ['error:argo/global-name']],
    ['a templated globalName', { ...box, inputs: { parameters: [{ name: 'n' }] }, outputs: { parameters: [{ name: 'o', valueFrom: { path: '/o' }, globalName: '{{inputs.parameters.n}}' }] } }, []],
  ])('output parameters: %s', (_, template, expected) => {
    expect(check(template)).toEqual(expected);
  });

  test('the message names the parameter, the template and the source its type needs', () => {
    expect(runCheck(checkArgoWorkflow, workflow([{ name: 'main', ...box, outputs: { parameters: [{ name: 'o', valueFrom: { parameter: 'x' } }] } }]))[0]).toMatchObject({
      path: 'spec.templates[0].outputs.parameters[0].valueFrom',
      message: 'output parameter "o" of template "main" reads valueFrom.parameter, but a container template\'s output comes from path',
      fix: 'use valueFrom.path',
    });
  });
});
