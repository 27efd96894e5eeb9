import * as path from 'path';
import { tempDir, writeTree } from '../helpers/git-repos';

/** Retry backoff for tests: a few milliseconds instead of seconds. */
export const FAST_RETRY = { baseDelayMs: 5, maxDelayMs: 20 };

/** A temporary project whose synth output (`dist/`) holds `files` (paths relative to dist/). */
export function projectWith(files: Record<string, string>): string {
  const cwd = tempDir('kfops-project-');
  writeTree(path.join(cwd, 'dist'), files);
  return cwd;
}
