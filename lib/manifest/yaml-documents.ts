import { loadAll, LoadOptions, State, YAMLException } from 'js-yaml';
import { AliasProblem, checkAliasExpansion } from './alias-expansion';
import { NOT_BLOCK_YAML, readBlockYaml } from './block-yaml';
import { mayHoldMergeKeys, MergeOrder } from './merge-order';
import { ManifestReadError, ReadErrorReason } from './read-error';
import { KUBERNETES_YAML_SCHEMA } from './yaml-schema';
import { nextTokenAt } from './next-token';

/**
 * Nesting deeper than this is refused. Real manifests nest a few dozen levels (CRD schemas the most); the bound
 * keeps hostile input from exhausting the stack of the parser or of anything that walks the result.
 */
export const MAX_DEPTH = 1000;

/** Keys copied by merge keys (`<<`) per document; a merge-key bomb copies millions. */
export const MAX_MERGED_KEYS = 100_000;

/** The text without a leading byte-order mark: what offsets in a `ManifestSource` count in. */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** One YAML document of a file: its text range and the line its content starts on. */
export interface YamlChunk {
  /** offset of the document's first character (its `---` line, if any) in the file's text */
  readonly offset: number;
  /** offset just past its last character */
  readonly end: number;
  /** 1-based line of `offset` */
  readonly line: number;
}

/**
 * Splits a file into documents at `---` lines, as Kubernetes' YAMLReader does: a line starting with `---` followed
 * by a space, a tab or the end of the line starts a document. Each document is then parsed on its own, so one
 * broken document does not hide the others and memory is spent one document at a time.
 */
export function splitDocuments(text: string): YamlChunk[] {
  const starts: number[] = [0];
  const marker = (at: number) => text.startsWith('---', at) && (at + 3 === text.length || ' \t\r\n'.includes(text[at + 3]));
  for (let at = text.indexOf('\n---'); at >= 0; at = text.indexOf('\n---', at + 1)) {
    if (marker(at + 1)) starts.push(at + 1);
  }
  const chunks: YamlChunk[] = [];
  let line = 1;
  let counted = 0;
  for (let i = 0; i < starts.length; i++) {
    const offset = starts[i];
    for (let nl = text.indexOf('\n', counted); nl >= 0 && nl < offset; nl = text.indexOf('\n', nl + 1)) line++;
    counted = offset;
    const end = i + 1 < starts.length ? starts[i + 1] : text.length;
    if (offset === 0 && end === 0) continue;
    chunks.push({ offset, end, line });
  }
  return chunks;
}

/** The 1-based line where a document's content starts: after its `---`, blank lines and comments. */
export function contentLine(text: string, chunk: YamlChunk): number {
  let line = chunk.line;
  let at = chunk.offset;
  while (at < chunk.end) {
    const nl = text.indexOf('\n', at);
    const lineEnd = nl < 0 || nl > chunk.end ? chunk.end : nl;
    const content = text.slice(at, lineEnd).replace(/^---(?=\s|$)/, '').trim();
    if (content !== '' && !content.startsWith('#')) return line;
    if (nl < 0 || nl >= chunk.end) break;
    at = nl + 1;
    line++;
  }
  return chunk.line;
}

/**
 * Parses every document of a YAML text (empty documents are `null`) with Kubernetes' reading of YAML.
 *
 * @throws ManifestReadError for the first document that cannot be read
 */
export function parseYamlDocuments(text: string, file: string): unknown[] {
  const body = stripBom(text);
  return splitDocuments(body).flatMap((chunk) => parseChunk(body, chunk, file));
}

/**
 * Parses a file that holds one YAML document (a params file, `cdk8s.yaml`, a KFP `component.yaml`) with the same
 * reading of YAML as manifests; an empty file is `null`.
 *
 * @throws ManifestReadError for invalid YAML, and for a second document
 */
export function parseYamlFile(text: string, file: string, options: ParseOptions = {}): unknown {
  const body = stripBom(text);
  const values = splitDocuments(body).flatMap((chunk) => parseChunk(body, chunk, file, options).map((value) => ({ value, chunk })));
  if (values.length > 1) {
    throw new ManifestReadError({ file, line: contentLine(body, values[1].chunk), reason: ReadErrorReason.SYNTAX,
      problem: 'holds more than one YAML document', fix: 'keep one document: remove the `---` line' });
  }
  return values[0]?.value ?? null;
}

/** A problem found while parsing, at an offset of the parsed text. */
class ParseProblem extends Error {
  constructor(readonly reason: ReadErrorReason, readonly problem: string, readonly fix: string, readonly offset?: number) {
    super(problem);
  }
}

/** Could be an anchor (`&name`) or an alias (`*name`): the indicator where a node may start, then a name character. */
const ANCHOR = /(?:^|[\s[{,:-])&[^\s,[\]{}]/;
const ALIAS = /(?:^|[\s[{,:-])\*[^\s,[\]{}]/;

type LoadOptionsWithLimits = LoadOptions & { maxDepth: number; maxTotalMergeKeys: number };

/** A js-yaml node listener: `open` as a node starts, `close` once its value is built. */
export type NodeListener = (event: 'open' | 'close', state: State) => void;

/** How {@link parseChunk} (and the parsers built on it) read. */
export interface ParseOptions {
  /** also receives js-yaml's node events, to record positions */
  readonly listener?: NodeListener;
  /**
   * Receives the problems a reader can step over, which otherwise stop the parse: a mapping, sequence or null used
   * as a key (the key then reads as a string starting with {@link REFUSED_KEY_PREFIX}, unlike any written key) and
   * a value JSON cannot hold (which then reads as {@link REFUSED_VALUE}). So a params file reports every problem.
   * @default - the first problem throws
   */
  readonly recover?: (problem: ManifestReadError) => void;
  /** a key given twice keeps its last value instead of being refused, as kustomize reads kustomization files @default false */
  readonly lastKeyWins?: boolean;
}

/** What a refused key reads as (followed by a number) when {@link ParseOptions.recover} is given. */
export const REFUSED_KEY_PREFIX = '\u0000refused-key-';
/** What a refused value reads as when {@link ParseOptions.recover} is given. */
export const REFUSED_VALUE: unique symbol = Symbol('refused value');

/**
 * Parses one document chunk (as {@link splitDocuments} cut it) with Kubernetes' reading of YAML. Usually one value;
 * none for an empty or comment-only document; several only when the chunk holds `...` document ends.
 *
 * @throws ManifestReadError naming `file:line:col` for invalid or hostile YAML
 */
export function parseChunk(text: string, chunk: YamlChunk, file: string, parse: ParseOptions = {}): unknown[] {
  const source = text.slice(chunk.offset, chunk.end);
  const { listener, recover } = parse;
  // Most documents are block YAML, which the line reader reads faster; it leaves every other one, and every error,
  // to js-yaml. Positions (a listener), recovery and kustomize's last-key-wins need js-yaml's own reading.
  if (!listener && !recover && parse.lastKeyWins !== true) {
    const value = readBlockYaml(source);
    if (value !== NOT_BLOCK_YAML) return [value];
  }
  const merges = mayHoldMergeKeys(source) ? new MergeOrder(source).listener : undefined;
  let refused = 0;
  const options: LoadOptionsWithLimits = {
    schema: KUBERNETES_YAML_SCHEMA,
    maxDepth: MAX_DEPTH,
    maxTotalMergeKeys: MAX_MERGED_KEYS,
    json: parse.lastKeyWins === true,
    listener(event, state) {
      if (event === 'close') {
        const problem = checkNode(source, state);
        if (problem) {
          if (!recover) throw problem;
          recover(toReadError(problem, source, chunk, file));
          state.result = problem.reason === ReadErrorReason.COMPLEX_KEY ? `${REFUSED_KEY_PREFIX}${refused++}` : REFUSED_VALUE;
          state.kind = 'scalar';
        }
      }
      merges?.(event, state);
      listener?.(event, state);
    },
  };
  try {
    const values = loadAll(source, null, options);
    // Only a document with an anchor and an alias can share nodes; most have neither and skip the walk.
    return mayShareNodes(source) ? values.map((v) => checkAliasExpansion(v, MAX_DEPTH)) : values;
  } catch (err) {
    throw toReadError(err, source, chunk, file);
  }
}

function mayShareNodes(source: string): boolean {
  return source.includes('&') && source.includes('*') && ANCHOR.test(source) && ALIAS.test(source);
}

/** What go-yaml and JSON cannot hold: non-scalar and null keys, `.inf` and `.nan`. */
function checkNode(source: string, state: State): ParseProblem | undefined {
  const value: unknown = state.result;
  if (typeof value === 'number') {
    if (Number.isFinite(value)) return undefined;
    return new ParseProblem(ReadErrorReason.NOT_JSON, `${value} is not a number JSON can hold, so Kubernetes cannot read it`,
      'quote it to make it a string, or write a finite number', state.position);
  }
  if (value !== null && typeof value !== 'object') return undefined;
  // A node followed by `:` is a mapping key; JSON (and so Kubernetes) keys are strings.
  const at = nextTokenAt(source, state.position);
  if (source[at] !== ':') return undefined;
  const what = value === null ? 'an empty (null) key' : Array.isArray(value) ? 'a sequence used as a key' : 'a mapping used as a key';
  return new ParseProblem(ReadErrorReason.COMPLEX_KEY, `${what}: keys must be strings, as in JSON (Kubernetes refuses it)`,
    'write the key as a plain string', at);
}

function toReadError(err: unknown, source: string, chunk: YamlChunk, file: string): ManifestReadError {
  const at = (offset: number | undefined) => {
    if (offset === undefined) return { line: chunk.line };
    const before = source.slice(0, offset);
    const lineInChunk = before.split('\n').length - 1;
    return { line: chunk.line + lineInChunk, column: offset - (before.lastIndexOf('\n') + 1) + 1 };
  };
  if (err instanceof ManifestReadError) return err;
  if (err instanceof ParseProblem) {
    return new ManifestReadError({ file, reason: err.reason, problem: err.problem, fix: err.fix, ...at(err.offset) });
  }
  if (err instanceof AliasProblem) {
    return new ManifestReadError({ file, reason: err.reason, problem: err.message, fix: 'write the repeated values out, or use fewer aliases', line: chunk.line });
  }
  if (err instanceof YAMLException) {
    const offset = err.mark?.position;
    const reason = err.reason ?? 'invalid YAML';
    if (reason === 'duplicated mapping key') {
      const written = /^\s*("(?:[^"\\\n]|\\.)*"|'(?:[^'\n]|'')*'|[^:\n]*?)\s*:/.exec(source.slice(offset ?? 0))?.[1];
      // JSON-quoted, so a key holding control characters cannot reach a terminal raw.
      const key = written === undefined ? '' : ` ${JSON.stringify(written.replace(/^(["'])(.*)\1$/s, '$2').slice(0, 80))}`;
      return new ManifestReadError({ file, reason: ReadErrorReason.DUPLICATE_KEY, ...at(offset),
        problem: `duplicate key${key}`, fix: 'keep one of the duplicate keys' });
    }
    if (reason.startsWith('nesting exceeded maxDepth')) {
      return new ManifestReadError({ file, reason: ReadErrorReason.TOO_DEEP, ...at(offset),
        problem: `nested more than ${MAX_DEPTH} levels deep`, fix: 'flatten the structure; no Kubernetes object nests this deep' });
    }
    if (reason.startsWith('merge keys exceeded') || reason === 'abnormal merge sequence size') {
      return new ManifestReadError({ file, reason: ReadErrorReason.ALIAS_BOMB, ...at(offset),
        problem: `merge keys (<<) copy more than ${MAX_MERGED_KEYS} keys`, fix: 'write the merged values out, or merge fewer times' });
    }
    return new ManifestReadError({ file, reason: ReadErrorReason.SYNTAX, ...at(offset),
      problem: `YAML syntax error: ${reason}`, fix: 'fix the YAML at that position' });
  }
  if (err instanceof RangeError) {
    // js-yaml recursion that still overflowed the stack: treat as too deep rather than crash.
    return new ManifestReadError({ file, reason: ReadErrorReason.TOO_DEEP, ...at(undefined),
      problem: 'nested too deeply to read', fix: 'flatten the structure' });
  }
  throw err;
}
