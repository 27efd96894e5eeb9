import { execFileSync } from 'child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import * as os from 'os';
import * as path from 'path';

/** Identity for commits the tests make themselves, so they work on machines without a git config. */
const TEST_IDENTITY = ['-c', 'user.name=kfops-test', '-c', 'user.email=test@kfops.invalid', '-c', 'commit.gpgsign=false'];

/** Runs git in `cwd` and returns its stdout; throws with git's stderr on failure. */
export function git(cwd: string, args: readonly string[]): string {
  return execFileSync('git', [...TEST_IDENTITY, ...args], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Temp folders made by {@link tempDir}, removed by {@link removeTempDirs}. */
const made: string[] = [];

/** A new empty folder under the OS temp dir; call {@link removeTempDirs} in `afterAll`/`afterEach`. */
export function tempDir(prefix = 'kfops-test-'): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** Removes every folder made by {@link tempDir}. */
export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** Files by `/`-separated path; `null` deletes the file. */
export type FileTree = Record<string, string | null>;

/** Writes (or, for null, deletes) files under `root`, creating folders as needed. */
export function writeTree(root: string, files: FileTree): void {
  for (const [rel, content] of Object.entries(files)) {
    const file = path.join(root, rel);
    if (content === null) {
      rmSync(file, { force: true });
    } else {
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, content);
    }
  }
}

/**
 * A bare repo (what a GitOps server holds), optionally with a first commit of `files` on `branch`.
 * @returns the path of the bare repo
 */
export function createBareRepo(options: { branch?: string; files?: FileTree } = {}): string {
  const branch = options.branch ?? 'main';
  const bare = path.join(tempDir('kfops-deploy-'), 'deploy.git');
  execFileSync('git', ['init', '--quiet', '--bare', `--initial-branch=${branch}`, bare]);
  if (options.files) commitFiles(bare, branch, options.files, 'seed');
  return bare;
}

/**
 * Commits `files` on top of `branch` of a bare repo and pushes, the way another team or job would. Creates the
 * branch when it does not exist. Returns the new commit.
 */
export function commitFiles(bare: string, branch: string, files: FileTree, message: string): string {
  const work = tempDir('kfops-work-');
  git(work, ['init', '--quiet']);
  git(work, ['remote', 'add', 'origin', bare]);
  const exists = git(work, ['ls-remote', '--heads', 'origin', `refs/heads/${branch}`]).trim() !== '';
  if (exists) {
    git(work, ['fetch', '--quiet', 'origin', branch]);
    git(work, ['checkout', '--quiet', '-B', branch, 'FETCH_HEAD']);
  } else {
    git(work, ['checkout', '--quiet', '--orphan', branch]);
  }
  writeTree(work, files);
  git(work, ['add', '--all']);
  git(work, ['commit', '--quiet', '--allow-empty', '-m', message]);
  git(work, ['push', '--quiet', 'origin', `HEAD:refs/heads/${branch}`]);
  return git(work, ['rev-parse', 'HEAD']).trim();
}

/** Every file on `branch` of a repo, by path, with its content. */
export function readBranch(repo: string, branch = 'main'): Record<string, string> {
  const paths = git(repo, ['ls-tree', '-r', '--name-only', '-z', branch]).split('\0').filter(Boolean);
  return Object.fromEntries(paths.map((p) => [p, git(repo, ['show', `${branch}:${p}`])]));
}

/** Commit subjects on `branch`, newest first. */
export function logSubjects(repo: string, branch = 'main'): string[] {
  return git(repo, ['log', '--format=%s', branch]).split('\n').filter(Boolean);
}

/** The full message of the tip of `branch`. */
export function tipMessage(repo: string, branch = 'main'): string {
  return git(repo, ['log', '-1', '--format=%B', branch]);
}

/** The commit `branch` points at, or undefined when it does not exist. */
export function tipOf(repo: string, branch = 'main'): string | undefined {
  try {
    return git(repo, ['rev-parse', '--verify', '--quiet', `refs/heads/${branch}`]).trim();
  } catch {
    return undefined;
  }
}

/** Installs an executable hook script (`pre-receive`, `update`, ...) in a bare repo. */
export function installHook(bare: string, name: string, script: string): void {
  const file = path.join(bare, 'hooks', name);
  writeFileSync(file, script);
  chmodSync(file, 0o755);
}
