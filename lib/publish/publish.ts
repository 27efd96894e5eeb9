import { promises as fs, rmSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { UserError } from '../user-error';
import { ChangeSummary, summarizeChanges } from './change-summary';
import { formatCommitMessage } from './commit-message';
import { DeployClone, GitAuthor, PushRejectedError } from './deploy-clone';
import { FileChange, listEnvironments, listMirroredFiles, mirrorEnvironment } from './mirror';
import { isRemoteUrl, redact } from './redact';
import { resolveRetryOptions, retry, RetriesExhaustedError, RetryOptions } from './retry';
import { readSourceCommit } from './source-commit';

/** Identity of publish commits when none is configured. */
export const DEFAULT_AUTHOR: GitAuthor = { name: 'kfops', email: 'kfops@localhost' };

/** Options of {@link publish}. */
export interface PublishOptions {
  /** Folder the relative paths (`from`, a local `repo`) resolve against; its git HEAD is the source commit. */
  readonly cwd: string;
  /** Deploy repo: a URL (`https://...`, `ssh://...`, `git@host:org/repo.git`) or a path to a repo on disk. */
  readonly repo: string;
  /** Branch of the deploy repo to publish to. @default 'main' */
  readonly branch?: string;
  /** Folder of the deploy repo that holds the environment folders. @default '.' */
  readonly dir?: string;
  /** Synth output holding one folder per environment. @default 'dist' */
  readonly from?: string;
  /** Subject line of the commit. @default - generated from the changes */
  readonly message?: string;
  /** Compute and report the changes, but commit and push nothing. @default false */
  readonly dryRun?: boolean;
  /** Create `branch` when the deploy repo has no such branch. @default false - a missing branch is an error */
  readonly createBranch?: boolean;
  /** Identity of the publish commit. @default DEFAULT_AUTHOR */
  readonly author?: GitAuthor;
  /** Retries when the push is rejected because the branch moved. @default - 5 retries, 500 ms doubling backoff */
  readonly retry?: RetryOptions;
  /** Commit recorded in the `Source-Commit` trailer. @default - HEAD of the git repo at `cwd`, if any */
  readonly sourceCommit?: string;
  /** Receives progress lines, credentials already redacted. @default - silent */
  readonly log?: (line: string) => void;
  /**
   * Called after each commit, right before its push; lets tests move the remote branch to force a rejection.
   * @default - none
   */
  readonly beforePush?: (attempt: number) => Promise<void>;
}

/** What {@link publish} did. */
export interface PublishResult {
  /** `published`: a commit was pushed; `unchanged`: the deploy repo already matched; `dry-run`: nothing pushed. */
  readonly status: 'published' | 'unchanged' | 'dry-run';
  /** The pushed commit; null unless `status` is `published`. */
  readonly commit: string | null;
  /** The commit message made (or, for a dry run, the one that would be); null when nothing changed. */
  readonly message: string | null;
  /** What changed per environment (empty when `unchanged`). */
  readonly summary: ChangeSummary;
  /** Every file change, with contents, as mirrored in the final attempt. */
  readonly changes: FileChange[];
  /** Attempts made: 1 plus the retries after rejected pushes. */
  readonly attempts: number;
  /** The deploy repo, credentials redacted. */
  readonly repo: string;
  readonly branch: string;
  /** Environments published, in order. */
  readonly environments: string[];
  /** Files directly under `from` that belong to no environment and were not published. */
  readonly skipped: string[];
}

/**
 * Publishes synthesized manifests to a GitOps deploy repo: mirrors each environment folder of `from` into
 * `<dir>/<env>/` of `branch` (adding, changing and deleting files so the folder equals the source, touching
 * nothing outside those folders), commits when something changed, and pushes without force. When the push is
 * rejected because the branch moved, it fetches the new tip, mirrors again and retries with backoff, so
 * concurrent publishers all land. The working copy is a temp folder removed afterwards, also on failure.
 *
 * @throws UserError exit code 2 for bad options, an unreadable `from`, an unreachable repo or a missing branch;
 *   exit code 1 when the push was still rejected after every retry.
 */
export async function publish(options: PublishOptions): Promise<PublishResult> {
  const branch = checkBranch(options.branch ?? 'main');
  const dir = checkDir(options.dir ?? '.');
  const fromDir = path.resolve(options.cwd, options.from ?? 'dist');
  const remote = isRemoteUrl(options.repo) ? options.repo : path.resolve(options.cwd, options.repo);
  const log = (line: string) => options.log?.(redact(line));
  const retryOptions = resolveRetryOptions(options.retry);

  const { envs, skipped } = await listEnvironments(fromDir);
  await checkEnvironments(fromDir, envs);
  for (const file of skipped) log(`skipping ${path.join(fromDir, file)}: only environment folders are published`);
  const sourceCommit = options.sourceCommit ?? (await readSourceCommit(options.cwd));

  const workDir = await fs.mkdtemp(path.join(os.tmpdir(), 'kfops-publish-'));
  // An interrupted CLI run (SIGINT turned into process.exit) still removes the working copy.
  const removeOnExit = () => rmSync(workDir, { recursive: true, force: true });
  process.on('exit', removeOnExit);
  try {
    const clone = await DeployClone.create(workDir, remote, options.author ?? DEFAULT_AUTHOR);
    const base = { repo: clone.displayRemote, branch, environments: envs, skipped };

    const attempt = async (n: number): Promise<PublishResult> => {
      const tip = await clone.checkoutRemoteTip(branch);
      if (tip === undefined && !options.createBranch) {
        throw new UserError(
          `branch ${branch} does not exist in deploy repo ${clone.displayRemote} ` +
            '(check --branch, or pass --create-branch to create it with this publish)',
          2,
        );
      }
      log(tip ? `mirroring ${fromDir} onto ${branch} at ${tip.slice(0, 12)}` : `mirroring ${fromDir} onto new branch ${branch}`);
      const changes: FileChange[] = [];
      for (const env of envs) {
        changes.push(...(await mirrorEnvironment(env, path.join(fromDir, env), path.join(workDir, dir, env))));
      }
      await clone.stage(envs.map((env) => path.posix.join(dir, env)));
      const summary = summarizeChanges(changes);
      if (!(await clone.hasStagedChanges())) {
        return { ...base, status: 'unchanged', commit: null, message: null, summary: { environments: [] }, changes: [], attempts: n };
      }
      const message = formatCommitMessage(summary, { subject: options.message, sourceCommit });
      if (options.dryRun) return { ...base, status: 'dry-run', commit: null, message, summary, changes, attempts: n };
      const commit = await clone.commit(message);
      await options.beforePush?.(n);
      await clone.push(branch);
      return { ...base, status: 'published', commit, message, summary, changes, attempts: n };
    };

    return await retry(attempt, (err) => err instanceof PushRejectedError, retryOptions, (err, next, delay) =>
      log(`${err.message}; retrying on the new tip in ${delay} ms (attempt ${next} of ${retryOptions.maxRetries + 1})`));
  } catch (err) {
    if (err instanceof RetriesExhaustedError) {
      throw new UserError(
        `publish to ${redact(remote)} (${branch}) failed after ${err.attempts} attempts, the deploy repo is unchanged: ` +
          `${err.lastError.message} (if other jobs publish constantly, raise --max-retries; if a server hook ` +
          'declines the push, see its message above)',
        1,
      );
    }
    throw err;
  } finally {
    process.off('exit', removeOnExit);
    await fs.rm(workDir, { recursive: true, force: true });
  }
}

/** Refuses an empty environment folder: mirroring it would delete the whole environment from the deploy repo. */
async function checkEnvironments(fromDir: string, envs: readonly string[]): Promise<void> {
  if (envs.length === 0) {
    throw new UserError(
      `--from ${fromDir} has no environment folders (expected ${path.join(fromDir, '<env>')}/ with manifests; ` +
        'run `npx kfops synth` first)',
      2,
    );
  }
  for (const env of envs) {
    if ((await listMirroredFiles(path.join(fromDir, env), true)).length === 0) {
      throw new UserError(
        `${path.join(fromDir, env)} is empty: publishing it would delete ${env}/ from the deploy repo ` +
          '(run `npx kfops synth`, or remove the folder and delete the environment from the deploy repo by hand)',
        2,
      );
    }
  }
}

/** `dir` as a clean relative path inside the deploy repo, or a UserError. */
function checkDir(dir: string): string {
  const normalized = path.posix.normalize(dir.replace(/\\/g, '/')).replace(/\/+$/, '') || '.';
  if (path.posix.isAbsolute(normalized) || normalized === '..' || normalized.startsWith('../') ||
      normalized.split('/').includes('.git')) {
    throw new UserError(`--dir ${dir} must be a folder inside the deploy repo, relative to its root (e.g. --dir envs)`, 2);
  }
  return normalized;
}

/** Rejects branch names git would refuse or read as an option, with a message that names the flag. */
function checkBranch(branch: string): string {
  if (!/^[A-Za-z0-9._/-]+$/.test(branch) || branch.startsWith('-') || branch.startsWith('/') ||
      branch.endsWith('/') || branch.endsWith('.lock') || branch.includes('..') || branch.includes('//')) {
    throw new UserError(`--branch ${JSON.stringify(branch)} is not a valid branch name (e.g. --branch main)`, 2);
  }
  return branch;
}
