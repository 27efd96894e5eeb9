import { dependsOutcomes, taskDependsLogic, TaskPhase } from '../../lib/preview/depends-outcomes';

describe('depends: what a task dependency logic can be on a run where steps succeed', () => {
  const phases = (entries: Record<string, TaskPhase[]>) => new Map(Object.entries(entries).map(([k, v]) => [k, new Set(v)]));
  test.each<[Record<string, unknown>, Record<string, TaskPhase[]>, boolean[]]>([
    [{ dependencies: ['a', 'b'] }, { a: ['Succeeded'], b: ['Skipped'] }, [true]],
    [{ depends: 'a.Succeeded' }, { a: ['Skipped'] }, [false]],
    [{ depends: 'a.Failed' }, { a: ['Succeeded'] }, [false]],
    [{ depends: 'a' }, { a: ['Succeeded', 'Skipped'] }, [true]],
    [{ depends: 'a.Succeeded' }, { a: ['Succeeded', 'Skipped'] }, [true, false]],
    [{ depends: 'a.Succeeded || b.Failed' }, { a: ['Omitted'], b: ['Succeeded'] }, [false]],
    [{ depends: '!(a.Succeeded) && b' }, { a: ['Skipped'], b: ['Succeeded'] }, [true]],
    [{ depends: 'a.Errored' }, { a: ['Errored'] }, [true]],
  ])('%j with %j', (task, given, expected) => {
    const logic = taskDependsLogic(task)!;
    expect([...dependsOutcomes(logic, phases(given))].sort()).toEqual(expected.sort());
  });

  test('a bare dependency passes a failed task that continues on failure', () => {
    const logic = taskDependsLogic({ dependencies: ['a'] })!;
    expect([...dependsOutcomes(logic, phases({ a: ['Failed'] }), new Map([['a', new Set<TaskPhase>(['Failed'])]]))]).toEqual([true]);
    expect([...dependsOutcomes(logic, phases({ a: ['Failed'] }))]).toEqual([false]);
  });

  // The one depends parser (lib/argo-spec/depends.ts) reads the text; Argo's GetTaskDependencies and
  // ValidateTaskResults reject the same.
  test.each([
    ['a.Finished', 'depends "a.Finished": "Finished" is not a task result'],
    ['(a', 'expected ")"'],
    ['a &&', 'expected a task name'],
    ['a and b', 'unexpected "an"'],
  ])('%s is rejected', (depends, message) => {
    expect(() => taskDependsLogic({ depends })).toThrow(message);
  });

  test('AnySucceeded and AllFailed read a loop as ending like its iterations', () => {
    const logic = taskDependsLogic({ depends: 'a.AnySucceeded && !b.AllFailed' })!;
    expect([...dependsOutcomes(logic, phases({ a: ['Succeeded'], b: ['Succeeded'] }))]).toEqual([true]);
  });
});
