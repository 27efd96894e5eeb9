import { checkDeprecatedSynchronization } from '../../../lib/validate/checks';
import { rules, runCheck } from '../builders';

const template = (spec: Record<string, unknown>) => ({
  apiVersion: 'argoproj.io/v1alpha1', kind: 'WorkflowTemplate', metadata: { name: 'w' }, spec,
});

describe('checkDeprecatedSynchronization', () => {
  test.each<[string, Record<string, unknown>, string[]]>([
    ['list forms', { synchronization: { mutexes: [{ name: 'm' }] }, templates: [{ name: 'a', synchronization: { semaphores: [] } }] }, []],
    ['workflow-level mutex', { synchronization: { mutex: { name: 'm' } }, templates: [] }, ['warning:argo/deprecated-field']],
    ['template-level semaphore', { templates: [{ name: 'a', synchronization: { semaphore: { configMapKeyRef: { name: 'c', key: 'k' } } } }] },
      ['warning:argo/deprecated-field']],
    ['no synchronization', { templates: [{ name: 'a', container: { image: 'a:1' } }] }, []],
  ])('%s', (_, spec, expected) => {
    expect(rules(runCheck(checkDeprecatedSynchronization, template(spec)))).toEqual(expected);
  });

  test('the warning names the path and the replacement', () => {
    expect(runCheck(checkDeprecatedSynchronization, template({ templates: [{ name: 'a', synchronization: { mutex: { name: 'm' } } }] }))[0])
      .toMatchObject({ path: 'spec.templates[0].synchronization.mutex', fix: 'use mutexes: [ ...the same mutex... ]' });
  });
});
