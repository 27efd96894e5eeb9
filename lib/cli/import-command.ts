import * as path from 'path';
// Type-only: commander 15 is ESM-only, and jest loads this file as CommonJS to call the command directly.
import type { Command } from 'commander';
import { importWorkflows } from '../import/import-workflows';
import type { SetExitCode } from './main';
import { escapeUnsafe } from '../publish/display-text';

/** Options of {@link importCommand}. */
export interface ImportCommandOptions {
  /** Resolves relative paths. */
  readonly cwd: string;
  /** Files and folders of Argo YAML. */
  readonly paths: readonly string[];
  /** `--out`: the folder the TypeScript goes to. */
  readonly out: string;
  /** Where the report goes. @default console.log */
  readonly log?: (text: string) => void;
}

const HELP_AFTER = `
Writes one TypeScript file per Workflow, WorkflowTemplate, ClusterWorkflowTemplate or CronWorkflow (KFP v1- and
v2-compiled pipelines included), named after the object, using kfops constructs and object references instead of
{{...}} strings, plus main.ts, a cdk8s app that synthesizes them all (each into dist/<file>/). Every file written has
been run: it synthesizes an object semantically equal to the one read (kfops adds only its own labels and
annotations). An object kfops cannot express is reported with the reason, and no file is written for it.

Exit codes:
  0  every object was imported
  1  some object could not be imported (each is reported by name and reason)
  2  usage or I/O error (no such path, a file or folder that cannot be read: a link, a special file, a name
     that is not UTF-8; output folder not writable, or one where kfops cannot be found); what could be read is
     still imported

Example:
  npx kfops import workflows/ --out pipelines/imported && npx kfops synth --app pipelines/imported/main.ts --out /tmp/out

The files import kfops, cdk8s and constructs by name: --out must be a folder of your kfops project (where Node
finds them); another folder is refused before anything is written.`;

/** `kfops import`: converts, verifies and writes; resolves to the exit code. */
export async function importCommand(options: ImportCommandOptions): Promise<number> {
  // Names and reasons quote what the files hold: escaped, so none can forge a line or drive the terminal.
  const print = options.log ?? ((text: string) => console.log(text));
  const log = (text: string) => print(escapeUnsafe(text));
  const report = importWorkflows({ cwd: options.cwd, paths: options.paths, out: options.out });
  const out = path.relative(options.cwd, path.resolve(options.cwd, options.out)) || '.';
  for (const w of report.written) log(`imported ${w.kind} ${w.name} (${w.source}) -> ${out}/${w.file}`);
  for (const f of report.failed) log(`not imported: ${f.kind === '?' ? f.source : `${f.kind} ${f.name} (${f.source})`}: ${f.reason}`);
  log(report.written.length > 0 ? `${report.written.length} imported, ${report.failed.length} not imported; ${out}/main.ts synthesizes the imported ones`
    : `0 imported, ${report.failed.length} not imported; nothing written`);
  return report.inputExitCode || (report.failed.length > 0 ? 1 : 0);
}

/** Registers `kfops import`. */
export function registerImport(program: Command, setExit: SetExitCode): void {
  program.command('import')
    .description('turn Argo Workflows YAML into kfops TypeScript that synthesizes it back')
    .argument('<paths...>', 'files or folders of Argo YAML')
    .requiredOption('-o, --out <dir>', 'folder to write the TypeScript files and main.ts to')
    .addHelpText('after', HELP_AFTER)
    .action(async (paths: string[], opts: { out: string }) => {
      setExit(await importCommand({ cwd: process.cwd(), paths, out: opts.out }));
    });
}
