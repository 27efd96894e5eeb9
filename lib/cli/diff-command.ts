import { promises as fs, rmSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
// Type-only: the command function is called directly by tests and the library, without commander.
import type { Command } from 'commander';
import { renderJsonChunks } from '../diff/render-json';
import { renderMarkdown } from '../diff/render-markdown';
import { renderText } from '../diff/render-text';
import { diffTrees } from '../diff/semantic-diff';
import { isManifestReadError } from '../manifest';
import { synthRevision } from '../diff/synth-revision';
import { synth } from '../synth/synth';
import { isUserError, UserError } from '../user-error';
import type { SetExitCode } from './main';

/** Output formats of `kfops diff`. */
export type DiffFormat = 'text' | 'markdown' | 'json';

/** Options of {@link diffCommand}: the CLI flags, plus what tests inject. */
export interface DiffCommandOptions {
  /** Project root (where `cdk8s.yaml` is), inside the git repository. */
  readonly cwd: string;
  /** `--base`: git revision to diff from. One of `base` and `baseDir` is required. */
  readonly base?: string;
  /** `--base-dir`: an already synthesized tree to diff from. */
  readonly baseDir?: string;
  /** `--head`: git revision to diff to. @default - the working tree, synthesized */
  readonly head?: string;
  /** `--head-dir`: an already synthesized tree to diff to. @default - the working tree, synthesized */
  readonly headDir?: string;
  /** `--out`: the working tree's synth output, already up to date (e.g. after `kfops synth`), used as head. */
  readonly out?: string;
  /** `--format`. @default 'text' */
  readonly format?: DiffFormat;
  /** `--exit-code`: exit 1 when something changed. @default false */
  readonly exitCode?: boolean;
  /** Color the text format. @default - when stdout is a TTY and NO_COLOR is not set */
  readonly color?: boolean;
  /** Where the rendered diff goes. @default process.stdout */
  readonly write?: (text: string) => void;
  /** Where progress goes (npm ci of the base). @default process.stderr */
  readonly log?: (text: string) => void;
}

const HELP_AFTER = `
Objects are matched by environment (first folder of the tree), apiVersion, kind, namespace and name. Lists are
matched by merge key as Kubernetes does (containers, env, volumes by name; ports by name or port; Argo templates,
DAG tasks, steps, parameters, artifacts by name), so a reorder is no change and an insert is one addition.
Secrets are masked wherever kfops validate would flag them: Secret data, credentials by shape (tokens, keys,
Bearer values, passwords in URLs, --password=... and mysql -p ... in args), literal values of secret-named env
vars, parameters and ConfigMap keys, also inside last-applied-configuration annotations and Argo resource
manifests. Names and values are escaped: none can forge a line or reach the terminal raw. Text and markdown list
the first 50 added and removed objects and count the rest by kind; json is complete. For changed pipelines, "What will
run differently" previews runs of both versions (as kfops preview does) and compares them step by step.

The base revision is checked out in a temporary git worktree and synthesized there; its node_modules is a
symlink to yours when package-lock.json is unchanged, else npm ci runs in the worktree. The worktree is removed
afterwards. A base without cdk8s.yaml counts as empty.

Exit codes:
  0  no changes, or changes without --exit-code
  1  changes, with --exit-code; without it, a manifest that is invalid input (bad YAML, an alias bomb, a file
     over the size limit)
  2  error: bad flags, unknown revision, synth failed, unreadable tree (a link, a name that is not UTF-8), and
     invalid input under --exit-code

Examples:
  npx kfops diff --base origin/main
  npx kfops diff --base origin/main --format markdown > diff.md
  npx kfops diff --base-dir old-dist --head-dir dist --format json`;

/** Registers `kfops diff`. */
export function registerDiff(program: Command, setExit: SetExitCode): void {
  program
    .command('diff')
    .description('semantic diff of the synthesized manifests between two revisions, for review')
    .option('--base <ref>', 'git revision to compare against, e.g. origin/main')
    .option('--base-dir <dir>', 'already synthesized tree to compare against (instead of --base)')
    .option('--head <ref>', 'git revision to compare (default: the working tree)')
    .option('--head-dir <dir>', 'already synthesized tree to compare (instead of synthesizing the working tree)')
    .option('--out <dir>', 'use this up-to-date synth output of the working tree as head instead of synthesizing')
    .addOption(program.createOption('--format <format>', 'output format').choices(['text', 'markdown', 'json']).default('text'))
    .option('--exit-code', 'exit 1 when there are changes', false)
    .addHelpText('after', HELP_AFTER)
    .action(async (flags: Omit<DiffCommandOptions, 'cwd'>) => {
      setExit(await diffCommand({ ...flags, cwd: process.cwd() }));
    });
}

/**
 * `kfops diff`: synthesizes base and head (or reads given trees), diffs them and prints the diff. Resolves to 0, or
 * 1 for changes with `exitCode`; errors throw a UserError with exit code 2.
 */
export async function diffCommand(options: DiffCommandOptions): Promise<number> {
  checkFlags(options);
  const write = options.write ?? ((text: string) => { process.stdout.write(text); });
  const log = options.log ?? ((text: string) => { process.stderr.write(text); });
  const temp = await fs.mkdtemp(path.join(os.tmpdir(), 'kfops-diff-'));
  // Ctrl-C or a CI cancel ends the process before the finally below: the exit listener still removes the folder.
  const removeTemp = () => {
    try {
      rmSync(temp, { recursive: true, force: true, maxRetries: 5, retryDelay: 20 });
    } catch {
      // On the way out: what is left is a folder under the system's temporary folder, not a stack trace.
    }
  };
  process.once('exit', removeTemp);
  try {
    const baseDir = options.baseDir
      ? path.resolve(options.cwd, options.baseDir)
      : await synthRef(options.cwd, options.base!, path.join(temp, 'base'), log);
    let headDir: string;
    if (options.headDir ?? options.out) headDir = path.resolve(options.cwd, (options.headDir ?? options.out)!);
    else if (options.head) headDir = await synthRef(options.cwd, options.head, path.join(temp, 'head'), log);
    else headDir = await synth({ cwd: options.cwd, outdir: path.join(temp, 'head') });
    const diff = await diffTrees(baseDir, headDir);
    const baseLabel = options.base ?? options.baseDir!;
    const headLabel = options.head ?? options.headDir ?? options.out ?? 'working tree';
    switch (options.format ?? 'text') {
      case 'json':
        // In pieces: the whole document of a 50 MB tree would be one string of several hundred MB.
        for (const chunk of renderJsonChunks(diff)) write(chunk);
        break;
      case 'markdown':
        write(renderMarkdown(diff, {
          subtitle: `${baseLabel} → ${headLabel}`,
          fullDiffCommand: `npx kfops diff ${options.base ? `--base ${options.base}` : `--base-dir ${options.baseDir}`}`,
        }));
        break;
      default: {
        const color = options.color ?? (process.stdout.isTTY === true && !process.env.NO_COLOR);
        write(renderText(diff, { color }));
      }
    }
    return options.exitCode && diff.objects.length > 0 ? 1 : 0;
  } catch (err) {
    // Every failure of diff is exit 2, including synth's own user errors (exit 1 elsewhere), except a manifest that
    // cannot be read (invalid input, exit 1) when 1 does not mean "there are changes" (no --exit-code).
    if (isUserError(err) && err.exitCode !== 2 && (options.exitCode || !isManifestReadError(err))) throw new UserError(err.message, 2);
    throw err;
  } finally {
    process.off('exit', removeTemp);
    await fs.rm(temp, { recursive: true, force: true });
  }
}

async function synthRef(cwd: string, ref: string, outdir: string, log: (text: string) => void): Promise<string> {
  const mode = await synthRevision({ cwd, ref, outdir, log });
  if (mode === 'npm ci') log(`kfops diff: installed dependencies of ${ref} with npm ci (package-lock.json differs)\n`);
  return outdir;
}

function checkFlags(options: DiffCommandOptions): void {
  if (options.base && options.baseDir) {
    throw new UserError('--base and --base-dir both given; pass one (a git revision, or a synthesized folder)', 2);
  }
  if (!options.base && !options.baseDir) {
    throw new UserError('missing --base <ref> (e.g. --base origin/main) or --base-dir <dir>', 2);
  }
  const heads = [['--head', options.head], ['--head-dir', options.headDir], ['--out', options.out]].filter(([, v]) => v);
  if (heads.length > 1) {
    throw new UserError(`${heads.map(([f]) => f).join(' and ')} both given; pass at most one to choose the head`, 2);
  }
}
