import { randomBytes } from 'crypto';
import { readdirSync } from 'fs';
import * as path from 'path';
import { publish } from '../../lib/publish/publish';
import { UserError } from '../../lib/user-error';
import { createBareRepo, readBranch, removeTempDirs, tempDir, tipOf } from '../helpers/git-repos';
import { corpus, UrlCase } from './hostile-corpus';
import { workflowTemplate } from './manifests';
import { FAST_RETRY, projectWith } from './projects';
import { processesIn, startGitHttpServer, startSilentServer } from './servers';

afterAll(removeTempDirs);

const DEV = { 'dev/workflow1.yaml': workflowTemplate('workflow1') };
const project = () => projectWith(DEV);

/** Everything a failed publish let out: the error's message and stack, its own properties, and the log lines. */
function everything(error: unknown, logs: readonly string[]): string {
  const err = error as Error;
  return [err.message, err.stack, JSON.stringify(err), ...Object.values(err).map(String), ...logs].join('\n');
}

describe('network timeouts', () => {
  test('a server that accepts and never answers: the fetch times out, naming the step and the remote, redacted; git is gone', async () => {
    const server = await startSilentServer();
    const tmpDir = tempDir('kfops-tmp-');
    const host = server.url.slice('http://'.length);
    const started = Date.now();

    const error = await publish({
      cwd: project(),
      repo: `http://ci-bot:ghp_s3cretToken@${host}/deploy.git?access_token=glpat-Qu3ry`,
      timeoutMs: 1000,
      tmpDir,
    }).catch((e: unknown) => e);

    expect(Date.now() - started).toBeLessThan(6000);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).exitCode).toBe(2);
    expect((error as UserError).message).toBe(
      `git fetch for deploy repo http://***@${host}/deploy.git?*** timed out: nothing came or went for 1 s, so the server ` +
        'stopped answering or never did (check that it is up and reachable from this job, or raise --timeout)',
    );
    expect(everything(error, [])).not.toMatch(/s3cretToken|ci-bot|glpat-Qu3ry/);
    expect(server.connections).toBeGreaterThan(0);
    await server.allClosed(); // git's HTTP helper hung up: it was stopped with git
    expect(processesIn(tmpDir)).toEqual([]);
    expect(readdirSync(tmpDir)).toEqual([]);
    await server.close();
  });

  test('a push that never gets an answer times out once, is not retried, and leaves the deploy repo as it was', async () => {
    const repo = createBareRepo({ files: { 'README.md': 'x\n' } });
    const tip = tipOf(repo);
    // git's own HTTP server for the fetch; the push's pack upload is accepted and never answered.
    const server = await startGitHttpServer(path.dirname(repo), (req) => req.method === 'POST' && /git-receive-pack$/.test(req.url ?? ''));
    const tmpDir = tempDir('kfops-tmp-');
    const logs: string[] = [];

    const error = await publish({ cwd: project(), repo: `${server.url}/deploy.git`, timeoutMs: 1500, tmpDir, retry: FAST_RETRY, log: (l) => logs.push(l) })
      .catch((e: unknown) => e);

    expect((error as UserError).message).toBe(
      `git push for deploy repo ${server.url}/deploy.git timed out: nothing came or went for 1.5 s, so the server stopped ` +
        'answering or never did (check that it is up and reachable from this job, or raise --timeout)',
    );
    expect(logs.some((l) => /retrying/.test(l))).toBe(false);
    expect(tipOf(repo)).toBe(tip);
    await server.allClosed();
    expect(processesIn(tmpDir)).toEqual([]);
    expect(readdirSync(tmpDir)).toEqual([]);
    await server.close();
  });

  test('a slow but steady fetch runs past --timeout and completes: the timeout is for silence, not for the whole transfer', async () => {
    // ~450 KB of pack, trickled at 32 KB every 250 ms: about 3.5 s, past the 2.5 s timeout. git shows progress at most once
    // a second, and only per 64 KiB packet of pack data it receives, so the timeout must be longer than that (30 s by default).
    const repo = createBareRepo({ files: { 'README.md': 'x\n', 'other/blob.txt': randomBytes(450_000).toString('base64') } });
    const server = await startGitHttpServer(path.dirname(repo), () => false, {
      bytes: 32 * 1024, everyMs: 250, when: (req) => req.method === 'POST' && /git-upload-pack$/.test(req.url ?? ''),
    });
    const started = Date.now();
    try {
      const result = await publish({ cwd: project(), repo: `${server.url}/deploy.git`, timeoutMs: 2500, retry: FAST_RETRY });
      expect(result.status).toBe('published');
      expect(Date.now() - started).toBeGreaterThan(2500);
      expect(readBranch(repo)['dev/workflow1.yaml']).toBe(DEV['dev/workflow1.yaml']);
    } finally {
      await server.close();
    }
  });

  test('a transfer that keeps progressing past the total bound is stopped, and the message says it was progressing', async () => {
    const repo = createBareRepo({ files: { 'README.md': 'x\n', 'other/blob.txt': randomBytes(120_000).toString('base64') } });
    const server = await startGitHttpServer(path.dirname(repo), () => false, {
      bytes: 8 * 1024, everyMs: 250, when: (req) => req.method === 'POST' && /git-upload-pack$/.test(req.url ?? ''),
    });
    const tmpDir = tempDir('kfops-tmp-');
    try {
      const error = await publish({ cwd: project(), repo: `${server.url}/deploy.git`, timeoutMs: 5000, totalTimeoutMs: 1500, tmpDir })
        .catch((e: unknown) => e);
      expect((error as UserError).message).toBe(
        `git fetch for deploy repo ${server.url}/deploy.git timed out: it was still making progress after 1.5 s, the longest one ` +
          'git command may run, so the transfer is too slow or too big (check the connection to the deploy repo and how much it holds)',
      );
      expect((error as UserError).exitCode).toBe(2);
      await server.allClosed();
      expect(processesIn(tmpDir)).toEqual([]);
    } finally {
      await server.close();
    }
  });

  test('over git\'s smart HTTP, a publish works end to end', async () => {
    const repo = createBareRepo({ files: { 'README.md': 'x\n' } });
    const server = await startGitHttpServer(path.dirname(repo));
    const result = await publish({ cwd: project(), repo: `${server.url.replace('//', '//ci:s3cret@')}/deploy.git`, timeoutMs: 10_000 });
    expect(result).toMatchObject({ status: 'published', repo: `${server.url.replace('//', '//***@')}/deploy.git` });
    expect(readBranch(repo)).toEqual({ 'README.md': 'x\n', ...DEV });
    await server.close();
  });
});

describe('no secret in what a failing publish lets out (test/fixtures/hostile/publish/urls.yaml)', () => {
  // Port 9 on localhost refuses at once, so every transport fails fast and prints its error.
  test.each(corpus<UrlCase[]>('urls.yaml').map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const logs: string[] = [];
    const error = await publish({ cwd: project(), repo: c.url.replace('{host}', '127.0.0.1:9'), timeoutMs: 10_000, log: (l) => logs.push(l) })
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).exitCode).toBe(2);
    const out = everything(error, logs);
    for (const secret of c.secrets) expect(out).not.toContain(secret);
    expect(out).toContain('127.0.0.1');
  });
});
