import { Condition, ContainerStep, Loop, ParameterType, Pipeline, WorkflowVariables, fmt } from '../../lib';
import { UserError } from '../../lib/user-error';
import { MAX_NODES } from '../../lib/preview/walk-limits';
import { renderPreviewText } from '../../lib/preview/render-text';
import { synthChart } from '../helpers/synth-chart';
import { previewTemplate, schemas, stepsByName, theTemplate, workflowTemplate } from './helpers';

const image = 'trainer:1.0';

describe('when: decided where it reads only parameters', () => {
  const body = theTemplate(synthChart((chart) => {
    const p = new Pipeline(chart, 'p');
    const mode = p.addParameter('mode', { type: ParameterType.ENUM, enum: ['local', 'cloud'], default: 'local' });
    const workers = p.addParameter('workers', { type: ParameterType.INTEGER, default: 0 });
    const cloud = new ContainerStep(p, 'cloud', { image, when: mode.eq('cloud').and(Condition.greaterThan(workers, 0)) });
    new ContainerStep(p, 'local', { image, when: mode.eq('local') });
    new ContainerStep(p, 'report', { image }).after(cloud);
  }));

  test('a false when skips the step, with the expression as Argo evaluated it', () => {
    const steps = stepsByName(previewTemplate(body));
    expect(steps.get('cloud')).toMatchObject({ phase: 'skipped', reason: "when '('local' == 'cloud') && (0 > 0)' evaluated false" });
    expect(steps.get('local')).toMatchObject({ phase: 'runs', when: "'local' == 'local'" });
    // `dependencies` count a skipped step as done, as Argo does.
    expect(steps.get('report')).toMatchObject({ phase: 'runs', after: ['cloud'] });
  });

  test('--param overrides flip the decision', () => {
    const steps = stepsByName(previewTemplate(body, { overrides: [{ name: 'mode', value: 'cloud' }, { name: 'workers', value: '2' }] }));
    expect(steps.get('cloud')?.phase).toBe('runs');
    expect(steps.get('local')).toMatchObject({ phase: 'skipped', reason: "when ''cloud' == 'local'' evaluated false" });
  });

  test('a when on another step output is decided at run time, naming what it waits for', () => {
    const outputs = theTemplate(synthChart((chart) => {
      const p = new Pipeline(chart, 'p');
      const evaluate = new ContainerStep(p, 'evaluate', { image, fileOutputs: { accuracy: '/accuracy' } });
      new ContainerStep(p, 'deploy', { image, when: Condition.greaterOrEqual(evaluate.output('accuracy'), 0.9) });
    }));
    expect(stepsByName(previewTemplate(outputs)).get('deploy')).toMatchObject({
      phase: 'maybe', reason: "when '<tasks.evaluate.outputs.parameters.accuracy> >= 0.9' depends on <tasks.evaluate.outputs.parameters.accuracy> known only at run time",
    });
  });

  test('a when govaluate rejects fails the step, as the controller errors the node', () => {
    const wt = workflowTemplate(
      [{ name: 'a', template: 'c', when: '{{workflow.parameters.mode}} == local' }],
      [{ name: 'c', container: { image } }],
      [{ name: 'mode', value: 'local-run' }],
    );
    const preview = previewTemplate(wt);
    expect(stepsByName(preview).get('a')).toMatchObject({ phase: 'fails' });
    expect(preview.problems).toEqual([expect.objectContaining({
      step: 'a', severity: 'error',
      message: "Invalid 'when' expression 'local-run == local': Value 'local' cannot be used with the modifier '-', it is not a number",
    })]);
  });

  test('depends that cannot hold on a successful run omits the step', () => {
    const wt = workflowTemplate(
      [{ name: 'a', template: 'c' }, { name: 'cleanup', template: 'c', depends: 'a.Failed' }, { name: 'next', template: 'c', depends: 'a.Succeeded' }],
      [{ name: 'c', container: { image } }],
    );
    const steps = stepsByName(previewTemplate(wt));
    // The renderers say the phase, so the reason does not repeat it ("omitted: omitted: ...").
    expect(steps.get('cleanup')).toMatchObject({ phase: 'omitted', after: ['a'], reason: "depends 'a.Failed' does not hold on a run where every step that runs succeeds" });
    expect(steps.get('next')).toMatchObject({ phase: 'runs', after: ['a'] });
  });
});

describe('loops', () => {
  test('a literal withItems expands into one step per item, named as Argo names the nodes', () => {
    const body = theTemplate(synthChart((chart) => {
      const p = new Pipeline(chart, 'p');
      const shards = Loop.overItems([{ region: 'us', rows: 100 }, { region: 'eu', rows: 50 }]);
      new ContainerStep(p, 'count', { image, forEach: shards, args: ['--region', shards.field('region'), '--rows', shards.field('rows')] });
      new ContainerStep(p, 'big', { image, forEach: shards, when: Condition.greaterThan(shards.field('rows'), 60) });
    }));
    const preview = previewTemplate(body);
    const steps = stepsByName(preview);
    expect(steps.get('count(0:region:us,rows:100)')).toMatchObject({ loop: { index: 0, item: { region: 'us', rows: 100 } }, container: { args: ['--region', 'us', '--rows', '100'] } });
    expect(steps.get('count(1:region:eu,rows:50)')?.container?.args).toEqual(['--region', 'eu', '--rows', '50']);
    expect(steps.get('big(0:region:us,rows:100)')?.phase).toBe('runs');
    expect(steps.get('big(1:region:eu,rows:50)')).toMatchObject({ phase: 'skipped', reason: "when '50 > 60' evaluated false" });
  });

  test('a loop over a list known only at run time stays one step, its item a placeholder', () => {
    const body = theTemplate(synthChart((chart) => {
      const p = new Pipeline(chart, 'p');
      const list = new ContainerStep(p, 'list', { image, fileOutputs: { files: '/files.json' } });
      const files = Loop.overJson(list.output('files'));
      new ContainerStep(p, 'each', { image, forEach: files, args: [files.item] });
    }));
    expect(stepsByName(previewTemplate(body)).get('each')).toMatchObject({
      loop: { over: '<tasks.list.outputs.parameters.files>' }, container: { args: ['<item>'] },
    });
  });

  test('withParam from a parameter and withSequence expand too; an empty list skips the step', () => {
    const wt = workflowTemplate(
      [
        { name: 'p', template: 'c', withParam: '{{workflow.parameters.list}}', arguments: { parameters: [{ name: 'x', value: '{{item}}' }] } },
        { name: 's', template: 'c', withSequence: { count: '3', format: 'shard-%02d' }, arguments: { parameters: [{ name: 'x', value: '{{item}}' }] } },
        { name: 'none', template: 'c', withParam: '[]', arguments: { parameters: [{ name: 'x', value: '{{item}}' }] } },
      ],
      [{ name: 'c', inputs: { parameters: [{ name: 'x' }] }, container: { image, args: ['{{inputs.parameters.x}}'] } }],
      [{ name: 'list', value: '["a", 2]' }],
    );
    const steps = [...stepsByName(previewTemplate(wt)).values()].map((s) => [s.name, s.phase, (s.container?.args as string[] | undefined)?.[0]]);
    expect(steps).toEqual([
      ['p(0:a)', 'runs', 'a'], ['p(1:2)', 'runs', '2'],
      ['s(0:shard-00)', 'runs', 'shard-00'], ['s(1:shard-01)', 'runs', 'shard-01'], ['s(2:shard-02)', 'runs', 'shard-02'],
      ['none', 'skipped', undefined],
    ]);
  });
});

describe('placeholders for values known only at run time', () => {
  test('the generated workflow name, the uid, outputs of other steps and expressions are named', () => {
    const body = theTemplate(synthChart((chart) => {
      const p = new Pipeline(chart, 'p');
      const dir = p.addParameter('working-dir', { default: 'gs://b' });
      const make = new ContainerStep(p, 'make', { image, fileOutputs: { path: '/path' } });
      new ContainerStep(p, 'use', { image, args: ['--dir', fmt`${dir}/${WorkflowVariables.name}`, '--uid', WorkflowVariables.uid, '--from', make.output('path')] });
    }));
    expect(stepsByName(previewTemplate(body)).get('use')?.container?.args).toEqual([
      '--dir', 'gs://b/<workflow.name>', '--uid', '<workflow.uid>', '--from', '<tasks.make.outputs.parameters.path>',
    ]);
  });

  test('a Workflow with a fixed name resolves {{workflow.name}}, and {{=...}} stays an expression', () => {
    const wt = workflowTemplate([{ name: 'a', template: 'c' }], [{ name: 'c', container: { image, args: ['{{workflow.name}}', "{{=sprig.upper('x')}}"] } }]);
    const preview = previewTemplate(wt, { run: { name: 'nightly-1', namespace: 'ns' } });
    expect(stepsByName(preview).get('a')?.container?.args).toEqual(['nightly-1', "<expr: sprig.upper('x')>"]);
    expect(preview.workflow).toMatchObject({ name: 'nightly-1' });
  });

  test('the exit handler runs last and reads the workflow status at run time', () => {
    const wt = workflowTemplate([{ name: 'a', template: 'c' }], [{ name: 'c', container: { image, args: ['{{workflow.status}}'] } }], [], { onExit: 'c' });
    const last = renderStep(previewTemplate(wt).steps.at(-1));
    expect(last).toMatchObject({ name: 'onExit', exitHandler: true, after: ['a'], container: { args: ['<workflow.status>'] } });
  });
});

describe('resource manifests after substitution', () => {
  const deployment = (replicas: string) => workflowTemplate(
    [{ name: 'serve', template: 'serve', arguments: { parameters: [{ name: 'n', value: '{{workflow.parameters.replicas}}' }] } }],
    [{
      name: 'serve', inputs: { parameters: [{ name: 'n' }] },
      resource: { action: 'apply', manifest: [
        'apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: m-{{workflow.name}}', 'spec:', `  replicas: ${replicas}`,
        '  selector: {matchLabels: {app: m}}', '  template:', '    metadata: {labels: {app: m}}', '    spec:', '      containers:', '        - name: m', '          image: serving:2.14.1', '',
      ].join('\n') },
    }],
    [{ name: 'replicas', value: '3' }],
  );

  test('replicas come out as integers and the manifest passes its schema', async () => {
    const preview = previewTemplate(deployment('{{inputs.parameters.n}}'), { schemas: await schemas() });
    expect(stepsByName(preview).get('serve')?.resource?.objects[0]).toMatchObject({ metadata: { name: 'm-<workflow.name>' }, spec: { replicas: 3 } });
    expect(preview.problems).toEqual([]);
  });

  test('a string where an integer belongs is an error', async () => {
    const preview = previewTemplate(deployment('{{inputs.parameters.n}}'), { schemas: await schemas(), overrides: [{ name: 'replicas', value: 'three' }] });
    expect(preview.problems).toEqual([expect.objectContaining({ step: 'serve', path: 'manifest spec.replicas', severity: 'error' })]);
    expect(preview.problems[0].message).toMatch(/integer/);
  });

  test('a quoted number is a string too, as kubectl reads it', async () => {
    const preview = previewTemplate(deployment('"{{inputs.parameters.n}}"'), { schemas: await schemas() });
    expect(preview.problems.map((p) => p.path)).toEqual(['manifest spec.replicas']);
  });

  test('a value that breaks the YAML is an error naming the step', () => {
    const preview = previewTemplate(deployment('{{inputs.parameters.n}}'), { overrides: [{ name: 'replicas', value: '3\n  bad: [' }] });
    expect(preview.problems).toEqual([expect.objectContaining({ step: 'serve', path: 'manifest', message: expect.stringContaining('the manifest cannot be read once the values are in: manifest:') })]);
  });
});

describe('templates that cannot run', () => {
  test('an input without a value or default fails the step', () => {
    const wt = workflowTemplate([{ name: 'a', template: 'c' }], [{ name: 'c', inputs: { parameters: [{ name: 'x' }] }, container: { image } }]);
    const preview = previewTemplate(wt);
    expect(stepsByName(preview).get('a')).toMatchObject({ phase: 'fails', reason: 'inputs.parameters.x was not supplied' });
  });

  // validate.ValidateWorkflow at submission: resolveAllVariables refuses "failed to resolve {{...}}" for any tag with
  // a checked prefix (GlobalVarValidWorkflowVariablePrefix) it cannot resolve, so the run never starts.
  const refused = (tag: string) => `${tag} is not a variable Argo knows here, so the controller rejects the whole run when it is submitted ("failed to resolve ${tag}")`;

  test.each<[string, Record<string, unknown>]>([
    ['in a container arg', { container: { image, args: ['{{workflow.parameters.nope}}'] } }],
    ['in an env value', { container: { image, env: [{ name: 'X', value: '{{inputs.parameters.nope}}' }] } }],
  ])('an unknown variable %s fails the step (and the run), naming what Argo says', (_label, body) => {
    const tag = JSON.stringify(body).match(/\{\{[^}]*\}\}/)![0];
    const preview = previewTemplate(workflowTemplate([{ name: 'a', template: 'c' }], [{ name: 'c', ...body }]));
    expect(stepsByName(preview).get('a')).toMatchObject({ phase: 'fails', reason: refused(tag) });
    expect(preview.problems).toEqual([{ step: 'a', severity: 'error', message: refused(tag), fix: 'check the name against the inputs of the template and the workflow parameters' }]);
  });

  test.each<[string, Record<string, unknown>]>([
    ['a when', { when: '{{workflow.parameters.typo}} > 10' }],
    ['a withSequence count', { withSequence: { count: '{{workflow.parameters.typo}}' } }],
    ['a withParam', { withParam: '{{workflow.parameters.typo}}' }],
  ])('an unknown variable in %s fails the step instead of deciding it at run time', (_label, fields) => {
    const wt = workflowTemplate([{ name: 'a', template: 'c', ...fields }], [{ name: 'c', container: { image } }], [{ name: 'n', value: '3' }]);
    const preview = previewTemplate(wt);
    expect(stepsByName(preview).get('a')).toMatchObject({ phase: 'fails', reason: refused('{{workflow.parameters.typo}}') });
    expect(preview.problems).toEqual([expect.objectContaining({ step: 'a', severity: 'error', message: refused('{{workflow.parameters.typo}}') })]);
  });

  test('tags Argo does not check (a Helm template in a script) pass as text', () => {
    const wt = workflowTemplate([{ name: 'a', template: 'c' }], [{ name: 'c', script: { image, source: 'echo {{ .Values.x }}' } }]);
    const preview = previewTemplate(wt);
    expect(preview.problems).toEqual([]);
    expect(stepsByName(preview).get('a')).toMatchObject({ phase: 'runs', container: { source: 'echo {{ .Values.x }}' } });
  });

  test('steps templates and nested DAGs are walked, children named under their parent', () => {
    const wt = workflowTemplate(
      [{ name: 'outer', template: 'inner' }],
      [
        { name: 'inner', steps: [[{ name: 'one', template: 'c' }], [{ name: 'two', template: 'c', when: '1 == 2' }]] },
        { name: 'c', container: { image, args: ['{{steps.name}}'] } },
      ],
    );
    const steps = [...stepsByName(previewTemplate(wt)).values()].map((s) => [s.name, s.phase, s.after, s.container?.args]);
    expect(steps).toEqual([['outer.one', 'runs', [], ['one']], ['outer.two', 'skipped', ['outer.one'], undefined]]);
  });
});

describe('--param overrides', () => {
  const body = theTemplate(synthChart((chart) => {
    const p = new Pipeline(chart, 'p');
    p.addParameter('train-steps', { type: ParameterType.INTEGER, default: 10, minimum: 1 });
    p.addParameter('rate', { type: ParameterType.NUMBER, default: 0.1 });
    p.addParameter('mode', { type: ParameterType.ENUM, enum: ['local', 'cloud'], default: 'local' });
    p.addParameter('fast', { type: ParameterType.BOOLEAN, default: false });
    new ContainerStep(p, 's', { image });
  }));

  test.each<[string, string, string]>([
    ['unknown name', 'train-step=5', '--param train-step=5: pipeline p (dist/dev/p.yaml) has no parameter "train-step" (did you mean "train-steps"?)'],
    ['not an integer', 'train-steps=ten', '--param train-steps=ten: expected an integer, got "ten" (give a whole number, e.g. 12345)'],
    ['a fraction for an integer', 'train-steps=1.5', '--param train-steps=1.5: expected an integer, got "1.5"'],
    ['below the minimum', 'train-steps=0', '--param train-steps=0: must be >= 1 (minimum of the parameter), got 0 (give a value >= 1)'],
    ['not a number', 'rate=fast', '--param rate=fast: expected a number, got "fast" (e.g. 0.01 or 1e-3)'],
    ['not in the enum', 'mode=clod', '--param mode=clod: must be one of "local", "cloud", got "clod" (did you mean "cloud"?)'],
    ['not a boolean', 'fast=yes', '--param fast=yes: expected true or false, got "yes"'],
  ])('%s is an error naming the parameter and the fix (exit 1)', (_label, flag, message) => {
    const [name, value] = [flag.slice(0, flag.indexOf('=')), flag.slice(flag.indexOf('=') + 1)];
    let thrown: unknown;
    try {
      previewTemplate(body, { overrides: [{ name, value }] });
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(UserError);
    expect(thrown).toMatchObject({ exitCode: 1, message: expect.stringContaining(message) });
  });

  test('good overrides reach the run, marked as overrides', () => {
    const preview = previewTemplate(body, { overrides: [{ name: 'train-steps', value: '12345' }, { name: 'mode', value: 'cloud' }] });
    expect(preview.parameters.filter((p) => p.source === 'override').map((p) => [p.name, p.value])).toEqual([['train-steps', '12345'], ['mode', 'cloud']]);
  });

  test("without a parameter schema, Argo's own enum still applies", () => {
    const wt = workflowTemplate([{ name: 'a', template: 'c' }], [{ name: 'c', container: { image } }], [{ name: 'mode', value: 'a', enum: ['a', 'b'] }]);
    expect(() => previewTemplate(wt, { overrides: [{ name: 'mode', value: 'c' }] })).toThrow('--param mode=c: must be one of "a", "b", got "c"');
  });
});

function renderStep<T>(step: T): T {
  return stepsByName({ steps: [step] } as never).values().next().value as T;
}

// What a preview walks is bounded (walk-limits.ts): recursion that fans out, and loops over a huge sequence.
describe('runs too large to walk', () => {
  test('a template that calls itself twice stops at the node limit, and says so once per kind of stop', () => {
    const wt = workflowTemplate([{ name: 'a', template: 'main' }, { name: 'b', template: 'main' }], []);
    const preview = previewTemplate(wt);
    expect(preview.steps.length).toBeLessThanOrEqual(MAX_NODES);
    expect(preview.problems.map((p) => p.message)).toEqual([
      'templates call each other more than 30 deep',
      `the run has more than ${MAX_NODES} nodes, so the preview stops here`,
    ]);
  });

  test('a withSequence longer than the node limit is a problem, not a list of a billion items', () => {
    const wt = workflowTemplate([{ name: 's', template: 'c', withSequence: { count: '1000000000' } }], [{ name: 'c', container: { image } }]);
    expect(previewTemplate(wt).problems.map((p) => p.message)).toEqual([`withSequence from 0 to 999999999 has 1000000000 items, more than the ${MAX_NODES} nodes a preview walks`]);
  });
});

test('a script of 200,000 lines and a manifest of 130,000 render as text (no spread of their lines into one call)', () => {
  const source = Array.from({ length: 200_000 }, (_, i) => `print(${i})`).join('\n');
  const manifest = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big}\ndata:\n${Array.from({ length: 130_000 }, (_, i) => `  k${i}: v`).join('\n')}\n`;
  const wt = workflowTemplate([{ name: 's', template: 'script' }, { name: 'r', template: 'res' }],
    [{ name: 'script', script: { image, source } }, { name: 'res', resource: { action: 'create', manifest } }]);
  const text = renderPreviewText(previewTemplate(wt));
  expect(text).toContain('print(199999)');
  expect(text).toContain('k129999: v');
});

// validateDAG: "dependency cycle detected"; the controller refuses the run, so its preview fails.
test('tasks whose dependencies form a cycle fail the preview, each named', () => {
  const wt = workflowTemplate([{ name: 'a', template: 'c', dependencies: ['b'] }, { name: 'b', template: 'c', dependencies: ['a'] }, { name: 'c0', template: 'c' }],
    [{ name: 'c', container: { image } }]);
  const preview = previewTemplate(wt);
  expect([...stepsByName(preview).values()].map((s) => `${s.name} ${s.phase}`)).toEqual(['c0 runs', 'a fails', 'b fails']);
  expect(preview.problems.map((p) => `${p.step}: ${p.message}`)).toEqual([
    'a: tasks a, b cannot be ordered: their dependencies form a cycle, so Argo refuses the run ("dependency cycle detected")',
    'b: tasks a, b cannot be ordered: their dependencies form a cycle, so Argo refuses the run ("dependency cycle detected")',
  ]);
});
