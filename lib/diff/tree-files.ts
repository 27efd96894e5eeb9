import { promises as fs, readFileSync } from 'fs';
import * as path from 'path';
import { UserError } from '../user-error';
import { ManifestObject, parseManifestFile } from './manifest-object';

/** File contents of a tree keyed by path relative to the root (`/` separators), sorted by path. */
export type TreeFiles = Map<string, Buffer>;

/**
 * Reads every file under `root`, recursively. Used byte for byte by the drift check and, filtered to manifests,
 * by the semantic diff.
 *
 * @param root the tree's root folder
 * @param options.filter keeps only files whose relative path passes @default - every file
 * @param options.allowMissing treat a missing `root` as an empty tree @default false
 */
export async function readTreeFiles(root: string, options: {
  readonly filter?: (file: string) => boolean;
  readonly allowMissing?: boolean;
} = {}): Promise<TreeFiles> {
  const paths: string[] = [];
  const walk = async (dir: string, prefix: string): Promise<void> => {
    const entries = await fs.readdir(dir, { withFileTypes: true });
    for (const entry of entries) {
      const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.isDirectory()) await walk(path.join(dir, entry.name), rel);
      else if (!options.filter || options.filter(rel)) paths.push(rel);
    }
  };
  try {
    await walk(root, '');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && options.allowMissing && paths.length === 0) return new Map();
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw new UserError(`${root}: no such folder (synthesize first with \`npx kfops synth\`, or pass the right --out)`, 2);
    }
    throw err;
  }
  // Synchronous reads on purpose: for thousands of small manifests, fs.promises.readFile's four thread-pool
  // round trips per file cost about 4x more than readFileSync (measured in bench/diff.ts), and a CLI has nothing
  // else to do meanwhile.
  const files: [string, Buffer][] = paths.map((rel) => [rel, readFileSync(path.join(root, rel))]);
  files.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return new Map(files);
}

/**
 * True for files the semantic diff reads: YAML manifests. `construct-metadata.json` and other non-YAML files that
 * cdk8s may write next to them are skipped.
 */
export function isManifestFile(file: string): boolean {
  return /\.ya?ml$/i.test(file);
}

/** Parses the given manifest files into objects, in file order. */
export function parseTreeFiles(files: Iterable<[string, Buffer]>): ManifestObject[] {
  const objects: ManifestObject[] = [];
  for (const [file, bytes] of files) objects.push(...parseManifestFile(file, bytes.toString('utf8')));
  return objects;
}

/** Reads and parses every manifest under `root`. */
export async function loadTree(root: string): Promise<ManifestObject[]> {
  return parseTreeFiles(await readTreeFiles(root, { filter: isManifestFile }));
}
