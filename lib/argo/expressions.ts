import { Comparison, Condition, Operand } from '../dsl/condition';
import { ParameterType } from '../dsl/parameter';
import type { Pipeline } from '../dsl/pipeline';
import { IReferenceable } from '../dsl/reference';
import type { Step } from '../dsl/step';
import { UserError } from '../user-error';

/**
 * The Argo expression for a reference used at the DAG level of `pipeline` (task arguments, `when`, `withParam`),
 * after checking that it belongs there: same pipeline, a real output, the step's own loop.
 */
export function taskExpression(pipeline: Pipeline, step: Step, value: IReferenceable): string {
  const ref = value.reference;
  const where = `[${step.node.path}]`;
  switch (ref.kind) {
    case 'global':
      return `{{${ref.variable}}}`;
    case 'parameter':
      if (!pipeline.parameters.includes(ref.parameter)) {
        throw new UserError(`${where} uses parameter '${ref.parameter.name}' of another pipeline (${ref.parameter.node.path}); `
          + `declare it on this pipeline with addParameter('${ref.parameter.name}', ...)`);
      }
      return `{{workflow.parameters.${ref.parameter.name}}}`;
    case 'output':
      if (ref.step.pipeline !== pipeline) {
        throw new UserError(`${where} uses output '${ref.name}' of step ${ref.step.node.path} from another pipeline; `
          + 'steps can only read outputs of steps in the same pipeline');
      }
      if (ref.step === step) throw new UserError(`${where} reads its own output '${ref.name}'; a step can only read outputs of earlier steps`);
      if (ref.step === pipeline.exitHandler) {
        throw new UserError(`${where} reads output '${ref.name}' of the exit handler, which runs after every other step`);
      }
      if (!ref.step.outputs.has(ref.name)) {
        throw new UserError(`${where} uses unknown output '${ref.name}' of step '${ref.step.name}' (declared: ${[...ref.step.outputs.keys()].join(', ') || 'none'})`);
      }
      return `{{tasks.${ref.step.name}.outputs.parameters.${ref.name}}}`;
    default:
      if (step.forEach !== ref.loop) {
        throw new UserError(`${where} uses a loop item but does not loop over that loop; set forEach: <the loop> on the step`);
      }
      return ref.field === undefined ? '{{item}}' : `{{item.${ref.field}}}`;
  }
}

const ORDERING = new Set([Comparison.GT, Comparison.GE, Comparison.LT, Comparison.LE]);

/**
 * Renders a condition as an Argo `when` expression (govaluate). A comparison is numeric when it orders (`>`, ...)
 * or either side is a number, a boolean or a numeric parameter: then references stay unquoted, since govaluate
 * never orders or equates a string with a number. Otherwise both sides are single-quoted, so text with spaces or
 * operators compares as text.
 */
export function whenExpression(pipeline: Pipeline, step: Step, condition: Condition): string {
  const e = condition.expression;
  switch (e.op) {
    case 'compare': {
      const sides = [e.left, e.right];
      if (ORDERING.has(e.comparison) && sides.some((o) => typeof o === 'string')) {
        const text = sides.find((o) => typeof o === 'string');
        throw new UserError(`[${step.node.path}] when: '${e.comparison}' compares numbers, got the string ${JSON.stringify(text)}; `
          + 'pass a number, or compare text with equals/notEquals');
      }
      const numeric = ORDERING.has(e.comparison) || sides.some((o) => typeof o === 'number' || typeof o === 'boolean' || isNumericParameter(o));
      return `${operand(pipeline, step, e.left, numeric)} ${e.comparison} ${operand(pipeline, step, e.right, numeric)}`;
    }
    case 'not':
      return `!(${whenExpression(pipeline, step, e.condition)})`;
    default:
      return e.conditions.map((c) => `(${whenExpression(pipeline, step, c)})`).join(e.op === 'and' ? ' && ' : ' || ');
  }
}

function operand(pipeline: Pipeline, step: Step, value: Operand, numeric: boolean): string {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return quote(value);
  const expr = taskExpression(pipeline, step, value);
  return numeric ? expr : quote(expr);
}

function isNumericParameter(value: Operand): boolean {
  if (typeof value !== 'object') return false;
  const ref = value.reference;
  return ref.kind === 'parameter' && [ParameterType.INTEGER, ParameterType.NUMBER, ParameterType.BOOLEAN].includes(ref.parameter.type);
}

function quote(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}
