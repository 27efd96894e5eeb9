import { inputExitCode, loadManifests } from '../validate/load';

/** One object read for import, with where it came from. */
export interface SourceObject {
  /** The file, relative to the working directory. */
  readonly file: string;
  /** 1-based line of the object's document, when the file holds several. */
  readonly line?: number;
  readonly object: Record<string, unknown>;
}

/** What was read: the objects, and the files or documents that could not be read, with why. */
export interface ReadResult {
  readonly objects: readonly SourceObject[];
  readonly problems: readonly { readonly file: string; readonly message: string }[];
  /** 2 when a file or folder could not be read (I/O), else 0 */
  readonly inputExitCode: 0 | 2;
}

/**
 * Reads YAML or JSON files and folders (recursively) into objects: the one place the importer touches the
 * manifest reader, so replacing the reader is a change here only.
 */
export function readObjects(cwd: string, paths: readonly string[]): ReadResult {
  const loaded = loadManifests({ cwd, paths });
  return {
    objects: loaded.objects.map((o) => ({ file: o.file, line: o.line, object: o.object })),
    problems: loaded.problems.map((p) => ({ file: p.file ?? '?', message: p.violations.map((v) => v.message).join('; ') })),
    inputExitCode: inputExitCode(loaded.problems),
  };
}
