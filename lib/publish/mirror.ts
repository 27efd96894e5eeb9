import * as path from 'path';
import { UserError } from '../user-error';
import { displayText } from './display-text';
import { isMirrored, OutputEnvironment, OutputFile } from './output-folder';

/** One file that a mirror added, changed or removed, with its text before and after. */
export interface FileChange {
  /** Environment folder the file belongs to (`dev` for `dist/dev/...`). */
  readonly env: string;
  /** Path inside the environment folder, with `/` separators (`kustomization.yaml`, `serving/svc.yaml`). */
  readonly path: string;
  readonly change: 'added' | 'changed' | 'removed';
  /** Content in the deploy repo before the mirror. @default - the file is new, or `tooLarge` */
  readonly before?: string;
  /** Content after the mirror. @default - the file was removed, or `tooLarge` */
  readonly after?: string;
  /**
   * True when the file was too large to read (over the manifest reader's limit, or past the total a publish
   * reads): neither text is given, and the summary lists it as a changed file. @default false
   */
  readonly tooLarge?: boolean;
}

/** An entry of the deploy repo's tree: git's mode (`100644`, `120000` for a link, `160000` for a submodule) and id. */
export interface TreeEntry {
  readonly mode: string;
  readonly id: string;
}

/** The deploy repo's branch as a flat list of entries by `/`-separated path (what `git ls-files -s` shows). */
export type DeployTree = ReadonlyMap<string, TreeEntry>;

/** What a mirror does to one path of the deploy repo: add (`before` unset), change, or delete (`after` unset). */
export interface PlannedChange {
  readonly env: string;
  /** Path inside the environment folder. */
  readonly path: string;
  /** Path inside the deploy repo (`clusters/ml/dev/a.yaml`). */
  readonly target: string;
  readonly before?: TreeEntry;
  readonly after?: OutputFile;
}

/** A path kfops would write, replace or delete that is a link or a submodule in the deploy repo. */
export interface UnsafePath {
  /** Path in the deploy repo's tree. */
  readonly path: string;
  readonly entry: TreeEntry;
  /** The path kfops would write, when it matches `path` only case-insensitively. @default - the same path */
  readonly asWritten?: string;
}

const LINK = '120000';
const SUBMODULE = '160000';

/**
 * Plans making `<dir>/<env>/` of the deploy tree hold exactly the files of each output environment (nested
 * folders included): adds new files, replaces changed ones, deletes the mirrored files the output no longer
 * has (by the same {@link isMirrored} rule as the output: dotfiles stay). Files whose content is the same are
 * left as they are. Sorted by environment, then path.
 *
 * @throws UserError when a folder kfops writes under (`dir`, an environment folder) is a file in the deploy repo.
 */
export function planMirror(tree: DeployTree, dir: string, envs: readonly OutputEnvironment[]): PlannedChange[] {
  const changes: PlannedChange[] = [];
  for (const env of envs) {
    const base = path.posix.join(dir, env.name);
    checkFoldersAbove(tree, base);
    const source = new Map(env.files.map((f) => [f.path, f]));
    const existing = new Map<string, TreeEntry>();
    for (const [target, entry] of tree) {
      if (!target.startsWith(`${base}/`)) continue;
      const rel = target.slice(base.length + 1);
      if (rel.split('/').every(isMirrored)) existing.set(rel, entry);
    }
    for (const [rel, entry] of existing) {
      const after = source.get(rel);
      if (!after) changes.push({ env: env.name, path: rel, target: `${base}/${rel}`, before: entry });
      else if (after.blob !== entry.id || !isRegular(entry)) changes.push({ env: env.name, path: rel, target: `${base}/${rel}`, before: entry, after });
    }
    for (const [rel, after] of source) {
      if (!existing.has(rel)) changes.push({ env: env.name, path: rel, target: `${base}/${rel}`, after });
    }
  }
  return changes.sort((a, b) => compare(a.env, b.env) || compare(a.path, b.path));
}

/**
 * The links and submodules among the paths `changes` write, replace or delete and the folders above them,
 * compared case-insensitively as well: on a case-insensitive checkout (macOS, Windows) `Dev/` and `dev/` are
 * one folder, so a link at `Dev` would receive what kfops writes to `dev/`. Sorted by path.
 */
export function findUnsafePaths(tree: DeployTree, changes: readonly PlannedChange[]): UnsafePath[] {
  const special = new Map<string, Array<[string, TreeEntry]>>();
  for (const [p, entry] of tree) {
    if (isRegular(entry)) continue;
    const key = fold(p);
    special.set(key, [...(special.get(key) ?? []), [p, entry]]);
  }
  if (special.size === 0) return [];
  const touched = new Set<string>();
  for (const change of changes) {
    const parts = change.target.split('/');
    for (let i = 1; i <= parts.length; i++) touched.add(parts.slice(0, i).join('/'));
  }
  const found = new Map<string, UnsafePath>();
  for (const p of touched) {
    for (const [at, entry] of special.get(fold(p)) ?? []) {
      if (!found.has(at)) found.set(at, { path: at, entry, ...(at === p ? {} : { asWritten: p }) });
    }
  }
  return [...found.values()].sort((a, b) => compare(a.path, b.path));
}

/**
 * The error for {@link findUnsafePaths}: names each path, with a link's target (from `linkTargets`, by path).
 */
export function unsafePathsError(branch: string, unsafe: readonly UnsafePath[], linkTargets: ReadonlyMap<string, string>): UserError {
  const described = unsafe.map((u) => {
    const what = u.entry.mode === LINK ? `-> ${displayText(linkTargets.get(u.path) ?? '?')} (a symbolic link` : '(a submodule';
    const alias = u.asWritten ? `, the same path as ${displayText(u.asWritten)} on a case-insensitive file system` : '';
    return `${displayText(u.path)} ${what}${alias})`;
  });
  return new UserError(
    `the deploy repo's branch ${branch} has ${unsafe.length === 1 ? 'a link or submodule' : `${unsafe.length} links or submodules`} ` +
      `where kfops would write: ${described.join(', ')}; nothing was written (kfops never writes through a link or into a ` +
      'submodule: replace each with a plain folder or file on that branch, or publish to another --dir)',
    2,
  );
}

/** The `--dir` folders and the environment folder itself must be folders (or missing), not files. */
function checkFoldersAbove(tree: DeployTree, base: string): void {
  const parts = base.split('/');
  for (let i = 1; i <= parts.length; i++) {
    const folder = parts.slice(0, i).join('/');
    const entry = tree.get(folder);
    if (entry && isRegular(entry)) {
      throw new UserError(
        `the deploy repo has a file at ${displayText(folder)}, where a folder kfops writes into goes (rename or delete that file, or pass another --dir)`,
        2,
      );
    }
  }
}

function isRegular(entry: TreeEntry): boolean {
  return entry.mode !== LINK && entry.mode !== SUBMODULE;
}

/** A path as a case-insensitive, normalization-insensitive file system compares it. */
function fold(p: string): string {
  return p.normalize('NFC').toUpperCase().toLowerCase();
}

/** Code-point order, so the result does not depend on the machine's locale. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
