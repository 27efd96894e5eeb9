import { taskDependencies } from '../argo-spec/depends';
import { UserError } from '../user-error';
import { workflowSpec } from './argo-pipeline';

/** A step of a pipeline graph: a DAG task or a step of a steps template. */
export interface GraphNode {
  /** Task or step name, unique in the graph. */
  readonly name: string;
  /** The template it runs. */
  readonly template: string;
}

/**
 * The DAG of a pipeline's entrypoint, as Argo runs it.
 *
 * @see https://argo-workflows.readthedocs.io/en/latest/walk-through/dag/
 */
export interface PipelineGraph {
  /** Nodes in declaration order. */
  readonly nodes: readonly GraphNode[];
  /** `[from, to]` by node name: `to` runs after `from`. */
  readonly edges: readonly (readonly [string, string])[];
  /** Template named by `spec.onExit`, run after the whole workflow whatever its outcome. */
  readonly onExit?: string;
}

type Obj = Record<string, unknown>;

/**
 * Extracts the graph of an Argo WorkflowTemplate/CronWorkflow/Workflow: the tasks of its entrypoint's `dag` (edges
 * from `dependencies` and from the task names in `depends`), or the steps of a `steps` entrypoint (each group
 * after the previous one), or the entrypoint alone when it is a leaf template.
 *
 * @param where names the object in errors, e.g. `dist/prod/workflow1.yaml`
 */
export function pipelineGraph(body: Obj, where: string): PipelineGraph {
  const spec = workflowSpec(body);
  const templates = Array.isArray(spec.templates) ? (spec.templates as Obj[]) : [];
  const entry = spec.entrypoint;
  const onExit = typeof spec.onExit === 'string' ? spec.onExit : undefined;
  if (typeof entry !== 'string') {
    throw new UserError(`${where}: ${String(body.kind)} has no spec.entrypoint, so it has no graph to show`, 2);
  }
  const template = templates.find((t) => t && t.name === entry);
  if (!template) {
    throw new UserError(`${where}: spec.entrypoint '${entry}' names no template (templates: ${templates.map((t) => t.name).join(', ') || 'none'})`, 2);
  }
  const dag = template.dag as Obj | undefined;
  if (dag && Array.isArray(dag.tasks)) return { ...dagGraph(dag.tasks as Obj[]), onExit };
  if (Array.isArray(template.steps)) return { ...stepsGraph(template.steps as unknown[]), onExit };
  return { nodes: [{ name: entry, template: entry }], edges: [], onExit };
}

function dagGraph(tasks: Obj[]): Omit<PipelineGraph, 'onExit'> {
  const nodes = tasks.map((t) => ({ name: String(t.name), template: templateName(t) }));
  const names = new Set(nodes.map((n) => n.name));
  const edges: [string, string][] = [];
  for (const task of tasks) {
    for (const d of taskDependencies(task)) if (names.has(d)) edges.push([d, String(task.name)]);
  }
  return { nodes, edges };
}

function stepsGraph(groups: unknown[]): Omit<PipelineGraph, 'onExit'> {
  const nodes: GraphNode[] = [];
  const edges: [string, string][] = [];
  let previous: string[] = [];
  for (const group of groups) {
    const steps = (Array.isArray(group) ? group : [group]) as Obj[];
    const current = steps.map((s) => String(s.name));
    steps.forEach((s) => nodes.push({ name: String(s.name), template: templateName(s) }));
    for (const from of previous) for (const to of current) edges.push([from, to]);
    previous = current;
  }
  return { nodes, edges };
}

function templateName(task: Obj): string {
  if (typeof task.template === 'string') return task.template;
  const ref = task.templateRef as Obj | undefined;
  if (ref && typeof ref.template === 'string') return `${String(ref.name)}/${ref.template}`;
  return String(task.name);
}
