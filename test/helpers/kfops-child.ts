import { ChildProcess, spawn } from 'child_process';
import * as path from 'path';

/** The real bin, as users and CI run it. */
export const KFOPS_BIN = path.join(__dirname, '..', '..', 'lib', 'cli', 'kfops.js');

/** How a `kfops` process ended. */
export interface KfopsExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Starts `kfops ARGS` in `cwd`. `exited` settles when it has ended and its output is read; `ended` as soon as the
 * process is gone, even while a process it left behind still holds its output open (an orphan after SIGKILL).
 */
export function startKfops(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}): {
  child: ChildProcess; exited: Promise<KfopsExit>; ended: Promise<Pick<KfopsExit, 'code' | 'signal'>>;
} {
  const child = spawn(process.execPath, [KFOPS_BIN, ...args], { cwd, env: { ...process.env, NO_COLOR: '1', ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (c: Buffer) => { stdout += c.toString(); });
  child.stderr?.on('data', (c: Buffer) => { stderr += c.toString(); });
  const exited = new Promise<KfopsExit>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  const ended = new Promise<Pick<KfopsExit, 'code' | 'signal'>>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return { child, exited, ended };
}

/** Runs `kfops ARGS` in `cwd` to the end. */
export function runKfops(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<KfopsExit> {
  return startKfops(args, cwd, env).exited;
}
