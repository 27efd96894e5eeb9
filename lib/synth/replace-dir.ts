import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { ensureStateDir, SYNTH_STATE_DIR } from '../layout';
import { outputFolderError } from './io-error';

/** Names of staging (`stage`) and swapped-out (`old`) folders: the owner's pid tells a live one from a stale one. */
const WORKING_NAME = /^(?:stage|old)-(\d+)-[0-9a-f]+$/;

interface StagingPlace {
  /** The folder staging folders are created in. */
  readonly dir: string;
  /** What their names start with there. */
  readonly prefix: string;
}

/** A working folder beside an output folder outside the project: `.<output>.kfops-stage-<pid>-<hex>`. */
const BESIDE_NAME = /^\.(.+)\.kfops-(?:stage|old)-\d+-[0-9a-f]+$/;

/**
 * Staging folders go where git ignores them and on the target's file system, so the swap is a rename: under
 * `.kfops/synth/` when the target is inside the project, else beside the target (`.dist.kfops-stage-...`). A
 * target that is itself a staging folder (KfopsApp writing for kfops synth) stages beside it under the output
 * folder's prefix, so one cleanup finds both.
 */
function stagingPlace(target: string, projectRoot: string): StagingPlace {
  const absolute = path.resolve(target);
  const relative = path.relative(path.resolve(projectRoot), absolute);
  const inside = relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
  if (inside) return { dir: path.join(path.resolve(projectRoot), SYNTH_STATE_DIR), prefix: '' };
  const name = path.basename(absolute);
  return { dir: path.dirname(absolute), prefix: `.${BESIDE_NAME.exec(name)?.[1] ?? name}.kfops-` };
}

function workingName(kind: 'stage' | 'old'): string {
  return `${kind}-${process.pid}-${randomBytes(4).toString('hex')}`;
}

/**
 * Creates an empty staging folder for `target` (see {@link stagingPlace}). It is made with mkdir, not mkdtemp, so
 * it gets the umask's mode (mkdtemp's 0700 would become the output folder's mode).
 */
export function stageDir(target: string, projectRoot: string): string {
  const place = stagingPlace(target, projectRoot);
  try {
    if (place.prefix === '') ensureStateDir(projectRoot);
    else fs.mkdirSync(place.dir, { recursive: true });
    const staged = path.join(place.dir, place.prefix + workingName('stage'));
    fs.mkdirSync(staged);
    return staged;
  } catch (err) {
    throw outputFolderError(err, target, projectRoot);
  }
}

/**
 * Removes staging and swapped-out folders of `target` whose process is gone (a synth killed with SIGKILL, or a
 * machine that lost power). Live ones belong to a synth running now and are left alone. Best effort: a folder that
 * cannot be removed now is tried again next time.
 */
export function cleanStaleStaging(target: string, projectRoot: string): void {
  const place = stagingPlace(target, projectRoot);
  let names: string[];
  try {
    names = fs.readdirSync(place.dir);
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(place.prefix)) continue;
    const match = WORKING_NAME.exec(name.slice(place.prefix.length));
    if (!match || isAlive(Number(match[1]))) continue;
    try {
      fs.rmSync(path.join(place.dir, name), { recursive: true, force: true });
    } catch {
      // Left for the next run.
    }
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes a working folder; a failure only leaves it for {@link cleanStaleStaging}. */
export function removeQuietly(dir: string): void {
  try {
    fs.rmSync(dir, { recursive: true, force: true });
  } catch {
    // Left for the next run.
  }
}

/**
 * Moves the staged folder to `target` with renames, so `target` is entirely the old content or entirely the new,
 * never half-written. On failure the old content is put back and the staged folder removed.
 */
export function swapIn(staged: string, target: string, projectRoot: string): void {
  const place = stagingPlace(target, projectRoot);
  const old = path.join(place.dir, place.prefix + workingName('old'));
  let hadTarget = true;
  try {
    fs.renameSync(target, old);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
      removeQuietly(staged);
      throw outputFolderError(err, target, projectRoot);
    }
    hadTarget = false;
  }
  try {
    fs.renameSync(staged, target);
  } catch (err) {
    if (hadTarget) fs.renameSync(old, target);
    removeQuietly(staged);
    throw outputFolderError(err, target, projectRoot);
  }
  if (hadTarget) removeQuietly(old);
}

/** Options of {@link replaceDir}. */
export interface ReplaceDirOptions {
  /** The project root: decides where staging folders go. */
  readonly projectRoot: string;
  /** When aborted before the swap, the staged folder is dropped and `target` stays as it was. @default - never */
  readonly signal?: AbortSignal;
}

/**
 * Fills a staging folder with `fill`, then swaps it into `target`; when `fill` fails (or `signal` aborts first),
 * `target` is untouched and the staging folder removed.
 */
export async function replaceDir(target: string, fill: (stagedDir: string) => Promise<void>, options: ReplaceDirOptions): Promise<void> {
  const staged = stageDir(target, options.projectRoot);
  try {
    await fill(staged);
    options.signal?.throwIfAborted();
  } catch (err) {
    removeQuietly(staged);
    throw err;
  }
  swapIn(staged, target, options.projectRoot);
}
