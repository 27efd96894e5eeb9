import { isRecord, KubeObject, namespaceOf, ObjectIndex, records } from '../../object-index';

/** The Argo kinds whose spec holds templates. */
export const ARGO_WORKFLOW_KINDS = new Set(['Workflow', 'WorkflowTemplate', 'ClusterWorkflowTemplate', 'CronWorkflow']);

/**
 * The template types; a template sets exactly one.
 * @see https://argo-workflows.readthedocs.io/en/latest/fields/#template
 */
export const TEMPLATE_TYPES = ['container', 'script', 'resource', 'dag', 'steps', 'suspend', 'http', 'plugin', 'containerSet', 'data'] as const;

/** Template types whose node has `outputs.result` and `exitCode` (Argo's `Template.HasOutput`). */
export const RESULT_TYPES = new Set(['container', 'script', 'containerSet', 'data', 'http', 'plugin']);

/** A workflow spec and where it sits in its object. */
export interface ArgoSpec {
  readonly spec: Record<string, unknown>;
  /** JSON path of the spec: `spec`, or `spec.workflowSpec` for a CronWorkflow */
  readonly path: string;
  readonly kind: string;
}

/** The workflow spec of an Argo object, or undefined for other kinds and malformed specs. */
export function argoSpecOf(object: KubeObject): ArgoSpec | undefined {
  const kind = object.kind;
  if (typeof kind !== 'string' || !ARGO_WORKFLOW_KINDS.has(kind)) return undefined;
  if (typeof object.apiVersion !== 'string' || !object.apiVersion.startsWith('argoproj.io/')) return undefined;
  const spec = object.spec;
  if (!isRecord(spec)) return undefined;
  if (kind === 'CronWorkflow') {
    return isRecord(spec.workflowSpec) ? { spec: spec.workflowSpec, path: 'spec.workflowSpec', kind } : undefined;
  }
  return { spec, path: 'spec', kind };
}

/** The templates of a spec with their index, skipping non-objects. */
export function templatesOf(spec: Record<string, unknown>): { template: Record<string, unknown>; index: number }[] {
  const list = Array.isArray(spec.templates) ? spec.templates : [];
  const found: { template: Record<string, unknown>; index: number }[] = [];
  list.forEach((template, index) => {
    if (isRecord(template)) found.push({ template, index });
  });
  return found;
}

/** Templates by name; the first wins when names repeat (the duplicate is reported separately). */
export function templatesByName(spec: Record<string, unknown>): Map<string, Record<string, unknown>> {
  const map = new Map<string, Record<string, unknown>>();
  for (const { template } of templatesOf(spec)) {
    if (typeof template.name === 'string' && !map.has(template.name)) map.set(template.name, template);
  }
  return map;
}

/** The template types a template sets. */
export function templateTypes(template: Record<string, unknown>): string[] {
  return TEMPLATE_TYPES.filter((t) => template[t] !== undefined && template[t] !== null);
}

/** The names of a list of `{name: ...}` entries (parameters, artifacts, tasks). */
export function namesOf(value: unknown): string[] {
  return records(value).map((r) => r.name).filter((n): n is string => typeof n === 'string');
}

/** A DAG task or a step with where it sits. */
export interface Invocation {
  readonly node: Record<string, unknown>;
  readonly path: string;
  readonly name?: string;
}

/** The tasks of a DAG template. */
export function dagTasks(template: Record<string, unknown>, templatePath: string): Invocation[] {
  if (!isRecord(template.dag)) return [];
  return records(template.dag.tasks).map((node, i) => ({
    node, path: `${templatePath}.dag.tasks[${i}]`, name: typeof node.name === 'string' ? node.name : undefined,
  }));
}

/** The step groups of a steps template: each group runs in parallel, groups run in order. */
export function stepGroups(template: Record<string, unknown>, templatePath: string): Invocation[][] {
  if (!Array.isArray(template.steps)) return [];
  return template.steps.map((group, g) => {
    // A group is a list of steps; tolerate a bare step where a one-step group was meant.
    const steps = Array.isArray(group) ? group : [group];
    return steps.filter(isRecord).map((node, s) => ({
      node,
      path: Array.isArray(group) ? `${templatePath}.steps[${g}][${s}]` : `${templatePath}.steps[${g}]`,
      name: typeof node.name === 'string' ? node.name : undefined,
    }));
  });
}

/** Where a task or step takes its template from, once resolved against the input. */
export type TemplateTarget =
  | { readonly kind: 'found'; readonly template: Record<string, unknown> }
  | { readonly kind: 'missing-local'; readonly name: string }
  | { readonly kind: 'missing-in-ref'; readonly refName: string; readonly template: string; readonly known: string[] }
  | { readonly kind: 'external'; readonly refName: string; readonly clusterScope: boolean }
  | { readonly kind: 'none' };

/**
 * Resolves the template a task, step or hook calls: `template` (local), `templateRef` (another
 * WorkflowTemplate, looked up in the input) or `inline`.
 */
export function resolveTarget(
  node: Record<string, unknown>, local: Map<string, Record<string, unknown>>, owner: KubeObject, index: ObjectIndex,
): TemplateTarget {
  if (isRecord(node.inline)) return { kind: 'found', template: node.inline };
  if (typeof node.template === 'string') {
    const template = local.get(node.template);
    return template ? { kind: 'found', template } : { kind: 'missing-local', name: node.template };
  }
  const ref = node.templateRef;
  if (isRecord(ref) && typeof ref.name === 'string' && typeof ref.template === 'string') {
    const clusterScope = ref.clusterScope === true;
    const target = clusterScope
      ? index.ofKind('ClusterWorkflowTemplate').find((o) => isRecord(o.metadata) && o.metadata.name === ref.name)
      : index.find('WorkflowTemplate', ref.name, namespaceOf(owner));
    if (!target || !isRecord(target.spec)) return { kind: 'external', refName: ref.name, clusterScope };
    const templates = templatesByName(target.spec);
    const template = templates.get(ref.template);
    return template
      ? { kind: 'found', template }
      : { kind: 'missing-in-ref', refName: ref.name, template: ref.template, known: [...templates.keys()] };
  }
  return { kind: 'none' };
}

/**
 * The WorkflowTemplate a Workflow or CronWorkflow runs through `workflowTemplateRef`: the object when the input
 * holds it, `'external'` when it does not, undefined without a ref.
 */
export function workflowTemplateRefTarget(
  spec: Record<string, unknown>, owner: KubeObject, index: ObjectIndex,
): KubeObject | 'external' | undefined {
  const ref = spec.workflowTemplateRef;
  if (!isRecord(ref) || typeof ref.name !== 'string') return undefined;
  const found = ref.clusterScope === true
    ? index.ofKind('ClusterWorkflowTemplate').find((o) => isRecord(o.metadata) && o.metadata.name === ref.name)
    : index.find('WorkflowTemplate', ref.name, namespaceOf(owner));
  return found ?? 'external';
}
