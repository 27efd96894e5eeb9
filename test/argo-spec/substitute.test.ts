import { placeholder, renderPlaceholders } from '../../lib/argo-spec/placeholder';
import { finishTags, placeholdTags, substitute, substituteParams, SubstitutionError } from '../../lib/argo-spec/substitute';

const vars = new Map([
  ['workflow.parameters.steps', '50000'],
  ['inputs.parameters.dir', 'gs://b/x'],
  ['inputs.parameters.t', 'train'],
  ['workflow.parameters.quote', 'say "hi"\nbye'],
]);

describe('substitute: Argo template substitution on the JSON of a value', () => {
  test.each<[string, unknown, unknown]>([
    ['a tag', '--steps={{workflow.parameters.steps}}', '--steps=50000'],
    ['spaces inside the braces', '{{ inputs.parameters.dir }}/tf', 'gs://b/x/tf'],
    ['several tags', '{{inputs.parameters.dir}}-{{workflow.parameters.steps}}', 'gs://b/x-50000'],
    ['an unknown tag stays for a later pass', '{{tasks.a.outputs.result}}', '{{tasks.a.outputs.result}}'],
    ['a nested tag resolves inside out', '{{tasks.{{inputs.parameters.t}}.outputs.result}}', '{{tasks.train.outputs.result}}'],
    ['quotes and newlines in a value', { v: '{{workflow.parameters.quote}}' }, { v: 'say "hi"\nbye' }],
    ['map keys too', { '{{inputs.parameters.t}}': 1 }, { train: 1 }],
    ['an expression becomes a placeholder', "{{=sprig.trim('a')}}", placeholder("=sprig.trim('a')")],
  ])('%s', (_label, value, expected) => {
    expect(substitute(value, vars)).toEqual(expected);
  });

  test('a "{{" without "}}" cannot be substituted', () => {
    expect(() => substitute('--x={{inputs.parameters.dir', vars)).toThrow(SubstitutionError);
    expect(() => substitute('--x={{inputs.parameters.dir', vars)).toThrow('has no closing "}}"');
  });

  test('a value with a control character Go quotes as \\a, \\v or \\x.. makes the substitution fail', () => {
    const bad = new Map([['workflow.parameters.bell', 'ding\u0007']]);
    expect(() => substitute('{{workflow.parameters.bell}}', bad)).toThrow('holds the control character U+0007');
    expect(substitute('{{workflow.parameters.tab}}', new Map([['workflow.parameters.tab', 'a\tb']]))).toBe('a\tb');
  });

  // util/template's Validate after the last pass, and validate.resolveAllVariables: only tags with a prefix of
  // GlobalVarValidWorkflowVariablePrefix are checked, others (a Helm template in a script) pass as text.
  test('finishTags turns run-time variables into placeholders and returns the checked names Argo does not know', () => {
    const { value, unknown } = finishTags({
      a: '{{tasks.train.outputs.parameters.job-name}}', b: '{{workflow.uid}}', c: '{{inputs.parameters.typo}}',
      d: '{{ .Values.image }}', e: '{{workflow.parameters.typo}} > 1', f: '{{tasks.{{inputs.parameters.who}}.outputs.result}}',
    });
    expect(renderPlaceholders(value)).toEqual({
      a: '<tasks.train.outputs.parameters.job-name>', b: '<workflow.uid>', c: '{{inputs.parameters.typo}}',
      d: '{{ .Values.image }}', e: '{{workflow.parameters.typo}} > 1', f: '{{tasks.{{inputs.parameters.who}}.outputs.result}}',
    });
    expect(unknown).toEqual(['inputs.parameters.typo', 'workflow.parameters.typo', 'inputs.parameters.who']);
  });

  test('placeholdTags makes every tag a placeholder, so a manifest reads before any run exists', () => {
    expect(renderPlaceholders(placeholdTags('replicas: {{ inputs.parameters.n }}\nname: {{=sprig.lower(x)}}-{{typo}}')))
      .toBe('replicas: <inputs.parameters.n>\nname: <expr: sprig.lower(x)>-<typo>');
    expect(() => placeholdTags('a: {{b')).toThrow(SubstitutionError);
    // A placeholder is plain text: an expression's quotes and colons do not end the YAML string it sits in.
    const quoted = placeholdTags('args: ["{{=sprig.replace("bar", "baz: x", y)}}"]');
    expect(JSON.parse(quoted.slice('args: '.length))).toHaveLength(1);
    expect(renderPlaceholders(quoted)).toBe('args: ["<expr: sprig.replace("bar", "baz: x", y)>"]');
  });
});

// workflow/common.SubstituteParams: globals (and the node's own variables) first, then the inputs as that pass left
// them, so an input defaulting to a workflow parameter carries the parameter's value into the template.
describe('substituteParams: the controller\'s two passes', () => {
  const globals = new Map([['workflow.parameters.replicas', '3'], ['workflow.name', 'wf-1']]);

  test('an input whose value names a global gets the global\'s value', () => {
    const template = {
      name: 'deploy',
      inputs: { parameters: [{ name: 'replicas', value: '{{workflow.parameters.replicas}}' }] },
      resource: { manifest: 'replicas: {{inputs.parameters.replicas}}\nname: {{workflow.name}}' },
    };
    expect(substituteParams(template, globals).resource).toEqual({ manifest: 'replicas: 3\nname: wf-1' });
  });

  test('inputs as JSON and artifact and output paths', () => {
    const template = {
      inputs: { parameters: [{ name: 'a', value: 'x' }], artifacts: [{ name: 'data', path: '/in/data' }] },
      outputs: { artifacts: [{ name: 'model', path: '/out/model' }], parameters: [{ name: 'n', valueFrom: { path: '/out/n' } }] },
      container: { args: ['{{inputs.parameters}}', '{{inputs.artifacts.data.path}}', '{{outputs.artifacts.model.path}}', '{{outputs.parameters.n.path}}'] },
    };
    expect(substituteParams(template, new Map()).container).toEqual({ args: ['[{"name":"a","value":"x"}]', '/in/data', '/out/model', '/out/n'] });
  });

  test('an input without a value or valueFrom fails, as Argo does', () => {
    expect(() => substituteParams({ inputs: { parameters: [{ name: 'x' }] } }, new Map())).toThrow('inputs.parameters.x had no value');
    expect(substituteParams({ inputs: { parameters: [{ name: 'x', valueFrom: { supplied: {} } }] } }, new Map())).toBeDefined();
  });
});

