import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { isMap, isPair, isScalar, LineCounter, Node, parseAllDocuments, Scalar, YAMLMap } from 'yaml';
import { suggestName } from '../suggest-name';
import { error, Violation } from '../violation';

/** A JSON Schema object, as the `kfops.dev/parameter-schema` annotation holds it. */
export type ParameterSchema = Record<string, unknown>;

/** A problem in a params file, located by line and column. */
export interface ParamsViolation extends Violation {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const compiled = new Map<string, ValidateFunction>();

/** Compiles a pipeline's parameter schema once per distinct schema. */
export function compileParameterSchema(schema: ParameterSchema): ValidateFunction {
  const key = JSON.stringify(schema);
  let validate = compiled.get(key);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(key, validate);
  }
  return validate;
}

/**
 * Validates a params file (`pipelines/params/<env>.yaml`: `<pipeline>: {<parameter>: value}`) against each
 * pipeline's parameter schema. Every violation carries the file, line and column; unknown pipeline and parameter
 * names suggest the closest known one; type, range, enum and pattern errors say what was expected and what was
 * found.
 *
 * Independent of any manifests on disk, so synth can call it before using the values.
 *
 * @param file the file name to report (as the user should see it)
 * @param text the file's contents
 * @param schemas JSON Schema of each pipeline's parameters, by pipeline name
 * @example
 * validateParamsFile('pipelines/params/prod.yaml', 'train: {epocs: 3}\n', schemas)
 * // [{ file: 'pipelines/params/prod.yaml', line: 1, column: 9, message: 'pipeline "train" has no parameter "epocs"', fix: 'did you mean "epochs"?', ... }]
 */
export function validateParamsFile(file: string, text: string, schemas: ReadonlyMap<string, ParameterSchema>): ParamsViolation[] {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const documents = Array.isArray(docs) ? docs : [];
  const at = (offset: number | undefined, v: Violation): ParamsViolation => {
    const pos = lineCounter.linePos(offset ?? 0);
    return { ...v, file, line: pos.line, column: pos.col };
  };
  const syntax = documents.flatMap((d) => d.errors);
  if (syntax.length > 0) {
    return syntax.map((e) => at(e.pos[0], error('', e.code === 'DUPLICATE_KEY' ? 'params/duplicate-key' : 'params/syntax',
      e.code === 'DUPLICATE_KEY' ? 'duplicate key' : `YAML syntax error: ${e.message}`,
      e.code === 'DUPLICATE_KEY' ? 'keep one of the duplicate keys' : 'fix the YAML at that position')));
  }
  if (documents.length > 1) {
    return [at(documents[1].range[0], error('', 'params/syntax', 'a params file holds one YAML document', 'merge the documents into one mapping'))];
  }
  const root = documents[0]?.contents ?? null;
  if (root === null || (isScalar(root) && (root.value === null || root.value === ''))) return [];
  if (!isMap(root)) {
    return [at(root.range?.[0], error('', 'params/shape', 'a params file maps pipeline names to their parameters', 'write `<pipeline>:` then `  <parameter>: <value>` lines'))];
  }
  const violations: ParamsViolation[] = [];
  for (const pair of root.items) {
    if (!isPair(pair)) continue;
    const keyNode = pair.key as Node | null;
    const pipeline = isScalar(keyNode) ? String(keyNode.value) : undefined;
    if (pipeline === undefined) continue;
    const schema = schemas.get(pipeline);
    if (!schema) {
      const suggestion = suggestName(pipeline, schemas.keys());
      violations.push(at(keyNode?.range?.[0], error(pipeline, 'params/unknown-pipeline', `there is no pipeline "${pipeline}"`,
        suggestion ? `did you mean "${suggestion}"?` : `known pipelines: ${[...schemas.keys()].join(', ') || '(none)'}`)));
      continue;
    }
    const valueNode = pair.value as Node | null;
    if (valueNode === null || (isScalar(valueNode) && valueNode.value === null)) {
      violations.push(...validateValues(pipeline, schema, undefined, keyNode, at));
      continue;
    }
    if (!isMap(valueNode)) {
      violations.push(at(valueNode.range?.[0], error(pipeline, 'params/shape', `pipeline "${pipeline}" must map parameter names to values`,
        'write `  <parameter>: <value>` lines under the pipeline name')));
      continue;
    }
    violations.push(...validateValues(pipeline, schema, valueNode, keyNode, at));
  }
  return violations;
}

/** Renders a params violation as one line: `file:line:col: message (fix)`. */
export function describeParamsViolation(v: ParamsViolation): string {
  return `${v.file}:${v.line}:${v.column}: ${v.message}${v.fix ? ` (${v.fix})` : ''}`;
}

function validateValues(
  pipeline: string, schema: ParameterSchema, values: YAMLMap | undefined, pipelineKey: Node | null,
  at: (offset: number | undefined, v: Violation) => ParamsViolation,
): ParamsViolation[] {
  const data: Record<string, unknown> = {};
  const keyNodes = new Map<string, Node>();
  const valueNodes = new Map<string, Node>();
  for (const pair of values?.items ?? []) {
    if (!isPair(pair) || !isScalar(pair.key)) continue;
    const name = String((pair.key as Scalar).value);
    keyNodes.set(name, pair.key as Node);
    if (pair.value) valueNodes.set(name, pair.value as Node);
    data[name] = isScalar(pair.value) ? (pair.value as Scalar).value : (pair.value as Node | null)?.toJSON() ?? null;
  }
  const validate = compileParameterSchema(schema);
  if (validate(data)) return [];
  const properties = typeof schema.properties === 'object' && schema.properties !== null ? Object.keys(schema.properties) : [];
  return (validate.errors ?? []).map((e) => {
    const name = e.instancePath.split('/')[1];
    if (e.keyword === 'additionalProperties') {
      const unknown = String((e.params as { additionalProperty: string }).additionalProperty);
      const suggestion = suggestName(unknown, properties);
      return at(keyNodes.get(unknown)?.range?.[0], error(`${pipeline}.${unknown}`, 'params/unknown-parameter',
        `pipeline "${pipeline}" has no parameter "${unknown}"`,
        suggestion ? `did you mean "${suggestion}"?` : `its parameters are: ${properties.join(', ') || '(none)'}`));
    }
    if (e.keyword === 'required') {
      const missing = String((e.params as { missingProperty: string }).missingProperty);
      return at(pipelineKey?.range?.[0], error(`${pipeline}.${missing}`, 'params/required',
        `pipeline "${pipeline}" needs parameter "${missing}", which has no default`, `add \`${missing}: <value>\` under ${pipeline}`));
    }
    const node = name !== undefined ? valueNodes.get(name) ?? keyNodes.get(name) : pipelineKey;
    return at(node?.range?.[0], error(name !== undefined ? `${pipeline}.${name}` : pipeline, `params/${e.keyword}`,
      `parameter "${name}" of pipeline "${pipeline}": ${expectedVsGot(e, name !== undefined ? data[name] : data)}`,
      fixFor(e, name !== undefined ? data[name] : undefined)));
  });
}

function expectedVsGot(e: ErrorObject, value: unknown): string {
  const got = describeValue(value);
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
