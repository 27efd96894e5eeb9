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
 * The working copy of the deploy repo that a publish writes into: a repo in a temp folder holding one shallow
 * branch fetched from the deploy repo. It only ever fast-forwards the remote branch; it never force-pushes.
 * The remote is passed to each command rather than saved as a remote, so no config file holds a token.
 */
export class DeployClone {
  /** Initialises an empty repo in `dir` (which must exist) that talks to `remote` and commits as `author`. */
  static async create(dir: string, remote: string, author: GitAuthor): Promise<DeployClone> {
    const clone = new DeployClone(createGit(dir, [`user.name=${author.name}`, `user.email=${author.email}`]), remote);
    await clone.step('init', (git) => git.init());
    return clone;
  }

  /** Whether an attempt already wrote into the working copy. */
  private used = false;

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
        git.raw(['fetch', '--no-tags', '--depth=1', this.remote, `+refs/heads/${branch}:refs/remotes/origin/${branch}`]));
      await this.step(`checkout ${branch}`, (git) => git.raw(['checkout', '--force', '-B', branch, `refs/remotes/origin/${branch}`]));
    } else {
      // An unborn branch with an empty index: the first commit of a new branch. Only a retry has a local
      // commit and index to drop.
      await this.step(`create ${branch}`, async (git) => {
        await git.raw(['symbolic-ref', 'HEAD', `refs/heads/${branch}`]);
        if (this.used) {
          await git.raw(['update-ref', '-d', `refs/heads/${branch}`]);
          await git.raw(['read-tree', '--empty']);
        }
      });
    }
    // Files a previous attempt left behind; a fresh clone has none, and a silent git call costs simple-git 50 ms.
    if (this.used) await this.step('clean', (git) => git.raw(['clean', '-ffdxq']));
    this.used = true;
    return exists ? (await this.step('rev-parse', (git) => git.revparse(['HEAD']))).trim() : undefined;
  }

  /** Stages every addition, change and deletion under `paths` (relative to the working copy), ignore rules or not. */
  async stage(paths: readonly string[]): Promise<void> {
    await this.step('add', (git) => git.raw(['add', '--all', '--force', '--verbose', '--', ...paths]));
  }

  /** True when the index differs from HEAD (or, on an unborn branch, holds any file). */
  async hasStagedChanges(): Promise<boolean> {
    const names = await this.step('diff', (git) => git.raw(['diff', '--cached', '--name-only', '-z']));
    return names.length > 0;
  }

  /** Commits the index and returns the new commit. */
  async commit(message: string): Promise<string> {
    await this.step('commit', (git) => git.raw(['commit', '--cleanup=verbatim', '-m', message]));
    return (await this.step('rev-parse', (git) => git.revparse(['HEAD']))).trim();
  }

  /**
   * Pushes HEAD to `branch` without force: the remote accepts it only as a fast-forward (or as a new branch).
   * @throws PushRejectedError when the remote refused the update (the branch moved, a lock was held, a hook
   *   declined); other failures throw a {@link UserError}.
   */
  async push(branch: string): Promise<void> {
    try {
      await this.git.raw(['push', '--porcelain', this.remote, `HEAD:refs/heads/${branch}`]);
    } catch (err) {
      const output = gitOutput(err);
      if (/\[(remote )?rejected\]|cannot lock ref|failed to update ref/.test(output)) {
        throw new PushRejectedError(`push to ${this.displayRemote} (${branch}) was rejected: ${output}`);
      }
      throw new UserError(`git push to ${this.displayRemote} (${branch}) failed: ${output}`, 2);
    }
  }

  private async remoteHasBranch(branch: string): Promise<boolean> {
    let refs: string;
    try {
      refs = await this.git.raw(['ls-remote', '--heads', this.remote, `refs/heads/${branch}`]);
    } catch (err) {
      throw new UserError(
        `cannot reach deploy repo ${this.displayRemote}: ${gitOutput(err)} ` +
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
      throw new UserError(`git ${name} for deploy repo ${this.displayRemote} failed: ${gitOutput(err)}`, 2);
    }
  }
}

/**
 * git's message from a failed command on one line, credentials redacted: the porcelain status lines and
 * `remote:`/`fatal:` reasons are kept, the advice hints and `To <url>` lines dropped.
 */
function gitOutput(err: unknown): string {
  return redact(String((err as Error).message))
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('hint:') && !line.startsWith('To ') && line !== 'Done')
    .join('; ');
}
