import { roundTripDifference } from '../../lib/import/round-trip';

const wf = (spec: Record<string, unknown>, metadata: Record<string, unknown> = { generateName: 'x-' }) =>
  ({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow', metadata, spec });

describe('round-trip comparison', () => {
  test.each([
    ['parameter values as strings', { arguments: { parameters: [{ name: 'n', value: 5 }] } }, { arguments: { parameters: [{ name: 'n', value: '5' }] } }],
    ['templates in any order', { templates: [{ name: 'a' }, { name: 'b' }] }, { templates: [{ name: 'b' }, { name: 'a' }] }],
    ['DAG tasks in any order', { templates: [{ name: 'm', dag: { tasks: [{ name: 'A' }, { name: 'B' }] } }] },
      { templates: [{ name: 'm', dag: { tasks: [{ name: 'B' }, { name: 'A' }] } }] }],
    ['dependencies as a set', { templates: [{ name: 'm', dag: { tasks: [{ name: 'C', dependencies: ['B', 'A'] }] } }] },
      { templates: [{ name: 'm', dag: { tasks: [{ name: 'C', dependencies: ['A', 'B'] }] } }] }],
    ['depends by meaning', { templates: [{ name: 'm', dag: { tasks: [{ name: 'C', depends: '((A && B))' }] } }] },
      { templates: [{ name: 'm', dag: { tasks: [{ name: 'C', depends: 'A && B' }] } }] }],
    ['durations by length', { templates: [{ name: 'a', timeout: '90s', retryStrategy: { backoff: { duration: '60' } } }] },
      { templates: [{ name: 'a', timeout: '1m30s', retryStrategy: { backoff: { duration: '1m' } } }] }],
    ['quantities as strings', { templates: [{ name: 'a', container: { resources: { limits: { cpu: 1 } } } }] },
      { templates: [{ name: 'a', container: { resources: { limits: { cpu: '1' } } } }] }],
    ['null, empty lists and empty argument blocks as absent', { arguments: { parameters: [] }, templates: [{ name: 'a', inputs: {}, outputs: null, container: { args: [] } }] },
      { templates: [{ name: 'a', container: {} }] }],
  ])('the same: %s', (_label, a, b) => {
    expect(roundTripDifference(wf(a), wf(b))).toBeUndefined();
  });

  test('kfops may add labels and annotations of its own, nothing else', () => {
    const input = wf({}, { generateName: 'x-', labels: { team: 'ml' } });
    expect(roundTripDifference(input, wf({}, { generateName: 'x-', labels: { team: 'ml', 'kfops.dev/pipeline': 'x' }, annotations: { 'kfops.dev/parameter-schema': '{}' } }))).toBeUndefined();
    expect(roundTripDifference(input, wf({}, { generateName: 'x-', labels: { team: 'ml', extra: 'y' } }))).toBe('metadata.labels.extra: absent became "y"');
  });

  test.each([
    ['an empty object that means something', { templates: [{ name: 'a', suspend: {} }] }, { templates: [{ name: 'a' }] }, 'spec.templates.a.suspend: {} became absent'],
    ['the order of steps', { templates: [{ name: 's', steps: [[{ name: 'a' }], [{ name: 'b' }]] }] },
      { templates: [{ name: 's', steps: [[{ name: 'b' }], [{ name: 'a' }]] }] }, 'spec.templates.s.steps[0][0].name: "a" became "b"'],
    ['a value', { entrypoint: 'a' }, { entrypoint: 'b' }, 'spec.entrypoint: "a" became "b"'],
    ['env order', { templates: [{ name: 'a', container: { env: [{ name: 'X' }, { name: 'Y' }] } }] },
      { templates: [{ name: 'a', container: { env: [{ name: 'Y' }, { name: 'X' }] } }] }, 'spec.templates.a.container.env[0].name: "X" became "Y"'],
  ])('a difference: %s', (_label, a, b, difference) => {
    expect(roundTripDifference(wf(a), wf(b))).toBe(difference);
  });

  test('a CronWorkflow\'s singular schedule is the one item of schedules; another schedule is a difference', () => {
    const cron = (spec: Record<string, unknown>) => ({ apiVersion: 'argoproj.io/v1alpha1', kind: 'CronWorkflow', metadata: { name: 'c' }, spec });
    expect(roundTripDifference(cron({ schedule: '0 2 * * *' }), cron({ schedules: ['0 2 * * *'] }))).toBeUndefined();
    expect(roundTripDifference(cron({ schedule: '0 2 * * *' }), cron({ schedules: ['0 3 * * *'] }))).toBe('spec.schedules[0]: "0 2 * * *" became "0 3 * * *"');
  });

  test('status is what the controller reports, not what the object asks for', () => {
    expect(roundTripDifference({ ...wf({}), status: { phase: 'Running' } }, wf({}))).toBeUndefined();
  });
});
