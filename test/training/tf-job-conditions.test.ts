import { Duration } from 'cdk8s';
import { Pipeline } from '../../lib';
import { RestartPolicy, TfCoordinator, TfJobStep, TfJobStepProps } from '../../lib/training';
import { evaluateConditions, Outcome, parseCondition, Reading } from '../helpers/argo-resource-conditions';
import { Obj, synthChart, template, workflowSpec } from '../helpers/synth-chart';

/** The success and failure conditions of the resource template a TfJobStep with `props` compiles to. */
function conditions(props: Partial<TfJobStepProps>): Obj {
  const spec = workflowSpec(synthChart((chart) => new TfJobStep(new Pipeline(chart, 'p'), 'train', { image: 'trainer:1', ...props })));
  const { successCondition, failureCondition } = template(spec, 'train').resource;
  return { successCondition, failureCondition };
}

// TFJob statuses as the Training Operator (v1.7 to v1.9) writes them: replica counts are omitted when 0, and a pod
// the operator replaces (restart policy OnFailure or Always, e.g. an evicted one) is counted as failed until then.
const status = (replicaStatuses: Obj, ...conditions: string[]) => ({
  status: { conditions: conditions.map((type) => ({ type, status: 'True' })), replicaStatuses },
});
const states = (c: 'Master' | 'Chief'): Array<[string, Obj, Outcome]> => [
  ['just created, no status yet', {}, 'waiting'],
  ['pods pending', status({ [c]: {}, Worker: {}, PS: {} }, 'Created'), 'waiting'],
  ['running', status({ [c]: { active: 1 }, Worker: { active: 2 }, PS: { active: 1 } }, 'Created', 'Running'), 'waiting'],
  ['a worker pod evicted, being replaced', status({ [c]: { active: 1 }, Worker: { active: 1, failed: 1 }, PS: { active: 1 } },
    'Created', 'Restarting'), 'waiting'],
  ['the PS pod evicted, being replaced', status({ [c]: { active: 1 }, Worker: { active: 2 }, PS: { failed: 1 } },
    'Created', 'Restarting'), 'waiting'],
  [`${c} succeeded, workers and PS still up`, status({ [c]: { succeeded: 1 }, Worker: { active: 2 }, PS: { active: 1 } },
    'Created', 'Running', 'Succeeded'), 'succeeded'],
  [`${c} succeeded, job cleaned up`, status({ [c]: { succeeded: 1 }, Worker: { succeeded: 2 }, PS: { succeeded: 1 } },
    'Created', 'Running', 'Succeeded'), 'succeeded'],
  [`${c} failed`, status({ [c]: { failed: 1 }, Worker: { active: 2 }, PS: { active: 1 } }, 'Created', 'Running', 'Failed'), 'failed'],
  [`${c} failed before it ran`, status({ [c]: { failed: 1 }, Worker: {}, PS: {} }, 'Created', 'Failed'), 'failed'],
];

const readings: Reading[] = ['executor', 'docs'];

describe('TfJobStep conditions, evaluated the way the Argo executor does', () => {
  describe.each([
    ['Master', { coordinator: TfCoordinator.MASTER, workers: 2, pss: 1 }],
    ['Chief', { workers: 2, pss: 1 }],
  ] as const)('a distributed job coordinated by its %s', (coordinator, props) => {
    const c = conditions(props);

    test('has one requirement per condition, on the coordinator', () => {
      expect(c).toEqual({
        successCondition: `status.replicaStatuses.${coordinator}.succeeded > 0`,
        failureCondition: `status.replicaStatuses.${coordinator}.failed > 0`,
      });
    });

    test.each(states(coordinator))('%s: the same outcome whether failure requirements are ANDed or ORed', (_, job, expected) => {
      expect(readings.map((reading) => evaluateConditions(c, job, reading))).toEqual([expected, expected]);
    });
  });

  test('a single-node job: the coordinator alone decides', () => {
    const c = conditions({ coordinator: TfCoordinator.MASTER });
    for (const [, job, expected] of states('Master')) {
      expect(readings.map((reading) => evaluateConditions(c, job, reading))).toEqual([expected, expected]);
    }
  });

  test('per-replica-type failure requirements mean different things under the two readings (why kfops uses one)', () => {
    const perType = { successCondition: 'status.replicaStatuses.Master.succeeded > 0',
      failureCondition: 'status.replicaStatuses.Master.failed > 0,status.replicaStatuses.Worker.failed > 0,status.replicaStatuses.PS.failed > 0' };
    const evicted = status({ Master: { active: 1 }, Worker: { active: 1, failed: 1 }, PS: { active: 1 } }, 'Created', 'Restarting');
    const masterFailed = status({ Master: { failed: 1 }, Worker: { active: 2 }, PS: { active: 1 } }, 'Created', 'Running', 'Failed');
    // The executor fails a run whose worker the operator is replacing; the docs' reading misses a failed master.
    expect(readings.map((reading) => evaluateConditions(perType, evicted, reading))).toEqual(['failed', 'waiting']);
    expect(readings.map((reading) => evaluateConditions(perType, masterFailed, reading))).toEqual(['failed', 'waiting']);
  });

  describe('with an Evaluator, as the operator (v1.8, v1.9) reports it: only the coordinator decides', () => {
    // tfjob_controller.go UpdateJobStatus marks the job Succeeded when the Master exits, the evaluator still running;
    // on the next pass job.go deletes running pods (cleanPodPolicy Running) and adds the active ones to `succeeded`.
    const running = status({ Master: { active: 1 }, Evaluator: { active: 1 }, Worker: { active: 1 }, PS: { active: 1 } }, 'Created', 'Running');
    const masterDone = status({ Master: { succeeded: 1 }, Evaluator: { active: 1 }, Worker: { active: 1 }, PS: { active: 1 } },
      'Created', 'Running', 'Succeeded');
    const cleanedUp = status({ Master: { succeeded: 1 }, Evaluator: { succeeded: 1 }, Worker: { succeeded: 1 }, PS: { succeeded: 1 } },
      'Created', 'Running', 'Succeeded');

    test('a Master: the step succeeds once the Master, which evaluated and exported, has exited', () => {
      const c = conditions({ coordinator: TfCoordinator.MASTER, workers: 1, pss: 1, evaluator: true });
      for (const reading of readings) {
        expect([running, masterDone, cleanedUp].map((job) => evaluateConditions(c, job, reading))).toEqual(['waiting', 'succeeded', 'succeeded']);
      }
    });

    test('a Chief is refused: nothing can wait for the evaluator, whose count the operator fills in as it stops it', () => {
      expect(() => conditions({ workers: 1, pss: 1, evaluator: true })).toThrow('[test/p/train] evaluator: true with coordinator CHIEF: '
        + 'the Training Operator ends the job as soon as the Chief exits');
      // Waiting for `Evaluator.succeeded` as well would not help: the cleaned-up job reports the deleted evaluator as succeeded.
      const chief = (job: Obj) => JSON.parse(JSON.stringify(job).replace(/"Master"/g, '"Chief"'));
      const waitForEvaluator = { successCondition: 'status.replicaStatuses.Chief.succeeded > 0,status.replicaStatuses.Evaluator.succeeded > 0' };
      expect(evaluateConditions(waitForEvaluator, chief(masterDone), 'executor')).toBe('waiting');
      expect(evaluateConditions(waitForEvaluator, chief(cleanedUp), 'executor')).toBe('succeeded');
    });
  });

  test('a coordinator the operator restarts has no failure condition, and the step needs a timeout', () => {
    const c = conditions({ restartPolicy: RestartPolicy.EXIT_CODE, timeout: Duration.hours(6) });
    expect(c.failureCondition).toBeUndefined();
    // The pod being replaced after a retryable exit is counted as failed meanwhile: not a failure of the step.
    const restarting = status({ Chief: { failed: 1 } }, 'Created', 'Restarting');
    expect(readings.map((reading) => evaluateConditions(c, restarting, reading))).toEqual(['waiting', 'waiting']);
  });

  test.each<[string, Partial<TfJobStepProps>]>([
    ['restartPolicy OnFailure', { restartPolicy: RestartPolicy.ON_FAILURE }],
    ['workerRestartPolicy Never', { workers: 1, workerRestartPolicy: RestartPolicy.NEVER }],
    ['backoffLimit', { backoffLimit: 3 }],
    ['activeDeadline', { activeDeadline: Duration.hours(2) }],
  ])('with %s the job could fail unseen, so the step needs a timeout', (what, props) => {
    expect(() => conditions(props)).toThrow(`[test/p/train] with ${what} the TFJob can fail without a failed Chief pod, which is all `
      + "the step's failureCondition can see, so the step would wait forever; set the step's timeout");
    expect(() => conditions({ ...props, timeout: Duration.hours(12) })).not.toThrow();
  });

  test('the evaluator parses like labels.Parse: gjson queries are not label keys, so Argo rejects them', () => {
    expect(() => parseCondition('status.conditions.#.type = Failed')).toThrow('is not a qualified name');
    expect(parseCondition('status.phase in (Failed,Error)')).toEqual([{ key: 'status.phase', operator: 'in', values: ['Failed', 'Error'] }]);
  });
});

describe('the run-on-sync hook\'s conditions on the run it starts', () => {
  const objects = synthChart((chart) => new Pipeline(chart, 'p', { run: { onSync: true } }));
  const hook = objects.find((o) => o.kind === 'Workflow').spec.templates.find((t: Obj) => t.name === 'run').resource;

  test('one requirement each, on the run\'s phase', () => {
    expect(hook).toMatchObject({ successCondition: 'status.phase == Succeeded', failureCondition: 'status.phase in (Failed,Error)' });
  });

  test.each<[string, Obj, Outcome]>([
    ['not yet picked up', {}, 'waiting'],
    ['pending', { status: { phase: 'Pending' } }, 'waiting'],
    ['running', { status: { phase: 'Running' } }, 'waiting'],
    ['succeeded', { status: { phase: 'Succeeded' } }, 'succeeded'],
    ['failed', { status: { phase: 'Failed' } }, 'failed'],
    ['errored', { status: { phase: 'Error' } }, 'failed'],
  ])('%s', (_, run, expected) => {
    expect(readings.map((reading) => evaluateConditions(hook, run, reading))).toEqual([expected, expected]);
  });
});
