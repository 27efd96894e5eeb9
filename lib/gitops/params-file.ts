import type { ParameterValue } from '../dsl/parameter';
import { ManifestReadError, ReadErrorReason } from '../manifest';
import { checkParams, describeParamsProblem, ParameterSchema, readParamsFile, readParamsText } from '../params';
import { UserError } from '../user-error';

/** An environment's parameter values: pipeline name -> parameter name -> value. */
export type EnvironmentParams = Readonly<Record<string, Readonly<Record<string, ParameterValue>>>>;

/** What a params file is checked against. */
export interface ParamsContext {
  /** The environment the file belongs to. */
  readonly environment: string;
  /** Parameter schema of each pipeline that runs in the environment, by pipeline name. */
  readonly schemas: ReadonlyMap<string, ParameterSchema>;
  /** Pipelines that exist but do not run in this environment. @default - none */
  readonly elsewhere?: readonly string[];
}

/**
 * Reads a params file (`pipelines/params/<env>.yaml`) with the one params reader `kfops validate --params` uses,
 * checks it against the pipelines' parameter schemas and returns its values. Every problem is reported, one
 * `file:line:col: message` line each, in a single UserError: YAML syntax, keys that are not plain strings,
 * unknown pipelines or parameters (with the closest name), values of the wrong type or outside their parameter's
 * constraints, integers that cannot be passed exactly, and `{{` not tagged `!argo`.
 *
 * @param absolutePath the file to read
 * @param file the file as errors show it (relative to the working directory)
 */
export function loadParamsFile(absolutePath: string, file: string, context: ParamsContext): EnvironmentParams {
  const { content, problems: found } = checkParams(file, readParamsSource(absolutePath, file), context.schemas);
  const problems = found.map((v) => {
    const pipeline = v.path;
    if (v.rule === 'params/unknown-pipeline' && context.elsewhere?.includes(pipeline)) {
      return `${file}:${v.line}:${v.column}: pipeline "${pipeline}" does not run in environment '${context.environment}' `
        + `(add it to the environment's pipelines, or remove its values)`;
    }
    return describeParamsProblem(v);
  });
  if (problems.length > 0) {
    throw new UserError(`params file ${file} has ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n  ${problems.join('\n  ')}`);
  }
  // Valid: every value is a string, number or boolean (an empty value fails its parameter's type).
  return Object.fromEntries([...content.pipelines].map(([pipeline, entry]) =>
    [pipeline, Object.fromEntries([...entry.values].map(([name, v]) => [name, v.value as ParameterValue]))]));
}

/** The names of the pipelines a params file gives values to, read before validation to know which to inspect. */
export function paramsPipelineNames(absolutePath: string, file: string): string[] {
  return [...readParamsText(file, readParamsSource(absolutePath, file)).pipelines.keys()];
}

function readParamsSource(absolutePath: string, file: string): string {
  try {
    return readParamsFile(absolutePath, file);
  } catch (err) {
    if (!(err instanceof ManifestReadError)) throw err;
    if (err.reason === ReadErrorReason.NOT_FOUND) {
      throw new UserError(`${file}: not found (create it: pipeline name -> parameter -> value, or '{}' for no values)`);
    }
    throw err;
  }
}

