import * as path from 'path';
import { readCdk8sConfig } from './cdk8s-config';
import { replaceDir } from './replace-dir';
import { runApp } from './run-app';

/** Options of {@link synth}. */
export interface SynthOptions {
  /** Project root, where `cdk8s.yaml` is. */
  readonly cwd: string;
  /** Output folder, relative to `cwd` or absolute. @default - `output` of cdk8s.yaml, else 'dist' */
  readonly outdir?: string;
  /**
   * Checks the fresh output before it replaces the output folder (e.g. validation); throwing keeps the previous
   * output. @default - no check
   */
  readonly check?: (stagedDir: string) => Promise<void>;
}

/**
 * Synthesizes the project's app into its output folder atomically: the app writes into a temp folder that
 * replaces the output folder only when the app succeeded and the output passed `check`. Returns the absolute
 * output folder.
 */
export async function synth(options: SynthOptions): Promise<string> {
  const config = await readCdk8sConfig(options.cwd);
  const outdir = path.resolve(options.cwd, options.outdir ?? config.output);
  await replaceDir(outdir, async (temp) => {
    await runApp({ cwd: options.cwd, outdir: temp });
    await options.check?.(temp);
  });
  return outdir;
}
