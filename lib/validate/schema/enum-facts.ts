import { ARGO_CHECKED_AS_WRITTEN, ARGO_CLOSED_CONSTANTS, KUBERNETES_CLOSED_CONSTANTS } from './enum-corrections';
import { EnumFact, EnumFile, readEnumFile } from './enum-data';
import type { EnumField, SchemaNode } from './schema-node';

const KUBERNETES_PREFIX = 'io.k8s.api.';

/** The enum fields of one definition, by JSON field name. */
export type EnumTable = ReadonlyMap<string, EnumField>;
/** Tables of enum fields by schema definition name. */
export type EnumTables = ReadonlyMap<string, EnumTable>;

/**
 * The enum fields the selected releases enforce, by schema definition ({@link enumFields} maps them to nodes):
 * Kubernetes' for its own documents, and Argo Workflows' (with the Kubernetes definitions its schema.json copies,
 * and its containers inlining Kubernetes' Container) for Argo's. Built once per release pair.
 */
export class EnumFacts {
  private kubernetesTables?: EnumTables;
  private argoTables?: EnumTables;

  constructor(
    private readonly kubernetes: EnumFile | undefined,
    private readonly argo: EnumFile | undefined,
  ) {}

  /** The facts of a Kubernetes and an Argo Workflows release, from the data files kfops ships. */
  static forReleases(kubernetesVersion: string, argoVersion: string): EnumFacts {
    return new EnumFacts(readEnumFile('kubernetes', kubernetesVersion), readEnumFile('argo-workflows', argoVersion));
  }

  /** Enum fields of Kubernetes definitions, as the API server enforces them (no templating). */
  kubernetesDefinitions(): EnumTables {
    this.kubernetesTables ??= kubernetesTables(this.kubernetes, false);
    return this.kubernetesTables;
  }

  /** Enum fields of the definitions in Argo's schema.json, where `{{...}}` values are substituted before use. */
  argoDefinitions(): EnumTables {
    if (!this.argoTables) {
      const tables = new Map(kubernetesTables(this.kubernetes, true));
      const argo = this.argo;
      for (const [definition, { fields, embeds }] of Object.entries(argo?.definitions ?? {})) {
        const table = new Map<string, EnumField>();
        for (const embedded of embeds ?? []) for (const [k, v] of tables.get(embedded) ?? []) table.set(k, v);
        for (const [field, name] of Object.entries(fields)) {
          const fact = name.startsWith(KUBERNETES_PREFIX) ? kubernetesFact(this.kubernetes, name) : argoFact(argo!, name);
          if (fact) table.set(field, enumField(fact.values, !ARGO_CHECKED_AS_WRITTEN.has(`${definition}.${field}`)));
        }
        if (table.size > 0) tables.set(definition, table);
      }
      this.argoTables = tables;
    }
    return this.argoTables;
  }
}

/**
 * The enum field each property node of a definitions document stands for (a definition's property nodes; shallow
 * corrected copies of a definition share them), as {@link SchemaDocument.enums}.
 */
export function enumFields(definitions: Readonly<Record<string, SchemaNode>>, tables: EnumTables): WeakMap<SchemaNode, EnumField> {
  const nodes = new WeakMap<SchemaNode, EnumField>();
  for (const [name, table] of tables) {
    const definition = Object.prototype.hasOwnProperty.call(definitions, name) ? definitions[name] : undefined;
    if (definition) addFields(definition, table, nodes);
  }
  return nodes;
}

/** Maps the property nodes of an object node that stands for a definition to the definition's enum fields. */
export function addFields(node: SchemaNode, table: EnumTable, nodes: WeakMap<SchemaNode, EnumField>): void {
  const properties = node.properties as Record<string, SchemaNode> | undefined;
  if (!properties) return;
  for (const [field, enumField] of table) {
    const property = Object.prototype.hasOwnProperty.call(properties, field) ? properties[field] : undefined;
    if (property) nodes.set(property, enumField);
  }
}

function kubernetesTables(file: EnumFile | undefined, templated: boolean): Map<string, EnumTable> {
  const tables = new Map<string, EnumTable>();
  for (const [definition, { fields }] of Object.entries(file?.definitions ?? {})) {
    const table = new Map<string, EnumField>();
    for (const [field, name] of Object.entries(fields)) {
      const fact = kubernetesFact(file, name);
      if (fact) table.set(field, enumField(fact.values, templated));
    }
    if (table.size > 0) tables.set(definition, table);
  }
  return tables;
}

/** A Kubernetes enum the API server enforces: `+enum`, or typed constants its validation checks. */
function kubernetesFact(file: EnumFile | undefined, name: string): EnumFact | undefined {
  const fact = file?.enums[name];
  return fact && (fact.marker === '+enum' || KUBERNETES_CLOSED_CONSTANTS[name] !== undefined) ? fact : undefined;
}

/** An Argo enum Argo enforces: declared by a kubebuilder marker, or typed constants Argo's code checks. */
function argoFact(file: EnumFile, name: string): EnumFact | undefined {
  const fact = file.enums[name];
  return fact && (fact.marker !== 'constants' || ARGO_CLOSED_CONSTANTS[name] !== undefined) ? fact : undefined;
}

function enumField(values: readonly string[], templated: boolean): EnumField {
  return { values, templated };
}
