import { Chart, Testing } from 'cdk8s';
import { parse } from 'yaml';
import { fmt, ParameterType, Pipeline, SecretKey, useGcpSecret, WorkflowVariables } from '../../lib';
import { TfJobStep } from '../../lib/training';
import { Obj, synthChart, task, template, validationErrors, workflowSpec } from '../helpers/synth-chart';
import { manifestAfterSubstitution, substitute, tfJobViolations } from './tfjob-validation';

function distributed(pipeline: Pipeline, props: Partial<ConstructorParameters<typeof TfJobStep>[2]> = {}): TfJobStep {
  const workers = pipeline.addParameter('workers', { type: ParameterType.INTEGER, default: 2 });
  const pss = pipeline.addParameter('pss', { type: ParameterType.INTEGER, default: 1 });
  const steps = pipeline.addParameter('train-steps', { type: ParameterType.INTEGER, default: 10000 });
  const dir = pipeline.addParameter('working-dir', { default: 'gs://bucket/runs' });
  return new TfJobStep(pipeline, 'train', {
    image: 'trainer:1',
    args: ['--train-steps', steps, '--job-dir', fmt`${dir}/${WorkflowVariables.name}/tf`],
    workers,
    pss,
    ...props,
  });
}

describe('TfJobStep', () => {
  test('its pods mount only their own volumes, not the workflow\'s, and the message names the step once', () => {
    const app = Testing.app();
    const pipeline = new Pipeline(new Chart(app, 'dev'), 'p', { volumes: [{ name: 'wf', emptyDir: {} }] });
    new TfJobStep(pipeline, 'train', { image: 'trainer:1', volumeMounts: [{ name: 'wf', mountPath: '/data' }] });
    // The workflow's volume is not in the TFJob's pods, which the operator creates: the pipeline's own mount
    // check, which accepts the workflow's volumes for the pods Argo runs, leaves this pod to the step.
    expect(() => app.synth()).toThrow("[dev/p/train] volume mount 'wf' has no volume of that name");
    let message = '';
    try {
      app.synth();
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).not.toContain('[dev/p/train] [dev/p/train]');
  });

  test('compiles to a resource template that creates the job, owned by the run, with success and failure conditions', () => {
    const spec = workflowSpec(synthChart((chart) => distributed(new Pipeline(chart, 'p')).apply(useGcpSecret())));
    const t = template(spec, 'train');
    expect(t.resource).toMatchObject({
      action: 'create',
      setOwnerReference: true,
      successCondition: 'status.replicaStatuses.Chief.succeeded > 0',
      // One requirement: see tf-job-conditions.test.ts for why, evaluated as Argo's executor does.
      failureCondition: 'status.replicaStatuses.Chief.failed > 0',
    });
    expect(t.outputs).toEqual({ parameters: [{ name: 'job-name', valueFrom: { jsonPath: '{.metadata.name}' } }] });
    expect(t.inputs.parameters.map((p: Obj) => p.name).sort()).toEqual(['pss', 'train-steps', 'workers', 'working-dir']);
    expect(task(spec, 'train').arguments.parameters).toContainEqual({ name: 'workers', value: '{{workflow.parameters.workers}}' });
    // Counts are unquoted so Argo's substitution leaves YAML integers.
    expect(t.resource.manifest).toContain('replicas: {{inputs.parameters.workers}}\n');
    expect(t.resource.manifest).toContain('replicas: {{inputs.parameters.pss}}\n');
  });

  test('after substituting the default parameter values the manifest is a valid TFJob', async () => {
    const spec = workflowSpec(synthChart((chart) => distributed(new Pipeline(chart, 'p')).apply(useGcpSecret())));
    const job = manifestAfterSubstitution(spec, 'train');
    expect(await tfJobViolations(job)).toEqual([]);
    expect(job.metadata).toEqual({ generateName: 'workflow1-x7k2p-train-', labels: { 'kfops.dev/pipeline': 'p', 'kfops.dev/step': 'train' } });
    expect(job.spec.tfReplicaSpecs.Worker.replicas).toBe(2);
    expect(job.spec.tfReplicaSpecs.PS.replicas).toBe(1);
    const chief = job.spec.tfReplicaSpecs.Chief.template;
    expect(chief.metadata.labels).toEqual({ 'workflows.argoproj.io/workflow': 'workflow1-x7k2p' });
    expect(chief.spec.containers[0].args).toEqual(['--train-steps', '10000', '--job-dir', 'gs://bucket/runs/workflow1-x7k2p/tf']);
    expect(chief.spec.volumes).toEqual([{ name: 'user-gcp-sa', secret: { secretName: 'user-gcp-sa' } }]);
  });

  test('literal 0 workers and pss train single-node: the chief alone, no replica inputs', async () => {
    const spec = workflowSpec(synthChart((chart) => {
      new TfJobStep(new Pipeline(chart, 'p'), 'train2', { image: 'trainer:1', workers: 0, pss: 0 });
    }));
    const t = template(spec, 'train2');
    expect(t.inputs).toBeUndefined();
    expect(t.resource.failureCondition).toBe('status.replicaStatuses.Chief.failed > 0');
    const job = parse(substitute(t.resource.manifest, { 'workflow.name': 'run-1' }));
    expect(Object.keys(job.spec.tfReplicaSpecs)).toEqual(['Chief']);
    expect(await tfJobViolations(job)).toEqual([]);
  });

  test('its job name output feeds later steps', () => {
    const spec = workflowSpec(synthChart((chart) => {
      const p = new Pipeline(chart, 'p');
      const train = new TfJobStep(p, 'train', { image: 'trainer:1', env: { KEY: SecretKey.of('s', 'k') } });
      new TfJobStep(p, 'tune', { image: 'trainer:1', args: ['--from', train.output('job-name')] });
    }));
    expect(task(spec, 'tune').dependencies).toEqual(['train']);
    expect(task(spec, 'tune').arguments.parameters).toEqual([{ name: 'train-job-name', value: '{{tasks.train.outputs.parameters.job-name}}' }]);
  });

  test('replica counts take INTEGER parameters only', () => {
    expect(() => validationErrors((chart) => {
      const p = new Pipeline(chart, 'p');
      new TfJobStep(p, 'train', { image: 'trainer:1', workers: p.addParameter('workers', { default: '2' }) });
    })).toThrow("[test/p/train] workers takes a number or an INTEGER parameter, got parameter 'workers' of type string");
  });
});
