import * as fs from 'fs';
import * as path from 'path';
import {
  DEFAULT_MAX_FILE_BYTES, displayPath, FilePositions, formatItemPath, isSkippedFolder, listTree, ManifestReadError, ManifestSource, readErrorExitCode, Position, ReadErrorReason,
  ManifestText, readKustomizationText, readManifestText, readTextFile,
} from '../manifest';
import { CONSTRUCT_METADATA_FILE, isKustomizationFile, KUSTOMIZATION_FILE_NAMES } from '../layout';
import { UserError } from '../user-error';
import { error, ObjectResult, Violation, warning } from './violation';

export { DEFAULT_MAX_FILE_BYTES };

const MANIFEST_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);

/** Options for {@link loadManifests}. */
export interface LoadOptions {
  /** resolves relative paths and shortens file names in reports */
  readonly cwd: string;
  /** files or folders; folders are searched recursively for `*.yaml`, `*.yml` and `*.json` */
  readonly paths: readonly string[];
  /** files larger than this are reported, not read @default DEFAULT_MAX_FILE_BYTES */
  readonly maxFileBytes?: number;
  /** how much of the files' text {@link LoadResult.texts} keeps, in characters @default KEPT_TEXT_CHARS */
  readonly keptTextChars?: number;
}

/** One Kubernetes object read from a file. */
export interface ManifestObject {
  /** the file, relative to cwd, with `/` separators */
  readonly file: string;
  /** the file's absolute path */
  readonly absolutePath: string;
  /** 1-based line where the object's document starts, when the file holds several documents */
  readonly line?: number;
  readonly object: Record<string, unknown>;
  /** where the object sits in its file, for positions of violations */
  readonly source?: ManifestSource;
}

/** What {@link loadManifests} found. */
export interface LoadResult {
  /** the objects, `List` kinds expanded into their items, in file order */
  readonly objects: readonly ManifestObject[];
  /** problems that kept a file or document from yielding an object: syntax errors, binary files, links, ... */
  readonly problems: readonly ObjectResult[];
  /** every manifest file read, absolute */
  readonly files: readonly string[];
  /** the files read that hold no document (empty, or only comments), as reports name them */
  readonly emptyFiles: readonly string[];
  /** the folders among the given paths, absolute: where `construct-metadata.json` may sit */
  readonly roots: readonly string[];
  /** the files named among the given paths, absolute: the only ones read through a symbolic link */
  readonly namedFiles: readonly string[];
  /**
   * The texts of the files read, by absolute path, while they add up to at most `keptTextChars`: positions
   * of violations are looked up in them without reading the files again; larger runs read them again, to keep
   * memory down.
   */
  readonly texts: ReadonlyMap<string, string>;
}

/** How much text {@link LoadResult.texts} keeps: a run of this size reads its files once. */
export const KEPT_TEXT_CHARS = 32 * 1024 * 1024;

/**
 * Reads manifests from files and folders with the manifest reader (lib/manifest), turning every way a file can be
 * unusable into a reported problem. Links inside a folder are refused, never followed.
 *
 * Paths that do not exist or cannot be read are usage errors (a `UserError` with exit code 2), since no report can
 * be made about them.
 */
export function loadManifests(options: LoadOptions): LoadResult {
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  // absolute path -> the file as reports name it
  const files = new Map<string, string>();
  const roots: string[] = [];
  const problems: ObjectResult[] = [];
  const named = new Set<string>();
  for (const given of options.paths) {
    const absolute = path.resolve(options.cwd, given);
    if (statOrThrow(absolute, given).isDirectory()) {
      roots.push(absolute);
      const shownRoot = displayPath(options.cwd, absolute);
      const listing = listTree(absolute, { shownRoot, include: isManifestName, skipFolder: isSkippedFolder });
      // Names built from the root's, not by path.relative per file: a tree may hold tens of thousands.
      const prefix = path.relative(options.cwd, absolute) === '' ? '' : `${shownRoot}/`;
      const charts = new HelmCharts(absolute);
      for (const f of listing.files) {
        if (files.has(f.absolute)) continue;
        const chart = charts.rootOf(f.absolute);
        if (chart === undefined) files.set(f.absolute, `${prefix}${f.relative}`);
        else if (charts.firstSeen(chart)) problems.push(helmChartResult(displayPath(options.cwd, path.join(chart, 'Chart.yaml'))));
      }
      for (const p of listing.problems) problems.push(problemResult(p));
    } else {
      if (!files.has(absolute)) files.set(absolute, displayPath(options.cwd, absolute));
      named.add(absolute);
    }
  }
  const objects: ManifestObject[] = [];
  const emptyFiles: string[] = [];
  const texts = new Map<string, string>();
  const textBudget = options.keptTextChars ?? KEPT_TEXT_CHARS;
  let keptChars = 0;
  for (const [absolutePath, file] of files) {
    let text: string;
    try {
      text = readTextFile(absolutePath, file, { maxBytes, followLink: named.has(absolutePath) });
    } catch (err) {
      if (!(err instanceof ManifestReadError)) throw err;
      problems.push(problemResult(err));
      continue;
    }
    const read = readKustomizeWay(text, file);
    if (keptChars + text.length <= textBudget) {
      texts.set(absolutePath, text);
      keptChars += text.length;
    }
    for (const p of read.problems) problems.push(problemResult(p));
    if (read.nestedLists.length > 0) {
      const positions = new FilePositions(text).locateAll(read.nestedLists.map((source) => ({ source, path: '' })));
      read.nestedLists.forEach((at, i) => problems.push(nestedListResult(file, at, positions[i])));
    }
    if (read.entries.length === 0 && read.problems.length === 0) emptyFiles.push(file);
    const multiple = read.documents > 1;
    for (const { object, source } of read.entries) {
      objects.push(multiple ? { file, absolutePath, line: source.line, object, source } : { file, absolutePath, object, source });
    }
  }
  return { objects, problems, files: [...files.keys()], emptyFiles, roots, namedFiles: [...named], texts };
}

const INPUT_RULE = 'input/';

/**
 * The Helm charts of a tree: a folder holding `Chart.yaml` (and no kustomization), and everything below it. Its templates are not YAML until
 * Helm renders them (`{{ .Values.x }}`), its values files are no objects, and Argo CD renders such a folder with Helm,
 * so its files are not read as manifests; each chart is one warning.
 */
class HelmCharts {
  /** Folder -> the chart it lies in, or null. */
  private readonly chartOf = new Map<string, string | null>();
  private readonly reported = new Set<string>();

  /** @param root the folder given on the command line: charts are looked for up to it */
  constructor(private readonly root: string) {}

  /** The chart folder a file lies in, if any. */
  rootOf(file: string): string | undefined {
    return this.chartAt(path.dirname(file)) ?? undefined;
  }

  /** True the first time a chart is asked about. */
  firstSeen(chart: string): boolean {
    if (this.reported.has(chart)) return false;
    this.reported.add(chart);
    return true;
  }

  private chartAt(dir: string): string | null {
    let chart = this.chartOf.get(dir);
    if (chart === undefined) {
      const above = dir === this.root || !dir.startsWith(this.root) ? null : this.chartAt(path.dirname(dir));
      chart = above ?? (isChartFolder(dir) ? dir : null);
      this.chartOf.set(dir, chart);
    }
    return chart;
  }
}

/** A folder with `Chart.yaml` and no kustomization: Argo CD's discovery takes a folder holding both for Kustomize. */
function isChartFolder(dir: string): boolean {
  const isFile = (name: string) => fs.statSync(path.join(dir, name), { throwIfNoEntry: false })?.isFile() === true;
  try {
    return isFile('Chart.yaml') && !KUSTOMIZATION_FILE_NAMES.some(isFile);
  } catch {
    // A folder that cannot be looked into is reported by the listing.
    return false;
  }
}

/** The warning for a Helm chart found in a folder given to validate. */
function helmChartResult(chartFile: string): ObjectResult {
  return { file: chartFile, violations: [warning('', `${INPUT_RULE}helm-chart`,
    'a Helm chart: its templates are not YAML until Helm renders them (Argo CD renders the folder with Helm), so its files are not checked',
    'render it with `helm template` into a folder and validate that')] };
}

/** Reads a file with the manifest reader; a kustomization file as kustomize reads it, its duplicate keys among the problems. */
function readKustomizeWay(text: string, file: string): ManifestText {
  if (!isKustomizationFile(file)) return readManifestText(text, file);
  const read = readKustomizationText(text, file);
  return { ...read, problems: [...read.duplicateKeys, ...read.problems] };
}

/**
 * A List inside a List: its items are validated (kustomize, which Argo CD renders with, flattens it), but
 * `kubectl apply -f` refuses the whole file, so it is a warning.
 */
function nestedListResult(file: string, at: ManifestSource, position: Position | undefined): ObjectResult {
  const where = formatItemPath(at.itemPath);
  return { file, violations: [{ ...warning(where, `${INPUT_RULE}nested-list`,
    `a List inside a List: kustomize (and Argo CD) flattens it, but kubectl apply -f refuses the file ("is not a list")`,
    'move its items into the outer List, or give them documents of their own'), ...(position ?? { line: at.line }) }] };
}

/** A read problem as validate reports it: a file-level result with one `input/<reason>` violation. */
export function problemResult(err: ManifestReadError): ObjectResult {
  const violation: Violation = { ...error('', `${INPUT_RULE}${err.reason}`, err.statement, err.fix), ...positionOf(err) };
  return { file: err.file, violations: [violation] };
}

/**
 * The exit code the read problems among `results` call for: 2 when a file or folder could not be read (an I/O
 * reason, see `readErrorExitCode`), else 0: invalid content is reported, and fails, like any other error.
 */
export function inputExitCode(results: readonly ObjectResult[]): 0 | 2 {
  for (const result of results) {
    for (const v of result.violations) {
      const reason = v.rule.startsWith(INPUT_RULE) ? v.rule.slice(INPUT_RULE.length) : '';
      // Any other rule (input/nested-list) is no read reason, and readErrorExitCode gives it 1.
      if (readErrorExitCode(reason as ReadErrorReason) === 2) return 2;
    }
  }
  return 0;
}

function positionOf(err: ManifestReadError): { line?: number; column?: number } {
  return { ...(err.line !== undefined && { line: err.line }), ...(err.column !== undefined && { column: err.column }) };
}

function isManifestName(relative: string): boolean {
  const name = relative.slice(relative.lastIndexOf('/') + 1);
  if (name === CONSTRUCT_METADATA_FILE) return false;
  return MANIFEST_EXTENSIONS.has(path.extname(name)) || KUSTOMIZATION_FILE_NAMES.includes(name);
}

function statOrThrow(absolute: string, given: string): fs.Stats {
  try {
    return fs.statSync(absolute);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file or directory' : code === 'EACCES' || code === 'EPERM' ? 'permission denied'
      : code === 'ELOOP' ? 'a symbolic link loop' : (err as Error).message;
    throw new UserError(`cannot read ${given}: ${why} (check the path; \`npx kfops synth\` writes dist/)`, 2);
  }
}
