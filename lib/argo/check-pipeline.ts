import type { Pipeline } from '../dsl/pipeline';
import type { Step } from '../dsl/step';
import { isUserError } from '../user-error';

/**
 * Finds what makes a pipeline impossible to compile or run: names that collide once made DNS-1123 labels,
 * dependency cycles, parameter values for parameters that do not exist, and every reference error the compiler
 * raises. Each message names the construct path and the fix.
 */
export function checkPipeline(pipeline: Pipeline): string[] {
  const errors = [...nameCollisions(pipeline), ...cycles(pipeline), ...exitHandlerOrdering(pipeline), ...pipeline.unknownValueErrors()];
  if (errors.length > 0) return errors;
  try {
    pipeline.compile();
  } catch (err) {
    if (!isUserError(err)) throw err;
    errors.push(err.message);
  }
  return errors;
}

function nameCollisions(pipeline: Pipeline): string[] {
  const errors: string[] = [];
  const byName = new Map<string, Step>();
  for (const step of pipeline.steps) {
    const other = byName.get(step.name);
    if (other) {
      errors.push(`[${step.node.path}] step name '${step.name}' is already used by ${other.node.path}; `
        + 'Argo names must be unique within a pipeline (names are lowercased and non-alphanumerics become \'-\'): rename one of them');
    } else {
      byName.set(step.name, step);
    }
    if (step.name === pipeline.name) {
      errors.push(`[${step.node.path}] step name '${step.name}' is the pipeline's name, which names the DAG entrypoint template; rename the step`);
    }
  }
  return errors;
}

// onExit() checks the handler when it is set; after() calls made later are only visible here.
function exitHandlerOrdering(pipeline: Pipeline): string[] {
  const exit = pipeline.exitHandler;
  if (!exit) return [];
  const errors = pipeline.steps.filter((s) => s !== exit && s.dependencies.includes(exit)).map((s) =>
    `[${s.node.path}] runs after the exit handler '${exit.name}', which is not part of the DAG (it runs when the pipeline ends); remove that after()`);
  if (exit.dependencies.length > 0) {
    errors.push(`[${exit.node.path}] the exit handler runs after everything else; remove its after() (${exit.dependencies.map((d) => d.name).join(', ')})`);
  }
  return errors;
}

function cycles(pipeline: Pipeline): string[] {
  const state = new Map<Step, 'visiting' | 'done'>();
  const errors: string[] = [];
  const visit = (step: Step, path: Step[]): void => {
    if (state.get(step) === 'done') return;
    if (state.get(step) === 'visiting') {
      const cycle = [...path.slice(path.indexOf(step)), step].map((s) => s.name).join(' -> ');
      errors.push(`[${step.node.path}] dependency cycle: ${cycle}; remove one of these after() calls or output uses`);
      return;
    }
    state.set(step, 'visiting');
    for (const dep of step.dependencies) visit(dep, [...path, step]);
    state.set(step, 'done');
  };
  for (const step of pipeline.steps) visit(step, []);
  return errors;
}
