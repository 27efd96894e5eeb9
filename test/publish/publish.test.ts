import { execFileSync } from 'child_process';
import { readdirSync, readFileSync } from 'fs';
import * as path from 'path';
import { PublishHooks, PublishOptions, publishWithHooks } from '../../lib/publish/publish';
import { UserError } from '../../lib/user-error';
import {
  commitFiles, createBareRepo, git, installHook, logSubjects, readBranch, removeTempDirs, tempDir, tipMessage, tipOf,
  writeTree,
} from '../helpers/git-repos';
import { cronWorkflow, kustomization, workflowTemplate } from './manifests';
import { FAST_RETRY, projectWith } from './projects';

const project = projectWith;

function run(cwd: string, repo: string, extra: Partial<PublishOptions> & PublishHooks = {}) {
  return publishWithHooks({ cwd, repo, retry: FAST_RETRY, ...extra }, extra);
}

const DEV = {
  'dev/workflow1.yaml': workflowTemplate('workflow1', { 'train-steps': 100 }),
  'dev/kustomization.yaml': kustomization(['workflow1.yaml']),
};
const PROD = {
  'prod/workflow1.yaml': workflowTemplate('workflow1', { 'train-steps': 10000 }),
  'prod/workflow1-cron.yaml': cronWorkflow('workflow1'),
  'prod/kustomization.yaml': kustomization(['workflow1.yaml', 'workflow1-cron.yaml']),
};

afterAll(removeTempDirs);

describe('publish', () => {
  test('mirrors every environment folder and leaves other files alone', async () => {
    const foreign = { 'README.md': '# deploy\n', 'team-b/app.yaml': 'kind: ConfigMap\n', 'staging/old.yaml': 'kind: ConfigMap\n' };
    const repo = createBareRepo({ files: foreign });
    const cwd = project({ ...DEV, ...PROD, 'construct-metadata.json': '{}', 'notes.txt': 'x', 'dev/.cache': 'x' });

    const result = await run(cwd, repo);

    expect(result.status).toBe('published');
    expect(result.commit).toBe(tipOf(repo));
    expect(result.skipped).toEqual(['notes.txt']);
    // staging/ is an environment too, but not one this output has: it stays as it is.
    expect(readBranch(repo)).toEqual({ ...foreign, ...DEV, ...PROD });
  });

  test('deletes files the output no longer has, and changes the changed ones', async () => {
    const repo = createBareRepo({ files: { 'other/keep.yaml': 'a: 1\n' } });
    const cwd = project({ ...DEV, ...PROD, 'prod/serving/svc.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: svc\n' });
    await run(cwd, repo);

    writeTree(path.join(cwd, 'dist'), {
      'prod/workflow1-cron.yaml': null,
      'prod/serving/svc.yaml': null,
      'prod/kustomization.yaml': kustomization(['workflow1.yaml']),
    });
    const result = await run(cwd, repo);

    expect(result.status).toBe('published');
    const files = readBranch(repo);
    expect(Object.keys(files).sort()).toEqual([
      'dev/kustomization.yaml', 'dev/workflow1.yaml', 'other/keep.yaml', 'prod/kustomization.yaml', 'prod/workflow1.yaml',
    ]);
    expect(files['prod/kustomization.yaml']).toBe(kustomization(['workflow1.yaml']));
    expect(result.summary.environments.map((e) => e.env)).toEqual(['prod']);
    expect(result.summary.environments[0].removed).toEqual([
      { kind: 'CronWorkflow', name: 'workflow1', namespace: 'ml' },
      { kind: 'Service', name: 'svc' },
    ]);
  });

  test('a second publish of the same output commits nothing', async () => {
    const repo = createBareRepo({ files: { 'README.md': 'x\n' } });
    const cwd = project({ ...DEV });
    await run(cwd, repo);
    const tip = tipOf(repo);

    const again = await run(cwd, repo);

    expect(again).toMatchObject({ status: 'unchanged', commit: null, message: null, attempts: 1 });
    expect(tipOf(repo)).toBe(tip);
    expect(logSubjects(repo)).toHaveLength(2);
  });

  test('--dir puts the environment folders in a sub-folder and leaves the root alone', async () => {
    const repo = createBareRepo({ files: { 'dev/other-team.yaml': 'kind: ConfigMap\n' } });
    const cwd = project({ ...DEV });

    await run(cwd, repo, { dir: 'clusters/ml/' });

    expect(readBranch(repo)).toEqual({
      'dev/other-team.yaml': 'kind: ConfigMap\n',
      'clusters/ml/dev/workflow1.yaml': DEV['dev/workflow1.yaml'],
      'clusters/ml/dev/kustomization.yaml': DEV['dev/kustomization.yaml'],
    });
  });

  test('commit message lists objects and parameter changes, with a Source-Commit trailer and the author', async () => {
    const repo = createBareRepo({ files: { 'README.md': 'x\n' } });
    const cwd = project({ ...DEV, ...PROD });
    git(cwd, ['init', '--quiet']);
    git(cwd, ['add', '--all']);
    git(cwd, ['commit', '--quiet', '-m', 'source']);
    const source = git(cwd, ['rev-parse', 'HEAD']).trim();
    await run(cwd, repo);

    writeTree(path.join(cwd, 'dist'), {
      'prod/workflow1.yaml': workflowTemplate('workflow1', { 'train-steps': 12345, 'learning-rate': '0.1' }),
      'prod/workflow2.yaml': workflowTemplate('workflow2'),
    });
    await run(cwd, repo, { author: { name: 'CI Bot', email: 'ci@example.com' } });

    expect(tipMessage(repo)).toBe(
      'kfops publish: prod (1 added, 1 changed)\n\n' +
        'Changes in prod: 1 added, 1 changed (2 files)\n' +
        '  + WorkflowTemplate/workflow2\n' +
        '  ~ WorkflowTemplate/workflow1\n\n' +
        'Parameter changes:\n' +
        '  workflow1 learning-rate: (unset) -> 0.1 (prod)\n' +
        '  workflow1 train-steps: 10000 -> 12345 (prod)\n\n' +
        `Source-Commit: ${source}\n\n`, // git log %B ends with an extra newline
    );
    expect(git(repo, ['log', '-1', '--format=%(trailers:key=Source-Commit,valueonly)']).trim()).toBe(source);
    expect(git(repo, ['log', '-1', '--format=%an <%ae>|%cn <%ce>']).trim()).toBe('CI Bot <ci@example.com>|CI Bot <ci@example.com>');
  });

  test('a parameter value with newlines cannot forge a trailer in the published commit', async () => {
    const repo = createBareRepo({ files: { 'README.md': 'x\n' } });
    const cwd = project({ ...DEV });
    git(cwd, ['init', '--quiet']);
    git(cwd, ['add', '--all']);
    git(cwd, ['commit', '--quiet', '-m', 'source']);
    const source = git(cwd, ['rev-parse', 'HEAD']).trim();
    await run(cwd, repo);
    // YAML escapes: the value holds real newlines once parsed.
    const forged = '1\\n\\nSource-Commit: 0000000000000000000000000000000000000000\\nSigned-off-by: Mallory <m@example.com>';
    writeTree(path.join(cwd, 'dist'), { 'dev/workflow1.yaml': workflowTemplate('workflow1', { 'train-steps': forged }) });

    await run(cwd, repo);

    expect(git(repo, ['log', '-1', '--format=%(trailers)']).trim()).toBe(`Source-Commit: ${source}`);
    expect(execFileSync('git', ['interpret-trailers', '--parse'], { input: tipMessage(repo), encoding: 'utf8' })).toBe(`Source-Commit: ${source}\n`);
    expect(tipMessage(repo)).toContain(
      '  workflow1 train-steps: 100 -> "1\\n\\nSource-Commit: 0000000000000000000000000000000000000000\\nSigned-off-by: Mallory <m@example.com>" (dev)\n',
    );
  });

  test('no Source-Commit trailer outside a git repo; --message sets the subject; default author is kfops', async () => {
    const repo = createBareRepo({ files: { 'README.md': 'x\n' } });
    const cwd = project({ ...DEV });

    await run(cwd, repo, { message: 'Release 1.2' });

    const message = tipMessage(repo);
    expect(message.startsWith('Release 1.2\n\nChanges in dev: 1 added (2 files)\n')).toBe(true);
    expect(message).not.toContain('Source-Commit');
    expect(git(repo, ['log', '-1', '--format=%an <%ae>']).trim()).toBe('kfops <kfops@localhost>');
  });

  test('--dry-run reports the changes and pushes nothing', async () => {
    const repo = createBareRepo({ files: { 'README.md': 'x\n' } });
    const tip = tipOf(repo);
    const cwd = project({ ...PROD });

    const result = await run(cwd, repo, { dryRun: true });

    expect(result.status).toBe('dry-run');
    expect(result.commit).toBeNull();
    expect(result.message).toContain('Changes in prod: 2 added (3 files)');
    expect(tipOf(repo)).toBe(tip);
  });

  test('two publishers racing on different environments both land', async () => {
    const repo = createBareRepo({ files: { 'README.md': 'x\n' } });
    const dev = project({ ...DEV });
    const prod = project({ ...PROD });
    // Both commit on the same tip before either pushes, so one push must lose the race and be retried.
    let arrived = 0;
    let release!: () => void;
    const bothCommitted = new Promise<void>((resolve) => { release = resolve; });
    const barrier = async (attempt: number) => {
      if (attempt > 1) return;
      if (++arrived === 2) release();
      await bothCommitted;
    };

    const [a, b] = await Promise.all([run(dev, repo, { beforePush: barrier }), run(prod, repo, { beforePush: barrier })]);

    expect([a.status, b.status]).toEqual(['published', 'published']);
    expect([a.attempts, b.attempts].sort()).toEqual([1, 2]);
    expect(readBranch(repo)).toEqual({ 'README.md': 'x\n', ...DEV, ...PROD });
    expect(logSubjects(repo)).toHaveLength(3);
    // Both commits are on the branch: neither was overwritten.
    const history = git(repo, ['rev-list', 'main']);
    expect(history).toContain(a.commit);
    expect(history).toContain(b.commit);
  });

  test.each([4, 8, 12])('%i publishers racing without coordination all land, and the branch only ever moves forward', async (count) => {
    const repo = createBareRepo({ files: { 'README.md': 'x\n' } });
    // A reflog in the bare repo records every value the branch took, so a force-push would show.
    git(repo, ['config', 'core.logAllRefUpdates', 'always']);
    const envs = Array.from({ length: count }, (_, i) => `team-${i}`);

    const results = await Promise.all(envs.map((env) =>
      run(project({ [`${env}/cm.yaml`]: `kind: ConfigMap\nmetadata:\n  name: ${env}\n` }), repo, {
        retry: { baseDelayMs: 20, maxDelayMs: 400, maxRetries: 40 },
      })));

    expect(results.map((r) => r.status)).toEqual(envs.map(() => 'published'));
    expect(Object.keys(readBranch(repo)).sort()).toEqual(['README.md', ...envs.map((e) => `${e}/cm.yaml`)].sort());
    const history = new Set(git(repo, ['rev-list', 'main']).split('\n').filter(Boolean));
    for (const r of results) expect(history.has(r.commit!)).toBe(true);
    const reflog = readFileSync(path.join(repo, 'logs', 'refs', 'heads', 'main'), 'utf8').trim().split('\n');
    expect(reflog).toHaveLength(count); // one update per publisher: none replaced another's commit
    for (const line of reflog) expect(history.has(line.split(' ')[1])).toBe(true);
  });

  test('when the branch moves between commit and push, it re-applies on the new tip and keeps the other commit', async () => {
    const repo = createBareRepo({ files: { 'README.md': 'x\n' } });
    const cwd = project({ ...DEV });
    let theirs = '';
    const logs: string[] = [];

    const result = await run(cwd, repo, {
      log: (l) => logs.push(l),
      beforePush: async (attempt) => {
        if (attempt === 1) theirs = commitFiles(repo, 'main', { 'prod/hotfix.yaml': 'kind: ConfigMap\n' }, 'hotfix');
      },
    });

    expect(result).toMatchObject({ status: 'published', attempts: 2 });
    expect(git(repo, ['rev-parse', 'main^']).trim()).toBe(theirs);
    expect(readBranch(repo)).toEqual({ 'README.md': 'x\n', 'prod/hotfix.yaml': 'kind: ConfigMap\n', ...DEV });
    expect(logs.some((l) => /rejected.*retrying on the new tip/.test(l))).toBe(true);
  });

  test('when another job already published the same output, the retry finds nothing to publish', async () => {
    const repo = createBareRepo({ files: { 'README.md': 'x\n' } });
    const cwd = project({ ...DEV });

    const result = await run(cwd, repo, {
      beforePush: async (attempt) => {
        if (attempt === 1) commitFiles(repo, 'main', DEV, 'the other job');
      },
    });

    expect(result).toMatchObject({ status: 'unchanged', attempts: 2, commit: null });
    expect(logSubjects(repo)).toEqual(['the other job', 'seed']);
  });

  test('a push a hook declines while the branch stays put fails at once with git\'s message, exit code 1', async () => {
    const repo = createBareRepo({ files: { 'README.md': 'x\n' } });
    const calls = path.join(tempDir(), 'calls');
    installHook(repo, 'pre-receive', `#!/bin/sh\necho call >> '${calls}'\necho 'frozen: deploys are paused' >&2\nexit 1\n`);
    const tip = tipOf(repo);
    const logs: string[] = [];

    const error = await run(project({ ...DEV }), repo, { log: (l) => logs.push(l) }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).exitCode).toBe(1);
    expect((error as UserError).message).toMatch(
      /^the deploy repo .*deploy\.git declined the push to main \(pre-receive hook declined\), and the branch has not moved, so a retry would be declined too: .*remote: frozen: deploys are paused.*pre-receive hook declined/,
    );
    expect(readFileSync(calls, 'utf8')).toBe('call\n');
    expect(logs.some((l) => /retrying/.test(l))).toBe(false);
    expect(tipOf(repo)).toBe(tip);
  });

  test('a declined push is retried when the branch moved meanwhile', async () => {
    const repo = createBareRepo({ files: { 'README.md': 'x\n' } });
    const theirs = git(repo, ['commit-tree', 'main^{tree}', '-p', 'main', '-m', 'theirs']).trim();
    const marker = path.join(tempDir(), 'declined-once');
    // Another push lands while the hook checks kfops' push, and the hook declines it as based on a stale tip.
    installHook(repo, 'pre-receive',
      `#!/bin/sh\nif [ ! -e '${marker}' ]; then touch '${marker}'; (unset GIT_QUARANTINE_PATH; git update-ref refs/heads/main ${theirs}); echo 'stale base' >&2; exit 1; fi\n`);

    const result = await run(project({ ...DEV }), repo);

    expect(result).toMatchObject({ status: 'published', attempts: 2 });
    expect(git(repo, ['rev-parse', 'main^']).trim()).toBe(theirs);
  });

  test('gives up with exit code 1 after --max-retries when the branch keeps moving, and leaves the deploy repo as the others left it', async () => {
    const repo = createBareRepo({ files: { 'README.md': 'x\n' } });
    const cwd = project({ ...DEV });
    const theirs: string[] = [];

    const error = await run(cwd, repo, {
      retry: { ...FAST_RETRY, maxRetries: 2 },
      beforePush: async (n) => { theirs.push(commitFiles(repo, 'main', { [`other/${n}.yaml`]: 'kind: ConfigMap\n' }, `theirs ${n}`)); },
    }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).exitCode).toBe(1);
    expect((error as UserError).message).toMatch(/failed after 3 attempts, the deploy repo is unchanged: push to .* was rejected: .*fetch first/);
    expect(tipOf(repo)).toBe(theirs[2]);
    expect(logSubjects(repo)).toEqual(['theirs 3', 'theirs 2', 'theirs 1', 'seed']);
  });

  test('a missing branch is an error that suggests --create-branch, which creates it', async () => {
    const repo = createBareRepo({ files: { 'README.md': 'x\n' } });
    const cwd = project({ ...DEV });

    await expect(run(cwd, repo, { branch: 'deploy/ml' })).rejects.toThrow(
      /branch deploy\/ml does not exist in deploy repo .*deploy\.git \(check --branch, or pass --create-branch/,
    );

    const result = await run(cwd, repo, { branch: 'deploy/ml', createBranch: true });

    expect(result.status).toBe('published');
    expect(readBranch(repo, 'deploy/ml')).toEqual(DEV);
    expect(git(repo, ['rev-list', '--count', 'deploy/ml']).trim()).toBe('1');
    expect(readBranch(repo, 'main')).toEqual({ 'README.md': 'x\n' });
  });

  test('--create-branch publishes into an empty repo', async () => {
    const repo = createBareRepo();
    const result = await run(project({ ...DEV }), repo, { createBranch: true });
    expect(result.status).toBe('published');
    expect(readBranch(repo)).toEqual(DEV);
  });

  test('--create-branch retried after another job created the branch first', async () => {
    const raced = createBareRepo();
    let theirs = '';
    const result = await run(project({ ...DEV }), raced, {
      createBranch: true,
      beforePush: async (attempt) => {
        if (attempt === 1) theirs = commitFiles(raced, 'main', { 'README.md': 'theirs\n' }, 'their first commit');
      },
    });
    expect(result).toMatchObject({ status: 'published', attempts: 2 });
    expect(git(raced, ['rev-parse', 'main^']).trim()).toBe(theirs);
    expect(readBranch(raced)).toEqual({ 'README.md': 'theirs\n', ...DEV });
  });

  test('an unreachable repo is an I/O error that never shows the token', async () => {
    const cwd = project({ ...DEV });
    // Port 9 on localhost refuses at once, so git fails fast without a network.
    const error = await run(cwd, 'https://ci-bot:ghp_s3cretToken@127.0.0.1:9/acme/deploy.git').catch((e: unknown) => e);

    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).exitCode).toBe(2);
    expect((error as UserError).message).toMatch(/^cannot reach deploy repo https:\/\/\*\*\*@127\.0\.0\.1:9\/acme\/deploy\.git: /);
    expect((error as UserError).message).not.toMatch(/s3cret|ci-bot/);
    expect((error as UserError).stack).not.toMatch(/s3cret/);
  });

  test('a local path that is no repo is an I/O error', async () => {
    const cwd = project({ ...DEV });
    await expect(run(cwd, 'no-such-repo')).rejects.toMatchObject({
      exitCode: 2,
      message: expect.stringMatching(/cannot reach deploy repo .*no-such-repo: .*check the --repo URL or path/),
    });
  });

  test.each([
    ['missing --from', {}, /--from .*dist does not exist or is not a folder/],
    ['--from without environment folders', { 'construct-metadata.json': '{}' }, /--from .*dist has no environment folders/],
    ['an empty environment folder', { 'dev/.gitkeep': '' }, /dist\/dev is empty: publishing it would delete dev\//],
  ])('%s is a usage error', async (_name, files, message) => {
    const repo = createBareRepo({ files: { 'README.md': 'x\n' } });
    const cwd = tempDir('kfops-project-');
    if (Object.keys(files).length > 0) writeTree(path.join(cwd, 'dist'), files);
    await expect(run(cwd, repo)).rejects.toMatchObject({ exitCode: 2, message: expect.stringMatching(message) });
  });

  test.each(['../outside', '/abs', 'a/.git'])('--dir %s is rejected', async (dir) => {
    const cwd = project({ ...DEV });
    await expect(run(cwd, createBareRepo(), { dir })).rejects.toThrow(/must be a folder inside the deploy repo/);
  });

  test('removes its temp working copy, also after a failure', async () => {
    const repo = createBareRepo({ files: { 'README.md': 'x\n' } });
    const cwd = project({ ...DEV });
    const tmpDir = tempDir('kfops-tmp-');
    let during: string[] = [];
    await run(cwd, repo, { tmpDir, dryRun: true });
    await run(cwd, repo, { tmpDir, beforePush: async () => { during = readdirSync(tmpDir); } });
    await expect(run(cwd, repo, { tmpDir, branch: 'nope' })).rejects.toThrow(/does not exist/);
    expect(during).toHaveLength(1); // it was made there, so its removal is what the next line sees
    expect(readdirSync(tmpDir)).toEqual([]);
  });
});
