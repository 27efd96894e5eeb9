import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
// Type-only: the command function is called directly by tests and the library, without commander.
import type { Command } from 'commander';
import { append } from '../append';
import { compareTrees, FileDrift } from '../diff/drift';
import { describeRef } from '../diff/manifest-object';
import { diffTrees } from '../diff/semantic-diff';
import { readCdk8sConfig } from '../layout/cdk8s-config';
import { synth } from '../synth/synth';
import { isUserError, UserError } from '../user-error';
import type { SetExitCode } from './main';

/** Options of {@link checkCommand}: the CLI flags, plus what tests inject. */
export interface CheckCommandOptions {
  /** Project root, where `cdk8s.yaml` is. */
  readonly cwd: string;
  /** `--out`: the committed output folder. @default - `output` of cdk8s.yaml, else 'dist' */
  readonly out?: string;
  /** Where the report goes. @default process.stdout */
  readonly write?: (text: string) => void;
}

const HELP_AFTER = `
Synthesizes the project into a temporary folder and compares it with the committed output folder byte for byte
(which files exist, and their content). Run it in CI after checkout so a pull request cannot change pipelines
without the manifests reviewers see, or the other way round.

Exit codes:
  0  the output folder is up to date
  1  drift: the files and objects that differ are listed; fix with \`npx kfops synth\` and commit the folder
  2  error: no cdk8s.yaml, synth failed, unreadable folder`;

/** Registers `kfops check`. */
export function registerCheck(program: Command, setExit: SetExitCode): void {
  program
    .command('check')
    .description('check that the committed synth output matches a fresh synth (drift check for CI)')
    .option('--out <dir>', 'committed output folder (default: output of cdk8s.yaml, else dist)')
    .addHelpText('after', HELP_AFTER)
    .action(async (flags: Omit<CheckCommandOptions, 'cwd'>) => {
      setExit(await checkCommand({ ...flags, cwd: process.cwd() }));
    });
}

/**
 * `kfops check`: resolves to 0 when the committed output equals a fresh synth, 1 (after printing the drift and the
 * fix) when not; errors throw a UserError with exit code 2.
 */
export async function checkCommand(options: CheckCommandOptions): Promise<number> {
  const write = options.write ?? ((text: string) => { process.stdout.write(text); });
  const temp = await fs.mkdtemp(path.join(os.tmpdir(), 'kfops-check-'));
  try {
    const outName = options.out ?? (await readCdk8sConfig(options.cwd)).output;
    const committed = path.resolve(options.cwd, outName);
    const fresh = await synth({ cwd: options.cwd, outdir: path.join(temp, 'out') });
    const drift = await compareTrees(committed, fresh);
    const shown = path.relative(options.cwd, committed) || '.';
    if (drift.length === 0) {
      write(`kfops check: ${shown}/ is up to date with the pipelines\n`);
      return 0;
    }
    write(await report(shown, committed, fresh, drift));
    return 1;
  } catch (err) {
    if (isUserError(err) && err.exitCode !== 2) throw new UserError(err.message, 2);
    throw err;
  } finally {
    await fs.rm(temp, { recursive: true, force: true });
  }
}

async function report(shown: string, committed: string, fresh: string, drift: readonly FileDrift[]): Promise<string> {
  const label = { added: 'missing ', removed: 'stale   ', changed: 'changed ' } as const;
  const why = { added: 'synth writes it; not committed', removed: 'committed; synth no longer writes it', changed: 'content differs' } as const;
  const lines = [`kfops check: ${shown}/ is out of date with the pipelines (${drift.length} file${drift.length === 1 ? '' : 's'} drifted):`];
  for (const d of drift) lines.push(`  ${label[d.op]} ${shown}/${d.file}  (${why[d.op]})`);
  const objects = await objectsOf(committed, fresh);
  if (objects.length > 0) {
    lines.push('Objects:');
    append(lines, objects);
  }
  lines.push(`Fix: run \`npx kfops synth\` and commit ${shown}/.`);
  return `${lines.join('\n')}\n`;
}

async function objectsOf(committed: string, fresh: string): Promise<string[]> {
  try {
    const diff = await diffTrees(committed, fresh);
    const mark = { added: '+', removed: '-', changed: '~' } as const;
    return diff.objects.map((o) => `  ${mark[o.op]} ${describeRef(o.ref)}`);
  } catch {
    // A hand-edited, unparsable committed file still drifts; the file list above already says which.
    return [];
  }
}
