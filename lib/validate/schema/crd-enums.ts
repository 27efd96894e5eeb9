import { addFields, EnumTables } from './enum-facts';
import type { EnumField, SchemaDocument, SchemaNode } from './schema-node';

/**
 * Where CRDs inline a Kubernetes type: controller-gen copies the type's schema into the CRD (no `$ref`s there),
 * so nothing names it; the API server checks what the operator creates from it (the TFJob's pods) as that type.
 */
const INLINED_KUBERNETES_TYPES: readonly { apiVersion: string; kind: string; path: readonly string[]; definition: string }[] = [
  // https://github.com/kubeflow/training-operator/blob/master/pkg/apis/kubeflow.org/v1/common_types.go (ReplicaSpec.Template)
  { apiVersion: 'kubeflow.org/v1', kind: 'TFJob', path: ['spec', 'tfReplicaSpecs', '*', 'template'], definition: 'io.k8s.api.core.v1.PodTemplateSpec' },
];

/**
 * The enum fields of a CRD schema's inlined Kubernetes types: each node of the inlined copy is matched to the
 * Kubernetes definition it copies by walking both in step (same property names; `items`; `additionalProperties`).
 *
 * @param kubernetes the Kubernetes document that defines the inlined types (core/v1)
 * @returns undefined when the kind inlines none
 */
export function crdEnumNodes(
  apiVersion: string, kind: string, root: SchemaNode, kubernetes: () => SchemaDocument | undefined, tables: EnumTables,
): WeakMap<SchemaNode, EnumField> | undefined {
  const places = INLINED_KUBERNETES_TYPES.filter((p) => p.apiVersion === apiVersion && p.kind === kind);
  const document = places.length > 0 ? kubernetes() : undefined;
  if (!document) return undefined;
  const nodes = new WeakMap<SchemaNode, EnumField>();
  for (const { path, definition } of places) {
    for (const node of path.reduce((at, step) => at.flatMap((n) => children(n, step)), [root])) {
      matchDefinition(node, definition, document, tables, nodes, new Set());
    }
  }
  return nodes;
}

/** The nodes one path step leads to: a property, or for `*` every value of a map (`additionalProperties`, or a CRD that names the keys). */
function children(node: SchemaNode, step: string): SchemaNode[] {
  if (step !== '*') return [child(child(node, 'properties'), step)].filter((n) => n !== undefined);
  const properties = Object.keys(child(node, 'properties') ?? {}).map((key) => child(child(node, 'properties'), key));
  return [child(node, 'additionalProperties'), ...properties].filter((n) => n !== undefined);
}

function matchDefinition(
  node: SchemaNode, definition: string, document: SchemaDocument, tables: EnumTables, nodes: WeakMap<SchemaNode, EnumField>, seen: Set<SchemaNode>,
): void {
  if (seen.has(node)) return;
  seen.add(node);
  const table = tables.get(definition);
  if (table) addFields(node, table, nodes);
  const properties = (document.definitions[definition]?.properties as Record<string, SchemaNode> | undefined) ?? {};
  for (const [name, property] of Object.entries(properties)) {
    const inlined = child(child(node, 'properties'), name);
    if (!inlined) continue;
    const direct = refName(property);
    if (direct) matchDefinition(inlined, direct, document, tables, nodes, seen);
    for (const keyword of ['items', 'additionalProperties']) {
      const nested = refName(child(property, keyword));
      const inlinedNested = child(inlined, keyword);
      if (nested && inlinedNested) matchDefinition(inlinedNested, nested, document, tables, nodes, seen);
    }
  }
}

/** The definition a property refers to: `$ref`, or Kubernetes' `allOf: [{$ref}]` wrapping. */
function refName(node: SchemaNode | undefined): string | undefined {
  const ref = node?.$ref ?? (Array.isArray(node?.allOf) && node.allOf.length === 1 ? (node.allOf[0] as SchemaNode).$ref : undefined);
  return typeof ref === 'string' ? ref.slice(ref.lastIndexOf('/') + 1) : undefined;
}

function child(node: SchemaNode | undefined, key: string): SchemaNode | undefined {
  const value = node?.[key];
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as SchemaNode) : undefined;
}
