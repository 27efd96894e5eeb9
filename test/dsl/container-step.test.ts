import { Duration, Size } from 'cdk8s';
import { Cpu } from 'cdk8s-plus-27';
import { ContainerStep, fmt, InputParameter, ParameterType, Pipeline, RetryPolicy, ScriptTemplate, SecretKey, WorkflowVariables } from '../../lib';
import { synthChart, task, template, validationErrors, workflowSpec } from '../helpers/synth-chart';

describe('ContainerStep', () => {
  test('parameters become template inputs fed by task arguments; globals stay global', () => {
    const spec = workflowSpec(synthChart((chart) => {
      const p = new Pipeline(chart, 'p');
      const dir = p.addParameter('working-dir', { default: 'gs://b' });
      const steps = p.addParameter('steps', { type: ParameterType.INTEGER, default: 1 });
      new ContainerStep(p, 'train', {
        image: 'trainer:1.0',
        command: ['python', '-m', 'train'],
        args: ['--dir', fmt`${dir}/${WorkflowVariables.name}/tf`, '--steps', steps, '--max', 5, '--verbose', true],
      });
    }));
    expect(template(spec, 'train')).toMatchObject({
      inputs: { parameters: [{ name: 'working-dir' }, { name: 'steps' }] },
      container: {
        image: 'trainer:1.0',
        command: ['python', '-m', 'train'],
        args: ['--dir', '{{inputs.parameters.working-dir}}/{{workflow.name}}/tf', '--steps', '{{inputs.parameters.steps}}', '--max', '5', '--verbose', 'true'],
      },
    });
    expect(task(spec, 'train')).toEqual({
      name: 'train',
      template: 'train',
      arguments: { parameters: [
        { name: 'working-dir', value: '{{workflow.parameters.working-dir}}' },
        { name: 'steps', value: '{{workflow.parameters.steps}}' },
      ] },
    });
  });

  test('env: literals, parameters and Secret keys', () => {
    const spec = workflowSpec(synthChart((chart) => {
      const p = new Pipeline(chart, 'p');
      const project = p.addParameter('project', { default: 'x' });
      new ContainerStep(p, 's', {
        image: 'busybox:1.36',
        env: { PLAIN: 'v', PROJECT: project, TOKEN: SecretKey.of('api', 'token') },
      });
    }));
    expect(template(spec, 's').container.env).toEqual([
      { name: 'PLAIN', value: 'v' },
      { name: 'PROJECT', value: '{{inputs.parameters.project}}' },
      { name: 'TOKEN', valueFrom: { secretKeyRef: { name: 'api', key: 'token' } } },
    ]);
  });

  test('resources, volumes, retries, timeout, scheduling, pod metadata and sidecars', () => {
    const spec = workflowSpec(synthChart((chart) => {
      const p = new Pipeline(chart, 'p');
      new ContainerStep(p, 's', {
        image: 'trainer:1.0',
        resources: {
          cpu: { request: Cpu.millis(500), limit: Cpu.units(2) },
          memory: { request: Size.gibibytes(1), limit: Size.gibibytes(4) },
          gpu: { count: 2 },
        },
        volumes: [{ name: 'data', emptyDir: {} }],
        volumeMounts: [{ name: 'data', mountPath: '/data' }],
        retry: { limit: 3, policy: RetryPolicy.ALWAYS, backoff: { duration: Duration.seconds(10), factor: 3, maxDuration: Duration.minutes(5) } },
        timeout: Duration.hours(2),
        nodeSelector: { pool: 'gpu' },
        tolerations: [{ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' }],
        labels: { team: 'ml' },
        annotations: { note: 'x' },
        sidecars: [{ name: 'proxy', image: 'proxy:2.0', args: ['--port', 8080], mirrorVolumeMounts: true }],
      });
    }));
    expect(template(spec, 's')).toMatchObject({
      container: {
        resources: {
          requests: { cpu: '500m', memory: '1024Mi' },
          limits: { 'cpu': '2', 'memory': '4096Mi', 'nvidia.com/gpu': '2' },
        },
        volumeMounts: [{ name: 'data', mountPath: '/data' }],
      },
      volumes: [{ name: 'data', emptyDir: {} }],
      retryStrategy: { limit: 3, retryPolicy: 'Always', backoff: { duration: '10s', factor: 3, maxDuration: '5m' } },
      activeDeadlineSeconds: 7200,
      nodeSelector: { pool: 'gpu' },
      tolerations: [{ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' }],
      metadata: { labels: { team: 'ml' }, annotations: { note: 'x' } },
      sidecars: [{ name: 'proxy', image: 'proxy:2.0', args: ['--port', '8080'], mirrorVolumeMounts: true }],
    });
  });

  test('GPU vendor key is configurable', () => {
    const spec = workflowSpec(synthChart((chart) => {
      new ContainerStep(new Pipeline(chart, 'p'), 's', { image: 'a:1', resources: { gpu: { count: 1, vendor: 'amd.com/gpu' } } });
    }));
    expect(template(spec, 's').container.resources).toEqual({ limits: { 'amd.com/gpu': '1' } });
  });

  test.each([
    [{ image: '' }, 'image "" is not an image reference: it is empty'],
    [{ image: 'a:1', resources: { gpu: { count: 0 } } }, 'resources.gpu.count must be a whole number >= 1, got 0'],
    [{ image: 'a:1', retry: { limit: -1 } }, 'retry.limit must be a whole number >= 0, got -1'],
    [{ image: 'a:1', env: { 'A=B': 'x' } }, 'environment variable name "A=B" must consist only of printable ASCII characters other than \'=\'; rename it'],
  ])('rejects %j eagerly', (props, message) => {
    expect(() => validationErrors((chart) => new ContainerStep(new Pipeline(chart, 'p'), 's', props))).toThrow(`[test/p/s] ${message}`);
  });

  test('a mount without its volume is a synth error', () => {
    const errors = validationErrors((chart) => {
      new ContainerStep(new Pipeline(chart, 'p'), 's', { image: 'a:1', volumeMounts: [{ name: 'data', mountPath: '/d' }] });
    });
    expect(errors).toEqual(["[test/p/s] volume mount 'data' has no volume of that name; add it with volumes or addVolume()"]);
  });

  // Hera's volume-mounts example: each task mounts the claim its argument names.
  test('a mount named by an input is chosen at run time, so not judged', () => {
    const spec = workflowSpec(synthChart((chart) => {
      const vol = new InputParameter('vol');
      new ScriptTemplate(new Pipeline(chart, 'p'), 's', { inputs: [vol], image: 'python:3.12', source: 'print(1)', volumeMounts: [{ name: vol, mountPath: '/mnt/vol' }] });
    }));
    expect(template(spec, 's').script.volumeMounts).toEqual([{ name: '{{inputs.parameters.vol}}', mountPath: '/mnt/vol' }]);
  });

  test('a literal Argo expression is rejected: references must be objects', () => {
    const errors = validationErrors((chart) => {
      new ContainerStep(new Pipeline(chart, 'p'), 's', { image: 'a:1', args: ['{{workflow.parameters.x}}'] });
    });
    expect(errors[0]).toContain("[test/p/s] the literal \"{{workflow.parameters.x}}\" contains '{{'");
  });

  test('apply() runs reusable options', () => {
    const spec = workflowSpec(synthChart((chart) => {
      new ContainerStep(new Pipeline(chart, 'p'), 's', { image: 'a:1' })
        .apply((s) => s.addEnv('A', '1').addVolume({ name: 'v', emptyDir: {} }).addVolumeMount({ name: 'v', mountPath: '/v' }));
    }));
    expect(template(spec, 's')).toMatchObject({ container: { env: [{ name: 'A', value: '1' }] }, volumes: [{ name: 'v', emptyDir: {} }] });
  });

  test('the same volume name with another source is an error', () => {
    expect(() => validationErrors((chart) => {
      new ContainerStep(new Pipeline(chart, 'p'), 's', { image: 'a:1', volumes: [{ name: 'v', emptyDir: {} }] })
        .pod.addVolume({ name: 'v', secret: { secretName: 'x' } });
    })).toThrow("[test/p/s] volume 'v' is added twice with different sources");
  });
});
