import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { isManifestReadError, parseYamlDocuments } from '../../manifest';
import { UserError } from '../../user-error';
import { writeCacheFile } from './cache-files';

/** Size limit for one CRD file unless the caller sets another: real bundles run past 10 MB. */
export const DEFAULT_MAX_FILE_BYTES = 64 * 1024 * 1024;

const CRD_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);
/** YAML files this large have their CRDs cached as JSON: parsing 10 MB of YAML takes seconds, JSON a blink. */
const PARSE_CACHE_MIN_BYTES = 256 * 1024;
/** Bump when the cached shape changes. */
const PARSE_CACHE_FORMAT = 1;

/** A parsed document and where it came from, for messages. */
export interface SourcedDocument {
  readonly doc: Record<string, unknown>;
  /** `file` or `file#N` (1-based document number) for multi-document files */
  readonly source: string;
}

/** How {@link readCrdDocuments} reads. */
export interface ReadCrdOptions {
  /** paths inside it are shown relative to it in sources and errors */
  readonly cwd: string;
  /** larger files are refused */
  readonly maxFileBytes: number;
  /**
   * true for paths the user named: a missing path or one holding no CRD is an error; false for `imports/`, which
   * may be absent and also holds non-CRD files
   */
  readonly required: boolean;
  /** kfops' cache folder: large files' CRDs are kept in its `crds/`, keyed by content; undefined parses every time */
  readonly cacheDir?: string;
}

/**
 * Reads every CustomResourceDefinition in a file or folder (recursively; `.yaml`, `.yml`, `.json`), unwrapping
 * `kind: List` documents such as `kubectl get crd -o yaml` writes.
 *
 * @param target file or folder, relative to `options.cwd` or absolute
 * @throws UserError naming the file for unreadable, oversized or unparsable files
 */
export function readCrdDocuments(target: string, options: ReadCrdOptions): SourcedDocument[] {
  const absolute = path.resolve(options.cwd, target);
  const shown = (file: string): string => {
    const relative = path.relative(options.cwd, file);
    return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
  };
  let stat: fs.Stats;
  try {
    stat = fs.statSync(absolute);
  } catch (err) {
    if (!options.required) return [];
    throw new UserError(`${shown(absolute)}: cannot read CRD path (${(err as Error).message}); check the --crd path`, 2);
  }
  const files = stat.isDirectory() ? listFiles(absolute) : [absolute];
  const found: SourcedDocument[] = [];
  for (const file of files) {
    found.push(...crdsInFile(file, shown(file), { ...options, required: options.required && !stat.isDirectory() }));
  }
  if (options.required && found.length === 0) {
    throw new UserError(
      `${shown(absolute)}: no CustomResourceDefinition found (expected YAML or JSON with kind: CustomResourceDefinition)`,
      2,
    );
  }
  return found;
}

function listFiles(dir: string): string[] {
  const files: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && !entry.name.startsWith('.')) files.push(...listFiles(full));
    } else if (CRD_EXTENSIONS.has(path.extname(entry.name).toLowerCase())) {
      files.push(full);
    }
  }
  return files;
}

/** @param shown the file as messages and sources name it */
function crdsInFile(file: string, shown: string, options: ReadCrdOptions): SourcedDocument[] {
  const { maxFileBytes, required: named, cacheDir } = options;
  let text: string;
  try {
    const size = fs.statSync(file).size;
    if (size > maxFileBytes) {
      throw new UserError(
        `${shown}: ${size} bytes is over the ${maxFileBytes}-byte limit for CRD files (raise the limit with --max-file-size)`,
        2,
      );
    }
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if (err instanceof UserError) throw err;
    throw new UserError(`${shown}: cannot read CRD file (${(err as Error).message})`, 2);
  }
  // Cheap pre-check: most files in imports/ are not CRDs, and parsing YAML is the expensive part.
  if (!text.includes('CustomResourceDefinition')) {
    if (named) throw new UserError(`${shown}: no CustomResourceDefinition found in this file`, 2);
    return [];
  }
  const cacheFile =
    cacheDir && text.length >= PARSE_CACHE_MIN_BYTES
      ? path.join(cacheDir, 'crds', `${createHash('sha256').update(`${PARSE_CACHE_FORMAT}\u0000${text}`).digest('hex').slice(0, 40)}.json`)
      : undefined;
  let found = cacheFile ? readCached(cacheFile) : undefined;
  if (!found) {
    found = findCrds(shown, text);
    if (cacheFile) writeCacheFile(cacheFile, JSON.stringify(found));
  }
  // The same content may sit in another file, so sources are built from the path at hand, not cached.
  const crds = found.map(({ doc, docNumber }) => ({ doc, source: docNumber > 0 ? `${shown}#${docNumber}` : shown }));
  if (named && crds.length === 0) throw new UserError(`${shown}: no CustomResourceDefinition found in this file`, 2);
  return crds;
}

/** A CRD and the 1-based number of the document that holds it (0 in a single-document file). */
interface FoundCrd {
  readonly doc: Record<string, unknown>;
  readonly docNumber: number;
}

function findCrds(file: string, text: string): FoundCrd[] {
  const docs = parseDocuments(file, text);
  const crds: FoundCrd[] = [];
  docs.forEach((doc, i) => {
    for (const item of flattenLists(doc)) {
      if (item.kind === 'CustomResourceDefinition') crds.push({ doc: item, docNumber: docs.length > 1 ? i + 1 : 0 });
    }
  });
  return crds;
}

function readCached(cacheFile: string): FoundCrd[] | undefined {
  try {
    return JSON.parse(fs.readFileSync(cacheFile, 'utf8')) as FoundCrd[];
  } catch {
    return undefined;
  }
}

function parseDocuments(file: string, text: string): unknown[] {
  if (path.extname(file).toLowerCase() === '.json') {
    try {
      return [JSON.parse(text)];
    } catch (err) {
      throw new UserError(`${file}: invalid JSON (${(err as Error).message})`, 2);
    }
  }
  try {
    return parseYamlDocuments(text, file);
  } catch (err) {
    if (!isManifestReadError(err)) throw err;
    const at = err.line !== undefined ? `:${err.line}${err.column !== undefined ? `:${err.column}` : ''}` : '';
    throw new UserError(`${file}${at}: invalid YAML (${err.problem})`, 2);
  }
}

function flattenLists(doc: unknown): Record<string, unknown>[] {
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) return [];
  const record = doc as Record<string, unknown>;
  if (typeof record.kind === 'string' && record.kind.endsWith('List') && Array.isArray(record.items)) {
    return record.items.flatMap(flattenLists);
  }
  return [record];
}
