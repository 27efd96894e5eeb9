import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { outputFolderError } from '../../lib/synth/io-error';
import { runKfops } from '../helpers/kfops-child';
import { treeBytes } from '../helpers/tree-bytes';

const HOSTILE = path.resolve(__dirname, '..', 'fixtures', 'hostile', 'synth');
const OLD = { 'construct-metadata.json': '{}\n', 'dev/old.yaml': 'kept: true\n' };

function tempDir(): string {
  return fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'kfops-io-')));
}

function writeOld(dist: string): void {
  fs.mkdirSync(path.join(dist, 'dev'), { recursive: true });
  for (const [file, content] of Object.entries(OLD)) fs.writeFileSync(path.join(dist, file), content);
}

function run(command: string, args: string[]): boolean {
  try {
    execFileSync(command, args, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Real failures need mounts (tmpfs, read-only bind) and chattr: root on Linux, as on this project's machines. */
function probe(): { mount: boolean; chattr: boolean } {
  const dir = tempDir();
  const mount = run('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', dir]) && run('umount', [dir]);
  const chattr = run('chattr', ['+i', dir]) && run('chattr', ['-i', dir]);
  fs.rmSync(dir, { recursive: true, force: true });
  return { mount, chattr };
}

const can = probe();
const synthArgs = (app: string, ...more: string[]) => ['synth', '--no-typecheck', '--no-validate', '--app', path.join(HOSTILE, app), ...more];

describe('synth on output folders it cannot write: one line naming the folder and the problem, exit 2, nothing left', () => {
  const cleanups: Array<() => void> = [];
  afterAll(() => {
    for (const cleanup of cleanups.reverse()) cleanup();
  });

  (can.mount ? test.concurrent : test.concurrent.skip)('a full file system (ENOSPC: a 64 KiB tmpfs)', async () => {
    const root = tempDir();
    const full = path.join(root, 'full');
    fs.mkdirSync(full);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', full]);
    cleanups.push(() => execFileSync('umount', [full]));
    writeOld(path.join(full, 'dist'));
    const project = path.join(root, 'project');
    fs.mkdirSync(project);
    const result = await runKfops(synthArgs('big-app.ts', '--out', path.join(full, 'dist')), project);
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toBe(`kfops: synth failed: cannot write the output folder ${full}/dist: no space left on device (ENOSPC); `
      + 'free space on that file system, or synth elsewhere with --out DIR\n');
    expect(fs.readdirSync(full)).toEqual(['dist']);
    expect(treeBytes(path.join(full, 'dist'))).toEqual(OLD);
    expect(fs.readdirSync(project)).toEqual([]);
  });

  (can.mount ? test.concurrent : test.concurrent.skip)('a read-only file system (EROFS: a read-only bind mount)', async () => {
    const root = tempDir();
    const source = path.join(root, 'source');
    const ro = path.join(root, 'ro');
    writeOld(path.join(source, 'dist'));
    fs.mkdirSync(ro);
    execFileSync('mount', ['--bind', source, ro]);
    cleanups.push(() => execFileSync('umount', [ro]));
    execFileSync('mount', ['-o', 'remount,bind,ro', ro]);
    const project = path.join(root, 'project');
    fs.mkdirSync(project);
    const result = await runKfops(synthArgs('tiny-app.ts', '--out', path.join(ro, 'dist')), project);
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toBe(`kfops: cannot write the output folder ${ro}/dist: read-only file system (EROFS); `
      + 'remount it read-write, or synth elsewhere with --out DIR\n');
    expect(fs.readdirSync(ro)).toEqual(['dist']);
    expect(treeBytes(path.join(ro, 'dist'))).toEqual(OLD);
  });

  (can.mount ? test.concurrent : test.concurrent.skip)('an output folder that is its own mount point (EBUSY: it cannot be renamed)', async () => {
    const project = tempDir();
    const dist = path.join(project, 'dist');
    fs.mkdirSync(dist);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', dist]);
    cleanups.push(() => execFileSync('umount', [dist]));
    writeOld(dist);
    const result = await runKfops(synthArgs('tiny-app.ts'), project);
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toBe('kfops: cannot write the output folder dist: it is a mount point or in use (EBUSY); kfops swaps the output '
      + 'folder in by renaming, so mount its parent instead, or synth elsewhere with --out DIR\n');
    expect(treeBytes(dist)).toEqual(OLD);
    expect(fs.readdirSync(path.join(project, '.kfops', 'synth'))).toEqual([]);
  });

  (can.chattr ? test.concurrent : test.concurrent.skip)('an immutable output folder (EPERM: chattr +i)', async () => {
    const project = tempDir();
    const dist = path.join(project, 'dist');
    writeOld(dist);
    execFileSync('chattr', ['+i', dist]);
    cleanups.push(() => execFileSync('chattr', ['-i', dist]));
    const result = await runKfops(synthArgs('tiny-app.ts'), project);
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toBe('kfops: cannot write the output folder dist: operation not permitted (EPERM); the folder or its parent may '
      + 'be immutable (lsattr -d; chattr -i), or synth elsewhere with --out DIR\n');
    expect(treeBytes(dist)).toEqual(OLD);
    expect(fs.readdirSync(project).sort()).toEqual(['.kfops', 'dist']);
    expect(fs.readdirSync(path.join(project, '.kfops', 'synth'))).toEqual([]);
  });
});

describe('outputFolderError', () => {
  const errno = (code: string) => Object.assign(new Error(`${code}: something, mkdir '/x'`), { code });
  test.each([
    ['ENOSPC', 'no space left on device (ENOSPC); free space on that file system'],
    ['EDQUOT', 'disk quota exceeded (EDQUOT); free space'],
    ['EACCES', 'permission denied (EACCES); give yourself write access to it and its parent'],
    ['EXDEV', "it is on another file system than kfops' staging folder (.kfops/synth/) (EXDEV)"],
    ['EWHATEVER', 'something, mkdir \'/x\' (EWHATEVER); or synth elsewhere with --out DIR'],
  ])('%s', (code, message) => {
    const err = outputFolderError(errno(code), '/p/dist', '/p');
    expect(err).toMatchObject({ exitCode: 2, message: expect.stringContaining(`cannot write the output folder dist: ${message}`) });
  });

  test('errors that are not the file system\'s pass through', () => {
    const bug = new TypeError('x is undefined');
    expect(outputFolderError(bug, '/p/dist', '/p')).toBe(bug);
  });
});
