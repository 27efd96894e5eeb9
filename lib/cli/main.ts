import { Command, CommanderError } from 'commander';
import { isUserError } from '../user-error';
import { addVersionFlags } from './version';

/** Registers one command (its options, help and action) on the program. */
type Register = (program: Command, setExit: SetExitCode) => void;

/**
 * Every command, in the order `kfops --help` lists them, with the module that registers it. A module is required
 * only when its command runs (or for the full help): each pulls in its own dependencies (synth's type checker,
 * preview's engine, publish's git), and loading them all would cost every command most of its start-up time.
 */
export const COMMANDS: readonly { readonly name: string; readonly register: () => Register }[] = [
  { name: 'synth', register: () => (require('./synth-command') as typeof import('./synth-command')).registerSynth },
  { name: 'publish', register: () => (require('./publish-command') as typeof import('./publish-command')).registerPublish },
  { name: 'diff', register: () => (require('./diff-command') as typeof import('./diff-command')).registerDiff },
  { name: 'check', register: () => (require('./check-command') as typeof import('./check-command')).registerCheck },
  { name: 'graph', register: () => (require('./graph-command') as typeof import('./graph-command')).registerGraph },
  { name: 'import', register: () => (require('./import-command') as typeof import('./import-command')).registerImport },
  { name: 'validate', register: () => (require('./validate-command') as typeof import('./validate-command')).registerValidate },
  { name: 'preview', register: () => (require('./preview-command') as typeof import('./preview-command')).registerPreview },
  { name: 'init', register: () => (require('./init-command') as typeof import('./init-command')).registerInit },
];

/**
 * Runs the kfops CLI and resolves to the process exit code.
 *
 * Exit codes: 0 success; 1 the input is invalid (validation errors, drift, changes with `--exit-code`);
 * 2 usage or I/O error. Each command's `--help` documents its own.
 */
export async function main(argv: readonly string[]): Promise<number> {
  let exitCode = 0;
  const program = new Command('kfops')
    .description('ML pipelines as cdk8s constructs: synth, validate, diff and publish Argo Workflows')
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)');
  const setExit = (code: number) => { exitCode = code; };
  // `kfops validate ...` needs only validate; anything else (--help, help, a misspelt command, which commander
  // answers with the closest name) needs them all.
  const named = COMMANDS.filter((c) => c.name === argv[0]);
  for (const command of named.length === 1 ? named : COMMANDS) command.register()(program, setExit);
  addVersionFlags(program);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version are "errors" to commander but successes to the user.
      return err.exitCode === 0 ? 0 : 2;
    }
    if (isUserError(err)) {
      console.error(`kfops: ${err.message}`);
      return err.exitCode;
    }
    console.error(err);
    console.error('kfops: this is a bug in kfops; please report it with the output above.');
    return 2;
  }
}

/** How a command reports its exit code to `main`. */
export type SetExitCode = (code: number) => void;
