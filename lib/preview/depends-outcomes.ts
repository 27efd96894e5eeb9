import { dependsTasks, DependsExpression, parseDepends, TaskResult } from '../argo-spec/depends';

/** The phases a finished DAG task can have, as Argo's `depends` reads them. */
export type TaskPhase = 'Succeeded' | 'Failed' | 'Errored' | 'Skipped' | 'Omitted';

/** Which of `true`/`false` an expression can take, given what each task may end as. */
export type Outcomes = ReadonlySet<boolean>;

/** A task's dependency logic, parsed by the one `depends` parser (lib/argo-spec/depends.ts). */
export interface DependsLogic {
  readonly expression: DependsExpression;
  /** The task names it reads, in order of first appearance. */
  readonly tasks: readonly string[];
  /** The logic as Argo evaluates it: `depends`, or the `dependencies` joined with `&&`. */
  readonly text: string;
}

/** A `depends` Argo rejects. */
export class DependsError extends Error {}

/**
 * A task's dependency logic: its `depends`, or its `dependencies` list, which Argo reads as bare names joined
 * with `&&` (`getTaskDependsLogic`). A bare name `a` means `a.Succeeded || a.Skipped || a.Daemoned`, plus
 * `a.Errored`/`a.Failed` when task `a` continues on those (`expandDependency`, see {@link dependsOutcomes}).
 *
 * @returns undefined for a task that depends on nothing
 * @throws DependsError for an expression Argo rejects
 * @see https://argo-workflows.readthedocs.io/en/latest/enhanced-depends-logic/
 */
export function taskDependsLogic(task: Readonly<Record<string, unknown>>): DependsLogic | undefined {
  const text = typeof task.depends === 'string' && task.depends.trim() !== '' ? task.depends
    : Array.isArray(task.dependencies) && task.dependencies.length > 0 ? task.dependencies.map(String).join(' && ') : undefined;
  if (text === undefined) return undefined;
  const parsed = parseDepends(text);
  if (!parsed.expression) throw new DependsError(`depends "${text}": ${parsed.error?.message ?? 'not a depends expression'}`);
  return { expression: parsed.expression, tasks: dependsTasks(text), text };
}

/**
 * The values a dependency logic can take, trying every phase each task it reads may end in.
 *
 * @param phases what each task may end as; a task missing from it may end as anything
 * @param continueOn results that count as success for a task's dependents (`continueOn: {failed, error}`)
 */
export function dependsOutcomes(logic: DependsLogic, phases: ReadonlyMap<string, ReadonlySet<TaskPhase>>,
  continueOn: ReadonlyMap<string, ReadonlySet<TaskPhase>> = new Map()): Outcomes {
  const all: TaskPhase[] = ['Succeeded', 'Failed', 'Errored', 'Skipped', 'Omitted'];
  const choices = logic.tasks.map((t) => [...(phases.get(t) ?? all)]);
  const out = new Set<boolean>();
  const assign = new Map<string, TaskPhase>();
  const combos = choices.reduce((n, c) => n * c.length, 1);
  if (combos > 4096) return new Set([true, false]);
  const visit = (i: number) => {
    if (out.size === 2) return;
    if (i === logic.tasks.length) {
      out.add(evaluate(logic.expression, assign, continueOn));
      return;
    }
    for (const phase of choices[i]) {
      assign.set(logic.tasks[i], phase);
      visit(i + 1);
    }
  };
  visit(0);
  return out;
}

function evaluate(e: DependsExpression, phases: ReadonlyMap<string, TaskPhase>, continueOn: ReadonlyMap<string, ReadonlySet<TaskPhase>>): boolean {
  switch (e.op) {
    case 'not': return !evaluate(e.operand, phases, continueOn);
    case 'and': return e.operands.every((o) => evaluate(o, phases, continueOn));
    case 'or': return e.operands.some((o) => evaluate(o, phases, continueOn));
    default: {
      const { task, result } = e.reference;
      const phase = phases.get(task);
      if (result === undefined) return phase === 'Succeeded' || phase === 'Skipped' || (phase !== undefined && continueOn.get(task)?.has(phase) === true);
      // On a run where every step that runs succeeds, a loop's iterations end as the loop does.
      if (result === TaskResult.ANY_SUCCEEDED) return phase === 'Succeeded';
      if (result === TaskResult.ALL_FAILED) return phase === 'Failed';
      return phase === result;
    }
  }
}
