import * as fs from 'fs';
import { isMap, isSeq, LineCounter, Node, parseAllDocuments } from 'yaml';
import { ObjectResult, Violation } from './violation';

/** Results paired with the absolute path of their file, so positions can be looked up. */
export interface LocatableResult {
  readonly result: ObjectResult;
  readonly absolutePath: string;
}

/**
 * Adds `line` and `column` to violations that have a JSON path but no position, by finding the path in the
 * file's YAML. Only files with such violations are read again, so clean runs pay nothing; a path that cannot be
 * found (a List item, a field that is missing) keeps no position.
 */
export function locateViolations(entries: readonly LocatableResult[]): ObjectResult[] {
  const byFile = new Map<string, ReturnType<typeof parseFile>>();
  return entries.map(({ result, absolutePath }) => {
    if (result.kind === undefined || !result.violations.some((v) => v.line === undefined)) return result;
    let parsed = byFile.get(absolutePath);
    if (parsed === undefined) {
      parsed = parseFile(absolutePath);
      byFile.set(absolutePath, parsed);
    }
    const doc = parsed?.docs.find((d) => d.line === (result.line ?? d.line));
    if (!parsed || !doc) return result;
    const { lineCounter } = parsed;
    const violations = result.violations.map((v): Violation => {
      if (v.line !== undefined) return v;
      const offset = offsetOf(doc.root, pathSegments(v.path));
      if (offset === undefined) return v;
      const pos = lineCounter.linePos(offset);
      return { ...v, line: pos.line, column: pos.col };
    });
    return { ...result, violations };
  });
}

function parseFile(absolutePath: string): { lineCounter: LineCounter; docs: { line: number; root: Node | null }[] } | undefined {
  let text: string;
  try {
    text = fs.readFileSync(absolutePath, 'utf8');
  } catch {
    return undefined;
  }
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter, logLevel: 'error' });
  if (!Array.isArray(docs)) return undefined;
  return {
    lineCounter,
    docs: docs.map((d) => ({ line: lineCounter.linePos(d.contents?.range?.[0] ?? d.range[0]).line, root: d.contents as Node | null })),
  };
}

/** Splits a JSON path as reports write it (`spec.templates[0]["app.kubernetes.io/name"]`) into keys and indexes. */
export function pathSegments(path: string): (string | number)[] {
  const segments: (string | number)[] = [];
  const pattern = /([A-Za-z_$][A-Za-z0-9_$-]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/g;
  for (const match of path.matchAll(pattern)) {
    if (match[1] !== undefined) segments.push(match[1]);
    else if (match[2] !== undefined) segments.push(Number(match[2]));
    else segments.push(JSON.parse(match[3]) as string);
  }
  return segments;
}

/** The offset of the deepest node along the path (the key for map entries), or undefined at the root. */
function offsetOf(root: Node | null, segments: readonly (string | number)[]): number | undefined {
  let node: unknown = root;
  let offset: number | undefined;
  for (const segment of segments) {
    if (isMap(node)) {
      const pair = node.items.find((p) => (p.key as { value?: unknown } | null)?.value === segment);
      if (!pair) break;
      offset = (pair.key as Node).range?.[0] ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment] as Node | undefined;
      if (!item) break;
      offset = item.range?.[0] ?? offset;
      node = item;
    } else {
      break;
    }
  }
  return offset;
}
