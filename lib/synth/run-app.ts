import { spawn } from 'child_process';
import * as path from 'path';
import { UserError } from '../user-error';
import { readCdk8sConfig } from './cdk8s-config';

/** Options of {@link runApp}. */
export interface RunAppOptions {
  /** Project root, where `cdk8s.yaml` is. */
  readonly cwd: string;
  /** Folder the app writes into (passed as `CDK8S_OUTDIR`); it must not exist yet. */
  readonly outdir: string;
}

/**
 * Runs the project's cdk8s app (the `app` command of `cdk8s.yaml`) the way `cdk8s synth` does, writing into
 * `outdir`. The app's own error output is kept and becomes the error message when it fails.
 */
export async function runApp(options: RunAppOptions): Promise<void> {
  const config = await readCdk8sConfig(options.cwd);
  const bin = path.join(options.cwd, 'node_modules', '.bin');
  const child = spawn(config.app, {
    cwd: options.cwd,
    shell: true,
    // The app's stdout goes to our stderr: commands such as `kfops diff > diff.md` own stdout.
    stdio: ['ignore', process.stderr, 'pipe'],
    env: {
      ...process.env,
      CDK8S_OUTDIR: options.outdir,
      // `npx cdk8s synth` puts the project's bin folder on PATH; do the same so `app: tsx ...` resolves.
      PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}`,
    },
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
  const code = await new Promise<number>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (c) => resolve(c ?? 1));
  });
  if (code !== 0) {
    const detail = stderr.trim() || `'${config.app}' exited with code ${code}`;
    throw new UserError(`synth failed:\n${detail}`);
  }
}
