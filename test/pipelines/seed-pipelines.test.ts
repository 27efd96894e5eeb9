import * as fs from 'fs';
import * as path from 'path';
import { Chart, Testing } from 'cdk8s';
import { stringify } from 'yaml';
import { Workflow1 } from '../../pipelines/workflow1';
import { Workflow2 } from '../../pipelines/workflow2';
import { Obj } from '../helpers/synth-chart';

const GOLDEN_DIR = path.join(__dirname, '..', 'fixtures', 'golden');

function synthSeed(): Obj[] {
  const chart = new Chart(Testing.app(), 'dev', { namespace: 'kubeflow' });
  new Workflow1(chart);
  new Workflow2(chart);
  const errors = chart.node.findAll().flatMap((c) => c.node.validate());
  expect(errors).toEqual([]);
  return Testing.synth(chart);
}

const objects = synthSeed();
const spec = (name: string): Obj => objects.find((o) => o.kind === 'WorkflowTemplate' && o.metadata.name === name).spec;

/** DAG edges as "dependency -> task", sorted. */
function edges(name: string): string[] {
  const s = spec(name);
  const dag = s.templates.find((t: Obj) => t.name === s.entrypoint).dag;
  return dag.tasks.flatMap((t: Obj) => (t.dependencies ?? []).map((d: string) => `${d} -> ${t.name}`)).sort();
}

function tasks(name: string): string[] {
  const s = spec(name);
  return s.templates.find((t: Obj) => t.name === s.entrypoint).dag.tasks.map((t: Obj) => t.name).sort();
}

function defaults(name: string): Record<string, string> {
  return Object.fromEntries(spec(name).arguments.parameters.map((p: Obj) => [p.name, p.value]));
}

describe('seed Workflow 1', () => {
  test('has the seed article\'s 12 steps and dependency graph', () => {
    expect(tasks('workflow1')).toEqual(['analyze', 'analyze2', 'cmleop', 'cmleop2', 'tfserving', 'tfserving2', 'tft-eval', 'tft-eval2',
      'tft-train', 'tft-train2', 'train', 'train2']);
    expect(edges('workflow1')).toEqual([
      'tft-eval -> train', 'tft-eval2 -> train2', 'tft-train -> train', 'tft-train2 -> train2',
      'train -> analyze', 'train -> cmleop', 'train -> tfserving',
      'train2 -> analyze2', 'train2 -> cmleop2', 'train2 -> tfserving2',
    ].sort());
  });

  test('declares every seed parameter with its default, in order', () => {
    expect(defaults('workflow1')).toEqual({
      'input-handle-eval': 'gs://aju-dev-demos-codelabs/KF/taxidata/eval/data.csv',
      'input-handle-train': 'gs://aju-dev-demos-codelabs/KF/taxidata/train/data.csv',
      'outfile-prefix-eval': 'eval_transformed',
      'outfile-prefix-train': 'train_transformed',
      'train-steps': '10000',
      'project': 'YOUR_PROJECT_HERE',
      'working-dir': 'YOUR_GCS_DIR_HERE',
      'tft-setup-file': '/ml/transform/setup.py',
      'tfma-setup-file': '/ml/analysis/setup.py',
      'workers': '1',
      'pss': '1',
      'max-rows': '10000',
      'ts1': '',
      'ts2': '',
      'preprocessing-module1': 'gs://aju-dev-demos-codelabs/KF/taxi-preproc/preprocessing.py',
      'preprocessing-module2': 'gs://aju-dev-demos-codelabs/KF/taxi-preproc/preprocessing2.py',
      'preprocess-mode': 'local',
      'tfma-mode': 'local',
    });
    expect(Object.keys(defaults('workflow1'))).toEqual(['input-handle-eval', 'input-handle-train', 'outfile-prefix-eval',
      'outfile-prefix-train', 'train-steps', 'project', 'working-dir', 'tft-setup-file', 'tfma-setup-file', 'workers', 'pss',
      'max-rows', 'ts1', 'ts2', 'preprocessing-module1', 'preprocessing-module2', 'preprocess-mode', 'tfma-mode']);
  });

  test('TFT steps pass the seed\'s arguments, under the run\'s own folder', () => {
    const tftEval = spec('workflow1').templates.find((t: Obj) => t.name === 'tft-eval');
    expect(tftEval.container.image).toBe('gcr.io/google-samples/ml-pipeline-dataflow-tftbq-taxi');
    expect(tftEval.container.args).toEqual([
      '--input_handle', '{{inputs.parameters.input-handle-eval}}',
      '--outfile_prefix', '{{inputs.parameters.outfile-prefix-eval}}',
      '--working_dir', '{{inputs.parameters.working-dir}}/{{workflow.name}}/tft-eval',
      '--project', '{{inputs.parameters.project}}',
      '--mode', '{{inputs.parameters.preprocess-mode}}',
      '--setup_file', '{{inputs.parameters.tft-setup-file}}',
      '--max_rows', '5000',
      '--ts1', '{{inputs.parameters.ts1}}',
      '--ts2', '{{inputs.parameters.ts2}}',
      '--stage', 'eval',
      '--preprocessing_module', '{{inputs.parameters.preprocessing-module1}}',
    ]);
  });
});

describe('seed Workflow 2', () => {
  test('has the seed article\'s 10 steps; both analyses also read the newest eval split', () => {
    expect(tasks('workflow2')).toEqual(['analyze', 'analyze2', 'cmleop', 'cmleop2', 'tft-eval', 'tft-eval2', 'tft-train', 'tft-train2',
      'train', 'train2']);
    expect(edges('workflow2')).toEqual([
      'tft-eval -> analyze', 'tft-eval -> analyze2', 'tft-eval -> train', 'tft-eval2 -> train2', 'tft-train -> train',
      'tft-train2 -> train2', 'train -> analyze', 'train -> cmleop', 'train2 -> analyze2', 'train2 -> cmleop2',
    ].sort());
  });

  test('declares the BigQuery inputs and both time windows', () => {
    expect(defaults('workflow2')).toMatchObject({
      'input-handle-eval': 'bigquery-public-data.chicago_taxi_trips.taxi_trips',
      'input-handle-train': 'bigquery-public-data.chicago_taxi_trips.taxi_trips',
      'workers': '2',
      'pss': '1',
      'ts1-1': '2016-02-01 00:00:00',
      'ts2-1': '2016-03-01 00:00:00',
      'ts1-2': '2013-01-01 00:00:00',
      'ts2-2': '2016-03-01 00:00:00',
    });
    expect(Object.keys(defaults('workflow2'))).toHaveLength(19);
  });
});

describe.each(['workflow1', 'workflow2'])('%s references and names', (name) => {
  const s = spec(name);
  const dag = s.templates.find((t: Obj) => t.name === s.entrypoint).dag;
  const declaredParams = new Set(s.arguments.parameters.map((p: Obj) => p.name));

  test('every template input is declared, and every task passes exactly the inputs its template takes', () => {
    for (const t of dag.tasks) {
      const tmpl = s.templates.find((x: Obj) => x.name === t.template);
      const inputs = (tmpl.inputs?.parameters ?? []).map((p: Obj) => p.name).sort();
      expect((t.arguments?.parameters ?? []).map((p: Obj) => p.name).sort()).toEqual(inputs);
      const used = [...JSON.stringify(tmpl).matchAll(/\{\{inputs\.parameters\.([^}]+)\}\}/g)].map((m) => m[1]);
      for (const u of used) expect(inputs).toContain(u);
    }
  });

  test('every workflow parameter reference resolves', () => {
    const refs = [...JSON.stringify(s).matchAll(/\{\{workflow\.parameters\.([^}]+)\}\}/g)].map((m) => m[1]);
    expect(refs.length).toBeGreaterThan(10);
    for (const r of refs) expect(declaredParams).toContain(r);
  });

  test('template and task names are DNS-1123 labels', () => {
    for (const t of s.templates) expect(t.name).toMatch(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/);
  });

  test('container steps get GCP credentials from the user-gcp-sa Secret, never literally', () => {
    for (const t of s.templates.filter((x: Obj) => x.container)) {
      expect(t.volumes).toContainEqual({ name: 'user-gcp-sa', secret: { secretName: 'user-gcp-sa' } });
      expect(t.container.env).toContainEqual({ name: 'GOOGLE_APPLICATION_CREDENTIALS', value: '/secret/gcp-credentials/user-gcp-sa.json' });
    }
  });

  test('matches the golden file (regenerate on purpose with KFOPS_UPDATE_GOLDEN=1)', () => {
    const actual = objects.filter((o) => o.metadata.labels?.['kfops.dev/pipeline'] === name)
      .map((o) => stringify(o, { lineWidth: 0, version: '1.1' })).join('---\n');
    const file = path.join(GOLDEN_DIR, `${name}.yaml`);
    if (process.env.KFOPS_UPDATE_GOLDEN === '1' && !process.env.CI) fs.writeFileSync(file, actual);
    expect(actual).toEqual(fs.readFileSync(file, 'utf8'));
  });
});
