import { parse } from 'yaml';
import { fmt, Pipeline, useGcpSecret, WorkflowVariables } from '../../lib';
import { TfServingStep } from '../../lib/serving';
import { deploymentErrors } from './deployment-validator';
import { Obj, synthChart, task, template, workflowSpec } from '../helpers/synth-chart';

function synthStep(): Obj[] {
  return synthChart((chart) => {
    const p = new Pipeline(chart, 'workflow1');
    const dir = p.addParameter('working-dir', { default: 'gs://bucket/runs' });
    new TfServingStep(p, 'tfserving', {
      modelName: WorkflowVariables.name,
      modelBasePath: fmt`${dir}/${WorkflowVariables.name}/tf/serving_model_dir/export/chicago-taxi`,
    }).apply(useGcpSecret());
  });
}

describe('TfServingStep', () => {
  test('applies the Deployment, which is valid once the run\'s values are substituted', () => {
    const spec = workflowSpec(synthStep());
    const t = template(spec, 'tfserving');
    expect(t.resource.action).toBe('apply');
    expect(t.resource.setOwnerReference).toBeUndefined();
    expect(task(spec, 'tfserving').arguments.parameters).toEqual([{ name: 'working-dir', value: '{{workflow.parameters.working-dir}}' }]);
    const manifest = t.resource.manifest
      .replace(/\{\{workflow\.name\}\}/g, 'workflow1-x7k2p')
      .replace(/\{\{inputs\.parameters\.working-dir\}\}/g, 'gs://bucket/runs');
    const deployment = parse(manifest);
    expect(deploymentErrors([deployment])).toEqual(['']);
    expect(deployment.metadata).toMatchObject({ name: 'workflow1-tfserving', annotations: { 'kfops.dev/workflow': 'workflow1-x7k2p' } });
    const container = deployment.spec.template.spec.containers[0];
    expect(container.args).toContain('--model_base_path=gs://bucket/runs/workflow1-x7k2p/tf/serving_model_dir/export/chicago-taxi');
    expect(container.readinessProbe.httpGet.path).toBe('/v1/models/workflow1-x7k2p');
    expect(container.env).toContainEqual({ name: 'GOOGLE_APPLICATION_CREDENTIALS', value: '/secret/gcp-credentials/user-gcp-sa.json' });
  });

  test('the Deployment it applies has no cdk8s construct address label, and takes an environment\'s default replicas', () => {
    const deployment = (configure: (s: TfServingStep) => void, replicas?: number) => parse(template(workflowSpec(synthChart((chart) => {
      const step = new TfServingStep(new Pipeline(chart, 'p'), 'serve', { modelName: 'taxi', modelBasePath: 'gs://bucket/taxi', replicas });
      configure(step);
    })), 'serve').resource.manifest);
    const applied = deployment((s) => s.setDefaultReplicas(3));
    expect(Object.keys(applied.spec.template.metadata.labels)).toEqual(['app.kubernetes.io/instance', 'app.kubernetes.io/name']);
    expect(applied.spec.replicas).toBe(3);
    expect(deployment((s) => s.setDefaultReplicas(3), 2).spec.replicas).toBe(2);
    expect(deployment(() => undefined).spec.replicas).toBe(1);
  });

  test('applying the GCP secret twice mounts it once', () => {
    const spec = workflowSpec(synthChart((chart) => {
      const p = new Pipeline(chart, 'workflow1');
      new TfServingStep(p, 'tfserving', { modelName: 'm', modelBasePath: 'gs://b/m' }).apply(useGcpSecret()).apply(useGcpSecret());
    }));
    const pod = parse(template(spec, 'tfserving').resource.manifest).spec.template.spec;
    expect(pod.volumes).toHaveLength(1);
    expect(pod.containers[0].volumeMounts).toHaveLength(1);
  });

  test('the Service is synthesized beside the pipeline and selects the Deployment the run applies', () => {
    const objects = synthStep();
    const services = objects.filter((o) => o.kind === 'Service');
    expect(services).toHaveLength(1);
    expect(services[0].metadata.name).toBe('workflow1-tfserving');
    expect(objects.some((o) => o.kind === 'Deployment')).toBe(false);
    const deployment = parse(template(workflowSpec(objects), 'tfserving').resource.manifest);
    expect(deployment.spec.template.metadata.labels).toMatchObject(services[0].spec.selector);
    expect(deployment.spec.selector.matchLabels).toEqual(services[0].spec.selector);
  });

  test('errors in the server options are the step\'s, raised when the step is created', () => {
    expect(() => synthChart((chart) => {
      new TfServingStep(new Pipeline(chart, 'workflow1'), 'tfserving', { modelName: 'm', modelBasePath: 'gs://m', version: 'latest' });
    })).toThrow('[test/workflow1/tfserving] version must be a pinned tensorflow/serving tag');
  });

  test('a model name from the run that TF-Serving cannot take fails at synth, naming the step', () => {
    expect(() => synthChart((chart) => {
      new TfServingStep(new Pipeline(chart, 'workflow1'), 'tfserving', { modelName: 'a/b', modelBasePath: 'gs://m' });
    })).toThrow("[test/workflow1/tfserving] modelName must be a non-empty name without spaces or '/'");
  });
});
