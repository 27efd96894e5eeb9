import { spawnSync } from 'child_process';
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
