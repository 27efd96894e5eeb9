import { Chart, Testing } from 'cdk8s';
import { parse } from 'yaml';
import { Workflow1 } from '../../pipelines/workflow1';
import { Workflow2 } from '../../pipelines/workflow2';
import { Obj, task, template, workflowSpec } from '../helpers/synth-chart';
import { substitute, tfJobViolations } from './tfjob-validation';

function synth(make: (chart: Chart) => void): Obj[] {
  const chart = new Chart(Testing.app(), 'dev', { namespace: 'kubeflow' });
  make(chart);
  return Testing.synth(chart);
}

describe('seed pipelines train with TFJobs and serve with TF-Serving', () => {
  // The graphs themselves are pinned in test/pipelines/seed-pipelines.test.ts; here, what the steps became.
  test('training steps create TFJobs and serving steps apply Deployments', () => {
    const spec = workflowSpec(synth((chart) => new Workflow1(chart)));
    expect(template(spec, 'train').resource.action).toBe('create');
    expect(template(spec, 'tfserving').resource.action).toBe('apply');
  });

  /** The TFJob a train step submits once Argo has substituted the default parameters and the run name. */
  function submittedJob(pipeline: string, step: string): Obj {
    const spec = workflowSpec(synth((chart) => (pipeline === 'workflow1' ? new Workflow1(chart) : new Workflow2(chart))));
    const defaults = Object.fromEntries(spec.arguments.parameters.map((p: Obj) => [`workflow.parameters.${p.name}`, p.value]));
    const inputs = Object.fromEntries((task(spec, step).arguments?.parameters ?? [])
      .map((a: Obj) => [`inputs.parameters.${a.name}`, substitute(a.value, defaults)]));
    return parse(substitute(template(spec, step).resource.manifest, { ...inputs, 'workflow.name': `${pipeline}-abcde` }));
  }

  test.each([
    ['workflow1', 'train', { Master: 1, PS: 1, Worker: 1 }],
    // The seed's code passed train2 `--workers 1 --pss 1` (the article calls it single-node).
    ['workflow1', 'train2', { Master: 1, PS: 1, Worker: 1 }],
    ['workflow2', 'train', { Master: 1, PS: 1, Worker: 2 }],
    ['workflow2', 'train2', { Master: 1, PS: 1, Worker: 2 }],
  ])('%s %s: a Master and replicas from the default parameters, a valid TFJob', async (pipeline, step, replicas) => {
    const job = submittedJob(pipeline, step);
    expect(await tfJobViolations(job)).toEqual([]);
    expect(Object.fromEntries(Object.entries(job.spec.tfReplicaSpecs).map(([k, v]) => [k, (v as Obj).replicas]))).toEqual(replicas);
    expect(job.metadata.generateName).toBe(`${pipeline}-abcde-${step}-`);
  });

  test.each([
    ['workflow1', 'train', 'tft-train', 'tft-eval', 'tf'],
    ['workflow1', 'train2', 'tft-train2', 'tft-eval2', 'tf2'],
    ['workflow2', 'train2', 'tft-train2', 'tft-eval2', 'tf2'],
  ])('%s %s: every replica runs the seed trainer with the flags the seed launcher gave it', (pipeline, step, trainDir, evalDir, tfDir) => {
    const run = `YOUR_GCS_DIR_HERE/${pipeline}-abcde`;
    const job = submittedJob(pipeline, step);
    for (const replica of ['Master', 'Worker', 'PS']) {
      const spec = job.spec.tfReplicaSpecs[replica].template.spec;
      expect(spec.containers).toEqual([{
        name: 'tensorflow',
        image: 'gcr.io/google-samples/ml-pipeline-kubeflow-trainer-taxi',
        command: ['python', '-m', 'trainer.task'],
        args: [
          `--tf-transform-dir=${run}/${trainDir}`,
          `--output-dir=${run}/${tfDir}`,
          `--job-dir=${run}/${tfDir}`,
          `--train-files-dir=${run}/${trainDir}`,
          `--eval-files-dir=${run}/${evalDir}`,
          '--train-files-prefix=train_transformed',
          '--eval-files-prefix=eval_transformed',
          '--train-steps=10000',
          '--verbosity=INFO',
          '--eval-steps=100',
        ],
        env: [{ name: 'GOOGLE_APPLICATION_CREDENTIALS', value: '/etc/secrets/user-gcp-sa.json' }],
        volumeMounts: [{ name: 'sa', mountPath: '/etc/secrets', readOnly: true }],
      }]);
      expect(spec.volumes).toEqual([{ name: 'sa', secret: { secretName: 'user-gcp-sa' } }]);
    }
    // The seed's Master, Worker and PS all restarted OnFailure; kfops keeps that for Worker and PS, and lets a
    // failed Master fail the job (so the step sees it) instead of restarting it forever.
    expect(Object.fromEntries(Object.entries(job.spec.tfReplicaSpecs).map(([k, v]) => [k, (v as Obj).restartPolicy])))
      .toEqual({ Master: 'Never', PS: 'OnFailure', Worker: 'OnFailure' });
  });

  test('train steps mount nothing themselves (the seed\'s train steps did not; the TFJob\'s pods do)', () => {
    const spec = workflowSpec(synth((chart) => new Workflow1(chart)));
    for (const step of ['train', 'train2']) {
      const t = template(spec, step);
      expect(t.volumes).toBeUndefined();
      expect(t.resource.manifest).not.toMatch(/--working-dir|--workers|--pss|gcp-credentials/);
    }
  });

  test('CMLE versions get distinct, valid names per deploy', () => {
    const spec = workflowSpec(synth((chart) => new Workflow2(chart)));
    const version = (step: string) => {
      const args: string[] = template(spec, step).container.args;
      return args[args.indexOf('--version-name') + 1];
    };
    expect(version('cmleop')).toMatch(/^\{\{=sprig\.regexReplaceAll\(.*workflow\.name.*\)\}\}$/);
    expect(version('cmleop2')).toBe(`${version('cmleop')}_2`);
  });
});
