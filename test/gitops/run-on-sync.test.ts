import { Pipeline } from '../../lib';
import { Obj, synthChart } from '../helpers/synth-chart';

const hookOf = (objects: Obj[]) => objects.find((o) => o.kind === 'Workflow');

describe('the account the run-on-sync hook runs as', () => {
  test('run.serviceAccountName, apart from the pipeline\'s, which the run itself (the WorkflowTemplate) keeps', () => {
    const objects = synthChart((chart) => new Pipeline(chart, 'p', {
      serviceAccountName: 'runner', run: { onSync: true, serviceAccountName: 'hook' },
    }));
    expect(hookOf(objects).spec.serviceAccountName).toBe('hook');
    expect(objects.find((o) => o.kind === 'WorkflowTemplate').spec.serviceAccountName).toBe('runner');
  });

  test('without it, the pipeline\'s', () => {
    const objects = synthChart((chart) => new Pipeline(chart, 'p', { serviceAccountName: 'runner', run: { onSync: true } }));
    expect(hookOf(objects).spec.serviceAccountName).toBe('runner');
  });

  test('an ad-hoc run has no hook, so it is an error there', () => {
    expect(() => synthChart((chart) => new Pipeline(chart, 'p', { run: { onSync: false, serviceAccountName: 'hook' } })))
      .toThrow("[test/p] run.serviceAccountName is the on-sync hook's account, and this run is not on sync");
  });
});
