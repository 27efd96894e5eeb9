import {
  Condition, ContainerStep, ContainerTemplate, DagTask, DagTemplate, Depends, InputParameter, Loop, OutputParameter, Pipeline,
  StepsTemplate, SuspendTemplate, TemplateRef, TemplateStep, WorkflowKind, WorkflowStep, fmt,
} from '../../lib';
import { Obj, synthChart, template, validationErrors, workflowSpec } from '../helpers/synth-chart';

const image = 'busybox:1.36';

/** A pipeline of templates: `echo` (input `message`, output `out`) and the DAG `main` as entrypoint. */
function withDag(chart: Parameters<Parameters<typeof synthChart>[0]>[0], props = {}) {
  const p = new Pipeline(chart, 'p', props);
  const message = new InputParameter('message', { default: 'm' });
  const echo = new ContainerTemplate(p, 'echo', { inputs: [message], outputs: [new OutputParameter('out', { valueFrom: { path: '/tmp/out' } })], image, args: [message] });
  const main = new DagTemplate(p, 'main');
  p.setEntrypoint(main);
  return { p, echo, main };
}

const tasks = (s: Obj, dag = 'main') => Object.fromEntries(template(s, dag).dag.tasks.map((t: Obj) => [t.name, t]));

describe('DAG tasks', () => {
  test('arguments, depends on results, data dependencies, when, loops and continueOn', () => {
    const s = workflowSpec(synthChart((chart) => {
      const { echo, main } = withDag(chart);
      const a = new DagTask(main, 'A', { template: echo, arguments: { parameters: { message: 'a' } } });
      const b = new DagTask(main, 'B', { template: echo, arguments: { parameters: { message: a.output('out') } } });
      const regions = Loop.overItems([{ region: 'eu' }, { region: 'us' }]);
      new DagTask(main, 'C', {
        template: echo, forEach: regions, depends: Depends.succeeded(b).or(Depends.failed(b)).and(a),
        arguments: { parameters: { message: regions.field('region') } }, when: fmt`${b.result} != skip`, continueOn: { failed: true },
      });
      const shards = Loop.overJson(b.output('out'));
      new DagTask(main, 'D', { template: echo, depends: b, forEach: shards, arguments: { parameters: { message: shards.item } } });
      const seq = Loop.overSequence({ count: 3, format: 'n%02d' });
      new DagTask(main, 'E', { template: echo, dependencies: [a], forEach: seq, when: Condition.equals(a.status, 'Succeeded') });
    }));
    const t = tasks(s);
    expect(t.A).toEqual({ name: 'A', template: 'echo', arguments: { parameters: [{ name: 'message', value: 'a' }] } });
    expect(t.B).toEqual({ name: 'B', template: 'echo', dependencies: ['A'], arguments: { parameters: [{ name: 'message', value: '{{tasks.A.outputs.parameters.out}}' }] } });
    expect(t.C).toMatchObject({
      depends: '(B.Succeeded || B.Failed) && A', when: '{{tasks.B.outputs.result}} != skip', continueOn: { failed: true },
      withItems: [{ region: 'eu' }, { region: 'us' }], arguments: { parameters: [{ name: 'message', value: '{{item.region}}' }] },
    });
    expect(t.D).toMatchObject({ depends: 'B', withParam: '{{tasks.B.outputs.parameters.out}}', arguments: { parameters: [{ name: 'message', value: '{{item}}' }] } });
    expect(t.E).toMatchObject({ dependencies: ['A'], withSequence: { count: 3, format: 'n%02d' }, when: "'{{tasks.A.status}}' == 'Succeeded'" });
  });

  test('a nested DAG with inputs and outputs taken from its tasks, called like any template', () => {
    const s = workflowSpec(synthChart((chart) => {
      const { echo, main } = withDag(chart);
      const text = new InputParameter('text');
      const sub = new DagTemplate(chart.node.findChild('p') as Pipeline, 'sub', { inputs: [text], failFast: false, parallelism: 2 });
      const inner = new DagTask(sub, 'inner', { template: echo, arguments: { parameters: { message: text } } });
      sub.addOutput(new OutputParameter('result', { valueFrom: { parameter: inner.output('out') } }));
      const call = new DagTask(main, 'call', { template: sub, arguments: { parameters: { text: 'hi' } } });
      new DagTask(main, 'after', { template: echo, depends: call, arguments: { parameters: { message: call.output('result') } } });
    }));
    expect(template(s, 'sub')).toEqual({
      name: 'sub', parallelism: 2,
      inputs: { parameters: [{ name: 'text' }] },
      outputs: { parameters: [{ name: 'result', valueFrom: { parameter: '{{tasks.inner.outputs.parameters.out}}' } }] },
      dag: { failFast: false, tasks: [{ name: 'inner', template: 'echo', arguments: { parameters: [{ name: 'message', value: '{{inputs.parameters.text}}' }] } }] },
    });
    expect(tasks(s).after.arguments.parameters[0].value).toBe('{{tasks.call.outputs.parameters.result}}');
  });

  test('templateRef: typed from a WorkflowTemplate or ClusterWorkflowTemplate of the app, or by name', () => {
    const objects = synthChart((chart) => {
      const lib = new Pipeline(chart, 'lib', { kind: WorkflowKind.CLUSTER_WORKFLOW_TEMPLATE });
      const shared = new ContainerTemplate(lib, 'shared', { image, inputs: [new InputParameter('x')] });
      const { main } = withDag(chart);
      new DagTask(main, 'typed', { template: TemplateRef.to(shared), arguments: { parameters: { x: '1' } } });
      new DagTask(main, 'named', { template: TemplateRef.named('ci', 'build') });
    });
    const t = tasks(objects.find((o: Obj) => o.metadata.name === 'p').spec);
    expect(t.typed).toMatchObject({ templateRef: { name: 'lib', template: 'shared', clusterScope: true } });
    expect(t.named).toEqual({ name: 'named', templateRef: { name: 'ci', template: 'build' } });
    expect(() => synthChart((chart) => {
      const lib = new Pipeline(chart, 'lib', { kind: WorkflowKind.CLUSTER_WORKFLOW_TEMPLATE });
      new DagTask(withDag(chart).main, 'typed', { template: TemplateRef.to(new ContainerTemplate(lib, 'shared', { image })), arguments: { parameters: { y: '1' } } });
    })).toThrow("[test/p/main/typed] template 'shared' has no input parameter 'y' (inputs: none); fix the argument's name or declare the input");
  });

  test('inline templates, call-level onExit and lifecycle hooks that read the call\'s own outputs', () => {
    const s = workflowSpec(synthChart((chart) => {
      const { echo, main } = withDag(chart);
      const inlined = new ContainerTemplate(chart.node.findChild('p') as Pipeline, 'inlined', { image, args: ['x'] });
      const a = new DagTask(main, 'A', { template: inlined, inline: true, onExit: echo });
      a.addHook('exit', { template: echo, arguments: { parameters: { message: a.status } } });
      new DagTask(main, 'B', { template: echo, depends: a, hooks: { running: { template: echo, expression: 'tasks.B.status == "Running"' } } });
    }));
    expect(tasks(s).A).toEqual({
      name: 'A', inline: { container: { image, args: ['x'] } }, onExit: 'echo',
      hooks: { exit: { template: 'echo', arguments: { parameters: [{ name: 'message', value: '{{tasks.A.status}}' }] } } },
    });
    expect(tasks(s).B.hooks).toEqual({ running: { template: 'echo', expression: 'tasks.B.status == "Running"' } });
    // An inline-only template is not listed among the templates.
    expect(s.templates.map((t: Obj) => t.name)).not.toContain('inlined');
  });

  test.each([
    ['a task outside a DAG', (chart: never) => new DagTask(new ContainerTemplate(new Pipeline(chart, 'p'), 'c', { image }), 'x', { template: TemplateRef.named('a', 'b') }),
      '[test/p/c/x] a DagTask must be created in a DagTemplate; pass the DagTemplate as scope'],
    ['a missing required input', (chart: never) => {
      const { main } = withDag(chart);
      new DagTask(main, 'A', { template: new ContainerTemplate(main.pipeline as Pipeline, 'need', { image, inputs: [new InputParameter('n')] }) });
    }, "[test/p/main/A] template 'need' needs input parameter 'n', which is not given; pass it in arguments.parameters, or give the input a default"],
    ['depends and dependencies together', (chart: never) => {
      const { echo, main } = withDag(chart);
      const a = new DagTask(main, 'A', { template: echo });
      new DagTask(main, 'B', { template: echo, depends: a, dependencies: [a] });
    }, '[test/p/main/B] give depends or dependencies, not both (Argo rejects a task with both); prefer depends'],
  ])('rejects %s eagerly', (_label, make, message) => {
    expect(() => validationErrors((chart) => (make as (c: never) => void)(chart as never))).toThrow(message as string);
  });

  test('a task that reads an output of a task it does not wait for, and a cycle, are synth errors', () => {
    expect(validationErrors((chart) => {
      const { echo, main } = withDag(chart);
      const a = new DagTask(main, 'A', { template: echo });
      const b = new DagTask(main, 'B', { template: echo });
      new DagTask(main, 'C', { template: echo, depends: b, arguments: { parameters: { message: a.output('out') } } });
    })).toEqual(["[test/p/main/C] reads outputs of 'A' but does not wait for it; add it to depends (or dependencies)"]);
    expect(validationErrors((chart) => {
      const { echo, main } = withDag(chart);
      new DagTask(main, 'A', { template: echo, depends: Depends.on({ name: 'B' }) });
    })).toEqual(["[test/p/main/A] depends names 'B', which is not a task of test/p/main; name the DagTask objects of the same DAG"]);
    expect(() => synthChart((chart) => {
      const { echo, main } = withDag(chart);
      new DagTask(main, 'A', { template: echo, arguments: { parameters: { message: new DagTask(main, 'B', { template: echo }).output('nope') } } });
    })).toThrow("[test/p/main/B] template 'echo' has no output parameter 'nope' (declared: out); declare it in the template's outputs");
  });
});

describe('steps templates', () => {
  test('groups run in sequence, the steps of a group in parallel, reading earlier groups only', () => {
    const s = workflowSpec(synthChart((chart) => {
      const { p, echo } = withDag(chart);
      const steps = new StepsTemplate(p, 'flow', { failFast: false });
      const one = new WorkflowStep(steps, 'one', { template: echo });
      new WorkflowStep(steps, 'two-a', { template: echo, arguments: { parameters: { message: one.output('out') } } });
      new WorkflowStep(steps, 'two-b', { template: new SuspendTemplate(p, 'gate'), parallel: true, when: fmt`${one.result} == go` });
    }));
    expect(template(s, 'flow')).toEqual({
      name: 'flow', failFast: false,
      steps: [
        [{ name: 'one', template: 'echo' }],
        [
          { name: 'two-a', template: 'echo', arguments: { parameters: [{ name: 'message', value: '{{steps.one.outputs.parameters.out}}' }] } },
          { name: 'two-b', template: 'gate', when: '{{steps.one.outputs.result}} == go' },
        ],
      ],
    });
  });

  test('a step cannot read a step of its own group', () => {
    expect(validationErrors((chart) => {
      const { p, echo } = withDag(chart);
      const steps = new StepsTemplate(p, 'flow');
      const a = new WorkflowStep(steps, 'a', { template: echo });
      new WorkflowStep(steps, 'b', { template: echo, parallel: true, arguments: { parameters: { message: a.result } } });
    })).toEqual(["[test/p/flow/b] reads 'result' of 'a': it does not run in an earlier group of steps"]);
  });
});

describe('pipeline steps calling templates', () => {
  test('a TemplateStep runs a reusable DAG from the pipeline\'s own DAG, wired like any step', () => {
    const s = workflowSpec(synthChart((chart) => {
      const p = new Pipeline(chart, 'p');
      const dir = p.addParameter('dir', { default: '/d' });
      const x = new InputParameter('x');
      const sub = new DagTemplate(p, 'sub', { inputs: [x] });
      new DagTask(sub, 'inner', { template: new ContainerTemplate(p, 'leaf', { image, inputs: [new InputParameter('v')] }), arguments: { parameters: { v: x } } });
      const prep = new ContainerStep(p, 'prep', { image, fileOutputs: { out: '/tmp/out' } });
      new TemplateStep(p, 'call', { template: sub, arguments: { parameters: { x: fmt`${dir}/${prep.output('out')}` } } });
    }));
    const dag = template(s, 'p').dag.tasks;
    expect(dag.find((t: Obj) => t.name === 'call')).toEqual({
      name: 'call', template: 'sub', dependencies: ['prep'],
      arguments: { parameters: [{ name: 'x', value: '{{workflow.parameters.dir}}/{{tasks.prep.outputs.parameters.out}}' }] },
    });
    expect(s.templates.map((t: Obj) => t.name)).toEqual(['p', 'prep', 'sub', 'leaf']);
  });
});

describe('if / elif / else', () => {
  test('each branch holds only when the ones before it do not; the last when none does', () => {
    const s = workflowSpec(synthChart((chart) => {
      const p = new Pipeline(chart, 'p');
      const flip = new ContainerStep(p, 'flip', { image, fileOutputs: { side: '/tmp/side' } });
      const [heads, tails, edge] = Condition.branches(flip.output('side').eq('heads'), flip.output('side').eq('tails'));
      new ContainerStep(p, 'heads', { image, when: heads });
      new ContainerStep(p, 'tails', { image, when: tails });
      new ContainerStep(p, 'edge', { image, when: edge });
    }));
    const side = "'{{tasks.flip.outputs.parameters.side}}'";
    expect(template(s, 'p').dag.tasks.map((t: Obj) => [t.name, t.when])).toEqual([
      ['flip', undefined],
      ['heads', `${side} == 'heads'`],
      ['tails', `(!(${side} == 'heads')) && (${side} == 'tails')`],
      ['edge', `(!(${side} == 'heads')) && (!(${side} == 'tails'))`],
    ]);
  });
});
