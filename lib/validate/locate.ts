import { FilePositions, ManifestSource, PositionRequest, readTextFile } from '../manifest';
import { ObjectResult, Violation } from './violation';

/** Where a result's object was read from: all {@link locateViolations} needs of it. */
export interface ResultSource {
  /** the file as reports name it */
  readonly file: string;
  readonly absolutePath: string;
  /** the object's place in its file */
  readonly source?: ManifestSource;
}

/** A result paired with where its object was read from, so positions can be looked up. */
export interface LocatableResult {
  readonly result: ObjectResult;
  readonly object: ResultSource;
}

/**
 * Adds `line` and `column` to violations that have a JSON path but no position. Only the documents holding such
 * violations are parsed again, one at a time and once each, keeping only the nodes along the reported paths, so
 * clean runs pay nothing and memory stays about that of one document; a path that cannot be found (a field that
 * is missing) keeps no position.
 *
 * @param followLinks files that may be read through a symbolic link (those named on the command line); a file
 *   found in a folder is never read through one
 * @param texts files' texts as they were read, by absolute path: those are not read again
 */
export function locateViolations(
  entries: readonly LocatableResult[], followLinks: ReadonlySet<string> = new Set(), texts: ReadonlyMap<string, string> = new Map(),
): ObjectResult[] {
  const out: ObjectResult[] = entries.map((e) => e.result);
  const byFile = new Map<string, number[]>();
  entries.forEach(({ result, object }, i) => {
    if (result.kind === undefined || !object.source || !result.violations.some((v) => v.line === undefined)) return;
    const inFile = byFile.get(object.absolutePath) ?? [];
    inFile.push(i);
    byFile.set(object.absolutePath, inFile);
  });
  for (const [absolutePath, indexes] of byFile) {
    const text = texts.get(absolutePath);
    const positions = text !== undefined ? new FilePositions(text) : positionsOf(absolutePath, entries[indexes[0]].object.file, followLinks.has(absolutePath));
    if (!positions) continue;
    const asked: { entry: number; violation: number }[] = [];
    const requests: PositionRequest[] = [];
    for (const i of indexes) {
      const { result, object } = entries[i];
      result.violations.forEach((v, j) => {
        if (v.line !== undefined) return;
        asked.push({ entry: i, violation: j });
        requests.push({ source: object.source!, path: v.path });
      });
    }
    const found = positions.locateAll(requests);
    const located = new Map<number, Violation[]>();
    asked.forEach(({ entry, violation }, k) => {
      const at = found[k];
      if (!at) return;
      const violations = located.get(entry) ?? [...entries[entry].result.violations];
      violations[violation] = placed(violations[violation], at.line, at.column);
      located.set(entry, violations);
    });
    for (const [i, violations] of located) out[i] = { ...entries[i].result, violations };
  }
  return out;
}

/**
 * The violation with its position, its keys copied in their own order (which the JSON report keeps): a spread that
 * adds keys takes about four times the memory, which counts with a finding in each object of a 50 MB `List`.
 */
function placed(v: Violation, line: number, column: number): Violation {
  const out: Record<string, unknown> = {};
  for (const key in v) out[key] = (v as unknown as Record<string, unknown>)[key];
  out.line = line;
  out.column = column;
  return out as unknown as Violation;
}

function positionsOf(absolutePath: string, file: string, followLink: boolean): FilePositions | undefined {
  try {
    return new FilePositions(readTextFile(absolutePath, file, { followLink }));
  } catch {
    // The file went away (or became a link) since it was read: its violations keep no position.
    return undefined;
  }
}
