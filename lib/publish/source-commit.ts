import { GitProcess } from './git-process';

/**
 * The commit checked out in `cwd`, for the `Source-Commit` trailer; undefined when `cwd` is not inside a git
 * work tree or its branch has no commit yet (a publish from a plain folder is still allowed).
 */
export async function readSourceCommit(cwd: string, timeoutMs?: number, signal?: AbortSignal): Promise<string | undefined> {
  try {
    const sha = (await new GitProcess({ cwd, timeoutMs, signal }).text(['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'])).trim();
    return /^[0-9a-f]{40,64}$/.test(sha) ? sha : undefined;
  } catch {
    return undefined;
  }
}
