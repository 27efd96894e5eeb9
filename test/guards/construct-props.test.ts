import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Chart, Duration, Size, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import * as kfops from '../../lib';
import {
  AppOfApps, ArgoCdProject, CmleDeploy, Condition, ContainerSetTemplate, ContainerStep, ContainerTemplate, DagTask, DagTemplate,
  DataTemplate, deployEnvironments, Environment, EnvironmentApplication, EnvVarSource, HttpTemplate, InputArtifact,
  InputParameter, KfpComponent, KfpComponentStep, Loop, OutputArtifact, OutputParameter, Pipeline, PipelineRunnerRbac,
  PluginTemplate, ResourceStep, ResourceTemplate, ScriptStep, ScriptTemplate, SecretKey, StepsTemplate, SuspendStep, SuspendTemplate,
  TemplateRef, TemplateStep, TfJob, TfJobStep, TfmaAnalysis, TfServing, TfServingEndpoint, TfServingStep, TftPreprocess, UserError,
  WorkflowStep,
} from '../../lib';
import { APP_OF_APPS_PROPS } from '../../lib/gitops/app-of-apps';
import { ARGO_CD_PROJECT_PROPS } from '../../lib/gitops/argo-cd-project';
import { DEPLOY_ENVIRONMENTS_PROPS } from '../../lib/gitops/deploy-environments';
import { ENVIRONMENT_PROPS } from '../../lib/gitops/environment';
import { ENVIRONMENT_APPLICATION_PROPS } from '../../lib/gitops/environment-application';
import { PIPELINE_RUNNER_RBAC_PROPS } from '../../lib/gitops/pipeline-runner-rbac';
import { PIPELINE_PROPS } from '../../lib/argo/pipeline';
import { CMLE_DEPLOY_PROPS } from '../../lib/components/cmle-deploy';
import { KFP_COMPONENT_STEP_PROPS } from '../../lib/components/kfp-component-step';
import { TFMA_ANALYSIS_PROPS } from '../../lib/components/tfma-analysis';
import { TFT_PREPROCESS_PROPS } from '../../lib/components/tft-preprocess';
import { ARTIFACT_FIELDS_PROPS } from '../../lib/dsl/artifact';
import { CONTAINER_SET_TEMPLATE_PROPS } from '../../lib/dsl/container-set-template';
import { CONTAINER_STEP_PROPS } from '../../lib/dsl/container-step';
import { CONTAINER_TEMPLATE_PROPS } from '../../lib/dsl/container-template';
import { DAG_TASK_PROPS } from '../../lib/dsl/dag-task';
import { DAG_TEMPLATE_PROPS } from '../../lib/dsl/dag-template';
import { DATA_TEMPLATE_PROPS } from '../../lib/dsl/data-template';
import { HTTP_TEMPLATE_PROPS } from '../../lib/dsl/http-template';
import { INPUT_PARAMETER_PROPS } from '../../lib/dsl/inputs';
import { OUTPUT_PARAMETER_PROPS } from '../../lib/dsl/outputs';
import { PARAMETER_PROPS } from '../../lib/dsl/parameter';
import { PLUGIN_TEMPLATE_PROPS } from '../../lib/dsl/plugin-template';
import { RESOURCE_STEP_PROPS } from '../../lib/dsl/resource-step';
import { RESOURCE_TEMPLATE_PROPS } from '../../lib/dsl/resource-template';
import { SCRIPT_STEP_PROPS } from '../../lib/dsl/script-step';
import { SCRIPT_TEMPLATE_PROPS } from '../../lib/dsl/script-template';
import { STEPS_TEMPLATE_PROPS } from '../../lib/dsl/steps-template';
import { SUSPEND_STEP_PROPS } from '../../lib/dsl/suspend-step';
import { SUSPEND_TEMPLATE_PROPS } from '../../lib/dsl/suspend-template';
import { TEMPLATE_STEP_PROPS } from '../../lib/dsl/template-step';
import { WORKFLOW_STEP_PROPS } from '../../lib/dsl/workflow-step';
import { KFP_COMPONENT_STEP_OPTIONS } from '../../lib/components/kfp-component';
import { Guard, PropsGuard } from '../../lib/guards';
import { TF_SERVING_PROPS } from '../../lib/serving/tf-serving';
import { TF_SERVING_ENDPOINT_PROPS } from '../../lib/serving/tf-serving-endpoint';
import { TF_SERVING_STEP_PROPS } from '../../lib/serving/tf-serving-step';
import { TF_JOB_PROPS } from '../../lib/training/tf-job';
import { TF_JOB_STEP_PROPS } from '../../lib/training/tf-job-step';

// Every public construct checks its props where it is made: wrong-shaped props from JavaScript (or a cast) are a
// UserError naming the construct path, the prop, what it takes and what it got, never a TypeError or output
// rendered from garbage. Wrong values are generated from what each prop's guard declares it takes (its kind), with
// this file's own idea of which sample values each kind rejects, so a guard that takes too much fails here.

/** What a construct is made in: a pipeline with a step, templates, a DAG, a steps template, an environment. */
function context() {
  const app = Testing.app();
  const chart = new Chart(app, 'dev', { namespace: 'kubeflow' });
  const pipeline = new Pipeline(chart, 'taxi');
  const mode = pipeline.addParameter('mode', { default: 'full' });
  const step = new ContainerStep(pipeline, 'prep', { image: 'busybox:1.36' });
  const template = new ContainerTemplate(pipeline, 'echo', { image: 'busybox:1.36' });
  const dag = new DagTemplate(pipeline, 'main');
  const task = new DagTask(dag, 'first', { template });
  const steps = new StepsTemplate(pipeline, 'seq');
  const environment = new Environment(app, 'env', { destination: { name: 'c' }, namespace: 'ns', pipelines: {}, catalog: {} });
  // One instance of each class a prop may take, for valid nested values.
  const instances = new Map<Function, unknown>([
    [Condition, mode.eq('full')], [Loop, Loop.overItems(['us'])], [ContainerStep, step], [ContainerTemplate, template],
    [DagTask, task], [TemplateRef, TemplateRef.named('shared', 'train')], [InputParameter, new InputParameter('in')],
    [InputArtifact, new InputArtifact('data', { path: '/in' })], [OutputParameter, new OutputParameter('out')],
    [OutputArtifact, new OutputArtifact('model', { path: '/out' })], [Duration, Duration.minutes(1)], [Size, Size.gibibytes(1)],
    [SecretKey, SecretKey.of('s', 'k')], [EnvVarSource, EnvVarSource.field('metadata.name')], [Environment, environment], [Map, new Map()],
    [App, app],
  ]);
  return { app, chart, pipeline, mode, step, template, dag, task, steps, environment, instances };
}
type Context = ReturnType<typeof context>;

const REPO = { repoURL: 'https://git.example.com/deploy.git' };
const component = KfpComponent.fromYaml('name: echo\nimplementation:\n  container:\n    image: busybox:1.36\n    args: [hi]\n');
const paramsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kfops-guards-'));
fs.writeFileSync(path.join(paramsDir, 'e1.yaml'), '{}\n');

/** One public construct (or function taking props): its guard, valid props, how to make it and the path it has. */
interface Entry {
  readonly name: string;
  readonly guard: PropsGuard<never>;
  readonly valid: (c: Context) => Record<string, unknown>;
  readonly make: (c: Context, id: string, props: never) => unknown;
  /** The construct path (or name) its errors start with. */
  readonly at: (id: string) => string;
}

type Make = Entry['make'];
const inPipeline = (name: string, guard: PropsGuard<never>, valid: Entry['valid'], make: Make): Entry =>
  ({ name, guard, valid, make, at: (id) => `dev/taxi/${id}` });
const inChart = (name: string, guard: PropsGuard<never>, valid: Entry['valid'], make: Make): Entry =>
  ({ name, guard, valid, make, at: (id) => `dev/${id}` });
const tft = { inputHandle: 'gs://b/in.csv', outfilePrefix: 'eval', workingDir: 'gs://b/w', project: 'p', mode: 'local', setupFile: '/setup.py',
  maxRows: 100, stage: 'eval', preprocessingModule: 'gs://b/p.py' };
const g = <P>(guard: PropsGuard<P>) => guard as unknown as PropsGuard<never>;

const ENTRIES: Entry[] = [
  inPipeline('ContainerStep', g(CONTAINER_STEP_PROPS), () => ({ image: 'busybox:1.36' }), (c, id, p) => new ContainerStep(c.pipeline, id, p)),
  inPipeline('ScriptStep', g(SCRIPT_STEP_PROPS), () => ({ image: 'python:3.12', source: 'print(1)' }), (c, id, p) => new ScriptStep(c.pipeline, id, p)),
  inPipeline('ResourceStep', g(RESOURCE_STEP_PROPS), () => ({ action: 'create', manifest: { kind: 'ConfigMap' } }), (c, id, p) => new ResourceStep(c.pipeline, id, p)),
  inPipeline('SuspendStep', g(SUSPEND_STEP_PROPS), () => ({}), (c, id, p) => new SuspendStep(c.pipeline, id, p)),
  inPipeline('TemplateStep', g(TEMPLATE_STEP_PROPS), (c) => ({ template: c.template }), (c, id, p) => new TemplateStep(c.pipeline, id, p)),
  inPipeline('TfJobStep', g(TF_JOB_STEP_PROPS), () => ({ image: 'gcr.io/p/trainer:1' }), (c, id, p) => new TfJobStep(c.pipeline, id, p)),
  inPipeline('TfServingStep', g(TF_SERVING_STEP_PROPS), () => ({ modelName: 'm', modelBasePath: 'gs://b/m' }), (c, id, p) => new TfServingStep(c.pipeline, id, p)),
  inPipeline('TftPreprocess', g(TFT_PREPROCESS_PROPS), () => ({ ...tft }), (c, id, p) => new TftPreprocess(c.pipeline, id, p)),
  inPipeline('TfmaAnalysis', g(TFMA_ANALYSIS_PROPS),
    () => ({ inputCsv: 'a', tfmaRunDir: 'b', evalModelDir: 'c', mode: 'local', setupFile: 'd', project: 'p' }), (c, id, p) => new TfmaAnalysis(c.pipeline, id, p)),
  inPipeline('CmleDeploy', g(CMLE_DEPLOY_PROPS), () => ({ gcsPath: 'gs://b/m', versionName: 'v1', project: 'p' }), (c, id, p) => new CmleDeploy(c.pipeline, id, p)),
  inPipeline('KfpComponentStep', g(KFP_COMPONENT_STEP_PROPS), () => ({ image: 'busybox:1.36' }), (c, id, p) => new KfpComponentStep(c.pipeline, id, p)),
  inPipeline('KfpComponent.step', g(KFP_COMPONENT_STEP_OPTIONS), () => ({}), (c, id, p) => component.step(c.pipeline, id, p)),
  inPipeline('ContainerTemplate', g(CONTAINER_TEMPLATE_PROPS), () => ({ image: 'busybox:1.36' }), (c, id, p) => new ContainerTemplate(c.pipeline, id, p)),
  inPipeline('ScriptTemplate', g(SCRIPT_TEMPLATE_PROPS), () => ({ image: 'python:3.12', source: 'print(1)' }), (c, id, p) => new ScriptTemplate(c.pipeline, id, p)),
  inPipeline('ResourceTemplate', g(RESOURCE_TEMPLATE_PROPS), () => ({ action: 'get', flags: ['-l', 'a=b'] }), (c, id, p) => new ResourceTemplate(c.pipeline, id, p)),
  inPipeline('SuspendTemplate', g(SUSPEND_TEMPLATE_PROPS), () => ({}), (c, id, p) => new SuspendTemplate(c.pipeline, id, p)),
  inPipeline('HttpTemplate', g(HTTP_TEMPLATE_PROPS), () => ({ url: 'https://example.com' }), (c, id, p) => new HttpTemplate(c.pipeline, id, p)),
  inPipeline('ContainerSetTemplate', g(CONTAINER_SET_TEMPLATE_PROPS), () => ({ containers: [{ name: 'a', image: 'busybox:1.36' }] }),
    (c, id, p) => new ContainerSetTemplate(c.pipeline, id, p)),
  inPipeline('DataTemplate', g(DATA_TEMPLATE_PROPS), () => ({ source: { artifactPaths: {} }, transformation: [] }), (c, id, p) => new DataTemplate(c.pipeline, id, p)),
  inPipeline('PluginTemplate', g(PLUGIN_TEMPLATE_PROPS), () => ({ plugin: { hello: {} } }), (c, id, p) => new PluginTemplate(c.pipeline, id, p)),
  inPipeline('DagTemplate', g(DAG_TEMPLATE_PROPS), () => ({}), (c, id, p) => new DagTemplate(c.pipeline, id, p)),
  inPipeline('StepsTemplate', g(STEPS_TEMPLATE_PROPS), () => ({}), (c, id, p) => new StepsTemplate(c.pipeline, id, p)),
  { name: 'DagTask', guard: g(DAG_TASK_PROPS), valid: (c) => ({ template: c.template }), make: (c, id, p) => new DagTask(c.dag, id, p),
    at: (id) => `dev/taxi/main/${id}` },
  { name: 'WorkflowStep', guard: g(WORKFLOW_STEP_PROPS), valid: (c) => ({ template: c.template }), make: (c, id, p) => new WorkflowStep(c.steps, id, p),
    at: (id) => `dev/taxi/seq/${id}` },
  { name: 'Parameter', guard: g(PARAMETER_PROPS), valid: () => ({}), make: (c, id, p) => c.pipeline.addParameter(id, p), at: (id) => `dev/taxi/params/${id}` },
  inChart('Pipeline', g(PIPELINE_PROPS), () => ({}), (c, id, p) => new Pipeline(c.chart, id, p)),
  inChart('TfJob', g(TF_JOB_PROPS), () => ({ image: 'gcr.io/p/trainer:1' }), (c, id, p) => new TfJob(c.chart, id, p)),
  inChart('TfServing', g(TF_SERVING_PROPS), () => ({ modelName: 'm', modelBasePath: 'gs://b/m' }), (c, id, p) => new TfServing(c.chart, id, p)),
  inChart('TfServingEndpoint', g(TF_SERVING_ENDPOINT_PROPS), () => ({ name: 'srv' }), (c, id, p) => new TfServingEndpoint(c.chart, id, p)),
  inChart('AppOfApps', g(APP_OF_APPS_PROPS), () => ({ name: 'root', deployRepo: REPO, folder: 'argocd' }), (c, id, p) => new AppOfApps(c.chart, id, p)),
  inChart('ArgoCdProject', g(ARGO_CD_PROJECT_PROPS), (c) => ({ name: 'kfops', sourceRepos: [REPO.repoURL], environments: [c.environment] }),
    (c, id, p) => new ArgoCdProject(c.chart, id, p)),
  inChart('EnvironmentApplication', g(ENVIRONMENT_APPLICATION_PROPS), (c) => ({ environment: c.environment, deployRepo: REPO, name: 'app' }),
    (c, id, p) => new EnvironmentApplication(c.chart, id, p)),
  inChart('PipelineRunnerRbac', g(PIPELINE_RUNNER_RBAC_PROPS), () => ({ serviceAccountName: 'runner' }), (c, id, p) => new PipelineRunnerRbac(c.chart, id, p)),
  { name: 'Environment', guard: g(ENVIRONMENT_PROPS), valid: () => ({ destination: { name: 'c' }, namespace: 'other', pipelines: {}, catalog: {} }),
    make: (c, id, p) => new Environment(c.app, id, p), at: (id) => id },
  { name: 'deployEnvironments', guard: g(DEPLOY_ENVIRONMENTS_PROPS),
    valid: () => ({ deployRepo: REPO, environments: { e1: { destination: { name: 'c' }, namespace: 'ns', pipelines: {} } }, catalog: {}, paramsDir }),
    make: (_c, _id, p) => deployEnvironments(new App(), p), at: () => 'gitops' },
  { name: 'InputParameter', guard: g(INPUT_PARAMETER_PROPS), valid: () => ({}), make: (_c, id, p) => new InputParameter(id, p), at: (id) => `InputParameter '${id}'` },
  { name: 'OutputParameter', guard: g(OUTPUT_PARAMETER_PROPS), valid: () => ({}), make: (_c, id, p) => new OutputParameter(id, p), at: (id) => `OutputParameter '${id}'` },
  { name: 'InputArtifact', guard: g(ARTIFACT_FIELDS_PROPS), valid: () => ({ path: '/in' }), make: (_c, id, p) => new InputArtifact(id, p), at: (id) => `InputArtifact '${id}'` },
  { name: 'OutputArtifact', guard: g(ARTIFACT_FIELDS_PROPS), valid: () => ({ path: '/out' }), make: (_c, id, p) => new OutputArtifact(id, p), at: (id) => `OutputArtifact '${id}'` },
];

// Abstract bases (their subclasses check the props) and the app (cdk8s' own AppProps) are not made from props here.
const NOT_FROM_PROPS = ['Template', 'Step', 'PipelineBase', 'Invocation', 'KfopsApp'];

/** Sample values, and the kinds of guard that take each. */
type Sample = { readonly label: string; readonly value: unknown; readonly sort: 'string' | 'number' | 'boolean' | 'array' | 'object' | 'function' | 'instance' };
const SAMPLES: readonly Sample[] = [
  { label: 'a string', value: "mode == 'full'", sort: 'string' },
  { label: 'a number', value: 7.5, sort: 'number' },
  { label: 'a boolean', value: true, sort: 'boolean' },
  { label: 'an array', value: [{ a: 1 }], sort: 'array' },
  { label: 'an object', value: { a: 1 }, sort: 'object' },
  { label: 'a function', value: () => 1, sort: 'function' },
  { label: 'a Duration', value: Duration.minutes(1), sort: 'instance' },
];

/** Whether a guard of this kind takes the sample: this test's own reading of the kinds, not the guards' code. */
function takes(guard: Guard, sample: Sample): boolean {
  switch (guard.kind) {
    case 'string':
    case 'number':
    case 'boolean':
    case 'function':
      return guard.kind === sample.sort;
    case 'integer':
    case 'enum':
      return false;
    case 'object':
    case 'record':
    case 'shape':
      return sample.sort === 'object' && (guard.kind !== 'shape' || guard.open || Object.keys(sample.value as object).every((k) => k in guard.fields));
    case 'array':
      return sample.sort === 'array' && (sample.value as unknown[]).every((item) => takes(guard.items, sampleOf(item)));
    case 'instance':
      return sample.value instanceof guard.of;
    case 'union':
      return guard.branches.some((b) => takes(b, sample));
    case 'custom':
      return guard.sorts.includes(sample.sort);
    default:
      return false;
  }
}
const sampleOf = (value: unknown): Sample => SAMPLES.find((s) => s.value === value) ?? { label: 'a value', value, sort: 'object' };

/** A value the guard takes, for the fields around a wrong one; undefined when the test cannot make one. */
function validValue(guard: Guard, c: Context): unknown {
  switch (guard.kind) {
    case 'string': return 'x';
    case 'number': case 'integer': return 1;
    case 'boolean': return true;
    case 'function': return () => undefined;
    case 'enum': return guard.values[0];
    case 'object': case 'record': return {};
    case 'array': return [];
    case 'shape': return validShape(guard.fields, c);
    case 'instance': return [...c.instances].find(([of]) => of === guard.of || of.prototype instanceof guard.of)?.[1];
    case 'union': return guard.branches.map((b) => validValue(b, c)).find((v) => v !== undefined);
    case 'custom': return guard.sorts.includes('string') ? 'x' : guard.sorts.includes('reference') ? c.mode : undefined;
    default: return undefined;
  }
}
function validShape(fields: Readonly<Record<string, Guard>>, c: Context): Record<string, unknown> | undefined {
  const value: Record<string, unknown> = {};
  for (const [key, guard] of Object.entries(fields)) {
    if (!guard.required) continue;
    value[key] = validValue(guard, c);
    if (value[key] === undefined) return undefined;
  }
  return value;
}

/** A wrong-shaped props object and what the error must say. */
interface Case {
  readonly generator: 'missing required' | 'wrong primitive type' | 'array for object' | 'object for array' | 'string for Condition/Loop'
    | 'wrong item' | 'other wrong kind' | 'unknown key';
  readonly describe: string;
  readonly props: Record<string, unknown>;
  readonly message: string | RegExp;
}

/** A message about `at` or something inside it. */
const mentions = (at: string) => new RegExp(`^(unknown prop ')?${at.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[ .[]`);

function generatorOf(guard: Guard, sample: Sample): Case['generator'] {
  const takesSort = (sort: Sample['sort']) => SAMPLES.some((s) => s.sort === sort && takes(guard, s));
  if (sample.sort === 'string' && ['Condition', 'Loop'].some((n) => guard.expected.startsWith(`a ${n}`))) return 'string for Condition/Loop';
  if (sample.sort === 'array' && takesSort('object')) return 'array for object';
  if (sample.sort === 'object' && takesSort('array')) return 'object for array';
  if (['string', 'number', 'boolean'].includes(sample.sort)) return 'wrong primitive type';
  if (sample.sort === 'array' && guard.kind === 'array') return 'wrong item';
  if (sample.sort === 'object' && guard.kind === 'shape') return 'unknown key';
  if (sample.sort === 'object' && guard.kind === 'record') return 'wrong item';
  return 'other wrong kind';
}

/** The wrong values of one field at `at`, inside `wrap` (which puts a value where the field is in the props). */
function fieldCases(key: string, guard: Guard, at: string, wrap: (v: unknown) => Record<string, unknown>, c: Context, depth: number,
  open: boolean): Case[] {
  const cases: Case[] = [];
  for (const sample of SAMPLES) {
    if (takes(guard, sample)) continue;
    // The error names the prop, or the item or field inside it that is wrong (`args[0] must be`, `unknown prop 'retry.a'`).
    cases.push({ generator: generatorOf(guard, sample), describe: `${at}: ${sample.label}`, props: wrap(sample.value), message: mentions(at) });
  }
  if (guard.kind === 'integer') cases.push({ generator: 'wrong primitive type', describe: `${at}: 1.5`, props: wrap(1.5), message: mentions(at) });
  // One level into nested objects: their own wrong values, missing required fields and misspelt field names.
  const nested = guard.kind === 'shape' ? guard : guard.kind === 'union' ? guard.branches.find((b) => b.kind === 'shape') : undefined;
  if (depth < 2 && nested?.kind === 'shape') {
    const base = validShape(nested.fields, c);
    if (base) cases.push(...shapeCases(nested.fields, nested.open, at, (inner) => wrap(inner), base, c, depth + 1));
  }
  const items = guard.kind === 'array' ? guard.items : undefined;
  if (depth < 2 && items?.kind === 'shape') {
    const base = validShape(items.fields, c);
    if (base) cases.push(...shapeCases(items.fields, items.open, `${at}[0]`, (inner) => wrap([inner]), base, c, depth + 1));
  }
  void key;
  void open;
  return cases;
}

function shapeCases(fields: Readonly<Record<string, Guard>>, open: boolean, at: string | undefined,
  wrap: (v: Record<string, unknown>) => Record<string, unknown>, base: Record<string, unknown>, c: Context, depth: number): Case[] {
  const cases: Case[] = [];
  const path = (k: string) => (at === undefined ? k : `${at}.${k}`);
  for (const [key, guard] of Object.entries(fields)) {
    if (guard.required) {
      const { [key]: _dropped, ...rest } = base;
      cases.push({ generator: 'missing required', describe: `${path(key)} left out`, props: wrap(rest), message: `${path(key)} is required` });
    }
    cases.push(...fieldCases(key, guard, path(key), (v) => wrap({ ...base, [key]: v }), c, depth, open));
    if (!open) {
      cases.push({ generator: 'unknown key', describe: `${path(key)}x`, props: wrap({ ...base, [`${key}x`]: 1 }),
        message: `unknown prop '${path(`${key}x`)}' (did you mean '${path(key)}'?)` });
    }
  }
  if (!open) {
    cases.push({ generator: 'unknown key', describe: `${path('zzzz')}`, props: wrap({ ...base, zzzz: 1 }), message: `unknown prop '${path('zzzz')}' (` });
  }
  return cases;
}

const matches = (text: string, expected: string | RegExp) => (typeof expected === 'string' ? text.includes(expected) : expected.test(text));

const coverage = new Map<string, Map<string, number>>();
let counter = 0;

describe.each(ENTRIES)('$name', (entry) => {
  const c = context();
  const fields = entry.guard.fields as Readonly<Record<string, Guard>>;

  test('valid props make it without an error', () => {
    expect(() => entry.make(c, `ok${counter++}`, entry.valid(c) as never)).not.toThrow();
  });

  test('every wrong-shaped prop is a UserError naming the construct path and the prop', () => {
    const cases = shapeCases(fields, false, undefined, (v) => v, entry.valid(c), c, 0);
    const failures: string[] = [];
    const counts = new Map<string, number>();
    for (const kase of cases) {
      const id = `c${counter++}`;
      let error: unknown;
      try {
        entry.make(c, id, kase.props as never);
      } catch (err) {
        error = err;
      }
      const prefix = `[${entry.at(id)}] `;
      if (!(error instanceof UserError)) {
        failures.push(`${kase.generator}, ${kase.describe}: ${error === undefined ? 'no error' : `${(error as Error).name}: ${(error as Error).message}`}`);
      } else if (!error.message.startsWith(prefix) || !matches(error.message.slice(prefix.length), kase.message)) {
        failures.push(`${kase.generator}, ${kase.describe}: expected "${prefix}${String(kase.message)}", got "${error.message}"`);
      }
      counts.set(kase.generator, (counts.get(kase.generator) ?? 0) + 1);
    }
    coverage.set(entry.name, counts);
    expect(failures).toEqual([]);
  });
});

test('every exported construct is in the table, or made from no props', () => {
  const constructs = Object.entries(kfops).filter(([, v]) => typeof v === 'function' && v.prototype instanceof Construct).map(([k]) => k);
  const covered = new Set([...ENTRIES.map((e) => e.name), ...NOT_FROM_PROPS]);
  expect(constructs.filter((name) => !covered.has(name))).toEqual([]);
});

afterAll(() => {
  if (process.env.KFOPS_GUARD_COVERAGE) {
    const generators = [...new Set([...coverage.values()].flatMap((m) => [...m.keys()]))].sort();
    const rows = [...coverage].map(([name, m]) => `| ${name} | ${generators.map((g) => m.get(g) ?? 0).join(' | ')} |`);
    console.log([`| construct | ${generators.join(' | ')} |`, `|---|${generators.map(() => '---|').join('')}`, ...rows].join('\n'));
  }
});
