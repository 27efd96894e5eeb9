import { taskDependencies } from '../../../argo-spec/depends';
import { dagTasks, Invocation, TemplateInfo } from './workflow-model';

/** A DAG template's tasks and the dependencies between them, computed once per template. */
export interface DagGraph {
  readonly tasks: readonly Invocation[];
  /** the direct dependencies of each named task, leaving out names that are not tasks of the DAG */
  readonly direct: ReadonlyMap<string, readonly string[]>;
  /** every task each task transitively depends on */
  readonly ancestors: ReadonlyMap<string, ReadonlySet<string>>;
  /** one dependency cycle, as the names along it (`a -> b -> a`), or undefined */
  readonly cycle?: readonly string[];
}

/** By template info, so a graph dies with the model that made the info (see workflowModel). */
const cache = new WeakMap<TemplateInfo, DagGraph>();

/** The graph of a DAG template (empty for other templates). */
export function dagGraph(info: TemplateInfo): DagGraph {
  const cached = cache.get(info);
  if (cached) return cached;
  const tasks = dagTasks(info);
  const direct = new Map<string, string[]>();
  for (const task of tasks) if (task.name !== undefined) direct.set(task.name, taskDependencies(task.node));
  for (const [name, deps] of direct) direct.set(name, deps.filter((d) => direct.has(d)));
  const graph = { tasks, direct, ancestors: ancestorsOf(direct), cycle: findCycle(direct) };
  cache.set(info, graph);
  return graph;
}

function ancestorsOf(direct: ReadonlyMap<string, readonly string[]>): Map<string, Set<string>> {
  const ancestors = new Map<string, Set<string>>();
  const visit = (name: string, trail: Set<string>): Set<string> => {
    const known = ancestors.get(name);
    if (known) return known;
    const result = new Set<string>();
    if (trail.has(name)) return result; // a cycle; reported by the DAG rules
    trail.add(name);
    for (const dep of direct.get(name) ?? []) {
      result.add(dep);
      for (const a of visit(dep, trail)) result.add(a);
    }
    trail.delete(name);
    ancestors.set(name, result);
    return result;
  };
  for (const name of direct.keys()) visit(name, new Set());
  return ancestors;
}

/** One cycle in a dependency graph (name -> what it depends on), as the names along it (`a -> b -> a`), or undefined. */
export function findCycle(direct: ReadonlyMap<string, readonly string[]>): string[] | undefined {
  const state = new Map<string, 'active' | 'done'>();
  const stack: string[] = [];
  const visit = (name: string): string[] | undefined => {
    state.set(name, 'active');
    stack.push(name);
    for (const dep of direct.get(name) ?? []) {
      if (state.get(dep) === 'active') return [...stack.slice(stack.indexOf(dep)), dep];
      if (state.get(dep) === undefined && direct.has(dep)) {
        const cycle = visit(dep);
        if (cycle) return cycle;
      }
    }
    stack.pop();
    state.set(name, 'done');
    return undefined;
  };
  for (const name of direct.keys()) {
    if (state.get(name) === undefined) {
      const cycle = visit(name);
      if (cycle) return cycle;
    }
  }
  return undefined;
}
