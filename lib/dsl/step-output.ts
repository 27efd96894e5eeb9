import { Condition, Operand } from './condition';
import { IReferenceable, Reference } from './reference';
import type { Step } from './step';

/**
 * An output parameter of a step. Passing it to another step wires Argo's
 * `{{tasks.<step>.outputs.parameters.<name>}}` and makes that step run after this one.
 */
export class StepOutput implements IReferenceable {
  public readonly reference: Reference;

  /** Use `step.output(name)`, which checks that the step declares the output. */
  constructor(public readonly step: Step, public readonly name: string) {
    this.reference = { kind: 'output', step, name };
  }

  /** Condition: this output equals `value`. */
  eq(value: Operand): Condition { return Condition.equals(this, value); }
  /** Condition: this output differs from `value`. */
  ne(value: Operand): Condition { return Condition.notEquals(this, value); }
}
