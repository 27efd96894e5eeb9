import type { Writable } from 'stream';
import { OutputHead } from '../process/output-head';
import { spawnGroup } from '../process/process-group';

/**
 * Variables through which a CI job hands git its credentials and SSH setup (deploy keys via
 * `GIT_SSH_COMMAND`, askpass helpers, an isolated global config). They pass through to git; every other
 * `GIT_*` variable is dropped, because `GIT_DIR` or `GIT_WORK_TREE` (set when kfops runs inside a git hook)
 * would point git at the wrong repository.
 */
const CREDENTIAL_VARIABLES = [
  'GIT_ASKPASS',
  'SSH_ASKPASS',
  'GIT_SSH',
  'GIT_SSH_COMMAND',
  'GIT_SSH_VARIANT',
  'GIT_CONFIG_GLOBAL',
  'GIT_CONFIG_SYSTEM',
  'GIT_CONFIG_NOSYSTEM',
  'GIT_CONFIG_COUNT',
];

/** How long a git process group may take to exit after SIGTERM before it gets SIGKILL. */
const KILL_GRACE_MS = 1000;

/** git's stdout kept for error messages. */
const MAX_MESSAGE = 64 * 1024;
/** git's stderr kept for error messages: hook output beyond this many lines is cut. */
const MAX_MESSAGE_LINES = 400;
/** Longer than any path git names (`invalid path '...'` is recognised) or URL it prints, whole, for redaction. */
const MAX_MESSAGE_LINE_CHARS = 4096;

/** stdin is written in pieces of this size, so that git reading it counts as activity. */
const INPUT_CHUNK = 64 * 1024;

/**
 * Lines of git's progress display (`--progress`): they show the command is alive and are left out of messages.
 * `Receiving objects:  45% (9/20), 1.00 MiB | 512.00 KiB/s`, `remote: Counting objects: 3, done.`, `Total 3 (delta 0)...`
 */
const PROGRESS_LINE = /^(?:remote: )?(?:[A-Z][a-z]+(?: [a-z]+)*: +\d+(?:%|,| done)|Total \d+ \(delta \d+\)|Delta compression using)/;

const isProgressOrBlank = (line: string) => line.trim() === '' || PROGRESS_LINE.test(line);

/** Options of {@link GitProcess}. */
export interface GitProcessOptions {
  /** Folder git runs in. */
  readonly cwd: string;
  /** `key=value` entries passed to every command as `-c key=value`. @default - none */
  readonly config?: readonly string[];
  /** Environment the credential variables are taken from. @default process.env */
  readonly env?: NodeJS.ProcessEnv;
  /**
   * Longest one git command may go without a sign of life (output, progress, reading its input) before its
   * process group is stopped: a server that stopped answering. @default - no limit
   */
  readonly inactivityTimeoutMs?: number;
  /** Longest one git command may run in all, however steadily it progresses. @default - no limit */
  readonly totalTimeoutMs?: number;
  /** Aborting it kills every running git command and fails the ones still to come. @default - none */
  readonly signal?: AbortSignal;
  /** Applied to git's stderr before it is kept in an error (credentials out). @default - unchanged */
  readonly redact?: (text: string) => string;
}

/**
 * Why a git command did not succeed: it exited non-zero (`exit`), went quiet for longer than the inactivity
 * timeout (`stalled`), ran past the total bound while still working (`timeout`), or was aborted.
 */
export type GitFailure = 'exit' | 'stalled' | 'timeout' | 'aborted';

const FAILURE_TEXT: Record<Exclude<GitFailure, 'exit'>, string> = { stalled: 'stalled', timeout: 'timed out', aborted: 'was aborted' };

/** A git command that did not succeed; `stderr` and `stdout` are already redacted. */
export class GitCommandError extends Error {
  constructor(
    /** The git subcommand (`fetch`), never its arguments: those may hold a URL with credentials. */
    readonly command: string,
    readonly failure: GitFailure,
    /** git's messages, without its progress display. */
    readonly stderr: string,
    readonly exitCode: number | null,
    /** What git printed on stdout (`push --porcelain` reports there). @default '' */
    readonly stdout = '',
  ) {
    super(`git ${command} ${failure === 'exit' ? `exited with ${exitCode}` : FAILURE_TEXT[failure]}` +
      (stderr.trim() ? `: ${stderr.trim()}` : ''));
    this.name = 'GitCommandError';
  }
}

/**
 * Runs git commands for publish. Each command is its own process group (lib/process), so a timeout, an abort or
 * the end of kfops stops git together with what it started (`git-remote-https`, `ssh`, `receive-pack`, hooks):
 * SIGTERM first, which lets git remove its lock files, then SIGKILL. git never prompts (`GIT_TERMINAL_PROMPT=0`,
 * and no controlling terminal), and speaks English (`LC_ALL=C`) so its messages can be recognised.
 */
export class GitProcess {
  private readonly env: NodeJS.ProcessEnv;
  private readonly redact: (text: string) => string;

  constructor(private readonly options: GitProcessOptions) {
    this.env = gitEnvironment(options.env ?? process.env);
    this.redact = options.redact ?? ((text) => text);
  }

  /** Runs `git <args>` with `input` on stdin and resolves to its stdout. @throws GitCommandError */
  run(args: readonly string[], input?: string | Buffer): Promise<Buffer> {
    const command = args[0];
    const { signal, inactivityTimeoutMs, totalTimeoutMs } = this.options;
    if (signal?.aborted) return Promise.reject(new GitCommandError(command, 'aborted', '', null));
    const config = (this.options.config ?? []).flatMap((entry) => ['-c', entry]);
    const group = spawnGroup('git', [...config, ...args], {
      cwd: this.options.cwd,
      env: this.env,
      stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
      graceMs: KILL_GRACE_MS,
    });
    const { child } = group;
    const stdout: Buffer[] = [];
    const messages = new OutputHead({
      maxLines: MAX_MESSAGE_LINES, maxLineChars: MAX_MESSAGE_LINE_CHARS, skip: isProgressOrBlank, carriageReturn: 'ends-line', dropCutWord: true,
    });
    let failure: GitFailure | undefined;
    const stop = (why: GitFailure) => {
      if (failure) return;
      failure = why;
      group.stop();
    };
    let idleTimer: NodeJS.Timeout | undefined;
    const alive = () => {
      if (!inactivityTimeoutMs || failure) return;
      clearTimeout(idleTimer);
      idleTimer = setTimeout(() => stop('stalled'), inactivityTimeoutMs);
    };
    alive();
    const totalTimer = totalTimeoutMs ? setTimeout(() => stop('timeout'), totalTimeoutMs) : undefined;
    const onAbort = () => stop('aborted');
    signal?.addEventListener('abort', onAbort, { once: true });
    child.stdout!.on('data', (chunk: Buffer) => {
      alive();
      stdout.push(chunk);
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      alive();
      messages.add(chunk);
    });
    if (child.stdin && input !== undefined) writeInput(child.stdin, typeof input === 'string' ? Buffer.from(input) : input, alive);
    const settle = (code: number | null, spawnError?: Error): Buffer => {
      clearTimeout(idleTimer);
      clearTimeout(totalTimer);
      signal?.removeEventListener('abort', onAbort);
      // Whatever git started and left behind (a helper that ignored SIGTERM) goes with it.
      if (failure) group.kill();
      if (!failure && code === 0) return Buffer.concat(stdout);
      const text = spawnError ? `cannot run git: ${spawnError.message}` : messages.text();
      const out = Buffer.concat(stdout).subarray(0, MAX_MESSAGE).toString('utf8');
      throw new GitCommandError(command, failure ?? 'exit', this.redact(text), code, this.redact(out));
    };
    return group.exited.then(({ code }) => settle(code), (err: Error) => settle(null, err));
  }

  /** Like {@link run}, as UTF-8 text. */
  async text(args: readonly string[], input?: string | Buffer): Promise<string> {
    return (await this.run(args, input)).toString('utf8');
  }
}

/** Writes `input` to git's stdin piece by piece, calling `progress` as git takes each piece. */
function writeInput(stdin: Writable, input: Buffer, progress: () => void): void {
  // git may exit before reading all of stdin (a failed command); that is reported by the exit code.
  stdin.on('error', () => undefined);
  let at = 0;
  const next = () => {
    while (at < input.length) {
      const piece = input.subarray(at, at + INPUT_CHUNK);
      at += piece.length;
      if (!stdin.write(piece, () => progress())) {
        stdin.once('drain', next);
        return;
      }
    }
    stdin.end();
  };
  next();
}

/** The environment git runs with: the caller's, minus `GIT_*` variables other than the credential ones. */
export function gitEnvironment(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const configCount = Number(env.GIT_CONFIG_COUNT ?? 0);
  const allowed = new Set([
    ...CREDENTIAL_VARIABLES,
    ...Array.from({ length: Number.isInteger(configCount) && configCount > 0 ? configCount : 0 }, (_, i) => [
      `GIT_CONFIG_KEY_${i}`,
      `GIT_CONFIG_VALUE_${i}`,
    ]).flat(),
  ]);
  const childEnv: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(env)) {
    const upper = key.toUpperCase();
    if (upper.startsWith('GIT_') && !allowed.has(upper)) continue;
    childEnv[key] = value;
  }
  return { ...childEnv, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' };
}
