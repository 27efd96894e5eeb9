import { suggestName } from '../../suggest-name';
import { Check } from '../../check';
import { error, Violation } from '../../violation';
import { argoSpecOf, dagTasks, Invocation, stepGroups, templatesOf } from './argo-spec';
import { dependsNames, findCycle } from './dag-graph';

/**
 * DAG and steps structure: task and step names unique within their template, every `dependencies` entry and
 * every task in `depends` exists, and the DAG has no cycle.
 *
 * @see https://argo-workflows.readthedocs.io/en/latest/walk-through/dag/
 */
export const checkArgoDags: Check = (object) => {
  const argo = argoSpecOf(object);
  if (!argo) return [];
  const violations: Violation[] = [];
  for (const { template, index } of templatesOf(argo.spec)) {
    const templatePath = `${argo.path}.templates[${index}]`;
    const tasks = dagTasks(template, templatePath);
    violations.push(...uniqueNames(tasks, 'task'));
    const names = new Set(tasks.map((t) => t.name).filter((n): n is string => n !== undefined));
    for (const task of tasks) {
      const deps = Array.isArray(task.node.dependencies) ? task.node.dependencies : [];
      deps.forEach((dep, i) => {
        if (typeof dep === 'string' && !names.has(dep)) violations.push(unknownTask(`${task.path}.dependencies[${i}]`, dep, names));
      });
      if (typeof task.node.depends === 'string') {
        for (const dep of dependsNames(task.node.depends)) {
          if (!names.has(dep)) violations.push(unknownTask(`${task.path}.depends`, dep, names));
        }
      }
    }
    const cycle = findCycle(tasks);
    if (cycle) {
      violations.push(error(`${templatePath}.dag.tasks`, 'argo/dag-cycle', `the DAG has a dependency cycle: ${cycle.join(' -> ')}`,
        'remove one of the dependencies along the cycle'));
    }
    violations.push(...uniqueNames(stepGroups(template, templatePath).flat(), 'step'));
  }
  return violations;
};

function uniqueNames(nodes: readonly Invocation[], what: string): Violation[] {
  const seen = new Set<string>();
  const violations: Violation[] = [];
  for (const node of nodes) {
    if (node.name === undefined) continue;
    if (seen.has(node.name)) {
      violations.push(error(`${node.path}.name`, `argo/duplicate-${what}`, `${what} name "${node.name}" is used more than once in this template`,
        `give each ${what} a unique name`));
    }
    seen.add(node.name);
  }
  return violations;
}

function unknownTask(path: string, name: string, known: Set<string>): Violation {
  const suggestion = suggestName(name, known);
  return error(path, 'argo/dag-dependency', `depends on task "${name}", which is not in this DAG`,
    suggestion ? `did you mean "${suggestion}"?` : `use one of: ${[...known].join(', ')}`);
}
