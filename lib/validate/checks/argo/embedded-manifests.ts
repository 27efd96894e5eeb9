import { isManifestReadError, parseYamlDocuments } from '../../../manifest';
import { isRecord, KubeObject, namespaceOf, ObjectIndex, records } from '../../object-index';
import { joinPath } from './template-tags';
import { workflowModel, workflowTemplateRefTarget } from './workflow-model';

/** What `{{workflow.*}}` becomes when a manifest is read before any run exists. */
const SAMPLE_GLOBALS: Readonly<Record<string, string>> = {
  'workflow.name': 'sample-workflow-x7k2p',
  'workflow.uid': '00000000-0000-4000-8000-000000000000',
  'workflow.serviceAccountName': 'default',
  'workflow.creationTimestamp': '2024-01-01T00:00:00Z',
  'workflow.mainEntrypoint': 'main',
};

/** Stands for a value unknown until run time; checks treat it as "could be anything". */
export const UNRESOLVED = 'kfops-unresolved-value';

/** A `resource` template's manifest, read with default parameter values substituted. */
export interface EmbeddedManifest {
  /** JSON path of the `manifest` field */
  readonly path: string;
  /** `create`, `apply`, `replace`, `patch`, `delete`, `get`, after substituting known values; may hold {@link UNRESOLVED} */
  readonly action: string;
  /** `flags` passed to kubectl, which may name the object instead of the manifest (`[pod, my-pod]`) */
  readonly flags: readonly string[];
  /** `strategic` (default), `merge` or `json` (a JSON patch: the manifest is a list of operations) */
  readonly mergeStrategy: string;
  /** the object, when the text parsed to one */
  readonly manifest?: unknown;
  /** the YAML error, when it did not parse */
  readonly parseError?: string;
}

const cache = new WeakMap<KubeObject, EmbeddedManifest[]>();

/**
 * The manifests of an Argo workflow's `resource` templates, parsed once per object after substituting workflow
 * parameter values, template input defaults and sample globals (`{{workflow.name}}`); anything else becomes
 * {@link UNRESOLVED}.
 */
export function embeddedManifests(object: KubeObject, index: ObjectIndex): EmbeddedManifest[] {
  const cached = cache.get(object);
  if (cached) return cached;
  const found: EmbeddedManifest[] = [];
  const model = workflowModel(object, index);
  if (model) {
    const workflowValues = workflowParameterValues(model.spec, object, index);
    workflowValues.set('workflow.namespace', namespaceOf(object) ?? 'default');
    for (const { template, path: templatePath } of model.templates) {
      const resource = template.resource;
      if (!isRecord(resource) || typeof resource.manifest !== 'string' || resource.manifest.trim() === '') continue;
      const values = new Map(workflowValues);
      for (const input of isRecord(template.inputs) ? records(template.inputs.parameters) : []) {
        const value = input.value ?? input.default;
        if (typeof input.name === 'string' && value !== undefined) values.set(`inputs.parameters.${input.name}`, String(value));
      }
      const substitute = (text: string) => text.replace(/\{\{([^{}]*)\}\}/g, (_, tag: string) => values.get(tag.trim()) ?? UNRESOLVED);
      const text = substitute(resource.manifest);
      const path = `${templatePath}.resource.manifest`;
      const action = typeof resource.action === 'string' ? substitute(resource.action) : '';
      const flags = Array.isArray(resource.flags) ? resource.flags.map(String) : [];
      const mergeStrategy = typeof resource.mergeStrategy === 'string' ? resource.mergeStrategy : 'strategic';
      found.push({ path, action, flags, mergeStrategy, ...parseManifest(text, path) });
    }
  }
  cache.set(object, found);
  return found;
}

const PARSE_CACHE_SIZE = 2_000;
const parsedTexts = new Map<string, { manifest?: unknown; parseError?: string }>();

/**
 * A manifest text parsed, or why it does not parse. Results are cached by text, since the same pipeline in several
 * environments embeds the same manifests; checks only read them.
 */
function parseManifest(text: string, path: string): { manifest?: unknown; parseError?: string } {
  let result = parsedTexts.get(text);
  if (!result) {
    try {
      result = { manifest: parseYamlDocuments(text, path)[0] ?? null };
    } catch (err) {
      if (!isManifestReadError(err)) throw err;
      result = { parseError: err.statement };
    }
    if (parsedTexts.size >= PARSE_CACHE_SIZE) parsedTexts.clear();
    parsedTexts.set(text, result);
  }
  return result;
}

function workflowParameterValues(spec: Record<string, unknown>, owner: KubeObject, index: ObjectIndex): Map<string, string> {
  const values = new Map(Object.entries(SAMPLE_GLOBALS));
  const ref = workflowTemplateRefTarget(spec, owner, index);
  for (const source of [isRecord(ref) && isRecord(ref.spec) ? ref.spec : {}, spec]) {
    for (const p of isRecord(source.arguments) ? records(source.arguments.parameters) : []) {
      const value = p.value ?? p.default;
      if (typeof p.name === 'string' && value !== undefined) values.set(`workflow.parameters.${p.name}`, String(value));
    }
  }
  return values;
}

/** JSON paths of the strings that hold a value unknown until run time. */
export function unresolvedPaths(value: unknown, path = '', out: string[] = []): string[] {
  if (typeof value === 'string') {
    if (value.includes(UNRESOLVED)) out.push(path);
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => unresolvedPaths(v, `${path}[${i}]`, out));
  } else if (isRecord(value)) {
    for (const [k, v] of Object.entries(value)) unresolvedPaths(v, joinPath(path, k), out);
  }
  return out;
}
