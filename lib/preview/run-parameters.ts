import type { ErrorObject } from 'ajv';
import { displayText } from '../publish/display-text';
import { UserError } from '../user-error';
import { ARGO_EXPRESSION_TAG, compileParameterSchema, ParameterSchema } from '../params';
import { suggestName } from '../suggest-name';
import { RunParameter } from './run-preview';

/** A `--param NAME=VALUE` override. */
export interface ParameterOverride {
  readonly name: string;
  readonly value: string;
}

type Obj = Record<string, unknown>;

/**
 * The mark of a value that holds an Argo expression on purpose, as params files write it (`!argo '...'`, see
 * lib/validate/params/params-reader.ts): on the command line `--param 'NAME=!argo VALUE'`.
 */
const ARGO_EXPRESSION_MARK = `${ARGO_EXPRESSION_TAG} `;

/**
 * Reads `--param NAME=VALUE` flags (the value may hold `=`). A value holding `{{` is an Argo expression, which
 * Argo evaluates when the run starts: refused unless marked with `!argo `, as a params file's value must be.
 *
 * @throws UserError (exit 2) for a flag without `=` or a name given twice; (exit 1) for an unmarked `{{`
 */
export function parseParamFlags(flags: readonly string[]): ParameterOverride[] {
  const out: ParameterOverride[] = [];
  for (const flag of flags) {
    const eq = flag.indexOf('=');
    if (eq <= 0) throw new UserError(`--param ${displayText(flag)}: expected NAME=VALUE, e.g. --param train-steps=12345`, 2);
    const name = flag.slice(0, eq);
    if (out.some((o) => o.name === name)) throw new UserError(`--param ${displayText(name)} is given twice; pass each parameter once`, 2);
    const written = flag.slice(eq + 1);
    const marked = written.startsWith(ARGO_EXPRESSION_MARK);
    const value = marked ? written.slice(ARGO_EXPRESSION_MARK.length) : written;
    if (!marked && value.includes('{{')) {
      throw new UserError(`--param ${displayText(flag)}: the value holds "{{", an Argo expression, which Argo evaluates when the run starts `
        + `(fix: to pass it on purpose, mark it as params files do: --param '${displayText(name)}=${ARGO_EXPRESSION_MARK}${displayText(value)}')`, 1);
    }
    out.push({ name, value });
  }
  return out;
}

/**
 * The parameters a run gets: the WorkflowTemplate's `spec.arguments.parameters` (the pipeline's defaults with the
 * environment's values already applied by synth), then those of the submitted Workflow, then `--param`
 * overrides, in the order the template lists them. Overrides are checked the way `kfops validate --params` checks
 * a params file (the `kfops.dev/parameter-schema` annotation: type, range, pattern, enum) and against Argo's own
 * `enum`.
 *
 * @param where names the pipeline in errors, e.g. `workflow1 (dist/prod/workflowtemplate-workflow1.yaml)`
 * @throws UserError (exit 1) naming each bad override and its fix, or a parameter left without a value
 */
export function runParameters(template: readonly Obj[], workflow: readonly Obj[], overrides: readonly ParameterOverride[],
  schema: ParameterSchema | undefined, where: string): { parameters: RunParameter[]; arguments: Obj[] } {
  const merged = new Map<string, { param: Obj; source: RunParameter['source'] }>();
  for (const p of template) if (typeof p.name === 'string') merged.set(p.name, { param: p, source: 'template' });
  for (const p of workflow) if (typeof p.name === 'string') merged.set(p.name, { param: { ...merged.get(p.name)?.param, ...p }, source: 'workflow' });
  const problems: string[] = [];
  for (const o of overrides) {
    const known = merged.get(o.name);
    if (!known) {
      const suggestion = suggestName(o.name, merged.keys());
      problems.push(`--param ${displayText(`${o.name}=${o.value}`)}: ${where} has no parameter ${JSON.stringify(o.name)} (${suggestion ? `did you mean "${suggestion}"?` : `its parameters: ${[...merged.keys()].join(', ') || 'none'}`})`);
      continue;
    }
    const problem = checkOverride(o, known.param, schemaOf(schema, o.name));
    if (problem) problems.push(`--param ${displayText(`${o.name}=${o.value}`)}: ${problem}`);
    merged.set(o.name, { param: { ...known.param, value: o.value }, source: 'override' });
  }
  for (const [name, { param }] of merged) {
    if (param.value === undefined || param.value === null) {
      if (param.valueFrom === undefined) problems.push(`parameter "${name}" of ${where} has no value (pass --param ${name}=VALUE)`);
    }
  }
  if (problems.length > 0) {
    throw new UserError(problems.length === 1 ? problems[0] : `${problems.length} problems with the parameters:\n  ${problems.join('\n  ')}`, 1);
  }
  const args = [...merged.values()].map(({ param }) => param);
  const parameters = [...merged.entries()].map(([name, { param, source }]) => withoutUndefined({
    name, value: param.value === undefined || param.value === null ? '' : String(param.value), source,
    description: typeof param.description === 'string' ? param.description : undefined,
  }));
  return { parameters, arguments: args };
}

function schemaOf(schema: ParameterSchema | undefined, name: string): ParameterSchema | undefined {
  const properties = schema?.properties;
  const property = properties && typeof properties === 'object' ? (properties as Obj)[name] : undefined;
  return property && typeof property === 'object' ? property as ParameterSchema : undefined;
}

/** What is wrong with an override, with the fix, or undefined. */
function checkOverride(o: ParameterOverride, param: Obj, schema: ParameterSchema | undefined): string | undefined {
  const typed = schema ? typedValue(o.value, schema.type) : o.value;
  if (typed instanceof Error) return typed.message;
  if (schema) {
    const validate = compileParameterSchema(schema);
    if (!validate(typed)) return describeSchemaError(o, validate.errors?.[0]);
  }
  const allowed = Array.isArray(param.enum) ? param.enum.map(String) : undefined;
  if (allowed && !allowed.includes(o.value)) return enumProblem(o.value, allowed);
  return undefined;
}

/** The override as the schema's type reads it: Argo passes strings, the schema speaks JSON. */
function typedValue(value: string, type: unknown): unknown {
  switch (type) {
    case 'integer':
      if (!/^-?\d+$/.test(value)) return new Error(`expected an integer, got ${JSON.stringify(value)} (give a whole number, e.g. 12345)`);
      if (!Number.isSafeInteger(Number(value))) return new Error(`${value} is too large to be exact as an integer (stay within ±${Number.MAX_SAFE_INTEGER})`);
      return Number(value);
    case 'number':
      if (!/^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/.test(value)) return new Error(`expected a number, got ${JSON.stringify(value)} (e.g. 0.01 or 1e-3)`);
      return Number(value);
    case 'boolean':
      if (value !== 'true' && value !== 'false') return new Error(`expected true or false, got ${JSON.stringify(value)}`);
      return value === 'true';
    default:
      return value;
  }
}

function describeSchemaError(o: ParameterOverride, e: ErrorObject | undefined): string {
  const p = (e?.params ?? {}) as Record<string, unknown>;
  switch (e?.keyword) {
    case 'minimum': case 'maximum': case 'exclusiveMinimum': case 'exclusiveMaximum':
      return `must be ${String(p.comparison)} ${String(p.limit)} (${e.keyword} of the parameter), got ${o.value} (give a value ${String(p.comparison)} ${String(p.limit)})`;
    case 'enum':
      return enumProblem(o.value, (p.allowedValues as unknown[]).map(String));
    case 'pattern':
      return `must match /${String(p.pattern)}/, got ${JSON.stringify(o.value)}`;
    default:
      return `${e?.message ?? 'is not valid'}, got ${JSON.stringify(o.value)}`;
  }
}

function enumProblem(value: string, allowed: readonly string[]): string {
  const suggestion = suggestName(value, allowed);
  return `must be one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}, got ${JSON.stringify(value)}${suggestion ? ` (did you mean "${suggestion}"?)` : ''}`;
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
