import { dependsTasks, DependsSyntaxError, formatDepends, parseDepends, TaskResult } from '../../lib/argo-spec/depends';

describe('depends expressions', () => {
  test.each([
    ['A', 'A'],
    ['A && B', 'A && B'],
    ['(A.Succeeded || A.Failed) && B', '(A.Succeeded || A.Failed) && B'],
    ['((A && B))', 'A && B'],
    ['A || B && C', 'A || B && C'],
    ['(A || B) && !C.Skipped', '(A || B) && !C.Skipped'],
    ['!(A && B)', '!(A && B)'],
    ['  task-1.AnySucceeded||task-2.AllFailed ', 'task-1.AnySucceeded || task-2.AllFailed'],
    ['A.Daemoned && B.Omitted && C.Errored', 'A.Daemoned && B.Omitted && C.Errored'],
  ])('%j reads and prints as %j', (text, printed) => {
    expect(formatDepends(parseDepends(text))).toBe(printed);
  });

  test('the tree and the tasks it names', () => {
    const node = parseDepends('(A.Succeeded || A.Failed) && B');
    expect(node).toEqual({
      kind: 'and',
      operands: [
        { kind: 'or', operands: [{ kind: 'task', task: 'A', result: TaskResult.SUCCEEDED }, { kind: 'task', task: 'A', result: TaskResult.FAILED }] },
        { kind: 'task', task: 'B' },
      ],
    });
    expect(dependsTasks(node)).toEqual(['A', 'B']);
  });

  test.each([
    ['', 'expected a task name at 0 (end of expression)', 0],
    ['A &&', 'expected a task name at 4 (end of expression)', 4],
    ['A.Done', "unknown task result 'Done'", 0],
    ['(A || B', "expected ')' at 7 (end of expression)", 7],
    ['A B', "expected '&&', '||' or the end at 2 (found \"B\")", 2],
    ['A & B', 'unexpected "&" at 2', 2],
  ])('%j is an error: %s', (text, message, offset) => {
    let err: unknown;
    try {
      parseDepends(text);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DependsSyntaxError);
    expect((err as DependsSyntaxError).message).toContain(message);
    expect((err as DependsSyntaxError).offset).toBe(offset);
  });
});
