import { FilePositions, ManifestReadError, parseYamlFile, PositionedNode, PositionRecorder, stripBom } from '../../manifest';
import { error, Violation } from '../violation';

/** The YAML tag that marks a params value as an Argo expression on purpose: `start: !argo '{{workflow.creationTimestamp}}'`. */
export const ARGO_EXPRESSION_TAG = '!argo';

/** A problem in a params file, located by line and column. */
export interface ParamsViolation extends Violation {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/** One value of a params file and where it is written. */
export interface ParamsValue {
  /** the value as YAML reads it (Kubernetes' reading: `yes` is true, `0x10` is 16), or null when left empty */
  readonly value: string | number | boolean | null;
  /** true when tagged {@link ARGO_EXPRESSION_TAG}: a `{{...}}` that Argo evaluates at run time, on purpose */
  readonly argoExpression: boolean;
  readonly keyOffset: number;
  readonly valueOffset: number;
}

/** A pipeline's entry in a params file. */
export interface ParamsPipeline {
  readonly keyOffset: number;
  /** parameter name -> value, in file order */
  readonly values: ReadonlyMap<string, ParamsValue>;
  /** parameters whose value was refused (a violation says why) */
  readonly refused: ReadonlySet<string>;
}

/** What {@link readParamsText} read: the values, and what is wrong with the file's shape. */
export interface ParamsContent {
  /** pipeline name -> its values, in file order */
  readonly pipelines: ReadonlyMap<string, ParamsPipeline>;
  /** problems found while reading (syntax, shape, keys, inexact numbers, unmarked Argo expressions) */
  readonly violations: readonly ParamsViolation[];
  /** the 1-based line and column of an offset in the file */
  readonly at: (offset: number, v: Violation) => ParamsViolation;
}

/**
 * The one params-file reader, used by synth (environment values) and by `kfops validate --params`, so both accept
 * exactly the same files. A params file is one YAML document, read as manifests are (lib/manifest: Kubernetes'
 * YAML, duplicate keys refused, alias limits), mapping pipeline names to mappings of parameter names to single
 * values. Refused, each at its `file:line:col`: keys that are not plain strings (`? [train-steps] : x`),
 * `__proto__` keys, values that are mappings or sequences, integers a JavaScript number cannot hold exactly
 * (`9007199254740993`), and strings containing `{{` unless tagged {@link ARGO_EXPRESSION_TAG}. Scalar aliases
 * (`project: *p`) are fine.
 *
 * @param file the file as messages name it
 * @param text the file's content
 */
export function readParamsText(file: string, text: string): ParamsContent {
  const body = stripBom(text);
  const positions = new FilePositions(body);
  const at = (offset: number, v: Violation): ParamsViolation => ({ ...v, file, ...positions.position(offset) });
  const pipelines = new Map<string, ParamsPipeline>();
  const violations: ParamsViolation[] = [];
  const recorder = new PositionRecorder(body);
  try {
    parseYamlFile(body, file, recorder.listener);
  } catch (err) {
    if (!(err instanceof ManifestReadError)) throw err;
    violations.push({ ...error('', `params/${err.reason}`, err.problem, err.fix), file, line: err.line ?? 1, column: err.column ?? 1 });
    return { pipelines, violations, at };
  }
  const root = recorder.roots.find((r) => !(r.kind === 'scalar' && r.value === null));
  if (!root) return { pipelines, violations, at };
  if (root.kind !== 'mapping') {
    violations.push(at(root.offset, error('', 'params/shape', 'a params file maps pipeline names to their parameters',
      'write `<pipeline>:` then `  <parameter>: <value>` lines')));
    return { pipelines, violations, at };
  }
  for (const entry of root.entries) {
    const pipeline = nameOf(entry.key, 'pipeline', at, violations);
    if (pipeline === undefined) continue;
    const values = new Map<string, ParamsValue>();
    const refused = new Set<string>();
    pipelines.set(pipeline, { keyOffset: entry.key.offset, values, refused });
    const node = entry.value;
    if (!node || (node.kind === 'scalar' && node.value === null)) continue;
    if (node.kind !== 'mapping') {
      violations.push(at(node.offset, error(pipeline, 'params/shape', `pipeline "${pipeline}" must map parameter names to values`,
        'write `  <parameter>: <value>` lines under the pipeline name')));
      continue;
    }
    for (const pair of node.entries) {
      const parameter = nameOf(pair.key, 'parameter', at, violations);
      if (parameter === undefined) continue;
      const value = readValue(body, pipeline, parameter, pair.key, pair.value, at, violations);
      if (value) values.set(parameter, value);
      else refused.add(parameter);
    }
  }
  return { pipelines, violations, at };
}

type At = (offset: number, v: Violation) => ParamsViolation;

function nameOf(key: PositionedNode, what: string, at: At, violations: ParamsViolation[]): string | undefined {
  if (key.kind !== 'scalar' || key.value === null || typeof key.value === 'object') {
    violations.push(at(key.offset, error('', 'params/complex-key', `a ${what} name must be a plain string`, `write the ${what} name as a string`)));
    return undefined;
  }
  const name = String(key.value);
  if (name === '__proto__') {
    violations.push(at(key.offset, error(name, 'params/reserved-key', `"__proto__" cannot be a ${what} name`, `rename the ${what}`)));
    return undefined;
  }
  return name;
}

function readValue(
  body: string, pipeline: string, parameter: string, key: PositionedNode, node: PositionedNode | undefined, at: At, violations: ParamsViolation[],
): ParamsValue | undefined {
  const where = `${pipeline}.${parameter}`;
  const of = `parameter "${parameter}" of pipeline "${pipeline}"`;
  if (!node) return { value: null, argoExpression: false, keyOffset: key.offset, valueOffset: key.offset };
  if (node.kind !== 'scalar' || (node.value !== null && typeof node.value === 'object')) {
    violations.push(at(node.offset, error(where, 'params/shape', `${of} must be a single value, not a ${node.kind === 'sequence' || (node.kind === 'scalar' && Array.isArray(node.value)) ? 'sequence' : 'mapping'}`,
      'write one string, number or boolean; quote text that holds {{, [ or {')));
    return undefined;
  }
  const value = node.value as string | number | boolean | null;
  const argoExpression = node.tag === ARGO_EXPRESSION_TAG;
  if (node.tag !== undefined && !argoExpression && !node.tag.startsWith('tag:yaml.org,2002:')) {
    violations.push(at(node.offset, error(where, 'params/tag', `${of} has the tag ${node.tag}; the only tag params files take is ${ARGO_EXPRESSION_TAG}`,
      `remove the tag, or write ${ARGO_EXPRESSION_TAG} for an Argo expression`)));
    return undefined;
  }
  if (typeof value === 'number' && Number.isInteger(value) && !Number.isSafeInteger(value)) {
    const written = body.slice(node.offset, node.end).replace(/^(?:[&!]\S*\s+)*/, '').trim();
    violations.push(at(node.offset, error(where, 'params/inexact-number',
      `${of} is ${written}, which kfops cannot pass on exactly (integers must lie within ±${Number.MAX_SAFE_INTEGER})`,
      'use a smaller number, or declare the parameter as a string and quote the value')));
    return undefined;
  }
  if (typeof value === 'string' && value.includes('{{') && !argoExpression) {
    violations.push(at(node.offset, error(where, 'params/argo-expression',
      `${of} contains "{{", which Argo evaluates as an expression at run time`,
      `tag the value ${ARGO_EXPRESSION_TAG} if it is meant as one (${parameter}: ${ARGO_EXPRESSION_TAG} '...'), or remove the braces`)));
    return undefined;
  }
  return { value, argoExpression, keyOffset: key.offset, valueOffset: node.offset };
}
