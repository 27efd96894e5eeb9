import { Condition, Operand } from './condition';
import { IOutputSource, IReferenceable, OutputKind, Reference } from './reference';

/**
 * An output of a step or task: a named output parameter or artifact, or a value Argo records for every node
 * (`result`, `exitCode`, `status`, ...). Passing it to another step wires Argo's
 * `{{tasks.<step>.outputs.parameters.<name>}}` (or `{{steps.<step>...}}`) and makes that step run after this one.
 */
export class StepOutput implements IReferenceable {
  public readonly reference: Reference;

  /** Use `step.output(name)`, `task.outputArtifact(name)`, `step.result`, ..., which check that the output exists. */
  constructor(public readonly step: IOutputSource, public readonly name: string, public readonly of: OutputKind = 'parameter') {
    this.reference = { kind: 'output', step, of, name };
  }

  /** Condition: this output equals `value`. */
  eq(value: Operand): Condition { return Condition.equals(this, value); }
  /** Condition: this output differs from `value`. */
  ne(value: Operand): Condition { return Condition.notEquals(this, value); }
}
