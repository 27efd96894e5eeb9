import { UserError } from '../user-error';
import { displayText } from './display-text';
import { GitCommandError, GitProcess, GitProcessOptions } from './git-process';
import type { ReadBudget } from './read-budget';
import { DeployTree, TreeEntry } from './mirror';

/** Name and email of the commits a publish makes. */
export interface GitAuthor {
  readonly name: string;
  readonly email: string;
}

/** How a {@link DeployClone} runs git. */
export interface DeployCloneOptions {
  /** Longest one git command may go without progress (see {@link GitProcessOptions}). @default - no limit */
  readonly inactivityTimeoutMs?: number;
  /** Longest one git command may run in all. @default - no limit */
  readonly totalTimeoutMs?: number;
  /** Stops every git command. @default - none */
  readonly signal?: AbortSignal;
  /** Environment git's credential variables come from. @default process.env */
  readonly env?: NodeJS.ProcessEnv;
  /** Removes credentials from git's messages. */
  readonly redact: (text: string) => string;
}

/**
 * Thrown by {@link DeployClone.push} when the remote refused the update, as git's porcelain status line for the
 * branch says (never what a hook printed: `remote:` lines are the server's to write). `by` is `client` for
 * `[rejected]`: git saw the remote branch ahead of the commit it built on, so another push came first and a retry
 * on the new tip can succeed. It is `server` for `[remote rejected] (reason)`: the deploy repo refused, whether
 * because a concurrent push moved or held the ref (a moved tip shows it) or for good (a hook, a protected branch,
 * a stale lock).
 */
export class PushRejectedError extends Error {
  constructor(
    message: string,
    readonly by: 'client' | 'server',
    /** The reason in parentheses on the status line (`fetch first`, `pre-receive hook declined`, `failed to update ref`). */
    readonly reason: string,
    /** git's messages on one line, `remote:` lines included, redacted. */
    readonly gitMessage: string,
  ) {
    super(message);
    this.name = 'PushRejectedError';
  }

  /** True when the reason is the ref being locked or changed under the update: a race, or a stale lock. */
  get isLock(): boolean {
    return /lock|failed to update ref|incorrect old value/i.test(this.reason);
  }
}

/** An id git uses for "no object" in `update-index --index-info`: the entry is removed. */
const NO_OBJECT = '0'.repeat(40);

/**
 * The repo in a temp folder that a publish builds its commit in. It holds one shallow branch fetched from the
 * deploy repo and never checks anything out: the deploy repo's content only ever reaches the index and the object
 * store, so a link, a `.git` entry or a submodule in it cannot make git or kfops write outside the temp folder.
 * New files go in as blobs from the bytes kfops read. It only ever fast-forwards the remote branch; it never
 * force-pushes. The remote is passed to each command rather than saved as a remote, so no config file holds a
 * token.
 */
export class DeployClone {
  /** Initialises an empty repo in `dir` (which must exist) that publishes to `branch` of `remote` as `author`. */
  static async create(dir: string, remote: string, branch: string, author: GitAuthor, options: DeployCloneOptions): Promise<DeployClone> {
    const git = new GitProcess({
      cwd: dir,
      // Submodules of the deploy repo are never fetched or pushed, whatever the job's git config says.
      config: [
        `user.name=${author.name}`, `user.email=${author.email}`, 'fetch.recurseSubmodules=false', 'push.recurseSubmodules=no',
        // Every fetched pack goes through index-pack, whose progress display ("Receiving objects: ... | 64 KiB/s")
        // shows data arriving once a second; unpack-objects, used for few objects, is silent while a big one comes.
        'fetch.unpackLimit=1',
        // curl's own inactivity check for http(s), which sees bytes that git's progress display does not show.
        ...(options.inactivityTimeoutMs ? ['http.lowSpeedLimit=1', `http.lowSpeedTime=${Math.ceil(options.inactivityTimeoutMs / 1000)}`] : []),
      ],
      env: options.env,
      inactivityTimeoutMs: options.inactivityTimeoutMs,
      totalTimeoutMs: options.totalTimeoutMs,
      signal: options.signal,
      redact: options.redact,
    });
    const clone = new DeployClone(git, remote, branch, options);
    await clone.step('init', ['init', '--quiet', `--initial-branch=${branch}`]);
    return clone;
  }

  private constructor(
    private readonly git: GitProcess,
    private readonly remote: string,
    private readonly branch: string,
    private readonly options: DeployCloneOptions,
  ) {}

  /** The remote repo, safe to print. */
  get displayRemote(): string {
    return this.options.redact(this.remote);
  }

  /**
   * Fetches the remote tip of the branch into the index (nothing is checked out) and returns it, or, when the
   * remote has no such branch, empties the index for a first commit and returns undefined.
   */
  async loadRemoteTip(): Promise<string | undefined> {
    const ref = `refs/heads/${this.branch}`;
    try {
      // Into the branch HEAD names (--update-head-ok); no FETCH_HEAD, which would hold the URL, token and all.
      // --progress: git reports progress while data arrives, which is what the inactivity timeout watches.
      await this.git.run(['fetch', '--progress', '--no-tags', '--no-write-fetch-head', '--depth=1', '--update-head-ok', this.remote, `+${ref}:${ref}`]);
    } catch (err) {
      if (!(err instanceof GitCommandError) || err.failure !== 'exit' || !/couldn't find remote ref/.test(err.stderr)) {
        throw this.failure('fetch', err, '(check the --repo URL or path, that the repo exists, and that this job has credentials for it)');
      }
      // An unborn branch with an empty index: the first commit of a new branch. Only a retry has a local one to drop.
      await this.step('reset', ['update-ref', '-d', ref]);
      await this.step('reset', ['read-tree', '--empty']);
      return undefined;
    }
    const tip = (await this.step('rev-parse', ['rev-parse', '--verify', ref])).trim();
    try {
      await this.git.run(['read-tree', tip]);
    } catch (err) {
      const invalid = err instanceof GitCommandError ? /invalid path '([^']*)'/.exec(err.stderr) : null;
      if (!invalid) throw this.failure('read-tree', err);
      throw new UserError(
        `the deploy repo's branch ${this.branch} at ${tip.slice(0, 12)} holds ${displayText(invalid[1])}, a path git refuses ` +
          'to check out (a .git folder in some spelling, or the like: it could write into a repository\'s .git folder); ' +
          'kfops does not publish onto it (remove the path with `git rm --cached` on a machine you trust, and find out ' +
          'who committed it)',
        2,
      );
    }
    return tip;
  }

  /** Every entry of the index (the loaded tip), by path. */
  async readTree(): Promise<DeployTree> {
    const listing = await this.step('ls-files', ['ls-files', '--stage', '-z']);
    const tree = new Map<string, TreeEntry>();
    for (const line of listing.split('\0')) {
      if (!line) continue;
      const [meta, file] = [line.slice(0, line.indexOf('\t')), line.slice(line.indexOf('\t') + 1)];
      const [mode, id] = meta.split(' ');
      tree.set(file, { mode, id });
    }
    return tree;
  }

  /** The sizes of objects, by id (`git cat-file --batch-check`: nothing is read but the sizes). */
  async objectSizes(ids: readonly string[]): Promise<Map<string, number>> {
    const unique = [...new Set(ids)];
    const sizes = new Map<string, number>();
    if (unique.length === 0) return sizes;
    const out = await this.step('cat-file', ['cat-file', '--batch-check=%(objectname) %(objectsize)'], `${unique.join('\n')}\n`);
    for (const line of out.split('\n')) {
      const [id, size] = line.split(' ');
      if (id && /^\d+$/.test(size ?? '')) sizes.set(id, Number(size));
    }
    return sizes;
  }

  /**
   * The content of the blobs `budget` lets be read, by id; the others are left out unread. Sizes are asked first,
   * so a blob over the limit never reaches memory: the deploy repo's content is not trusted.
   */
  async readBlobs(ids: readonly string[], budget: ReadBudget): Promise<Map<string, Buffer>> {
    const sizes = await this.objectSizes(ids);
    const readable = [...sizes].filter(([, size]) => budget.take(size)).map(([id]) => id);
    const blobs = new Map<string, Buffer>();
    if (readable.length === 0) return blobs;
    const out = await this.run('cat-file', ['cat-file', '--batch'], `${readable.join('\n')}\n`);
    let at = 0;
    for (const id of readable) {
      const headerEnd = out.indexOf(0x0a, at);
      const size = Number(out.subarray(at, headerEnd).toString('latin1').split(' ')[2]);
      blobs.set(id, out.subarray(headerEnd + 1, headerEnd + 1 + size));
      at = headerEnd + 1 + size + 1;
    }
    return blobs;
  }

  /** Stores `contents` as blobs, exactly these bytes (no filters, no paths read by git). */
  async writeBlobs(contents: readonly Buffer[]): Promise<void> {
    if (contents.length === 0) return;
    const stream = contents.flatMap((bytes) => [Buffer.from(`blob\ndata ${bytes.length}\n`), bytes, Buffer.from('\n')]);
    await this.run('fast-import', ['fast-import', '--quiet'], Buffer.concat(stream));
  }

  /**
   * Changes the index: each path is set to a regular file with the blob `id`, or removed when `id` is undefined.
   * A file may replace a folder and the other way round.
   */
  async updateIndex(updates: ReadonlyArray<{ path: string; id?: string }>): Promise<void> {
    // Removals first, so a file can take the place of a folder whose files it replaces.
    const sorted = [...updates.filter((u) => !u.id), ...updates.filter((u) => u.id)];
    const input = sorted.map((u) => (u.id ? `100644 ${u.id}\t${u.path}\0` : `0 ${NO_OBJECT}\t${u.path}\0`)).join('');
    await this.step('update-index', ['update-index', '-z', '--replace', '--index-info'], input);
  }

  /** Commits the index with `message` (given on stdin, any length) and returns the new commit. */
  async commit(message: string): Promise<string> {
    await this.step('commit', ['commit', '--quiet', '--cleanup=verbatim', '--file=-'], message);
    return (await this.step('rev-parse', ['rev-parse', '--verify', 'HEAD'])).trim();
  }

  /**
   * Pushes HEAD to the branch without force: the remote accepts it only as a fast-forward (or as a new branch).
   * @throws PushRejectedError when git's status line says the update was refused; other failures throw a
   *   {@link UserError}.
   */
  async push(): Promise<void> {
    const ref = `refs/heads/${this.branch}`;
    try {
      await this.git.run(['push', '--porcelain', '--progress', this.remote, `HEAD:${ref}`]);
    } catch (err) {
      const status = err instanceof GitCommandError && err.failure === 'exit' ? porcelainStatus(err.stdout, ref) : undefined;
      if (!status) throw this.failure('push', err);
      const output = gitOutput(`${(err as GitCommandError).stderr}\n${(err as GitCommandError).stdout}`);
      throw new PushRejectedError(`push to ${this.displayRemote} (${this.branch}) was rejected: ${output}`, status.by, status.reason, output);
    }
  }

  /** The commit the branch points at in the remote now, or undefined when it has no such branch. */
  async remoteTip(): Promise<string | undefined> {
    const refs = await this.step('ls-remote', ['ls-remote', '--heads', this.remote, `refs/heads/${this.branch}`]);
    return refs.split('\t')[0].trim() || undefined;
  }

  /** Runs one git step; a failure becomes a UserError naming the step (see {@link failure}). */
  private async run(name: string, args: readonly string[], input?: string | Buffer): Promise<Buffer> {
    try {
      return await this.git.run(args, input);
    } catch (err) {
      throw this.failure(name, err);
    }
  }

  /** {@link run}, as text. */
  private async step(name: string, args: readonly string[], input?: string | Buffer): Promise<string> {
    return (await this.run(name, args, input)).toString('utf8');
  }

  private stalled(target: string): UserError {
    return new UserError(
      `${target} timed out: nothing came or went for ${formatSeconds(this.options.inactivityTimeoutMs ?? 0)}, so the server stopped ` +
        'answering or never did (check that it is up and reachable from this job, or raise --timeout)',
      2,
    );
  }

  /** A git failure as a UserError that names the step and the repo, credentials redacted. */
  private failure(step: string, err: unknown, fix = ''): Error {
    if (!(err instanceof GitCommandError)) return err as Error;
    const target = `git ${step} for deploy repo ${this.displayRemote}`;
    const hint = fix ? ` ${fix}` : '';
    switch (err.failure) {
      case 'stalled':
        return this.stalled(target);
      case 'timeout':
        return new UserError(
          `${target} timed out: it was still making progress after ${formatSeconds(this.options.totalTimeoutMs ?? 0)}, the longest ` +
            'one git command may run, so the transfer is too slow or too big (check the connection to the deploy repo and how ' +
            'much it holds)',
          2,
        );
      case 'aborted':
        return new UserError(`${target} was stopped: the publish was interrupted`, 2);
      default:
        // curl's inactivity check (http.lowSpeedTime) saw the same as ours: a server that stopped sending.
        if (/Operation too slow/.test(err.stderr)) return this.stalled(target);
        return new UserError(`${step === 'fetch' ? `cannot reach deploy repo ${this.displayRemote}` : `${target} failed`}: ${gitOutput(err.stderr)}${hint}`, 2);
    }
  }
}

/**
 * The status of `ref` in `git push --porcelain`'s output, when git refused to update it:
 * `!<TAB>HEAD:refs/heads/main<TAB>[remote rejected] (pre-receive hook declined)`.
 */
function porcelainStatus(stdout: string, ref: string): { by: 'client' | 'server'; reason: string } | undefined {
  for (const line of stdout.split('\n')) {
    const [flag, refs, summary] = line.split('\t');
    if (flag !== '!' || !refs?.endsWith(`:${ref}`) || summary === undefined) continue;
    const parsed = /^\[(remote )?rejected\](?: \((.*)\))?$/.exec(summary.trim());
    if (parsed) return { by: parsed[1] ? 'server' : 'client', reason: parsed[2] ?? '' };
  }
  return undefined;
}

/**
 * git's message from a failed command on one line: the `remote:`/`fatal:` reasons and porcelain status lines
 * are kept; advice hints, `To <url>`, `Done` and the generic "failed to push some refs" are dropped. Already
 * redacted by {@link GitProcess}.
 */
function gitOutput(output: string): string {
  return output
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter((line) => line && !/^(hint:|To |Done$|error: failed to push some refs)/.test(line))
    .join('; ');
}

function formatSeconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(3))} s`;
}
