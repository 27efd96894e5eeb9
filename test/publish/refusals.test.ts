/**
 * What publish refuses about the deploy repo it is given and what the deploy repo answers: a blank --repo, the
 * project's own repository, a push a hook declines or a stale lock blocks (not races, whatever the hook prints).
 */
import { readFileSync, renameSync, writeFileSync } from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { PublishHooks, PublishOptions, publishWithHooks } from '../../lib/publish/publish';
import { UserError } from '../../lib/user-error';
import { createBareRepo, git, installHook, logSubjects, removeTempDirs, tempDir, tipOf } from '../helpers/git-repos';
import { workflowTemplate } from './manifests';
import { FAST_RETRY, projectWith } from './projects';

afterAll(removeTempDirs);

const DEV = { 'dev/workflow1.yaml': workflowTemplate('workflow1') };
const project = () => projectWith(DEV);

function run(cwd: string, repo: string, extra: Partial<PublishOptions> & PublishHooks = {}) {
  return publishWithHooks({ cwd, repo, retry: FAST_RETRY, ...extra }, extra);
}

describe('--repo', () => {
  test.each([
    ['empty', '', /^--repo is empty: it must name the deploy repo .*unset variable or secret, as in --repo "\$DEPLOY_REPO_URL"/],
    ['blank', '  ', /^--repo is blank: it must name the deploy repo/],
  ])('%s is refused, naming the likely cause, before anything is read', async (_name, repo, message) => {
    const cwd = project();
    git(cwd, ['init', '--quiet']);
    const error = await run(cwd, repo).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect(error).toMatchObject({ exitCode: 2, message: expect.stringMatching(message) });
    expect(git(cwd, ['rev-list', '--all']).trim()).toBe('');
  });

  test.each([
    ['the project folder', (cwd: string) => cwd],
    ['a folder of the project', (cwd: string) => path.join(cwd, 'dist')],
    ['its .git folder', (cwd: string) => path.join(cwd, '.git')],
    ['a file:// URL of it', (cwd: string) => pathToFileURL(cwd).href],
    ['a worktree of it', (cwd: string) => {
      const worktree = path.join(tempDir(), 'wt');
      git(cwd, ['worktree', 'add', '--quiet', '-b', 'other', worktree]);
      return worktree;
    }],
  ])('the project\'s own repository (%s) is refused, and its branches stay as they were', async (_name, repoOf) => {
    const cwd = project();
    git(cwd, ['init', '--quiet', '--initial-branch=main']);
    writeFileSync(path.join(cwd, 'README.md'), 'sources\n');
    git(cwd, ['add', 'README.md']);
    git(cwd, ['commit', '--quiet', '-m', 'sources']);
    const head = git(cwd, ['rev-parse', 'HEAD']).trim();

    const error = await run(cwd, repoOf(cwd)).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).exitCode).toBe(2);
    expect((error as UserError).message).toMatch(/^--repo .* is this project's own git repository \(.*\.git\): kfops publishes into a separate deploy repo/);
    expect(git(cwd, ['rev-parse', 'main']).trim()).toBe(head);
  });

  test('a deploy repo inside the project folder that is a repository of its own is fine', async () => {
    const cwd = project();
    git(cwd, ['init', '--quiet']);
    const repo = createBareRepo({ files: { 'README.md': 'x\n' } });
    const nested = path.join(cwd, 'deploy.git');
    git(cwd, ['clone', '--quiet', '--bare', repo, nested]);
    await expect(run(cwd, nested)).resolves.toMatchObject({ status: 'published' });
  });
});

describe('a push the deploy repo refuses while its branch stays put', () => {
  test('a hook that prints what git prints for races is still a declined push: one attempt, exit 1, git\'s message', async () => {
    const repo = createBareRepo({ files: { 'README.md': 'x\n' } });
    const tip = tipOf(repo);
    const calls = path.join(tempDir(), 'calls');
    installHook(repo, 'pre-receive', [
      '#!/bin/sh',
      `echo call >> '${calls}'`,
      'echo "error: failed to update ref refs/heads/main (non-fast-forward)" >&2',
      'echo " ! [rejected] HEAD -> main (fetch first)" >&2',
      'echo "error: cannot lock ref \'refs/heads/main\'" >&2',
      'exit 1',
      '',
    ].join('\n'));
    const logs: string[] = [];

    const error = await run(project(), repo, { log: (l) => logs.push(l) }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).exitCode).toBe(1);
    expect((error as UserError).message).toMatch(
      /^the deploy repo .*deploy\.git declined the push to main \(pre-receive hook declined\), and the branch has not moved, so a retry would be declined too: .*remote: error: failed to update ref refs\/heads\/main \(non-fast-forward\)/,
    );
    expect((error as UserError).message).not.toMatch(/max-retries/);
    expect(readFileSync(calls, 'utf8')).toBe('call\n');
    expect(logs.some((l) => /retrying/.test(l))).toBe(false);
    expect(tipOf(repo)).toBe(tip);
  });

  test('a stale refs/heads/main.lock: says the ref is locked, after waiting briefly for it to move, without retries', async () => {
    const repo = createBareRepo({ files: { 'README.md': 'x\n' } });
    const tip = tipOf(repo);
    writeFileSync(path.join(repo, 'refs', 'heads', 'main.lock'), '');
    const logs: string[] = [];
    const started = Date.now();

    const error = await run(project(), repo, { log: (l) => logs.push(l), lockSettleMs: 300 }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).exitCode).toBe(1);
    expect((error as UserError).message).toMatch(
      /^the deploy repo .*deploy\.git could not update main \(failed to update ref\): the ref is locked, and the branch has not moved in 0\.3 s, so no other push holds it and a retry would fail too: .*remote: error: cannot lock ref 'refs\/heads\/main'.*refs\/heads\/main\.lock/,
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    expect(logs.some((l) => /retrying/.test(l))).toBe(false);
    expect(tipOf(repo)).toBe(tip);
    expect(logSubjects(repo)).toEqual(['seed']);
  });

  test('a lock that another push releases after moving the branch is a race: retried, and both commits land', async () => {
    const repo = createBareRepo({ files: { 'README.md': 'x\n' } });
    const theirs = git(repo, ['commit-tree', 'main^{tree}', '-p', 'main', '-m', 'theirs']).trim();
    const lock = path.join(repo, 'refs', 'heads', 'main.lock');

    const result = await run(project(), repo, {
      lockSettleMs: 5000,
      beforePush: async (attempt) => {
        if (attempt > 1) return;
        // Another push holds the lock as ours arrives, then updates the branch and lets go the way git does: the new
        // value written into the lock file, which is renamed onto the ref, so the ref is never unlocked at its old value.
        writeFileSync(lock, '');
        setTimeout(() => {
          writeFileSync(lock, `${theirs}\n`);
          renameSync(lock, path.join(repo, 'refs', 'heads', 'main'));
        }, 200);
      },
    });

    expect(result).toMatchObject({ status: 'published', attempts: 2 });
    expect(git(repo, ['rev-parse', 'main^']).trim()).toBe(theirs);
  });
});
