import type { ValidateFunction } from 'ajv';
import { UserError } from '../../user-error';
import { ajvErrorsToViolations } from './ajv-errors-to-violations';
import { CompiledCache, DEFAULT_CACHE_DIR } from './compiled-cache';
import { DEFAULT_MAX_FILE_BYTES, readCrdDocuments } from './crd-files';
import { crdToJsonSchema, saysNothingOfSpec } from './crd-to-json-schema';
import { CrdVersion, crdVersions } from './crd-versions';
import { modelApiVersionsOf, modelDefinition, modelsFingerprint, modelValidator, sharedAjv } from './model-schemas';
import type { SchemaViolation } from './schema-violation';
import { withoutNulls } from './without-nulls';

/** Options of {@link SchemaRegistry.load}. */
export interface SchemaRegistryOptions {
  /** project root; CRDs are read from `<cwd>/imports/` */
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
   * Folder where compiled validators and large parsed CRD files are kept between runs, or false to redo that
   * work every run.
   * @default - node_modules/.cache/kfops next to kfops
   */
  readonly cacheDir?: string | false;
}

interface CrdEntry extends CrdVersion {
  compiled?: ValidateFunction;
}

/**
 * Schemas by apiVersion and kind: the Kubernetes, Argo Workflows and Argo CD kinds derived from the
 * kubernetes-models packages, plus every CRD in `imports/`, in `crdPaths`, or registered from the input.
 *
 * Validators compile on first use of a kind and are cached (model kinds for the whole process).
 *
 * @example
 * const registry = await SchemaRegistry.load({ cwd: process.cwd(), crdPaths: ['crds/'] });
 * registry.validate({ apiVersion: 'apps/v1', kind: 'Deployment', spec: { replicaz: 2 } });
 * // [{ path: 'spec.replicaz', message: 'unknown field "replicaz"', rule: 'unknown-field', fix: 'rename "replicaz" to "replicas"' }, ...]
 */
export class SchemaRegistry {
  /**
   * Reads the CRDs of `imports/` and `crdPaths`.
   *
   * @throws UserError naming the file for unreadable, oversized or invalid CRD files
   */
  static async load(options: SchemaRegistryOptions): Promise<SchemaRegistry> {
    const cacheDir = options.cacheDir === false ? undefined : (options.cacheDir ?? DEFAULT_CACHE_DIR);
    const registry = new SchemaRegistry(
      options.strict ?? true,
      options.ignoreMissingSchemas ?? false,
      new CompiledCache(cacheDir),
    );
    const maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
    const read = { cwd: options.cwd, maxFileBytes, cacheDir };
    const sources = [
      ...readCrdDocuments('imports', { ...read, required: false }),
      ...(options.crdPaths ?? []).flatMap((p) => readCrdDocuments(p, { ...read, required: true })),
    ];
    for (const { doc, source } of sources) registry.registerCrd(doc, source);
    return registry;
  }

  private readonly crds = new Map<string, CrdEntry>();

  private constructor(
    /** whether unknown fields are violations */
    public readonly strict: boolean,
    /** whether objects without a schema pass */
    public readonly ignoreMissingSchemas: boolean,
    private readonly cache: CompiledCache,
  ) {}

  /**
   * Adds the kinds a CustomResourceDefinition defines, so a bundle holding CRDs and their resources validates the
   * resources. A CRD replaces the built-in schema of the same kind unless its schema says nothing of the content
   * (Argo's install CRDs preserve unknown fields at the root or at `spec`): that would only weaken the check.
   *
   * @param source where the CRD came from (`file` or `file#doc`), named in errors
   * @throws UserError naming the source when it is not a usable CRD
   */
  registerCrd(crd: Record<string, unknown>, source: string): void {
    for (const version of crdVersions(crd, source)) {
      const vague = !version.openAPIV3Schema || saysNothingOfSpec(version.openAPIV3Schema);
      if (vague && modelDefinition(version.apiVersion, version.kind)) continue;
      this.crds.set(key(version.apiVersion, version.kind), { ...version });
    }
  }

  /** True when objects of this apiVersion and kind have a schema. */
  has(apiVersion: string, kind: string): boolean {
    return this.crds.has(key(apiVersion, kind)) || modelDefinition(apiVersion, kind) !== undefined;
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
    const validate = this.validatorFor(apiVersion, kind);
    if (!validate) return this.ignoreMissingSchemas ? [] : [missingSchema(apiVersion, kind)];
    const data = withoutNulls(obj);
    if (validate(data)) return [];
    return ajvErrorsToViolations(validate.errors ?? [], data);
  }

  private validatorFor(apiVersion: string, kind: string): ValidateFunction | undefined {
    const crd = this.crds.get(key(apiVersion, kind));
    if (crd) return (crd.compiled ??= this.compileCrd(crd));
    const definition = modelDefinition(apiVersion, kind);
    return definition ? modelValidator(definition, this.strict, this.cache) : undefined;
  }

  private compileCrd(crd: CrdEntry): ValidateFunction {
    const schema = crdToJsonSchema(crd.openAPIV3Schema ?? {}, this.strict);
    try {
      // The code refers to ObjectMeta from the models, so their fingerprint is part of the identity.
      const identity = `crd\u0000${this.strict}\u0000${modelsFingerprint()}\u0000${JSON.stringify(schema)}`;
      return this.cache.get(identity, () => sharedAjv(this.strict), (ajv) => ajv.compile(schema));
    } catch (err) {
      throw new UserError(
        `${crd.source}: the openAPIV3Schema of ${crd.apiVersion} ${crd.kind} does not compile: ${(err as Error).message}`,
        2,
      );
    }
  }
}

function key(apiVersion: string, kind: string): string {
  return `${apiVersion}\u0000${kind}`;
}

function missingSchema(apiVersion: string, kind: string): SchemaViolation {
  const known = modelApiVersionsOf(kind);
  return {
    path: '',
    message: `no schema for ${apiVersion} ${kind}`,
    rule: 'missing-schema',
    fix:
      known.length > 0
        ? `use apiVersion ${known.join(' or ')}, which kfops knows for ${kind}`
        : `add the CustomResourceDefinition of ${kind} to imports/ or pass it with --crd, ` +
          'or use --ignore-missing-schemas',
  };
}
