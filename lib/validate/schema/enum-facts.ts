import { ARGO_CHECKED_AS_WRITTEN, ARGO_CLOSED_CONSTANTS, KUBERNETES_CLOSED_CONSTANTS } from './enum-corrections';
import { EnumFact, EnumFile, readEnumFile } from './enum-data';
import { DEFINITION, EnumField, EnumTable, SchemaNode } from './schema-node';

const KUBERNETES_PREFIX = 'io.k8s.api.';

/** Tables of enum fields by schema definition name. */
export type EnumTables = ReadonlyMap<string, EnumTable>;

/**
 * The enum fields the selected releases enforce, by schema definition, as {@link SchemaDocument.enums} needs
 * them: Kubernetes' for its own documents, and Argo Workflows' (with the Kubernetes definitions its schema.json
 * copies, and its containers inlining Kubernetes' Container) for Argo's. Built once per release pair.
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
 * Which nodes of a definitions document stand for a definition with enum fields: the definitions themselves, and
 * corrected copies of them (marked {@link DEFINITION}) among their properties.
 */
export function enumNodes(definitions: Readonly<Record<string, SchemaNode>>, tables: EnumTables): WeakMap<SchemaNode, EnumTable> {
  const nodes = new WeakMap<SchemaNode, EnumTable>();
  for (const [name, node] of Object.entries(definitions)) {
    const table = tables.get(name);
    if (table) nodes.set(node, table);
    for (const property of Object.values((node.properties as Record<string, SchemaNode> | undefined) ?? {})) {
      const copied = property[DEFINITION];
      const copiedTable = typeof copied === 'string' ? tables.get(copied) : undefined;
      if (copiedTable) nodes.set(property, copiedTable);
    }
  }
  return nodes;
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
