import type { SchemaNode } from './schema-node';

const APIEXTENSIONS_V1 = 'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1';
const PROPS: SchemaNode = { $ref: `#/components/schemas/${APIEXTENSIONS_V1}.JSONSchemaProps` };

/** The three "X or Y" types of CRD schemas, with the two shapes each one's custom JSON unmarshaller accepts. */
const EITHER_OR: Readonly<Record<string, SchemaNode>> = {
  [`${APIEXTENSIONS_V1}.JSONSchemaPropsOrBool`]: { anyOf: [{ type: 'boolean' }, PROPS] },
  [`${APIEXTENSIONS_V1}.JSONSchemaPropsOrArray`]: { anyOf: [PROPS, { type: 'array', items: PROPS }] },
  [`${APIEXTENSIONS_V1}.JSONSchemaPropsOrStringArray`]: { anyOf: [PROPS, { type: 'array', items: { type: 'string' } }] },
};

/**
 * Kubernetes' OpenAPI definitions with the shapes the published file cannot express filled in, so a CRD's
 * `additionalProperties: true`, `items: [...]` and `dependencies: {a: [b]}` are checked as the API server reads
 * them (the OpenAPI file leaves the three "X or Y" types empty, which would accept anything). The data file stays
 * as published; this returns a shallow copy when the file defines them, else the definitions as they are.
 *
 * @see https://github.com/kubernetes/apiextensions-apiserver/blob/master/pkg/apis/apiextensions/v1/marshal.go
 */
export function correctKubernetesDefinitions(definitions: Readonly<Record<string, SchemaNode>>): Readonly<Record<string, SchemaNode>> {
  if (!Object.keys(EITHER_OR).some((name) => name in definitions)) return definitions;
  return { ...definitions, ...EITHER_OR };
}
