import { isRecord, metadataOf, records } from '../../object-index';
import { callsOf, namesOf, TemplateInfo, WorkflowModel } from './workflow-model';

/**
 * The `{{workflow.*}}` variables a workflow defines, as Argo's validator collects them before checking templates.
 * A set left undefined cannot be known from the validated objects (a `workflowTemplateRef` to a template they do
 * not hold): anything under that prefix is accepted.
 */
export interface GlobalScope {
  /** declared workflow parameters (`spec.arguments.parameters`, the referenced WorkflowTemplate's included) */
  readonly parameters?: ReadonlySet<string>;
  /** WorkflowTemplate lint mode: the Workflow that runs the template may supply any `workflow.parameters.x` */
  readonly anyParameter: boolean;
  /** keys `{{workflow.labels.x}}` may name: the object's labels and `workflowMetadata.labels`/`labelsFrom` */
  readonly labels?: ReadonlySet<string>;
  /** keys `{{workflow.annotations.x}}` may name */
  readonly annotations?: ReadonlySet<string>;
  /** `spec.priority` is set, so `{{workflow.priority}}` exists */
  readonly priority: boolean;
  /** names exported with `globalName`, for `{{workflow.outputs.parameters.x}}`; `any` when a globalName is itself a variable */
  readonly outputParameters: ReadonlySet<string> | 'any';
  readonly outputArtifacts: ReadonlySet<string> | 'any';
  /** the workflow has an exit handler (`onExit`), the only place `{{workflow.failures}}` is defined */
  readonly exitHandler: boolean;
  /** templates reachable from the entrypoint through steps and tasks, validated before the exit handler */
  readonly reachable: ReadonlySet<Record<string, unknown>>;
}

/** Collects the global scope of a workflow. */
export function globalScope(model: WorkflowModel): GlobalScope {
  const { spec, object } = model;
  const ref = isRecord(model.workflowTemplate) ? model.workflowTemplate : undefined;
  const refSpec = ref && isRecord(ref.spec) ? ref.spec : undefined;
  const external = model.workflowTemplate === 'external';
  const labels = new Set<string>();
  const annotations = new Set<string>();
  const addMetadata = (metadata: unknown, withLabelsFrom: boolean) => {
    if (!isRecord(metadata)) return;
    if (isRecord(metadata.labels)) for (const k of Object.keys(metadata.labels)) labels.add(k);
    if (withLabelsFrom && isRecord(metadata.labelsFrom)) for (const k of Object.keys(metadata.labelsFrom)) labels.add(k);
    if (isRecord(metadata.annotations)) for (const k of Object.keys(metadata.annotations)) annotations.add(k);
  };
  if (model.kind === 'CronWorkflow') {
    // The Workflow a CronWorkflow creates carries these, plus the CronWorkflow's spec.workflowMetadata.
    labels.add('workflows.argoproj.io/cron-workflow');
    annotations.add('workflows.argoproj.io/scheduled-time');
    if (isRecord(object.spec)) addMetadata(object.spec.workflowMetadata, false);
  } else {
    addMetadata(metadataOf(object), false);
  }
  addMetadata(spec.workflowMetadata, true);
  if (refSpec) addMetadata(refSpec.workflowMetadata, true);

  const parameters = new Set([...declaredParameters(spec), ...(refSpec ? declaredParameters(refSpec) : [])]);
  const exporters = exportingTemplates(model);
  return {
    parameters: external ? undefined : parameters,
    anyParameter: model.mode === 'template',
    labels: external ? undefined : labels,
    annotations: external ? undefined : annotations,
    priority: spec.priority !== undefined && spec.priority !== null,
    outputParameters: exportedNames(exporters, 'parameters'),
    outputArtifacts: exportedNames(exporters, 'artifacts'),
    exitHandler: model.exitHandler !== undefined,
    reachable: reachableFromEntrypoint(model),
  };
}

/** The names in a spec's `arguments.parameters`. */
export function declaredParameters(spec: Record<string, unknown>): string[] {
  return namesOf(isRecord(spec.arguments) ? spec.arguments.parameters : undefined);
}

/**
 * The templates whose outputs may set `workflow.outputs.*`: every template the workflow can run (its own, its
 * workflowTemplateRef's, those its tasks and steps call by templateRef); undefined when one of them is not in
 * the validated objects, so anything may be exported.
 */
function exportingTemplates(model: WorkflowModel): Record<string, unknown>[] | undefined {
  if (model.workflowTemplate === 'external') return undefined;
  const found = [...model.available.values()].map((t) => t.template);
  for (const info of model.templates) {
    for (const call of callsOf(info)) {
      if (!isRecord(call.node.templateRef)) continue;
      const target = model.target(call);
      if (target.kind === 'found') found.push(target.info.template);
      else if (target.kind === 'external' || target.kind === 'runtime') return undefined;
    }
  }
  return found;
}

function exportedNames(templates: readonly Record<string, unknown>[] | undefined, key: 'parameters' | 'artifacts'): ReadonlySet<string> | 'any' {
  if (templates === undefined) return 'any';
  const names = new Set<string>();
  for (const template of templates) {
    const outputs = isRecord(template.outputs) ? records(template.outputs[key]) : [];
    for (const output of outputs) {
      if (typeof output.globalName !== 'string' || output.globalName === '') continue;
      if (output.globalName.includes('{{')) return 'any';
      names.add(output.globalName);
    }
  }
  return names;
}

/**
 * The templates Argo validates as part of the entrypoint: the entrypoint and every template its steps and tasks
 * call, transitively. Hooks and exit handlers are not among them.
 */
function reachableFromEntrypoint(model: WorkflowModel): Set<Record<string, unknown>> {
  const reached = new Set<Record<string, unknown>>();
  const entry = model.entrypoint !== undefined ? model.available.get(model.entrypoint) : undefined;
  const queue: TemplateInfo[] = entry ? [entry] : [];
  while (queue.length > 0) {
    const info = queue.pop() as TemplateInfo;
    if (reached.has(info.template)) continue;
    reached.add(info.template);
    for (const call of callsOf(info)) {
      const target = model.target(call);
      if (target.kind === 'found') queue.push(target.info);
    }
  }
  return reached;
}

/** True for a task or step that loops (withItems, withParam, withSequence): its outputs are aggregated. */
export function loops(node: Record<string, unknown>): boolean {
  return (Array.isArray(node.withItems) && node.withItems.length > 0) || (typeof node.withParam === 'string' && node.withParam !== '')
    || isRecord(node.withSequence);
}
