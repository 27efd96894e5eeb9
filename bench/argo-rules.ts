/**
 * Benchmark of the Argo rules (`checkArgoWorkflow`, `checkCronWorkflow`) on OBJECTS generated Argo objects
 * (default 3,000: Workflows, WorkflowTemplates and CronWorkflows with DAGs, steps, loops, hooks, an exit handler
 * and a resource template), in process and without schemas, next to all semantic checks together. Every object is
 * valid, so any violation is a false alarm. Prints a Markdown table.
 * Run: `npx tsx bench/argo-rules.ts` (env OBJECTS to tune).
 */
import { checkArgoWorkflow, checkCronWorkflow } from '../lib/validate/checks';
import { Check } from '../lib/validate/check';
import { KubeObject, ObjectIndex } from '../lib/validate/object-index';
import { CHECKS } from '../lib/validate/validator';

const OBJECTS = Number(process.env.OBJECTS ?? 3000);
const RUNS = 5;

/** Object `i`: one of three kinds around the same spec, each template type and variable kind Argo checks. */
function object(i: number): KubeObject {
  const image = 'gcr.io/acme/trainer:1.4.0';
  const spec = {
    entrypoint: 'main', onExit: 'report',
    arguments: { parameters: [{ name: 'train-steps', value: '10000' }, { name: 'shards', value: '["a","b"]' }] },
    templates: [
      { name: 'main', dag: { tasks: [
        { name: 'prep', template: 'prep' },
        { name: 'train', template: 'train', depends: 'prep', arguments: { parameters: [{ name: 'examples', value: '{{tasks.prep.outputs.parameters.examples}}' }] } },
        { name: 'shard', template: 'score', depends: 'prep.Succeeded', withParam: '{{workflow.parameters.shards}}', arguments: { parameters: [{ name: 'model', value: '{{item}}' }] } },
        { name: 'eval', template: 'score', depends: '(train.Succeeded || train.Failed) && shard.AnySucceeded',
          arguments: { parameters: [{ name: 'model', value: '{{tasks.train.outputs.parameters.model}}' }] },
          hooks: { exit: { template: 'report', arguments: { parameters: [{ name: 'status', value: '{{tasks.eval.status}}' }] } } } },
        { name: 'publish', template: 'publish', depends: 'eval' },
      ] } },
      { name: 'publish', steps: [
        [{ name: 'cm', template: 'configmap' }],
        [{ name: 'tell', template: 'score', arguments: { parameters: [{ name: 'model', value: '{{steps.cm.outputs.parameters.uid}}' }] }, withItems: [{ env: 'dev' }, { env: 'prod' }] }],
      ] },
      { name: 'prep', container: { image, command: ['python', '-m', 'prep', '{{workflow.name}}'] }, outputs: { parameters: [{ name: 'examples', valueFrom: { path: '/tmp/examples' } }] } },
      { name: 'train', inputs: { parameters: [{ name: 'examples' }] }, retryStrategy: { limit: 2, retryPolicy: 'OnError' }, activeDeadlineSeconds: 3600,
        container: { image, args: ['--steps', '{{workflow.parameters.train-steps}}', '--examples', '{{inputs.parameters.examples}}', '--pod', '{{pod.name}}'] },
        outputs: { parameters: [{ name: 'model', valueFrom: { path: '/tmp/model' }, globalName: 'model' }] } },
      { name: 'score', inputs: { parameters: [{ name: 'model' }] }, script: { image: 'python:3.12-slim', command: ['python'], source: 'print("{{inputs.parameters.model}}")' } },
      { name: 'configmap', resource: { action: 'apply', manifest: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: "{{workflow.name}}-out"\ndata:\n  model: "{{workflow.outputs.parameters.model}}"\n' },
        outputs: { parameters: [{ name: 'uid', valueFrom: { jsonPath: '{.metadata.uid}' } }] } },
      { name: 'report', inputs: { parameters: [{ name: 'status', default: '{{workflow.status}}' }] },
        container: { image, args: ['{{inputs.parameters.status}}', '{{workflow.failures}}', '{{workflow.duration}}'] } },
    ],
  };
  const metadata = { name: `pipeline-${i}`, namespace: 'ml', labels: { 'kfops.dev/pipeline': `p${i}` } };
  switch (i % 3) {
    case 0: return { apiVersion: 'argoproj.io/v1alpha1', kind: 'WorkflowTemplate', metadata, spec };
    case 1: return { apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow', metadata: { ...metadata, name: undefined, generateName: `pipeline-${i}-` }, spec };
    default: return { apiVersion: 'argoproj.io/v1alpha1', kind: 'CronWorkflow', metadata, spec: { schedules: ['0 2 * * *'], timezone: 'Europe/Berlin', workflowSpec: spec } };
  }
}

/** Median milliseconds of running `checks` over fresh copies of the objects, and the violations they report. */
function time(checks: readonly Check[]): { ms: number; violations: number } {
  const runs: number[] = [];
  let violations = 0;
  for (let r = 0; r < RUNS; r++) {
    const objects = Array.from({ length: OBJECTS }, (_, i) => object(i));
    const context = { index: new ObjectIndex(objects) };
    violations = 0;
    const start = process.hrtime.bigint();
    for (const o of objects) for (const check of checks) violations += check(o, context).length;
    runs.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return { ms: runs.sort((a, b) => a - b)[Math.floor(RUNS / 2)], violations };
}

const argo = time([checkArgoWorkflow, checkCronWorkflow]);
const all = time(CHECKS);
console.log('| checks | objects | median ms | µs/object | violations on the valid set |');
console.log('| --- | ---: | ---: | ---: | ---: |');
for (const [label, r] of [['Argo rules (checkArgoWorkflow, checkCronWorkflow)', argo], ['all semantic checks (CHECKS)', all]] as const) {
  console.log(`| ${label} | ${OBJECTS} | ${r.ms.toFixed(0)} | ${((r.ms / OBJECTS) * 1000).toFixed(0)} | ${r.violations} |`);
}
