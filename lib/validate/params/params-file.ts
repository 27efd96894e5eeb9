import { checkParams, ParameterSchema, ParamsProblem } from '../../params';
import { error, Violation } from '../violation';

/** A params-file problem as validate reports it: a violation with its file, line and column. */
export interface ParamsViolation extends Violation {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/**
 * Validates a params file against each pipeline's parameter schema with the params reader synth uses
 * (lib/params): `kfops validate --params`. Every problem is an error.
 *
 * @param file the file name to report (as the user should see it)
 * @param text the file's contents
 * @param schemas JSON Schema of each pipeline's parameters, by pipeline name
 */
export function validateParamsFile(file: string, text: string, schemas: ReadonlyMap<string, ParameterSchema>): ParamsViolation[] {
  return checkParams(file, text, schemas).problems.map(toViolation);
}

function toViolation(p: ParamsProblem): ParamsViolation {
  return { ...error(p.path, p.rule, p.message, p.fix), file: p.file, line: p.line, column: p.column };
}
