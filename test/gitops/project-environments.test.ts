import { execFileSync } from 'child_process';
import { hasKubectl } from '../helpers/kubectl';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse } from 'yaml';
import { KfopsApp } from '../../lib';
import { deployEnvironments } from '../../lib/gitops';
import { catalog, gitops } from '../../pipelines/environments';
import { addStandaloneObjects } from '../../pipelines/standalone';

// The project's own environments and params files, synthesized with the seed pipelines, as pipelines/main.ts does.
const dist = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kfops-project-')), 'dist');
const app = new KfopsApp({ outdir: dist });
deployEnvironments(app, { ...gitops, catalog, paramsDir: path.join(__dirname, '..', '..', 'pipelines', 'params') })
  .environments.forEach(addStandaloneObjects);
app.synth();
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const read = (folder: string, file: string): any => parse(fs.readFileSync(path.join(dist, folder, file), 'utf8'));
const value = (folder: string, pipeline: string, name: string) =>
  read(folder, `workflowtemplate-${pipeline}.yaml`).spec.arguments.parameters.find((p: { name: string }) => p.name === name).value;

test('every environment of environments.ts has its folder and its Application', () => {
  for (const env of Object.keys(gitops.environments)) {
    expect(fs.existsSync(path.join(dist, env, 'kustomization.yaml'))).toBe(true);
    expect(read('argocd', `application-kfops-${env}.yaml`).spec.source.path).toBe(env);
  }
});

test('params files set each environment\'s values', () => {
  expect(['dev', 'staging', 'prod'].map((env) => value(env, 'workflow1', 'train-steps'))).toEqual(['1000', '10000', '50000']);
  expect(value('prod', 'workflow2', 'project')).toBe('example-ml-prod');
  expect(value('prod', 'workflow1', 'tfma-mode')).toBe('cloud');
});

test('every WorkflowTemplate runs as the environment\'s runner', () => {
  for (const env of Object.keys(gitops.environments)) {
    for (const file of fs.readdirSync(path.join(dist, env)).filter((f) => f.startsWith('workflowtemplate-'))) {
      expect(read(env, file).spec.serviceAccountName).toBe('kfops-runner');
    }
  }
});

const kubectl = hasKubectl;
(kubectl ? test : test.skip)('kubectl kustomize succeeds for every folder', () => {
  for (const folder of fs.readdirSync(dist).filter((f) => fs.statSync(path.join(dist, f)).isDirectory())) {
    expect(() => execFileSync('kubectl', ['kustomize', path.join(dist, folder)], { stdio: 'pipe' })).not.toThrow();
  }
});

test('every model server takes its environment\'s servingReplicas: the serving steps\' Deployments and the standalone one', () => {
  const stepReplicas = (env: string) => read(env, 'workflowtemplate-workflow1.yaml').spec.templates
    .filter((t: { name: string }) => t.name.startsWith('tfserving'))
    .map((t: { resource: { manifest: string } }) => parse(t.resource.manifest).spec.replicas);
  expect(['dev', 'staging', 'prod'].map(stepReplicas)).toEqual([[1, 1], [1, 1], [3, 3]]);
  expect(read('prod', 'deployment-taxi-serving.yaml').spec.replicas).toBe(3);
});

test('no pod template or selector in any environment carries cdk8s\'s construct address label', () => {
  for (const env of Object.keys(gitops.environments)) {
    for (const file of fs.readdirSync(path.join(dist, env))) {
      expect(`${file}: ${fs.readFileSync(path.join(dist, env, file), 'utf8')}`).not.toContain('cdk8s.io/metadata.addr');
    }
  }
});
