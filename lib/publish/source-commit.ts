import { realpath } from 'fs/promises';
import { GitProcess } from './git-process';

/**
 * The commit checked out in `cwd`, for the `Source-Commit` trailer; undefined when `cwd` is not inside a git
 * work tree or its branch has no commit yet (a publish from a plain folder is still allowed).
 */
export async function readSourceCommit(cwd: string, timeoutMs?: number, signal?: AbortSignal): Promise<string | undefined> {
  try {
    const sha = (await new GitProcess({ cwd, inactivityTimeoutMs: timeoutMs, signal }).text(['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'])).trim();
    return /^[0-9a-f]{40,64}$/.test(sha) ? sha : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The repository `dir` belongs to, as the real path of its common git dir (the same for the repo, each of its
 * folders and each worktree of it); undefined when `dir` is in no git repository.
 */
export async function readGitCommonDir(dir: string, timeoutMs?: number, signal?: AbortSignal): Promise<string | undefined> {
  try {
    const common = (await new GitProcess({ cwd: dir, inactivityTimeoutMs: timeoutMs, signal })
      .text(['rev-parse', '--path-format=absolute', '--git-common-dir'])).trim();
    return common ? await realpath(common) : undefined;
  } catch {
    return undefined;
  }
}
