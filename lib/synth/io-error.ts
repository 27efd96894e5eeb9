import * as path from 'path';
import { isWithin } from '../path-within';
import { UserError } from '../user-error';

const ELSEWHERE = 'or synth elsewhere with --out DIR';

/** What a file-system error means for an output folder, and the fix. */
const PROBLEMS: Readonly<Record<string, readonly [problem: string, fix: string]>> = {
  ENOSPC: ['no space left on device', `free space on that file system, ${ELSEWHERE}`],
  EDQUOT: ['disk quota exceeded', `free space, ${ELSEWHERE}`],
  EROFS: ['read-only file system', `remount it read-write, ${ELSEWHERE}`],
  EACCES: ['permission denied', `give yourself write access to it and its parent, ${ELSEWHERE}`],
  EPERM: ['operation not permitted', `the folder or its parent may be immutable (lsattr -d; chattr -i), ${ELSEWHERE}`],
  EBUSY: ['it is a mount point or in use', `kfops swaps the output folder in by renaming, so mount its parent instead, ${ELSEWHERE}`],
  EXDEV: ["it is on another file system than kfops' staging folder (.kfops/synth/)", ELSEWHERE],
  ENOTDIR: ['a file is in the way where a folder must be', `remove it, ${ELSEWHERE}`],
  ENAMETOOLONG: ['a path is too long', ELSEWHERE],
  EIO: ['input/output error', `check the disk or network file system, ${ELSEWHERE}`],
  EMFILE: ['too many open files', 'raise the limit (ulimit -n)'],
  ENFILE: ['too many open files on the system', 'close some programs and synth again'],
  ELOOP: ['too many symbolic links in its path', ELSEWHERE],
};

/** Shows a path relative to the project when it is inside it, as users typed it. */
export function displayPath(target: string, cwd: string): string {
  const absolute = path.resolve(cwd, target);
  if (absolute === path.resolve(cwd)) return '.';
  return isWithin(absolute, path.resolve(cwd)) ? path.relative(cwd, absolute) : absolute;
}

/**
 * Turns a file-system failure while writing or replacing the output folder into a one-line `UserError` (exit 2)
 * naming the folder, the problem and the fix, e.g. `cannot write the output folder dist: read-only file system
 * (EROFS); ...`. Anything else (a UserError, a bug) is returned as it was.
 */
export function outputFolderError(err: unknown, target: string, cwd: string): unknown {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code !== 'string' || err instanceof UserError) return err;
  const [problem, fix] = PROBLEMS[code] ?? [(err as Error).message.replace(/^[A-Z]+: /, ''), ELSEWHERE];
  return new UserError(`cannot write the output folder ${displayPath(target, cwd)}: ${problem} (${code}); ${fix}`, 2);
}
