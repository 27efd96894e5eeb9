import { execFileSync } from 'child_process';
import { hasKubectl } from '../helpers/kubectl';
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { PIPELINE_RUNNER_RULES, RUN_ON_SYNC_RULES, SYNC_WAVE_ANNOTATION } from '../../lib/gitops';
import { Obj, readObject, synthGitOps, treeBytes } from './gitops-synth';

const dist = synthGitOps();
const wave = (o: Obj) => o.metadata.annotations?.[SYNC_WAVE_ANNOTATION];
const parameter = (template: Obj, name: string) => template.spec.arguments.parameters.find((p: Obj) => p.name === name).value;

describe('environment folders', () => {
  test('one folder per environment, plus argocd/ and bootstrap/', () => {
    expect(fs.readdirSync(dist).sort()).toEqual(['argocd', 'bootstrap', 'construct-metadata.json', 'dev', 'prod']);
    expect(fs.readdirSync(path.join(dist, 'prod')).sort()).toEqual([
      'cronworkflow-train.yaml', 'deployment-taxi-serving.yaml', 'kustomization.yaml', 'role-ml-runner.yaml',
      'rolebinding-ml-runner.yaml', 'service-serve-publish.yaml', 'service-taxi-serving.yaml', 'serviceaccount-ml-runner.yaml',
      'workflowtemplate-serve.yaml', 'workflowtemplate-train.yaml',
    ]);
  });

  test.each(['dev', 'prod', 'argocd', 'bootstrap'])('%s/kustomization.yaml lists every other file, sorted', (folder) => {
    const files = fs.readdirSync(path.join(dist, folder)).filter((f) => f !== 'kustomization.yaml').sort();
    expect(readObject(dist, folder, 'kustomization.yaml')).toEqual({
      apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization', resources: files,
    });
  });

  const kubectl = hasKubectl;
  (kubectl ? test.each : test.skip.each)(['dev', 'prod', 'argocd', 'bootstrap'])('kubectl kustomize %s succeeds and keeps every object', (folder) => {
    const out = execFileSync('kubectl', ['kustomize', path.join(dist, folder)], { encoding: 'utf8' });
    const files = fs.readdirSync(path.join(dist, folder)).filter((f) => f !== 'kustomization.yaml');
    expect(out.split(/^---$/m)).toHaveLength(files.length);
  });

  test('synth is deterministic: two runs give the same bytes', () => {
    expect(treeBytes(synthGitOps())).toEqual(treeBytes(dist));
  });
});

describe('params files', () => {
  test('values override the defaults in that environment only', () => {
    const devTrain = readObject(dist, 'dev', 'workflowtemplate-train.yaml');
    const prodTrain = readObject(dist, 'prod', 'workflowtemplate-train.yaml');
    expect([parameter(devTrain, 'train-steps'), parameter(devTrain, 'project'), parameter(devTrain, 'mode')]).toEqual(['10', 'my-project', 'local']);
    expect([parameter(prodTrain, 'train-steps'), parameter(prodTrain, 'project'), parameter(prodTrain, 'mode')]).toEqual(['50000', 'acme-prod', 'cloud']);
    expect(parameter(readObject(dist, 'prod', 'workflowtemplate-serve.yaml'), 'model')).toBe('taxi-v2');
    expect(parameter(readObject(dist, 'dev', 'workflowtemplate-serve.yaml'), 'model')).toBe('taxi');
  });

  test('servingReplicas reaches every model server without the pipeline asking: standalone and serving steps', () => {
    const stepReplicas = (env: string) => parse(readObject(dist, env, 'workflowtemplate-serve.yaml').spec.templates
      .find((t: Obj) => t.name === 'publish').resource.manifest).spec.replicas;
    expect([readObject(dist, 'prod', 'deployment-taxi-serving.yaml').spec.replicas, stepReplicas('prod')]).toEqual([3, 3]);
    expect([readObject(dist, 'dev', 'deployment-taxi-serving.yaml').spec.replicas, stepReplicas('dev')]).toEqual([1, 1]);
  });
});

describe('schedules and runs', () => {
  test('a scheduled pipeline gets a CronWorkflow with the environment\'s cron and time zone', () => {
    expect(readObject(dist, 'prod', 'cronworkflow-train.yaml').spec).toMatchObject({
      schedules: ['0 3 * * *'], timezone: 'America/Chicago', workflowSpec: { workflowTemplateRef: { name: 'train' } },
    });
    expect(fs.existsSync(path.join(dist, 'dev', 'cronworkflow-train.yaml'))).toBe(false);
  });

  test('a run-on-sync pipeline gets a named PostSync hook that starts a uniquely named run, owns it and waits for it', () => {
    const hook = readObject(dist, 'dev', 'workflow-train-on-sync.yaml');
    expect(hook.metadata).toEqual({
      name: 'train-on-sync',
      namespace: 'ml-dev',
      labels: { 'kfops.dev/pipeline': 'train' },
      annotations: { 'argocd.argoproj.io/hook': 'PostSync', 'argocd.argoproj.io/hook-delete-policy': 'BeforeHookCreation' },
    });
    expect(wave(hook)).toBeUndefined();
    const run = hook.spec.templates.find((t: Obj) => t.name === hook.spec.entrypoint);
    // Its own account, the only one that may create Workflows; the run runs as the template's (kfops-runner).
    expect(hook.spec.serviceAccountName).toBe('kfops-on-sync');
    expect(run.resource).toMatchObject({
      action: 'create',
      setOwnerReference: true,
      successCondition: 'status.phase == Succeeded',
      failureCondition: 'status.phase in (Failed,Error)',
    });
    // The API server names each run `train-<random>`, so {{workflow.name}} (and the run's folders) differ per sync.
    expect(parse(run.resource.manifest)).toEqual({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Workflow',
      metadata: { generateName: 'train-', labels: { 'kfops.dev/pipeline': 'train' } },
      spec: { workflowTemplateRef: { name: 'train' } },
    });
    expect(fs.readdirSync(path.join(dist, 'prod')).filter((f) => f.startsWith('workflow-'))).toEqual([]);
  });
});

describe('sync waves', () => {
  test.each([
    ['prod', 'serviceaccount-ml-runner.yaml', '-1'],
    ['prod', 'role-ml-runner.yaml', '-1'],
    ['prod', 'rolebinding-ml-runner.yaml', '-1'],
    ['prod', 'workflowtemplate-train.yaml', '0'],
    ['prod', 'cronworkflow-train.yaml', '0'],
    ['prod', 'deployment-taxi-serving.yaml', '1'],
    ['argocd', 'appproject-kfops.yaml', '-1'],
  ])('%s/%s is in wave %s', (folder, file, expected) => {
    expect(wave(readObject(dist, folder, file))).toBe(expected);
  });
});

describe('RBAC', () => {
  test('every pipeline runs as the environment\'s service account', () => {
    expect(readObject(dist, 'dev', 'workflowtemplate-train.yaml').spec.serviceAccountName).toBe('kfops-runner');
    expect(readObject(dist, 'prod', 'workflowtemplate-serve.yaml').spec.serviceAccountName).toBe('ml-runner');
  });

  test('the Role grants what the steps need and nothing else', () => {
    const role = readObject(dist, 'prod', 'role-ml-runner.yaml');
    expect(role.rules).toEqual(PIPELINE_RUNNER_RULES);
    expect(role.rules).toEqual([
      { apiGroups: ['argoproj.io'], resources: ['workflowtaskresults'], verbs: ['create', 'patch'] },
      // setOwnerReference under OwnerReferencesPermissionEnforcement: blockOwnerDeletion needs update on the owner's finalizers.
      { apiGroups: ['argoproj.io'], resources: ['workflows/finalizers'], verbs: ['update'] },
      { apiGroups: ['kubeflow.org'], resources: ['tfjobs'], verbs: ['create', 'get'] },
      { apiGroups: ['apps'], resources: ['deployments'], verbs: ['get', 'create', 'patch'] },
    ]);
    expect(JSON.stringify(role.rules.filter((r: Obj) => r.resources[0] !== 'workflows/finalizers')))
      .not.toMatch(/"\*"|delete|update|watch|secrets|pods|services|"workflows"/);
  });

  test('no step pod may create Workflows: the run-on-sync hook has an account of its own, with only what it needs', () => {
    expect(readObject(dist, 'dev', 'role-kfops-runner.yaml').rules).toEqual(PIPELINE_RUNNER_RULES);
    expect(readObject(dist, 'dev', 'role-kfops-on-sync.yaml').rules).toEqual(RUN_ON_SYNC_RULES);
    expect(RUN_ON_SYNC_RULES).toEqual([
      // Argo's executor reports the hook step's output (the run's name).
      { apiGroups: ['argoproj.io'], resources: ['workflowtaskresults'], verbs: ['create', 'patch'] },
      { apiGroups: ['argoproj.io'], resources: ['workflows'], verbs: ['create', 'get'] },
      { apiGroups: ['argoproj.io'], resources: ['workflows/finalizers'], verbs: ['update'] },
    ]);
    expect(readObject(dist, 'dev', 'rolebinding-kfops-on-sync.yaml')).toMatchObject({
      metadata: { labels: { 'app.kubernetes.io/component': 'run-on-sync' } },
      roleRef: { kind: 'Role', name: 'kfops-on-sync' },
      subjects: [{ kind: 'ServiceAccount', name: 'kfops-on-sync', namespace: 'ml-dev' }],
    });
    expect(wave(readObject(dist, 'dev', 'serviceaccount-kfops-on-sync.yaml'))).toBe('-1');
    // No pipeline runs on sync in prod: no such account there.
    expect(fs.readdirSync(path.join(dist, 'prod')).filter((f) => f.includes('on-sync'))).toEqual([]);
  });

  test('the RoleBinding binds the Role to the ServiceAccount in the environment namespace', () => {
    expect(readObject(dist, 'prod', 'rolebinding-ml-runner.yaml')).toMatchObject({
      metadata: { name: 'ml-runner', namespace: 'ml-prod' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'ml-runner' },
      subjects: [{ kind: 'ServiceAccount', name: 'ml-runner', namespace: 'ml-prod' }],
    });
  });
});

describe('Argo CD objects', () => {
  test('one Application per environment, from the deploy repo folder, with the environment\'s sync policy', () => {
    expect(readObject(dist, 'argocd', 'application-kfops-dev.yaml')).toEqual({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      metadata: {
        name: 'kfops-dev',
        namespace: 'argocd',
        labels: { 'app.kubernetes.io/part-of': 'kfops', 'kfops.dev/environment': 'dev' },
      },
      spec: {
        project: 'kfops',
        source: { repoURL: 'https://git.example.com/ml/deploy.git', targetRevision: 'release', path: 'envs/dev' },
        destination: { server: 'https://kubernetes.default.svc', namespace: 'ml-dev' },
        syncPolicy: { automated: { prune: true, selfHeal: true }, syncOptions: ['CreateNamespace=true'] },
      },
    });
    expect(readObject(dist, 'argocd', 'application-kfops-prod.yaml').spec).toMatchObject({
      project: 'ml-prod',
      source: { path: 'envs/prod' },
      destination: { name: 'prod-cluster', namespace: 'ml-prod' },
      syncPolicy: { automated: { prune: false, selfHeal: true } },
    });
    expect(readObject(dist, 'argocd', 'application-kfops-prod.yaml').spec.syncPolicy.syncOptions).toBeUndefined();
  });

  test('each AppProject allows its environments\' destinations and the kinds they deploy', () => {
    const kfops = readObject(dist, 'argocd', 'appproject-kfops.yaml').spec;
    expect(kfops.sourceRepos).toEqual(['https://git.example.com/ml/deploy.git']);
    expect(kfops.destinations).toEqual([{ server: 'https://kubernetes.default.svc', namespace: 'ml-dev' }]);
    expect(kfops.clusterResourceWhitelist).toEqual([{ group: '', kind: 'Namespace' }]);
    expect(kfops.namespaceResourceWhitelist).toEqual([
      { group: '', kind: 'Service' },
      { group: '', kind: 'ServiceAccount' },
      { group: 'apps', kind: 'Deployment' },
      { group: 'argoproj.io', kind: 'Workflow' },
      { group: 'argoproj.io', kind: 'WorkflowTemplate' },
      { group: 'rbac.authorization.k8s.io', kind: 'Role' },
      { group: 'rbac.authorization.k8s.io', kind: 'RoleBinding' },
    ]);
    const prod = readObject(dist, 'argocd', 'appproject-ml-prod.yaml').spec;
    expect(prod.destinations).toEqual([{ name: 'prod-cluster', namespace: 'ml-prod' }]);
    // prod does not let Argo CD create its namespace, so no cluster-scoped kind is allowed.
    expect(prod.clusterResourceWhitelist).toBeUndefined();
    expect(prod.namespaceResourceWhitelist.map((k: Obj) => k.kind)).toEqual(
      ['Service', 'ServiceAccount', 'Deployment', 'CronWorkflow', 'WorkflowTemplate', 'Role', 'RoleBinding']);
  });

  test('the app of apps syncs the argocd folder and is not inside it', () => {
    expect(readObject(dist, 'bootstrap', 'application-kfops.yaml').spec).toEqual({
      project: 'default',
      source: { repoURL: 'https://git.example.com/ml/deploy.git', targetRevision: 'release', path: 'envs/argocd' },
      destination: { server: 'https://kubernetes.default.svc', namespace: 'argocd' },
      syncPolicy: { automated: { prune: true, selfHeal: true } },
    });
    expect(fs.readdirSync(path.join(dist, 'argocd'))).not.toContain('application-kfops.yaml');
  });
});
