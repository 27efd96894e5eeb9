import { globalVariables } from '../../../argo-spec/global-variables';
import { hasPlaceholder, placeholder } from '../../../argo-spec/placeholder';
import { placeholdTags, substituteParams, SubstitutionError } from '../../../argo-spec/substitute';
import { isManifestReadError, parseYamlDocuments } from '../../../manifest';
import { isRecord, KubeObject, namespaceOf, ObjectIndex, records } from '../../object-index';
import type { Violation } from '../../violation';
import { joinPath } from './template-tags';
import { workflowSpec, workflowTemplateRefTarget } from './workflow-model';
import { stringMap } from '../../../string-map';

/** A `resource` template's manifest, read with the values known before a run substituted. */
export interface EmbeddedManifest {
  /** JSON path of the `manifest` field */
  readonly path: string;
  /** `create`, `apply`, `replace`, `patch`, `delete`, `get`, after substitution; may hold a placeholder */
  readonly action: string;
  /** `flags` passed to kubectl, which may name the object instead of the manifest (`[pod, my-pod]`) */
  readonly flags: readonly string[];
  /** `strategic` (default), `merge` or `json` (a JSON patch: the manifest is a list of operations) */
  readonly mergeStrategy: string;
  /** the object, when the text parsed to one; strings known only at run time hold placeholders */
  readonly manifest?: unknown;
  /** the YAML error, when it did not parse */
  readonly parseError?: string;
}

/** Actions whose manifest is the whole object kubectl sends; `patch`, `delete` and `get` may take partial ones. */
export const WHOLE_OBJECT_ACTIONS: ReadonlySet<string> = new Set(['create', 'apply', 'replace']);

/** The object a resource template creates (or applies, or replaces), when its manifest parsed to one. */
export function createdObject({ action, manifest }: EmbeddedManifest): KubeObject | undefined {
  return WHOLE_OBJECT_ACTIONS.has(action) && isRecord(manifest) ? manifest : undefined;
}

/**
 * A finding in the object a resource template creates, reported at the template's `manifest` field (where the
 * object is written), with the path inside the manifest in its message.
 */
export function inManifest(manifestPath: string, kind: string, v: Violation): Violation {
  return { path: manifestPath, rule: v.rule, message: `${kind} manifest, at ${v.path || '(root)'}: ${v.message}`, severity: v.severity, ...(v.fix !== undefined && { fix: v.fix }) };
}

const cache = new WeakMap<KubeObject, EmbeddedManifest[]>();

/**
 * The manifests of an Argo workflow's `resource` templates, parsed once per object after Argo's substitution
 * (`SubstituteParams`, the same two passes `kfops preview` runs): the workflow's globals (parameter values, its
 * name when fixed, namespace, ...), then the template's inputs (`value`, else `default`), so an input defaulting to
 * `{{workflow.parameters.n}}` carries the parameter's value. What is known only at run time (`{{workflow.uid}}`,
 * outputs, inputs a caller passes, `{{=...}}`) becomes a placeholder (lib/argo-spec/placeholder.ts).
 */
export function embeddedManifests(object: KubeObject, index: ObjectIndex): EmbeddedManifest[] {
  const cached = cache.get(object);
  if (cached) return cached;
  const found: EmbeddedManifest[] = [];
  const workflow = workflowSpec(object);
  if (workflow) {
    // The globals only when a template has a manifest to substitute: most workflows have none.
    let globals: Map<string, string> | undefined;
    for (const { template, path: templatePath } of workflow.templates) {
      if (!isRecord(template.resource) || typeof template.resource.manifest !== 'string' || template.resource.manifest.trim() === '') continue;
      globals ??= runGlobals(workflow.spec, object, index);
      let resource: Record<string, unknown>;
      try {
        // Only what the resource reads: each tag is replaced on its own, so the rest of the template changes nothing.
        const { inputs, outputs } = withInputValues(template);
        resource = substituteParams({ inputs, outputs, resource: template.resource }, globals).resource as Record<string, unknown>;
      } catch (err) {
        // An unclosed `{{` or a value Argo cannot insert: argo/unclosed-tag and the variable rules report it.
        if (!(err instanceof SubstitutionError)) throw err;
        continue;
      }
      const path = `${templatePath}.resource.manifest`;
      const action = typeof resource.action === 'string' ? placeholdTags(resource.action) : '';
      const flags = Array.isArray(resource.flags) ? resource.flags.map(String) : [];
      const mergeStrategy = typeof resource.mergeStrategy === 'string' ? resource.mergeStrategy : 'strategic';
      found.push({ path, action, flags, mergeStrategy, ...parseManifest(placeholdTags(String(resource.manifest)), path) });
    }
  }
  cache.set(object, found);
  return found;
}

/** The template with each input parameter's value as a lint knows it: `value`, else `default`, else one a caller passes. */
function withInputValues(template: Record<string, unknown>): Record<string, unknown> {
  if (!isRecord(template.inputs)) return template;
  const parameters = records(template.inputs.parameters).map((p) => {
    const value = p.value ?? p.default;
    return { ...p, value: value === undefined || value === null ? placeholder(`inputs.parameters.${String(p.name)}`) : String(value) };
  });
  return { ...template, inputs: { ...template.inputs, parameters } };
}

/** The globals of a run of the workflow, as far as they are known before it is submitted. */
function runGlobals(spec: Record<string, unknown>, owner: KubeObject, index: ObjectIndex): Map<string, string> {
  const parameters = new Map<string, Record<string, unknown>>();
  const ref = workflowTemplateRefTarget(spec, owner, index);
  for (const source of [isRecord(ref) && isRecord(ref.spec) ? ref.spec : {}, spec]) {
    for (const p of isRecord(source.arguments) ? records(source.arguments.parameters) : []) {
      const value = p.value ?? p.default;
      if (typeof p.name === 'string' && value !== undefined && value !== null) parameters.set(p.name, { name: p.name, value: String(value) });
    }
  }
  const metadata = isRecord(owner.metadata) ? owner.metadata : {};
  // A WorkflowTemplate's or CronWorkflow's own labels are not the run's; workflowMetadata's are (globalVariables).
  const own = owner.kind === 'Workflow';
  return globalVariables(spec, {
    ...(own && typeof metadata.name === 'string' && { name: metadata.name }),
    namespace: namespaceOf(owner) ?? 'default',
    labels: own ? stringMap(metadata.labels) : {},
    annotations: own ? stringMap(metadata.annotations) : {},
  }, [...parameters.values()]);
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

/**
 * The violations of a manifest, less those at or under a field whose value is known only at run time (a string that
 * holds a placeholder): a schema cannot judge what is not there yet.
 */
export function withoutRunTimeFields<V extends { readonly path: string }>(violations: readonly V[], manifest: unknown): V[] {
  const unresolved = unresolvedPaths(manifest);
  if (unresolved.length === 0) return [...violations];
  return violations.filter((v) => !unresolved.some((p) => v.path === p || v.path.startsWith(`${p}.`) || v.path.startsWith(`${p}[`)));
}

/** JSON paths of the strings that hold a value unknown until run time. */
function unresolvedPaths(value: unknown, path = '', out: string[] = []): string[] {
  if (typeof value === 'string') {
    if (hasPlaceholder(value)) out.push(path);
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => unresolvedPaths(v, `${path}[${i}]`, out));
  } else if (isRecord(value)) {
    for (const [k, v] of Object.entries(value)) unresolvedPaths(v, joinPath(path, k), out);
  }
  return out;
}
