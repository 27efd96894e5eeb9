import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { previewCommand, PreviewCommandOptions } from '../../lib/cli/preview-command';
import { ROOT } from './helpers';

/** The seed's Workflow 1 in prod, previewed from the committed dist/ as `kfops preview workflow1 --env prod` does. */
async function preview(options: Partial<PreviewCommandOptions> = {}) {
  let out = '';
  const code = await previewCommand({ cwd: ROOT, pipeline: 'workflow1', env: 'prod', format: 'json', write: (t) => { out += t; }, ...options });
  return { code, out, doc: options.format === undefined || options.format === 'json' ? JSON.parse(out) : undefined };
}

type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const params = parse(fs.readFileSync(path.join(ROOT, 'pipelines/params/prod.yaml'), 'utf8')).workflow1;
/** The run's own folder: working-dir/{{workflow.name}}, the name known only when the run is submitted. */
const W = `${params['working-dir']}/<workflow.name>`;

function step(doc: Doc, name: string): Doc {
  return doc.steps.find((s: Doc) => s.name === name);
}

describe('kfops preview workflow1 --env prod (the seed Workflow 1, from dist/)', () => {
  let doc: Doc;
  beforeAll(async () => {
    const result = await preview();
    expect(result.code).toBe(0);
    doc = result.doc;
  });

  test('every step runs, nothing is left unsubstituted, and the manifests pass their schemas', () => {
    expect(doc.summary).toMatchObject({ steps: 12, runs: 12, errors: 0 });
    expect(doc.problems).toEqual([]);
    expect(JSON.stringify(doc.steps)).not.toContain('{{');
  });

  test("the TFJob replicas run the seed's trainer with the environment's values, as --key=value flags", () => {
    const job = step(doc, 'train').resource.manifest[0];
    expect(job).toMatchObject({ apiVersion: 'kubeflow.org/v1', kind: 'TFJob', metadata: { generateName: '<workflow.name>-train-' } });
    for (const [replica, spec] of Object.entries<Doc>(job.spec.tfReplicaSpecs)) {
      const container = spec.template.spec.containers[0];
      expect([replica, container.image, container.command]).toEqual([replica, 'gcr.io/google-samples/ml-pipeline-kubeflow-trainer-taxi', ['python', '-m', 'trainer.task']]);
      expect(container.args).toEqual(expect.arrayContaining([
        `--tf-transform-dir=${W}/tft-train`, `--output-dir=${W}/tf`, `--job-dir=${W}/tf`,
        `--train-files-dir=${W}/tft-train`, `--eval-files-dir=${W}/tft-eval`,
        '--train-files-prefix=train_transformed', '--eval-files-prefix=eval_transformed', `--train-steps=${params['train-steps']}`,
      ]));
      // The launcher consumes these itself; the trainer's strict parser would reject them.
      expect(container.args.filter((a: string) => /^--(working-dir|workers|pss)\b/.test(a))).toEqual([]);
    }
  });

  test('replicas are integers: one Master, the environment\'s workers and parameter servers', () => {
    const replicas = step(doc, 'train').resource.manifest[0].spec.tfReplicaSpecs;
    expect(Object.fromEntries(Object.entries<Doc>(replicas).map(([k, v]) => [k, v.replicas]))).toEqual({ Master: 1, Worker: params.workers, PS: params.pss });
  });

  test('TF-Serving serves the model this run exports, under the run\'s name', () => {
    const deployment = step(doc, 'tfserving').resource.manifest[0];
    expect(deployment.spec.replicas).toBe(3);
    expect(deployment.spec.template.spec.containers[0]).toMatchObject({
      command: ['tensorflow_model_server'],
      args: ['--port=8500', '--rest_api_port=8501', '--model_name=<workflow.name>', `--model_base_path=${W}/tf/serving_model_dir/export/chicago-taxi`],
    });
  });

  test('the run-time values are listed with what they stand for', () => {
    expect(doc.placeholders.map((p: Doc) => p.placeholder)).toEqual(expect.arrayContaining(['<workflow.name>']));
    expect(doc.workflow).toEqual({ generateName: 'workflow1-', namespace: 'kfops-prod', entrypoint: 'workflow1', serviceAccountName: 'kfops-runner' });
    expect(doc.triggers).toEqual([expect.stringMatching(/^CronWorkflow workflow1 \(/)]);
  });

  test('--param overrides reach the trainer flags and the replica counts', async () => {
    const { doc: changed } = await preview({ param: ['train-steps=12345', 'workers=2'] });
    const job = step(changed, 'train').resource.manifest[0];
    expect(job.spec.tfReplicaSpecs.Worker.replicas).toBe(2);
    expect(job.spec.tfReplicaSpecs.Master.template.spec.containers[0].args).toContain('--train-steps=12345');
    expect(changed.parameters.find((p: Doc) => p.name === 'train-steps')).toEqual({ name: 'train-steps', value: '12345', source: 'override' });
  });

  test('yaml and json are the same document; text reads as steps with their flags', async () => {
    const yaml = await preview({ format: 'yaml' });
    expect(parse(yaml.out)).toEqual(doc);
    const text = await preview({ format: 'text', color: false });
    expect(text.out).toContain('kfops preview: workflow1 in prod');
    expect(text.out).toContain(`--tfma_run_dir ${W}/tfma/output`);
    expect(text.out).toMatch(/● train {2}\[resource: create TFJob\] {2}after tft-eval, tft-train/);
  });
});

describe('kfops preview workflow1 --env dev: the run Argo CD starts on sync', () => {
  // dist/dev/workflow-workflow1-on-sync.yaml is a PostSync hook Workflow whose resource template creates a
  // Workflow with generateName and workflowTemplateRef: it starts runs of the pipeline, as docs/preview.md says.
  test('the report names the hook Workflow as what starts the run', async () => {
    const { code, doc } = await preview({ env: 'dev' });
    expect(code).toBe(0);
    expect(doc.triggers).toEqual(['Workflow workflow1-on-sync (Argo CD PostSync hook), through its resource template run']);
    const text = await preview({ env: 'dev', format: 'text', color: false });
    expect(text.out).toContain('  started by Workflow workflow1-on-sync (Argo CD PostSync hook), through its resource template run\n');
  });
});

describe('kfops preview errors', () => {
  test.each<[string, Partial<PreviewCommandOptions>, number, string]>([
    ['an unknown pipeline lists the known ones', { pipeline: 'workflow3' }, 2, "dist/prod: no pipeline named 'workflow3'; known pipelines: workflow1, workflow2"],
    // argocd/ and bootstrap/ hold Argo CD's objects, no pipeline's: they are not environments.
    ['an unknown environment lists the known ones', { env: 'qa' }, 2, 'dist/qa: no such environment in dist/; known: dev, prod, staging'],
    ['a folder without pipelines is no environment', { env: 'argocd' }, 2, 'dist/argocd: no such environment in dist/; known: dev, prod, staging'],
    // As a params-file value must be tagged !argo (docs/environments.md), so must a --param value.
    ['an Argo expression in --param without the mark', { param: ['project={{workflow.uid}}'] }, 1,
      "--param project={{workflow.uid}}: the value holds \"{{\", an Argo expression, which Argo evaluates when the run starts (fix: to pass it on purpose, mark it as params files do: --param 'project=!argo {{workflow.uid}}')"],
    ['an unknown parameter suggests the closest', { param: ['train-step=1'] }, 1, 'has no parameter "train-step" (did you mean "train-steps"?)'],
    ['a wrong type names the parameter', { param: ['workers=two'] }, 1, '--param workers=two: expected an integer, got "two"'],
    ['out of range', { param: ['train-steps=0'] }, 1, '--param train-steps=0: must be >= 1'],
    ['not in the enum', { param: ['tfma-mode=remote'] }, 1, '--param tfma-mode=remote: must be one of "local", "cloud", got "remote"'],
    ['a flag without =', { param: ['workers'] }, 2, '--param workers: expected NAME=VALUE'],
  ])('%s', async (_label, options, exitCode, message) => {
    await expect(preview(options)).rejects.toMatchObject({ exitCode, message: expect.stringContaining(message) });
  });

  test('a marked Argo expression passes on as written', async () => {
    const { doc } = await preview({ param: ['working-dir=!argo gs://b/{{workflow.uid}}'] });
    expect(doc.parameters).toContainEqual({ name: 'working-dir', value: 'gs://b/{{workflow.uid}}', source: 'override' });
  });

  test('control characters in a --param value never reach the terminal raw', async () => {
    const { out } = await preview({ param: ['project=\u001b[31mred\u0007'], format: 'text', color: false });
    expect(out).not.toMatch(/[\u0007\u001b]/);
    expect(out).toContain('project                "\\u{1b}[31mred\\u{7}"');
  });
});
