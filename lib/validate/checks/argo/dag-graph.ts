import { taskDependencies } from '../../../argo-spec/depends';
import { dagTasks, Invocation, TemplateInfo } from './workflow-model';

/** A DAG template's tasks and the dependencies between them, computed once per template. */
export interface DagGraph {
  readonly tasks: readonly Invocation[];
  /** the direct dependencies of each named task, leaving out names that are not tasks of the DAG */
  readonly direct: ReadonlyMap<string, readonly string[]>;
  /** whether a task transitively depends on another: `ancestorOf(task).has(other)` */
  readonly ancestorOf: (task: string) => { has(name: string): boolean };
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
  const graph = { tasks, direct, ancestorOf: ancestorsOf(direct), cycle: findCycle(direct) };
  cache.set(info, graph);
  return graph;
}

/**
 * The ancestors of each task, found as they are asked for: a walk from the task through its dependencies goes only
 * as far as the names asked need, and what it reached is kept for the next question. A chain of 16,000 tasks, each
 * reading the task before it, then costs a step per task, where the whole transitive closure took 128 million
 * entries (3.6 GB).
 */
function ancestorsOf(direct: ReadonlyMap<string, readonly string[]>): (task: string) => { has(name: string): boolean } {
  const walks = new Map<string, { has(name: string): boolean }>();
  return (task) => {
    let walk = walks.get(task);
    if (!walk) {
      const reached = new Set<string>();
      const pending = [...(direct.get(task) ?? [])];
      walk = {
        has(name) {
          while (!reached.has(name) && pending.length > 0) {
            const next = pending.pop()!;
            if (reached.has(next)) continue;
            reached.add(next);
            for (const dep of direct.get(next) ?? []) if (!reached.has(dep)) pending.push(dep);
          }
          return reached.has(name);
        },
      };
      walks.set(task, walk);
    }
    return walk;
  };
}

/** One cycle in a dependency graph (name -> what it depends on), as the names along it (`a -> b -> a`), or undefined. */
export function findCycle(direct: ReadonlyMap<string, readonly string[]>): string[] | undefined {
  // Depth first with an explicit stack: a chain of thousands of tasks would overflow the call stack.
  const state = new Map<string, 'active' | 'done'>();
  for (const root of direct.keys()) {
    if (state.get(root) !== undefined) continue;
    const path: string[] = [root];
    const next: number[] = [0];
    state.set(root, 'active');
    while (path.length > 0) {
      const name = path[path.length - 1];
      const deps = direct.get(name) ?? [];
      const i = next[next.length - 1]++;
      if (i >= deps.length) {
        state.set(name, 'done');
        path.pop();
        next.pop();
        continue;
      }
      const dep = deps[i];
      if (state.get(dep) === 'active') return [...path.slice(path.indexOf(dep)), dep];
      if (state.get(dep) === undefined && direct.has(dep)) {
        state.set(dep, 'active');
        path.push(dep);
        next.push(0);
      }
    }
  }
  return undefined;
}
