/** One node of an OpenAPI v3 / JSON Schema / CRD structural schema, as published upstream. */
export type SchemaNode = Readonly<Record<string | symbol, unknown>>;

/** Named definitions that `$ref`s resolve in (`#/components/schemas/<name>`, `#/definitions/<name>`). */
export interface SchemaDocument {
  readonly definitions: Readonly<Record<string, SchemaNode>>;
  /**
   * The enum a property node's value must be one of, where the node is an enum-typed field of an upstream Go type
   * (of a definition, or of a CRD's inlined copy of a Kubernetes type): facts the published schema does not state
   */
  readonly enums?: { get(node: SchemaNode): EnumField | undefined };
}

/** One enum-typed field: the values the API server or controller accepts. */
export interface EnumField {
  readonly values: readonly string[];
  /** whether a value holding `{{...}}` passes, as Argo substitutes it before the value is used */
  readonly templated: boolean;
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

/**
 * A keyword kfops' schema corrections add (never found in upstream data): the JSON types, beyond the node's `type`,
 * that the API server and the reader take but keep nothing of, so a value of them is a warning, not a type error
 * (Argo's `AnyString` on a release with minimal CRDs reads an array or object as an empty string).
 */
export const READ_AS_EMPTY = 'x-kfops-read-as-empty';

/** The node `{type: string}`, shared. */
export const STRING_NODE: SchemaNode = { type: 'string' };
