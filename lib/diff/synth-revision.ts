import { spawn, spawnSync } from 'child_process';
import { promises as fs, rmSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { simpleGit } from 'simple-git';
import { synth } from '../synth/synth';
import { UserError } from '../user-error';

/** Options of {@link synthRevision}. */
export interface SynthRevisionOptions {
  /** The project root in the working tree (where `cdk8s.yaml` and the installed `node_modules` are). */
  readonly cwd: string;
  /** A git revision: branch, tag, `origin/main`, a commit. */
  readonly ref: string;
  /** Folder to synthesize into; must not exist yet. */
  readonly outdir: string;
  /** Where install progress goes (npm's own output). @default - discarded unless npm fails */
  readonly log?: (line: string) => void;
}

/** How a revision's dependencies were provided, for logs and tests. */
export type InstallMode = 'linked' | 'npm ci' | 'none';

/**
 * Synthesizes the project as it is at `ref`: checks the revision out in a temporary detached git worktree,
 * provides its dependencies, runs the app into `outdir`, and removes the worktree again, also on error.
 *
 * Dependencies: when the revision's `package-lock.json` equals the working tree's, the working tree's
 * `node_modules` is symlinked into the worktree (no install); otherwise `npm ci` runs there. A revision without a
 * `cdk8s.yaml` (before kfops was adopted) synthesizes to an empty tree.
 *
 * @returns how dependencies were provided
 */
export async function synthRevision(options: SynthRevisionOptions): Promise<InstallMode> {
  const git = simpleGit(options.cwd);
  let root: string;
  try {
    root = (await git.revparse(['--show-toplevel'])).trim();
  } catch (err) {
    throw new UserError(`${options.cwd}: not inside a git repository, so revision '${options.ref}' cannot be checked out (${firstLine(err)}); use --base-dir to diff two folders instead`, 2);
  }
  // `--quiet` makes an unknown revision an empty answer rather than an error; treat both alike.
  const commit = await git.revparse(['--verify', '--quiet', `${options.ref}^{commit}`]).then((s) => s.trim(), () => '');
  if (!commit) {
    throw new UserError(`revision '${options.ref}' not found in ${root} (fetch it first, e.g. \`git fetch origin main\`; in GitHub Actions check out with fetch-depth: 0)`, 2);
  }
  const projectRel = path.relative(await fs.realpath(root), await fs.realpath(options.cwd));
  const tempParent = await fs.mkdtemp(path.join(os.tmpdir(), 'kfops-worktree-'));
  const worktree = path.join(tempParent, 'tree');
  // On Ctrl-C or a CI cancel the finally below never runs; remove the worktree synchronously so none stays
  // registered in the user's repository.
  const onSignal = (signal: NodeJS.Signals) => {
    // git may still be writing the checkout into it: retried, and never a stack trace on the way out.
    try {
      rmSync(tempParent, { recursive: true, force: true, maxRetries: 5, retryDelay: 20 });
    } catch {
      // What is left is a folder under the system's temporary folder, removed with it.
    }
    spawnSync('git', ['worktree', 'prune'], { cwd: options.cwd });
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    try {
      await git.raw(['worktree', 'add', '--detach', worktree, commit]);
    } catch (err) {
      throw new UserError(`git worktree add for '${options.ref}' failed: ${firstLine(err)}`, 2);
    }
    const projectDir = path.join(worktree, projectRel);
    if (!(await exists(path.join(projectDir, 'cdk8s.yaml')))) {
      await fs.mkdir(options.outdir, { recursive: true });
      return 'none';
    }
    const mode = await provideDependencies(options.cwd, projectDir, options.log);
    try {
      await synth({ cwd: projectDir, outdir: options.outdir });
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      throw new UserError(`synthesizing revision '${options.ref}' failed: ${message}`, 2);
    }
    return mode;
  } finally {
    await removeWorktree(options.cwd, worktree, projectRel);
    await fs.rm(tempParent, { recursive: true, force: true });
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

async function provideDependencies(headDir: string, projectDir: string, log?: (line: string) => void): Promise<InstallMode> {
  const read = (dir: string) => fs.readFile(path.join(dir, 'package-lock.json'), 'utf8').catch(() => undefined);
  const [headLock, baseLock] = await Promise.all([read(headDir), read(projectDir)]);
  const headModules = path.join(headDir, 'node_modules');
  if (headLock === baseLock) {
    if (!(await exists(headModules))) return 'none';
    await fs.symlink(headModules, path.join(projectDir, 'node_modules'), 'dir');
    return 'linked';
  }
  if (baseLock === undefined) {
    throw new UserError(`${projectDir}: the revision has no package-lock.json, so its dependencies cannot be installed reproducibly (commit a lock file)`, 2);
  }
  await runNpmCi(projectDir, log);
  return 'npm ci';
}

async function runNpmCi(cwd: string, log?: (line: string) => void): Promise<void> {
  const child = spawn('npm', ['ci', '--no-audit', '--no-fund'], { cwd, stdio: ['ignore', 'pipe', 'pipe'], shell: process.platform === 'win32' });
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    log?.(chunk.toString());
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const code = await new Promise<number>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (c) => resolve(c ?? 1));
  });
  if (code !== 0) throw new UserError(`npm ci in the base worktree failed (exit ${code}):\n${output.trim()}`, 2);
}

async function removeWorktree(cwd: string, worktree: string, projectRel: string): Promise<void> {
  // Unlink our node_modules symlink first so nothing that removes the worktree can follow it into the real install.
  const link = path.join(worktree, projectRel, 'node_modules');
  const stat = await fs.lstat(link).catch(() => undefined);
  if (stat?.isSymbolicLink()) await fs.unlink(link);
  const git = simpleGit(cwd);
  await git.raw(['worktree', 'remove', '--force', worktree]).catch(() => undefined);
  await fs.rm(worktree, { recursive: true, force: true });
  await git.raw(['worktree', 'prune']).catch(() => undefined);
}

async function exists(p: string): Promise<boolean> {
  return fs.access(p).then(() => true, () => false);
}

function firstLine(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).trim().split('\n')[0];
}
