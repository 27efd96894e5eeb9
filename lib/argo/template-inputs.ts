import type { PipelineBase } from '../dsl/pipeline-base';
import { IReferenceable, isReferenceable } from '../dsl/reference';
import type { Step } from '../dsl/step';
import type { ITemplateRenderer } from '../dsl/template-renderer';
import { Concat, Value } from '../dsl/value';
import { UserError } from '../user-error';
import { taskExpression } from './expressions';
import { literalProblem, spellReference } from './references';

/** A template input parameter and the DAG task argument that feeds it. */
export interface TemplateInput {
  readonly name: string;
  /** The argument's value at the DAG level, e.g. `{{workflow.parameters.project}}`. */
  readonly argument: string;
}

/**
 * Renders one step's values into its template. References become template inputs (`{{inputs.parameters.x}}`) fed
 * by the DAG task's arguments, the way the KFP compiler does, so templates are self-contained; globals stay as
 * they are. In the exit handler, which runs outside the DAG and takes no arguments, parameters are read from
 * `{{workflow.parameters.x}}` directly and outputs or items are errors.
 */
export class TemplateInputs implements ITemplateRenderer {
  private readonly byName = new Map<string, TemplateInput>();

  constructor(private readonly pipeline: PipelineBase, private readonly step: Step, private readonly isExitHandler: boolean) {}

  /** The inputs the rendered values needed, in order of first use. */
  get inputs(): TemplateInput[] {
    return [...this.byName.values()];
  }

  value(value: Value): string {
    if (value instanceof Concat) return value.parts.map((p) => this.value(p)).join('');
    if (isReferenceable(value)) return this.reference(value);
    const text = String(value);
    const problem = literalProblem(text);
    if (problem) throw new UserError(`[${this.step.node.path}] ${problem}`);
    return text;
  }

  private reference(value: IReferenceable): string {
    const ref = value.reference;
    if (ref.kind === 'global' || ref.kind === 'expression') return `{{${spellReference(ref)}}}`;
    // The step's own declared artifacts, e.g. where an input artifact is placed.
    if (ref.kind === 'io' && [...this.step.inputs, ...this.step.outputs].includes(ref.io as never)) return `{{${spellReference(ref)}}}`;
    const argument = taskExpression(this.pipeline, this.step, value);
    if (this.isExitHandler) {
      if (ref.kind !== 'parameter') {
        throw new UserError(`[${this.step.node.path}] the exit handler runs outside the DAG and cannot read ${ref.kind === 'output' ? `output '${ref.name}' of step '${ref.step.name}'` : 'a loop item'}; `
          + 'pass pipeline parameters or WorkflowVariables only');
      }
      return argument;
    }
    const name = ref.kind === 'parameter' ? ref.parameter.name
      : ref.kind === 'output' ? `${ref.step.name}-${ref.of === 'parameter' ? ref.name : ref.of}`
        : ref.kind === 'item' ? (ref.field === undefined ? 'item' : `item-${ref.field}`) : '';
    const existing = this.byName.get(name);
    if (existing && existing.argument !== argument) {
      throw new UserError(`[${this.step.node.path}] two values need the template input '${name}' (${existing.argument} and ${argument}); `
        + 'rename the parameter or output so they differ');
    }
    if (!existing) this.byName.set(name, { name, argument });
    return `{{inputs.parameters.${name}}}`;
  }
}
