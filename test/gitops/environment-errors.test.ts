import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'cdk8s';
import { deployEnvironments, Environment, EnvironmentProps, PipelineCatalog } from '../../lib/gitops';
import { catalog, config, ForgetfulPipeline } from '../fixtures/gitops/pipelines';
import { FIXTURES } from './gitops-synth';

const base: EnvironmentProps = {
  destination: { server: 'https://kubernetes.default.svc' },
  namespace: 'ml-dev',
  pipelines: { train: {} },
  catalog,
};
const build = (props: Partial<EnvironmentProps>, id = 'dev') => () => new Environment(new App(), id, { ...base, ...props });
const fixture = (file: string) => path.relative(process.cwd(), path.join(FIXTURES, file));

/** Writes `text` as `<env>.yaml` in a fresh temp folder and returns the file. */
function paramsFile(text: string, env = 'dev'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kfops-params-'));
  fs.writeFileSync(path.join(dir, `${env}.yaml`), text);
  return path.join(dir, `${env}.yaml`);
}

describe('params file errors', () => {
  test('unknown pipeline and parameter names and bad values: file:line:col, closest name, all at once', () => {
    const props = { pipelines: { train: {}, serve: {} }, paramsFile: path.join(FIXTURES, 'bad-params', 'dev.yaml') };
    let message = '';
    try {
      build(props)();
    } catch (err) {
      message = (err as Error).message;
    }
    const file = fixture('bad-params/dev.yaml');
    expect(message).toContain(`params file ${file} has 3 problems:`);
    expect(message).toContain(`${file}:2:3: pipeline "train" has no parameter "train-stpes" (did you mean "train-steps"?)`);
    expect(message).toContain(`${file}:3:9: parameter "mode" of pipeline "train": expected one of "local", "cloud", got string "clod" (did you mean "cloud"?)`);
    expect(message).toContain(`${file}:4:1: there is no pipeline "serv" (did you mean "serve"?)`);
  });

  test('a value of the wrong type', () => {
    expect(build({ paramsFile: path.join(FIXTURES, 'bad-params', 'prod.yaml') }, 'prod'))
      .toThrow(`${fixture('bad-params/prod.yaml')}:2:16: parameter "train-steps" of pipeline "train": expected integer, got string "many"`);
  });

  test('a value outside the parameter\'s range', () => {
    const file = paramsFile('train:\n  train-steps: 0\n');
    expect(build({ paramsFile: file })).toThrow(/dev\.yaml:2:16: parameter "train-steps" of pipeline "train": expected >= 1 \(minimum\), got number 0/);
  });

  test('values for a pipeline that exists but does not run in the environment', () => {
    const file = paramsFile('train: {}\nserve:\n  model: m\n');
    expect(build({ paramsFile: file })).toThrow(/dev\.yaml:2:1: pipeline "serve" does not run in environment 'dev' \(add it to the environment's pipelines, or remove its values\)/);
  });

  test('YAML syntax errors carry their position', () => {
    const file = paramsFile('train:\n  train-steps: 10\n  train-steps: 20\n');
    expect(build({ paramsFile: file })).toThrow(/dev\.yaml:3:3: duplicate key/);
  });

  test('a missing params file says how to create it', () => {
    expect(build({ paramsFile: path.join(FIXTURES, 'no-such', 'dev.yaml') })).toThrow(/no-such\/dev\.yaml: not found \(create it/);
  });

  test('an empty params file keeps the defaults', () => {
    const env = build({ paramsFile: paramsFile('# nothing yet\n') })();
    expect(env.pipelines.get('train')!.parameters.find((p) => p.name === 'train-steps')!.default).toBe(100);
  });
});

describe('environment config errors', () => {
  test.each<[string, Partial<EnvironmentProps>, string | RegExp]>([
    ['unknown pipeline', { pipelines: { trainn: {} } }, "[dev] pipelines.trainn: no such pipeline; did you mean 'train'? (pipelines: train, serve)"],
    ['both destinations', { destination: { server: 'https://k', name: 'c' } }, '[dev] destination needs exactly one of server (API server URL) and name'],
    ['no destination', { destination: {} }, '[dev] destination needs exactly one of server'],
    ['server not a URL', { destination: { server: 'prod-cluster' } }, "[dev] destination.server 'prod-cluster' must be the cluster's API server URL"],
    ['bad namespace', { namespace: 'ML_Dev' }, "[dev] namespace 'ML_Dev' must be a DNS label"],
    ['the default project', { project: 'default' }, "[dev] project 'default' is Argo CD's built-in project; name a project of your own"],
    ['negative replicas', { servingReplicas: -1 }, '[dev] servingReplicas must be a whole number >= 0, got -1'],
    ['prune without automated', { syncPolicy: { automated: false, prune: true } }, '[dev] syncPolicy.prune and syncPolicy.selfHeal apply to automated sync only'],
    ['four-field cron', { pipelines: { train: { schedule: { cron: ['0 3 * *'] } } } }, '[dev] pipelines.train.schedule.cron[0]: schedule "0 3 * *" has 4 fields; Argo takes 5'],
    ['Jenkins-style cron', { pipelines: { train: { schedule: { cron: ['H 3 * * *'] } } } }, '[dev] pipelines.train.schedule.cron[0]: schedule "H 3 * * *" uses "H"'],
    ['@every is an Argo schedule', { pipelines: { train: { schedule: { cron: ['@every 1h'], timezone: 'Nowhere/City' } } } }, "[dev] pipelines.train.schedule.timezone 'Nowhere/City' is not an IANA time zone"],
    ['out-of-range cron', { pipelines: { train: { schedule: { cron: ['61 3 * * *'] } } } }, '[dev] pipelines.train.schedule.cron[0]: schedule "61 3 * * *" is not a valid cron expression'],
    ['unknown time zone', { pipelines: { train: { schedule: { cron: ['0 3 * * *'], timezone: 'Chicago' } } } }, "[dev] pipelines.train.schedule.timezone 'Chicago' is not an IANA time zone"],
    ['bad service account', { serviceAccountName: 'Runner!' }, "[dev/rbac] serviceAccountName 'Runner!' is not a valid Kubernetes name"],
    ['runner named as the on-sync hook\'s account', { serviceAccountName: 'kfops-on-sync', pipelines: { train: { runOnSync: true } } },
      "[dev] serviceAccountName 'kfops-on-sync' is the run-on-sync hooks' own account, which may create Workflows; give the pipelines' account another name"],
  ])('%s', (_, props, message) => {
    expect(build(props)).toThrow(message);
  });

  test('a pipeline class that drops the environment\'s settings is caught', () => {
    const forgetful: PipelineCatalog = { ...catalog, forgetful: (scope, props) => new ForgetfulPipeline(scope, 'forgetful', props) };
    expect(build({ catalog: forgetful, pipelines: { forgetful: { runOnSync: true, schedule: { cron: ['0 3 * * *'] } } } }))
      .toThrow("[dev/forgetful] ForgetfulPipeline does not use the environment's serviceAccountName, schedule, run; "
        + 'pass the props its factory receives on to Pipeline unchanged');
  });

  test('a catalog key that is not the pipeline\'s name', () => {
    const renamed = { training: catalog.train };
    expect(build({ catalog: renamed, pipelines: { training: {} } })).toThrow("the catalog registers this pipeline as 'training' but it is named 'train'");
  });

  test.each(['argocd', 'bootstrap'])('%s is not an environment name', (name) => {
    const environments = { [name]: config.environments.dev };
    expect(() => deployEnvironments(new App(), { ...config, environments, catalog, paramsDir: path.join(FIXTURES, 'params') }))
      .toThrow(`[gitops] '${name}' cannot name an environment: dist/${name}/ holds the Argo CD objects; rename it`);
  });
});

test('two environments in one namespace of one cluster are refused', () => {
  const environments = { dev: config.environments.dev, prod: { ...config.environments.dev, destination: { server: 'https://kubernetes.default.svc' } } };
  expect(() => deployEnvironments(new App(), { ...config, environments, catalog, paramsDir: path.join(FIXTURES, 'params') }))
    .toThrow("[gitops] environments 'dev' and 'prod' both deploy to namespace 'ml-dev' of https://kubernetes.default.svc; give each environment its own namespace");
});

describe('params folder', () => {
  test.each([
    ['prd.yaml', 'prd.yaml: no environment reads this params file (environments: dev, prod); did you mean prod.yaml?'],
    ['qa.yaml', 'qa.yaml: no environment reads this params file (environments: dev, prod); rename it to <environment>.yaml or delete it'],
    ['dev.yml', 'dev.yml: no environment reads this params file (environments: dev, prod); did you mean dev.yaml?'],
  ])('a stray %s is an error', (file, message) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kfops-params-'));
    for (const f of ['dev.yaml', 'prod.yaml']) fs.copyFileSync(path.join(FIXTURES, 'params', f), path.join(dir, f));
    fs.writeFileSync(path.join(dir, file), '{}\n');
    expect(() => deployEnvironments(new App(), { ...config, catalog, paramsDir: dir })).toThrow(message);
  });

  test.each([
    'https://bot:s3cret@git.example.com/ml/deploy.git',
    'https://ghp_token@github.com/ml/deploy.git',
    'ssh://git:pw@git.example.com/ml/deploy.git',
  ])('credentials in %s are refused', (repoURL) => {
    expect(() => deployEnvironments(new App(), { ...config, deployRepo: { repoURL }, catalog, paramsDir: path.join(FIXTURES, 'params') }))
      .toThrow('[gitops] deployRepo.repoURL must not contain credentials');
  });

  test('an ssh URL naming its user is fine', () => {
    const deployRepo = { repoURL: 'ssh://git@git.example.com/ml/deploy.git' };
    expect(() => deployEnvironments(new App(), { ...config, deployRepo, catalog, paramsDir: path.join(FIXTURES, 'params') })).not.toThrow();
  });
});
