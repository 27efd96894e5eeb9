import { promises as fs } from 'fs';
import * as path from 'path';
import { UserError } from '../user-error';

/** One file that a mirror added, changed or removed, with its text before and after. */
export interface FileChange {
  /** Environment folder the file belongs to (`dev` for `dist/dev/...`). */
  readonly env: string;
  /** Path inside the environment folder, with `/` separators (`kustomization.yaml`, `serving/svc.yaml`). */
  readonly path: string;
  /** Content in the deploy repo before the mirror. @default - the file is new */
  readonly before?: string;
  /** Content after the mirror. @default - the file was removed */
  readonly after?: string;
}

/** cdk8s writes this report next to the manifests when validation plugins run; it is not a manifest. */
const CDK8S_METADATA = 'construct-metadata.json';

/**
 * True for the files a mirror copies and deletes. Dotfiles and dot-folders (`.gitkeep`, `.cache/`) and cdk8s's
 * `construct-metadata.json` are skipped on both sides: never published, and never deleted from the deploy repo.
 */
export function isMirrored(name: string): boolean {
  return !name.startsWith('.') && name !== CDK8S_METADATA;
}

/**
 * The environment folders of a synth output: every folder directly under `fromDir`, sorted by name.
 * Files directly under `fromDir` belong to no environment and are returned as `skipped`.
 */
export async function listEnvironments(fromDir: string): Promise<{ envs: string[]; skipped: string[] }> {
  let entries;
  try {
    entries = await fs.readdir(fromDir, { withFileTypes: true });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw new UserError(`--from ${fromDir} does not exist or is not a folder (run \`npx kfops synth\` first, or pass --from)`, 2);
    }
    throw new UserError(`cannot read --from ${fromDir}: ${(err as Error).message}`, 2);
  }
  const envs: string[] = [];
  const skipped: string[] = [];
  for (const entry of entries) {
    if (!isMirrored(entry.name)) continue;
    (entry.isDirectory() ? envs : skipped).push(entry.name);
  }
  return { envs: envs.sort(), skipped: skipped.sort() };
}

/**
 * Makes `destDir` hold exactly the mirrored files of `srcDir` (nested folders included): adds new files,
 * overwrites changed ones, deletes the ones the source no longer has. Files identical byte for byte are not
 * rewritten. Returns the changes, sorted by path.
 */
export async function mirrorEnvironment(env: string, srcDir: string, destDir: string): Promise<FileChange[]> {
  const source = await listMirroredFiles(srcDir, true);
  await assertFolderOrMissing(destDir);
  // Links in the deploy repo are never followed: a link is one file, replaced or deleted itself, so nothing outside
  // the environment folder (or the clone) is read, written or deleted through it.
  const dest = await listMirroredFiles(destDir, false);
  const inSource = new Set(source);
  const inDest = new Set(dest);
  const changes: FileChange[] = [];

  // Deletions first, so a file may replace a folder of the same name (and the other way round).
  for (const rel of dest) {
    if (inSource.has(rel)) continue;
    const target = path.join(destDir, rel);
    changes.push({ env, path: rel, before: (await readDestFile(target)).toString('utf8') });
    await fs.rm(target);
  }
  for (const rel of source) {
    const after = await fs.readFile(path.join(srcDir, rel));
    const target = path.join(destDir, rel);
    if (inDest.has(rel)) {
      const before = await readDestFile(target);
      if (before.equals(after) && !(await fs.lstat(target)).isSymbolicLink()) continue;
      changes.push({ env, path: rel, before: before.toString('utf8'), after: after.toString('utf8') });
      // Writing through a link would change its target; replace the link with the file instead.
      await fs.rm(target);
    } else {
      changes.push({ env, path: rel, after: after.toString('utf8') });
      await removeFolderAt(target);
      await fs.mkdir(path.dirname(target), { recursive: true });
    }
    await fs.writeFile(target, after);
  }
  return changes.sort((a, b) => compare(a.path, b.path));
}

/**
 * Mirrored files under `dir`, recursively, as sorted `/`-separated relative paths; none when `dir` is missing.
 * With `followLinks`, a link to a folder is walked into; without, every link is listed as a file of its own.
 */
export async function listMirroredFiles(dir: string, followLinks: boolean): Promise<string[]> {
  return (await walk(dir, '', followLinks)).sort(compare);
}

/** A deploy-repo file's bytes; for a link, the link's own target path (never what it points at). */
async function readDestFile(target: string): Promise<Buffer> {
  return (await fs.lstat(target)).isSymbolicLink() ? Buffer.from(await fs.readlink(target)) : fs.readFile(target);
}

async function walk(dir: string, prefix: string, followLinks: boolean): Promise<string[]> {
  let entries;
  try {
    entries = await fs.readdir(dir, { withFileTypes: true });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const files: string[] = [];
  for (const entry of entries) {
    if (!isMirrored(entry.name)) continue;
    const rel = prefix + entry.name;
    const full = path.join(dir, entry.name);
    // Follow symlinks in the source: the deploy repo gets the content, not a link that points nowhere there.
    const isDir = entry.isDirectory() || (followLinks && entry.isSymbolicLink() && (await fs.stat(full)).isDirectory());
    if (isDir) files.push(...(await walk(full, `${rel}/`, followLinks)));
    else files.push(rel);
  }
  return files;
}

async function assertFolderOrMissing(dir: string): Promise<void> {
  const stat = await fs.stat(dir).catch(() => undefined);
  if (stat && !stat.isDirectory()) {
    throw new UserError(`the deploy repo has a file at ${dir}, where the environment folder goes (rename or delete that file, or pass another --dir)`, 2);
  }
}

/** Clears a folder left where a file now goes (its mirrored files were deleted just before; dotfiles may remain). */
async function removeFolderAt(target: string): Promise<void> {
  const stat = await fs.lstat(target).catch(() => undefined);
  if (stat?.isDirectory()) await fs.rm(target, { recursive: true, force: true });
}

/** Code-point order, so the result does not depend on the machine's locale. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
