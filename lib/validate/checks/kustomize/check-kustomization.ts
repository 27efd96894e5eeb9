import * as path from 'path';
import { KubeObject } from '../../object-index';
import { error, ObjectResult, Severity, Violation, warning } from '../../violation';
import { decodeKustomization } from './kustomization-fields';
import { checkGenerators, generatorPaths } from './kustomization-generators';
import { checkListedPaths, listedPaths } from './kustomization-paths';
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
  const { value, violations: decoding } = decodeKustomization(object);
  const violations = [...decoding, ...typeMetaRules(value), ...deprecatedFields(value), ...checkStamps(value)];
  // Only a kustomization kustomize could read is empty; one with a field it refuses is reported for that field.
  if (decoding.length === 0 && Object.keys(value).every((key) => key === 'kind' || key === 'apiVersion')) {
    violations.push(emptyKustomization(path.basename(file)));
  }
  violations.push(...checkListedPaths([...listedPaths(value), ...patchPaths(value), ...generatorPaths(value)], dir));
  violations.push(...checkPatchEntries(value, dir), ...checkPatchMatches(value, dir), ...checkGenerators(value));
  return violations;
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
 * error. The rest of such a kustomization is not checked, as it is not read. Other problems are kept as they are.
 */
export function asKustomizeReads(problem: ObjectResult): ObjectResult {
  if (!problem.violations.some((v) => v.rule === 'input/duplicate-key')) return problem;
  return {
    ...problem,
    violations: problem.violations.map((v) => (v.rule !== 'input/duplicate-key' ? v : {
      ...v, severity: Severity.WARNING,
      message: `${v.message}; kustomize reads the file anyway and keeps the last value, so the first is lost (kfops checks the rest only once the key is given once)`,
    })),
  };
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
