import { Chart, Duration, Testing } from 'cdk8s';
import { parse } from 'yaml';
import { ConcurrencyPolicy, ContainerStep, Pipeline, PodGcStrategy } from '../../lib';
import { synthChart, validationErrors } from '../helpers/synth-chart';

const image = 'busybox:1.36';

describe('Pipeline', () => {
  test('run-level settings compile into the WorkflowTemplate spec', () => {
    const objects = synthChart((chart) => {
      const p = new Pipeline(chart, 'Train_Pipeline', {
        description: 'trains',
        serviceAccountName: 'kfops-runner',
        labels: { team: 'ml' },
        annotations: { owner: 'ml-platform' },
        ttl: { afterCompletion: Duration.days(1), afterSuccess: Duration.hours(1), afterFailure: Duration.days(3) },
        podGc: PodGcStrategy.ON_POD_SUCCESS,
        parallelism: 4,
        activeDeadline: Duration.hours(6),
        imagePullSecrets: ['regcred'],
        nodeSelector: { pool: 'cpu' },
        tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'ml', effect: 'NoSchedule' }],
        volumes: [{ name: 'cache', emptyDir: {} }],
      });
      new ContainerStep(p, 's', { image });
    });
    expect(objects).toHaveLength(1);
    expect(objects[0]).toMatchObject({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'WorkflowTemplate',
      metadata: {
        name: 'train-pipeline',
        labels: { 'team': 'ml', 'kfops.dev/pipeline': 'train-pipeline' },
        annotations: { 'owner': 'ml-platform', 'workflows.argoproj.io/description': 'trains' },
      },
      spec: {
        entrypoint: 'train-pipeline',
        serviceAccountName: 'kfops-runner',
        ttlStrategy: { secondsAfterCompletion: 86400, secondsAfterSuccess: 3600, secondsAfterFailure: 259200 },
        podGC: { strategy: 'OnPodSuccess' },
        parallelism: 4,
        activeDeadlineSeconds: 21600,
        imagePullSecrets: [{ name: 'regcred' }],
        nodeSelector: { pool: 'cpu' },
        tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'ml', effect: 'NoSchedule' }],
        volumes: [{ name: 'cache', emptyDir: {} }],
        workflowMetadata: { labels: { team: 'ml' }, annotations: { owner: 'ml-platform' } },
      },
    });
    expect(objects[0].spec.templates[0]).toEqual({ name: 'train-pipeline', dag: { tasks: [{ name: 's', template: 's' }] } });
  });

  test('a schedule adds a CronWorkflow referencing the template', () => {
    const objects = synthChart((chart) => {
      const p = new Pipeline(chart, 'nightly', {
        schedule: { cron: ['0 3 * * *'], timezone: 'Europe/Paris', concurrencyPolicy: ConcurrencyPolicy.REPLACE, startingDeadline: Duration.minutes(5) },
      });
      new ContainerStep(p, 's', { image });
    });
    expect(objects.find((o) => o.kind === 'CronWorkflow')).toEqual({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'CronWorkflow',
      metadata: { name: 'nightly', labels: { 'kfops.dev/pipeline': 'nightly' } },
      spec: {
        schedules: ['0 3 * * *'],
        timezone: 'Europe/Paris',
        concurrencyPolicy: 'Replace',
        startingDeadlineSeconds: 300,
        successfulJobsHistoryLimit: 3,
        failedJobsHistoryLimit: 1,
        workflowSpec: { workflowTemplateRef: { name: 'nightly' } },
      },
    });
  });

  test('a run adds a Workflow: by default a named Argo CD PostSync hook that creates the run, else the run itself', () => {
    const objects = synthChart((chart) => {
      new ContainerStep(new Pipeline(chart, 'p', { run: {}, serviceAccountName: 'runner' }), 's', { image });
      new ContainerStep(new Pipeline(chart, 'q', { run: { onSync: false } }), 's', { image });
    });
    const runs = objects.filter((o) => o.kind === 'Workflow');
    const manifest = runs[0].spec.templates[0].resource.manifest;
    expect(parse(manifest)).toEqual({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Workflow',
      metadata: { generateName: 'p-', labels: { 'kfops.dev/pipeline': 'p' } },
      spec: { workflowTemplateRef: { name: 'p' } },
    });
    expect(runs[0]).toEqual({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Workflow',
      metadata: {
        name: 'p-on-sync',
        labels: { 'kfops.dev/pipeline': 'p' },
        annotations: { 'argocd.argoproj.io/hook': 'PostSync', 'argocd.argoproj.io/hook-delete-policy': 'BeforeHookCreation' },
      },
      spec: {
        entrypoint: 'run',
        serviceAccountName: 'runner',
        templates: [{
          name: 'run',
          resource: {
            action: 'create',
            setOwnerReference: true,
            successCondition: 'status.phase == Succeeded',
            failureCondition: 'status.phase in (Failed,Error)',
            manifest,
          },
          outputs: { parameters: [{ name: 'run-name', valueFrom: { jsonPath: '{.metadata.name}' } }] },
        }],
      },
    });
    expect(runs[1].metadata).toEqual({ generateName: 'q-', labels: { 'kfops.dev/pipeline': 'q' } });
    expect(runs[1].spec).toEqual({ workflowTemplateRef: { name: 'q' } });
  });

  test('the namespace comes from the chart (the environment)', () => {
    const chart = new Chart(Testing.app(), 'prod', { namespace: 'ml-prod' });
    new ContainerStep(new Pipeline(chart, 'p', { schedule: { cron: ['@daily'] } }), 's', { image });
    expect(Testing.synth(chart).map((o) => o.metadata.namespace)).toEqual(['ml-prod', 'ml-prod']);
  });

  test.each([
    [{ parallelism: 0 }, 'parallelism must be a whole number >= 1, got 0'],
    [{ schedule: { cron: [] } }, 'schedule.cron needs at least one cron expression'],
    [{ name: '___' }, "pipeline name '___' has no letters or digits"],
  ])('rejects %j', (props, message) => {
    expect(() => validationErrors((chart) => new Pipeline(chart, 'p', props))).toThrow(message);
  });

  test('a pipeline has one exit handler, from its own steps', () => {
    expect(() => validationErrors((chart) => {
      const p = new Pipeline(chart, 'p');
      p.onExit(new ContainerStep(p, 'a', { image }));
      p.onExit(new ContainerStep(p, 'b', { image }));
    })).toThrow('test/p already has the exit handler test/p/a');
    expect(() => validationErrors((chart) => {
      const p = new Pipeline(chart, 'p');
      new Pipeline(chart, 'q').onExit(new ContainerStep(p, 'a', { image }));
    })).toThrow('[test/p/a] the exit handler must be a step or template of test/q');
  });
});
