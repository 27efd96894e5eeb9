import { promises as fs, rmSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { setTimeout as delay } from 'timers/promises';
import { fileURLToPath } from 'url';
import { killAllGroups } from '../process/process-group';
import { UserError } from '../user-error';
import { ChangeSummary, summarizeChanges } from './change-summary';
import { formatCommitMessage } from './commit-message';
import { DeployClone, GitAuthor, PushRejectedError } from './deploy-clone';
import { displayText } from './display-text';
import { FileChange, findUnsafePaths, planMirror, PlannedChange, unsafePathsError } from './mirror';
import { OutputEnvironment, readOutputFolder } from './output-folder';
import { configSecrets, isRemoteUrl, redact, remoteSecrets } from './redact';
import { resolveRetryOptions, retry, RetriesExhaustedError, RetryOptions } from './retry';
import { ReadBudget } from './read-budget';
import { readGitCommonDir, readSourceCommit } from './source-commit';

/** Identity of publish commits when none is configured. */
export const DEFAULT_AUTHOR: GitAuthor = { name: 'kfops', email: 'kfops@localhost' };

/** How long one git command (fetch, push, ...) may go without progress when no timeout is given. */
export const DEFAULT_TIMEOUT_MS = 30_000;

/** How long one git command may run in all, however steadily it progresses, when no bound is given. */
export const DEFAULT_TOTAL_TIMEOUT_MS = 60 * 60_000;

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
  /**
   * Longest one git command (fetch, push and the local steps alike) may go without a sign of progress (data
   * arriving or sent, output, reading its input) before it is stopped, with what it started, and the publish fails
   * naming the step: a server that stopped answering. A slow transfer that keeps moving is not stopped.
   * @default DEFAULT_TIMEOUT_MS (30 s)
   */
  readonly timeoutMs?: number;
  /** Longest one git command may run in all, however steadily it progresses. @default DEFAULT_TOTAL_TIMEOUT_MS (1 hour) */
  readonly totalTimeoutMs?: number;
  /** Folder the temporary working copy is made in (and removed from). @default os.tmpdir(), i.e. $TMPDIR */
  readonly tmpDir?: string;
  /**
   * Stops the publish: running git commands are killed with what they started, the working copy is removed,
   * and the publish rejects. @default - never stopped
   */
  readonly signal?: AbortSignal;
  /** Receives progress lines, credentials already redacted. @default - silent */
  readonly log?: (line: string) => void;
}

/** What tests inject into a publish ({@link publishWithHooks}); not part of the library's options. */
export interface PublishHooks {
  /** Called after each commit, right before its push; tests move the remote branch to force a rejection. @default - none */
  readonly beforePush?: (attempt: number) => Promise<void>;
  /**
   * How long a push the deploy repo refused because the ref was locked waits for the branch to move (another
   * push finishing) before the lock is taken to be stale. @default LOCK_SETTLE_MS
   */
  readonly lockSettleMs?: number;
}

/** See {@link PublishHooks.lockSettleMs}: a concurrent push holds the ref's lock for milliseconds. */
const LOCK_SETTLE_MS = 2000;

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
 * concurrent publishers all land; a push declined while the branch stayed put (a hook, a protected branch) fails
 * at once. The working copy is a temp folder that is never checked out, removed afterwards, also on failure.
 *
 * Neither side is trusted: links in `from` are refused, never followed (see {@link readOutputFolder}), and a
 * link or submodule where the deploy repo would be written is refused before anything is written (see
 * {@link findUnsafePaths}). Every message and error is redacted (see {@link redact}).
 *
 * @throws UserError exit code 2 for bad options, an unreadable or unsafe `from`, an unreachable, slow or unsafe
 *   deploy repo, or a missing branch; exit code 1 when the push was declined, or still rejected after every retry.
 */
export function publish(options: PublishOptions): Promise<PublishResult> {
  return publishWithHooks(options, {});
}

/** {@link publish}, with what tests inject. */
export async function publishWithHooks(options: PublishOptions, hooks: PublishHooks): Promise<PublishResult> {
  const remote = resolveRemote(options.repo, options.cwd);
  const secrets = [...remoteSecrets(remote), ...configSecrets(process.env)];
  const clean = (text: string) => redact(text, secrets);
  try {
    return await publishTo(remote, clean, options, hooks);
  } catch (err) {
    if (options.signal?.aborted) {
      throw new UserError(
        `publish to ${clean(remote)} was interrupted: git was stopped and the working copy removed; nothing was pushed ` +
          'unless the push had already started (publish again: it says Nothing to publish if that push landed)',
        2,
      );
    }
    throw redactError(err, clean);
  }
}

async function publishTo(remote: string, clean: (text: string) => string, options: PublishOptions, hooks: PublishHooks): Promise<PublishResult> {
  const branch = checkBranch(options.branch ?? 'main');
  const dir = checkDir(options.dir ?? '.');
  const author = checkAuthor(options.author ?? DEFAULT_AUTHOR);
  const timeoutMs = checkTimeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const totalTimeoutMs = checkTimeout(options.totalTimeoutMs ?? DEFAULT_TOTAL_TIMEOUT_MS);
  const fromDir = path.resolve(options.cwd, options.from ?? 'dist');
  const log = (line: string) => options.log?.(clean(line));
  const retryOptions = resolveRetryOptions({ ...options.retry, signal: options.signal });

  const { envs, skipped } = await readOutputFolder(fromDir, options.cwd);
  checkEnvironments(fromDir, envs);
  for (const file of skipped) log(`skipping ${displayText(path.join(fromDir, file))}: only environment folders are published`);
  const sourceCommit = options.sourceCommit ?? (await readSourceCommit(options.cwd, timeoutMs, options.signal));
  await refuseSourceRepo(remote, options.cwd, timeoutMs, options.signal);

  const workDir = await fs.mkdtemp(path.join(options.tmpDir ?? os.tmpdir(), 'kfops-publish-'));
  // A process that exits without unwinding (a second Ctrl-C, process.exit) still stops git and removes the copy.
  const cleanup = () => {
    killAllGroups();
    rmSync(workDir, { recursive: true, force: true });
  };
  whenExiting.add(cleanup);
  try {
    const deploy = await DeployClone.create(workDir, remote, branch, author, {
      inactivityTimeoutMs: timeoutMs, totalTimeoutMs, signal: options.signal, redact: clean,
    });
    const base = { repo: deploy.displayRemote, branch, environments: envs.map((e) => e.name), skipped };

    const attempt = async (n: number): Promise<PublishResult> => {
      const tip = await deploy.loadRemoteTip();
      if (tip === undefined && !options.createBranch) {
        throw new UserError(
          `branch ${branch} does not exist in deploy repo ${deploy.displayRemote} ` +
            '(check --branch, or pass --create-branch to create it with this publish)',
          2,
        );
      }
      log(tip ? `mirroring ${fromDir} onto ${branch} at ${tip.slice(0, 12)}` : `mirroring ${fromDir} onto new branch ${branch}`);
      const planned = await planChanges(deploy, branch, dir, envs);
      if (planned.length === 0) {
        return { ...base, status: 'unchanged', commit: null, message: null, summary: { environments: [] }, changes: [], attempts: n };
      }
      const changes = await fileChanges(deploy, planned);
      const summary = summarizeChanges(changes);
      const message = formatCommitMessage(summary, { subject: options.message, sourceCommit });
      if (options.dryRun) return { ...base, status: 'dry-run', commit: null, message, summary, changes, attempts: n };

      const added = new Map(planned.flatMap((p) => (p.after ? [[p.after.blob, p.after.bytes] as const] : [])));
      await deploy.writeBlobs([...added.values()]);
      await deploy.updateIndex(planned.map((p) => ({ path: p.target, id: p.after?.blob })));
      const commit = await deploy.commit(message);
      await hooks.beforePush?.(n);
      await pushOrExplain(deploy, branch, tip, hooks.lockSettleMs ?? LOCK_SETTLE_MS);
      return { ...base, status: 'published', commit, message, summary, changes, attempts: n };
    };

    return await retry(attempt, (err) => err instanceof PushRejectedError, retryOptions, (err, next, delay) =>
      log(`${err.message}; retrying on the new tip in ${delay} ms (attempt ${next} of ${retryOptions.maxRetries + 1})`));
  } catch (err) {
    if (err instanceof RetriesExhaustedError) {
      throw new UserError(
        `publish to ${clean(remote)} (${branch}) failed after ${err.attempts} attempts, the deploy repo is unchanged: ` +
          `${err.lastError.message} (other jobs kept moving the branch: raise --max-retries, or publish less often at once)`,
        1,
      );
    }
    throw err;
  } finally {
    whenExiting.delete(cleanup);
    await fs.rm(workDir, { recursive: true, force: true });
  }
}

/**
 * Cleanups of the publishes in progress, run by one `exit` listener (one per publish would trip Node's
 * listener-leak warning when a dozen publish at once).
 */
const whenExiting = new Set<() => void>();
process.on('exit', () => whenExiting.forEach((cleanup) => cleanup()));

/**
 * What mirroring `envs` onto the loaded tip would change, after making sure none of it goes through a link or
 * into a submodule of the deploy repo: nothing is written before that is known.
 */
async function planChanges(deploy: DeployClone, branch: string, dir: string, envs: readonly OutputEnvironment[]): Promise<PlannedChange[]> {
  const tree = await deploy.readTree();
  const planned = planMirror(tree, dir, envs);
  const unsafe = findUnsafePaths(tree, planned);
  if (unsafe.length > 0) {
    // A link's target is a path: anything longer than PATH_MAX is shown as '?', unread.
    const links = unsafe.filter((u) => u.entry.mode === '120000');
    const blobs = await deploy.readBlobs(links.map((u) => u.entry.id), new ReadBudget(LINK_TARGET_BYTES, LINK_TARGET_BYTES * links.length));
    const targets = new Map(unsafe.flatMap((u) => (blobs.has(u.entry.id) ? [[u.path, blobs.get(u.entry.id)!.toString('utf8')] as const] : [])));
    throw unsafePathsError(branch, unsafe, targets);
  }
  return planned;
}

/** Longest link target shown in errors (Linux' PATH_MAX). */
const LINK_TARGET_BYTES = 4096;

/**
 * The planned changes with their text before and after, for the summary and the result. Texts are read within one
 * {@link ReadBudget}: a file over the manifest reader's limit, or past the total, is left unread on both sides and
 * marked `tooLarge` (the summary lists it as a changed file).
 */
async function fileChanges(deploy: DeployClone, planned: readonly PlannedChange[]): Promise<FileChange[]> {
  const budget = new ReadBudget();
  const before = await deploy.readBlobs(planned.flatMap((p) => (p.before ? [p.before.id] : [])), budget);
  return planned.map((p) => {
    const change = !p.before ? 'added' : !p.after ? 'removed' : 'changed';
    const beforeText = p.before ? before.get(p.before.id)?.toString('utf8') : undefined;
    const afterFits = p.after ? budget.take(p.after.bytes.length) : true;
    if ((p.before && beforeText === undefined) || !afterFits) return { env: p.env, path: p.path, change, tooLarge: true };
    return {
      env: p.env,
      path: p.path,
      change,
      ...(beforeText !== undefined ? { before: beforeText } : {}),
      ...(p.after ? { after: p.after.bytes.toString('utf8') } : {}),
    };
  });
}

/**
 * Pushes; a rejection is retried (rethrown as it is) only when it was a race: git's status line says the branch was
 * ahead (`[rejected]`), or the deploy repo refused (`[remote rejected]`) and its branch is no longer at the tip this
 * attempt built on. A refusal for a locked ref waits up to `lockSettleMs` for the branch to move (a concurrent push
 * holds the lock for moments). When the branch stays put a retry would fail the same way: the publish fails at once
 * (exit 1), saying the ref is locked or the push was declined, with git's message.
 */
async function pushOrExplain(deploy: DeployClone, branch: string, tip: string | undefined, lockSettleMs: number): Promise<void> {
  try {
    await deploy.push();
  } catch (err) {
    if (!(err instanceof PushRejectedError) || err.by === 'client') throw err;
    if (await tipMoves(deploy, tip, err.isLock ? lockSettleMs : 0)) throw err;
    if (err.isLock) {
      throw new UserError(
        `the deploy repo ${deploy.displayRemote} could not update ${branch} (${err.reason}): the ref is locked, and the branch has ` +
          `not moved in ${lockSettleMs / 1000} s, so no other push holds it and a retry would fail too: ${err.gitMessage} (a push ` +
          `that crashed on the server may have left refs/heads/${branch}.lock there: whoever runs the deploy repo must remove it)`,
        1,
      );
    }
    throw new UserError(
      `the deploy repo ${deploy.displayRemote} declined the push to ${branch} (${err.reason}), and the branch has not moved, so a ` +
        `retry would be declined too: ${err.gitMessage} (a server hook or branch protection refused the commit; its remote: lines ` +
        'say why)',
      1,
    );
  }
}

/** True when the remote branch is (or, within `waitMs`, gets) somewhere else than `tip`. */
async function tipMoves(deploy: DeployClone, tip: string | undefined, waitMs: number): Promise<boolean> {
  const until = Date.now() + waitMs;
  for (;;) {
    if ((await deploy.remoteTip()) !== tip) return true;
    if (Date.now() >= until) return false;
    await delay(Math.min(250, until - Date.now()));
  }
}

/** `err` with credentials removed from its message and stack; other properties (a git command line) dropped. */
function redactError(err: unknown, clean: (text: string) => string): Error {
  if (err instanceof UserError) return new UserError(clean(err.message), err.exitCode);
  const plain = new Error(clean(err instanceof Error ? err.message : String(err)));
  plain.stack = clean(err instanceof Error ? err.stack ?? plain.message : plain.message);
  return plain;
}

/**
 * A local `repo` as an absolute path; a remote as it is. A blank one is refused (`path.resolve(cwd, '')` is the
 * project itself), and so is a remote git would read as an option.
 */
function resolveRemote(repo: string, cwd: string): string {
  if (repo.trim() === '') {
    throw new UserError(
      `--repo is ${repo === '' ? 'empty' : 'blank'}: it must name the deploy repo (a URL or a path). In CI this is most likely an ` +
        'unset variable or secret, as in --repo "$DEPLOY_REPO_URL" when DEPLOY_REPO_URL is not set: check its name and that this ' +
        'job may read it',
      2,
    );
  }
  if (!isRemoteUrl(repo)) return path.resolve(cwd, repo);
  if (repo.startsWith('-')) {
    throw new UserError(`--repo ${displayText(redact(repo))} starts with "-", which git would read as an option (pass a URL or a path)`, 2);
  }
  return repo;
}

/**
 * Refuses a deploy repo on disk that is the project's own repository (the same git common dir: the repo itself,
 * one of its folders, a worktree of it): publishing would commit the manifests onto the sources' branches.
 */
async function refuseSourceRepo(remote: string, cwd: string, timeoutMs: number, signal?: AbortSignal): Promise<void> {
  const local = localRepoPath(remote);
  if (local === undefined) return;
  const [deploy, source] = await Promise.all([readGitCommonDir(local, timeoutMs, signal), readGitCommonDir(cwd, timeoutMs, signal)]);
  if (deploy === undefined || deploy !== source) return;
  throw new UserError(
    `--repo ${displayText(remote)} is this project's own git repository (${displayText(source)}): kfops publishes into a separate ` +
      'deploy repo, never onto the sources (pass the deploy repo\'s URL or path; in CI, check the variable --repo is taken from)',
    2,
  );
}

/** The folder a local remote (a path, or a `file://` URL) names; undefined for other remotes. */
function localRepoPath(remote: string): string | undefined {
  if (!isRemoteUrl(remote)) return remote;
  if (!/^file:\/\//i.test(remote)) return undefined;
  try {
    return fileURLToPath(remote);
  } catch {
    return undefined;
  }
}

/** Refuses an empty environment folder: mirroring it would delete the whole environment from the deploy repo. */
function checkEnvironments(fromDir: string, envs: readonly OutputEnvironment[]): void {
  if (envs.length === 0) {
    throw new UserError(
      `--from ${fromDir} has no environment folders (expected ${path.join(fromDir, '<env>')}/ with manifests; ` +
        'run `npx kfops synth` first)',
      2,
    );
  }
  for (const env of envs) {
    if (env.files.length === 0) {
      throw new UserError(
        `${displayText(path.join(fromDir, env.name))} is empty: publishing it would delete ${displayText(env.name)}/ from the ` +
          'deploy repo (run `npx kfops synth`, or remove the folder and delete the environment from the deploy repo by hand)',
        2,
      );
    }
  }
}

/**
 * `dir` as a clean relative path inside the deploy repo, or a UserError. A `.git` folder in any spelling git
 * treats as one (`.GIT`, `.git.`, `git~1`) is refused here with a message; git refuses the rest.
 */
function checkDir(dir: string): string {
  const normalized = path.posix.normalize(dir.replace(/\\/g, '/')).replace(/\/+$/, '') || '.';
  const dotGit = normalized.split('/').some((part) => ['.git', 'git~1'].includes(part.toLowerCase().replace(/[. ]+$/, '')));
  if (path.posix.isAbsolute(normalized) || normalized === '..' || normalized.startsWith('../') || dotGit) {
    throw new UserError(`--dir ${displayText(dir)} must be a folder inside the deploy repo, relative to its root (e.g. --dir envs)`, 2);
  }
  return normalized;
}

/** Rejects branch names git would refuse or read as an option, with a message that names the flag. */
function checkBranch(branch: string): string {
  if (!/^[A-Za-z0-9._/-]+$/.test(branch) || branch.startsWith('-') || branch.startsWith('/') ||
      branch.endsWith('/') || branch.endsWith('.lock') || branch.includes('..') || branch.includes('//')) {
    throw new UserError(`--branch ${displayText(branch)} is not a valid branch name (e.g. --branch main)`, 2);
  }
  return branch;
}

/** Author name and email must be one line without `<` or `>`, or git would write a broken or forged identity. */
function checkAuthor(author: GitAuthor): GitAuthor {
  for (const [flag, value] of [['--author-name', author.name], ['--author-email', author.email]] as const) {
    if (!value.trim() || /[<>\p{Cc}]/u.test(value)) {
      throw new UserError(`${flag} ${displayText(value)} must be non-empty text on one line without < or > (e.g. ${flag === '--author-name' ? 'CI Bot' : 'ci@example.com'})`, 2);
    }
  }
  return author;
}

function checkTimeout(ms: number): number {
  if (!Number.isFinite(ms) || ms <= 0) throw new UserError(`the git timeout must be a positive number of seconds, got ${ms / 1000}`, 2);
  return ms;
}
