import * as path from 'path';
import type { Command } from 'commander';
import { synth } from '../synth/synth';
import { UserError } from '../user-error';
import { formatReport, ReportFormat } from '../validate/format';
import { validateManifests } from '../validate/validator';
import { countViolations, reportFails } from '../validate/violation';
import type { SetExitCode } from './main';
import { findParamsFiles } from './validate-command';

/** Options of {@link synthCommand}. */
export interface SynthCommandOptions {
  /** Project root, where cdk8s.yaml is. */
  readonly cwd: string;
  /** Output folder. @default - cdk8s.yaml `output`, else 'dist' */
  readonly out?: string;
  /** Validate the output (as `kfops validate` does) before it replaces the output folder. @default true */
  readonly validate?: boolean;
  /** Where messages go. @default console.log */
  readonly log?: (text: string) => void;
}

/**
 * `kfops synth`: runs the cdk8s app (cdk8s.yaml `app`), validates the fresh output and its params files, and only
 * then replaces the output folder, atomically: invalid pipelines or manifests leave the previous output as it was.
 * Resolves to the exit code.
 */
export async function synthCommand(options: SynthCommandOptions): Promise<number> {
  const log = options.log ?? ((text: string) => console.log(text));
  let summary = 'not validated (--no-validate)';
  const check = async (staged: string) => {
    const report = await validateManifests({
      cwd: staged,
      paths: ['.'],
      // The staged folder stands in for the project root so reports name files as dev/x.yaml; CRDs and params
      // files still come from the project.
      crdPaths: [path.join(options.cwd, 'imports')],
      paramsFiles: findParamsFiles(options.cwd).map((f) => path.join(options.cwd, f)),
    });
    const { errors, warnings } = countViolations(report.results);
    if (reportFails(report.results, false)) {
      log(formatReport(report, ReportFormat.TEXT, false));
      throw new UserError(`synth output is invalid (${errors} errors); the previous output was kept. Fix the errors above and synth again`);
    }
    summary = `validated: ${report.objects} objects, 0 errors, ${warnings} warnings${warnings > 0 ? ' (npx kfops validate lists them)' : ''}`;
  };
  const outdir = await synth({ cwd: options.cwd, outdir: options.out, check: options.validate === false ? undefined : check });
  log(`synthesized into ${path.relative(options.cwd, outdir) || '.'}; ${summary}`);
  return 0;
}

/** Registers `kfops synth`. */
export function registerSynth(program: Command, setExit: SetExitCode): void {
  program.command('synth')
    .description('synthesize the pipelines (cdk8s.yaml app) into dist/<environment>/, validated, replacing dist/ atomically')
    .option('-o, --out <dir>', 'output folder (default: cdk8s.yaml output, else dist)')
    .option('--no-validate', 'skip validating the output (kfops validate) before it replaces the output folder')
    .addHelpText('after', '\nExit codes: 0 synthesized (and valid); 1 the pipelines or the output are invalid (errors name the '
      + 'construct path or file); 2 usage or I/O error.')
    .action(async (opts: { out?: string; validate: boolean }) => {
      setExit(await synthCommand({ cwd: process.cwd(), out: opts.out, validate: opts.validate }));
    });
}
