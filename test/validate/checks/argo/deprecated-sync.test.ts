import { checkArgoWorkflow, checkCronWorkflow } from '../../../../lib/validate/checks';
import { ObjectIndex } from '../../../../lib/validate/object-index';
import { rules, runCheck } from '../../builders';

const template = (spec: Record<string, unknown>) => ({
  apiVersion: 'argoproj.io/v1alpha1', kind: 'WorkflowTemplate', metadata: { name: 'w' }, spec,
});
const box = { container: { image: 'a:1' } };

// Argo v3.6 deprecated synchronization.mutex / semaphore for mutexes / semaphores; v4 dropped them.
describe('deprecated synchronization fields', () => {
  test.each<[string, Record<string, unknown>, string[]]>([
    ['list forms', { synchronization: { mutexes: [{ name: 'm' }] }, templates: [{ name: 'a', ...box, synchronization: { semaphores: [] } }] }, []],
    ['workflow-level mutex', { synchronization: { mutex: { name: 'm' } }, templates: [{ name: 'a', ...box }] }, ['warning:argo/deprecated-field']],
    ['template-level semaphore', { templates: [{ name: 'a', ...box, synchronization: { semaphore: { configMapKeyRef: { name: 'c', key: 'k' } } } }] },
      ['warning:argo/deprecated-field']],
    ['no synchronization', { templates: [{ name: 'a', ...box }] }, []],
  ])('%s', (_, spec, expected) => {
    expect(rules(runCheck(checkArgoWorkflow, template(spec)))).toEqual(expected);
  });

  test('the warning names the path and the replacement', () => {
    expect(runCheck(checkArgoWorkflow, template({ templates: [{ name: 'a', ...box, synchronization: { mutex: { name: 'm' } } }] }))[0])
      .toMatchObject({ path: 'spec.templates[0].synchronization.mutex', fix: 'use mutexes: [ ...the same mutex... ]' });
  });

  test('a workflow-level field is reported at the spec, a CronWorkflow\'s at its workflowSpec', () => {
    expect(runCheck(checkArgoWorkflow, template({ synchronization: { semaphore: { configMapKeyRef: { name: 'c', key: 'k' } } }, templates: [{ name: 'a', ...box }] }))
      .map((v) => v.path)).toEqual(['spec.synchronization.semaphore']);
    const cron = { apiVersion: 'argoproj.io/v1alpha1', kind: 'CronWorkflow', metadata: { name: 'c' },
      spec: { schedules: ['0 * * * *'], workflowSpec: { entrypoint: 'a', synchronization: { mutex: { name: 'm' } }, templates: [{ name: 'a', ...box }] } } };
    expect(runCheck(checkArgoWorkflow, cron).filter((v) => v.rule === 'argo/deprecated-field').map((v) => v.path))
      .toEqual(['spec.workflowSpec.synchronization.mutex']);
  });
});

// Argo v4's schema has no mutex, semaphore or CronWorkflow schedule: the schema reports them, once, not this check too.
describe('fields Argo v4 removed', () => {
  const cron = { apiVersion: 'argoproj.io/v1alpha1', kind: 'CronWorkflow', metadata: { name: 'c' },
    spec: { schedule: '0 * * * *', workflowSpec: { entrypoint: 'a', synchronization: { mutex: { name: 'm' } }, templates: [{ name: 'a', ...box }] } } };
  const deprecated = (argoVersion: string | undefined, withSchemas: boolean) => [checkArgoWorkflow, checkCronWorkflow]
    .flatMap((check) => check(cron, { index: new ObjectIndex([cron]), argoVersion, ...(withSchemas && { schemas: { has: () => true, validate: () => [] } }) }))
    .filter((v) => v.rule === 'argo/deprecated-field').map((v) => v.path);

  test.each<[string, string | undefined, boolean, string[]]>([
    ['v3.7: deprecated', '3.7', true, ['spec.workflowSpec.synchronization.mutex', 'spec.schedule']],
    ['the version not known: deprecated', undefined, true, ['spec.workflowSpec.synchronization.mutex', 'spec.schedule']],
    ['v4.0 with schemas: the schema\'s unknown fields', '4.0', true, []],
    ['v4.0 without schemas: still said here', '4.0', false, ['spec.workflowSpec.synchronization.mutex', 'spec.schedule']],
  ])('%s', (_, version, withSchemas, expected) => {
    expect(deprecated(version, withSchemas)).toEqual(expected);
  });
});
