/** One node of an OpenAPI v3 / JSON Schema / CRD structural schema, as published upstream. */
export type SchemaNode = Readonly<Record<string | symbol, unknown>>;

/** Named definitions that `$ref`s resolve in (`#/components/schemas/<name>`, `#/definitions/<name>`). */
export interface SchemaDocument {
  readonly definitions: Readonly<Record<string, SchemaNode>>;
}

/** A schema node and the document its `$ref`s resolve in. */
export interface SchemaTarget {
  readonly node: SchemaNode;
  readonly document: SchemaDocument;
}

/**
 * Marks a node kfops adds (never found in upstream data): the value is checked as Kubernetes ObjectMeta, from
 * the Kubernetes release being validated against, plus the node's own keywords. CRDs describe their objects'
 * `metadata` only in part, as the API server checks it as ObjectMeta anyway.
 */
export const OBJECT_META = Symbol('ObjectMeta');

/** The node `{type: string}`, shared. */
export const STRING_NODE: SchemaNode = { type: 'string' };
