import { existsSync, lstatSync, readFileSync, statSync, symlinkSync } from 'fs';
import * as path from 'path';
import { isMirrored, listEnvironments, listMirroredFiles, mirrorEnvironment } from '../../lib/publish/mirror';
import { removeTempDirs, tempDir, writeTree } from '../helpers/git-repos';

afterAll(removeTempDirs);

function dirs(src: Record<string, string>, dest: Record<string, string>) {
  const root = tempDir();
  writeTree(path.join(root, 'src'), src);
  writeTree(path.join(root, 'dest'), dest);
  return { src: path.join(root, 'src'), dest: path.join(root, 'dest') };
}

describe('mirrorEnvironment', () => {
  test('adds, changes and deletes files, nested folders included, and reports each change', async () => {
    const { src, dest } = dirs(
      { 'a.yaml': 'a: 2\n', 'same.yaml': 's\n', 'serving/svc.yaml': 'new\n' },
      { 'a.yaml': 'a: 1\n', 'same.yaml': 's\n', 'old/gone.yaml': 'x\n', 'stale.yaml': 'y\n' },
    );

    const changes = await mirrorEnvironment('prod', src, dest);

    expect(changes).toEqual([
      { env: 'prod', path: 'a.yaml', before: 'a: 1\n', after: 'a: 2\n' },
      { env: 'prod', path: 'old/gone.yaml', before: 'x\n' },
      { env: 'prod', path: 'serving/svc.yaml', after: 'new\n' },
      { env: 'prod', path: 'stale.yaml', before: 'y\n' },
    ]);
    expect(await listMirroredFiles(dest, false)).toEqual(['a.yaml', 'same.yaml', 'serving/svc.yaml']);
    expect(readFileSync(path.join(dest, 'a.yaml'), 'utf8')).toBe('a: 2\n');
  });

  test('links in the deploy repo are replaced or deleted themselves, never followed', async () => {
    const { src, dest } = dirs({ 'a.yaml': 'a\n', 'linked.yaml': 'mine\n' }, { 'a.yaml': 'a\n' });
    const outside = path.join(path.dirname(dest), 'outside');
    writeTree(outside, { 'precious.txt': 'keep\n', 'target.yaml': 'theirs\n', 'dir/keep.yaml': 'keep\n' });
    symlinkSync(path.join(outside, 'dir'), path.join(dest, 'shared'));
    symlinkSync(path.join(outside, 'target.yaml'), path.join(dest, 'linked.yaml'));

    const changes = await mirrorEnvironment('prod', src, dest);

    expect(changes.map((c) => c.path)).toEqual(['linked.yaml', 'shared']);
    expect(lstatSync(path.join(dest, 'shared'), { throwIfNoEntry: false })).toBeUndefined();
    expect(lstatSync(path.join(dest, 'linked.yaml')).isSymbolicLink()).toBe(false);
    expect(readFileSync(path.join(dest, 'linked.yaml'), 'utf8')).toBe('mine\n');
    expect(readFileSync(path.join(outside, 'target.yaml'), 'utf8')).toBe('theirs\n');
    expect(readFileSync(path.join(outside, 'dir', 'keep.yaml'), 'utf8')).toBe('keep\n');
    expect(readFileSync(path.join(outside, 'precious.txt'), 'utf8')).toBe('keep\n');
  });

  test('creates the destination folder when it is missing', async () => {
    const { src, dest } = dirs({ 'a.yaml': 'a\n' }, {});
    const target = path.join(dest, 'nested', 'dev');
    expect(await mirrorEnvironment('dev', src, target)).toEqual([{ env: 'dev', path: 'a.yaml', after: 'a\n' }]);
    expect(readFileSync(path.join(target, 'a.yaml'), 'utf8')).toBe('a\n');
  });

  test('leaves dotfiles and construct-metadata.json alone on both sides', async () => {
    const { src, dest } = dirs(
      { 'a.yaml': 'a\n', '.hidden': 'src', 'construct-metadata.json': '{}' },
      { '.gitkeep': '', '.argocd/config': 'keep', 'construct-metadata.json': 'old' },
    );

    const changes = await mirrorEnvironment('dev', src, dest);

    expect(changes.map((c) => c.path)).toEqual(['a.yaml']);
    expect(existsSync(path.join(dest, '.gitkeep'))).toBe(true);
    expect(readFileSync(path.join(dest, '.argocd/config'), 'utf8')).toBe('keep');
    expect(readFileSync(path.join(dest, 'construct-metadata.json'), 'utf8')).toBe('old');
    expect(existsSync(path.join(dest, '.hidden'))).toBe(false);
  });

  test('a file may replace a folder of the same name and the other way round', async () => {
    const { src, dest } = dirs({ serving: 'now a file\n', 'jobs/a.yaml': 'a\n' }, { 'serving/x.yaml': 'x\n', jobs: 'was a file\n' });

    const changes = await mirrorEnvironment('dev', src, dest);

    expect(changes.map((c) => [c.path, c.before !== undefined, c.after !== undefined])).toEqual([
      ['jobs', true, false],
      ['jobs/a.yaml', false, true],
      ['serving', false, true],
      ['serving/x.yaml', true, false],
    ]);
    expect(statSync(path.join(dest, 'serving')).isFile()).toBe(true);
    expect(readFileSync(path.join(dest, 'jobs/a.yaml'), 'utf8')).toBe('a\n');
  });

  test('an identical tree is no change', async () => {
    const files = { 'a.yaml': 'a\n', 'n/b.yaml': 'b\n' };
    const { src, dest } = dirs(files, files);
    expect(await mirrorEnvironment('dev', src, dest)).toEqual([]);
  });

  test('a file where the environment folder goes is an error', async () => {
    const { src, dest } = dirs({ 'a.yaml': 'a\n' }, { dev: 'a file\n' });
    await expect(mirrorEnvironment('dev', src, path.join(dest, 'dev'))).rejects.toThrow(
      /the deploy repo has a file at .*dest\/dev, where the environment folder goes/,
    );
  });
});

describe('listEnvironments', () => {
  test('lists folders sorted, skipping dot-folders; loose files are reported as skipped', async () => {
    const root = tempDir();
    writeTree(root, { 'prod/a.yaml': '', 'dev/a.yaml': '', '.cache/x': '', 'README.md': '', 'construct-metadata.json': '' });
    expect(await listEnvironments(root)).toEqual({ envs: ['dev', 'prod'], skipped: ['README.md'] });
  });

  test('a missing folder is a usage error', async () => {
    await expect(listEnvironments('/nonexistent/dist')).rejects.toMatchObject({
      exitCode: 2,
      message: expect.stringMatching(/^--from \/nonexistent\/dist does not exist or is not a folder/),
    });
  });
});

test.each([
  ['a.yaml', true],
  ['kustomization.yaml', true],
  ['README.md', true],
  ['.gitkeep', false],
  ['construct-metadata.json', false],
])('isMirrored(%s) is %s', (name, expected) => {
  expect(isMirrored(name)).toBe(expected);
});
