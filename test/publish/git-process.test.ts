import { readFileSync } from 'fs';
import * as path from 'path';
import { killAllGroups } from '../../lib/process/process-group';
import { GitCommandError, gitEnvironment, GitProcess } from '../../lib/publish/git-process';
import { removeTempDirs, tempDir } from '../helpers/git-repos';
import { isAlive } from './servers';

afterAll(removeTempDirs);

/**
 * A git that runs `git hang`: an alias that starts a shell, which records its pid in `pidFile` and waits in a
 * `sleep` of its own, so a test can see whether what git started is still running.
 */
function hangingGit(pidFile: string, options: { inactivityTimeoutMs?: number; signal?: AbortSignal; ignoreTerm?: boolean } = {}) {
  const trap = options.ignoreTerm ? 'trap "" TERM; ' : '';
  return new GitProcess({ cwd: tempDir(), config: [`alias.hang=!${trap}echo $$ > '${pidFile}'; sleep 30; :`], ...options });
}

async function pidWhenStarted(pidFile: string): Promise<number> {
  for (;;) {
    const text = (() => { try { return readFileSync(pidFile, 'utf8'); } catch { return ''; } })();
    if (text.trim()) return Number(text);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('GitProcess', () => {
  test('resolves to stdout, feeds stdin', async () => {
    const git = new GitProcess({ cwd: tempDir() });
    expect((await git.text(['hash-object', '--stdin'], 'a\n')).trim()).toBe('78981922613b2afb6025042ff6bd878ac1994e85');
  });

  test('a failing command rejects with its exit code and stderr, redacted', async () => {
    const git = new GitProcess({ cwd: tempDir(), redact: (t) => t.replace(/s3cret/g, '***') });
    const error = await git.run(['ls-remote', '/no/such/repo-s3cret']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitCommandError);
    expect(error).toMatchObject({ command: 'ls-remote', failure: 'exit', exitCode: 128 });
    expect((error as GitCommandError).stderr).toMatch(/^fatal: '\/no\/such\/repo-\*\*\*' does not appear to be a git repository/);
    expect((error as GitCommandError).message).not.toContain('s3cret');
  });

  test('a credential cut off by the line limit shows no part of itself: the cut drops the unfinished word', async () => {
    // A 5,000-character token, in a URL, past the 4,096 characters kept of a line: redaction of whole tokens (the
    // known secret, or a URL's user info) could not recognise the part before the cut.
    const alias = 'alias.leak=!t=$(printf %05000d 0); echo "fatal: unable to access \'https://x:$t@example.com/r.git\'" >&2; exit 1';
    const git = new GitProcess({ cwd: tempDir(), config: [alias], redact: (t) => t.replace(/0{5000}/g, '***') });
    const error = await git.run(['leak']).catch((e: unknown) => e) as GitCommandError;
    expect(error.stderr).toMatch(/^fatal: unable to access \.\.\. \(\d+ more characters\)$/);
    expect(error.message).not.toMatch(/0{20}/);
  });

  test('a command that goes quiet past the inactivity timeout is stopped with what it started, and says so', async () => {
    const pidFile = path.join(tempDir(), 'pid');
    const git = hangingGit(pidFile, { inactivityTimeoutMs: 300 });
    const started = Date.now();
    const running = git.run(['hang']);
    const pid = await pidWhenStarted(pidFile);

    await expect(running).rejects.toMatchObject({ command: 'hang', failure: 'stalled' });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(isAlive(pid)).toBe(false);
  });

  test('a process group that ignores SIGTERM gets SIGKILL', async () => {
    const pidFile = path.join(tempDir(), 'pid');
    const running = hangingGit(pidFile, { inactivityTimeoutMs: 200, ignoreTerm: true }).run(['hang']);
    const pid = await pidWhenStarted(pidFile);
    await expect(running).rejects.toMatchObject({ failure: 'stalled' });
    expect(isAlive(pid)).toBe(false);
  });

  test('aborting stops running commands and refuses new ones', async () => {
    const pidFile = path.join(tempDir(), 'pid');
    const controller = new AbortController();
    const git = hangingGit(pidFile, { signal: controller.signal });
    const running = git.run(['hang']);
    const pid = await pidWhenStarted(pidFile);

    controller.abort();

    await expect(running).rejects.toMatchObject({ failure: 'aborted' });
    expect(isAlive(pid)).toBe(false);
    await expect(git.run(['version'])).rejects.toMatchObject({ failure: 'aborted' });
  });

  test('killAllGroups (what an exiting kfops runs) stops every running command at once', async () => {
    const pidFile = path.join(tempDir(), 'pid');
    const git = hangingGit(pidFile);
    const running = git.run(['hang']).catch((e: unknown) => e);
    const pid = await pidWhenStarted(pidFile);

    killAllGroups();

    expect(await running).toMatchObject({ failure: 'exit' });
    expect(isAlive(pid)).toBe(false);
  });
});

describe('gitEnvironment', () => {
  test('keeps credential variables and numbered config, drops other GIT_* variables, never prompts', () => {
    expect(gitEnvironment({
      PATH: '/bin',
      GIT_DIR: '/elsewhere/.git',
      GIT_WORK_TREE: '/elsewhere',
      GIT_SSH_COMMAND: 'ssh -i key',
      GIT_ASKPASS: '/bin/askpass',
      GIT_CONFIG_COUNT: '1',
      GIT_CONFIG_KEY_0: 'http.extraHeader',
      GIT_CONFIG_VALUE_0: 'Authorization: Bearer x',
      GIT_CONFIG_KEY_1: 'core.hooksPath',
      GIT_TERMINAL_PROMPT: '1',
      LC_ALL: 'de_DE.UTF-8',
    })).toEqual({
      PATH: '/bin',
      GIT_SSH_COMMAND: 'ssh -i key',
      GIT_ASKPASS: '/bin/askpass',
      GIT_CONFIG_COUNT: '1',
      GIT_CONFIG_KEY_0: 'http.extraHeader',
      GIT_CONFIG_VALUE_0: 'Authorization: Bearer x',
      GIT_TERMINAL_PROMPT: '0',
      LC_ALL: 'C',
    });
  });
});
