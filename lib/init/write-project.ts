import * as fs from 'fs';
import * as path from 'path';
import { UserError } from '../user-error';
import type { ProjectFile } from './project-files';

/** How {@link writeProject} treats a folder that already has files. */
export interface WriteProjectOptions {
  /** Add the files that are missing to a non-empty folder, keeping every file that is there. @default false */
  readonly force?: boolean;
}

/** What {@link writeProject} did, as paths relative to the project. */
export interface WriteProjectResult {
  readonly written: readonly string[];
  /** Files that were there already and were kept as they are (only with `force`). */
  readonly kept: readonly string[];
}

/** How many of a non-empty folder's entries an error names before it says "and N more". */
const NAMED_ENTRIES = 8;

/**
 * Writes `files` into `dir`, creating it when missing. A folder with anything in it is refused unless `force`,
 * and even then no existing file is replaced: each file is created exclusively, so one that appears meanwhile is
 * kept too. Nothing is written through a symbolic link. On any failure the files and folders written so far are
 * removed again, so the folder is as it was.
 *
 * @throws UserError (exit 2) for a non-empty folder without `force`, a path that is not a folder, or a link
 */
export function writeProject(dir: string, files: readonly ProjectFile[], options: WriteProjectOptions = {}): WriteProjectResult {
  const existing = entriesOf(dir);
  if (existing.length > 0 && !options.force) {
    const named = existing.slice(0, NAMED_ENTRIES).join(', ');
    const more = existing.length > NAMED_ENTRIES ? ` and ${existing.length - NAMED_ENTRIES} more` : '';
    throw new UserError(`${dir} is not empty (${named}${more}): run kfops init in an empty or new folder, or add --force `
      + 'to add the missing files beside these (existing files are never overwritten)', 2);
  }
  const created: string[] = [];
  const written: string[] = [];
  const kept: string[] = [];
  try {
    const top = fs.mkdirSync(dir, { recursive: true });
    if (top) created.push(top);
    for (const file of files) {
      const target = path.join(dir, ...file.path.split('/'));
      makeFolders(dir, path.dirname(target), created);
      if (writeNew(target, file.content)) {
        created.push(target);
        written.push(file.path);
      } else {
        kept.push(file.path);
      }
    }
  } catch (err) {
    for (const p of created.reverse()) fs.rmSync(p, { recursive: true, force: true });
    if (err instanceof UserError) throw err;
    throw new UserError(`cannot write the project into ${dir}: ${(err as Error).message} (nothing was written)`, 2);
  }
  return { written, kept };
}

/** The names in `dir` (sorted, folders with a trailing '/'), or none when it does not exist yet. */
function entriesOf(dir: string): string[] {
  // The folder itself may be reached through a link (a symlinked home); only links inside it are refused.
  const stat = fs.statSync(dir, { throwIfNoEntry: false });
  if (!stat) return [];
  if (!stat.isDirectory()) throw new UserError(`${dir} exists and is not a folder: give kfops init a folder to create the project in`, 2);
  return fs.readdirSync(dir, { withFileTypes: true })
    .map((e) => (e.isDirectory() ? `${e.name}/` : e.name))
    .sort();
}

/** Creates `folder` and its missing parents below `root`, recording each one created; refuses links. */
function makeFolders(root: string, folder: string, created: string[]): void {
  const relative = path.relative(root, folder);
  let current = root;
  for (const part of relative ? relative.split(path.sep) : []) {
    current = path.join(current, part);
    const stat = fs.lstatSync(current, { throwIfNoEntry: false });
    if (!stat) {
      fs.mkdirSync(current);
      created.push(current);
    } else if (stat.isSymbolicLink()) {
      throw new UserError(`${current} is a symbolic link: kfops init writes no file through one (remove it, or init elsewhere)`, 2);
    } else if (!stat.isDirectory()) {
      throw new UserError(`${current} is a file where the project has a folder: move it away, or init elsewhere`, 2);
    }
  }
}

/** Creates `file` with `content`; false, leaving it as it is, when something is already there (even a link). */
function writeNew(file: string, content: string): boolean {
  let fd: number;
  try {
    fd = fs.openSync(file, 'wx');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
  try {
    fs.writeFileSync(fd, content);
  } catch (err) {
    fs.closeSync(fd);
    fs.rmSync(file, { force: true });
    throw err;
  }
  fs.closeSync(fd);
  return true;
}
