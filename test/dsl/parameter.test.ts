import { ContainerStep, ParameterType, Pipeline } from '../../lib';
import { synthChart, validationErrors, workflowSpec } from '../helpers/synth-chart';

describe('Parameter', () => {
  test('compiles to workflow arguments with string values, enum and description', () => {
    const spec = workflowSpec(synthChart((chart) => {
      const p = new Pipeline(chart, 'p');
      p.addParameter('train-steps', { type: ParameterType.INTEGER, default: 10000, description: 'steps' });
      p.addParameter('mode', { type: ParameterType.ENUM, enum: ['local', 'cloud'], default: 'local' });
      p.addParameter('flag', { type: ParameterType.BOOLEAN, default: false });
      p.addParameter('required');
    }));
    expect(spec.arguments.parameters).toEqual([
      { name: 'train-steps', value: '10000', description: 'steps' },
      { name: 'mode', value: 'local', enum: ['local', 'cloud'] },
      { name: 'flag', value: 'false' },
      { name: 'required' },
    ]);
  });

  test('the parameter schema annotation carries types and constraints', () => {
    const objects = synthChart((chart) => {
      const p = new Pipeline(chart, 'p');
      p.addParameter('n', { type: ParameterType.NUMBER, minimum: 0, maximum: 1, default: 0.5 });
      p.addParameter('day', { pattern: '^\\d{4}$', default: '2016' });
    });
    const schema = JSON.parse(objects[0].metadata.annotations['kfops.dev/parameter-schema']);
    expect(schema).toEqual({
      type: 'object',
      additionalProperties: false,
      properties: { n: { type: 'number', minimum: 0, maximum: 1 }, day: { type: 'string', pattern: '^\\d{4}$' } },
    });
  });

  test.each([
    [{ type: ParameterType.INTEGER, default: 1.5 }, 'default 1.5 is not an integer'],
    [{ type: ParameterType.INTEGER, default: 0, minimum: 1 }, 'default 0 is below the minimum 1'],
    [{ type: ParameterType.NUMBER, default: 9, maximum: 1 }, 'default 9 is above the maximum 1'],
    [{ default: 'abc', pattern: '^\\d+$' }, 'does not match the pattern'],
    [{ type: ParameterType.STRING, default: 5 }, 'is not a string'],
    [{ type: ParameterType.BOOLEAN, default: 'yes' }, 'is not true or false'],
    [{ type: ParameterType.ENUM }, "an ENUM parameter needs 'enum'"],
    [{ type: ParameterType.ENUM, enum: ['a'], default: 'b' }, 'is not one of "a"'],
    [{ pattern: '(' }, 'is not a valid regular expression'],
  ])('rejects %j', (props, message) => {
    expect(() => validationErrors((chart) => new Pipeline(chart, 'p').addParameter('x', props))).toThrow(message);
  });

  test('errors name the construct path', () => {
    expect(() => validationErrors((chart) => new Pipeline(chart, 'p').addParameter('x', { type: ParameterType.INTEGER, default: 'a' })))
      .toThrow('[test/p/params/x] default "a" is not an integer');
  });

  test('declaring a parameter twice is a user error', () => {
    expect(() => validationErrors((chart) => {
      const p = new Pipeline(chart, 'p');
      p.addParameter('x');
      p.addParameter('x');
    })).toThrow("[test/p] parameter 'x' is declared twice; declare it once and pass the same object to every step");
  });

  test('rejects names Argo cannot reference', () => {
    expect(() => validationErrors((chart) => new Pipeline(chart, 'p').addParameter('a b'))).toThrow("invalid parameter name 'a b'");
  });

  test('environment values override defaults and are checked', () => {
    const spec = workflowSpec(synthChart((chart) => {
      const p = new Pipeline(chart, 'p', { values: { steps: 12345 } });
      p.addParameter('steps', { type: ParameterType.INTEGER, default: 10000 });
    }));
    expect(spec.arguments.parameters).toEqual([{ name: 'steps', value: '12345' }]);
    expect(() => validationErrors((chart) => {
      new Pipeline(chart, 'p', { values: { steps: 'many' } }).addParameter('steps', { type: ParameterType.INTEGER });
    })).toThrow('[test/p/params/steps] value for test/p/steps "many" is not an integer');
  });

  test('a value for an undeclared parameter is a synth error', () => {
    const errors = validationErrors((chart) => {
      const p = new Pipeline(chart, 'p', { values: { stepz: 1 } });
      p.addParameter('steps', { type: ParameterType.INTEGER, default: 1 });
      new ContainerStep(p, 's', { image: 'busybox:1.36' });
    });
    expect(errors).toEqual([expect.stringContaining("[test/p] a value is given for 'stepz', which is not a parameter of this pipeline (parameters: steps)")]);
  });
});
