import { Check } from '../../check';
import { isRecord } from '../../object-index';
import { error, Violation, warning } from '../../violation';
import { embeddedManifests, unresolvedPaths } from './embedded-manifests';

/** Actions whose manifest is a whole object; `patch`, `delete` and `get` take partial ones. */
const WHOLE_OBJECT_ACTIONS = new Set(['create', 'apply', 'replace']);

/**
 * A `resource` template's `manifest` parses as YAML after substituting default parameter values and sample
 * globals, and the object validates against its own schema. Values unknown until run time are not judged.
 *
 * @see https://argo-workflows.readthedocs.io/en/latest/walk-through/kubernetes-resources/
 */
export const checkResourceManifests: Check = (object, { index, schemas }) => {
  const violations: Violation[] = [];
  for (const { path, action, mergeStrategy, manifest, parseError } of embeddedManifests(object, index)) {
    if (parseError !== undefined) {
      violations.push(error(path, 'argo/resource-manifest', `the manifest is not valid YAML: ${parseError}`,
        'fix the YAML; check indentation and quote values that start with {{'));
      continue;
    }
    if (action === 'patch' && mergeStrategy === 'json') {
      // A JSON patch (RFC 6902) is a list of operations, applied to the object named by the template's flags.
      if (!Array.isArray(manifest) || !manifest.every((op) => isRecord(op) && typeof op.op === 'string' && typeof op.path === 'string')) {
        violations.push(error(path, 'argo/resource-manifest', 'a JSON patch (mergeStrategy: json) must be a list of operations with op and path',
          'write e.g. "- op: add\n  path: /metadata/labels/x\n  value: y"'));
      }
      continue;
    }
    if (!isRecord(manifest) || typeof manifest.apiVersion !== 'string' || typeof manifest.kind !== 'string') {
      violations.push(error(path, 'argo/resource-manifest', 'the manifest is not a Kubernetes object with apiVersion and kind',
        'write the object to create, with apiVersion, kind and metadata'));
      continue;
    }
    if (!schemas || !WHOLE_OBJECT_ACTIONS.has(action)) continue;
    if (!schemas.has(manifest.apiVersion, manifest.kind)) {
      violations.push(warning(path, 'argo/resource-manifest-schema',
        `no schema for ${manifest.apiVersion} ${manifest.kind}, so the manifest was only parsed`,
        'add its CRD to imports/ or pass it with --crd'));
      continue;
    }
    const found = schemas.validate(manifest);
    if (found.length === 0) continue;
    const unresolved = unresolvedPaths(manifest);
    for (const v of found) {
      if (unresolved.some((p) => v.path === p || v.path.startsWith(`${p}.`) || v.path.startsWith(`${p}[`))) continue;
      violations.push(error(path, 'argo/resource-manifest', `${manifest.kind} manifest, at ${v.path || '(root)'}: ${v.message}`, v.fix));
    }
  }
  return violations;
};
