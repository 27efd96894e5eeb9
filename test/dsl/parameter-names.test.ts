import { ContainerStep, Pipeline } from '../../lib';
import { Obj, synthChart, task, template, workflowSpec } from '../helpers/synth-chart';

// Valid Argo parameter names (workflow/validate: letters, digits, '-' and '_') that Object.prototype also has.
const PROTOTYPE_NAMES = ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf'];

describe('parameter names Argo accepts, Object.prototype\'s included', () => {
  test.each(PROTOTYPE_NAMES)('%s: declared, overridden by a value, referenced and described like any name', (name) => {
    const objects = synthChart((chart) => {
      const p = new Pipeline(chart, 'p', { values: Object.fromEntries([[name, 'given']]) });
      p.addParameter('first', { default: 'a' });
      const param = p.addParameter(name, { default: 'x' });
      new ContainerStep(p, 'echo', { image: 'busybox:1.36', args: [param] });
    });
    const spec = workflowSpec(objects);
    expect(spec.arguments.parameters).toEqual([{ name: 'first', value: 'a' }, { name, value: 'given' }]);
    expect(template(spec, 'echo').container.args).toEqual([`{{inputs.parameters.${name}}}`]);
    expect(task(spec, 'echo').arguments.parameters).toEqual([{ name, value: `{{workflow.parameters.${name}}}` }]);
    const schema = JSON.parse(objects[0].metadata.annotations['kfops.dev/parameter-schema']);
    expect(Object.keys(schema.properties)).toEqual(['first', name]);
  });

  test.each(PROTOTYPE_NAMES)('%s declared twice is still the one error', (name) => {
    expect(() => synthChart((chart) => {
      const p = new Pipeline(chart, 'p');
      p.addParameter(name);
      p.addParameter(name);
    })).toThrow(`[test/p] parameter '${name}' is declared twice`);
  });

  test('an inherited name in values is not a value', () => {
    const spec = workflowSpec(synthChart((chart) => new Pipeline(chart, 'p').addParameter('toString', { default: 'x' })));
    expect(spec.arguments.parameters.map((p: Obj) => p.value)).toEqual(['x']);
  });

  test('names may start with \'-\' or \'_\', as in Argo', () => {
    const spec = workflowSpec(synthChart((chart) => {
      const p = new Pipeline(chart, 'p');
      p.addParameter('_private');
      p.addParameter('-dash');
    }));
    expect(spec.arguments.parameters.map((p: Obj) => p.name)).toEqual(['_private', '-dash']);
  });
});
