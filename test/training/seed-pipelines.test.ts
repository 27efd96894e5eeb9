import { Chart, Testing } from 'cdk8s';
import { parse } from 'yaml';
import { Workflow1 } from '../../pipelines/workflow1';
import { Workflow2 } from '../../pipelines/workflow2';
import { Obj, task, template, workflowSpec } from '../helpers/synth-chart';
import { substitute, tfJobSchemaErrors } from './tfjob-schema';

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

  test.each([
    ['workflow1', 'train', { Chief: 1, Worker: 1, PS: 1 }],
    ['workflow1', 'train2', { Chief: 1 }],
    ['workflow2', 'train', { Chief: 1, Worker: 2, PS: 1 }],
    ['workflow2', 'train2', { Chief: 1, Worker: 2, PS: 1 }],
  ])('%s %s: replicas from the default parameters, a valid TFJob', (pipeline, step, replicas) => {
    const spec = workflowSpec(synth((chart) => (pipeline === 'workflow1' ? new Workflow1(chart) : new Workflow2(chart))));
    const defaults = Object.fromEntries(spec.arguments.parameters.map((p: Obj) => [`workflow.parameters.${p.name}`, p.value]));
    const inputs = Object.fromEntries((task(spec, step).arguments?.parameters ?? [])
      .map((a: Obj) => [`inputs.parameters.${a.name}`, substitute(a.value, defaults)]));
    const job = parse(substitute(template(spec, step).resource.manifest, { ...inputs, 'workflow.name': `${pipeline}-abcde` }));
    expect(tfJobSchemaErrors(job)).toEqual([]);
    expect(Object.fromEntries(Object.entries(job.spec.tfReplicaSpecs).map(([k, v]) => [k, (v as Obj).replicas]))).toEqual(replicas);
    expect(job.metadata.generateName).toBe(`${pipeline}-abcde-${step}-`);
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
