import { Construct } from 'constructs';
import { Condition, ContainerStep, Loop, ParameterType, Pipeline, WorkflowVariables } from '../../lib';
import { synthChart, task, template, validationErrors, workflowSpec } from '../helpers/synth-chart';

const image = 'busybox:1.36';

describe('dependencies and outputs', () => {
  test('after() orders steps; dependencies are sorted for stable output', () => {
    const spec = workflowSpec(synthChart((chart) => {
      const p = new Pipeline(chart, 'p');
      const b = new ContainerStep(p, 'b', { image });
      const a = new ContainerStep(p, 'a', { image });
      new ContainerStep(p, 'c', { image, after: [b] }).after(a, b);
    }));
    expect(task(spec, 'c').dependencies).toEqual(['a', 'b']);
    expect(task(spec, 'a').dependencies).toBeUndefined();
  });

  test('passing an output wires the output parameter reference and the dependency', () => {
    const spec = workflowSpec(synthChart((chart) => {
      const p = new Pipeline(chart, 'p');
      const prep = new ContainerStep(p, 'prep', { image, fileOutputs: { 'data-dir': '/tmp/out.txt' } });
      new ContainerStep(p, 'train', { image, args: ['--data', prep.output('data-dir')] });
    }));
    expect(template(spec, 'prep').outputs).toEqual({ parameters: [{ name: 'data-dir', valueFrom: { path: '/tmp/out.txt' } }] });
    expect(task(spec, 'train')).toEqual({
      name: 'train',
      template: 'train',
      dependencies: ['prep'],
      arguments: { parameters: [{ name: 'prep-data-dir', value: '{{tasks.prep.outputs.parameters.data-dir}}' }] },
    });
    expect(template(spec, 'train').container.args).toEqual(['--data', '{{inputs.parameters.prep-data-dir}}']);
  });

  test('an unknown output name is an error listing the declared ones', () => {
    expect(() => validationErrors((chart) => {
      const p = new Pipeline(chart, 'p');
      new ContainerStep(p, 'prep', { image, fileOutputs: { out: '/o' } }).output('outt');
    })).toThrow("[test/p/prep] unknown output 'outt' (declared: out;");
  });

  test('a dependency cycle is reported with its path', () => {
    const errors = validationErrors((chart) => {
      const p = new Pipeline(chart, 'p');
      const a = new ContainerStep(p, 'a', { image });
      const b = new ContainerStep(p, 'b', { image, after: [a] });
      a.after(b);
    });
    expect(errors).toEqual([expect.stringMatching(/dependency cycle: (a -> b -> a|b -> a -> b); remove one of these after\(\) calls/)]);
  });

  test('names that collide after sanitisation are an error naming both', () => {
    const errors = validationErrors((chart) => {
      const p = new Pipeline(chart, 'p');
      new ContainerStep(p, 'tft_eval', { image });
      new ContainerStep(p, 'TFT-eval', { image });
    });
    expect(errors).toEqual(["[test/p/TFT-eval] step name 'tft-eval' is already used by test/p/tft_eval; Argo names must be unique within a pipeline (names are lowercased and non-alphanumerics become '-'): rename one of them"]);
  });

  test('a step named like its pipeline collides with the entrypoint', () => {
    const errors = validationErrors((chart) => new ContainerStep(new Pipeline(chart, 'p'), 'p', { image }));
    expect(errors[0]).toContain("step name 'p' is the pipeline's name");
  });

  test('steps, parameters and outputs of another pipeline are errors', () => {
    const errors = validationErrors((chart) => {
      const p1 = new Pipeline(chart, 'p1');
      const p2 = new Pipeline(chart, 'p2');
      const x = p1.addParameter('x', { default: 'a' });
      const other = new ContainerStep(p1, 'other', { image, fileOutputs: { o: '/o' } });
      new ContainerStep(p2, 'uses-param', { image, args: [x] });
      new ContainerStep(p2, 'uses-output', { image, args: [other.output('o')] });
    });
    expect(errors).toEqual(expect.arrayContaining([
      expect.stringContaining("[test/p2/uses-param] uses parameter 'x' of another pipeline (test/p1/params/x)"),
    ]));
    const errors2 = validationErrors((chart) => {
      const p1 = new Pipeline(chart, 'p1');
      const p2 = new Pipeline(chart, 'p2');
      const other = new ContainerStep(p1, 'other', { image, fileOutputs: { o: '/o' } });
      new ContainerStep(p2, 'uses-output', { image, args: [other.output('o')] });
    });
    expect(errors2).toEqual([expect.stringContaining("[test/p2/uses-output] uses output 'o' of step test/p1/other from another pipeline")]);
  });

  test('steps must live inside a pipeline', () => {
    expect(() => validationErrors((chart) => new ContainerStep(new Construct(chart, 'loose'), 's', { image })))
      .toThrow('[test/loose/s] steps, templates and parameters must be created inside a Pipeline');
  });

  test('long names are shortened stably with a hash suffix, and stay unique', () => {
    const long = 'x'.repeat(80);
    const spec = workflowSpec(synthChart((chart) => {
      const p = new Pipeline(chart, 'p');
      new ContainerStep(p, `${long}a`, { image });
      new ContainerStep(p, `${long}b`, { image });
    }));
    const names = spec.templates.map((t: { name: string }) => t.name).slice(1);
    expect(names).toHaveLength(2);
    expect(new Set(names).size).toBe(2);
    for (const n of names) expect(n).toMatch(/^x+-[0-9a-f]{8}$/);
    for (const n of names) expect(n.length).toBeLessThanOrEqual(63);
  });
});

describe('conditions', () => {
  test('strings are quoted, numbers are not, outputs add dependencies', () => {
    const spec = workflowSpec(synthChart((chart) => {
      const p = new Pipeline(chart, 'p');
      const mode = p.addParameter('mode', { default: 'local' });
      const workers = p.addParameter('workers', { type: ParameterType.INTEGER, default: 1 });
      const flip = new ContainerStep(p, 'flip', { image, fileOutputs: { side: '/side' } });
      new ContainerStep(p, 'cloud', { image, when: mode.eq('cloud').and(Condition.greaterThan(workers, 0)) });
      new ContainerStep(p, 'heads', { image, when: flip.output('side').eq("it's heads").not() });
      new ContainerStep(p, 'either', { image, when: Condition.any(mode.ne('local'), workers.lt(2)) });
    }));
    expect(task(spec, 'cloud').when).toBe("('{{workflow.parameters.mode}}' == 'cloud') && ({{workflow.parameters.workers}} > 0)");
    expect(task(spec, 'heads')).toMatchObject({
      when: "!('{{tasks.flip.outputs.parameters.side}}' == 'it\\'s heads')",
      dependencies: ['flip'],
    });
    expect(task(spec, 'either').when).toBe("('{{workflow.parameters.mode}}' != 'local') || ({{workflow.parameters.workers}} < 2)");
  });
});

describe('numeric conditions', () => {
  test('ordering and number comparisons leave outputs and items unquoted', () => {
    const spec = workflowSpec(synthChart((chart) => {
      const p = new Pipeline(chart, 'p');
      const evaluate = new ContainerStep(p, 'evaluate', { image, fileOutputs: { accuracy: '/accuracy' } });
      new ContainerStep(p, 'deploy', { image, when: Condition.greaterOrEqual(evaluate.output('accuracy'), 0.9) });
      new ContainerStep(p, 'retrain', { image, when: evaluate.output('accuracy').eq(0) });
      const shards = Loop.overItems([{ rows: 100 }, { rows: 10 }]);
      new ContainerStep(p, 'big', { image, forEach: shards, when: Condition.greaterThan(shards.field('rows'), 50) });
    }));
    expect(task(spec, 'deploy').when).toBe('{{tasks.evaluate.outputs.parameters.accuracy}} >= 0.9');
    expect(task(spec, 'retrain').when).toBe('{{tasks.evaluate.outputs.parameters.accuracy}} == 0');
    expect(task(spec, 'big').when).toBe('{{item.rows}} > 50');
  });

  test('ordering against a string is an error at synth', () => {
    const errors = validationErrors((chart) => {
      const p = new Pipeline(chart, 'p');
      const mode = p.addParameter('mode', { default: 'a' });
      new ContainerStep(p, 's', { image, when: Condition.lessThan(mode, 'b') });
    });
    expect(errors).toEqual(["[test/p/s] when: '<' compares numbers, got the string \"b\"; pass a number, or compare text with equals/notEquals"]);
  });
});

describe('loops', () => {
  test('withItems over objects with typed field access', () => {
    const spec = workflowSpec(synthChart((chart) => {
      const p = new Pipeline(chart, 'p');
      const shards = Loop.overItems([{ region: 'us', rows: 100 }, { region: 'eu', rows: 50 }]);
      new ContainerStep(p, 'count', { image, forEach: shards, args: ['--region', shards.field('region'), '--rows', shards.field('rows')] });
    }));
    expect(task(spec, 'count')).toEqual({
      name: 'count',
      template: 'count',
      withItems: [{ region: 'us', rows: 100 }, { region: 'eu', rows: 50 }],
      arguments: { parameters: [{ name: 'item-region', value: '{{item.region}}' }, { name: 'item-rows', value: '{{item.rows}}' }] },
    });
    expect(template(spec, 'count').container.args).toEqual(['--region', '{{inputs.parameters.item-region}}', '--rows', '{{inputs.parameters.item-rows}}']);
  });

  test('withParam over a step output depends on that step', () => {
    const spec = workflowSpec(synthChart((chart) => {
      const p = new Pipeline(chart, 'p');
      const list = new ContainerStep(p, 'list', { image, fileOutputs: { files: '/files.json' } });
      const files = Loop.overJson(list.output('files'));
      new ContainerStep(p, 'each', { image, forEach: files, args: [files.item] });
    }));
    expect(task(spec, 'each')).toMatchObject({
      dependencies: ['list'],
      withParam: '{{tasks.list.outputs.parameters.files}}',
      arguments: { parameters: [{ name: 'item', value: '{{item}}' }] },
    });
  });

  test('an item used outside its loop is an error', () => {
    const errors = validationErrors((chart) => {
      const p = new Pipeline(chart, 'p');
      const loop = Loop.overItems(['a', 'b']);
      new ContainerStep(p, 'no-loop', { image, args: [loop.item] });
    });
    expect(errors).toEqual([expect.stringContaining('[test/p/no-loop] uses a loop item but does not loop over that loop')]);
  });

  test('an empty static loop is rejected', () => {
    expect(() => Loop.overItems([])).toThrow('Loop.overItems needs at least one item');
  });
});

describe('exit handler', () => {
  test('compiles to onExit; parameters are read from the workflow directly', () => {
    const spec = workflowSpec(synthChart((chart) => {
      const p = new Pipeline(chart, 'p');
      const url = p.addParameter('webhook', { default: 'http://hooks' });
      new ContainerStep(p, 'work', { image });
      p.onExit(new ContainerStep(p, 'notify', { image, args: [url, WorkflowVariables.status] }));
    }));
    expect(spec.onExit).toBe('notify');
    expect(template(spec, 'notify').container.args).toEqual(['{{workflow.parameters.webhook}}', '{{workflow.status}}']);
    expect(template(spec, 'notify').inputs).toBeUndefined();
    expect(spec.templates[0].dag.tasks.map((t: { name: string }) => t.name)).toEqual(['work']);
  });

  test('ordering against the exit handler after onExit() is a synth error', () => {
    const errors = validationErrors((chart) => {
      const p = new Pipeline(chart, 'p');
      const work = new ContainerStep(p, 'work', { image });
      const notify = new ContainerStep(p, 'notify', { image });
      p.onExit(notify);
      work.after(notify);
      notify.after(work);
    });
    expect(errors).toEqual(expect.arrayContaining([
      "[test/p/work] runs after the exit handler 'notify', which is not part of the DAG (it runs when the pipeline ends); remove that after()",
      '[test/p/notify] the exit handler runs after everything else; remove its after() (work)',
    ]));
  });

  test('the exit handler cannot read outputs, nor be ordered', () => {
    expect(() => validationErrors((chart) => {
      const p = new Pipeline(chart, 'p');
      const work = new ContainerStep(p, 'work', { image, fileOutputs: { o: '/o' } });
      p.onExit(new ContainerStep(p, 'notify', { image, args: [work.output('o')] }));
    })).toThrow("[test/p/notify] the exit handler runs outside the DAG and cannot read output 'o' of step 'work'");
    expect(() => validationErrors((chart) => {
      const p = new Pipeline(chart, 'p');
      const work = new ContainerStep(p, 'work', { image });
      p.onExit(new ContainerStep(p, 'notify', { image, after: [work] }));
    })).toThrow('the exit handler runs after everything else; it takes no after(), when or forEach');
  });
});
