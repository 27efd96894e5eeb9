import * as path from 'path';
import type { Command } from 'commander';
import { synth } from '../synth/synth';
import type { SetExitCode } from './main';

/** Options of {@link synthCommand}. */
export interface SynthCommandOptions {
  /** Project root, where cdk8s.yaml is. */
  readonly cwd: string;
  /** Output folder. @default - cdk8s.yaml `output`, else 'dist' */
  readonly out?: string;
}

/**
 * `kfops synth`: runs the cdk8s app (cdk8s.yaml `app`) and replaces the output folder atomically, so a failed
 * synth leaves the previous output as it was. Resolves to the exit code.
 */
export async function synthCommand(options: SynthCommandOptions): Promise<number> {
  const outdir = await synth({ cwd: options.cwd, outdir: options.out });
  console.log(`synthesized into ${path.relative(options.cwd, outdir) || '.'}`);
  return 0;
}

/** Registers `kfops synth`. */
export function registerSynth(program: Command, setExit: SetExitCode): void {
  program.command('synth')
    .description('synthesize the pipelines (cdk8s.yaml app) into dist/<environment>/, one file per object')
    .option('-o, --out <dir>', 'output folder (default: cdk8s.yaml output, else dist)')
    .addHelpText('after', '\nExit codes: 0 synthesized; 1 the pipelines are invalid (errors name the construct path); 2 usage or I/O error.')
    .action(async (opts: { out?: string }) => {
      setExit(await synthCommand({ cwd: process.cwd(), out: opts.out }));
    });
}
