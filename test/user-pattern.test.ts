import { spawnSync } from 'child_process';
import { userPattern } from '../lib/user-pattern';

// Kubernetes and Argo match users' patterns with RE2, in linear time; so must kfops, or a CRD in a pull request can
// hang CI: JavaScript's backtracking takes hours over `^(a+)+$` against forty `a`s and a `!`.
describe('userPattern', () => {
  // In a process of its own with a time limit: a match that backtracks cannot be stopped inside this one.
  test('matches that backtrack badly end, where JavaScript alone would run for hours', () => {
    const cases = [['^(a+)+$', `${'a'.repeat(40)}!`], ['^(a|aa)*$', `${'a'.repeat(60)}!`], ['^([a-z0-9]+-?)+$', `${'a'.repeat(40)}!`]];
    const script = `const { userPattern } = require(${JSON.stringify(require.resolve('../lib/user-pattern'))});
      console.log(JSON.stringify(${JSON.stringify(cases)}.map(([p, v]) => userPattern(p).test(v))));`;
    const run = spawnSync(process.execPath, ['--require', 'tsx/cjs', '-e', script], { encoding: 'utf8', timeout: 60_000 });
    expect([run.signal, run.stdout.trim()]).toEqual([null, '[false,false,false]']);
  });

  test('matches as RE2 does, by code point: outside the Basic Multilingual Plane too', () => {
    const three = userPattern('^.{3}$');
    expect([three.test('abc'), three.test('a😀c'), three.test('ab')]).toEqual([true, true, false]);
    expect(userPattern('^\\p{L}+$').test('Grüße')).toBe(true);
    expect(userPattern('^[a-z0-9]([-a-z0-9]*[a-z0-9])?$').test('my-name')).toBe(true);
  });

  test('a pattern JavaScript cannot compile throws, as RegExp does', () => {
    expect(() => userPattern('(')).toThrow(SyntaxError);
  });
});
