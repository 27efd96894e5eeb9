import { Condition, Operand } from '../dsl/condition';
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

/**
 * Renders a condition as an Argo `when` expression (govaluate). Strings are single-quoted on both sides so values
 * with spaces or operators compare as text; numeric and boolean parameters compare unquoted.
 */
export function whenExpression(pipeline: Pipeline, step: Step, condition: Condition): string {
  const e = condition.expression;
  switch (e.op) {
    case 'compare':
      return `${operand(pipeline, step, e.left)} ${e.comparison} ${operand(pipeline, step, e.right)}`;
    case 'not':
      return `!(${whenExpression(pipeline, step, e.condition)})`;
    default:
      return e.conditions.map((c) => `(${whenExpression(pipeline, step, c)})`).join(e.op === 'and' ? ' && ' : ' || ');
  }
}

function operand(pipeline: Pipeline, step: Step, value: Operand): string {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return quote(value);
  const expr = taskExpression(pipeline, step, value);
  const ref = value.reference;
  const unquoted = ref.kind === 'parameter'
    && [ParameterType.INTEGER, ParameterType.NUMBER, ParameterType.BOOLEAN].includes(ref.parameter.type);
  return unquoted ? expr : quote(expr);
}

function quote(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}
