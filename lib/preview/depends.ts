/** The phases a finished DAG task can have, as Argo's `depends` reads them. */
export type TaskPhase = 'Succeeded' | 'Failed' | 'Errored' | 'Skipped' | 'Omitted';

/** Which of `true`/`false` an expression can take, given what each task may end as. */
export type Outcomes = ReadonlySet<boolean>;

type Node =
  | { readonly op: 'task'; readonly task: string; readonly result?: string }
  | { readonly op: 'not'; readonly operand: Node }
  | { readonly op: 'and' | 'or'; readonly left: Node; readonly right: Node };

/** A `depends` expression, parsed: `a && (b.Succeeded || c.Failed)`. */
export interface DependsLogic {
  readonly node: Node;
  /** The task names it reads, in order. */
  readonly tasks: readonly string[];
}

/** A `depends` Argo rejects. */
export class DependsError extends Error {}

const RESULTS = new Set(['Succeeded', 'Failed', 'Errored', 'Skipped', 'Omitted', 'Daemoned', 'AnySucceeded', 'AllFailed']);

/**
 * Parses a task's dependency logic: its `depends`, or its `dependencies` list, which Argo reads as
 * `(a.Succeeded || a.Skipped || a.Daemoned) && ...`. A bare task name in `depends` means the same, plus
 * `a.Errored`/`a.Failed` when task `a` continues on those (see {@link dependsOutcomes}).
 *
 * @returns undefined for a task that depends on nothing
 * @throws DependsError for an expression Argo rejects
 * @see https://argo-workflows.readthedocs.io/en/latest/enhanced-depends-logic/
 */
export function parseDepends(task: Record<string, unknown>): DependsLogic | undefined {
  const text = typeof task.depends === 'string' && task.depends.trim() !== '' ? task.depends
    : Array.isArray(task.dependencies) && task.dependencies.length > 0 ? task.dependencies.map(String).join(' && ') : undefined;
  if (text === undefined) return undefined;
  const tokens = text.match(/&&|\|\||!|\(|\)|[A-Za-z0-9_][A-Za-z0-9_-]*(?:\.[A-Za-z]+)?|\S/g) ?? [];
  const parser = new Parser(tokens, text);
  const node = parser.or();
  if (!parser.done()) throw new DependsError(`depends "${text}": unexpected "${parser.peek()}"`);
  return { node, tasks: [...new Set(names(node))] };
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
      out.add(evaluate(logic.node, assign, continueOn));
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

function evaluate(node: Node, phases: ReadonlyMap<string, TaskPhase>, continueOn: ReadonlyMap<string, ReadonlySet<TaskPhase>>): boolean {
  switch (node.op) {
    case 'not': return !evaluate(node.operand, phases, continueOn);
    case 'and': return evaluate(node.left, phases, continueOn) && evaluate(node.right, phases, continueOn);
    case 'or': return evaluate(node.left, phases, continueOn) || evaluate(node.right, phases, continueOn);
    default: {
      const phase = phases.get(node.task);
      if (node.result === undefined) return phase === 'Succeeded' || phase === 'Skipped' || (phase !== undefined && continueOn.get(node.task)?.has(phase) === true);
      if (node.result === 'AnySucceeded') return phase === 'Succeeded';
      if (node.result === 'AllFailed') return phase === 'Failed';
      return phase === node.result;
    }
  }
}

function names(node: Node): string[] {
  if (node.op === 'task') return [node.task];
  if (node.op === 'not') return names(node.operand);
  return [...names(node.left), ...names(node.right)];
}

class Parser {
  private i = 0;

  constructor(private readonly tokens: readonly string[], private readonly text: string) {}

  done(): boolean { return this.i >= this.tokens.length; }
  peek(): string { return this.tokens[this.i] ?? ''; }

  or(): Node {
    let left = this.and();
    while (this.peek() === '||' || this.peek() === 'or') {
      this.i++;
      left = { op: 'or', left, right: this.and() };
    }
    return left;
  }

  private and(): Node {
    let left = this.unary();
    while (this.peek() === '&&' || this.peek() === 'and') {
      this.i++;
      left = { op: 'and', left, right: this.unary() };
    }
    return left;
  }

  private unary(): Node {
    const t = this.tokens[this.i++];
    if (t === '!' || t === 'not') return { op: 'not', operand: this.unary() };
    if (t === '(') {
      const inner = this.or();
      if (this.tokens[this.i++] !== ')') throw new DependsError(`depends "${this.text}": a "(" is not closed`);
      return inner;
    }
    if (t === undefined || !/^[A-Za-z0-9_]/.test(t)) throw new DependsError(`depends "${this.text}": expected a task name, got "${t ?? 'the end'}"`);
    const dot = t.lastIndexOf('.');
    if (dot < 0) return { op: 'task', task: t };
    const result = t.slice(dot + 1);
    if (!RESULTS.has(result)) throw new DependsError(`depends "${this.text}": task result '${result}' for task '${t.slice(0, dot)}' is invalid`);
    return { op: 'task', task: t.slice(0, dot), result };
  }
}
