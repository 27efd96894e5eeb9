import { Comparison, Condition, Operand } from '../dsl/condition';
import { ParameterType } from '../dsl/parameter';
import type { PipelineBase } from '../dsl/pipeline-base';
import { IReferenceable, isReferenceable } from '../dsl/reference';
import { Step } from '../dsl/step';
import { UserError } from '../user-error';
import { Concat, Value } from '../dsl/value';
import { literalProblem, quote, spellReference } from './references';

/**
 * The Argo expression for a reference used at the level of a pipeline's own DAG (a step's task arguments, `when`,
 * `withParam`), after checking that it belongs there: same pipeline, a real output, the step's own loop.
 */
export function taskExpression(pipeline: PipelineBase, step: Step, value: IReferenceable, ownOutputs = false): string {
  const ref = value.reference;
  const where = `[${step.node.path}]`;
  switch (ref.kind) {
    case 'parameter':
      if (!pipeline.parameters.includes(ref.parameter as never)) {
        throw new UserError(`${where} uses parameter '${ref.parameter.name}' of another pipeline (${ref.parameter.node.path}); `
          + `declare it on this pipeline with addParameter('${ref.parameter.name}', ...)`);
      }
      break;
    case 'output': {
      const source = ref.step;
      if (!(source instanceof Step) || source.pipeline !== pipeline) {
        throw new UserError(`${where} uses output '${ref.name}' of step ${source.node.path} from another pipeline; `
          + 'steps can only read outputs of steps in the same pipeline');
      }
      if (source === step && !ownOutputs) throw new UserError(`${where} reads its own output '${ref.name}'; a step can only read outputs of earlier steps`);
      if (source === pipeline.exitHandler) {
        throw new UserError(`${where} reads output '${ref.name}' of the exit handler, which runs after every other step`);
      }
      if ((ref.of === 'parameter' || ref.of === 'artifact') && !source.findOutput(ref.name, ref.of === 'parameter' ? 'parameters' : 'artifacts')) {
        const declared = source.outputs.filter((o) => o.type === 'parameters').map((o) => o.name);
        throw new UserError(`${where} uses unknown output '${ref.name}' of step '${source.name}' (declared: ${declared.join(', ') || 'none'})`);
      }
      break;
    }
    case 'item':
      if (step.forEach !== ref.loop) {
        throw new UserError(`${where} uses a loop item but does not loop over that loop; set forEach: <the loop> on the step`);
      }
      break;
    case 'io':
      throw new UserError(`${where} uses ${ref.io.direction.slice(0, -1)} '${ref.io.name}' of a template; a step declares no inputs: `
        + 'pass the pipeline parameter or step output itself');
    default:
      break;
  }
  return `{{${spellReference(ref)}}}`;
}

const ORDERING = new Set([Comparison.GT, Comparison.GE, Comparison.LT, Comparison.LE]);

/**
 * Renders a condition as an Argo `when` expression (govaluate). A comparison is numeric when it orders (`>`, ...)
 * or either side is a number, a boolean or a numeric parameter: then references stay unquoted, since govaluate
 * never orders or equates a string with a number. Otherwise both sides are single-quoted, so text with spaces or
 * operators compares as text. `reference` renders a reference as a `{{...}}` expression in reach of the caller.
 */
export function whenExpression(path: string, condition: Condition, reference: (value: IReferenceable) => string): string {
  const e = condition.expression;
  switch (e.op) {
    case 'compare': {
      const sides = [e.left, e.right];
      if (ORDERING.has(e.comparison) && sides.some((o) => typeof o === 'string')) {
        const text = sides.find((o) => typeof o === 'string');
        throw new UserError(`[${path}] when: '${e.comparison}' compares numbers, got the string ${JSON.stringify(text)}; `
          + 'pass a number, or compare text with equals/notEquals');
      }
      const numeric = ORDERING.has(e.comparison) || sides.some((o) => typeof o === 'number' || typeof o === 'boolean' || isNumericParameter(o));
      const operand = (value: Operand): string => {
        if (typeof value === 'number' || typeof value === 'boolean') return String(value);
        if (typeof value === 'string') return quote(value);
        const expr = reference(value);
        return numeric ? expr : quote(expr);
      };
      return `${operand(e.left)} ${e.comparison} ${operand(e.right)}`;
    }
    case 'not':
      return `!(${whenExpression(path, e.condition, reference)})`;
    default:
      return e.conditions.map((c) => `(${whenExpression(path, c, reference)})`).join(e.op === 'and' ? ' && ' : ' || ');
  }
}

function isNumericParameter(value: Operand): boolean {
  if (typeof value !== 'object') return false;
  const ref = value.reference;
  return ref.kind === 'parameter'
    && ([ParameterType.INTEGER, ParameterType.NUMBER, ParameterType.BOOLEAN] as string[]).includes(ref.parameter.type);
}

/** Renders the values of a pipeline step's task (arguments of a TemplateStep, hooks) at the level of the pipeline's DAG. */
export class StepTaskRenderer {
  /** @param ownOutputs whether the step's own outputs are in reach (in its hooks) */
  constructor(private readonly pipeline: PipelineBase, private readonly step: Step, private readonly ownOutputs = false) {}

  value(value: Value): string {
    if (value instanceof Concat) return value.parts.map((p) => this.value(p)).join('');
    if (isReferenceable(value)) return this.expression(value);
    const text = String(value);
    const problem = literalProblem(text);
    if (problem) throw new UserError(`[${this.step.node.path}] ${problem}`);
    return text;
  }

  expression(value: IReferenceable): string {
    return taskExpression(this.pipeline, this.step, value, this.ownOutputs);
  }
}
