import * as fs from 'fs';
import { decodeText, listTree, ReadFileOptions, readFileBytes } from '../manifest';
import { UserError } from '../user-error';
import { append } from '../append';
import { ManifestObject, parseManifestFile } from './manifest-object';

/** File contents of a tree keyed by path relative to the root (`/` separators), sorted by path. */
export type TreeFiles = Map<string, Buffer>;

/**
 * Reads every file under `root`, recursively, with the manifest reader's limits: a symbolic link anywhere in the
 * tree (the output folder is not trusted) is refused by name, never followed; so are names that are not UTF-8 and
 * files over the size limit. Used byte for byte by the drift check and, filtered to manifests, by the semantic diff.
 *
 * @param root the tree's root folder
 * @param options.filter keeps only files whose relative path passes @default - every file
 * @param options.allowMissing treat a missing `root` as an empty tree @default false
 * @param options.maxBytes per-file size limit @default DEFAULT_MAX_FILE_BYTES
 * @throws ManifestReadError (a UserError, exit 2 for I/O, 1 for an oversized file) for the first file that cannot be read
 */
export async function readTreeFiles(root: string, options: {
  readonly filter?: (file: string) => boolean;
  readonly allowMissing?: boolean;
  readonly maxBytes?: ReadFileOptions['maxBytes'];
} = {}): Promise<TreeFiles> {
  if (!fs.existsSync(root)) {
    if (options.allowMissing) return new Map();
    throw new UserError(`${root}: no such folder (synthesize first with \`npx kfops synth\`, or pass the right --out)`, 2);
  }
  if (!fs.statSync(root).isDirectory()) {
    throw new UserError(`${root}: not a folder (synthesize first with \`npx kfops synth\`, or pass the right --out)`, 2);
  }
  const listing = listTree(root, { shownRoot: root, include: options.filter });
  if (listing.problems.length > 0) throw listing.problems[0];
  // Synchronous reads on purpose: for thousands of small manifests, fs.promises.readFile's four thread-pool
  // round trips per file cost about 4x more than readFileSync (measured in bench/diff.ts), and a CLI has nothing
  // else to do meanwhile.
  const files: [string, Buffer][] = listing.files.map((f) => [f.relative, readFileBytes(f.absolute, `${root}/${f.relative}`, { maxBytes: options.maxBytes })]);
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
  for (const [file, bytes] of files) append(objects, parseManifestFile(file, decodeText(bytes, file)));
  return objects;
}

/** Reads and parses every manifest under `root`. */
export async function loadTree(root: string): Promise<ManifestObject[]> {
  return parseTreeFiles(await readTreeFiles(root, { filter: isManifestFile }));
}
