import { DependsExpression, formatDepends, TaskResult } from '../argo-spec/depends';
import { checkArguments, custom, enumOf, OptionalGuard, required } from '../guards';

export { TaskResult } from '../argo-spec/depends';

/** A step or task a `depends` expression can name. */
export interface IDependable {
  /** Its name in Argo. */
  readonly name: string;
}

/** What `depends` takes: a task (it succeeded, was skipped or is a running daemon) or a {@link Depends} expression. */
export type DependsOperand = IDependable | Depends;

type Node =
  | { readonly kind: 'task'; readonly task: IDependable; readonly result?: TaskResult }
  | { readonly kind: 'not'; readonly operand: Node }
  | { readonly kind: 'and' | 'or'; readonly operands: readonly Node[] };

/**
 * A `depends` expression on task results (Argo's enhanced depends logic), built from the task objects so every name
 * is checked and every task is a dependency.
 *
 * @example depends: Depends.succeeded(train).or(Depends.failed(train)).and(prepare)
 * @see https://argo-workflows.readthedocs.io/en/latest/enhanced-depends-logic/
 */
export class Depends {
  /** The task succeeded, was skipped or is a running daemon (a bare `A`). */
  static on(task: IDependable): Depends {
    checkArguments('Depends.on', [['task', task, required(TASK)]]);
    return new Depends({ kind: 'task', task });
  }
  /** The task ended with `result`. */
  static result(task: IDependable, result: TaskResult): Depends {
    checkArguments('Depends.result', [['task', task, required(TASK)], ['result', result, required(RESULT)]]);
    return new Depends({ kind: 'task', task, result });
  }
  /** `A.Succeeded` */
  static succeeded(task: IDependable): Depends { return Depends.result(task, TaskResult.SUCCEEDED); }
  /** `A.Failed` */
  static failed(task: IDependable): Depends { return Depends.result(task, TaskResult.FAILED); }
  /** `A.Errored` */
  static errored(task: IDependable): Depends { return Depends.result(task, TaskResult.ERRORED); }
  /** `A.Skipped` */
  static skipped(task: IDependable): Depends { return Depends.result(task, TaskResult.SKIPPED); }
  /** `A.Omitted` */
  static omitted(task: IDependable): Depends { return Depends.result(task, TaskResult.OMITTED); }
  /** `A.Daemoned` */
  static daemoned(task: IDependable): Depends { return Depends.result(task, TaskResult.DAEMONED); }
  /** `A.AnySucceeded` (looped tasks) */
  static anySucceeded(task: IDependable): Depends { return Depends.result(task, TaskResult.ANY_SUCCEEDED); }
  /** `A.AllFailed` (looped tasks) */
  static allFailed(task: IDependable): Depends { return Depends.result(task, TaskResult.ALL_FAILED); }
  /** Every operand holds (`&&`). */
  static all(...operands: DependsOperand[]): Depends { return new Depends({ kind: 'and', operands: operands.map(nodeOf) }); }
  /** Any operand holds (`||`). */
  static any(...operands: DependsOperand[]): Depends { return new Depends({ kind: 'or', operands: operands.map(nodeOf) }); }
  /** The operand does not hold (`!`). */
  static not(operand: DependsOperand): Depends { return new Depends({ kind: 'not', operand: nodeOf(operand) }); }

  private constructor(private readonly node: Node) {}

  /** This and `other`. */
  and(other: DependsOperand): Depends { return Depends.all(this, other); }
  /** This or `other`. */
  or(other: DependsOperand): Depends { return Depends.any(this, other); }

  /** The tasks the expression names, in order of first appearance. */
  get tasks(): IDependable[] {
    const found: IDependable[] = [];
    const visit = (n: Node): void => {
      if (n.kind === 'task') {
        if (!found.includes(n.task)) found.push(n.task);
      } else if (n.kind === 'not') visit(n.operand);
      else n.operands.forEach(visit);
    };
    visit(this.node);
    return found;
  }

  /** The expression as Argo reads it, e.g. `A && (B.Failed || C)`. */
  toString(): string {
    const named = (n: Node): DependsExpression => n.kind === 'task'
      ? { op: 'task', reference: { task: n.task.name, offset: 0, ...(n.result && { result: n.result }) } }
      : n.kind === 'not' ? { op: 'not', operand: named(n.operand) } : { op: n.kind, operands: n.operands.map(named) };
    return formatDepends(named(this.node));
  }
}

function nodeOf(operand: DependsOperand): Node {
  checkArguments('Depends', [['operand', operand, required(DEPENDS)]]);
  return operand instanceof Depends ? (operand as unknown as { node: Node }).node : { kind: 'task', task: operand };
}

// A step or task, or anything else with a name (`depends` checks at synth that it names a task of the DAG).
const isTask = (v: unknown): v is IDependable => typeof v === 'object' && v !== null && typeof (v as Partial<IDependable>).name === 'string';
const TASK = custom('a step or task', ['instance'], isTask);
const RESULT = enumOf(TaskResult, 'TaskResult');

/** Guards a prop that takes a {@link DependsOperand}: a step or task, or a `Depends` expression. */
export const DEPENDS: OptionalGuard = custom('a step or task, or a Depends expression (e.g. Depends.succeeded(train))', ['instance'],
  (v) => v instanceof Depends || isTask(v));
