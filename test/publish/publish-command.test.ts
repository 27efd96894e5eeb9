import { execFile, spawnSync } from 'child_process';
import * as path from 'path';
import { publishCommand, PublishCommandOptions } from '../../lib/cli/publish-command';
import { UserError } from '../../lib/user-error';
import { createBareRepo, git, logSubjects, readBranch, removeTempDirs, tempDir, writeTree } from '../helpers/git-repos';
import { workflowTemplate } from './manifests';
import { startSilentServer } from './servers';

afterAll(removeTempDirs);

const DEV = { 'dev/workflow1.yaml': workflowTemplate('workflow1', { 'train-steps': 100 }) };

function project(): string {
  const cwd = tempDir('kfops-project-');
  writeTree(path.join(cwd, 'dist'), DEV);
  return cwd;
}

/** Runs the command with captured output and an empty environment. */
async function runCommand(options: Omit<PublishCommandOptions, 'out' | 'err'>) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await publishCommand({ env: {}, retry: { baseDelayMs: 1, maxDelayMs: 2 }, ...options, out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** Runs the real `kfops` bin (main, commander, tsx) in `cwd`. */
function kfops(cwd: string, args: readonly string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, KFOPS_GIT_AUTHOR_NAME: 'Env Bot' } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The bin, without blocking the event loop (a server in this process must keep answering). */
function kfopsAsync(cwd: string, args: readonly string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd }, (err, stdout, stderr) =>
      resolve({ status: err ? (typeof err.code === 'number' ? err.code : null) : 0, stdout, stderr }));
  });
}

const BIN = path.resolve(__dirname, '../../lib/cli/kfops.js');

describe('publishCommand', () => {
  test('publishes, then says there is nothing to publish; both exit 0', async () => {
    const repo = createBareRepo({ files: { 'README.md': 'x\n' } });
    const cwd = project();

    const first = await runCommand({ cwd, repo });
    const second = await runCommand({ cwd, repo });

    expect(first.code).toBe(0);
    expect(first.err).toMatch(/^kfops publish: mirroring .*dist onto main at [0-9a-f]{12}$/);
    expect(first.out).toMatch(/^Published [0-9a-f]{12} to .*deploy\.git \(main\):\n\nkfops publish: dev \(1 added\)/);
    expect(second).toMatchObject({ code: 0 });
    expect(second.out).toMatch(/^Nothing to publish: dev in .*deploy\.git \(main\) already up to date\.$/);
    expect(logSubjects(repo)).toHaveLength(2);
  });

  test('author from KFOPS_GIT_AUTHOR_NAME/EMAIL, flags win over the environment', async () => {
    const repo = createBareRepo({ files: { 'README.md': 'x\n' } });
    const env = { KFOPS_GIT_AUTHOR_NAME: 'Env Bot', KFOPS_GIT_AUTHOR_EMAIL: 'env@example.com' };

    await runCommand({ cwd: project(), repo, env });
    expect(git(repo, ['log', '-1', '--format=%an <%ae>']).trim()).toBe('Env Bot <env@example.com>');

    await runCommand({ cwd: project(), repo, env, authorName: 'Flag Bot', dir: 'other' });
    expect(git(repo, ['log', '-1', '--format=%an <%ae>']).trim()).toBe('Flag Bot <env@example.com>');
  });

  test('--dry-run prints the message that would be committed', async () => {
    const repo = createBareRepo({ files: { 'README.md': 'x\n' } });
    const result = await runCommand({ cwd: project(), repo, dryRun: true });
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^Dry run, nothing pushed\. Would commit to .* \(main\):\n\nkfops publish: dev \(1 added\)/);
    expect(result.out).toMatch(/\nFiles:\n {2}\+ dev\/workflow1\.yaml$/);
    expect(readBranch(repo)).toEqual({ 'README.md': 'x\n' });
  });

  test('errors never show credentials', async () => {
    const error = await runCommand({ cwd: project(), repo: 'https://bot:tok3n@127.0.0.1:9/deploy.git' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toContain('https://***@127.0.0.1:9/deploy.git');
    expect((error as UserError).message).not.toContain('tok3n');
  });
});

describe('kfops publish (the bin)', () => {
  test('--help documents the options and exit codes', () => {
    const { status, stdout } = kfops(tempDir(), ['publish', '--help']);
    expect(status).toBe(0);
    for (const flag of ['--repo', '--branch', '--dir', '--from', '--message', '--dry-run', '--create-branch', '--author-name', '--author-email', '--max-retries', '--timeout', '--total-timeout']) {
      expect(stdout).toContain(flag);
    }
    expect(stdout).toMatch(/Exit codes:\n {2}0 .*\n {2}1 .*rejected after --max-retries.*\n {2}2 +usage or I\/O error.*\n {2}129 +SIGHUP, 130 SIGINT .*143 SIGTERM/);
    expect(stdout).toContain('KFOPS_GIT_AUTHOR_NAME');
  });

  test.each([
    [['--max-retries', 'many'], '--max-retries must be a whole number from 0 to 100, got "many"'],
    [['--timeout', '0'], '--timeout must be a number of seconds above 0 and at most 86400, got "0"'],
    [['--timeout', 'soon'], '--timeout must be a number of seconds above 0 and at most 86400, got "soon"'],
    [['--total-timeout', '-1'], '--total-timeout must be a number of seconds above 0 and at most 86400, got "-1"'],
  ])('a usage error (%s) exits 2 with the message and no stack', (flags, message) => {
    const { status, stderr } = kfops(tempDir(), ['publish', '--repo', 'x', ...flags]);
    expect(status).toBe(2);
    expect(stderr).toBe(`kfops: ${message}\n`);
  });

  test('--timeout stops a fetch the server never answers; what the bin prints holds no credential', async () => {
    const server = await startSilentServer();
    try {
      const host = server.url.slice('http://'.length);
      const { status, stdout, stderr } = await kfopsAsync(project(), [
        'publish', '--repo', `http://ci:it's%20s3cret@${host}/deploy.git?access_token=glpat-T0ken`, '--timeout', '1',
      ]);
      expect(status).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toMatch(/^kfops: git fetch for deploy repo http:\/\/\*\*\*@127\.0\.0\.1:\d+\/deploy\.git\?\*\*\* timed out: nothing came or went for 1 s/);
      expect(stderr).not.toMatch(/s3cret|glpat-T0ken/);
    } finally {
      await server.close();
    }
  });

  test('flags and the environment reach publish', () => {
    const repo = createBareRepo({ files: { 'README.md': 'x\n' } });
    const cwd = project();
    const { status, stdout } = kfops(cwd, [
      'publish', '--repo', repo, '--branch', 'gitops', '--create-branch', '--dir', 'envs', '--message', 'hello',
      '--max-retries', '0', '--author-email', 'me@example.com',
    ]);
    expect(stdout).toMatch(/^Published /);
    expect(status).toBe(0);
    expect(Object.keys(readBranch(repo, 'gitops'))).toEqual(['envs/dev/workflow1.yaml']);
    expect(git(repo, ['log', '-1', '--format=%s|%an <%ae>', 'gitops']).trim()).toBe('hello|Env Bot <me@example.com>');
  });
});
