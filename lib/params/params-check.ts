import type Ajv from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { suggestName } from '../suggest-name';
import { userPattern } from '../user-pattern';
import { ParamsContent, ParamsPipeline, ParamsProblem, readParamsText, UnplacedProblem } from './params-reader';

/** A JSON Schema object, as the `kfops.dev/parameter-schema` annotation holds it. */
export type ParameterSchema = Record<string, unknown>;

let ajv: Ajv | undefined;
const compiled = new Map<string, ValidateFunction>();

/** Compiles a pipeline's parameter schema once per distinct schema. */
export function compileParameterSchema(schema: ParameterSchema): ValidateFunction {
  const key = JSON.stringify(schema);
  let validate = compiled.get(key);
  if (!validate) {
    // Loaded on first use: ajv takes a while to load, and most runs have no parameter schema to check.
    if (!ajv) {
      const { default: AjvClass } = require('ajv') as typeof import('ajv');
      const { default: addFormats } = require('ajv-formats') as typeof import('ajv-formats');
      // A parameter's `pattern` is the user's: matched as RE2 does, in linear time (user-pattern.ts).
      ajv = new AjvClass({ allErrors: true, strict: false, code: { regExp: Object.assign((pattern: string, flags: string) => userPattern(pattern, flags.replace('u', '')), { code: 'userPattern' }) } });
      addFormats(ajv);
    }
    validate = ajv.compile(schema);
    compiled.set(key, validate);
  }
  return validate;
}

/** What {@link checkParams} found: the file's content (as {@link readParamsText} reads it) and every problem. */
export interface CheckedParams {
  readonly content: ParamsContent;
  /** in file order */
  readonly problems: readonly ParamsProblem[];
}

/**
 * Reads a params file (`pipelines/params/<env>.yaml`: `<pipeline>: {<parameter>: value}`) and checks it against
 * each pipeline's parameter schema: what synth uses and `kfops validate --params` reports. Every problem carries
 * the file, line and column; unknown pipeline and parameter names suggest the closest known one; type, range,
 * enum and pattern problems say what was expected and what was found.
 *
 * @param file the file name to report (as the user should see it)
 * @param text the file's contents
 * @param schemas JSON Schema of each pipeline's parameters, by pipeline name
 * @example
 * checkParams('pipelines/params/prod.yaml', 'train: {epocs: 3}\n', schemas).problems
 * // [{ file: 'pipelines/params/prod.yaml', line: 1, column: 9, message: 'pipeline "train" has no parameter "epocs"', fix: 'did you mean "epochs"?', ... }]
 */
export function checkParams(file: string, text: string, schemas: ReadonlyMap<string, ParameterSchema>): CheckedParams {
  const content = readParamsText(file, text);
  const problems: ParamsProblem[] = [...content.problems];
  for (const [pipeline, entry] of content.pipelines) {
    const schema = schemas.get(pipeline);
    if (!schema) {
      const suggestion = suggestName(pipeline, schemas.keys());
      problems.push(content.at(entry.keyOffset, { path: pipeline, rule: 'params/unknown-pipeline', message: `there is no pipeline "${pipeline}"`,
        fix: suggestion ? `did you mean "${suggestion}"?` : `known pipelines: ${[...schemas.keys()].join(', ') || '(none)'}` }));
      continue;
    }
    problems.push(...checkValues(pipeline, schema, entry, content));
  }
  return { content, problems: problems.sort((a, b) => a.line - b.line || a.column - b.column) };
}

/** A params problem as one line: `file:line:col: message (fix)`. */
export function describeParamsProblem(p: ParamsProblem): string {
  return `${p.file}:${p.line}:${p.column}: ${p.message}${p.fix ? ` (${p.fix})` : ''}`;
}

function checkValues(pipeline: string, schema: ParameterSchema, entry: ParamsPipeline, content: ParamsContent): ParamsProblem[] {
  const propertySchemas = isObject(schema.properties) ? schema.properties : {};
  const properties = Object.keys(propertySchemas);
  const { at } = content;
  const data: Record<string, unknown> = {};
  const refused = new Set(entry.refused);
  const found: ParamsProblem[] = [];
  for (const [name, v] of entry.values) {
    const problem = v.writtenInteger !== undefined && Object.hasOwn(propertySchemas, name)
      ? inexactInteger(pipeline, name, v.writtenInteger, propertySchemas[name]) : undefined;
    if (problem) {
      found.push(at(v.valueOffset, problem));
      refused.add(name);
    } else {
      data[name] = v.value;
    }
  }
  const validate = compileParameterSchema(schema);
  if (validate(data)) return found;
  return [...found, ...(validate.errors ?? []).flatMap((e): ParamsProblem[] => {
    const name = e.instancePath.split('/')[1];
    if (e.keyword === 'additionalProperties') {
      const unknown = String((e.params as { additionalProperty: string }).additionalProperty);
      const suggestion = suggestName(unknown, properties);
      return [at(entry.values.get(unknown)?.keyOffset ?? entry.keyOffset, problem(`${pipeline}.${unknown}`, 'params/unknown-parameter',
        `pipeline "${pipeline}" has no parameter "${unknown}"`,
        suggestion ? `did you mean "${suggestion}"?` : `its parameters are: ${properties.join(', ') || '(none)'}`))];
    }
    if (e.keyword === 'required') {
      const missing = String((e.params as { missingProperty: string }).missingProperty);
      // A value that was refused is reported already; it is not missing.
      if (refused.has(missing)) return [];
      return [at(entry.keyOffset, problem(`${pipeline}.${missing}`, 'params/required',
        `pipeline "${pipeline}" needs parameter "${missing}", which has no default`, `add \`${missing}: <value>\` under ${pipeline}`))];
    }
    const value = name !== undefined ? entry.values.get(name) : undefined;
    const written = value?.writtenInteger;
    return [at(value?.valueOffset ?? entry.keyOffset, problem(name !== undefined ? `${pipeline}.${name}` : pipeline, `params/${e.keyword}`,
      `parameter "${name}" of pipeline "${pipeline}": ${expectedVsGot(e, written !== undefined ? `number ${written}` : describeValue(name !== undefined ? data[name] : data))}`,
      written !== undefined && e.keyword === 'type' && (e.params as { type?: unknown }).type === 'string'
        ? `quote the value to make it a string: ${name}: "${written}"` : fixFor(e, name !== undefined ? data[name] : undefined)))];
  })];
}

/**
 * What is wrong with an integer past ±2^53 that a parameter of this schema takes as a number (a numeric type, or
 * none): kfops would pass on the nearest number, and Argo itself reads unquoted numbers as 64-bit floats (its
 * `AnyString`), so the digits are lost either way. A string or boolean parameter reports it as the wrong type,
 * as it would any number. Undefined when that is the case.
 */
function inexactInteger(pipeline: string, name: string, written: string, schema: unknown): UnplacedProblem | undefined {
  const type = isObject(schema) ? schema.type : undefined;
  const types = Array.isArray(type) ? type : type === undefined ? [] : [type];
  const numeric = types.includes('integer') || types.includes('number');
  if (!numeric && types.length > 0) return undefined;
  return problem(`${pipeline}.${name}`, 'params/inexact-number',
    `parameter "${name}" of pipeline "${pipeline}" is ${written}, which kfops cannot pass on exactly (integers must lie within ±${Number.MAX_SAFE_INTEGER})`,
    numeric ? `use an integer within ±${Number.MAX_SAFE_INTEGER}, or make the parameter a string and quote the value` : `quote the value to pass it as written: ${name}: "${written}"`);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function problem(path: string, rule: string, message: string, fix?: string): UnplacedProblem {
  return fix === undefined ? { path, rule, message } : { path, rule, message, fix };
}

/** @param got the value as messages show it ({@link describeValue}) */
function expectedVsGot(e: ErrorObject, got: string): string {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'type': return `expected ${String(p.type)}, got ${got}`;
    case 'enum': return `expected one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}, got ${got}`;
    case 'minimum': case 'maximum': case 'exclusiveMinimum': case 'exclusiveMaximum':
      return `expected ${String(p.comparison)} ${String(p.limit)} (${e.keyword}), got ${got}`;
    case 'pattern': return `expected a string matching /${String(p.pattern)}/, got ${got}`;
    case 'const': return `expected ${JSON.stringify(p.allowedValue)}, got ${got}`;
    default: return `${e.message ?? 'invalid'}, got ${got}`;
  }
}

function fixFor(e: ErrorObject, value: unknown): string | undefined {
  const p = e.params as Record<string, unknown>;
  if (e.keyword === 'type' && p.type === 'string') return 'quote the value to make it a string';
  if (e.keyword === 'enum') {
    const allowed = (p.allowedValues as unknown[]).map(String);
    const suggestion = typeof value === 'string' ? suggestName(value, allowed) : undefined;
    return suggestion ? `did you mean "${suggestion}"?` : 'use one of the allowed values';
  }
  return undefined;
}

function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (typeof value === 'string') return `string ${JSON.stringify(value)}`;
  if (typeof value === 'number') return `number ${value}`;
  if (typeof value === 'boolean') return `boolean ${value}`;
  return Array.isArray(value) ? 'a list' : 'a mapping';
}
