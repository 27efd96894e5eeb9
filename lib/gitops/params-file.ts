import * as fs from 'fs';
import { parse } from 'yaml';
import type { ParameterValue } from '../dsl/parameter';
import { UserError } from '../user-error';
import { describeParamsViolation, ParameterSchema, validateParamsFile } from '../validate/params/params-file';

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
 * Reads a params file (`pipelines/params/<env>.yaml`), checks it against the pipelines' parameter schemas (kfops
 * validate's params check) and returns its values. Every problem is reported, one `file:line:col: message` line
 * each, in a single UserError: YAML syntax, unknown pipelines or parameters (with the closest name), and values
 * of the wrong type or outside their parameter's constraints.
 *
 * @param absolutePath the file to read
 * @param file the file as errors show it (relative to the working directory)
 */
export function loadParamsFile(absolutePath: string, file: string, context: ParamsContext): EnvironmentParams {
  const text = readParamsText(absolutePath, file);
  const problems = validateParamsFile(file, text, context.schemas).map((v) => {
    const pipeline = v.path;
    if (v.rule === 'params/unknown-pipeline' && context.elsewhere?.includes(pipeline)) {
      return `${file}:${v.line}:${v.column}: pipeline "${pipeline}" does not run in environment '${context.environment}' `
        + `(add it to the environment's pipelines, or remove its values)`;
    }
    return describeParamsViolation(v);
  });
  if (problems.length > 0) {
    throw new UserError(`params file ${file} has ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n  ${problems.join('\n  ')}`);
  }
  // The file is valid: a mapping of pipeline -> (nothing | mapping of parameter -> scalar).
  const doc = (parse(text) ?? {}) as Record<string, Record<string, ParameterValue> | null>;
  return Object.fromEntries(Object.entries(doc).map(([pipeline, values]) => [pipeline, values ?? {}]));
}

/** The names of the pipelines a params file gives values to, read before validation to know which to inspect. */
export function paramsPipelineNames(absolutePath: string, file: string): string[] {
  const text = readParamsText(absolutePath, file);
  try {
    const doc: unknown = parse(text);
    return doc !== null && typeof doc === 'object' && !Array.isArray(doc) ? Object.keys(doc) : [];
  } catch {
    // Syntax errors are reported, with their position, by loadParamsFile.
    return [];
  }
}

function readParamsText(absolutePath: string, file: string): string {
  try {
    return fs.readFileSync(absolutePath, 'utf8');
  } catch (err) {
    const why = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'not found' : (err as Error).message;
    throw new UserError(`${file}: ${why} (create it: pipeline name -> parameter -> value, or '{}' for no values)`);
  }
}
