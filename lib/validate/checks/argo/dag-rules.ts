import { LOOP_RESULTS, parseDepends } from '../../../argo-spec/depends';
import { nameAfterSubstitution } from '../../../argo-spec/names';
import { didYouMean } from '../../../suggest-name';
import { error, Violation } from '../../violation';
import { dagGraph } from './dag-graph';
import { checkNames, namedEntries, STEP_NAMES, TASK_NAMES } from './field-names';
import { loops } from './global-scope';
import { stepGroups, TemplateInfo, templateLabel } from './workflow-model';

/**
 * A DAG: at least one task; task names valid and unique; `depends` well formed, not mixed with `dependencies` or
 * `continueOn` in one DAG, naming tasks that exist, with `AnySucceeded`/`AllFailed` only on tasks that loop; no
 * name starting with a digit once dependencies are used (Argo's expression engine reads it as a number); no
 * cycle; `target` naming tasks.
 *
 * Argo: `validateDAG`, `common.GetTaskDependencies`, `common.ValidateTaskResults`, `verifyNoCycles`,
 * `validateDAGTargets`.
 */
export function dagRules(info: TemplateInfo): Violation[] {
  if (info.type !== 'dag') return [];
  const graph = dagGraph(info);
  const label = templateLabel(info);
  if (graph.tasks.length === 0) {
    return [error(`${info.path}.dag.tasks`, 'argo/dag-tasks', `${label} is a DAG with no tasks`, 'add a task, or make it another kind of template')];
  }
  // Names holding {{...}} are set at run time; only their literal part must be valid.
  const violations = checkNames(namedEntries(graph.tasks.map((t) => t.node), `${info.path}.dag.tasks`), TASK_NAMES, label, nameAfterSubstitution);
  const byName = new Map(graph.tasks.filter((t) => t.name !== undefined).map((t) => [t.name as string, t]));
  const usesDepends = graph.tasks.some((t) => typeof t.node.depends === 'string' && t.node.depends.trim() !== '');
  for (const task of graph.tasks) {
    const { node, path, name } = task;
    const dependencies = Array.isArray(node.dependencies) ? node.dependencies : [];
    if (name !== undefined && /^[0-9]/.test(name) && (usesDepends || dependencies.length > 0)) {
      violations.push(error(`${path}.name`, 'argo/task-name', `task name "${name}" starts with a digit, which Argo cannot tell from a number once the DAG uses depends or dependencies`,
        `rename it, e.g. "t${name}"`));
    }
    if (usesDepends && dependencies.length > 0) {
      violations.push(error(`${path}.dependencies`, 'argo/depends', `${label} mixes depends and dependencies; Argo takes one style per DAG`,
        `write this task's dependencies as depends: "${dependencies.join(' && ')}"`));
    }
    if (usesDepends && node.continueOn !== undefined) {
      violations.push(error(`${path}.continueOn`, 'argo/depends', `task "${name ?? '?'}" sets continueOn in a DAG that uses depends, which Argo rejects`,
        'drop continueOn and let the tasks after it depend on "<task>.Failed" or "<task>.Errored"'));
    }
    dependencies.forEach((dep, i) => {
      if (typeof dep === 'string' && !byName.has(dep)) violations.push(unknownTask(`${path}.dependencies[${i}]`, dep, byName.keys()));
    });
    if (typeof node.depends === 'string' && node.depends.trim() !== '') {
      const parsed = parseDepends(node.depends);
      if (parsed.error) {
        violations.push(error(`${path}.depends`, 'argo/depends', `depends "${node.depends}" is not a valid expression: ${parsed.error.message} (at character ${parsed.error.offset + 1})`,
          'write task names joined by && and ||, optionally with .Succeeded, .Failed, .Errored, .Skipped, .Omitted, .Daemoned, .AnySucceeded or .AllFailed'));
      }
      const reported = new Set<string>();
      for (const ref of parsed.references) {
        const target = byName.get(ref.task);
        if (!target) {
          if (!reported.has(ref.task)) violations.push(unknownTask(`${path}.depends`, ref.task, byName.keys()));
          reported.add(ref.task);
        } else if (ref.result !== undefined && LOOP_RESULTS.has(ref.result) && !loops(target.node)) {
          violations.push(error(`${path}.depends`, 'argo/depends', `depends tests "${ref.task}.${ref.result}", but task "${ref.task}" does not loop`,
            `use ${ref.task}.Succeeded or ${ref.task}.Failed, or loop ${ref.task} with withItems, withParam or withSequence`));
        }
      }
    }
  }
  if (graph.cycle) {
    violations.push(error(`${info.path}.dag.tasks`, 'argo/dag-cycle', `the DAG has a dependency cycle: ${graph.cycle.join(' -> ')}`, 'remove one of the dependencies along the cycle'));
  }
  const target = (info.template.dag as Record<string, unknown>).target;
  if (typeof target === 'string' && target.trim() !== '') {
    for (const name of target.split(' ')) {
      if (name === '' || name.includes('{{') || byName.has(name)) continue;
      violations.push(error(`${info.path}.dag.target`, 'argo/dag-target', `target "${name}" is not a task of ${label}`,
        didYouMean(name, byName.keys(), `use task names separated by spaces: ${[...byName.keys()].join(' ')}`)));
    }
  }
  return violations;
}

/**
 * Steps: every step named, names valid (their literal part, when they hold `{{...}}`) and unique across all
 * groups of the template (Argo's `validateSteps`, `isValidStepName`).
 */
export function stepsRules(info: TemplateInfo): Violation[] {
  if (info.type !== 'steps') return [];
  const steps = stepGroups(info).flat();
  return checkNames(steps.map((s) => ({ path: s.path, name: s.node.name })), STEP_NAMES, templateLabel(info), nameAfterSubstitution);
}

function unknownTask(path: string, name: string, known: Iterable<string>): Violation {
  const names = [...known];
  return error(path, 'argo/dag-dependency', `depends on task "${name}", which is not in this DAG`, didYouMean(name, names, `use one of: ${names.join(', ')}`));
}
