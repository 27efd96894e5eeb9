/** The label kfops puts on every object of a pipeline; its value is the pipeline name. */
export const PIPELINE_LABEL = 'kfops.dev/pipeline';

/** Argo kinds that carry a workflow spec (entrypoint, templates, arguments). */
const WORKFLOW_KINDS = new Set(['WorkflowTemplate', 'ClusterWorkflowTemplate', 'CronWorkflow', 'Workflow']);

type Obj = Record<string, unknown>;

/** True for Argo objects that define a pipeline: WorkflowTemplate, ClusterWorkflowTemplate, CronWorkflow, Workflow. */
export function isPipelineObject(body: Obj): boolean {
  return typeof body.apiVersion === 'string' && body.apiVersion.startsWith('argoproj.io/')
    && WORKFLOW_KINDS.has(body.kind as string);
}

/** The pipeline an Argo object belongs to: label `kfops.dev/pipeline`, falling back to `metadata.name`. */
export function pipelineName(body: Obj): string {
  const metadata = (body.metadata ?? {}) as Obj;
  const labels = (metadata.labels ?? {}) as Obj;
  const label = labels[PIPELINE_LABEL];
  if (typeof label === 'string' && label !== '') return label;
  return String(metadata.name ?? metadata.generateName ?? '');
}

/**
 * The workflow spec of an Argo object: `spec`, or `spec.workflowSpec` for a CronWorkflow.
 *
 * @see https://argo-workflows.readthedocs.io/en/latest/fields/#cronworkflowspec
 */
export function workflowSpec(body: Obj): Obj {
  const spec = (body.spec ?? {}) as Obj;
  return body.kind === 'CronWorkflow' ? ((spec.workflowSpec ?? {}) as Obj) : spec;
}

/** The pipeline parameters (`arguments.parameters`) as name -> value; a parameter without a value maps to undefined. */
export function pipelineParameters(body: Obj): Map<string, string | undefined> {
  const args = (workflowSpec(body).arguments ?? {}) as Obj;
  const params = Array.isArray(args.parameters) ? args.parameters : [];
  const out = new Map<string, string | undefined>();
  for (const p of params as Obj[]) {
    if (p && typeof p.name === 'string') out.set(p.name, p.value === undefined || p.value === null ? undefined : String(p.value));
  }
  return out;
}
