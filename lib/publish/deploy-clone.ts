import { SimpleGit } from 'simple-git';
import { UserError } from '../user-error';
import { createGit } from './git-env';
import { redact } from './redact';

/** Name and email of the commits a publish makes. */
export interface GitAuthor {
  readonly name: string;
  readonly email: string;
}

/** Thrown by {@link DeployClone.push} when the remote refused the update, typically because the branch moved. */
export class PushRejectedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PushRejectedError';
  }
}

/**
 * The working copy of the deploy repo that a publish writes into: a repo in a temp folder with the deploy repo
 * as `origin`, holding one shallow branch. It only ever fast-forwards the remote branch; it never force-pushes.
 */
export class DeployClone {
  /** Initialises an empty repo in `dir` (which must exist) with `remote` as origin and `author` as identity. */
  static async create(dir: string, remote: string, author: GitAuthor): Promise<DeployClone> {
    const clone = new DeployClone(createGit(dir), remote);
    await clone.step('init', (git) => git.init());
    await clone.step('remote add', (git) => git.addRemote('origin', remote));
    await clone.step('config', (git) => git.addConfig('user.name', author.name));
    await clone.step('config', (git) => git.addConfig('user.email', author.email));
    return clone;
  }

  private constructor(private readonly git: SimpleGit, private readonly remote: string) {}

  /** The remote repo, safe to print. */
  get displayRemote(): string {
    return redact(this.remote);
  }

  /**
   * Resets the working copy to the remote tip of `branch` and returns that commit, or, when the remote has no
   * such branch, to an empty unborn `branch` and returns undefined.
   */
  async checkoutRemoteTip(branch: string): Promise<string | undefined> {
    const exists = await this.remoteHasBranch(branch);
    if (exists) {
      await this.step(`fetch ${branch}`, (git) =>
        git.raw(['fetch', '--no-tags', '--depth=1', 'origin', `+refs/heads/${branch}:refs/remotes/origin/${branch}`]));
      await this.step(`checkout ${branch}`, (git) => git.raw(['checkout', '--force', '-B', branch, `refs/remotes/origin/${branch}`]));
    } else {
      // An unborn branch with an empty index: the first commit of a new branch, whatever this clone did before.
      await this.step(`create ${branch}`, async (git) => {
        await git.raw(['symbolic-ref', 'HEAD', `refs/heads/${branch}`]);
        await git.raw(['update-ref', '-d', `refs/heads/${branch}`]);
        await git.raw(['read-tree', '--empty']);
      });
    }
    await this.step('clean', (git) => git.raw(['clean', '-ffdxq']));
    return exists ? (await this.step('rev-parse', (git) => git.revparse(['HEAD']))).trim() : undefined;
  }

  /** Stages every addition, change and deletion under `paths` (relative to the working copy). */
  async stage(paths: readonly string[]): Promise<void> {
    await this.step('add', (git) => git.raw(['add', '--all', '--', ...paths]));
  }

  /** True when the index differs from HEAD (or, on an unborn branch, holds any file). */
  async hasStagedChanges(): Promise<boolean> {
    const names = await this.step('diff', (git) => git.raw(['diff', '--cached', '--name-only', '-z']));
    return names.length > 0;
  }

  /** Commits the index and returns the new commit. */
  async commit(message: string): Promise<string> {
    await this.step('commit', (git) => git.raw(['commit', '--quiet', '--cleanup=verbatim', '-m', message]));
    return (await this.step('rev-parse', (git) => git.revparse(['HEAD']))).trim();
  }

  /**
   * Pushes HEAD to `branch` without force: the remote accepts it only as a fast-forward (or as a new branch).
   * @throws PushRejectedError when the remote refused the update (the branch moved, a lock was held, a hook
   *   declined); other failures throw a {@link UserError}.
   */
  async push(branch: string): Promise<void> {
    try {
      await this.git.raw(['push', '--porcelain', 'origin', `HEAD:refs/heads/${branch}`]);
    } catch (err) {
      const output = redact(String((err as Error).message)).trim();
      if (/\[(remote )?rejected\]|cannot lock ref|failed to update ref/.test(output)) {
        throw new PushRejectedError(`push to ${this.displayRemote} (${branch}) was rejected: ${lastLines(output)}`);
      }
      throw new UserError(`git push to ${this.displayRemote} (${branch}) failed: ${output}`, 2);
    }
  }

  private async remoteHasBranch(branch: string): Promise<boolean> {
    let refs: string;
    try {
      refs = await this.git.raw(['ls-remote', '--heads', 'origin', `refs/heads/${branch}`]);
    } catch (err) {
      throw new UserError(
        `cannot reach deploy repo ${this.displayRemote}: ${redact((err as Error).message).trim()} ` +
          '(check the --repo URL or path, that the repo exists, and that this job has credentials for it)',
        2,
      );
    }
    return refs.trim().length > 0;
  }

  /** Runs a git step; a failure becomes a UserError that names the step and the repo, credentials redacted. */
  private async step<T>(name: string, run: (git: SimpleGit) => Promise<T>): Promise<T> {
    try {
      return await run(this.git);
    } catch (err) {
      throw new UserError(`git ${name} for deploy repo ${this.displayRemote} failed: ${redact((err as Error).message).trim()}`, 2);
    }
  }
}

/** The end of git's output, where the reason is; the hints after a rejected push are dropped. */
function lastLines(output: string): string {
  return output
    .split('\n')
    .filter((line) => line.trim() && !line.startsWith('hint:'))
    .slice(-4)
    .join(' | ');
}
