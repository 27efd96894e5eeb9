import { CheckContext } from '../../check';
import { isRecord, KubeObject } from '../../object-index';
import { error, ofSeverity, Violation, warning } from '../../violation';
import { hasPlaceholder } from '../../../argo-spec/placeholder';
import { isTfJob, tfJobAdmission } from '../kubeflow/tfjob-admission';
import { createdObject, embeddedManifests, EmbeddedManifest, inManifest, WHOLE_OBJECT_ACTIONS, withoutRunTimeFields } from './embedded-manifests';

/**
 * A `resource` template's `manifest` parses as YAML after Argo's substitution of what is known before a run
 * (Argo substitutes placeholders and requires valid YAML), and where kubectl reads the object from it
 * (`-f`), it is an object with apiVersion and kind that validates against its own schema. A manifest or action
 * known only at run time (`manifest: "{{inputs.parameters.manifest}}"`) is not judged, nor are values that are.
 *
 * Argo: `validateLeaf` (resource) and the executor's `getKubectlArguments`.
 * @see https://argo-workflows.readthedocs.io/en/latest/walk-through/kubernetes-resources/
 */
export function resourceManifestRules(object: KubeObject, { index, schemas, trainingOperatorVersion }: CheckContext): Violation[] {
  const violations: Violation[] = [];
  for (const embedded of embeddedManifests(object, index)) {
    const { path, action, manifest, parseError } = embedded;
    if (parseError !== undefined) {
      violations.push(error(path, 'argo/resource-manifest', `the manifest is not valid YAML: ${parseError}`,
        'fix the YAML; check indentation and quote values that start with {{'));
      continue;
    }
    // A manifest or action known only at run time (`manifest: "{{inputs.parameters.manifest}}"`) is not judged.
    if ((typeof manifest === 'string' && hasPlaceholder(manifest)) || hasPlaceholder(action)) continue;
    const shape = shapeProblem(embedded);
    if (shape) {
      violations.push(shape);
      continue;
    }
    const created = createdObject(embedded);
    if (!created) continue;
    const { apiVersion, kind } = created as { apiVersion: string; kind: string };
    // The kind's validating webhook refuses these on create or apply, so the step creating the TFJob fails. The
    // API server's own rules (pod specs, ...) are checkKubernetesNative's, which reads created objects too.
    if (isTfJob(created)) {
      for (const v of withoutRunTimeFields(tfJobAdmission(created, trainingOperatorVersion), created)) violations.push(inManifest(path, kind, v));
    }
    if (!schemas) continue;
    if (!schemas.has(apiVersion, kind)) {
      violations.push(warning(path, 'argo/resource-manifest-schema', `no schema for ${apiVersion} ${kind}, so the manifest was only parsed`,
        'add its CRD to imports/ or pass it with --crd'));
      continue;
    }
    for (const v of withoutRunTimeFields(schemas.validate(created), created)) {
      violations.push(inManifest(path, kind, ofSeverity(v.severity, v.path, 'argo/resource-manifest', v.message, v.fix ?? MANIFEST_FIX)));
    }
  }
  return violations;
}

/** The fix of a schema violation that has none of its own: manifests are YAML read after substitution. */
const MANIFEST_FIX = 'correct the field in the manifest; a {{...}} value is read as YAML once substituted, so {{inputs.parameters.n}} '
  + 'unquoted becomes a number and "{{inputs.parameters.n}}" a string';

/** Whether the manifest has the shape kubectl needs for the action, flags and merge strategy. */
function shapeProblem({ path, action, flags, mergeStrategy, manifest }: EmbeddedManifest): Violation | undefined {
  if (action === 'patch' && mergeStrategy === 'json') {
    // A JSON patch (RFC 6902) is a list of operations, applied to the object the flags name.
    if (!Array.isArray(manifest) || !manifest.every((op) => isRecord(op) && typeof op.op === 'string' && typeof op.path === 'string')) {
      return error(path, 'argo/resource-manifest', 'a JSON patch (mergeStrategy: json) must be a list of operations with op and path',
        'write e.g. "- op: add\\n  path: /metadata/labels/x\\n  value: y"');
    }
    return flags.length === 0
      ? error(path, 'argo/resource-manifest', 'a JSON patch does not say which object it patches, and the template has no flags to name it',
        'set flags to the kind and name, e.g. [pod, "{{pod.name}}"]')
      : undefined;
  }
  // With flags naming the object, kubectl patches (or gets, or deletes) it and the manifest may be partial.
  if (flags.length > 0 && !WHOLE_OBJECT_ACTIONS.has(action) && !(isRecord(manifest) && manifest.kind !== undefined)) return undefined;
  if (!isRecord(manifest) || typeof manifest.apiVersion !== 'string' || typeof manifest.kind !== 'string') {
    return error(path, 'argo/resource-manifest', `the manifest is not a Kubernetes object with apiVersion and kind, which kubectl ${action} -f needs`,
      action === 'patch' ? 'add apiVersion, kind and metadata.name, or name the object in flags (e.g. [pod, "{{pod.name}}"])'
        : 'write the object with apiVersion, kind and metadata');
  }
  return undefined;
}
