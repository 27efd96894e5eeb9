import { dependsTasks, formatDepends, parseDepends, taskDependencies, TaskResult } from '../../lib/argo-spec/depends';

// The language of `depends` as Argo reads it: common.GetTaskDependencies (task names and results),
// common.ValidateTaskResults (the result names) and the controller's evaluateDependsLogic (&&, ||, !, parentheses).
describe('parseDepends', () => {
  test.each<[string, string[]]>([
    ['a', ['a']],
    ['a && b', ['a', 'b']],
    ['(a.Succeeded || b.Failed) && !c.Errored', ['a', 'b', 'c']],
    ['my-task.AnySucceeded', ['my-task']],
    ['a || a.Failed', ['a', 'a']],
    ['  a&&b  ', ['a', 'b']],
    ['!(a || b)', ['a', 'b']],
    ['5a && b', ['5a', 'b']],
  ])('%s names %j', (text, tasks) => {
    const parsed = parseDepends(text);
    expect(parsed.error).toBeUndefined();
    expect(parsed.references.map((r) => r.task)).toEqual(tasks);
  });

  test('the tree binds ! tightest and && before ||', () => {
    expect(parseDepends('a || b && !c.Failed').expression).toEqual({
      op: 'or', operands: [
        { op: 'task', reference: { task: 'a', offset: 0 } },
        { op: 'and', operands: [
          { op: 'task', reference: { task: 'b', offset: 5 } },
          { op: 'not', operand: { op: 'task', reference: { task: 'c', result: TaskResult.FAILED, offset: 11 } } },
        ] },
      ],
    });
  });

  test.each<[string, string]>([
    ['a &&', 'expected a task name, got the end of the expression'],
    ['a b', 'unexpected "b"; join conditions with && or ||'],
    ['(a || b', 'expected ")"'],
    ['a.Succeded', '"Succeded" is not a task result'],
    ['a.succeeded', '"succeeded" is not a task result'],
    ['a and b', 'unexpected "an"; join conditions with && or ||'],
    ['a & b', 'unexpected "&"; join conditions with && or ||'],
    ['a.', 'expected a task result after "a."'],
  ])('%s is not a depends expression: %s', (text, message) => {
    const parsed = parseDepends(text);
    expect(parsed.expression).toBeUndefined();
    expect(parsed.error?.message).toContain(message);
  });

  test('text that does not parse still yields the task names, the way Argo scans them', () => {
    expect(parseDepends('a.Succeded && b').references.map((r) => r.task)).toEqual(['a', 'b']);
  });

  test('the offset points at the problem', () => {
    expect(parseDepends('a && b.Nope').error?.offset).toBe(7);
  });
});

// Argo takes any depth; kfops refuses what would run it (and every walk of the result) out of stack.
describe('nesting', () => {
  test.each([
    ['200 levels of parentheses', `${'('.repeat(200)}a${')'.repeat(200)}`, undefined],
    ['201 levels of parentheses', `${'('.repeat(201)}a${')'.repeat(201)}`, 'the expression nests parentheses and "!" more than 200 deep; write it flatter'],
    ['3,000 levels of parentheses', `${'('.repeat(3000)}a${')'.repeat(3000)}`, 'the expression nests parentheses and "!" more than 200 deep; write it flatter'],
    ['5,000 negations', `${'!'.repeat(5000)}a`, 'the expression nests parentheses and "!" more than 200 deep; write it flatter'],
  ])('%s', (_, text, message) => {
    const parsed = parseDepends(text);
    expect(parsed.error?.message).toBe(message);
    expect(parsed.references.map((r) => r.task)).toEqual(['a']);
  });
});

describe('dependsTasks and taskDependencies', () => {
  test('distinct names in order', () => {
    expect(dependsTasks('b.Failed || (a && b.Errored)')).toEqual(['b', 'a']);
  });

  test.each<[string, Record<string, unknown>, string[]]>([
    ['depends', { depends: 'a && b' }, ['a', 'b']],
    ['dependencies', { dependencies: ['a', 'b', 'a'] }, ['a', 'b']],
    ['depends wins over dependencies, as in Argo', { depends: 'c', dependencies: ['a'] }, ['c']],
    ['neither', {}, []],
    ['an empty depends falls back to dependencies', { depends: ' ', dependencies: ['a'] }, ['a']],
  ])('%s', (_, task, expected) => {
    expect(taskDependencies(task)).toEqual(expected);
  });
});

describe('formatDepends', () => {
  test.each([
    ['a', 'a'],
    ['a&&b', 'a && b'],
    ['(a.Succeeded || a.Failed) && b', '(a.Succeeded || a.Failed) && b'],
    ['((a && b))', 'a && b'],
    ['a || b && c', 'a || b && c'],
    ['(a || b) && !c.Skipped', '(a || b) && !c.Skipped'],
    ['!(a && b)', '!(a && b)'],
    ['  t-1.AnySucceeded||t-2.AllFailed ', 't-1.AnySucceeded || t-2.AllFailed'],
  ])('%j is written %j, and reads back the same', (text, written) => {
    const { expression } = parseDepends(text);
    expect(formatDepends(expression!)).toBe(written);
    expect(parseDepends(written).expression && formatDepends(parseDepends(written).expression!)).toBe(written);
  });
});
