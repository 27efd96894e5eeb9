import { CRD_FORMATS } from './formats';
import { OBJECT_META } from './model-schemas';

type Schema = Record<string, unknown>;

/** Keywords of a CRD schema that carry no constraint ajv can check (docs, defaults, CEL rules, list/map hints). */
const DROPPED = new Set(['description', 'example', 'externalDocs', 'default', 'nullable', 'title']);

/**
 * Converts a CRD version's `openAPIV3Schema` into plain JSON Schema for ajv, applying the Kubernetes extensions the
 * way the API server does.
 *
 * - `x-kubernetes-int-or-string`: an integer or a string.
 * - `x-kubernetes-preserve-unknown-fields`: unknown fields are kept at that node, so never flagged there.
 * - `x-kubernetes-embedded-resource`: the node is an object with `apiVersion`, `kind` and `metadata`.
 * - Other `x-kubernetes-*` keywords (list types, map keys, CEL validations) are accepted and not checked.
 * - Strict mode: an object node that lists `properties` rejects other fields (the API server prunes them, so they
 *   would be silently lost), except where unknown fields are preserved.
 * - The root's `metadata` is checked against ObjectMeta, as for built-in kinds, plus whatever the CRD narrows.
 * - Formats are checked only where ajv and Kubernetes agree on their meaning (see {@link CRD_FORMATS}).
 *
 * @see https://kubernetes.io/docs/tasks/extend-kubernetes/custom-resources/custom-resource-definitions/#specifying-a-structural-schema
 */
export function crdToJsonSchema(openAPIV3Schema: Schema, strict: boolean): Schema {
  const root = convert(openAPIV3Schema, strict, true);
  const properties = { ...((root.properties as Record<string, Schema> | undefined) ?? {}) };
  properties.apiVersion = { type: 'string' };
  properties.kind = { type: 'string' };
  // A CRD may only narrow metadata (e.g. a shorter name); it is ObjectMeta either way.
  const ownMetadata = (openAPIV3Schema.properties as Record<string, Schema> | undefined)?.metadata;
  properties.metadata =
    ownMetadata && ownMetadata.properties
      ? { allOf: [{ $ref: OBJECT_META }, convert(ownMetadata, false, false)] }
      : { $ref: OBJECT_META };
  return { ...root, type: 'object', properties };
}

/**
 * True when the schema says nothing about the object's content: it preserves unknown fields at the root, or leaves
 * `spec` (when it has one) as a bag of preserved fields. Argo's install CRDs look like this (the default ones at
 * the root, the "full" ones at `spec` once minimized for size), and must not stand in for a real schema.
 */
export function saysNothingOfSpec(openAPIV3Schema: Schema): boolean {
  const properties = (openAPIV3Schema.properties as Record<string, Schema> | undefined) ?? {};
  const openNode = (node: Schema | undefined): boolean =>
    node !== undefined &&
    node['x-kubernetes-preserve-unknown-fields'] === true &&
    Object.keys((node.properties as Record<string, Schema> | undefined) ?? {}).length === 0;
  const content = Object.keys(properties).filter((p) => !['apiVersion', 'kind', 'metadata', 'status'].includes(p));
  return (openNode(openAPIV3Schema) && content.length === 0) || (content.includes('spec') && openNode(properties.spec));
}

/**
 * @param structural whether this node is a structural position (root, property, item, map value) where pruning,
 *   and so strictness, applies; nodes under allOf/anyOf/oneOf/not only add constraints
 */
function convert(node: Schema, strict: boolean, structural: boolean): Schema {
  const out: Schema = {};
  for (const [keyword, value] of Object.entries(node)) {
    if (DROPPED.has(keyword) || keyword.startsWith('x-kubernetes-')) continue;
    switch (keyword) {
      case 'properties':
      case 'patternProperties':
      case 'definitions':
        out[keyword] = mapValues(value as Record<string, Schema>, (s) => convert(s, strict, true));
        break;
      case 'items':
        out.items = Array.isArray(value)
          ? value.map((s: Schema) => convert(s, strict, true))
          : convert(value as Schema, strict, true);
        break;
      case 'additionalProperties':
        out.additionalProperties = typeof value === 'object' && value !== null ? convert(value as Schema, strict, true) : value;
        break;
      case 'allOf':
      case 'anyOf':
      case 'oneOf':
        out[keyword] = (value as Schema[]).map((s) => convert(s, strict, false));
        break;
      case 'not':
        out.not = convert(value as Schema, strict, false);
        break;
      case 'pattern':
        // CRDs carry Go (RE2) expressions; the few JavaScript cannot compile are skipped, not fatal.
        if (typeof value === 'string' && compilesInJavaScript(value)) out.pattern = value;
        break;
      case 'format':
        if (typeof value === 'string' && CRD_FORMATS.has(value)) out.format = value;
        break;
      default:
        out[keyword] = value;
    }
  }
  if (node['x-kubernetes-int-or-string'] === true) {
    out.type = ['integer', 'string'];
    // controller-gen pairs the extension with `anyOf: [{type: integer}, {type: string}]`; the type says it once.
    if (Array.isArray(out.anyOf) && out.anyOf.every((s: Schema) => Object.keys(s).every((k) => k === 'type'))) {
      delete out.anyOf;
    }
  }
  if (node.nullable === true && typeof out.type === 'string') out.type = [out.type, 'null'];
  const preserve = node['x-kubernetes-preserve-unknown-fields'] === true;
  if (node['x-kubernetes-embedded-resource'] === true) {
    const properties = { ...((out.properties as Record<string, Schema> | undefined) ?? {}) };
    properties.apiVersion ??= { type: 'string' };
    properties.kind ??= { type: 'string' };
    properties.metadata ??= preserve ? { type: 'object' } : { $ref: OBJECT_META };
    if (out.properties || !preserve) out.properties = properties;
  }
  if (strict && structural && !preserve && out.properties && out.additionalProperties === undefined) {
    out.additionalProperties = false;
  }
  return out;
}

function compilesInJavaScript(pattern: string): boolean {
  try {
    new RegExp(pattern, 'u');
    return true;
  } catch {
    return false;
  }
}

function mapValues(record: Record<string, Schema>, fn: (s: Schema) => Schema): Record<string, Schema> {
  const out: Record<string, Schema> = {};
  for (const [key, value] of Object.entries(record)) out[key] = fn(value);
  return out;
}
