import { checkArgoWorkflow } from '../../../../lib/validate/checks';
import { container, dag, rules, runCheck, workflow } from '../../builders';

const task = (name: string, extra: Record<string, unknown> = {}) => ({ name, template: 'echo', ...extra });
const check = (tasks: unknown[], extra: Record<string, unknown> = {}) => rules(runCheck(checkArgoWorkflow, workflow([dag(tasks, extra), container('echo')])));

describe('DAG templates (validate.go: validateDAG, verifyNoCycles, validateDAGTargets; common.GetTaskDependencies, ValidateTaskResults)', () => {
  test.each<[string, unknown[], string[]]>([
    ['diamond with dependencies', [task('a'), task('b', { dependencies: ['a'] }), task('c', { dependencies: ['a'] }), task('d', { dependencies: ['b', 'c'] })], []],
    ['depends expression', [task('a'), task('b'), task('c', { depends: 'a.Succeeded && (b.Failed || !b.Skipped)' })], []],
    ['no tasks', [], ['error:argo/dag-tasks']],
    ['unknown dependency', [task('a'), task('b', { dependencies: ['z'] })], ['error:argo/dag-dependency']],
    ['unknown task in depends', [task('a'), task('b', { depends: 'a && x.Succeeded' })], ['error:argo/dag-dependency']],
    ['cycle', [task('a', { dependencies: ['c'] }), task('b', { dependencies: ['a'] }), task('c', { dependencies: ['b'] })], ['error:argo/dag-cycle']],
    ['self-dependency', [task('a', { dependencies: ['a'] })], ['error:argo/dag-cycle']],
    ['duplicate task name', [task('a'), task('a')], ['error:argo/duplicate-task']],
    ['a task without a name', [task('a'), { template: 'echo' }], ['error:argo/task-name']],
    ['a task name with an underscore', [task('a_b')], ['error:argo/task-name']],
    ['depends and dependencies in one DAG', [task('a'), task('b', { depends: 'a' }), task('c', { dependencies: ['a'] })], ['error:argo/depends']],
    ['depends with continueOn', [task('a', { continueOn: { failed: true } }), task('b', { depends: 'a' })], ['error:argo/depends']],
    ['dependencies with continueOn', [task('a', { continueOn: { failed: true } }), task('b', { dependencies: ['a'] })], []],
    ['AnySucceeded on a task that loops', [task('a', { withItems: [1, 2] }), task('b', { depends: 'a.AnySucceeded' })], []],
    ['AnySucceeded on a task that does not loop', [task('a'), task('b', { depends: 'a.AnySucceeded' })], ['error:argo/depends']],
    ['AllFailed on a task that does not loop', [task('a'), task('b', { depends: 'a.AllFailed || a.Failed' })], ['error:argo/depends']],
    ['an unknown task result', [task('a'), task('b', { depends: 'a.Succeded' })], ['error:argo/depends']],
    ['a malformed expression', [task('a'), task('b', { depends: 'a &&' })], ['error:argo/depends']],
    ['a name starting with a digit, with depends', [task('5A'), task('b', { depends: '5A' })], ['error:argo/task-name']],
    ['a name starting with a digit, with dependencies', [task('5A', { dependencies: ['b'] }), task('b')], ['error:argo/task-name']],
    ['a name starting with a digit, without dependencies', [task('5A'), task('b')], []],
  ])('%s', (_, tasks, expected) => {
    expect(check(tasks)).toEqual(expected);
  });

  test.each<[string, string, string[]]>([
    ['tasks of the DAG', 'a b', []],
    ['an unknown task', 'a DOESNTEXIST', ['error:argo/dag-target']],
    ['a variable', '{{workflow.parameters.target}}', []],
  ])('target: %s', (_, target, expected) => {
    const object = workflow([dag([task('a'), task('b')], { dag: { target, tasks: [task('a'), task('b')] } }), container('echo')],
      { arguments: { parameters: [{ name: 'target', value: 'a' }] } });
    expect(rules(runCheck(checkArgoWorkflow, object))).toEqual(expected);
  });

  test('the cycle and the malformed expression are named', () => {
    const cycle = runCheck(checkArgoWorkflow, workflow([dag([task('a', { dependencies: ['b'] }), task('b', { dependencies: ['a'] })]), container('echo')]));
    expect(cycle[0].message).toBe('the DAG has a dependency cycle: a -> b -> a');
    const bad = runCheck(checkArgoWorkflow, workflow([dag([task('a'), task('b', { depends: 'a.Succeded' })]), container('echo')]));
    expect(bad[0]).toMatchObject({ path: 'spec.templates[0].dag.tasks[1].depends', message: expect.stringContaining('"Succeded" is not a task result') });
  });
});

describe('steps templates (validate.go: validateSteps, isValidStepName)', () => {
  const steps = (groups: unknown[][]) => rules(runCheck(checkArgoWorkflow, workflow([{ name: 'main', steps: groups }, container('echo')])));
  test.each<[string, unknown[][], string[]]>([
    ['unique names', [[{ name: 'a', template: 'echo' }], [{ name: 'b', template: 'echo' }]], []],
    ['a name repeated across groups', [[{ name: 'a', template: 'echo' }], [{ name: 'a', template: 'echo' }]], ['error:argo/duplicate-step']],
    ['a step without a name', [[{ template: 'echo' }]], ['error:argo/step-name']],
    ['a name with an underscore', [[{ name: 'my_step', template: 'echo' }]], ['error:argo/step-name']],
  ])('%s', (_, groups, expected) => {
    expect(steps(groups)).toEqual(expected);
  });

  test.each<[string, string, string[]]>([
    ['an input in the name', 'run-{{inputs.parameters.day}}', []],
    ['an input after an invalid skeleton', 'run_{{inputs.parameters.day}}', ['error:argo/step-name']],
    ['a loop item in the name (Argo does not substitute it there)', 'run-{{item}}', ['error:argo/step-name']],
  ])('a step named from a variable: %s', (_, name, expected) => {
    const object = workflow([{ name: 'main', inputs: { parameters: [{ name: 'day', value: 'mon' }] }, steps: [[{ name, template: 'echo', withItems: [1] }]] }, container('echo')]);
    expect(rules(runCheck(checkArgoWorkflow, object))).toEqual(expected);
  });
});

// Large DAGs are walked without recursion and without the transitive closure of every task (which for a chain of
// 16,000 tasks took 3.6 GB): what Argo's validator accepts or refuses stays the same.
describe('long dependency chains', () => {
  // The argument goes to a template without that input: only the errors matter here.
  const errors = (tasks: unknown[]) => check(tasks).filter((r) => r.startsWith('error:'));
  const chain = (n: number, last: Record<string, unknown> = {}) => Array.from({ length: n }, (_, i) =>
    task(`t${i}`, i === 0 ? {} : { dependencies: [`t${i - 1}`], ...(i === n - 1 ? last : {}) }));

  test('a chain of 5,000 tasks, listed last first, whose last reads the first task\'s output (an ancestor) is valid', () => {
    expect(errors(chain(5000, { arguments: { parameters: [{ name: 'x', value: '{{tasks.t0.outputs.result}}' }] } }).reverse())).toEqual([]);
  });

  test('in such a chain, reading a task that runs later is still refused; a cycle across it still found', () => {
    const tasks = chain(5000);
    tasks[10] = task('t10', { dependencies: ['t9'], arguments: { parameters: [{ name: 'x', value: '{{tasks.t4000.outputs.result}}' }] } });
    expect(errors(tasks)).toEqual(['error:argo/node-reference']);
    const cyclic = chain(5000);
    cyclic[0] = task('t0', { dependencies: ['t4999'] });
    expect(errors(cyclic)).toEqual(['error:argo/dag-cycle']);
  });
});
