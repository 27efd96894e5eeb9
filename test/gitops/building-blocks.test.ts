import { ApiObject, App, Chart, Testing } from 'cdk8s';
import {
  Environment, PipelineRunnerRbac, PIPELINE_RUNNER_RULES, renderSyncPolicy, resolveSyncPolicy, SYNC_WAVE_ANNOTATION, SyncWave, syncWaveOf,
} from '../../lib/gitops';
import { catalog } from '../fixtures/gitops/pipelines';

describe('syncWaveOf', () => {
  test.each<[string, string, SyncWave | undefined]>([
    ['', 'ServiceAccount', SyncWave.SETUP],
    ['rbac.authorization.k8s.io', 'Role', SyncWave.SETUP],
    ['rbac.authorization.k8s.io', 'RoleBinding', SyncWave.SETUP],
    ['', 'Namespace', SyncWave.SETUP],
    ['argoproj.io', 'WorkflowTemplate', SyncWave.PIPELINES],
    ['argoproj.io', 'CronWorkflow', SyncWave.PIPELINES],
    ['', 'Service', SyncWave.WORKLOADS],
    ['apps', 'Deployment', SyncWave.WORKLOADS],
    ['autoscaling', 'HorizontalPodAutoscaler', SyncWave.WORKLOADS],
    ['kubeflow.org', 'TFJob', SyncWave.WORKLOADS],
    ['argoproj.io', 'Workflow', undefined],
    ['example.com', 'Service', undefined],
  ])('%s/%s -> %s', (group, kind, wave) => {
    expect(syncWaveOf(group, kind)).toBe(wave);
  });
});

describe('sync policy', () => {
  test.each([
    [{}, { automated: { prune: true, selfHeal: true } }],
    [{ prune: false }, { automated: { prune: false, selfHeal: true } }],
    [{ automated: false }, {}],
  ])('%j renders as %j', (policy, rendered) => {
    expect(renderSyncPolicy(resolveSyncPolicy(policy, 'dev'), false)).toEqual(rendered);
  });

  test('CreateNamespace is a sync option', () => {
    expect(renderSyncPolicy(resolveSyncPolicy({ automated: false }, 'dev'), true)).toEqual({ syncOptions: ['CreateNamespace=true'] });
  });
});

describe('PipelineRunnerRbac', () => {
  test('additional rules come after the built-in ones', () => {
    const chart = new Chart(Testing.app(), 'c', { namespace: 'ns' });
    const extra = { apiGroups: [''], resources: ['configmaps'], verbs: ['get'] };
    new PipelineRunnerRbac(chart, 'rbac', { serviceAccountName: 'runner', additionalRules: [extra] });
    const role = Testing.synth(chart).find((o) => o.kind === 'Role');
    expect(role.rules).toEqual([...PIPELINE_RUNNER_RULES, extra]);
  });

  test('needs a namespace for the RoleBinding subject', () => {
    const chart = new Chart(Testing.app(), 'c');
    expect(() => new PipelineRunnerRbac(chart, 'rbac', { serviceAccountName: 'runner' }))
      .toThrow("[c/rbac] a RoleBinding to a ServiceAccount needs the account's namespace");
  });
});

describe('Environment.beforeSynth', () => {
  const env = () => new Environment(new App(), 'dev', {
    destination: { server: 'https://kubernetes.default.svc' }, namespace: 'ml-dev', pipelines: { train: {} }, catalog,
  });

  test('an object that sets its own wave keeps it; others get their kind\'s', () => {
    const e = env();
    new ApiObject(e, 'early', { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'early', annotations: { [SYNC_WAVE_ANNOTATION]: '-5' } } });
    new ApiObject(e, 'late', { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'late' } });
    e.beforeSynth();
    e.beforeSynth();
    const waves = Object.fromEntries(Testing.synth(e).map((o) => [o.metadata.name, o.metadata.annotations?.[SYNC_WAVE_ANNOTATION]]));
    expect(waves).toMatchObject({ early: '-5', late: '1', train: '0', 'kfops-runner': '-1' });
  });
});
