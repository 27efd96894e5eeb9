import { DagTask } from '../dsl/dag-task';
import { DagTemplate } from '../dsl/dag-template';
import type { PipelineBase } from '../dsl/pipeline-base';
import { IPodOwner, PodBuilder } from '../dsl/pod-builder';
import { Step } from '../dsl/step';
import { StepsTemplate } from '../dsl/steps-template';
import type { Template } from '../dsl/template';
import { isUserError } from '../user-error';

/** What the checks need of a pipeline: the DSL's view plus its compiled spec. */
export interface CompilablePipeline extends PipelineBase {
  compile(): unknown;
}

/**
 * Finds what makes a pipeline impossible to compile or run: names that collide once made DNS-1123 labels,
 * dependency cycles, tasks that read outputs of tasks they do not wait for, parameter values for parameters that
 * do not exist, and every reference error the compiler raises. Each message names the construct path and the fix.
 */
export function checkPipeline(pipeline: CompilablePipeline): string[] {
  const errors = [
    ...nameCollisions(pipeline), ...cycles(pipeline), ...exitHandlerOrdering(pipeline), ...dagProblems(pipeline), ...mountProblems(pipeline),
    ...pipeline.unknownValueErrors(),
  ];
  if (errors.length > 0) return errors;
  try {
    pipeline.compile();
  } catch (err) {
    if (!isUserError(err)) throw err;
    errors.push(err.message);
  }
  return errors;
}

function nameCollisions(pipeline: PipelineBase): string[] {
  const errors: string[] = [];
  const byName = new Map<string, Template>();
  for (const t of pipeline.templates) {
    const other = byName.get(t.name);
    const what = t instanceof Step ? 'step' : 'template';
    if (other) {
      errors.push(`[${t.node.path}] ${what} name '${t.name}' is already used by ${other.node.path}; `
        + `Argo names must be unique within a pipeline${t instanceof Step ? " (names are lowercased and non-alphanumerics become '-')" : ''}: rename one of them`);
    } else {
      byName.set(t.name, t);
    }
    if (t.name === pipeline.name && pipeline.steps.length > 0) {
      errors.push(`[${t.node.path}] ${what} name '${t.name}' is the pipeline's name, which names the DAG entrypoint template; rename the ${what}`);
    }
  }
  for (const t of pipeline.templates) {
    const calls = t instanceof DagTemplate ? t.tasks : t instanceof StepsTemplate ? t.groups.flat() : [];
    const seen = new Map<string, string>();
    for (const call of calls) {
      const other = seen.get(call.name);
      if (other) errors.push(`[${call.node.path}] name '${call.name}' is already used by ${other}; names are unique within a template: rename one`);
      else seen.set(call.name, call.node.path);
    }
  }
  return errors;
}

// onExit() checks the handler when it is set; after() calls made later are only visible here.
function exitHandlerOrdering(pipeline: PipelineBase): string[] {
  const exit = pipeline.exitHandler;
  if (!(exit instanceof Step)) return [];
  const errors = pipeline.steps.filter((s) => s !== exit && s.dependencies.includes(exit)).map((s) =>
    `[${s.node.path}] runs after the exit handler '${exit.name}', which is not part of the DAG (it runs when the pipeline ends); remove that after()`);
  if (exit.dependencies.length > 0) {
    errors.push(`[${exit.node.path}] the exit handler runs after everything else; remove its after() (${exit.dependencies.map((d) => d.name).join(', ')})`);
  }
  return errors;
}

function cycles(pipeline: PipelineBase): string[] {
  const errors: string[] = [];
  const find = <T extends { name: string; node: { path: string } }>(nodes: readonly T[], deps: (n: T) => readonly T[], fix: string) => {
    const state = new Map<T, 'visiting' | 'done'>();
    const visit = (node: T, path: T[]): void => {
      if (state.get(node) === 'done') return;
      if (state.get(node) === 'visiting') {
        const cycle = [...path.slice(path.indexOf(node)), node].map((s) => s.name).join(' -> ');
        errors.push(`[${node.node.path}] dependency cycle: ${cycle}; ${fix}`);
        return;
      }
      state.set(node, 'visiting');
      for (const dep of deps(node)) visit(dep, [...path, node]);
      state.set(node, 'done');
    };
    nodes.forEach((n) => visit(n, []));
  };
  find(pipeline.steps, (s) => s.dependencies, 'remove one of these after() calls or output uses');
  for (const t of pipeline.templates) {
    if (t instanceof DagTemplate) find(t.tasks, (task) => task.dependencyTasks, 'remove one of these dependencies or output uses');
  }
  return errors;
}

// A mount may name the pod's volume, or one of the workflow's volumes and per-run claims.
function mountProblems(pipeline: PipelineBase): string[] {
  const s = pipeline.settings;
  const elsewhere = [...(s.volumes ?? []).map((v) => v.name), ...(s.volumeClaimTemplates ?? []).map((c) => c.metadata?.name)];
  return pipeline.templates.flatMap((t) => {
    const { pod, checksOwnMounts } = t as Partial<IPodOwner>;
    const problem = pod instanceof PodBuilder && !checksOwnMounts ? pod.mountProblem(elsewhere) : undefined;
    return problem ? [problem] : [];
  });
}

// Argo resolves a task's references to other tasks only when those run before it: they must be among its ancestors.
function dagProblems(pipeline: PipelineBase): string[] {
  const errors: string[] = [];
  for (const t of pipeline.templates) {
    if (!(t instanceof DagTemplate)) continue;
    const ancestors = (task: DagTask, seen = new Set<DagTask>()): Set<DagTask> => {
      for (const dep of task.dependencyTasks) {
        if (!seen.has(dep)) {
          seen.add(dep);
          ancestors(dep, seen);
        }
      }
      return seen;
    };
    for (const task of t.tasks) {
      if (task.depends === undefined && task.explicitDependencies === undefined) continue;
      const reach = ancestors(task);
      const unreached = task.dataDependencies.find((d) => !reach.has(d));
      if (unreached) {
        errors.push(`[${task.node.path}] reads outputs of '${unreached.name}' but does not wait for it; add it to depends (or dependencies)`);
      }
    }
  }
  return errors;
}
