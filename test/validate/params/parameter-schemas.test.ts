import * as path from 'path';
import {
  checkParameterSchemaAnnotation, FoundParameterSchema, parameterSchemaOf, schemasForParamsFile,
} from '../../../lib/validate/params/parameter-schemas';
import { KubeObject } from '../../../lib/validate/object-index';
import { rules, runCheck } from '../builders';

const template = (annotation?: string, pipeline = 'workflow1'): KubeObject => ({
  apiVersion: 'argoproj.io/v1alpha1', kind: 'WorkflowTemplate',
  metadata: { name: pipeline, labels: { 'kfops.dev/pipeline': pipeline }, annotations: annotation === undefined ? {} : { 'kfops.dev/parameter-schema': annotation } },
  spec: { templates: [] },
});
const schema = { type: 'object', properties: { epochs: { type: 'integer' } }, additionalProperties: false };

describe('parameter schemas from WorkflowTemplates', () => {
  test('parameterSchemaOf reads the label and the annotation', () => {
    expect(parameterSchemaOf(template(JSON.stringify(schema)))).toEqual({ pipeline: 'workflow1', schema });
    expect(parameterSchemaOf(template())).toBeUndefined();
  });

  test.each<[string, string | undefined, string[]]>([
    ['valid schema', JSON.stringify(schema), []],
    ['no annotation', undefined, []],
    ['not JSON', '{type: object', ['error:params/schema-annotation']],
    ['not an object', '[1, 2]', ['error:params/schema-annotation']],
    ['does not compile', JSON.stringify({ type: 'object', properties: { x: { type: 'integr' } } }), ['error:params/schema-annotation']],
  ])('checkParameterSchemaAnnotation: %s', (_, annotation, expected) => {
    expect(rules(runCheck(checkParameterSchemaAnnotation, template(annotation)))).toEqual(expected);
  });

  test('a params file takes the schemas of its own environment first', () => {
    const found = (env: string, type: string): FoundParameterSchema => ({
      pipeline: 'workflow1', schema: { type: 'object', properties: { epochs: { type } } }, file: path.join('/repo', 'dist', env, 'wt.yaml'),
    });
    const schemas = schemasForParamsFile('/repo/pipelines/params/prod.yaml', [found('dev', 'string'), found('prod', 'integer')]);
    expect(schemas.get('workflow1')).toEqual({ type: 'object', properties: { epochs: { type: 'integer' } } });
  });
});
