import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const BIN = path.join(__dirname, '..', '..', 'lib', 'cli', 'kfops.js');
const FIXTURE = path.join(__dirname, '..', 'fixtures', 'diff', 'pr-train-steps');

/** Runs the real bin, as CI does: exit codes go through main(), commander and the UserError handling. */
function kfops(...args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd: FIXTURE, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('kfops diff / graph exit codes through the bin', () => {
  test.each([
    ['changes without --exit-code', 0, ['diff', '--base-dir', 'base', '--head-dir', 'head']],
    ['changes with --exit-code', 1, ['diff', '--base-dir', 'base', '--head-dir', 'head', '--exit-code']],
    ['no changes with --exit-code', 0, ['diff', '--base-dir', 'base', '--head-dir', 'base', '--exit-code']],
    ['an unknown --format', 2, ['diff', '--base-dir', 'base', '--head-dir', 'head', '--format', 'xml']],
    ['conflicting flags', 2, ['diff', '--base', 'main', '--base-dir', 'base']],
    ['graph of a known pipeline', 0, ['graph', 'workflow1', '--out', 'head', '--env', 'prod']],
    ['graph of an unknown pipeline', 2, ['graph', 'nope', '--out', 'head', '--env', 'prod']],
  ])('%s: exit %i', (_label, code, args) => {
    expect(kfops(...(args as string[])).code).toBe(code);
  });

  test('a user error prints its message without a stack', () => {
    const { stderr } = kfops('graph', 'nope', '--out', 'head', '--env', 'prod');
    expect(stderr.trim()).toBe("kfops: head/prod: no pipeline named 'nope'; known pipelines: workflow1");
  });

  test('help documents the exit codes', () => {
    for (const cmd of ['diff', 'check', 'graph']) {
      const { code, stdout } = kfops(cmd, '--help');
      expect(code).toBe(0);
      expect(stdout).toContain('Exit codes:');
    }
  });
});

describe('kfops diff on trees it cannot read, through the bin', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kfops-diff-unreadable-'));
    fs.mkdirSync(path.join(dir, 'base'));
    fs.mkdirSync(path.join(dir, 'head/prod'), { recursive: true });
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  const run = (...extra: string[]) => kfops('diff', '--base-dir', path.join(dir, 'base'), '--head-dir', path.join(dir, 'head'), ...extra);

  test.each<[string, number, number, (head: string) => void, RegExp]>([
    ['invalid YAML (invalid input)', 1, 2, (h) => fs.writeFileSync(`${h}/x.yaml`, 'a: [\n'), /^kfops: prod\/x\.yaml:2:1: YAML syntax error: /],
    ['an alias bomb (invalid input)', 1, 2, (h) => fs.copyFileSync(path.join(__dirname, '../fixtures/hostile/reader/alias-bomb.yaml'), `${h}/x.yaml`), /^kfops: prod\/x\.yaml:1: aliases expand the document/],
    ['a symlink loop (I/O)', 2, 2, (h) => fs.symlinkSync('x.yaml', `${h}/x.yaml`), /^kfops: .*\/head\/prod\/x\.yaml is a symbolic link in a loop/],
  ])('%s: exit %i, or %i under --exit-code; one line, no stack', (_, code, codeWithExitCode, make, message) => {
    make(path.join(dir, 'head/prod'));
    const plain = run();
    expect(plain.code).toBe(code);
    expect(plain.stderr.trim()).toMatch(message);
    expect(plain.stderr.trim().split('\n')).toHaveLength(1);
    expect(run('--exit-code').code).toBe(codeWithExitCode);
  });
});
