import * as path from 'path';
import { isKustomizationFile, KUSTOMIZATION_FILE_NAMES } from '../../../layout';
import { KubeObject } from '../../object-index';
import { error, ObjectResult, Severity, Violation, warning } from '../../violation';
import { decodeKustomization } from './kustomization-fields';
import { checkGenerators, generatorPaths } from './kustomization-generators';
import { statOf } from './kustomization-file';
import { checkListedPaths, listedPaths } from './kustomization-paths';
import { checkDuplicateResources } from './kustomization-resources';
import { checkStamps } from './kustomization-stamps';
import { checkPatchEntries, patchPaths } from './kustomize-patches';
import { checkPatchMatches } from './patch-matches';

/** Fields kustomize warns about when it reads them (`Kustomization.CheckDeprecatedFields`), with what replaces each. */
const DEPRECATED_FIELDS: readonly (readonly [string, string])[] = [
  ['bases', 'resources'], ['commonLabels', 'labels'], ['imageTags', 'images'], ['patchesJson6902', 'patches'],
  ['patchesStrategicMerge', 'patches'], ['vars', 'replacements'],
];

const KUSTOMIZATION_API_VERSION = 'kustomize.config.k8s.io/v1beta1';
const COMPONENT_API_VERSION = 'kustomize.config.k8s.io/v1alpha1';

/**
 * A kustomization is no Kubernetes object to apply: it is checked for what makes kustomize refuse to build its
 * folder, and so Argo CD fail to render the application (kustomize v5.5.0, `api/internal/target/kusttarget.go`
 * and what it calls): fields and value types its decoder takes, `kind` and `apiVersion`, what it stamps on every
 * object (namespace, labels, annotations, name affixes) valid for the API server, not empty, the paths
 * it lists (there, in reach of its load restrictor, folders with a kustomization of the right kind, nothing listed
 * twice), patch entries and what they patch, and generators. Remote resources are not fetched.
 *
 * @param file the kustomization file's absolute path, to resolve the listed paths against
 */
export function checkKustomization(object: KubeObject, file: string): Violation[] {
  const dir = path.dirname(file);
  // An object of kind Kustomization in a file of another name is no kustomization kustomize reads: only its paths are checked.
  if (!isKustomizationFile(file)) return checkListedPaths(listedPaths(object), dir);
  const { value, violations: decoding } = decodeKustomization(object);
  const violations = [...decoding, ...typeMetaRules(value), ...deprecatedFields(value), ...helmCharts(value), ...checkStamps(value), ...otherKustomizationFiles(file)];
  // Only a kustomization kustomize could read is empty; one with a field it refuses is reported for that field.
  if (decoding.length === 0 && isEmpty(value)) violations.push(emptyKustomization(path.basename(file)));
  const found = [
    checkListedPaths([...listedPaths(value), ...patchPaths(value), ...generatorPaths(value)], dir), checkDuplicateResources(value, dir),
    checkPatchEntries(value, dir), checkPatchMatches(value, dir), checkGenerators(value),
  ];
  // Appended one by one: a spread of a list of 100,000s of entries would overflow the stack.
  for (const each of found) for (const v of each) violations.push(v);
  return violations;
}

/**
 * The warning for a file in a folder whose kustomization uses it in no way: kustomize, and so Argo CD, builds the
 * folder without it, so it is never applied (and is not checked as an object).
 */
export function unusedByKustomization(entry: string, above?: string): Violation {
  return above === undefined
    ? warning('', 'kustomize/unused-file', `the folder's kustomization does not list ${entry}, so kustomize (and Argo CD) builds the folder without it`,
      'list it under resources in the kustomization to apply it, or remove it')
    : warning('', 'kustomize/unused-file', `the kustomization in ${above} (the nearest above this folder, which has none) does not list ${entry}, so kustomize (and Argo CD) builds without it`,
      `list ${entry} in that kustomization (under resources, or patches for a partial object) to use it, or remove it`);
}

/** The warning for a kustomization file's second document and after, which kustomize never reads. */
export function laterKustomizationDocument(): Violation {
  return warning('', 'kustomize/extra-document', 'kustomize reads only the first document of a kustomization file, so this one is ignored',
    'move what it says into the first document, or remove it');
}

/**
 * Fields that kustomize's `FixKustomization` moves into others (`bases` into `resources`, `imageTags` into `images`,
 * `helmChartInflationGenerator` into `helmCharts`) before it asks whether the kustomization is empty: empty, they
 * leave nothing behind.
 */
const MOVED_FIELDS = new Set(['bases', 'imageTags', 'helmChartInflationGenerator']);

/** kustomize's `CheckEmpty`: every field but kind and apiVersion at Go's zero value (`""`, false, 0, unset). */
function isEmpty(value: Readonly<Record<string, unknown>>): boolean {
  return Object.keys(value).every((key) => {
    const field = value[key];
    return key === 'kind' || key === 'apiVersion' || field === '' || field === false || field === 0
      || (MOVED_FIELDS.has(key) && Array.isArray(field) && field.length === 0);
  });
}

/** kustomize refuses a folder with two kustomization files ("Found multiple kustomization files"). */
function otherKustomizationFiles(file: string): Violation[] {
  const dir = path.dirname(file);
  const others = KUSTOMIZATION_FILE_NAMES.filter((name) => name !== path.basename(file) && statOf(path.join(dir, name))?.isFile());
  if (others.length === 0) return [];
  return [error('', 'kustomize/multiple-files', `the folder also holds ${others.join(' and ')}, so kustomize refuses to build it ("Found multiple kustomization files")`,
    'keep one kustomization file in the folder')];
}

/**
 * The error for a kustomization with nothing in it (or only `kind` and `apiVersion`), a file of comments included:
 * kustomize refuses to build the folder ("kustomization.yaml is empty").
 */
export function emptyKustomization(name: string): Violation {
  return error('', 'kustomize/empty', `${name} is empty, so kustomize refuses to build its folder ("kustomization.yaml is empty")`,
    'list the folder\'s manifests under resources, or remove the file');
}

/**
 * A kustomization file's read problem as kustomize sees it: a key given twice is one it reads anyway, keeping the
 * last value (`Kustomization.Unmarshal` does not decode strictly), so for a kustomization that is a warning, not an
 * error; the file is read so too and checked as such (lib/validate/load.ts). Other problems are kept as they are.
 */
export function asKustomizeReads(problem: ObjectResult): ObjectResult {
  if (!problem.violations.some((v) => v.rule === 'input/duplicate-key')) return problem;
  return {
    ...problem,
    violations: problem.violations.map((v) => (v.rule !== 'input/duplicate-key' ? v : {
      ...v, severity: Severity.WARNING,
      message: `${v.message}; kustomize reads the file anyway and keeps the last value, so the first is lost`,
    })),
  };
}

/**
 * A warning for Helm charts: kustomize inflates them only with `--enable-helm` ("must specify --enable-helm"),
 * which Argo CD passes only when its `kustomize.buildOptions` setting says so.
 */
function helmCharts(value: Readonly<Record<string, unknown>>): Violation[] {
  return ['helmCharts', 'helmChartInflationGenerator'].filter((field) => Array.isArray(value[field]) && value[field].length > 0).map((field) => warning(field,
    'kustomize/helm', `${field} are inflated only when kustomize runs with --enable-helm; without it the build fails ("must specify --enable-helm")`,
    'make sure Argo CD\'s kustomize.buildOptions (argocd-cm) include --enable-helm, or render the chart with an Argo CD Helm source instead'));
}

/** A warning for each deprecated field, as kustomize prints one when it builds the folder. */
function deprecatedFields(value: Readonly<Record<string, unknown>>): Violation[] {
  return DEPRECATED_FIELDS.filter(([field]) => value[field] !== undefined).map(([field, replacement]) => warning(field, 'kustomize/deprecated-field',
    `${field} is deprecated: kustomize warns "'${field}' is deprecated. Please use '${replacement}' instead."`,
    `move the entries to ${replacement} (\`kustomize edit fix\` rewrites the file)`));
}

/** kustomize's `EnforceFields`: kind Kustomization or Component, each with its apiVersion (both may be left out). */
function typeMetaRules(value: Readonly<Record<string, unknown>>): Violation[] {
  const kind = typeof value.kind === 'string' ? value.kind : '';
  const violations: Violation[] = [];
  if (kind !== '' && kind !== 'Kustomization' && kind !== 'Component') {
    violations.push(error('kind', 'kustomize/kind', `kind "${kind}" is neither Kustomization nor Component, so kustomize refuses the file ("kind should be Kustomization or Component")`,
      'set kind: Kustomization (or Component for a component), or leave kind out'));
  }
  const required = kind === 'Component' ? COMPONENT_API_VERSION : KUSTOMIZATION_API_VERSION;
  const apiVersion = typeof value.apiVersion === 'string' ? value.apiVersion : '';
  if (apiVersion !== '' && apiVersion !== required) {
    violations.push(error('apiVersion', 'kustomize/api-version', `apiVersion "${apiVersion}" is not the one for a ${kind === 'Component' ? 'Component' : 'Kustomization'}, so `
      + `kustomize refuses the file ("apiVersion for ${kind} should be ${required}")`, `set apiVersion: ${required}, or leave it out`));
  }
  return violations;
}
