import { readdirSync } from 'fs';
import * as path from 'path';
import { publish } from '../../lib/publish/publish';
import { UserError } from '../../lib/user-error';
import { createBareRepo, readBranch, removeTempDirs, tempDir, tipOf, writeTree } from '../helpers/git-repos';
import { corpus, UrlCase } from './hostile-corpus';
import { workflowTemplate } from './manifests';
import { processesIn, startGitHttpServer, startSilentServer } from './servers';

afterAll(removeTempDirs);

const DEV = { 'dev/workflow1.yaml': workflowTemplate('workflow1') };
const FAST_RETRY = { baseDelayMs: 5, maxDelayMs: 20 };

function project(): string {
  const cwd = tempDir('kfops-project-');
  writeTree(path.join(cwd, 'dist'), DEV);
  return cwd;
}

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
      `git fetch for deploy repo http://***@${host}/deploy.git?*** timed out after 1 s: the server did not answer in ` +
        'time (check that it is up and reachable from this job, or raise --timeout)',
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
      `git push for deploy repo ${server.url}/deploy.git timed out after 1.5 s: the server did not answer in time ` +
        '(check that it is up and reachable from this job, or raise --timeout)',
    );
    expect(logs.some((l) => /retrying/.test(l))).toBe(false);
    expect(tipOf(repo)).toBe(tip);
    await server.allClosed();
    expect(processesIn(tmpDir)).toEqual([]);
    expect(readdirSync(tmpDir)).toEqual([]);
    await server.close();
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
