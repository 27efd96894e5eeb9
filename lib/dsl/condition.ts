import { anyOf, BOOLEAN, checkArguments, checkEach, instanceOf, NUMBER, OptionalGuard, required, STRING } from '../guards';
import { UserError } from '../user-error';
import { IReferenceable, REFERENCE } from './reference';

/** One side of a comparison: a literal or a parameter, step output or loop item. */
export type Operand = string | number | boolean | IReferenceable;

/** Comparison operators of Argo's `when` expressions (govaluate). */
export enum Comparison {
  EQ = '==',
  NE = '!=',
  GT = '>',
  GE = '>=',
  LT = '<',
  LE = '<=',
}

/** The shape of a condition, read by the Argo compiler. */
export type ConditionExpression =
  | { readonly op: 'compare'; readonly comparison: Comparison; readonly left: Operand; readonly right: Operand }
  | { readonly op: 'and' | 'or'; readonly conditions: readonly Condition[] }
  | { readonly op: 'not'; readonly condition: Condition };

/**
 * A condition on parameters and step outputs that decides whether a step runs (KFP `dsl.Condition`, Argo `when`).
 * Built from values, never from free strings, so every reference is checked and wired as a dependency.
 *
 * @example Condition.equals(preprocessMode, 'cloud').and(Condition.greaterThan(workers, 0))
 * @see https://argo-workflows.readthedocs.io/en/latest/walk-through/conditionals/
 */
export class Condition {
  /** `left == right` */
  static equals(left: Operand, right: Operand): Condition { return Condition.compare('equals', Comparison.EQ, left, right); }
  /** `left != right` */
  static notEquals(left: Operand, right: Operand): Condition { return Condition.compare('notEquals', Comparison.NE, left, right); }
  /** `left > right` (numbers) */
  static greaterThan(left: Operand, right: Operand): Condition { return Condition.compare('greaterThan', Comparison.GT, left, right); }
  /** `left >= right` (numbers) */
  static greaterOrEqual(left: Operand, right: Operand): Condition { return Condition.compare('greaterOrEqual', Comparison.GE, left, right); }
  /** `left < right` (numbers) */
  static lessThan(left: Operand, right: Operand): Condition { return Condition.compare('lessThan', Comparison.LT, left, right); }
  /** `left <= right` (numbers) */
  static lessOrEqual(left: Operand, right: Operand): Condition { return Condition.compare('lessOrEqual', Comparison.LE, left, right); }
  /** True when every condition is. */
  static all(...conditions: Condition[]): Condition { return new Condition({ op: 'and', conditions: checkConditions('all', conditions) }); }
  /** True when any condition is. */
  static any(...conditions: Condition[]): Condition { return new Condition({ op: 'or', conditions: checkConditions('any', conditions) }); }

  /**
   * If / elif / else (KFP `dsl.If`, `dsl.Elif`, `dsl.Else`): one condition per branch, each true only when the ones
   * before it are false, and a last one for when none is. Give each branch's steps its condition as `when`.
   *
   * @example
   * const [heads, tails, edge] = Condition.branches(flip.result.eq('heads'), flip.result.eq('tails'));
   */
  static branches(...conditions: Condition[]): Condition[] {
    if (conditions.length === 0) throw new UserError('Condition.branches needs at least one condition (the if)');
    checkConditions('branches', conditions);
    const none = (upTo: number) => conditions.slice(0, upTo).map((c) => c.not());
    return [...conditions.map((c, i) => (i === 0 ? c : Condition.all(...none(i), c))), Condition.all(...none(conditions.length))];
  }

  private static compare(method: string, comparison: Comparison, left: Operand, right: Operand): Condition {
    checkArguments(`Condition.${method}`, [['left', left, required(OPERAND)], ['right', right, required(OPERAND)]]);
    return new Condition({ op: 'compare', comparison, left, right });
  }

  private constructor(public readonly expression: ConditionExpression) {}

  /** This condition and `other`. */
  and(other: Condition): Condition { return Condition.all(this, other); }
  /** This condition or `other`. */
  or(other: Condition): Condition { return Condition.any(this, other); }
  /** The negation of this condition. */
  not(): Condition { return new Condition({ op: 'not', condition: this }); }

  /** Every operand that is a reference, in order. */
  get references(): IReferenceable[] {
    const e = this.expression;
    switch (e.op) {
      case 'compare':
        return [e.left, e.right].filter((o): o is IReferenceable => typeof o === 'object');
      case 'not':
        return e.condition.references;
      default:
        return e.conditions.flatMap((c) => c.references);
    }
  }
}

/** Guards a prop that takes a {@link Condition}. */
export const CONDITION: OptionalGuard = instanceOf(Condition, "a Condition built from a parameter or output (e.g. mode.eq('full'))");

const OPERAND = anyOf([STRING, NUMBER, BOOLEAN, REFERENCE], 'a string, number or boolean, or a parameter, step output or loop item');

function checkConditions(method: string, conditions: readonly unknown[]): Condition[] {
  checkEach(`Condition.${method}`, conditions, CONDITION, (i) => `conditions[${i}]`);
  return conditions as Condition[];
}
