import { isPipelineObject, pipelineName, workflowSpec } from './argo-pipeline';
import { deepEqual } from './field-diff';
import { ObjectRef } from './manifest-object';
import { PipelineGraph, pipelineGraph } from './pipeline-graph';
import { ParameterChange } from './review-summary';

/** A pipeline object that was added, removed or changed, with its graph and which steps differ. */
export interface PipelineChange {
  readonly pipeline: string;
  readonly ref: ObjectRef;
  readonly op: 'added' | 'removed' | 'changed';
  /** Head graph (base graph for a removed pipeline); absent when the object has no usable entrypoint. */
  readonly graph?: PipelineGraph;
  /** Steps only in head. */
  readonly addedSteps: readonly string[];
  /** Steps only in base. */
  readonly removedSteps: readonly string[];
  /**
   * Steps in both whose task, template, or a workflow parameter they read (`{{workflow.parameters.x}}`) changed.
   */
  readonly changedSteps: readonly string[];
}

type Obj = Record<string, unknown>;

/**
 * Step-level view of a pipeline object's change, or undefined for objects that are not Argo pipelines.
 *
 * @param base the base object (absent when added)
 * @param head the head object (absent when removed)
 * @param params the parameter changes of this object, so steps reading a changed parameter count as changed
 */
export function pipelineChange(ref: ObjectRef, file: string, base: Obj | undefined, head: Obj | undefined,
  params: readonly ParameterChange[]): PipelineChange | undefined {
  const shown = (head ?? base) as Obj;
  if (!isPipelineObject(shown)) return undefined;
  const op = !base ? 'added' : !head ? 'removed' : 'changed';
  const graphOf = (body: Obj | undefined) => {
    if (!body) return undefined;
    try {
      return pipelineGraph(body, file);
    } catch {
      // A pipeline without a valid entrypoint still shows in the field diff; it just has no graph.
      return undefined;
    }
  };
  const baseGraph = graphOf(base);
  const headGraph = graphOf(head);
  const baseNames = new Set(baseGraph?.nodes.map((n) => n.name) ?? []);
  const headNames = new Set(headGraph?.nodes.map((n) => n.name) ?? []);
  const changedSteps: string[] = [];
  if (base && head && baseGraph && headGraph) {
    const baseSteps = stepDefinitions(base);
    const headSteps = stepDefinitions(head);
    const paramRefs = params.map((p) => `workflow.parameters.${p.parameter}`);
    for (const node of headGraph.nodes) {
      const b = baseSteps.get(node.name);
      const h = headSteps.get(node.name);
      if (!b || !h) continue;
      const text = JSON.stringify(h);
      if (!deepEqual(b, h) || paramRefs.some((r) => text.includes(r))) changedSteps.push(node.name);
    }
  }
  return {
    pipeline: pipelineName(shown),
    ref,
    op,
    graph: headGraph ?? baseGraph,
    addedSteps: headGraph && base ? headGraph.nodes.map((n) => n.name).filter((n) => !baseNames.has(n)) : [],
    removedSteps: baseGraph && head ? baseGraph.nodes.map((n) => n.name).filter((n) => !headNames.has(n)) : [],
    changedSteps,
  };
}

/** Each entrypoint step with what defines it: the task (or step) and the template it runs. */
function stepDefinitions(body: Obj): Map<string, { task: Obj; template: unknown }> {
  const spec = workflowSpec(body);
  const templates = new Map(((spec.templates ?? []) as Obj[]).map((t) => [t.name as string, t]));
  const entry = templates.get(spec.entrypoint as string);
  const dag = entry?.dag as Obj | undefined;
  const tasks = (Array.isArray(dag?.tasks) ? dag.tasks : Array.isArray(entry?.steps) ? entry.steps.flat() : []) as Obj[];
  return new Map(tasks.map((t) => [String(t.name), { task: t, template: templates.get(t.template as string) }]));
}
