import { execFileSync } from 'child_process';
import { readdirSync, readFileSync, symlinkSync } from 'fs';
import * as path from 'path';
import { publish, publishWithHooks } from '../../lib/publish/publish';
import { UserError } from '../../lib/user-error';
import { createBareRepo, git, readBranch, removeTempDirs, tempDir, tipOf, writeTree } from '../helpers/git-repos';
import { corpus, DeployTreeCase, TreeSpec } from './hostile-corpus';
import { FAST_RETRY } from './projects';
import { workflowTemplate } from './manifests';

afterAll(removeTempDirs);

const OUTPUT = {
  'dev/workflow1.yaml': workflowTemplate('workflow1'),
  'dev/serving/svc.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: svc\n',
};

/** A folder outside every repo that the deploy repo's links point at. */
function outsideFolder(): string {
  const outside = tempDir('kfops-outside-');
  writeTree(outside, { 'keep.txt': 'precious\n' });
  return outside;
}

/**
 * Commits `tree` as the only commit of `main` in a new bare repo, with plumbing: links and submodules as the
 * tree entries `git add` makes of them (modes 120000 and 160000), and `.git` entries that only plumbing can make.
 */
function deployRepo(tree: Record<string, TreeSpec>, outside: string): string {
  const repo = createBareRepo();
  const blob = (text: string) => execFileSync('git', ['hash-object', '-w', '--stdin'], { cwd: repo, input: text, encoding: 'utf8' }).trim();
  type Node = Map<string, Node | string>;
  const root: Node = new Map();
  for (const [at, spec] of Object.entries(tree)) {
    const parts = at.split('/');
    let node = root;
    for (const part of parts.slice(0, -1)) {
      if (!node.has(part)) node.set(part, new Map());
      node = node.get(part) as Node;
    }
    const entry = 'link' in spec ? `120000 blob ${blob(spec.link.replace('{outside}', outside))}`
      : 'submodule' in spec ? `160000 commit ${'5'.repeat(40)}`
      : `100644 blob ${blob('file' in spec ? spec.file : '[core]\n\tworktree = /\n')}`;
    node.set(parts[parts.length - 1], entry);
  }
  const write = (node: Node): string => {
    const lines = [...node].map(([name, child]) => (typeof child === 'string' ? `${child}\t${name}` : `040000 tree ${write(child)}\t${name}`));
    return execFileSync('git', ['mktree'], { cwd: repo, input: `${lines.join('\n')}\n`, encoding: 'utf8' }).trim();
  };
  const commit = git(repo, ['commit-tree', write(root), '-m', 'hostile']).trim();
  git(repo, ['update-ref', 'refs/heads/main', commit]);
  return repo;
}

function project(): string {
  const cwd = tempDir('kfops-project-');
  writeTree(path.join(cwd, 'dist'), OUTPUT);
  return cwd;
}

const cases = corpus<{ refused: DeployTreeCase[]; allowed: DeployTreeCase[] }>('deploy-trees.yaml');

describe('hostile deploy repos (test/fixtures/hostile/publish/deploy-trees.yaml)', () => {
  test.each(cases.refused.map((c) => [c.name, c] as const))('%s: refused before anything is written', async (_name, c) => {
    const outside = outsideFolder();
    const repo = deployRepo(c.tree, outside);
    const tip = tipOf(repo);

    const error = await publish({ cwd: project(), repo, dir: c.dir, retry: FAST_RETRY }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).exitCode).toBe(2);
    const message = (error as UserError).message;
    expect(message).toMatch(/nothing was written \(kfops never writes through a link or into a submodule|a path git refuses/);
    for (const name of c.names ?? []) expect(message).toContain(name);
    expect(tipOf(repo)).toBe(tip);
    expect(readdirSync(outside)).toEqual(['keep.txt']);
    expect(readFileSync(path.join(outside, 'keep.txt'), 'utf8')).toBe('precious\n');
  });

  test.each(cases.allowed.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const outside = outsideFolder();
    const repo = deployRepo(c.tree, outside);
    const before = git(repo, ['ls-tree', '-r', 'main']);

    const result = await publish({ cwd: project(), repo, dir: c.dir, retry: FAST_RETRY });

    expect(result.status).toBe('published');
    const after = git(repo, ['ls-tree', '-r', 'main']);
    // Every entry that was there is still there, unchanged; the new files are plain files.
    for (const line of before.split('\n').filter(Boolean)) expect(after).toContain(line);
    expect(after).toMatch(/^100644 blob [0-9a-f]+\tdev\/serving\/svc\.yaml$/m);
    expect(after).toMatch(/^100644 blob [0-9a-f]+\tdev\/workflow1\.yaml$/m);
    expect(readdirSync(outside)).toEqual(['keep.txt']);
  });

  test('a link committed with git add from a real symlink is refused the same way, naming its target', async () => {
    const outside = outsideFolder();
    const repo = createBareRepo();
    const work = tempDir('kfops-work-');
    git(work, ['init', '--quiet', '--initial-branch=main']);
    symlinkSync(outside, path.join(work, 'dev'));
    git(work, ['add', 'dev']);
    git(work, ['commit', '--quiet', '-m', 'link']);
    git(work, ['push', '--quiet', repo, 'HEAD:refs/heads/main']);

    await expect(publish({ cwd: project(), repo })).rejects.toThrow(
      `the deploy repo's branch main has a link or submodule where kfops would write: dev -> ${outside} (a symbolic link); nothing was written`,
    );
    expect(readdirSync(outside)).toEqual(['keep.txt']);
  });

  test('the deploy repo is never checked out: the working copy holds nothing but .git while it publishes', async () => {
    const outside = outsideFolder();
    const repo = deployRepo({ 'team-b/current': { link: outside }, 'README.md': { file: 'x\n' } }, outside);
    const tmpDir = tempDir('kfops-tmp-');
    let seen: string[][] = [];
    await publishWithHooks({ cwd: project(), repo, tmpDir }, {
      beforePush: async () => { seen = readdirSync(tmpDir).map((d) => readdirSync(path.join(tmpDir, d))); },
    });
    expect(seen).toEqual([['.git']]);
    expect(readdirSync(tmpDir)).toEqual([]);
    expect(Object.keys(readBranch(repo)).sort()).toEqual(['README.md', 'dev/serving/svc.yaml', 'dev/workflow1.yaml', 'team-b/current']);
  });
});
