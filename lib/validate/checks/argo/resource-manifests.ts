import { parse } from 'yaml';
import { Check } from '../../check';
import { isRecord, KubeObject, namespaceOf, ObjectIndex, records } from '../../object-index';
import { error, Violation, warning } from '../../violation';
import { argoSpecOf, templatesOf, workflowTemplateRefTarget } from './argo-spec';
import { joinPath } from './template-tags';

/** What `{{workflow.*}}` becomes when a manifest is checked before any run exists. */
const SAMPLE_GLOBALS: Readonly<Record<string, string>> = {
  'workflow.name': 'sample-workflow-x7k2p',
  'workflow.uid': '00000000-0000-4000-8000-000000000000',
  'workflow.serviceAccountName': 'default',
  'workflow.creationTimestamp': '2024-01-01T00:00:00Z',
  'workflow.mainEntrypoint': 'main',
};

/** Marks a value that stays unknown until run time; violations at such values are not the author's fault. */
const UNRESOLVED = 'kfops-unresolved-value';

/** Actions whose manifest is a whole object; `patch`, `delete` and `get` take partial ones. */
const WHOLE_OBJECT_ACTIONS = new Set(['create', 'apply', 'replace']);

/**
 * A `resource` template's `manifest` parses as YAML after substituting default parameter values and sample
 * globals, and the object validates against its own schema.
 *
 * @see https://argo-workflows.readthedocs.io/en/latest/walk-through/kubernetes-resources/
 */
export const checkResourceManifests: Check = (object, { index, schemas }) => {
  const argo = argoSpecOf(object);
  if (!argo) return [];
  const violations: Violation[] = [];
  const workflowValues = workflowParameterValues(argo.spec, object, index);
  for (const { template, index: i } of templatesOf(argo.spec)) {
    const resource = template.resource;
    if (!isRecord(resource) || typeof resource.manifest !== 'string') continue;
    const path = `${argo.path}.templates[${i}].resource.manifest`;
    const values = new Map(workflowValues);
    values.set('workflow.namespace', namespaceOf(object) ?? 'default');
    for (const input of isRecord(template.inputs) ? records(template.inputs.parameters) : []) {
      const value = input.value ?? input.default;
      if (typeof input.name === 'string' && value !== undefined) values.set(`inputs.parameters.${input.name}`, String(value));
    }
    const text = resource.manifest.replace(/\{\{([^{}]*)\}\}/g, (_, tag: string) => values.get(tag.trim()) ?? UNRESOLVED);
    let manifest: unknown;
    try {
      manifest = parse(text, { maxAliasCount: 100 });
    } catch (err) {
      violations.push(error(path, 'argo/resource-manifest', `the manifest is not valid YAML: ${(err as Error).message.split('\n')[0]}`,
        'fix the YAML; check indentation and quote values that start with {{'));
      continue;
    }
    if (!isRecord(manifest) || typeof manifest.apiVersion !== 'string' || typeof manifest.kind !== 'string') {
      violations.push(error(path, 'argo/resource-manifest', 'the manifest is not a Kubernetes object with apiVersion and kind',
        'write the object to create, with apiVersion, kind and metadata'));
      continue;
    }
    const action = typeof resource.action === 'string' ? resource.action : '';
    if (!schemas || !WHOLE_OBJECT_ACTIONS.has(action)) continue;
    if (!schemas.has(manifest.apiVersion, manifest.kind)) {
      violations.push(warning(path, 'argo/resource-manifest-schema',
        `no schema for ${manifest.apiVersion} ${manifest.kind}, so the manifest was only parsed`,
        'add its CRD to imports/ or pass it with --crd'));
      continue;
    }
    const unresolved = unresolvedPaths(manifest);
    for (const v of schemas.validate(manifest)) {
      if (unresolved.some((p) => v.path === p || v.path.startsWith(`${p}.`) || v.path.startsWith(`${p}[`))) continue;
      violations.push({
        ...error(path, `argo/resource-manifest`, `${manifest.kind} manifest, at ${v.path || '(root)'}: ${v.message}`, v.fix),
      });
    }
  }
  return violations;
};

function workflowParameterValues(spec: Record<string, unknown>, owner: KubeObject, index: ObjectIndex): Map<string, string> {
  const values = new Map(Object.entries(SAMPLE_GLOBALS));
  const ref = workflowTemplateRefTarget(spec, owner, index);
  const sources = [isRecord(ref) && isRecord(ref.spec) ? ref.spec : {}, spec];
  for (const source of sources) {
    for (const p of isRecord(source.arguments) ? records(source.arguments.parameters) : []) {
      const value = p.value ?? p.default;
      if (typeof p.name === 'string' && value !== undefined) values.set(`workflow.parameters.${p.name}`, String(value));
    }
  }
  return values;
}

/** JSON paths of the strings that hold a value unknown until run time. */
function unresolvedPaths(value: unknown, path = '', out: string[] = []): string[] {
  if (typeof value === 'string') {
    if (value.includes(UNRESOLVED)) out.push(path);
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => unresolvedPaths(v, `${path}[${i}]`, out));
  } else if (isRecord(value)) {
    for (const [k, v] of Object.entries(value)) unresolvedPaths(v, joinPath(path, k), out);
  }
  return out;
}
