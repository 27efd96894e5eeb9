import { FilePositions, readTextFile } from '../manifest';
import type { ManifestObject } from './load';
import { ObjectResult, Violation } from './violation';

/** A result paired with the object it is about, so positions can be looked up. */
export interface LocatableResult {
  readonly result: ObjectResult;
  readonly object: ManifestObject;
}

/**
 * Adds `line` and `column` to violations that have a JSON path but no position. Only the documents holding such
 * violations are parsed again, with positions, so clean runs pay nothing; a path that cannot be found (a field that
 * is missing) keeps no position.
 */
export function locateViolations(entries: readonly LocatableResult[]): ObjectResult[] {
  const files = new Map<string, FilePositions | undefined>();
  return entries.map(({ result, object }) => {
    const { source } = object;
    if (result.kind === undefined || !source || !result.violations.some((v) => v.line === undefined)) return result;
    if (!files.has(object.absolutePath)) files.set(object.absolutePath, positionsOf(object));
    const positions = files.get(object.absolutePath);
    if (!positions) return result;
    const violations = result.violations.map((v): Violation => {
      if (v.line !== undefined) return v;
      const at = positions.locate(source, v.path);
      return at ? { ...v, line: at.line, column: at.column } : v;
    });
    return { ...result, violations };
  });
}

function positionsOf(object: ManifestObject): FilePositions | undefined {
  try {
    return new FilePositions(readTextFile(object.absolutePath, object.file, { followLink: true }));
  } catch {
    // The file went away since it was read: its violations keep no position.
    return undefined;
  }
}
