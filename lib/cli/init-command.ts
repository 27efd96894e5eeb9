import * as path from 'path';
import type { Command } from 'commander';
import { packageName, projectFiles } from '../init/project-files';
import { readKfopsPackage } from '../init/kfops-package';
import { writeProject } from '../init/write-project';
import type { SetExitCode } from './main';

/** Options of {@link initCommand}: the CLI's argument and flags, plus what tests inject. */
export interface InitCommandOptions {
  /** Where `dir` is resolved from. */
  readonly cwd: string;
  /** The project folder, created when missing. @default '.' */
  readonly dir?: string;
  /** Add the scaffold's missing files to a folder that has files, keeping every existing one. @default false */
  readonly force?: boolean;
  /** Where the summary goes. @default process.stdout */
  readonly write?: (text: string) => void;
}

const HELP_AFTER = `
Writes a kfops project: package.json (depending on this kfops), cdk8s.yaml, tsconfig.json, pipelines/ with an
example pipeline and params/dev.yaml, imports/ with the TFJob CRD, test/ with a jest test of the pipeline, a CI
workflow in .github/workflows/, README.md and .gitignore. docs/install.md says what each file is for.

A folder that has files is refused, naming them; --force adds the missing files beside them and never
overwrites one.

Exit codes:
  0  the project was written
  2  the folder is not empty (without --force), or a file could not be written (nothing is left behind)`;

/** Registers `kfops init [dir]`. */
export function registerInit(program: Command, setExit: SetExitCode): void {
  program
    .command('init')
    .description('create a kfops project (pipelines, tests, CI) in an empty or new folder')
    .argument('[dir]', 'project folder, created when missing', '.')
    .option('--force', 'add the missing files to a folder that has files (existing files are never overwritten)')
    .addHelpText('after', HELP_AFTER)
    .action(async (dir: string, flags: { force?: boolean }) => {
      setExit(await initCommand({ cwd: process.cwd(), dir, force: flags.force }));
    });
}

/** `kfops init`: writes the project and resolves to 0; a refused or failed write throws a UserError (exit 2). */
export async function initCommand(options: InitCommandOptions): Promise<number> {
  const write = options.write ?? ((text: string) => { process.stdout.write(text); });
  const dir = path.resolve(options.cwd, options.dir ?? '.');
  const kfops = readKfopsPackage();
  const result = writeProject(dir, projectFiles(packageName(path.basename(dir)), kfops), { force: options.force });
  const relative = path.relative(options.cwd, dir);
  const shown = relative === '' ? '.' : relative.startsWith('..') ? dir : relative;
  const lines = [`kfops init: wrote ${result.written.length} files to ${shown}/ (kfops ${kfops.version})`];
  for (const file of result.written) lines.push(`  ${file}`);
  if (result.kept.length > 0) {
    lines.push(`kept ${result.kept.length} existing file${result.kept.length === 1 ? '' : 's'} as they are:`);
    for (const file of result.kept) lines.push(`  ${file}`);
  }
  lines.push('', 'Next:');
  if (shown !== '.') lines.push(`  cd ${shown}`);
  lines.push('  npm install        # then commit package-lock.json', '  npx kfops synth    # writes dist/; commit it', '  npm test', '');
  write(lines.join('\n'));
  return 0;
}
