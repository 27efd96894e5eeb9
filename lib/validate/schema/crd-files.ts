import * as fs from 'fs';
import * as path from 'path';
import { displayPath, formatItemPath, isSkippedFolder, listTree, ManifestReadError, ManifestSource, readManifestText, ReadErrorReason, readTextFile } from '../../manifest';
import { UserError } from '../../user-error';
import { readCachedJson, textKey, writeCachedJson } from './cache-files';

const CRD_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);
/** YAML files this large have their CRDs cached as JSON: parsing 10 MB of YAML takes seconds, JSON a blink. */
const PARSE_CACHE_MIN_BYTES = 256 * 1024;
/** Bump when the cached shape changes. */
const PARSE_CACHE_FORMAT = 2;

/** A parsed document and where it came from, for messages. */
export interface SourcedDocument {
  readonly doc: Record<string, unknown>;
  /** `file`, `file:line` in a multi-document file, or `file (items[2])` for an item of a List */
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
 * Reads every CustomResourceDefinition in a file or folder (recursively; `.yaml`, `.yml`, `.json`) with the
 * manifest reader (lib/manifest), as validate reads manifests: duplicate keys refused, `kind: List` documents such
 * as `kubectl get crd -o yaml` writes expanded, and no symbolic link inside a folder followed (the named path
 * itself may be one).
 *
 * @param target file or folder, relative to `options.cwd` or absolute
 * @throws UserError naming the file for unreadable, oversized or unparsable files and for links in a folder
 */
export function readCrdDocuments(target: string, options: ReadCrdOptions): SourcedDocument[] {
  const absolute = path.resolve(options.cwd, target);
  const shown = (file: string): string => displayPath(options.cwd, file);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(absolute);
  } catch (err) {
    if (!options.required) return [];
    throw new UserError(`${shown(absolute)}: cannot read CRD path (${(err as Error).message}); check the --crd path`, 2);
  }
  let files = [absolute];
  if (stat.isDirectory()) {
    const listing = listTree(absolute, {
      shownRoot: shown(absolute),
      include: (relative) => CRD_EXTENSIONS.has(path.extname(relative).toLowerCase()),
      skipFolder: isSkippedFolder,
    });
    if (listing.problems.length > 0) throw asUsageError(listing.problems[0]);
    files = listing.files.map((f) => f.absolute);
  }
  const found: SourcedDocument[] = [];
  for (const file of files) {
    found.push(...crdsInFile(file, shown(file), file === absolute, { ...options, required: options.required && !stat.isDirectory() }));
  }
  if (options.required && found.length === 0) {
    throw new UserError(
      `${shown(absolute)}: no CustomResourceDefinition found (expected YAML or JSON with kind: CustomResourceDefinition)`,
      2,
    );
  }
  return found;
}

/**
 * @param shown the file as messages and sources name it
 * @param named the path the caller gave (which may be a link), not a file found in a folder
 */
function crdsInFile(file: string, shown: string, named: boolean, options: ReadCrdOptions): SourcedDocument[] {
  const { maxFileBytes, required, cacheDir } = options;
  let text: string;
  try {
    text = readTextFile(file, shown, { maxBytes: maxFileBytes, followLink: named });
  } catch (err) {
    throw err instanceof ManifestReadError ? asUsageError(err) : err;
  }
  // Cheap pre-check: most files in imports/ are not CRDs, and parsing YAML is the expensive part.
  if (!text.includes('CustomResourceDefinition')) {
    if (required) throw new UserError(`${shown}: no CustomResourceDefinition found in this file`, 2);
    return [];
  }
  const key = cacheDir && text.length >= PARSE_CACHE_MIN_BYTES ? textKey(PARSE_CACHE_FORMAT, text) : undefined;
  const cacheFile = key ? path.join(cacheDir!, 'crds', `${key}.json`) : undefined;
  let found = cacheFile ? readCachedJson(cacheFile, key!, isFoundCrds) : undefined;
  if (!found) {
    found = findCrds(shown, text);
    if (cacheFile) writeCachedJson(cacheFile, key!, found);
  }
  // The same content may sit in another file, so sources are built from the path at hand, not cached.
  const crds = found.map(({ doc, where }) => ({ doc, source: where ? `${shown}${where}` : shown }));
  if (required && crds.length === 0) throw new UserError(`${shown}: no CustomResourceDefinition found in this file`, 2);
  return crds;
}

/** A CRD and where in its file it sits (`:12` in a multi-document file, ` (items[2])` in a List, or nothing). */
interface FoundCrd {
  readonly doc: Record<string, unknown>;
  readonly where: string;
}

function findCrds(file: string, text: string): FoundCrd[] {
  const read = readManifestText(text, file);
  // A document that is no object holds no CRD; anything else unreadable makes the file unusable.
  const broken = read.problems.find((p) => p.reason !== ReadErrorReason.NOT_AN_OBJECT);
  if (broken) {
    const at = broken.line !== undefined ? `:${broken.line}${broken.column !== undefined ? `:${broken.column}` : ''}` : '';
    throw new UserError(`${file}${at}: invalid YAML (${broken.problem})`, 2);
  }
  return read.entries
    .filter((e) => e.object.kind === 'CustomResourceDefinition')
    .map((e) => ({ doc: e.object, where: whereIn(e.source, read.documents) }));
}

function whereIn(source: ManifestSource, documents: number): string {
  if (source.itemPath.length > 0) return `${documents > 1 ? `:${source.line}` : ''} (${formatItemPath(source.itemPath)})`;
  return documents > 1 ? `:${source.line}` : '';
}

function isFoundCrds(value: unknown): value is FoundCrd[] {
  return Array.isArray(value) && value.every((v) => v !== null && typeof v === 'object' && typeof v.where === 'string'
    && v.doc !== null && typeof v.doc === 'object' && !Array.isArray(v.doc));
}

/** CRD files are inputs of the run, not the objects it validates: any trouble reading one is a usage error. */
function asUsageError(err: ManifestReadError): UserError {
  return err.exitCode === 2 ? err : new UserError(err.message, 2);
}
