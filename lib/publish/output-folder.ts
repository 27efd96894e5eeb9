import { constants, Dirent, promises as fs, readlinkSync } from 'fs';
import * as path from 'path';
import { append } from '../append';
import { CONSTRUCT_METADATA_FILE } from '../layout';
import { isWithin } from '../path-within';
import { UserError } from '../user-error';
import { blobId } from './blob-id';
import { displayText } from './display-text';

/** One file of the synth output, read once: what is compared, summarized and published are the same bytes. */
export interface OutputFile {
  /** Path inside the environment folder, with `/` separators (`serving/svc.yaml`). */
  readonly path: string;
  readonly bytes: Buffer;
  /** Its git blob id, see {@link blobId}. */
  readonly blob: string;
}

/** One environment folder of the synth output (`dist/prod/`). */
export interface OutputEnvironment {
  readonly name: string;
  /** Its mirrored files, nested folders included, sorted by path. */
  readonly files: OutputFile[];
}

/** The synth output as publish sees it. */
export interface OutputFolder {
  /** Every folder directly under the output folder, sorted by name. */
  readonly envs: OutputEnvironment[];
  /** Files directly under the output folder: they belong to no environment and are not published. */
  readonly skipped: string[];
}

/** Offenders listed in one error before the rest is counted. */
const MAX_LISTED = 20;

/**
 * True for the files a publish copies, and deletes from the deploy repo when the output no longer has them.
 * Dotfiles and dot-folders (`.gitkeep`, `.argocd/`, `.git`) and cdk8s's `construct-metadata.json` are skipped on
 * both sides: never published, and never deleted from the deploy repo.
 */
export function isMirrored(name: string): boolean {
  return !name.startsWith('.') && name !== CONSTRUCT_METADATA_FILE;
}

/**
 * Reads the synth output folder `fromDir` for publishing. The output folder is not trusted (it is often
 * committed, so anyone who can open a pull request writes it): a symbolic link anywhere in it, or `fromDir`
 * itself being one, is refused, never followed, so neither `/etc/passwd` nor a folder elsewhere is published
 * through a link, and a link loop or a dangling link is an error like any other link. Named pipes, sockets and
 * devices are refused as well (reading a pipe would wait forever). Nothing is read unless the whole tree is
 * clean. Links inside `cwd` above `fromDir` (`build -> /` for `--from build/dist`) count as part of the output
 * folder; folders above `cwd` are the machine's own and are not checked. Dotfiles, dot-folders and
 * `construct-metadata.json` are left out, unread (see {@link isMirrored}).
 *
 * @throws UserError exit code 2 naming every link and special file, or a missing or unreadable folder.
 */
export async function readOutputFolder(fromDir: string, cwd: string): Promise<OutputFolder> {
  const problems: string[] = [];
  await checkAncestors(fromDir, cwd, problems);
  const top = problems.length > 0 ? [] : await readFolder(fromDir, true);
  const envs: Array<{ name: string; files: string[] }> = [];
  const skipped: string[] = [];
  for (const entry of top) {
    const full = path.join(fromDir, entry.name);
    const kind = classify(entry, full, problems);
    if (kind === 'folder') envs.push({ name: entry.name, files: await listFiles(full, '', problems) });
    else if (kind === 'file') skipped.push(entry.name);
  }
  if (problems.length > 0) throw refusal(fromDir, problems);
  const sorted = envs.sort((a, b) => compare(a.name, b.name));
  return {
    envs: await Promise.all(sorted.map(async (env) => ({
      name: env.name,
      files: await Promise.all(env.files.map((rel) => readOutputFile(path.join(fromDir, env.name), rel))),
    }))),
    skipped: skipped.sort(compare),
  };
}

/** Mirrored files under `dir` as sorted `/`-separated paths; links and special files go to `problems`. */
async function listFiles(dir: string, prefix: string, problems: string[]): Promise<string[]> {
  const files: string[] = [];
  for (const entry of await readFolder(dir, false)) {
    const full = path.join(dir, entry.name);
    const kind = classify(entry, full, problems);
    if (kind === 'folder') append(files, await listFiles(full, `${prefix}${entry.name}/`, problems));
    else if (kind === 'file') files.push(`${prefix}${entry.name}`);
  }
  return files.sort(compare);
}

/** What an entry is to publish; links and special files are recorded as problems and left alone. */
function classify(entry: Dirent, full: string, problems: string[]): 'folder' | 'file' | 'refused' | 'ignored' {
  if (!isMirrored(entry.name)) return 'ignored';
  if (entry.name.includes('\uFFFD')) {
    problems.push(`${displayText(full)} (a name that is not valid UTF-8)`);
    return 'refused';
  }
  if (entry.isSymbolicLink()) {
    problems.push(describeLink(full));
    return 'refused';
  }
  if (entry.isDirectory()) return 'folder';
  if (entry.isFile()) return 'file';
  problems.push(`${displayText(full)} (${specialKind(entry)})`);
  return 'refused';
}

/**
 * Reads one file without following a link or blocking on a pipe, even if the entry was swapped after it was
 * listed: the bytes are those of a regular file inside the output folder, or the publish stops.
 */
async function readOutputFile(envDir: string, rel: string): Promise<OutputFile> {
  const file = path.join(envDir, ...rel.split('/'));
  let handle;
  try {
    handle = await fs.open(file, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (err) {
    const swapped = (err as NodeJS.ErrnoException).code === 'ELOOP';
    throw unreadable(file, swapped ? new Error('it became a symbolic link after it was listed, and links are never followed') : err);
  }
  try {
    if (!(await handle.stat()).isFile()) throw unreadable(file, new Error('no longer a regular file'));
    const bytes = await handle.readFile();
    return { path: rel, bytes, blob: blobId(bytes) };
  } catch (err) {
    throw err instanceof UserError ? err : unreadable(file, err);
  } finally {
    await handle.close();
  }
}

/** `fromDir` itself, and the folders between `cwd` and it, must not be links either. */
async function checkAncestors(fromDir: string, cwd: string, problems: string[]): Promise<void> {
  const rel = path.relative(cwd, fromDir);
  const inside = isWithin(fromDir, cwd);
  const parts = inside ? rel.split(path.sep) : [];
  const candidates = inside ? parts.map((_, i) => path.join(cwd, ...parts.slice(0, i + 1))) : [fromDir];
  for (const candidate of candidates) {
    const stat = await fs.lstat(candidate).catch(() => undefined);
    if (stat?.isSymbolicLink()) problems.push(describeLink(candidate));
    if (!stat?.isDirectory()) return;
  }
}

async function readFolder(dir: string, isRoot: boolean): Promise<Dirent[]> {
  try {
    return await fs.readdir(dir, { withFileTypes: true });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (isRoot && (code === 'ENOENT' || code === 'ENOTDIR')) {
      throw new UserError(`--from ${displayText(dir)} does not exist or is not a folder (run \`npx kfops synth\` first, or pass --from)`, 2);
    }
    throw unreadable(dir, err);
  }
}

function describeLink(file: string): string {
  let target: string;
  try {
    target = readlinkSync(file);
  } catch {
    target = '?';
  }
  return `${displayText(file)} -> ${displayText(target)}`;
}

function specialKind(entry: Dirent): string {
  if (entry.isFIFO()) return 'a named pipe';
  if (entry.isSocket()) return 'a socket';
  return 'a device';
}

function refusal(fromDir: string, problems: readonly string[]): UserError {
  const listed = [...problems].sort(compare).slice(0, MAX_LISTED).join(', ');
  const more = problems.length > MAX_LISTED ? ` and ${problems.length - MAX_LISTED} more` : '';
  return new UserError(
    `--from ${displayText(fromDir)} holds ${problems.length === 1 ? 'an entry' : `${problems.length} entries`} kfops does not ` +
      `publish: ${listed}${more} (symbolic links are never followed and special files never read; replace each ` +
      'link with a copy of what it points to, or remove it: `kfops synth` writes plain files only)',
    2,
  );
}

function unreadable(file: string, err: unknown): UserError {
  return new UserError(`cannot read ${displayText(file)} in --from: ${(err as Error).message} (check its permissions)`, 2);
}

/** Code-point order, so the result does not depend on the machine's locale. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
