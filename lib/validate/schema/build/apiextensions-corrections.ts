import type { JsonSchema } from './declarations-to-schema';

/** The three "X or Y" types of CRD schemas, with the other shape each one's custom JSON unmarshaller accepts. */
const EITHER_OR: Record<string, (props: JsonSchema) => JsonSchema[]> = {
  JSONSchemaPropsOrBool: (props) => [{ type: 'boolean' }, props],
  JSONSchemaPropsOrArray: (props) => [props, { type: 'array', items: props }],
  JSONSchemaPropsOrStringArray: (props) => [props, { type: 'array', items: { type: 'string' } }],
};

/**
 * Gives the CRD schema's "X or Y" types (`additionalProperties: true`, `items: [...]`, `dependencies: {a: [b]}`)
 * both of their shapes. The OpenAPI spec cannot express them, so the models declare them as empty objects and
 * their validators reject `additionalProperties: true`, which the API server accepts.
 *
 * @see https://github.com/kubernetes/apiextensions-apiserver/blob/master/pkg/apis/apiextensions/v1/marshal.go
 */
export function applyApiextensionsCorrections(definitions: Map<string, JsonSchema>): void {
  for (const version of ['V1', 'V1beta1']) {
    const prefix = `IoK8sApiextensionsApiserverPkgApisApiextensions${version}`;
    const props = { $ref: `${prefix}JSONSchemaProps` };
    for (const [type, shapes] of Object.entries(EITHER_OR)) {
      const schema = definitions.get(`${prefix}${type}`);
      if (!schema) throw new Error(`build-schemas: ${prefix}${type} is gone; review apiextensions-corrections.ts`);
      for (const keyword of Object.keys(schema)) delete schema[keyword];
      schema.anyOf = shapes(props);
    }
  }
}
