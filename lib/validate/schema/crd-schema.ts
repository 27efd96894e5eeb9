import { OBJECT_META, SchemaDocument, SchemaNode, SchemaTarget, STRING_NODE } from './schema-node';

/** CRD schemas hold no `$ref`s (the API server forbids them). */
const NO_DEFINITIONS: SchemaDocument = { definitions: {} };
/** A version without a schema accepts any content (its metadata is still ObjectMeta). */
const ANYTHING: SchemaNode = { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };

/**
 * The schema objects of one CRD version are checked against: its `openAPIV3Schema` as published, with the root's
 * `apiVersion`, `kind` and `metadata` the API server always knows. `metadata` is ObjectMeta plus whatever the CRD
 * narrows (a shorter `name`); a CRD's own metadata properties never reject ObjectMeta's fields.
 */
export function crdTarget(openAPIV3Schema: SchemaNode | undefined): SchemaTarget {
  const root = openAPIV3Schema ?? ANYTHING;
  const properties = (root.properties as Record<string, SchemaNode> | undefined) ?? {};
  const ownMetadata = properties.metadata;
  const metadata: SchemaNode = ownMetadata?.properties ? { [OBJECT_META]: true, allOf: [ownMetadata] } : { [OBJECT_META]: true };
  return {
    node: { ...root, type: 'object', properties: { ...properties, apiVersion: STRING_NODE, kind: STRING_NODE, metadata } },
    document: NO_DEFINITIONS,
  };
}

/**
 * True when the schema says nothing about the object's content: it preserves unknown fields at the root, or leaves
 * `spec` (when it has one) as a bag of preserved fields. Argo's install CRDs look like this (the default ones at
 * the root, older "full" ones at `spec` once minimized for size), and must not stand in for a real schema.
 */
export function saysNothingOfSpec(openAPIV3Schema: SchemaNode): boolean {
  const properties = (openAPIV3Schema.properties as Record<string, SchemaNode> | undefined) ?? {};
  const openNode = (node: SchemaNode | undefined): boolean =>
    node !== undefined &&
    node['x-kubernetes-preserve-unknown-fields'] === true &&
    Object.keys((node.properties as Record<string, SchemaNode> | undefined) ?? {}).length === 0;
  const content = Object.keys(properties).filter((p) => !['apiVersion', 'kind', 'metadata', 'status'].includes(p));
  return (openNode(openAPIV3Schema) && content.length === 0) || (content.includes('spec') && openNode(properties.spec));
}
