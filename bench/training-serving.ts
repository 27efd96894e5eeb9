/**
 * Training and serving benchmark: how long rendering the TFJob and TF-Serving pieces takes, in process, per item.
 * The TFJob step and the TF-Serving step are rendered inside a full compile of Workflow 1 (12 steps); the serving
 * step builds its Deployment in a chart of its own each time, the cost this measures.
 * Run: npx tsx bench/training-serving.ts [--repeat 200]
 */
import * as path from 'path';
import { Chart, Testing } from 'cdk8s';
import { compileWorkflowSpec } from '../lib/argo/compile-pipeline';
import { KfpComponent } from '../lib/components';
import { Pipeline } from '../lib/argo/pipeline';
import { TfJob } from '../lib/training';
import { TfServing } from '../lib/serving';
import { Workflow1 } from '../pipelines/workflow1';

const args = process.argv.slice(2);
const repeat = Number(args[args.indexOf('--repeat') + 1] || 200) || 200;

function time(label: string, run: () => void): [string, string, string] {
  for (let i = 0; i < 5; i++) run(); // warm up
  const start = process.hrtime.bigint();
  for (let i = 0; i < repeat; i++) run();
  const perItemMs = Number(process.hrtime.bigint() - start) / 1e6 / repeat;
  return [label, String(repeat), perItemMs.toFixed(2)];
}

const fixture = path.join(__dirname, '../test/fixtures/components/component.yaml');
const rows = [
  time('standalone TfJob (2 workers, 1 PS), synth', () => {
    const chart = new Chart(Testing.app(), 'bench');
    new TfJob(chart, 'train', { image: 'trainer:1', workers: 2, pss: 1 });
    Testing.synth(chart);
  }),
  time('standalone TfServing (Deployment, Service, HPA), synth', () => {
    const chart = new Chart(Testing.app(), 'bench');
    new TfServing(chart, 'serve', { modelName: 'm', modelBasePath: 'gs://m', autoscaling: { maxReplicas: 3 } });
    Testing.synth(chart);
  }),
  time('Workflow 1 build + compile (2 TfJobSteps, 2 TfServingSteps)', () => {
    compileWorkflowSpec(new Workflow1(new Chart(Testing.app(), 'bench')));
  }),
  time('KFP component.yaml load + step', () => {
    const chart = new Chart(Testing.app(), 'bench');
    KfpComponent.fromFile(fixture).step(new Pipeline(chart, 'p'), 'kfp', { inputs: { 'Transformed data': 'gs://d', 'Schema': 's' } });
  }),
];

console.log('| operation | runs | ms per run |');
console.log('|---|---:|---:|');
for (const row of rows) console.log(`| ${row.join(' | ')} |`);
