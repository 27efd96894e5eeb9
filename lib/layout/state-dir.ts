import * as fs from 'fs';
import * as path from 'path';

/** kfops' working folder in a project (staging, rejected output); it ignores itself for git. */
const STATE_DIR = '.kfops';

/** Where staging folders of output folders inside the project go. */
export const SYNTH_STATE_DIR = path.join(STATE_DIR, 'synth');

/** Where synth output that failed validation is kept, out of reach of commits and publish, for the report's file:line. */
const REJECTED_OUTPUT_DIR = path.join(SYNTH_STATE_DIR, 'rejected');

/** Creates `.kfops/synth/` with a `.kfops/.gitignore` of `*`, so projects need no ignore rule of their own. */
export function ensureStateDir(projectRoot: string): void {
  const state = path.join(projectRoot, STATE_DIR);
  fs.mkdirSync(path.join(projectRoot, SYNTH_STATE_DIR), { recursive: true });
  const ignore = path.join(state, '.gitignore');
  if (!fs.existsSync(ignore)) fs.writeFileSync(ignore, '# kfops working files (staging, rejected output); never committed\n*\n');
}

/** The folder the rejected output of the output folder named `name` is kept in (`.kfops/synth/rejected/dist`). */
export function rejectedOutputDir(projectRoot: string, name: string): string {
  return path.join(projectRoot, REJECTED_OUTPUT_DIR, name);
}

/**
 * Moves `folder` (invalid output) to {@link rejectedOutputDir}, replacing what an earlier failure left there, and
 * returns where it went. A folder on another file system is copied, then removed.
 */
export function setAsideRejected(folder: string, projectRoot: string, name: string): string {
  const destination = rejectedOutputDir(projectRoot, name);
  ensureStateDir(projectRoot);
  fs.mkdirSync(path.dirname(destination), { recursive: true });
  fs.rmSync(destination, { recursive: true, force: true });
  try {
    fs.renameSync(folder, destination);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EXDEV') throw err;
    fs.cpSync(folder, destination, { recursive: true, verbatimSymlinks: true });
    fs.rmSync(folder, { recursive: true, force: true });
  }
  return destination;
}
