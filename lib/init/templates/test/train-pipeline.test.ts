import { Chart, Testing } from 'cdk8s';
import { parse } from 'yaml';
import { TrainPipeline } from '../pipelines/train-pipeline';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Obj = any;

/** The WorkflowTemplate the pipeline synthesizes to, with an environment's parameter values. */
function workflowTemplate(values: Record<string, number> = {}): Obj {
  const chart = new Chart(Testing.app(), 'test', { namespace: 'ml-test' });
  new TrainPipeline(chart, 'train', { values, serviceAccountName: 'pipeline-runner' });
  return Testing.synth(chart).find((o: Obj) => o.kind === 'WorkflowTemplate');
}

function template(spec: Obj, name: string): Obj {
  return spec.templates.find((t: Obj) => t.name === name);
}

/**
 * The TFJob a step creates. Replica counts that come from parameters are Argo expressions written unquoted (Argo
 * substitutes them into YAML integers), which a YAML parser reads as flow mappings: hence logLevel 'error'.
 */
function tfJob(step: Obj): Obj {
  return parse(step.resource.manifest, { logLevel: 'error' });
}

describe('TrainPipeline', () => {
  test('runs prepare, then fit, then report', () => {
    const { spec } = workflowTemplate();
    const tasks = template(spec, spec.entrypoint).dag.tasks;
    expect(tasks.map((t: Obj) => [t.name, t.dependencies ?? []])).toEqual([
      ['prepare', []],
      ['fit', ['prepare']],
      ['report', ['fit']],
    ]);
  });

  test('every container asks for CPU and memory', () => {
    const { spec } = workflowTemplate();
    for (const name of ['prepare', 'report']) {
      expect(template(spec, name).container.resources.requests).toEqual({ cpu: expect.any(String), memory: expect.any(String) });
    }
    const job = tfJob(template(spec, 'fit'));
    for (const replica of Object.values(job.spec.tfReplicaSpecs) as Obj[]) {
      expect(replica.template.spec.containers[0].resources).toMatchObject({ requests: { cpu: '1', memory: '1Gi' } });
    }
  });

  test('epochs defaults to 5, takes the environment\'s value, and reaches the trainer', () => {
    expect(workflowTemplate().spec.arguments.parameters).toContainEqual(expect.objectContaining({ name: 'epochs', value: '5' }));
    expect(workflowTemplate({ epochs: 2 }).spec.arguments.parameters).toContainEqual(expect.objectContaining({ name: 'epochs', value: '2' }));
    const job = tfJob(template(workflowTemplate().spec, 'fit'));
    expect(job.spec.tfReplicaSpecs.Chief.template.spec.containers[0].args).toEqual(['--epochs={{inputs.parameters.epochs}}']);
  });
});
