import { checkArguments, required, STRING } from '../guards';
import { IReferenceable, Reference } from './reference';

/**
 * An Argo expression tag, compiled to `{{=<expression>}}`: expr-lang over Argo's variables, for what plain references
 * cannot say (arithmetic, JSON paths, sprig functions). The text is passed through as written; `kfops validate`
 * checks the variables it names.
 *
 * @example expr("asInt(inputs.parameters['num']) + 1")
 * @see https://argo-workflows.readthedocs.io/en/latest/variables/#expression
 */
export function expr(expression: string): IReferenceable {
  checkArguments('expr', [['expression', expression, required(STRING)]]);
  const reference: Reference = { kind: 'expression', expression };
  return { reference };
}
