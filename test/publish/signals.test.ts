/**
 * Real `kfops publish` processes (the bin, through tsx) stopped by real signals while git is at work: the
 * working copy must go, git and what it started must go, and the deploy repo must stay sound.
 */
import { ChildProcess, spawn } from 'child_process';
import { readdirSync, readFileSync } from 'fs';
import * as path from 'path';
import { createBareRepo, git, installHook, readBranch, removeTempDirs, tempDir, tipOf, writeTree } from '../helpers/git-repos';
import { workflowTemplate } from './manifests';
import { isAlive, processesIn, startSilentServer } from './servers';

/**
 * One TMPDIR for every child: tsx keeps its compile cache there, and a cold cache per child would cost seconds.
 * What publish leaves there is told apart by name.
 */
let tmpDir: string;
beforeAll(() => { tmpDir = tempDir('kfops-tmp-'); });
afterAll(removeTempDirs);

/** Working copies of publish in the shared TMPDIR. */
function workingCopies(): string[] {
  return readdirSync(tmpDir).filter((name) => name.startsWith('kfops-publish-'));
}

const BIN = path.resolve(__dirname, '../../lib/cli/kfops.js');
const DEV = { 'dev/workflow1.yaml': workflowTemplate('workflow1') };

interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stderr: string;
}

/** Starts `kfops publish <args>` in a new project, with the shared TMPDIR. */
function startPublish(args: readonly string[]): { child: ChildProcess; exited: Promise<Exit> } {
  const cwd = tempDir('kfops-project-');
  writeTree(path.join(cwd, 'dist'), DEV);
  const child = spawn(process.execPath, [BIN, 'publish', ...args], { cwd, env: { ...process.env, TMPDIR: tmpDir }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
  const exited = new Promise<Exit>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stderr })));
  return { child, exited };
}

/** Resolves when `ready` does; fails the test with the child's stderr if the child ends first. */
async function whenReady(ready: Promise<unknown>, exited: Promise<Exit>): Promise<void> {
  await Promise.race([ready, exited.then((e) => { throw new Error(`kfops publish ended early (${e.code}): ${e.stderr}`); })]);
}

/** The pid a hook wrote to `file`, once it has. */
async function pidFrom(file: string): Promise<number> {
  for (;;) {
    try {
      const text = readFileSync(file, 'utf8').trim();
      if (text) return Number(text);
    } catch {
      // Not written yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Waits until no process runs in `dir` (an orphaned git finishing its push), for at most `ms`. */
async function quiet(dir: string, ms: number): Promise<number[]> {
  const until = Date.now() + ms;
  while (processesIn(dir).length > 0 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 50));
  return processesIn(dir);
}

/**
 * The deploy repo is sound: fsck finds nothing, no lock is left, and `main` points at a commit. (A receive-pack
 * stopped mid-push may leave its quarantine folder, objects/tmp_objdir-incoming-*, which nothing refers to.)
 */
function expectSound(repo: string): void {
  expect(() => git(repo, ['fsck', '--full', '--strict', '--no-progress'])).not.toThrow();
  const locks = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? locks(path.join(dir, e.name)) : e.name.endsWith('.lock') ? [path.join(dir, e.name)] : []);
  expect(locks(repo)).toEqual([]);
  expect(git(repo, ['cat-file', '-t', 'main']).trim()).toBe('commit');
}

describe('kfops publish stopped by a signal', () => {
  test.each([
    ['SIGTERM', 143],
    ['SIGINT', 130],
    ['SIGHUP', 129],
  ] as const)('%s while the fetch hangs: ends by the signal (exit %i in a shell), git stopped, temp copy removed', async (signal, _shellCode) => {
    const server = await startSilentServer();
    try {
      const { child, exited } = startPublish(['--repo', `${server.url}/deploy.git`, '--timeout', '60']);
      await whenReady(server.connected(), exited);
      expect(workingCopies()).toHaveLength(1);

      child.kill(signal);
      const exit = await exited;

      expect(exit).toMatchObject({ code: null, signal });
      expect(exit.stderr).toContain(
        `kfops: stopped by ${signal}: publish to ${server.url}/deploy.git was interrupted: git was stopped and the working copy removed`,
      );
      await server.allClosed();
      expect(processesIn(tmpDir)).toEqual([]);
      expect(workingCopies()).toEqual([]);
    } finally {
      await server.close();
    }
  });

  test('SIGTERM while a server hook holds the push: ends by SIGTERM, the hook stopped, the deploy repo unchanged and sound', async () => {
    const repo = createBareRepo({ files: { 'README.md': 'x\n' } });
    const tip = tipOf(repo);
    const pidFile = path.join(tempDir(), 'hook.pid');
    installHook(repo, 'pre-receive', `#!/bin/sh\necho $$ > '${pidFile}'\nexec sleep 30\n`);
    const { child, exited } = startPublish(['--repo', repo]);
    const hook = await pidFrom(pidFile);

    child.kill('SIGTERM');
    const exit = await exited;

    expect(exit).toMatchObject({ code: null, signal: 'SIGTERM' });
    expect(isAlive(hook)).toBe(false);
    expect(processesIn(tmpDir)).toEqual([]);
    expect(workingCopies()).toEqual([]);
    expect(tipOf(repo)).toBe(tip);
    expectSound(repo);
  });

  test('SIGKILL in the middle of a push: the deploy repo stays sound, and the next publish completes it or finds it done', async () => {
    const repo = createBareRepo({ files: { 'README.md': 'x\n' } });
    const tip = tipOf(repo);
    const pidFile = path.join(tempDir(), 'hook.pid');
    installHook(repo, 'pre-receive', `#!/bin/sh\necho $$ > '${pidFile}'\nsleep 0.3\n`);
    const { child, exited } = startPublish(['--repo', repo]);
    await pidFrom(pidFile);

    child.kill('SIGKILL');
    expect((await exited).signal).toBe('SIGKILL');
    // Nothing can clean up after SIGKILL: the push git had started runs to its end on its own.
    expect(await quiet(tmpDir, 15_000)).toEqual([]);

    expectSound(repo);
    const landed = tipOf(repo) !== tip;
    if (landed) expect(readBranch(repo)).toEqual({ 'README.md': 'x\n', ...DEV });
    const again = startPublish(['--repo', repo]);
    const exit = await again.exited;
    expect(exit.code).toBe(0);
    expect(readBranch(repo)).toEqual({ 'README.md': 'x\n', ...DEV });
    expectSound(repo);
  });
});
