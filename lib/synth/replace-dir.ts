import * as fs from 'fs';
import * as path from 'path';

/**
 * Creates an empty temp folder beside `target` (same file system, so a rename can move it into place).
 */
export function stageDir(target: string): string {
  const parent = path.dirname(path.resolve(target));
  fs.mkdirSync(parent, { recursive: true });
  return fs.mkdtempSync(path.join(parent, `.${path.basename(target)}.new-`));
}

/**
 * Moves the staged folder to `target` with renames, so `target` is entirely the old content or entirely the new,
 * never half-written. On failure the old content is put back and the staged folder removed.
 */
export function swapIn(staged: string, target: string): void {
  const old = staged.replace(/\.new-([^/\\]+)$/, '.old-$1');
  let hadTarget = true;
  try {
    fs.renameSync(target, old);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    hadTarget = false;
  }
  try {
    fs.renameSync(staged, target);
  } catch (err) {
    if (hadTarget) fs.renameSync(old, target);
    fs.rmSync(staged, { recursive: true, force: true });
    throw err;
  }
  if (hadTarget) fs.rmSync(old, { recursive: true, force: true });
}

/**
 * Fills a staged folder with `fill`, then swaps it into `target`; when `fill` fails, `target` is untouched.
 */
export async function replaceDir(target: string, fill: (stagedDir: string) => Promise<void>): Promise<void> {
  const staged = stageDir(target);
  try {
    await fill(staged);
  } catch (err) {
    fs.rmSync(staged, { recursive: true, force: true });
    throw err;
  }
  swapIn(staged, target);
}
