import {
  FilePositions, ManifestReadError, parseYamlFile, PositionedNode, PositionRecorder, readTextFile, REFUSED_KEY_PREFIX,
  REFUSED_VALUE, stripBom,
} from '../manifest';

/** The YAML tag that marks a params value as an Argo expression on purpose: `start: !argo '{{workflow.creationTimestamp}}'`. */
export const ARGO_EXPRESSION_TAG = '!argo';

/** A problem in a params file, at its line and column. Every one is an error: synth refuses the file. */
export interface ParamsProblem {
  /** the file as messages name it */
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** where in the file's data: `pipeline.parameter`, a pipeline's name, or `''` for the file itself */
  readonly path: string;
  /** `params/<what>`: `params/unknown-parameter`, `params/complex-key`, ... */
  readonly rule: string;
  readonly message: string;
  /** how to fix it, when kfops can tell */
  readonly fix?: string;
}

/** A problem before its position is known: where it is, as an offset in the file. */
export type UnplacedProblem = Omit<ParamsProblem, 'file' | 'line' | 'column'>;

/** One value of a params file and where it is written. */
export interface ParamsValue {
  /** the value as YAML reads it (Kubernetes' reading: `yes` is true, `0x10` is 16), or null when left empty */
  readonly value: string | number | boolean | null;
  /** true when tagged {@link ARGO_EXPRESSION_TAG}: a `{{...}}` that Argo evaluates at run time, on purpose */
  readonly argoExpression: boolean;
  /**
   * The integer as written (`9007199254740993`), when a JavaScript number cannot hold it exactly: `value` is then
   * the nearest number, and the parameter's type decides what is wrong (see `checkParams`).
   */
  readonly writtenInteger?: string;
  readonly keyOffset: number;
  readonly valueOffset: number;
}

/** A pipeline's entry in a params file. */
export interface ParamsPipeline {
  readonly keyOffset: number;
  /** parameter name -> value, in file order */
  readonly values: ReadonlyMap<string, ParamsValue>;
  /** parameters whose value was refused (a problem says why) */
  readonly refused: ReadonlySet<string>;
}

/** What {@link readParamsText} read: the values, and what is wrong with the file's shape. */
export interface ParamsContent {
  /** pipeline name -> its values, in file order */
  readonly pipelines: ReadonlyMap<string, ParamsPipeline>;
  /** problems found while reading (syntax, shape, keys, inexact numbers, unmarked Argo expressions) */
  readonly problems: readonly ParamsProblem[];
  /** places a problem found at an offset of the file */
  readonly at: (offset: number, problem: UnplacedProblem) => ParamsProblem;
}

/**
 * Reads a params file's text from disk. The file is named by the project (`pipelines/params/<env>.yaml`) or the
 * user (`--params`), so a link there is followed.
 *
 * @param file the file as messages name it
 * @throws ManifestReadError when it cannot be read or is not text
 */
export function readParamsFile(absolutePath: string, file: string): string {
  return readTextFile(absolutePath, file, { followLink: true });
}

/**
 * The one params-file reader, used by synth (environment values) and by `kfops validate --params`, so both accept
 * exactly the same files. A params file is one YAML document, read as manifests are (lib/manifest: Kubernetes'
 * YAML, duplicate keys refused, alias limits), mapping pipeline names to mappings of parameter names to single
 * values. Refused, each at its `file:line:col`: keys that are not plain strings (`? [train-steps] : x`),
 * `__proto__` keys, values that are mappings or sequences or that JSON cannot hold (`.inf`), and strings containing `{{` unless
 * tagged {@link ARGO_EXPRESSION_TAG}. Scalar aliases (`project: *p`) are fine. Integers a JavaScript number cannot
 * hold exactly (`9007199254740993`) keep their digits as written in {@link ParamsValue.writtenInteger}: whether
 * one is wrong depends on its parameter's type, which `checkParams` knows. Every problem is reported: only invalid
 * YAML (a syntax error, a duplicate key, an alias bomb) stops the reading.
 *
 * @param file the file as messages name it
 * @param text the file's content
 */
export function readParamsText(file: string, text: string): ParamsContent {
  const body = stripBom(text);
  const positions = new FilePositions(body);
  const at = (offset: number, problem: UnplacedProblem): ParamsProblem => ({ ...problem, file, ...positions.position(offset) });
  const pipelines = new Map<string, ParamsPipeline>();
  const problems: ParamsProblem[] = [];
  const fromReader = (err: ManifestReadError): ParamsProblem => ({
    file, path: '', rule: `params/${err.reason}`, message: err.problem, fix: err.fix, line: err.line ?? 1, column: err.column ?? 1,
  });
  // The YAML reader reports what it steps over as it parses, the rest comes from the walk: list them in file order.
  const done = (): ParamsContent => ({ pipelines, problems: [...problems].sort((a, b) => a.line - b.line || a.column - b.column), at });
  const recorder = new PositionRecorder(body);
  try {
    parseYamlFile(body, file, { listener: recorder.listener, recover: (err) => problems.push(fromReader(err)) });
  } catch (err) {
    if (!(err instanceof ManifestReadError)) throw err;
    problems.push(fromReader(err));
    return done();
  }
  const root = recorder.roots.find((r) => !(r.kind === 'scalar' && r.value === null));
  if (!root) return done();
  if (root.kind !== 'mapping') {
    problems.push(at(root.offset, shape('', 'a params file maps pipeline names to their parameters',
      'write `<pipeline>:` then `  <parameter>: <value>` lines')));
    return done();
  }
  for (const entry of root.entries) {
    const pipeline = nameOf(entry.key, 'pipeline', at, problems);
    if (pipeline === undefined) continue;
    const values = new Map<string, ParamsValue>();
    const refused = new Set<string>();
    pipelines.set(pipeline, { keyOffset: entry.key.offset, values, refused });
    const node = entry.value;
    if (!node || (node.kind === 'scalar' && node.value === null)) continue;
    if (node.kind !== 'mapping') {
      problems.push(at(node.offset, shape(pipeline, `pipeline "${pipeline}" must map parameter names to values`,
        'write `  <parameter>: <value>` lines under the pipeline name')));
      continue;
    }
    for (const pair of node.entries) {
      const parameter = nameOf(pair.key, 'parameter', at, problems);
      if (parameter === undefined) continue;
      const value = readValue(body, pipeline, parameter, pair.key, pair.value, at, problems);
      if (value) values.set(parameter, value);
      else refused.add(parameter);
    }
  }
  return done();
}

type At = ParamsContent['at'];

function shape(path: string, message: string, fix: string): UnplacedProblem {
  return { path, rule: 'params/shape', message, fix };
}

function nameOf(key: PositionedNode, what: string, at: At, problems: ParamsProblem[]): string | undefined {
  // A key the YAML reader refused (a mapping or sequence used as a key) is reported already.
  if (key.kind === 'scalar' && typeof key.value === 'string' && key.value.startsWith(REFUSED_KEY_PREFIX)) return undefined;
  if (key.kind !== 'scalar' || key.value === null || typeof key.value === 'object') {
    problems.push(at(key.offset, { path: '', rule: 'params/complex-key', message: `a ${what} name must be a plain string`, fix: `write the ${what} name as a string` }));
    return undefined;
  }
  const name = String(key.value);
  if (name === '__proto__') {
    problems.push(at(key.offset, { path: name, rule: 'params/reserved-key', message: `"__proto__" cannot be a ${what} name`, fix: `rename the ${what}` }));
    return undefined;
  }
  return name;
}

function readValue(
  body: string, pipeline: string, parameter: string, key: PositionedNode, node: PositionedNode | undefined, at: At, problems: ParamsProblem[],
): ParamsValue | undefined {
  const path = `${pipeline}.${parameter}`;
  const of = `parameter "${parameter}" of pipeline "${pipeline}"`;
  if (!node) return { value: null, argoExpression: false, keyOffset: key.offset, valueOffset: key.offset };
  // A value the YAML reader refused (`.inf`) is reported already.
  if (node.kind === 'scalar' && node.value === REFUSED_VALUE) return undefined;
  if (node.kind !== 'scalar' || (node.value !== null && typeof node.value === 'object')) {
    const kind = node.kind === 'sequence' || (node.kind === 'scalar' && Array.isArray(node.value)) ? 'sequence' : 'mapping';
    problems.push(at(node.offset, shape(path, `${of} must be a single value, not a ${kind}`, 'write one string, number or boolean; quote text that holds {{, [ or {')));
    return undefined;
  }
  const value = node.value as string | number | boolean | null;
  const argoExpression = node.tag === ARGO_EXPRESSION_TAG;
  if (node.tag !== undefined && !argoExpression && !node.tag.startsWith('tag:yaml.org,2002:')) {
    problems.push(at(node.offset, { path, rule: 'params/tag', message: `${of} has the tag ${node.tag}; the only tag params files take is ${ARGO_EXPRESSION_TAG}`,
      fix: `remove the tag, or write ${ARGO_EXPRESSION_TAG} for an Argo expression` }));
    return undefined;
  }
  if (typeof value === 'string' && value.includes('{{') && !argoExpression) {
    problems.push(at(node.offset, { path, rule: 'params/argo-expression', message: `${of} contains "{{", which Argo evaluates as an expression at run time`,
      fix: `tag the value ${ARGO_EXPRESSION_TAG} if it is meant as one (${parameter}: ${ARGO_EXPRESSION_TAG} '...'), or remove the braces` }));
    return undefined;
  }
  const writtenInteger = typeof value === 'number' && Number.isInteger(value) && !Number.isSafeInteger(value)
    ? integerAsWritten(body, node.offset, node.end) ?? String(value) : undefined;
  return { value, argoExpression, keyOffset: key.offset, valueOffset: node.offset, ...(writtenInteger !== undefined && { writtenInteger }) };
}

const INTEGER_TEXT = /^[-+]?(?:0[xob])?[0-9a-f_]+$/i;

/**
 * An integer literal as written at `offset` (anchor and tags left out), or for an alias (`*n`) as written at the
 * last anchor of that name before it; undefined when the text is not an integer literal.
 */
function integerAsWritten(body: string, offset: number, end: number): string | undefined {
  const text = body.slice(offset, end).replace(/^(?:[&!]\S*\s+)*/, '').trim();
  const alias = /^\*(\S+)$/.exec(text);
  if (!alias) return INTEGER_TEXT.test(text) ? text : undefined;
  const anchor = `&${alias[1]}`;
  for (let at = body.lastIndexOf(anchor, offset); at >= 0; at = body.lastIndexOf(anchor, at - 1)) {
    const after = /^\s+(?:!\S*\s+)?([^\s#,\]}]+)/.exec(body.slice(at + anchor.length, at + anchor.length + 200));
    if (after) return INTEGER_TEXT.test(after[1]) ? after[1] : undefined;
    if (at === 0) break;
  }
  return undefined;
}
