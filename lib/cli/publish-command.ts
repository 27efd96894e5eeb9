import type { Command } from 'commander';
import { stopOnSignals } from '../process/stop-signals';
import { CHANGE_SIGNS } from '../publish/commit-message';
import { displayText } from '../publish/display-text';
import { UserError } from '../user-error';
import { DEFAULT_AUTHOR, DEFAULT_TIMEOUT_MS, DEFAULT_TOTAL_TIMEOUT_MS, publish, PublishResult } from '../publish/publish';
import { RetryOptions } from '../publish/retry';
import type { SetExitCode } from './main';

/** Options of {@link publishCommand}: the CLI flags, plus what tests inject. */
export interface PublishCommandOptions {
  /** Project root; `--from` and a local `--repo` resolve against it. */
  readonly cwd: string;
  /** `--repo`: deploy repo URL or path. */
  readonly repo: string;
  /** `--branch`. @default 'main' */
  readonly branch?: string;
  /** `--dir`: folder of the deploy repo holding the environment folders. @default '.' */
  readonly dir?: string;
  /** `--from`: synth output. @default 'dist' */
  readonly from?: string;
  /** `--message`: commit subject. @default - generated */
  readonly message?: string;
  /** `--dry-run`. @default false */
  readonly dryRun?: boolean;
  /** `--create-branch`. @default false */
  readonly createBranch?: boolean;
  /** `--author-name`. @default - $KFOPS_GIT_AUTHOR_NAME, else 'kfops' */
  readonly authorName?: string;
  /** `--author-email`. @default - $KFOPS_GIT_AUTHOR_EMAIL, else 'kfops@localhost' */
  readonly authorEmail?: string;
  /** `--max-retries`. @default 5 */
  readonly maxRetries?: number;
  /** `--timeout`: seconds one git command may go without progress (no data, no output). @default 30 */
  readonly timeout?: number;
  /** `--total-timeout`: seconds one git command may run in all, however steadily it progresses. @default 3600 */
  readonly totalTimeout?: number;
  /** Backoff tuning; tests shrink the delays. @default - see RetryOptions */
  readonly retry?: Omit<RetryOptions, 'maxRetries'>;
  /** Stops the publish (the CLI aborts it on SIGINT, SIGTERM and SIGHUP). @default - never stopped */
  readonly signal?: AbortSignal;
  /** Environment the author variables are read from. @default process.env */
  readonly env?: NodeJS.ProcessEnv;
  /** Where results go. @default console.log */
  readonly out?: (line: string) => void;
  /** Where progress goes. @default console.error */
  readonly err?: (line: string) => void;
}

const HELP_AFTER = `
Each folder of --from (one per environment) is mirrored into <dir>/<env>/ of the deploy repo's branch: files
are added, changed and deleted so the folder equals the source; nothing outside those folders is touched.
Dotfiles and construct-metadata.json are neither published nor deleted. A commit is made only when something
changed; its message lists objects and parameter changes and carries a Source-Commit trailer (the HEAD of the
current git repo). Pushes never force: when the branch moved, kfops fetches, re-applies and retries; a push
the deploy repo declines while the branch stays put (a hook, branch protection) fails at once.

Neither side is trusted: a symbolic link in --from is refused, never followed; a link or submodule in the
deploy repo where kfops would write stops the publish before anything is written. The deploy repo is never
checked out. Each git command (fetch, push, ...) is stopped when nothing has come or gone for --timeout
seconds (a server that stopped answering), and after --total-timeout seconds however steadily it progresses.
On SIGINT, SIGTERM or SIGHUP, git is stopped, the temporary copy removed, and kfops ends by that signal (a shell
shows 128 + its number).

Credentials: use a credential helper, GIT_ASKPASS or GIT_SSH_COMMAND, or a token in the URL; URLs, query
tokens and authorization headers are redacted in everything kfops prints (https://***@host/repo).

Author: --author-name/--author-email, else $KFOPS_GIT_AUTHOR_NAME/$KFOPS_GIT_AUTHOR_EMAIL, else ${DEFAULT_AUTHOR.name} <${DEFAULT_AUTHOR.email}>.

Exit codes:
  0    published, or nothing to publish (also for --dry-run)
  1    the deploy repo declined the push, or it was still rejected after --max-retries retries; it is unchanged
  2    usage or I/O error: bad flags, missing, empty or unsafe --from, unreachable, slow or unsafe repo, missing branch
  129  SIGHUP, 130 SIGINT (Ctrl-C), 143 SIGTERM (as a shell shows them): stopped, temporary copy removed

Example:
  npx kfops publish --repo https://github.com/acme/ml-deploy.git --dir envs --dry-run`;

/** Registers `kfops publish`. */
export function registerPublish(program: Command, setExit: SetExitCode): void {
  program
    .command('publish')
    .description('mirror the synthesized environments into a GitOps deploy repo and push (never forced)')
    .requiredOption('--repo <url|path>', 'deploy repo: URL (https://, ssh://, git@host:org/repo) or local path')
    .option('--branch <name>', 'branch of the deploy repo', 'main')
    .option('--dir <path>', 'folder of the deploy repo holding the environment folders', '.')
    .option('--from <path>', 'synth output with one folder per environment', 'dist')
    .option('--message <text>', 'commit subject (default: generated from the changes)')
    .option('--dry-run', 'show what would change; commit and push nothing')
    .option('--create-branch', 'create --branch when the deploy repo does not have it')
    .option('--author-name <name>', 'commit author name')
    .option('--author-email <email>', 'commit author email')
    .option('--max-retries <n>', 'retries when the push is rejected because the branch moved', '5')
    .option('--timeout <seconds>', 'longest one git command (fetch, push, ...) may go without progress', String(DEFAULT_TIMEOUT_MS / 1000))
    .option('--total-timeout <seconds>', 'longest one git command may run in all', String(DEFAULT_TOTAL_TIMEOUT_MS / 1000))
    .addHelpText('after', HELP_AFTER)
    .action(async (flags: Omit<PublishCommandOptions, 'cwd' | 'maxRetries' | 'timeout' | 'totalTimeout'>
      & { maxRetries: string; timeout: string; totalTimeout: string }) => {
      const options = {
        ...flags,
        maxRetries: parseRetries(flags.maxRetries),
        timeout: parseTimeout(flags.timeout),
        totalTimeout: parseTimeout(flags.totalTimeout, '--total-timeout'),
        cwd: process.cwd(),
      };
      setExit(await stopOnSignals((signal) => publishCommand({ ...options, signal }), (signal, outcome) => (outcome.finished
        ? `${signal} came after the publish had finished; it stands`
        : `stopped by ${signal}: ${(outcome.error as Error).message}`)));
    });
}

/**
 * `kfops publish`: publishes `--from` to the deploy repo and prints what changed. Resolves to 0 (published or
 * nothing to publish); failures throw a UserError with exit code 1 (push declined, or retries exhausted) or 2
 * (usage, I/O, unsafe input, timeout).
 */
export async function publishCommand(options: PublishCommandOptions): Promise<number> {
  const env = options.env ?? process.env;
  const out = options.out ?? console.log;
  const err = options.err ?? console.error;
  const result = await publish({
    cwd: options.cwd,
    repo: options.repo,
    branch: options.branch,
    dir: options.dir,
    from: options.from,
    message: options.message,
    dryRun: options.dryRun,
    createBranch: options.createBranch,
    author: {
      name: options.authorName || env.KFOPS_GIT_AUTHOR_NAME || DEFAULT_AUTHOR.name,
      email: options.authorEmail || env.KFOPS_GIT_AUTHOR_EMAIL || DEFAULT_AUTHOR.email,
    },
    retry: { ...options.retry, maxRetries: options.maxRetries },
    timeoutMs: options.timeout === undefined ? undefined : options.timeout * 1000,
    totalTimeoutMs: options.totalTimeout === undefined ? undefined : options.totalTimeout * 1000,
    signal: options.signal,
    log: (line) => err(`kfops publish: ${line}`),
  });
  out(formatResult(result));
  return 0;
}

function formatResult(result: PublishResult): string {
  const target = `${result.repo} (${result.branch})`;
  switch (result.status) {
    case 'unchanged':
      return `Nothing to publish: ${result.environments.join(', ')} in ${target} already up to date.`;
    case 'dry-run': {
      const files = result.changes.map((c) => {
        const sign = CHANGE_SIGNS[c.change];
        return `  ${sign} ${displayText(`${c.env}/${c.path}`)}`;
      });
      return `Dry run, nothing pushed. Would commit to ${target}:\n\n${result.message}\nFiles:\n${files.join('\n')}`;
    }
    case 'published': {
      const retries = result.attempts > 1 ? ` after ${result.attempts} attempts` : '';
      return `Published ${result.commit?.slice(0, 12)} to ${target}${retries}:\n\n${result.message}`;
    }
  }
}

/** `--timeout` (or the `flag` named) in seconds as a number; commander hands over the text. */
export function parseTimeout(value: string, flag = '--timeout'): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0 || n > 86_400) {
    throw new UserError(`${flag} must be a number of seconds above 0 and at most 86400, got ${JSON.stringify(value)}`, 2);
  }
  return n;
}

/** `--max-retries` as a number; commander hands over the text. */
export function parseRetries(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isInteger(n) || n < 0 || n > 100) {
    throw new UserError(`--max-retries must be a whole number from 0 to 100, got ${JSON.stringify(value)}`, 2);
  }
  return n;
}
