import * as path from 'path';
import { GroupExit, ProcessGroup, spawnGroup } from '../process/process-group';
import { OutputHead } from '../process/output-head';
import { UserError } from '../user-error';
import type { AppCommand } from './app-command';

/** Options of {@link runApp}. */
export interface RunAppOptions {
  /** Project root: the app's working folder. */
  readonly cwd: string;
  /** The app to run. */
  readonly app: AppCommand;
  /** Folder the app writes into (passed as `CDK8S_OUTDIR`). */
  readonly outdir: string;
  /** What messages call `outdir`: the app's messages name the staging folder, the user knows the output folder. @default - outdir */
  readonly outdirLabel?: string;
  /** Aborting stops the app: its process group gets the abort reason as signal (default SIGTERM). @default - never */
  readonly signal?: AbortSignal;
  /** How long a stopped app gets to exit before its process group is killed. @default 5000 */
  readonly killGraceMs?: number;
}

/**
 * Runs a cdk8s app the way `cdk8s synth` does, writing into `outdir`, in a process group of its own so that
 * stopping it stops everything it started (the shell and the app under it), and that stops when kfops dies, even
 * by SIGKILL. The app's error output becomes the error message when it fails: exit 1 stays 1 (invalid input),
 * anything else is 2. Rejects with the abort reason when `signal` aborted it.
 */
export async function runApp(options: RunAppOptions): Promise<void> {
  const bin = path.join(options.cwd, 'node_modules', '.bin');
  const spawnOptions = {
    cwd: options.cwd,
    // The app's stdout goes to our stderr: commands such as `kfops diff > diff.md` own stdout.
    stdio: ['ignore', process.stderr, 'pipe'] as ['ignore', NodeJS.WriteStream, 'pipe'],
    env: {
      ...process.env,
      CDK8S_OUTDIR: options.outdir,
      // `npx cdk8s synth` puts the project's bin folder on PATH; do the same so `app: tsx ...` resolves.
      PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}`,
    },
    graceMs: options.killGraceMs ?? 5000,
    // kfops killed with SIGKILL must not leave the app writing into a staging folder nobody will use.
    stopWithParent: true,
  };
  const { argv, shell } = options.app;
  const group = argv ? spawnGroup(argv[0], argv.slice(1), spawnOptions) : spawnGroup(shell ?? '', [], { ...spawnOptions, shell: true });
  // Node prints an error after the source line it was thrown from: from a bundle (tsx, a minified library), that
  // line is the whole bundle, so only the head of each line is kept.
  const stderr = new OutputHead();
  group.child.stderr?.on('data', (chunk: Buffer) => stderr.add(chunk));
  const outcome = await supervise(group, options);
  if (options.signal?.aborted) throw options.signal.reason;
  if (outcome.code === 0) return;
  const label = options.outdirLabel ?? options.outdir;
  const relative = path.relative(options.cwd, options.outdir);
  const detail = stderr.text().split(options.outdir).join(label).split(relative).join(label).trim()
    || (outcome.signal ? `'${options.app.label}' was killed by ${outcome.signal}` : `'${options.app.label}' exited with code ${outcome.code}`);
  throw new UserError(detail.includes('\n') ? `synth failed:\n${detail}` : `synth failed: ${detail}`, outcome.code === 1 ? 1 : 2);
}

/** Waits for the app; on abort its group gets the abort reason as signal (SIGKILL after the grace period). */
async function supervise(group: ProcessGroup, options: RunAppOptions): Promise<GroupExit> {
  const onAbort = () => {
    const reason = options.signal?.reason;
    group.stop(typeof reason === 'string' && reason.startsWith('SIG') ? reason as NodeJS.Signals : 'SIGTERM');
  };
  options.signal?.addEventListener('abort', onAbort, { once: true });
  if (options.signal?.aborted) onAbort();
  try {
    return await group.exited;
  } catch (err) {
    throw new UserError(`cannot run the app '${options.app.label}': ${(err as Error).message}`, 2);
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
  }
}
