import { BuiltinSchemas, SelectedReleases } from './builtin-schemas';
import { DEFAULT_MAX_FILE_BYTES } from '../../manifest';
import { projectCacheDir } from './cache-files';
import { readCrdDocuments } from './crd-files';
import { saysNothingOfSpec } from './crd-schema';
import { crdVersions } from './crd-versions';
import type { SchemaTarget } from './schema-node';
import { GivenSchemaVersions, selectReleases } from './schema-versions';
import type { SchemaViolation } from './schema-violation';
import { checkAgainstSchema, WalkOptions } from './schema-walker';
import { SchemaProject, UpstreamRelease } from './upstream-versions';

/** Options of {@link SchemaRegistry.load}. */
export interface SchemaRegistryOptions {
  /** project root; CRDs are read from `<cwd>/imports/`, schema version settings from `<cwd>/cdk8s.yaml` */
  readonly cwd: string;
  /** extra CRD files or folders (`--crd`), relative to `cwd` or absolute */
  readonly crdPaths?: readonly string[];
  /**
   * Unknown fields are violations (`spec.replicaz`).
   * @default true
   */
  readonly strict?: boolean;
  /**
   * Largest CRD file read, in bytes.
   * @default 64 MiB
   */
  readonly maxFileBytes?: number;
  /**
   * Objects whose kind has no schema pass instead of getting a `missing-schema` violation.
   * @default false
   */
  readonly ignoreMissingSchemas?: boolean;
  /**
   * Releases to validate against (`--argo-version 4.1`, or the plugin's properties), over the project's settings.
   * @default - the KfopsValidation properties in cdk8s.yaml, else the defaults (see docs/validation.md)
   */
  readonly versions?: GivenSchemaVersions;
  /**
   * Folder where large YAML files (CRD bundles, Argo CD's CRDs) are kept parsed, as JSON data, between runs, or
   * false to parse them every run.
   * @default - the project's `node_modules/.cache/kfops` (the nearest `node_modules` at or above `cwd`); none outside a Node project
   */
  readonly cacheDir?: string | false;
}

interface CrdEntry {
  readonly apiVersion: string;
  readonly kind: string;
  readonly openAPIV3Schema?: Record<string, unknown>;
  target?: SchemaTarget;
}

/**
 * Schemas by apiVersion and kind: the upstream schemas of the selected Kubernetes, Argo Workflows, Argo CD and
 * Training Operator releases, plus every CRD in `imports/`, in `crdPaths`, or registered from the input. A CRD
 * from `crdPaths` or the input replaces the built-in schema of its kind; one from `imports/` (the project's input
 * to `cdk8s import`, not a statement of what the cluster runs) only adds kinds kfops has no schema for, so the
 * selected upstream release always decides.
 *
 * Upstream files are read when a kind first needs them, and objects are checked by walking the schema (no
 * compile step), so a run pays only for the kinds it holds.
 *
 * @example
 * const registry = await SchemaRegistry.load({ cwd: process.cwd(), crdPaths: ['crds/'] });
 * registry.validate({ apiVersion: 'apps/v1', kind: 'Deployment', spec: { replicaz: 2 } });
 * // [{ path: 'spec.replicaz', message: 'unknown field "replicaz"', rule: 'unknown-field', fix: 'rename "replicaz" to "replicas"' }, ...]
 */
export class SchemaRegistry {
  /**
   * Reads the CRDs of `imports/` and `crdPaths` and selects the upstream releases.
   *
   * @throws UserError naming the file for unreadable, oversized or invalid CRD files, and naming the flag or
   *   setting for an unsupported version
   */
  static async load(options: SchemaRegistryOptions): Promise<SchemaRegistry> {
    const cacheDir = options.cacheDir === false ? undefined : (options.cacheDir ?? projectCacheDir(options.cwd));
    const { releases, chosen } = selectReleases(options.cwd, options.versions);
    const registry = new SchemaRegistry(options.strict ?? true, options.ignoreMissingSchemas ?? false, releases, chosen, new BuiltinSchemas(releases, cacheDir));
    const read = { cwd: options.cwd, maxFileBytes: options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES, cacheDir };
    for (const { doc, source } of readCrdDocuments('imports', { ...read, required: false })) registry.register(doc, source, registry.imported);
    const named = (options.crdPaths ?? []).flatMap((p) => readCrdDocuments(p, { ...read, required: true }));
    for (const { doc, source } of named) registry.registerCrd(doc, source);
    return registry;
  }

  private readonly crds = new Map<string, CrdEntry>();
  /** CRDs of `imports/`, consulted after the built-in schemas. */
  private readonly imported = new Map<string, CrdEntry>();
  private readonly walk: WalkOptions;

  private constructor(
    /** whether unknown fields are violations */
    public readonly strict: boolean,
    /** whether objects without a schema pass */
    public readonly ignoreMissingSchemas: boolean,
    /** the upstream release of each project validated against */
    public readonly releases: SelectedReleases,
    private readonly chosen: ReadonlySet<SchemaProject>,
    private readonly builtins: BuiltinSchemas,
  ) {
    this.walk = { strict, objectMeta: () => builtins.objectMeta() };
  }

  /**
   * Adds the kinds a CustomResourceDefinition defines, so a bundle holding CRDs and their resources validates the
   * resources. A CRD replaces the built-in schema of the same kind unless its schema says nothing of the content
   * (Argo's install CRDs preserve unknown fields at the root or at `spec`): that would only weaken the check.
   *
   * @param source where the CRD came from (`file` or `file#doc`), named in errors
   * @throws UserError naming the source when it is not a usable CRD
   */
  registerCrd(crd: Record<string, unknown>, source: string): void {
    this.register(crd, source, this.crds);
  }

  private register(crd: Record<string, unknown>, source: string, into: Map<string, CrdEntry>): void {
    for (const version of crdVersions(crd, source)) {
      const vague = !version.openAPIV3Schema || saysNothingOfSpec(version.openAPIV3Schema);
      if (vague && into === this.crds && this.builtins.lookup(version.apiVersion, version.kind)) continue;
      into.set(key(version.apiVersion, version.kind), { apiVersion: version.apiVersion, kind: version.kind, openAPIV3Schema: version.openAPIV3Schema });
    }
  }

  /**
   * The release of a project the cluster is known to run: the one a flag, a plugin property or cdk8s.yaml chose;
   * undefined when the default was taken, which only picks the schemas (rules that depend on the version then warn).
   */
  chosenRelease(project: SchemaProject): UpstreamRelease | undefined {
    return this.chosen.has(project) ? this.releases[project] : undefined;
  }

  /** True when objects of this apiVersion and kind have a schema. */
  has(apiVersion: string, kind: string): boolean {
    return this.schemaOf(apiVersion, kind) !== undefined;
  }

  /**
   * Validates one object against the schema of its apiVersion and kind.
   *
   * @returns violations, in a stable order for the same input; a `missing-schema` violation when the kind is
   *   unknown (unless `ignoreMissingSchemas`); empty when valid
   */
  validate(obj: Record<string, unknown>): SchemaViolation[] {
    const { apiVersion, kind } = obj;
    if (typeof apiVersion !== 'string' || typeof kind !== 'string' || apiVersion === '' || kind === '') {
      return [
        {
          path: typeof apiVersion !== 'string' || apiVersion === '' ? 'apiVersion' : 'kind',
          message: 'apiVersion and kind must be non-empty strings',
          rule: 'invalid-object',
          fix: 'set apiVersion (e.g. "apps/v1") and kind (e.g. "Deployment")',
        },
      ];
    }
    const target = this.schemaOf(apiVersion, kind);
    if (!target) return this.ignoreMissingSchemas && !this.isKubernetesApi(apiVersion, kind) ? [] : [this.missingSchema(apiVersion, kind)];
    return checkAgainstSchema(target, obj, this.walk);
  }

  /**
   * True when the apiVersion is one only Kubernetes itself could serve, so no CRD can stand in for it and
   * `ignoreMissingSchemas` does not cover it: a group without a dot (the core group, `apps`, `batch`, `extensions`,
   * `policy`, ...: a CRD's group needs one), or a `*.k8s.io` group under which the release serves the kind at
   * another version (`networking.k8s.io/v1beta1` Ingress, removed in 1.22). A removed API fails on the cluster.
   */
  private isKubernetesApi(apiVersion: string, kind: string): boolean {
    const slash = apiVersion.indexOf('/');
    const group = slash < 0 ? '' : apiVersion.slice(0, slash);
    if (!group.includes('.')) return true;
    return group.endsWith('.k8s.io') && this.builtins.kubernetesApiVersionsOf(kind).some((v) => v.startsWith(`${group}/`));
  }

  private schemaOf(apiVersion: string, kind: string): SchemaTarget | undefined {
    const id = key(apiVersion, kind);
    const crd = this.crds.get(id);
    if (crd) return this.targetOf(crd);
    const builtin = this.builtins.lookup(apiVersion, kind);
    const imported = builtin ? undefined : this.imported.get(id);
    return imported ? this.targetOf(imported) : builtin;
  }

  private targetOf(crd: CrdEntry): SchemaTarget {
    return (crd.target ??= this.builtins.crdTarget(crd.apiVersion, crd.kind, crd.openAPIV3Schema));
  }

  private missingSchema(apiVersion: string, kind: string): SchemaViolation {
    const known = this.builtins.apiVersionsOf(kind);
    const ignoring = this.ignoreMissingSchemas ? ' (--ignore-missing-schemas covers custom resources, not the APIs Kubernetes serves)' : '';
    let fix: string;
    if (known.length > 0) fix = `use apiVersion ${known.join(' or ')}, which kfops knows for ${kind}${ignoring}`;
    else if (this.isKubernetesApi(apiVersion, kind)) fix = `${apiVersion} is an API group of Kubernetes itself, which serves no ${kind} there: check the kind and apiVersion${ignoring}`;
    else fix = `add the CustomResourceDefinition of ${kind} to imports/ or pass it with --crd, or use --ignore-missing-schemas`;
    return { path: '', message: `no schema for ${apiVersion} ${kind}`, rule: 'missing-schema', fix };
  }
}

function key(apiVersion: string, kind: string): string {
  return `${apiVersion}\u0000${kind}`;
}
