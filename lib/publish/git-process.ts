import { ChildProcess, spawn } from 'child_process';

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

/** git's output kept for error messages; hook output beyond this is cut. */
const MAX_MESSAGE = 64 * 1024;

/** Options of {@link GitProcess}. */
export interface GitProcessOptions {
  /** Folder git runs in. */
  readonly cwd: string;
  /** `key=value` entries passed to every command as `-c key=value`. @default - none */
  readonly config?: readonly string[];
  /** Environment the credential variables are taken from. @default process.env */
  readonly env?: NodeJS.ProcessEnv;
  /** Longest one git command may run before its process group is killed. @default - no limit */
  readonly timeoutMs?: number;
  /** Aborting it kills every running git command and fails the ones still to come. @default - none */
  readonly signal?: AbortSignal;
  /** Applied to git's stderr before it is kept in an error (credentials out). @default - unchanged */
  readonly redact?: (text: string) => string;
}

/** Why a git command did not succeed: it exited non-zero, ran past the timeout, or was aborted. */
export type GitFailure = 'exit' | 'timeout' | 'aborted';

/** A git command that did not succeed; `stderr` and `stdout` are already redacted. */
export class GitCommandError extends Error {
  constructor(
    /** The git subcommand (`fetch`), never its arguments: those may hold a URL with credentials. */
    readonly command: string,
    readonly failure: GitFailure,
    readonly stderr: string,
    readonly exitCode: number | null,
    /** What git printed on stdout (`push --porcelain` reports there). @default '' */
    readonly stdout = '',
  ) {
    super(`git ${command} ${failure === 'exit' ? `exited with ${exitCode}` : failure === 'timeout' ? 'timed out' : 'was aborted'}` +
      (stderr.trim() ? `: ${stderr.trim()}` : ''));
    this.name = 'GitCommandError';
  }
}

/**
 * Runs git commands for publish. Each command is its own process group, so a timeout, an abort or the end of
 * kfops stops git together with what it started (`git-remote-https`, `ssh`, `receive-pack`, hooks): SIGTERM
 * first, which lets git remove its lock files, then SIGKILL. git never prompts (`GIT_TERMINAL_PROMPT=0`, and
 * no controlling terminal), and speaks English (`LC_ALL=C`) so its messages can be recognised.
 */
export class GitProcess {
  private readonly running = new Set<ChildProcess>();
  private readonly env: NodeJS.ProcessEnv;
  private readonly redact: (text: string) => string;

  constructor(private readonly options: GitProcessOptions) {
    this.env = gitEnvironment(options.env ?? process.env);
    this.redact = options.redact ?? ((text) => text);
  }

  /** Runs `git <args>` with `input` on stdin and resolves to its stdout. @throws GitCommandError */
  run(args: readonly string[], input?: string | Buffer): Promise<Buffer> {
    const command = args[0];
    const { signal, timeoutMs } = this.options;
    if (signal?.aborted) return Promise.reject(new GitCommandError(command, 'aborted', '', null));
    const config = (this.options.config ?? []).flatMap((entry) => ['-c', entry]);
    const child = spawn('git', [...config, ...args], {
      cwd: this.options.cwd,
      env: this.env,
      // Its own process group (and session: no terminal to prompt on), so it can be stopped as a whole.
      detached: true,
      stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    this.running.add(child);
    return new Promise<Buffer>((resolve, reject) => {
      const stdout: Buffer[] = [];
      let stderr = '';
      let failure: GitFailure | undefined;
      const stop = (why: GitFailure) => {
        if (failure) return;
        failure = why;
        killGroup(child, 'SIGTERM');
        setTimeout(() => killGroup(child, 'SIGKILL'), KILL_GRACE_MS).unref();
      };
      const timer = timeoutMs ? setTimeout(() => stop('timeout'), timeoutMs) : undefined;
      const onAbort = () => stop('aborted');
      signal?.addEventListener('abort', onAbort, { once: true });
      child.stdout!.on('data', (chunk: Buffer) => stdout.push(chunk));
      child.stderr!.on('data', (chunk: Buffer) => {
        if (stderr.length < MAX_MESSAGE) stderr += chunk.toString('utf8');
      });
      // git may exit before reading all of stdin (a failed command); that is reported by the exit code.
      child.stdin?.on('error', () => undefined);
      child.stdin?.end(input);
      let settled = false;
      const settle = (code: number | null, spawnError?: Error) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        this.running.delete(child);
        // Whatever git started and left behind (a helper that ignored SIGTERM) goes with it.
        if (failure) killGroup(child, 'SIGKILL');
        if (!failure && code === 0) return resolve(Buffer.concat(stdout));
        const why = failure ?? 'exit';
        const text = spawnError ? `cannot run git: ${spawnError.message}` : stderr.slice(0, MAX_MESSAGE);
        const out = Buffer.concat(stdout).subarray(0, MAX_MESSAGE).toString('utf8');
        reject(new GitCommandError(command, why, this.redact(text), code, this.redact(out)));
      };
      child.on('error', (err) => settle(null, err));
      // 'close', not 'exit': it waits until every process holding git's pipes (helpers, hooks) is gone.
      child.on('close', (code) => settle(code));
    });
  }

  /** Like {@link run}, as UTF-8 text. */
  async text(args: readonly string[], input?: string | Buffer): Promise<string> {
    return (await this.run(args, input)).toString('utf8');
  }

  /** Kills every running git process group at once; for a process that is exiting and cannot wait. */
  killAll(): void {
    for (const child of this.running) killGroup(child, 'SIGKILL');
  }
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

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // ESRCH: the group is gone already.
  }
}
