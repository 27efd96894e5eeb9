import { checkArgoDags } from '../../../lib/validate/checks';
import { dependsNames } from '../../../lib/validate/checks/argo/dag-graph';
import { container, dag, rules, runCheck, workflow } from '../builders';

const task = (name: string, extra: Record<string, unknown> = {}) => ({ name, template: 'echo', ...extra });

describe('checkArgoDags', () => {
  test.each<[string, unknown[], string[]]>([
    ['diamond', [task('a'), task('b', { dependencies: ['a'] }), task('c', { dependencies: ['a'] }), task('d', { dependencies: ['b', 'c'] })], []],
    ['depends expression', [task('a'), task('b'), task('c', { depends: 'a.Succeeded && (b.Failed || !b.Skipped)' })], []],
    ['unknown dependency', [task('a'), task('b', { dependencies: ['z'] })], ['error:argo/dag-dependency']],
    ['unknown task in depends', [task('a'), task('b', { depends: 'a && x.Succeeded' })], ['error:argo/dag-dependency']],
    ['cycle', [task('a', { dependencies: ['c'] }), task('b', { dependencies: ['a'] }), task('c', { dependencies: ['b'] })], ['error:argo/dag-cycle']],
    ['self-dependency', [task('a', { dependencies: ['a'] })], ['error:argo/dag-cycle']],
    ['duplicate task name', [task('a'), task('a')], ['error:argo/duplicate-task']],
  ])('%s', (_, tasks, expected) => {
    expect(rules(runCheck(checkArgoDags, workflow([dag(tasks), container('echo')])))).toEqual(expected);
  });

  test('the cycle is named', () => {
    const [v] = runCheck(checkArgoDags, workflow([dag([task('a', { dependencies: ['b'] }), task('b', { dependencies: ['a'] })]), container('echo')]));
    expect(v.message).toBe('the DAG has a dependency cycle: a -> b -> a');
  });

  test.each<[string, unknown[], string[]]>([
    ['unique step names', [[{ name: 'a', template: 'echo' }], [{ name: 'b', template: 'echo' }]], []],
    ['duplicate step names', [[{ name: 'a', template: 'echo' }], [{ name: 'a', template: 'echo' }]], ['error:argo/duplicate-step']],
  ])('%s', (_, steps, expected) => {
    expect(rules(runCheck(checkArgoDags, workflow([{ name: 'main', steps }, container('echo')])))).toEqual(expected);
  });

  test.each([
    ['a && b', ['a', 'b']],
    ['(a.Succeeded || b.Failed) && !c.Errored', ['a', 'b', 'c']],
    ['my-task.AnySucceeded', ['my-task']],
  ])('dependsNames(%s)', (expression, names) => {
    expect(dependsNames(expression)).toEqual(names);
  });
});
