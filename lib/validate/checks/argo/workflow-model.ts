import { isRecord, KubeObject, namespaceOf, ObjectIndex, records } from '../../object-index';

/** The Argo kinds whose spec holds templates. */
export const ARGO_WORKFLOW_KINDS = new Set(['Workflow', 'WorkflowTemplate', 'ClusterWorkflowTemplate', 'CronWorkflow']);

/**
 * The template types; a template sets exactly one.
 * @see https://argo-workflows.readthedocs.io/en/latest/fields/#template
 */
export const TEMPLATE_TYPES = ['container', 'containerSet', 'steps', 'script', 'resource', 'dag', 'suspend', 'data', 'http', 'plugin'] as const;

/** One of {@link TEMPLATE_TYPES}. */
export type TemplateType = (typeof TEMPLATE_TYPES)[number];

/** Types that run a pod of their own (Argo's `Template.IsPodType`). */
const POD_TYPES = new Set<string>(['container', 'containerSet', 'script', 'resource', 'data']);
/** Types that do work themselves rather than call other templates (Argo's `Template.IsLeaf`). */
const LEAF_TYPES = new Set<string>([...POD_TYPES, 'http', 'plugin']);

/**
 * How an object is validated, as Argo does it:
 * - `submission`: a Workflow or CronWorkflow, checked the way the Argo server checks a submission;
 * - `template`: a WorkflowTemplate or ClusterWorkflowTemplate, checked the way `argo template lint` does, so
 *   workflow parameters without values, or not declared at all, may be supplied by the Workflow that runs it.
 */
export type ValidationMode = 'submission' | 'template';

/** A template of the workflow, with what kind of template it is. */
export interface TemplateInfo {
  readonly template: Record<string, unknown>;
  /** JSON path of the template in the object */
  readonly path: string;
  readonly name?: string;
  /** the types it sets; exactly one in a valid template */
  readonly types: readonly TemplateType[];
  /** the type, when exactly one is set */
  readonly type?: TemplateType;
  /** does the work itself (container, script, resource, ...), as opposed to steps, dag and suspend */
  readonly leaf: boolean;
  /** runs a pod of its own, so `{{pod.name}}` means something */
  readonly pod: boolean;
  /** has `outputs.result` and `exitCode` (Argo's `Template.HasOutput`) */
  readonly hasResult: boolean;
}

/** Describes a template found at `path`. */
export function templateInfo(template: Record<string, unknown>, path: string): TemplateInfo {
  const types = TEMPLATE_TYPES.filter((t) => template[t] !== undefined && template[t] !== null);
  const type = types.length === 1 ? types[0] : undefined;
  const name = typeof template.name === 'string' ? template.name : undefined;
  const hasResult = type !== undefined && (['container', 'script', 'data', 'http', 'plugin'].includes(type)
    || (type === 'containerSet' && containerNames(template).includes('main')));
  return { template, path, name, types, type, leaf: type !== undefined && LEAF_TYPES.has(type), pod: type !== undefined && POD_TYPES.has(type), hasResult };
}

/** The names of a containerSet template's containers. */
export function containerNames(template: Record<string, unknown>): string[] {
  return isRecord(template.containerSet) ? namesOf(template.containerSet.containers) : [];
}

/** A template as messages name it: `template "train"`, or by position when it has no name. */
export function templateLabel(info: TemplateInfo): string {
  return info.name !== undefined ? `template "${info.name}"` : `the template at ${info.path}`;
}

/** Another object as messages name it: `WorkflowTemplate "lib"`. */
export function describeObject(object: KubeObject): string {
  const name = isRecord(object.metadata) ? object.metadata.name : undefined;
  return `${String(object.kind)} "${typeof name === 'string' ? name : '?'}"`;
}

/** The names of a list of `{name: ...}` entries (parameters, artifacts, tasks). */
export function namesOf(value: unknown): string[] {
  return records(value).map((r) => r.name).filter((n): n is string => typeof n === 'string');
}

/** A DAG task, a step or a hook: something that calls a template. */
export interface Invocation {
  readonly node: Record<string, unknown>;
  readonly path: string;
  readonly name?: string;
}

const NONE: readonly never[] = [];
// By template info, not by template: they die with the model that made the info (see workflowModel).
const taskCache = new WeakMap<TemplateInfo, Invocation[]>();
const stepCache = new WeakMap<TemplateInfo, Invocation[][]>();
const callCache = new WeakMap<TemplateInfo, readonly Invocation[]>();

/** The tasks of a DAG template (computed once per template). */
export function dagTasks(info: TemplateInfo): readonly Invocation[] {
  const dag = info.template.dag;
  if (!isRecord(dag) || !Array.isArray(dag.tasks)) return NONE;
  let tasks = taskCache.get(info);
  if (!tasks) {
    tasks = records(dag.tasks).map((node, i) => ({ node, path: `${info.path}.dag.tasks[${i}]`, name: typeof node.name === 'string' ? node.name : undefined }));
    taskCache.set(info, tasks);
  }
  return tasks;
}

/** The step groups of a steps template: each group runs in parallel, groups run in order (computed once per template). */
export function stepGroups(info: TemplateInfo): readonly (readonly Invocation[])[] {
  const steps = info.template.steps;
  if (!Array.isArray(steps)) return NONE;
  let groups = stepCache.get(info);
  if (!groups) {
    groups = steps.map((group, g) => {
      // A group is a list of steps; tolerate a bare step where a one-step group was meant.
      const members = Array.isArray(group) ? group : [group];
      return members.filter(isRecord).map((node, s) => ({
        node, path: Array.isArray(group) ? `${info.path}.steps[${g}][${s}]` : `${info.path}.steps[${g}]`,
        name: typeof node.name === 'string' ? node.name : undefined,
      }));
    });
    stepCache.set(info, groups);
  }
  return groups;
}

/** The tasks or steps of a template, whichever it has, in order. */
export function callsOf(info: TemplateInfo): readonly Invocation[] {
  if (info.type !== 'dag' && info.type !== 'steps') return NONE;
  let calls = callCache.get(info);
  if (!calls) {
    calls = [...dagTasks(info), ...stepGroups(info).flat()];
    callCache.set(info, calls);
  }
  return calls;
}

/** Where a task, step or hook takes its template from, resolved against the validated objects. */
export type TemplateTarget =
  | { readonly kind: 'found'; readonly info: TemplateInfo; readonly viaRef: boolean }
  | { readonly kind: 'missing-local'; readonly name: string }
  | { readonly kind: 'missing-in-ref'; readonly refName: string; readonly template: string; readonly known: readonly string[] }
  | { readonly kind: 'external'; readonly refName: string; readonly clusterScope: boolean }
  /** the template is named by a `{{...}}` value, so it is known only at run time */
  | { readonly kind: 'runtime' }
  | { readonly kind: 'none' };

/** The workflow spec of an Argo object, and everything the rules need to know about it, computed once. */
export interface WorkflowModel extends WorkflowSpec {
  readonly object: KubeObject;
  readonly mode: ValidationMode;
  /** the spec's own templates by name; the first wins when names repeat (the repeat is reported) */
  readonly local: ReadonlyMap<string, TemplateInfo>;
  /** the WorkflowTemplate a `workflowTemplateRef` runs: the object, `'external'` when not validated with it */
  readonly workflowTemplate?: KubeObject | 'external';
  /** the templates a step, task or the entrypoint may name: the spec's own, then the referenced template's */
  readonly available: ReadonlyMap<string, TemplateInfo>;
  /** the effective entrypoint: the spec's, or the referenced WorkflowTemplate's */
  readonly entrypoint?: string;
  /** the effective exit handler (`onExit`): the spec's, or the referenced WorkflowTemplate's */
  readonly exitHandler?: string;
  /** `templateDefaults` set an image for container or script templates that have none */
  readonly defaultImage: { readonly container: boolean; readonly script: boolean };
  readonly index: ObjectIndex;
  /** resolves what a task, step or hook calls; cached per node */
  target(call: Invocation): TemplateTarget;
  /** the other object a template resolved through a ref belongs to; undefined for the workflow's own */
  templateOwner(info: TemplateInfo): KubeObject | undefined;
}

/**
 * The model last built. The checks of one object ask for it one after another and none needs it once the next
 * object is checked, so it is kept for that object only: kept for the run, with what hangs off it (tasks, graphs),
 * the models of the upstream benchmark set held 19 MB that every collection copied.
 */
let last: { readonly object: KubeObject; readonly index: ObjectIndex; readonly model: WorkflowModel | undefined } | undefined;

/** The model of an Argo workflow object, or undefined for other kinds and malformed specs. Built once per object checked. */
export function workflowModel(object: KubeObject, index: ObjectIndex): WorkflowModel | undefined {
  if (last?.object !== object || last.index !== index) last = { object, index, model: buildModel(object, index) };
  return last.model;
}

/** The workflow spec of an Argo object and its own templates: the part of its model that needs no other object. */
export interface WorkflowSpec {
  readonly kind: string;
  readonly spec: Record<string, unknown>;
  /** JSON path of the spec: `spec`, or `spec.workflowSpec` for a CronWorkflow */
  readonly path: string;
  readonly templates: readonly TemplateInfo[];
}

/**
 * The spec and templates of an Argo workflow object, or undefined for other kinds and malformed specs. Cheaper than
 * {@link workflowModel}, for what looks at every object of the run at once (the objects workflows create).
 */
export function workflowSpec(object: KubeObject): WorkflowSpec | undefined {
  const kind = object.kind;
  if (typeof kind !== 'string' || !ARGO_WORKFLOW_KINDS.has(kind)) return undefined;
  if (typeof object.apiVersion !== 'string' || !object.apiVersion.startsWith('argoproj.io/')) return undefined;
  if (!isRecord(object.spec)) return undefined;
  const cron = kind === 'CronWorkflow';
  const spec = cron ? object.spec.workflowSpec : object.spec;
  if (!isRecord(spec)) return undefined;
  const path = cron ? 'spec.workflowSpec' : 'spec';
  const templates = (Array.isArray(spec.templates) ? spec.templates : [])
    .map((t, i) => (isRecord(t) ? templateInfo(t, `${path}.templates[${i}]`) : undefined))
    .filter((t): t is TemplateInfo => t !== undefined);
  return { kind, spec, path, templates };
}

function buildModel(object: KubeObject, index: ObjectIndex): WorkflowModel | undefined {
  const found = workflowSpec(object);
  if (!found) return undefined;
  const { kind, spec, path, templates } = found;
  const local = byName(templates);
  const workflowTemplate = workflowTemplateRefTarget(spec, object, index);
  const refSpec = isRecord(workflowTemplate) && isRecord(workflowTemplate.spec) ? workflowTemplate.spec : undefined;
  const refTemplates = refSpec ? templatesOfForeign(refSpec) : new Map<string, TemplateInfo>();
  const owners = new WeakMap<Record<string, unknown>, KubeObject>();
  if (isRecord(workflowTemplate)) for (const info of refTemplates.values()) owners.set(info.template, workflowTemplate);
  const available = new Map([...refTemplates, ...local]);
  const own = (field: string) => (typeof spec[field] === 'string' && spec[field] !== '' ? spec[field] as string : undefined);
  const inherited = (field: string) => (refSpec && typeof refSpec[field] === 'string' && refSpec[field] !== '' ? refSpec[field] as string : undefined);
  const defaults = [spec.templateDefaults, refSpec?.templateDefaults].filter(isRecord);
  const hasImage = (type: string) => defaults.some((d) => isRecord(d[type]) && typeof (d[type] as Record<string, unknown>).image === 'string'
    && (d[type] as Record<string, unknown>).image !== '');
  const targets = new WeakMap<Record<string, unknown>, TemplateTarget>();
  const model: WorkflowModel = {
    object, kind, spec, path, templates, local, workflowTemplate, available, index,
    mode: kind === 'WorkflowTemplate' || kind === 'ClusterWorkflowTemplate' ? 'template' : 'submission',
    entrypoint: own('entrypoint') ?? inherited('entrypoint'),
    exitHandler: own('onExit') ?? inherited('onExit'),
    defaultImage: { container: hasImage('container'), script: hasImage('script') },
    target: (call) => {
      let found = targets.get(call.node);
      if (!found) {
        found = resolveTarget(call, model, owners);
        targets.set(call.node, found);
      }
      return found;
    },
    templateOwner: (info) => owners.get(info.template),
  };
  return model;
}

const foreignCache = new WeakMap<Record<string, unknown>, Map<string, TemplateInfo>>();

/** The templates of another object's spec by name, with paths into that object (computed once per spec). */
function templatesOfForeign(spec: Record<string, unknown>): Map<string, TemplateInfo> {
  let found = foreignCache.get(spec);
  if (!found) {
    found = byName((Array.isArray(spec.templates) ? spec.templates : [])
      .map((t, i) => (isRecord(t) ? templateInfo(t, `spec.templates[${i}]`) : undefined))
      .filter((t): t is TemplateInfo => t !== undefined));
    foreignCache.set(spec, found);
  }
  return found;
}

function byName(templates: readonly TemplateInfo[]): Map<string, TemplateInfo> {
  const map = new Map<string, TemplateInfo>();
  for (const t of templates) if (t.name !== undefined && !map.has(t.name)) map.set(t.name, t);
  return map;
}

/**
 * Resolves the template a task, step or hook calls: `inline`, `template` (one of the workflow's) or
 * `templateRef` (a template of another WorkflowTemplate, looked up among the validated objects). A name holding
 * `{{...}}` is resolved by Argo at run time, as is a `templateRef` whose name or template does.
 */
function resolveTarget({ node, path }: Invocation, model: WorkflowModel, owners: WeakMap<Record<string, unknown>, KubeObject>): TemplateTarget {
  if (isRecord(node.inline)) return { kind: 'found', info: templateInfo(node.inline, `${path}.inline`), viaRef: false };
  if (typeof node.template === 'string' && node.template !== '') {
    if (node.template.includes('{{')) return { kind: 'runtime' };
    const info = model.available.get(node.template);
    return info ? { kind: 'found', info, viaRef: !model.local.has(node.template) } : { kind: 'missing-local', name: node.template };
  }
  const ref = node.templateRef;
  if (!isRecord(ref) || typeof ref.name !== 'string' || typeof ref.template !== 'string' || ref.name === '' || ref.template === '') return { kind: 'none' };
  if (ref.name.includes('{{') || ref.template.includes('{{')) return { kind: 'runtime' };
  const clusterScope = ref.clusterScope === true;
  const target = findWorkflowTemplate(ref.name, clusterScope, model.object, model.index);
  if (!target || !isRecord(target.spec)) return { kind: 'external', refName: ref.name, clusterScope };
  const templates = templatesOfForeign(target.spec);
  const info = templates.get(ref.template);
  if (info) owners.set(info.template, target);
  return info
    ? { kind: 'found', info, viaRef: true }
    : { kind: 'missing-in-ref', refName: ref.name, template: ref.template, known: [...templates.keys()] };
}

function findWorkflowTemplate(name: string, clusterScope: boolean, owner: KubeObject, index: ObjectIndex): KubeObject | undefined {
  // A ClusterWorkflowTemplate has no namespace: the first of that name, in input order, whatever the owner's.
  return clusterScope ? index.find('ClusterWorkflowTemplate', name, undefined) : index.find('WorkflowTemplate', name, namespaceOf(owner));
}

/**
 * The WorkflowTemplate a Workflow or CronWorkflow runs through `workflowTemplateRef`: the object when the
 * validated objects hold it, `'external'` when they do not, undefined without a ref.
 */
export function workflowTemplateRefTarget(spec: Record<string, unknown>, owner: KubeObject, index: ObjectIndex): KubeObject | 'external' | undefined {
  const ref = spec.workflowTemplateRef;
  if (!isRecord(ref) || typeof ref.name !== 'string') return undefined;
  return findWorkflowTemplate(ref.name, ref.clusterScope === true, owner, index) ?? 'external';
}
