import { describeParamsProblem, ParameterSchema } from '../../../lib/params';
import { validateParamsFile } from '../../../lib/validate/params/params-file';

const schemas = new Map<string, ParameterSchema>([
  ['workflow1', {
    type: 'object',
    properties: {
      epochs: { type: 'integer', minimum: 1, maximum: 1000 },
      'learning-rate': { type: 'number', exclusiveMinimum: 0 },
      optimizer: { type: 'string', enum: ['adam', 'sgd'] },
      'model-name': { type: 'string', pattern: '^[a-z][-a-z0-9]*$' },
      'use-gpu': { type: 'boolean' },
    },
    additionalProperties: false,
  }],
  ['workflow2', { type: 'object', properties: { region: { type: 'string' } }, required: ['region'], additionalProperties: false }],
]);

const check = (text: string) => validateParamsFile('pipelines/params/prod.yaml', text, schemas);

describe('validateParamsFile', () => {
  test('a valid file has no violations', () => {
    expect(check('workflow1:\n  epochs: 5\n  learning-rate: 0.01\n  optimizer: adam\n  model-name: taxi\n  use-gpu: true\nworkflow2:\n  region: eu\n')).toEqual([]);
  });

  test.each([['empty file', ''], ['comments only', '# nothing yet\n'], ['pipeline with no values', 'workflow1:\n']])('%s is fine', (_, text) => {
    expect(check(text)).toEqual([]);
  });

  test.each<[string, string, string, number, number, string, string | undefined]>([
    ['unknown pipeline', 'workflow1:\n  epochs: 5\nworkflow3:\n  x: 1\n', 'params/unknown-pipeline', 3, 1, 'there is no pipeline "workflow3"', 'did you mean "workflow1"?'],
    ['unknown parameter', 'workflow1:\n  epocs: 5\n', 'params/unknown-parameter', 2, 3, 'pipeline "workflow1" has no parameter "epocs"', 'did you mean "epochs"?'],
    ['wrong type', 'workflow1:\n  epochs: ten\n', 'params/type', 2, 11, 'parameter "epochs" of pipeline "workflow1": expected integer, got string "ten"', undefined],
    ['number for a string', 'workflow1:\n  model-name: 3\n', 'params/type', 2, 15, 'parameter "model-name" of pipeline "workflow1": expected string, got number 3', 'quote the value to make it a string'],
    ['below minimum', 'workflow1:\n  epochs: 0\n', 'params/minimum', 2, 11, 'parameter "epochs" of pipeline "workflow1": expected >= 1 (minimum), got number 0', undefined],
    ['above maximum', 'workflow1:\n  epochs: 5000\n', 'params/maximum', 2, 11, 'parameter "epochs" of pipeline "workflow1": expected <= 1000 (maximum), got number 5000', undefined],
    ['exclusive minimum', 'workflow1:\n  learning-rate: 0\n', 'params/exclusiveMinimum', 2, 18, 'parameter "learning-rate" of pipeline "workflow1": expected > 0 (exclusiveMinimum), got number 0', undefined],
    ['not in enum', 'workflow1:\n  optimizer: adamw\n', 'params/enum', 2, 14, 'parameter "optimizer" of pipeline "workflow1": expected one of "adam", "sgd", got string "adamw"', 'did you mean "adam"?'],
    ['pattern', 'workflow1:\n  model-name: Taxi_Model\n', 'params/pattern', 2, 15, 'parameter "model-name" of pipeline "workflow1": expected a string matching /^[a-z][-a-z0-9]*$/, got string "Taxi_Model"', undefined],
    ['required parameter missing', 'workflow2:\n  {}\n', 'params/required', 1, 1, 'pipeline "workflow2" needs parameter "region", which has no default', 'add `region: <value>` under workflow2'],
    ['pipeline value not a mapping', 'workflow1: 5\n', 'params/shape', 1, 12, 'pipeline "workflow1" must map parameter names to values', 'write `  <parameter>: <value>` lines under the pipeline name'],
    ['root not a mapping', '- workflow1\n', 'params/shape', 1, 1, 'a params file maps pipeline names to their parameters', 'write `<pipeline>:` then `  <parameter>: <value>` lines'],
    ['duplicate key', 'workflow1:\n  epochs: 1\n  epochs: 2\n', 'params/duplicate-key', 3, 3, 'duplicate key "epochs"', 'keep one of the duplicate keys'],
  ])('%s', (_, text, rule, line, column, message, fix) => {
    const violations = check(text);
    expect(violations).toHaveLength(1);
    expect(violations[0]).toMatchObject({ file: 'pipelines/params/prod.yaml', rule, line, column, message, severity: 'error' });
    expect(violations[0].fix).toBe(fix);
  });

  test('a YAML syntax error carries its position', () => {
    const [v] = check('workflow1:\n  epochs: [1\n');
    expect(v).toMatchObject({ rule: 'params/syntax', line: expect.any(Number), column: expect.any(Number) });
    expect(v.message).toMatch(/^YAML syntax error/);
  });

  test('describeParamsProblem renders file:line:column', () => {
    expect(describeParamsProblem(check('workflow1:\n  epocs: 5\n')[0]))
      .toBe('pipelines/params/prod.yaml:2:3: pipeline "workflow1" has no parameter "epocs" (did you mean "epochs"?)');
  });
});
