import * as fs from 'fs';
import * as path from 'path';
import { LineCounter, parseAllDocuments } from 'yaml';
import { UserError } from '../user-error';
import { error, ObjectResult, Violation } from './violation';

/** The default per-file size limit: real CRD bundles are 10+ MB, so this leaves ample room. */
export const DEFAULT_MAX_FILE_BYTES = 64 * 1024 * 1024;

/**
 * How many alias expansions one document may make. Real manifests use a handful of anchors; a "billion laughs"
 * document needs thousands, and this bound stops it before memory does.
 */
export const MAX_ALIAS_COUNT = 1000;

/** The file the cdk8s CLI (and kfops synth) writes next to manifests; it is not a manifest. */
export const CONSTRUCT_METADATA_FILE = 'construct-metadata.json';

const MANIFEST_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);
const KUSTOMIZATION_FILES = new Set(['kustomization.yaml', 'kustomization.yml', 'Kustomization']);

/** Options for {@link loadManifests}. */
export interface LoadOptions {
  /** resolves relative paths and shortens file names in reports */
  readonly cwd: string;
  /** files or folders; folders are searched recursively for `*.yaml`, `*.yml` and `*.json` */
  readonly paths: readonly string[];
  /** files larger than this are reported, not read @default DEFAULT_MAX_FILE_BYTES */
  readonly maxFileBytes?: number;
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
}

/** What {@link loadManifests} found. */
export interface LoadResult {
  /** the objects, `List` kinds expanded into their items, in file order */
  readonly objects: readonly ManifestObject[];
  /** problems that kept a file or document from yielding an object: syntax errors, binary files, ... */
  readonly problems: readonly ObjectResult[];
  /** every manifest file read, absolute */
  readonly files: readonly string[];
  /** the folders among the given paths, absolute: where `construct-metadata.json` may sit */
  readonly roots: readonly string[];
}

/**
 * Reads manifests from files and folders, turning every way a file can be unusable into a reported problem.
 *
 * Paths that do not exist or cannot be read are usage errors (a `UserError` with exit code 2), since no report can
 * be made about them.
 */
export function loadManifests(options: LoadOptions): LoadResult {
  const maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const files: string[] = [];
  const roots: string[] = [];
  for (const given of options.paths) {
    const absolute = path.resolve(options.cwd, given);
    const stat = statOrThrow(absolute, given);
    if (stat.isDirectory()) {
      roots.push(absolute);
      files.push(...listManifestFiles(absolute, given));
    } else {
      files.push(absolute);
    }
  }
  const unique = [...new Set(files)];
  const objects: ManifestObject[] = [];
  const problems: ObjectResult[] = [];
  for (const absolutePath of unique) {
    const file = displayPath(options.cwd, absolutePath);
    const read = readManifestFile(absolutePath, file, maxFileBytes);
    if (typeof read !== 'string') {
      problems.push({ file, violations: [read] });
      continue;
    }
    parseManifestText(read, file, absolutePath, objects, problems);
  }
  return { objects, problems, files: unique, roots };
}

/** The file as reports show it: relative to cwd when inside it, with `/` separators on every platform. */
export function displayPath(cwd: string, absolutePath: string): string {
  const relative = path.relative(cwd, absolutePath);
  const shown = relative === '' || relative.startsWith('..') || path.isAbsolute(relative) ? absolutePath : relative;
  return shown.split(path.sep).join('/');
}

function statOrThrow(absolute: string, given: string): fs.Stats {
  try {
    return fs.statSync(absolute);
  } catch (err) {
    throw new UserError(`cannot read ${given}: ${describeFsError(err)} (check the path; \`npx kfops synth\` writes dist/)`, 2);
  }
}

function listManifestFiles(folder: string, given: string): string[] {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(folder, { withFileTypes: true });
  } catch (err) {
    throw new UserError(`cannot list ${given}: ${describeFsError(err)}`, 2);
  }
  const found: string[] = [];
  // Sorted so the report is the same on every file system.
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) {
      // Hidden folders (.git) and node_modules never hold the manifests being validated.
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      found.push(...listManifestFiles(full, path.join(given, entry.name)));
    } else if (entry.name === CONSTRUCT_METADATA_FILE) {
      continue;
    } else if (MANIFEST_EXTENSIONS.has(path.extname(entry.name)) || KUSTOMIZATION_FILES.has(entry.name)) {
      found.push(full);
    }
  }
  return found;
}

/** The file's text, or the reason it cannot be used. */
function readManifestFile(absolutePath: string, file: string, maxFileBytes: number): string | Violation {
  let bytes: Buffer;
  try {
    const size = fs.statSync(absolutePath).size;
    if (size > maxFileBytes) {
      return error('', 'input/too-large', `${file} is ${size} bytes, over the ${maxFileBytes}-byte limit`,
        'raise the limit with --max-file-size BYTES if the file is meant to be this large');
    }
    bytes = fs.readFileSync(absolutePath);
  } catch (err) {
    return error('', 'input/unreadable', `cannot read ${file}: ${describeFsError(err)}`, 'check the file exists and is readable');
  }
  if (looksBinary(bytes)) {
    return error('', 'input/binary', `${file} is not text (it holds NUL bytes or invalid UTF-8)`,
      'remove the file from the validated folder or pass only manifest files');
  }
  const text = bytes.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function looksBinary(bytes: Buffer): boolean {
  if (bytes.includes(0)) return true;
  try {
    utf8.decode(bytes);
    return false;
  } catch {
    return true;
  }
}

/** Parses YAML (JSON is YAML) into objects, appending to `objects` and `problems`. */
function parseManifestText(
  text: string, file: string, absolutePath: string, objects: ManifestObject[], problems: ObjectResult[],
): void {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter, prettyErrors: false, merge: true, uniqueKeys: true, logLevel: 'error' });
  const documents = Array.isArray(docs) ? docs : [];
  const multiple = documents.length > 1;
  let found = 0;
  for (const doc of documents) {
    // The object starts where its content does, after any `---` and comments.
    const start = lineCounter.linePos(doc.contents?.range?.[0] ?? doc.range[0]).line;
    const line = multiple ? start : undefined;
    if (doc.errors.length > 0) {
      problems.push({
        file,
        violations: doc.errors.map((e) => {
          const pos = lineCounter.linePos(e.pos[0]);
          const what = e.code === 'DUPLICATE_KEY' ? 'duplicate key' : 'YAML syntax error';
          return {
            ...error('', e.code === 'DUPLICATE_KEY' ? 'input/duplicate-key' : 'input/syntax',
              `${what}: ${e.message}`,
              e.code === 'DUPLICATE_KEY' ? 'keep one of the duplicate keys' : 'fix the YAML at that position'),
            line: pos.line, column: pos.col,
          };
        }),
      });
      continue;
    }
    if (doc.contents === null) continue;
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (err) {
      problems.push({
        file, line,
        violations: [{
          ...error('', 'input/alias-bomb', `the document expands more than ${MAX_ALIAS_COUNT} YAML aliases (${(err as Error).message})`,
            'write the repeated values out, or use fewer anchors'),
          line: start, column: 1,
        }],
      });
      continue;
    }
    // `---` with nothing after it (common at the end of bundles) is no object, not a broken one.
    if (value === null) continue;
    found++;
    addObject(value, file, absolutePath, line, objects, problems, '');
  }
  if (found === 0 && !problems.some((p) => p.file === file)) {
    problems.push({ file, violations: [error('', 'input/empty', `${file} holds no Kubernetes objects`, 'remove the empty file or add the object')] });
  }
}

function addObject(
  value: unknown, file: string, absolutePath: string, line: number | undefined,
  objects: ManifestObject[], problems: ObjectResult[], prefix: string,
): void {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    const got = value === null ? 'null' : Array.isArray(value) ? 'a list' : `a ${typeof value}`;
    problems.push({
      file, line,
      violations: [error(prefix, 'input/not-an-object', `${prefix || 'the document'} is ${got}, not a Kubernetes object`,
        'each YAML document must be a mapping with apiVersion, kind and metadata')],
    });
    return;
  }
  const object = value as Record<string, unknown>;
  const kind = object.kind;
  if (typeof kind === 'string' && kind.endsWith('List') && Array.isArray(object.items)) {
    object.items.forEach((item, i) => addObject(item, file, absolutePath, line, objects, problems, `${prefix}items[${i}]`));
    return;
  }
  objects.push(line === undefined ? { file, absolutePath, object } : { file, absolutePath, line, object });
}

function describeFsError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT': return 'no such file or directory';
    case 'EACCES': case 'EPERM': return 'permission denied';
    case 'EISDIR': return 'is a directory';
    default: return (err as Error).message;
  }
}
