import { execFileSync } from 'child_process';
import { mkdirSync, readFileSync, symlinkSync } from 'fs';
import * as path from 'path';
import { readOutputFolder } from '../../lib/publish/output-folder';
import { publish } from '../../lib/publish/publish';
import { UserError } from '../../lib/user-error';
import { createBareRepo, removeTempDirs, tempDir, tipOf, writeTree } from '../helpers/git-repos';
import { corpus, OutputFolderCase } from './hostile-corpus';
import { workflowTemplate } from './manifests';

afterAll(removeTempDirs);

/** A folder outside the project that links point at. */
function outsideFolder(): string {
  const outside = tempDir('kfops-outside-');
  writeTree(outside, { 'secret.txt': 'TOP-SECRET\n', 'folder/inside.yaml': 'kind: Secret\n' });
  return outside;
}

/** A project with dist/dev/workflow1.yaml plus the case's links and pipes, made for real on disk. */
function hostileProject(c: OutputFolderCase): string {
  const cwd = tempDir('kfops-project-');
  const outside = outsideFolder();
  writeTree(path.join(cwd, 'dist'), { 'dev/workflow1.yaml': workflowTemplate('workflow1') });
  for (const [at, target] of Object.entries(c.links ?? {})) {
    mkdirSync(path.dirname(path.join(cwd, at)), { recursive: true });
    symlinkSync(target.replace('{outside}', outside), path.join(cwd, at));
  }
  for (const at of c.fifos ?? []) execFileSync('mkfifo', [path.join(cwd, at)]);
  return cwd;
}

describe('readOutputFolder', () => {
  test('reads every environment, nested files included, sorted, with their bytes and blob ids', async () => {
    const cwd = tempDir();
    writeTree(path.join(cwd, 'dist'), { 'prod/b.yaml': 'b\n', 'prod/a/x.yaml': 'x\n', 'dev/a.yaml': 'a\n', 'README.md': 'r', '.cache/x': '' });

    const output = await readOutputFolder(path.join(cwd, 'dist'), cwd);

    expect(output.skipped).toEqual(['README.md']);
    expect(output.envs.map((e) => [e.name, e.files.map((f) => f.path)])).toEqual([['dev', ['a.yaml']], ['prod', ['a/x.yaml', 'b.yaml']]]);
    const file = output.envs[0].files[0];
    expect(file.bytes.toString()).toBe('a\n');
    // The id git itself gives the same bytes.
    expect(file.blob).toBe(execFileSync('git', ['hash-object', '--stdin'], { input: 'a\n', encoding: 'utf8' }).trim());
  });

  test('links and special files behind a dot name are ignored, never read', async () => {
    const cwd = tempDir();
    writeTree(path.join(cwd, 'dist'), { 'dev/a.yaml': 'a\n' });
    symlinkSync('/etc', path.join(cwd, 'dist', 'dev', '.etc'));
    execFileSync('mkfifo', [path.join(cwd, 'dist', 'dev', '.pipe')]);
    const output = await readOutputFolder(path.join(cwd, 'dist'), cwd);
    expect(output.envs[0].files.map((f) => f.path)).toEqual(['a.yaml']);
  });

  test('folders above the project are the machine\'s own and may be links', async () => {
    const real = tempDir();
    writeTree(path.join(real, 'project', 'dist'), { 'dev/a.yaml': 'a\n' });
    const alias = path.join(tempDir(), 'alias');
    symlinkSync(real, alias);
    const cwd = path.join(alias, 'project');
    expect((await readOutputFolder(path.join(cwd, 'dist'), cwd)).envs).toHaveLength(1);
  });
});

describe('hostile output folders (test/fixtures/hostile/publish/output-folders.yaml)', () => {
  // One deploy repo for every case: each is refused before git runs, so its tip must never move.
  let repo: string;
  let tip: string | undefined;
  beforeAll(() => {
    repo = createBareRepo({ files: { 'README.md': 'x\n' } });
    tip = tipOf(repo);
  });

  test.each(corpus<OutputFolderCase[]>('output-folders.yaml').map((c) => [c.name, c] as const))('%s: refused, each named', async (_name, c) => {
    const cwd = hostileProject(c);

    const error = await publish({ cwd, repo, from: c.from, createBranch: true }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).exitCode).toBe(2);
    const message = (error as UserError).message;
    expect(message).toMatch(/^--from .* holds (an entry|\d+ entries) kfops does not publish: .*symbolic links are never followed/);
    for (const name of c.names) expect(message).toContain(path.join(cwd, name));
    expect(message.split(path.join(cwd, 'dist', 'dev', 'workflow1.yaml'))).toHaveLength(1);
    expect(message).not.toMatch(/TOP-SECRET|root:x:0|ELOOP|ENOENT|\n/);
    expect(tipOf(repo)).toBe(tip);
  });

  test('a link target is shown, not what it points at', async () => {
    const cwd = hostileProject({ name: 'passwd', links: { 'dist/dev/passwd.yaml': '/etc/passwd' }, names: [] });
    await expect(readOutputFolder(path.join(cwd, 'dist'), cwd)).rejects.toThrow(`${path.join(cwd, 'dist/dev/passwd.yaml')} -> /etc/passwd`);
    expect(readFileSync('/etc/passwd', 'utf8')).toContain('root'); // the target exists: the refusal is not about a dangling link
  });
});
