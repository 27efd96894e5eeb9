import { Duration } from 'cdk8s';
import {
  ConcurrencyPolicy, ContainerStep, ContainerTemplate, Pipeline, PodGcStrategy, RetryPolicy, WorkflowKind, WorkflowVariables, fmt,
} from '../../lib';
import { Obj, synthChart, validationErrors } from '../helpers/synth-chart';

const image = 'busybox:1.36';
const only = (objects: Obj[]) => {
  expect(objects).toHaveLength(1);
  return objects[0];
};

describe('pipeline kinds and workflow-level settings', () => {
  test('a Workflow named by generateName, in a namespace, with every workflow-level setting', () => {
    const wf = only(synthChart((chart) => {
      const p = new Pipeline(chart, 'nightly', {
        kind: WorkflowKind.WORKFLOW,
        generateName: 'nightly-',
        namespace: 'ml',
        podGc: { strategy: PodGcStrategy.ON_POD_SUCCESS, deleteDelay: Duration.minutes(2), labelSelector: { matchLabels: { gc: 'yes' } } },
        ttl: { afterSuccess: Duration.hours(1) },
        volumeClaimTemplates: [{ metadata: { name: 'scratch' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
        synchronization: { semaphores: [{ configMapKeyRef: { name: 'limits', key: 'nightly' } }] },
        metrics: { prometheus: [{ name: 'runs', help: 'runs', counter: { value: '1' } }] },
        templateDefaults: { timeout: '10m' },
        retry: { limit: 1, policy: RetryPolicy.ON_ERROR },
        affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [] } },
        securityContext: { runAsNonRoot: true },
        podPriorityClassName: 'batch',
        podMetadata: { labels: { run: fmt`${WorkflowVariables.name}` } },
        podSpecPatch: '{"dnsPolicy": "Default"}',
        artifactRepositoryRef: { configMap: 'repos', key: 'gcs' },
        artifactGc: { strategy: 'OnWorkflowDeletion' },
        archiveLogs: true,
        artifacts: { data: { http: { url: 'https://example.com/data.csv' } } },
        specFields: { priority: 5 },
      });
      p.setEntrypoint(new ContainerTemplate(p, 'main', { image, volumeMounts: [{ name: 'scratch', mountPath: '/s' }] }));
    }));
    expect(wf.metadata).toEqual({
      generateName: 'nightly-', namespace: 'ml', labels: { 'kfops.dev/pipeline': 'nightly' },
      annotations: { 'kfops.dev/parameter-schema': '{"type":"object","properties":{},"additionalProperties":false}' },
    });
    expect(wf.kind).toBe('Workflow');
    expect(wf.spec).toMatchObject({
      entrypoint: 'main',
      podGC: { strategy: 'OnPodSuccess', deleteDelayDuration: '2m', labelSelector: { matchLabels: { gc: 'yes' } } },
      ttlStrategy: { secondsAfterSuccess: 3600 },
      volumeClaimTemplates: [{ metadata: { name: 'scratch' } }],
      synchronization: { semaphores: [{ configMapKeyRef: { name: 'limits', key: 'nightly' } }] },
      metrics: { prometheus: [{ name: 'runs' }] },
      templateDefaults: { timeout: '10m' },
      retryStrategy: { limit: 1, retryPolicy: 'OnError' },
      securityContext: { runAsNonRoot: true },
      podPriorityClassName: 'batch',
      podMetadata: { labels: { run: '{{workflow.name}}' } },
      podSpecPatch: '{"dnsPolicy": "Default"}',
      artifactRepositoryRef: { configMap: 'repos', key: 'gcs' },
      artifactGC: { strategy: 'OnWorkflowDeletion' },
      archiveLogs: true,
      arguments: { artifacts: [{ name: 'data', http: { url: 'https://example.com/data.csv' } }] },
      priority: 5,
    });
    // A Workflow is the run itself: labels are not copied into workflowMetadata.
    expect(wf.spec.workflowMetadata).toBeUndefined();
  });

  test('a CronWorkflow carries its schedule as Argo takes it, and the workflow inline', () => {
    const cron = only(synthChart((chart) => {
      const p = new Pipeline(chart, 'hourly', {
        kind: WorkflowKind.CRON_WORKFLOW,
        cron: { schedules: ['0 * * * *'], timezone: 'Europe/Berlin', concurrencyPolicy: ConcurrencyPolicy.REPLACE, startingDeadline: Duration.minutes(5), stopExpression: 'cronworkflow.failed >= 3' },
      });
      p.setEntrypoint(new ContainerTemplate(p, 'tick', { image }));
    }));
    expect(cron.spec).toEqual({
      schedules: ['0 * * * *'], timezone: 'Europe/Berlin', concurrencyPolicy: 'Replace', startingDeadlineSeconds: 300,
      stopStrategy: { expression: 'cronworkflow.failed >= 3' },
      workflowSpec: { entrypoint: 'tick', templates: [{ name: 'tick', container: { image } }] },
    });
  });

  test('a ClusterWorkflowTemplate of templates has no entrypoint; labels stay off its runs when workflowMetadata is {}', () => {
    const cwt = only(synthChart((chart) => {
      const p = new Pipeline(chart, 'tools', { kind: WorkflowKind.CLUSTER_WORKFLOW_TEMPLATE, labels: { team: 'ml' }, workflowMetadata: {} });
      new ContainerTemplate(p, 'lint', { image });
    }));
    expect(cwt.kind).toBe('ClusterWorkflowTemplate');
    expect(cwt.spec).toEqual({ templates: [{ name: 'lint', container: { image } }] });
  });

  test('a Workflow that runs a WorkflowTemplate deployed elsewhere', () => {
    const wf = only(synthChart((chart) => new Pipeline(chart, 'smoke', { kind: WorkflowKind.WORKFLOW, generateName: 'smoke-', workflowTemplateRef: { name: 'train' } })));
    expect(wf.spec).toEqual({ workflowTemplateRef: { name: 'train' } });
  });

  test('workflow-level hooks and a template exit handler', () => {
    const wt = only(synthChart((chart) => {
      const p = new Pipeline(chart, 'p');
      const done = new ContainerTemplate(p, 'done', { image, args: [WorkflowVariables.status] });
      p.setEntrypoint(new ContainerTemplate(p, 'work', { image })).onExit(done);
      p.addHook('running', { template: done, expression: 'workflow.status == "Running"' });
    }));
    expect(wt.spec).toMatchObject({ entrypoint: 'work', onExit: 'done', hooks: { running: { template: 'done', expression: 'workflow.status == "Running"' } } });
  });

  test.each([
    ['a CronWorkflow without cron', { kind: WorkflowKind.CRON_WORKFLOW }, "[test/p] a pipeline of kind CronWorkflow needs 'cron' (its schedules)"],
    ['cron on a template', { cron: { schedules: ['* * * * *'] } }, "[test/p] 'cron' is only for kind CronWorkflow; use 'schedule' to run a template on a schedule"],
    ['a schedule on a Workflow', { kind: WorkflowKind.WORKFLOW, schedule: { cron: ['0 3 * * *'] } }, "[test/p] 'schedule' and 'run' add objects that run a WorkflowTemplate; a Workflow takes neither"],
  ])('rejects %s', (_label, props, message) => {
    expect(() => validationErrors((chart) => new Pipeline(chart, 'p', props))).toThrow(message);
  });

  test('steps have their own DAG as entrypoint: setEntrypoint on such a pipeline is an error', () => {
    expect(validationErrors((chart) => {
      const p = new Pipeline(chart, 'p');
      new ContainerStep(p, 'a', { image });
      p.setEntrypoint(new ContainerTemplate(p, 't', { image }));
    })).toEqual(['[test/p/t] test/p has steps, whose DAG is its entrypoint; call this template from a TemplateStep instead of making it the entrypoint']);
  });

  test('a mount may name a workflow volume or volume claim template; other names are errors', () => {
    expect(validationErrors((chart) => {
      const p = new Pipeline(chart, 'p', { volumes: [{ name: 'cfg', configMap: { name: 'c' } }], volumeClaimTemplates: [{ metadata: { name: 'work' } }] });
      p.setEntrypoint(new ContainerTemplate(p, 't', { image, volumeMounts: [{ name: 'cfg', mountPath: '/c' }, { name: 'work', mountPath: '/w' }] }));
    })).toEqual([]);
    expect(validationErrors((chart) => {
      const p = new Pipeline(chart, 'p');
      p.setEntrypoint(new ContainerTemplate(p, 't', { image, sidecars: [{ name: 's', image, volumeMounts: [{ name: 'gone', mountPath: '/g' }] }] }));
    })).toEqual(["[test/p/t] volume mount 'gone' has no volume of that name; add it with volumes or addVolume()"]);
  });
});
