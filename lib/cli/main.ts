import { Command, CommanderError } from 'commander';
import { isUserError } from '../user-error';
import { registerSynth } from './synth-command';
import { registerPublish } from './publish-command';
import { registerDiff } from './diff-command';
import { registerCheck } from './check-command';
import { registerGraph } from './graph-command';
import { registerImport } from './import-command';
import { registerValidate } from './validate-command';
import { registerPreview } from './preview-command';
import { registerInit } from './init-command';
import { addVersionFlags } from './version';

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
  registerSynth(program, setExit);
  registerPublish(program, setExit);
  registerDiff(program, setExit);
  registerCheck(program, setExit);
  registerGraph(program, setExit);
  registerImport(program, setExit);
  registerValidate(program, setExit);
  registerPreview(program, setExit);
  registerInit(program, setExit);
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
