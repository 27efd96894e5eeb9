import * as path from 'path';
import { isKustomization, isKustomizationFile } from '../layout';
import { displayPath, isManifestReadError } from '../manifest';
import { readParamsFile } from '../params';
import { isUserError, UserError } from '../user-error';
import { Check, ManifestSchemas } from './check';
import {
  checkArgoCd, checkArgoWorkflow, checkCronWorkflow, checkDuplicateObjects, checkHpaTarget, checkImageTags,
  checkKubernetesNative, checkKustomization, checkLiteralCredentials, checkNamesAndLabels, checkPatch, checkPlaintextSecret, checkTfJobAdmission,
  asKustomizeReads, checkSensitiveEnv, checkServiceSelectors, emptyKustomization, KustomizeFileUses, laterKustomizationDocument,
} from './checks';
import { ConstructPaths } from './construct-metadata';
import { validateParamsFile } from './params/params-file';
import {
  checkParameterSchemaAnnotation, FoundParameterSchema, PARAMETER_SCHEMA_ANNOTATION, parameterSchemaOf, schemasForParamsFile,
} from './params/parameter-schemas';
import { loadManifests, ManifestObject } from './load';
import { LocatableResult, locateViolations } from './locate';
import { isRecord, KubeObject, ObjectIndex, namespaceOf, nameOf } from './object-index';
import { GivenSchemaVersions, SchemaProject, SchemaRegistry } from './schema';
import { error, ObjectResult, ofSeverity, ValidationReport, Violation, ViolationTexts, warning } from './violation';

/** The semantic checks, in the order their violations are listed. */
export const CHECKS: readonly Check[] = [
  checkDuplicateObjects, checkArgoWorkflow, checkCronWorkflow, checkArgoCd,
  checkNamesAndLabels, checkKubernetesNative, checkTfJobAdmission, checkServiceSelectors, checkHpaTarget,
  checkLiteralCredentials, checkSensitiveEnv, checkPlaintextSecret, checkImageTags, checkParameterSchemaAnnotation,
];

/** Schemas as the validator uses them: the `SchemaRegistry` API. */
export interface SchemaSource extends ManifestSchemas {
  registerCrd(crd: Record<string, unknown>, source: string): void;
}

/** Options for {@link validateManifests}. */
export interface ValidateOptions {
  /** project root: resolves paths, holds `imports/` */
  readonly cwd: string;
  /** files or folders to validate @default ['dist'] */
  readonly paths?: readonly string[];
  /** extra CRD files or folders (`--crd`) */
  readonly crdPaths?: readonly string[];
  /** objects whose kind has no schema pass instead of failing @default false */
  readonly ignoreMissingSchemas?: boolean;
  /** unknown fields are errors @default true */
  readonly strictSchemas?: boolean;
  /** per-file size limit in bytes @default 64 MiB */
  readonly maxFileBytes?: number;
  /** upstream releases to validate against (`--argo-version`, ...) @default - cdk8s.yaml's settings, else the defaults */
  readonly schemaVersions?: GivenSchemaVersions;
  /** params files to validate against the parameter schemas of the WorkflowTemplates found (`--params`) */
  readonly paramsFiles?: readonly string[];
  /** called after each object, for progress display */
  readonly onProgress?: (done: number, total: number) => void;
}

/**
 * Validates every manifest under the paths: YAML well-formedness, schemas, and the semantic checks.
 *
 * @throws UserError (exit code 2) for paths that cannot be read and CRD files that cannot be used
 */
export async function validateManifests(options: ValidateOptions): Promise<ValidationReport> {
  const checked = await checkManifests(options);
  // No parsed object is reachable from here on, so the documents parsed again for positions reuse their memory.
  const located = locateViolations(checked.located, checked.followLinks, checked.texts);
  return { results: sortResults([...checked.problems, ...located, ...checked.params]), files: checked.files, objects: checked.objects };
}

/** Everything {@link validateManifests} found, before positions, holding none of the objects it read. */
interface CheckedManifests {
  readonly problems: readonly ObjectResult[];
  readonly located: readonly LocatableResult[];
  readonly params: readonly ObjectResult[];
  /** files read through a link, if one was named on the command line */
  readonly followLinks: ReadonlySet<string>;
  /** texts of the files read, kept for positions (see LoadResult.texts) */
  readonly texts: ReadonlyMap<string, string>;
  readonly files: number;
  readonly objects: number;
}

async function checkManifests(options: ValidateOptions): Promise<CheckedManifests> {
  const loaded = loadManifests({ cwd: options.cwd, paths: options.paths ?? ['dist'], maxFileBytes: options.maxFileBytes });
  const schemas = await SchemaRegistry.load({
    cwd: options.cwd, crdPaths: options.crdPaths, strict: options.strictSchemas ?? true,
    maxFileBytes: options.maxFileBytes, ignoreMissingSchemas: options.ignoreMissingSchemas ?? false, versions: options.schemaVersions,
  });
  const fileUses = new KustomizeFileUses();
  const results = validateObjects(loaded.objects, {
    schemas, constructPaths: ConstructPaths.forRoots(loaded.roots), onProgress: options.onProgress,
    argoVersion: schemas.chosenRelease(SchemaProject.ARGO_WORKFLOWS)?.version, fileUses,
    trainingOperatorVersion: schemas.releases[SchemaProject.TRAINING_OPERATOR].version,
  });
  const params = validateParamsFiles(options.cwd, options.paramsFiles ?? [], loaded.objects);
  // A kustomization with no document never reaches the checks as an object, yet kustomize refuses it.
  const emptyKustomizations = loaded.emptyFiles.filter(isKustomizationFile).map((file) => ({ file, violations: [emptyKustomization(path.basename(file))] }));
  return {
    problems: [
      ...loaded.problems.flatMap((p) => {
        const seen = fileUses.asKustomizeSees(p, options.cwd);
        return seen === undefined ? [] : [isKustomizationFile(seen.file) ? asKustomizeReads(seen) : seen];
      }),
      ...emptyKustomizations,
    ],
    located: results.map((result, i) => {
      const { file, absolutePath, source } = loaded.objects[i];
      return { result, object: { file, absolutePath, source } };
    }),
    params,
    followLinks: new Set(loaded.namedFiles),
    texts: loaded.texts,
    files: loaded.files.length + params.length,
    objects: loaded.objects.length,
  };
}

/**
 * Validates params files against the parameter schemas the loaded WorkflowTemplates carry.
 *
 * @throws UserError (exit code 2) for a params file that cannot be read
 */
function validateParamsFiles(cwd: string, files: readonly string[], objects: readonly ManifestObject[]): ObjectResult[] {
  if (files.length === 0) return [];
  const found: FoundParameterSchema[] = [];
  for (const o of objects) {
    const schema = parameterSchemaOf(o.object);
    if (schema) found.push({ ...schema, file: o.absolutePath });
  }
  return files.map((given) => {
    const absolute = path.resolve(cwd, given);
    const file = displayPath(cwd, absolute);
    let text: string;
    try {
      text = readParamsFile(absolute, file);
    } catch (err) {
      if (!isManifestReadError(err)) throw err;
      throw new UserError(`cannot read params file ${err.message}`, 2);
    }
    if (found.length === 0) {
      return { file, violations: [warning('', 'params/no-schemas',
        `no WorkflowTemplate in the validated files carries a ${PARAMETER_SCHEMA_ANNOTATION} annotation, so ${file} was not checked`,
        'validate the synthesized output (kfops synth writes the annotation) together with --params')] };
    }
    return { file, violations: validateParamsFile(file, text, schemasForParamsFile(absolute, found)) };
  });
}

/** What {@link validateObjects} validates with. */
export interface ValidateObjectsOptions {
  /** schema validation; without it only the semantic checks run */
  readonly schemas?: SchemaSource;
  readonly constructPaths?: ConstructPaths;
  readonly onProgress?: (done: number, total: number) => void;
  /** the Argo Workflows version the cluster runs (`'4.1'`), for rules only some versions enforce */
  readonly argoVersion?: string;
  /** the Training Operator release validated against (`'1.9'`) @default - the newest rules */
  readonly trainingOperatorVersion?: string;
  /** how the run's kustomizations use files (patches, inputs), read once per folder for whoever else asks @default - a new one */
  readonly fileUses?: KustomizeFileUses;
}

/**
 * Validates loaded objects: one result per object, clean ones included. CRDs among them are registered first,
 * so custom resources in the same bundle validate against them.
 */
export function validateObjects(objects: readonly ManifestObject[], options: ValidateObjectsOptions = {}): ObjectResult[] {
  const { schemas, constructPaths } = options;
  const fileUses = options.fileUses ?? new KustomizeFileUses();
  const kustomizations = objects.map((o) => isKustomization(o.file, o.object));
  // kustomize reads only the first document of a kustomization file, as YAML-to-JSON converts one.
  const firstDocuments = firstOfEachFile(objects, (i) => kustomizations[i]);
  const uses = objects.map((o, i) => (kustomizations[i] ? undefined : fileUses.useOf(o.absolutePath)));
  const unused = objects.map((o, i) => !kustomizations[i] && !uses[i] && fileUses.isUnused(o.absolutePath));
  const kustomizationDirs = objects.filter((_, i) => kustomizations[i]).map((o) => path.dirname(o.absolutePath));
  const crdProblems = new Map<ManifestObject, Violation>();
  if (schemas) {
    objects.forEach((loaded, i) => {
      // A CRD patch (kubebuilder's webhook_in_*.yaml) or a CRD file no build uses defines no kinds.
      if (loaded.object.kind !== 'CustomResourceDefinition' || (uses[i] && uses[i]!.kind !== 'resource') || unused[i]) return;
      try {
        schemas.registerCrd(loaded.object, sourceText(loaded));
      } catch (err) {
        if (!isUserError(err)) throw err;
        crdProblems.set(loaded, error('spec', 'crd/invalid', err.message, 'fix the CRD so its kinds can be validated'));
      }
    });
  }
  // An unused file is one finding, on its first object, however many it holds (a List, several documents).
  const firstUnused = firstOfEachFile(objects, (i) => unused[i]);
  // A patch is a part of the resource it patches, merged in by kustomize, an input is data, and a file its folder's
  // kustomization does not use is never applied: none is an object the others can meet.
  const index = new ObjectIndex(objects.filter((_, i) => (uses[i] === undefined || uses[i]!.kind === 'resource') && !unused[i]).map((o) => o.object));
  const patches = new ObjectIndex(objects.filter((_, i) => uses[i]?.kind === 'patch').map((o) => o.object));
  const loadedOf = new Map(objects.map((o) => [o.object, o]));
  const context = {
    index, patches, schemas, argoVersion: options.argoVersion, trainingOperatorVersion: options.trainingOperatorVersion,
    sourceOf: (o: KubeObject) => { const loaded = loadedOf.get(o); return loaded && sourceText(loaded); },
    fileOf: (o: KubeObject) => loadedOf.get(o)?.file,
  };
  const results: ObjectResult[] = [];
  const texts = new ViolationTexts();
  objects.forEach((loaded, i) => {
    const { object } = loaded;
    const violations: Violation[] = [];
    const crdProblem = crdProblems.get(loaded);
    if (crdProblem) violations.push(crdProblem);
    const use = uses[i];
    if (kustomizations[i]) {
      if (firstDocuments.get(loaded.absolutePath) === loaded) for (const v of checkKustomization(object, loaded.absolutePath)) violations.push(v);
      else violations.push(laterKustomizationDocument());
    } else if (use && use.kind !== 'resource') {
      // An input (a generator's data, a transformer's config) is no object: nothing of it is checked here.
      if (use.kind === 'patch') for (const v of checkPatch(object, use)) violations.push(v);
    } else if (unused[i]) {
      if (firstUnused.get(loaded.absolutePath) === loaded) violations.push(fileUses.unusedWarning(loaded.absolutePath)!);
    } else if (typeof object.apiVersion !== 'string' || object.apiVersion === '' || typeof object.kind !== 'string' || object.kind === '') {
      violations.push(error(typeof object.apiVersion !== 'string' || object.apiVersion === '' ? 'apiVersion' : 'kind', 'input/missing-type',
        'the object has no apiVersion or kind, so nothing knows what it is', 'set apiVersion and kind, e.g. apiVersion: apps/v1, kind: Deployment'));
    } else {
      if (schemas) {
        for (const v of schemas.validate(object)) violations.push(ofSeverity(v.severity, v.path, v.rule, v.message, v.fix));
      }
      // Appended one by one: a spread of a check's findings would overflow the stack on a hostile object with 100,000s.
      for (const check of CHECKS) for (const v of check(object, context)) violations.push(v);
      // What the kustomize build of its folder resolves (a selector its labels create) is no finding.
      if (use) removeWhere(violations, (v) => fileUses.resolvedByBuild(object, use, v, index, kustomizationDirs));
    }
    results.push(objectResult(loaded, constructPaths?.lookup(loaded.absolutePath, object), texts.keep(violations)));
    options.onProgress?.(i + 1, objects.length);
  });
  return results;
}

/** The first object of each file among those `keep` takes (by index), by absolute path. */
function firstOfEachFile(objects: readonly ManifestObject[], keep: (index: number) => boolean): Map<string, ManifestObject> {
  const first = new Map<string, ManifestObject>();
  objects.forEach((o, i) => {
    if (keep(i) && !first.has(o.absolutePath)) first.set(o.absolutePath, o);
  });
  return first;
}

function removeWhere<T>(list: T[], drop: (item: T) => boolean): void {
  let kept = 0;
  for (const item of list) if (!drop(item)) list[kept++] = item;
  list.length = kept;
}

/** Where an object was read from, as messages name it: `dist/a.yaml`, or `dist/a.yaml:12` in a file of several documents. */
function sourceText(loaded: ManifestObject): string {
  return loaded.line !== undefined ? `${loaded.file}:${loaded.line}` : loaded.file;
}

/** `metadata.name`, or `generateName*` for objects named at creation (Argo Workflows). */
function displayName(object: KubeObject): string | undefined {
  const name = nameOf(object);
  if (name !== undefined) return name;
  const generateName = isRecord(object.metadata) ? object.metadata.generateName : undefined;
  return typeof generateName === 'string' ? `${generateName}*` : undefined;
}

/** Sorts by file, then line, keeping file-level problems first; stable, so the output is the same every run. */
export function sortResults(results: readonly ObjectResult[]): ObjectResult[] {
  return [...results].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : (a.line ?? 0) - (b.line ?? 0)));
}

/** An object's result, with only the fields it has (in the order the JSON report prints them). */
function objectResult(loaded: ManifestObject, constructPath: string | undefined, violations: Violation[]): ObjectResult {
  const { object } = loaded;
  // Built field by field, not by filtering a full object: a run may hold hundreds of thousands of objects.
  const result = { file: loaded.file } as { -readonly [K in keyof ObjectResult]: ObjectResult[K] };
  if (loaded.line !== undefined) result.line = loaded.line;
  if (typeof object.apiVersion === 'string') result.apiVersion = object.apiVersion;
  if (typeof object.kind === 'string') result.kind = object.kind;
  const namespace = namespaceOf(object);
  if (namespace !== undefined) result.namespace = namespace;
  const name = displayName(object);
  if (name !== undefined) result.name = name;
  if (constructPath !== undefined) result.constructPath = constructPath;
  result.violations = violations;
  return result;
}
