import { UserError } from '../../user-error';

/** One served version of a custom resource, with the schema the API server checks it against. */
export interface CrdVersion {
  readonly apiVersion: string;
  readonly kind: string;
  /** the version's `openAPIV3Schema`, or undefined when the CRD declares none */
  readonly openAPIV3Schema?: Record<string, unknown>;
  /** `file[#doc] (CRD name)`, for messages */
  readonly source: string;
}

/**
 * Lists the versions a CustomResourceDefinition defines (apiextensions.k8s.io/v1, and v1beta1's top-level
 * `spec.validation` and `spec.version`).
 *
 * @throws UserError naming the source when the document is not a usable CRD
 */
export function crdVersions(crd: Record<string, unknown>, source: string): CrdVersion[] {
  const metadata = asRecord(crd.metadata);
  const spec = asRecord(crd.spec);
  const where = `${source} (CustomResourceDefinition ${typeof metadata?.name === 'string' ? metadata.name : '<unnamed>'})`;
  const group = spec?.group;
  const kind = asRecord(spec?.names)?.kind;
  if (typeof group !== 'string' || typeof kind !== 'string') {
    throw new UserError(`${where}: spec.group and spec.names.kind must be strings; is this a complete CRD?`, 2);
  }
  const shared = asRecord(asRecord(spec?.validation)?.openAPIV3Schema);
  const listed = Array.isArray(spec?.versions) ? (spec.versions as unknown[]) : [];
  const names = listed.length > 0 ? listed : typeof spec?.version === 'string' ? [{ name: spec.version }] : [];
  if (names.length === 0) throw new UserError(`${where}: spec.versions is empty; a CRD needs at least one version`, 2);
  return names.map((entry, i) => {
    const version = asRecord(entry);
    if (typeof version?.name !== 'string') {
      throw new UserError(`${where}: spec.versions[${i}].name must be a string`, 2);
    }
    const schema = asRecord(asRecord(version.schema)?.openAPIV3Schema) ?? shared;
    return { apiVersion: `${group}/${version.name}`, kind, openAPIV3Schema: schema, source: where };
  });
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}
