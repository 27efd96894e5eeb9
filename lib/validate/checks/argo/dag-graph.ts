import { Invocation } from './argo-spec';

/** Task results a `depends` expression may test (`train.Succeeded`). */
const DEPENDS_RESULTS = new Set(['Succeeded', 'Failed', 'Errored', 'Skipped', 'Omitted', 'Daemoned', 'AnySucceeded', 'AllFailed']);

/**
 * The task names a `depends` expression mentions: `a && (b.Succeeded || !c.Failed)` gives a, b, c.
 * @see https://argo-workflows.readthedocs.io/en/latest/enhanced-depends-logic/
 */
export function dependsNames(expression: string): string[] {
  const names: string[] = [];
  for (const raw of expression.split(/&&|\|\||[()!\s]+/)) {
    const token = raw.trim();
    if (token === '') continue;
    const dot = token.lastIndexOf('.');
    names.push(dot > 0 && DEPENDS_RESULTS.has(token.slice(dot + 1)) ? token.slice(0, dot) : token);
  }
  return names;
}

/** The direct dependencies of a task: `dependencies` plus the names in `depends`. */
export function directDependencies(task: Record<string, unknown>): string[] {
  const deps = Array.isArray(task.dependencies) ? task.dependencies.filter((d): d is string => typeof d === 'string') : [];
  if (typeof task.depends === 'string') deps.push(...dependsNames(task.depends));
  return [...new Set(deps)];
}

/** Every task each task transitively depends on, by task name; dependencies on unknown tasks are left out. */
export function dagAncestors(tasks: readonly Invocation[]): Map<string, Set<string>> {
  const direct = new Map<string, string[]>();
  for (const task of tasks) if (task.name !== undefined) direct.set(task.name, directDependencies(task.node));
  const ancestors = new Map<string, Set<string>>();
  const visit = (name: string, trail: Set<string>): Set<string> => {
    const known = ancestors.get(name);
    if (known) return known;
    const result = new Set<string>();
    if (trail.has(name)) return result; // a cycle; reported by the DAG check
    trail.add(name);
    for (const dep of direct.get(name) ?? []) {
      if (!direct.has(dep)) continue;
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

/** One dependency cycle among the tasks, as the names along it (`a -> b -> a`), or undefined. */
export function findCycle(tasks: readonly Invocation[]): string[] | undefined {
  const direct = new Map<string, string[]>();
  for (const task of tasks) if (task.name !== undefined) direct.set(task.name, directDependencies(task.node));
  const state = new Map<string, 'active' | 'done'>();
  const stack: string[] = [];
  const visit = (name: string): string[] | undefined => {
    state.set(name, 'active');
    stack.push(name);
    for (const dep of direct.get(name) ?? []) {
      if (!direct.has(dep)) continue;
      if (state.get(dep) === 'active') return [...stack.slice(stack.indexOf(dep)), dep];
      if (state.get(dep) === undefined) {
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
