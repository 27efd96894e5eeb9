import { Duration } from 'cdk8s';
import {
  ContainerSetTemplate, ContainerTemplate, DagTask, DagTemplate, DataTemplate, HttpTemplate, InputArtifact, InputParameter,
  MergeStrategy, OutputArtifact, OutputParameter, Pipeline, PluginTemplate, ResourceAction, ResourceTemplate, RetryPolicy,
  ScriptTemplate, SuspendTemplate, WorkflowVariables, fmt,
} from '../../lib';
import { synthChart, template, validationErrors, workflowSpec } from '../helpers/synth-chart';

/** The spec of a pipeline built by `define`, with `entry` its entrypoint. */
function spec(define: (p: Pipeline) => { entry?: ContainerTemplate | DagTemplate } | void) {
  return workflowSpec(synthChart((chart) => {
    const p = new Pipeline(chart, 'p');
    const got = define(p);
    if (got && got.entry) p.setEntrypoint(got.entry);
  }));
}

describe('Argo-native templates', () => {
  test('a container template: declared inputs become {{inputs...}}, pipeline parameters {{workflow.parameters...}}', () => {
    const s = spec((p) => {
      const epochs = p.addParameter('epochs', { default: '3' });
      const message = new InputParameter('message', { default: 'hi', description: 'what to print' });
      const data = new InputArtifact('data', { path: '/data', http: { url: 'https://example.com/d.csv' } });
      return {
        entry: new ContainerTemplate(p, 'print', {
          inputs: [message, data],
          image: 'busybox:1.36',
          command: ['sh', '-c'],
          args: [fmt`echo ${message} ${epochs} < ${data.path}`],
        }),
      };
    });
    expect(s.entrypoint).toBe('print');
    expect(template(s, 'print')).toEqual({
      name: 'print',
      inputs: {
        parameters: [{ name: 'message', default: 'hi', description: 'what to print' }],
        artifacts: [{ name: 'data', path: '/data', http: { url: 'https://example.com/d.csv' } }],
      },
      container: {
        image: 'busybox:1.36',
        command: ['sh', '-c'],
        args: ['echo {{inputs.parameters.message}} {{workflow.parameters.epochs}} < {{inputs.artifacts.data.path}}'],
      },
    });
    // A template of templates has no DAG of its own.
    expect(s.templates.map((t: { name: string }) => t.name)).toEqual(['print']);
  });

  test('a script template: source, result and outputs', () => {
    const s = spec((p) => {
      const n = new InputParameter('n');
      const out = new OutputParameter('doubled', { valueFrom: { path: '/tmp/out' }, globalName: 'doubled' });
      const script = new ScriptTemplate(p, 'double', {
        inputs: [n], outputs: [out], image: 'python:3.12-alpine', command: ['python'],
        source: fmt`print(2 * ${n})\nopen("${out.path}", "w").write(str(2 * ${n}))`,
      });
      return { entry: script };
    });
    expect(template(s, 'double')).toMatchObject({
      outputs: { parameters: [{ name: 'doubled', valueFrom: { path: '/tmp/out' }, globalName: 'doubled' }] },
      script: {
        image: 'python:3.12-alpine',
        command: ['python'],
        source: 'print(2 * {{inputs.parameters.n}})\nopen("{{outputs.parameters.doubled.path}}", "w").write(str(2 * {{inputs.parameters.n}}))',
      },
    });
  });

  test('a resource template: an object manifest is written as YAML; get and delete may go by flags alone', () => {
    const s = spec((p) => {
      const replicas = new InputParameter('replicas');
      new ResourceTemplate(p, 'scale', {
        inputs: [replicas], action: ResourceAction.PATCH, mergeStrategy: MergeStrategy.MERGE,
        manifest: { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'server' }, spec: { replicas } },
        successCondition: fmt`status.readyReplicas == ${replicas}`,
      });
      new ResourceTemplate(p, 'cleanup', { action: ResourceAction.DELETE, flags: ['jobs', '--selector', 'stale=true'] });
    });
    expect(template(s, 'scale').resource).toEqual({
      action: 'patch',
      mergeStrategy: 'merge',
      manifest: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: server\nspec:\n  replicas: "{{inputs.parameters.replicas}}"\n',
      successCondition: 'status.readyReplicas == {{inputs.parameters.replicas}}',
    });
    expect(template(s, 'cleanup').resource).toEqual({ action: 'delete', flags: ['jobs', '--selector', 'stale=true'] });
  });

  test('suspend, HTTP, container set, data and plugin templates', () => {
    const s = spec((p) => {
      new SuspendTemplate(p, 'approve', { outputs: [new OutputParameter('ok', { valueFrom: { supplied: {} }, enum: ['yes', 'no'] })] });
      new SuspendTemplate(p, 'wait', { duration: Duration.minutes(5) });
      new HttpTemplate(p, 'ping', { url: 'https://example.com/health', successCondition: 'response.statusCode == 200', requestTimeout: Duration.seconds(10) });
      new ContainerSetTemplate(p, 'pair', {
        volumes: [{ name: 'w', emptyDir: {} }],
        volumeMounts: [{ name: 'w', mountPath: '/w' }],
        containers: [{ name: 'a', image: 'busybox:1.36', args: ['touch', '/w/a', 1] }, { name: 'b', image: 'busybox:1.36', dependencies: ['a'] }],
        containerRetryStrategy: { retries: '2' },
      });
      new DataTemplate(p, 'csvs', { source: { artifactPaths: { name: 'f', s3: { bucket: 'b' } } }, transformation: [{ expression: 'filter(data, {# endsWith ".csv"})' }] });
      new PluginTemplate(p, 'chat', { plugin: { chat: { text: fmt`done: ${WorkflowVariables.name}` } } });
    });
    expect(template(s, 'approve')).toEqual({
      name: 'approve', suspend: {}, outputs: { parameters: [{ name: 'ok', valueFrom: { supplied: {} }, enum: ['yes', 'no'] }] },
    });
    expect(template(s, 'wait').suspend).toEqual({ duration: '5m' });
    expect(template(s, 'ping').http).toEqual({ url: 'https://example.com/health', successCondition: 'response.statusCode == 200', timeoutSeconds: 10 });
    expect(template(s, 'pair')).toMatchObject({
      volumes: [{ name: 'w', emptyDir: {} }],
      containerSet: {
        volumeMounts: [{ name: 'w', mountPath: '/w' }],
        containers: [{ name: 'a', image: 'busybox:1.36', args: ['touch', '/w/a', '1'] }, { name: 'b', image: 'busybox:1.36', dependencies: ['a'] }],
        retryStrategy: { retries: '2' },
      },
    });
    expect(template(s, 'csvs').data.transformation).toEqual([{ expression: 'filter(data, {# endsWith ".csv"})' }]);
    expect(template(s, 'chat').plugin).toEqual({ chat: { text: 'done: {{workflow.name}}' } });
  });

  test('retries, deadlines, caching, synchronization, metrics and pod metadata of any template', () => {
    const s = spec((p) => {
      const key = new InputParameter('key');
      const out = new OutputParameter('n', { valueFrom: { path: '/tmp/n' } });
      new ContainerTemplate(p, 't', {
        inputs: [key], outputs: [out], image: 'busybox:1.36',
        labels: { team: 'ml' }, annotations: { note: fmt`key ${key}` },
        retry: { limit: 3, policy: RetryPolicy.ON_TRANSIENT_ERROR, backoff: { duration: Duration.seconds(10), factor: 2, maxDuration: Duration.minutes(5) }, nodeAntiAffinity: true },
        activeDeadline: Duration.hours(1),
        timeout: Duration.minutes(90),
        memoize: { key: fmt`${key}`, maxAge: Duration.hours(24), configMap: { name: 'cache' } },
        synchronization: { mutexes: [{ name: fmt`lock-${key}` }], semaphores: [{ configMapKeyRef: { name: 'limits', key: 't' } }] },
        metrics: { prometheus: [{ name: 'n', help: 'n', gauge: { value: out, realtime: false } }] },
        podSpecPatch: '{"terminationGracePeriodSeconds": 5}',
      });
    });
    expect(template(s, 't')).toMatchObject({
      metadata: { labels: { team: 'ml' }, annotations: { note: 'key {{inputs.parameters.key}}' } },
      retryStrategy: { limit: 3, retryPolicy: 'OnTransientError', backoff: { duration: '10s', factor: 2, maxDuration: '5m' }, affinity: { nodeAntiAffinity: {} } },
      activeDeadlineSeconds: 3600,
      timeout: '1h30m',
      memoize: { key: '{{inputs.parameters.key}}', maxAge: '24h', cache: { configMap: { name: 'cache' } } },
      synchronization: { mutexes: [{ name: 'lock-{{inputs.parameters.key}}' }], semaphores: [{ configMapKeyRef: { name: 'limits', key: 't' } }] },
      metrics: { prometheus: [{ name: 'n', help: 'n', gauge: { value: '{{outputs.parameters.n}}', realtime: false } }] },
      podSpecPatch: '{"terminationGracePeriodSeconds": 5}',
    });
  });

  test('output artifacts: archive, GC and locations', () => {
    const s = spec((p) => new ContainerTemplate(p, 'a', {
      image: 'busybox:1.36',
      outputs: [new OutputArtifact('model', { path: '/m', archive: { none: {} }, artifactGC: { strategy: 'OnWorkflowDeletion' }, s3: { key: fmt`m/${WorkflowVariables.uid}` } })],
    }) && undefined);
    expect(template(s, 'a').outputs.artifacts).toEqual([
      { name: 'model', path: '/m', archive: { none: {} }, artifactGC: { strategy: 'OnWorkflowDeletion' }, s3: { key: 'm/{{workflow.uid}}' } },
    ]);
  });

  test('the escape hatch writes fields kfops has no prop for, and refuses to set what kfops sets', () => {
    const s = spec((p) => new ContainerTemplate(p, 'a', { image: 'busybox:1.36', extraFields: { priority: 3, podResources: { limits: { cpu: '1' } } } }) && undefined);
    expect(template(s, 'a')).toMatchObject({ priority: 3, podResources: { limits: { cpu: '1' } } });
    expect(validationErrors((chart) => new ContainerTemplate(new Pipeline(chart, 'p'), 'a', { image: 'busybox:1.36', extraFields: { container: { name: 'main', image: 'x' } } })))
      .toEqual(['[test/p/a] extraFields.container is also set by kfops; set it with the prop instead']);
  });

  test.each([
    ['an invalid template name', (p: Pipeline) => new ContainerTemplate(p, 'bad_name', { image: 'busybox:1.36' }),
      "[test/p/bad_name] template name 'bad_name' must consist of letters, digits and '-', and start with a letter or digit; set 'name'"],
    ['an input declared twice', (p: Pipeline) => new ContainerTemplate(p, 'a', { image: 'busybox:1.36', inputs: [new InputParameter('x'), new InputParameter('x')] }),
      "[test/p/a] input parameter 'x' is declared twice; declare it once"],
    ['an image that is not a reference', (p: Pipeline) => new ContainerTemplate(p, 'a', { image: 'gcr.io/My/Extract:1.0.0' }),
      "[test/p/a] image \"gcr.io/My/Extract:1.0.0\" is not an image reference: repository path 'My/Extract' must be lowercase (expected [registry[:port]/]repository[:tag][@digest], e.g. 'gcr.io/my-project/trainer:1.4.0')"],
    ['a create without its object', (p: Pipeline) => new ResourceTemplate(p, 'r', { action: ResourceAction.CREATE }),
      '[test/p/r] a create needs the object: give manifest or manifestFrom'],
  ])('rejects %s eagerly', (_label, make, message) => {
    expect(() => validationErrors((chart) => make(new Pipeline(chart, 'p')))).toThrow(message);
  });

  test('a template body cannot read another template\'s input, nor task outputs', () => {
    const errors = validationErrors((chart) => {
      const p = new Pipeline(chart, 'p');
      const other = new InputParameter('other');
      new ContainerTemplate(p, 'a', { image: 'busybox:1.36', inputs: [other] });
      const b = new ContainerTemplate(p, 'b', { image: 'busybox:1.36', args: [other] });
      const dag = new DagTemplate(p, 'main');
      const t = new DagTask(dag, 'A', { template: b });
      new ContainerTemplate(p, 'c', { image: 'busybox:1.36', args: [t.result] });
    });
    expect(errors).toEqual(["[test/p/b] uses input parameter 'other', which template 'b' does not declare; add it to the template's inputs"]);
  });
});
