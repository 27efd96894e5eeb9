import { Size } from 'cdk8s';
import { Cpu } from 'cdk8s-plus-27';
import {
  ContainerStep, ContainerTemplate, Depends, InputParameter, EnvVarSource, ImagePullPolicy, Pipeline, ResourceAction, ResourceStep, ScriptStep, SecretKey, SuspendStep, fmt,
} from '../../lib';
import { Obj, synthChart, task, template, validationErrors, workflowSpec } from '../helpers/synth-chart';

const image = 'busybox:1.36';
const stepSpec = (define: (p: Pipeline) => void) => workflowSpec(synthChart((chart) => define(new Pipeline(chart, 'p'))));

describe('the pod builder', () => {
  test.each([
    ['strings as users write them', { cpu: '500m', memory: '4Gi' }, { requests: { cpu: '500m', memory: '4Gi' }, limits: { cpu: '500m', memory: '4Gi' } }],
    ['a number of cores', { cpu: 2 }, { requests: { cpu: '2' }, limits: { cpu: '2' } }],
    ['separate request and limit', { cpu: { request: '250m', limit: '1' }, memory: { limit: '512Mi' } }, { requests: { cpu: '250m' }, limits: { cpu: '1', memory: '512Mi' } }],
    ['cdk8s Cpu and Size', { cpu: { request: Cpu.millis(500) }, memory: { request: Size.gibibytes(2) } }, { requests: { cpu: '500m', memory: '2048Mi' } }],
    ['ephemeral storage and GPUs', { ephemeralStorage: '10Gi', gpu: { count: 2 } }, { requests: { 'ephemeral-storage': '10Gi' }, limits: { 'ephemeral-storage': '10Gi', 'nvidia.com/gpu': '2' } }],
  ])('resources: %s', (_label, resources, rendered) => {
    const s = stepSpec((p) => new ContainerStep(p, 's', { image, resources: resources as never }));
    expect(template(s, 's').container.resources).toEqual(rendered);
  });

  test.each([
    [{ memory: '4GB' }, "resources.memory.request \"4GB\" is not a Kubernetes quantity (write e.g. '512Mi' or '4Gi', or use Size)"],
    [{ cpu: { limit: 'lots' } }, "resources.cpu.limit \"lots\" is not a Kubernetes quantity (write e.g. '500m' or '2', or use Cpu)"],
    [{ cpu: 0 }, 'resources.cpu.request must be > 0, got 0'],
    [{ gpu: { count: 1.5 } }, 'resources.gpu.count must be a whole number >= 1, got 1.5'],
  ])('rejects resources %j', (resources, message) => {
    expect(() => validationErrors((chart) => new ContainerStep(new Pipeline(chart, 'p'), 's', { image, resources: resources as never })))
      .toThrow(`[test/p/s] ${message}`);
  });

  test('env from literals, references, Secret and ConfigMap keys, pod fields and any source; bulk envFrom', () => {
    const s = stepSpec((p) => {
      const region = p.addParameter('region', { default: 'eu' });
      new ContainerStep(p, 's', {
        image,
        env: {
          PLAIN: 'v', REGION: region, TOKEN: SecretKey.of('api', 'token', true),
          ZONE: EnvVarSource.configMapKey('settings', 'zone'), POD: EnvVarSource.field('metadata.name'),
          MEM: EnvVarSource.of({ resourceFieldRef: { resource: 'limits.memory' } }),
        },
        envFrom: [{ secretRef: { name: 'bulk' } }],
      });
    });
    expect(template(s, 's').container).toMatchObject({
      env: [
        { name: 'PLAIN', value: 'v' },
        { name: 'REGION', value: '{{inputs.parameters.region}}' },
        { name: 'TOKEN', valueFrom: { secretKeyRef: { name: 'api', key: 'token', optional: true } } },
        { name: 'ZONE', valueFrom: { configMapKeyRef: { name: 'settings', key: 'zone' } } },
        { name: 'POD', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
        { name: 'MEM', valueFrom: { resourceFieldRef: { resource: 'limits.memory' } } },
      ],
      envFrom: [{ secretRef: { name: 'bulk' } }],
    });
  });

  test('placement, security contexts, sidecars and init containers, and the container escape hatch', () => {
    const s = stepSpec((p) => {
      const zone = p.addParameter('zone', { default: 'a' });
      new ContainerStep(p, 's', {
        image, imagePullPolicy: ImagePullPolicy.ALWAYS, ports: [{ containerPort: 8080 }],
        nodeSelector: { zone }, tolerations: [{ key: 'gpu', operator: 'Exists' }],
        affinity: { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [] } },
        priorityClassName: 'high', serviceAccountName: 'trainer', automountServiceAccountToken: false, schedulerName: 'volcano',
        securityContext: { runAsUser: 1000 }, containerSecurityContext: { readOnlyRootFilesystem: true },
        volumes: [{ name: 'cache', emptyDir: {} }], volumeMounts: [{ name: 'cache', mountPath: '/cache' }],
        sidecars: [{ name: 'proxy', image: 'envoyproxy/envoy:v1.30.1', args: ['--port', 9901], env: { LEVEL: 'info' } }],
        initContainers: [{ name: 'fetch', image, command: ['wget', fmt`http://x/${zone}`], mirrorVolumeMounts: true }],
        container: { readinessProbe: { httpGet: { path: '/ready', port: 8080 } } },
      });
    });
    expect(template(s, 's')).toMatchObject({
      container: {
        name: 'main', imagePullPolicy: 'Always', ports: [{ containerPort: 8080 }], securityContext: { readOnlyRootFilesystem: true },
        readinessProbe: { httpGet: { path: '/ready', port: 8080 } }, volumeMounts: [{ name: 'cache', mountPath: '/cache' }],
      },
      nodeSelector: { zone: '{{inputs.parameters.zone}}' },
      tolerations: [{ key: 'gpu', operator: 'Exists' }],
      affinity: { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [] } },
      priorityClassName: 'high', serviceAccountName: 'trainer', automountServiceAccountToken: false, schedulerName: 'volcano',
      securityContext: { runAsUser: 1000 },
      volumes: [{ name: 'cache', emptyDir: {} }],
      sidecars: [{ name: 'proxy', image: 'envoyproxy/envoy:v1.30.1', args: ['--port', '9901'], env: [{ name: 'LEVEL', value: 'info' }] }],
      initContainers: [{ name: 'fetch', image, command: ['wget', 'http://x/{{inputs.parameters.zone}}'], mirrorVolumeMounts: true }],
    });
  });

  test.each([
    ['a prop and the escape hatch setting one field', { container: { image: 'other' } }, "[test/p/s] container.image is set twice, by a prop and by 'container'; remove it from 'container'"],
    ['a sidecar named like the main container', { sidecars: [{ name: 'main', image }] }, "[test/p/s] sidecar name 'main' is already used in this pod"],
  ])('rejects %s', (_label, props, message) => {
    expect(() => synthChart((chart) => new ContainerStep(new Pipeline(chart, 'p'), 's', { image, ...(props as object) }))).toThrow(message);
  });
});

describe('pipeline steps of every kind', () => {
  test('artifacts passed from step to step wire the template input and the dependency', () => {
    const s = stepSpec((p) => {
      const prep = new ContainerStep(p, 'prep', { image, outputArtifacts: { data: { path: '/out', archive: { none: {} } } } });
      new ContainerStep(p, 'train', { image, inputArtifacts: { data: { path: '/in', from: prep.outputArtifact('data') } } });
    });
    expect(template(s, 'prep').outputs).toEqual({ artifacts: [{ name: 'data', path: '/out', archive: { none: {} } }] });
    expect(template(s, 'train').inputs).toEqual({ artifacts: [{ name: 'data', path: '/in' }] });
    expect(task(s, 'train')).toEqual({
      name: 'train', template: 'train', dependencies: ['prep'],
      arguments: { artifacts: [{ name: 'data', from: '{{tasks.prep.outputs.artifacts.data}}' }] },
    });
  });

  test('a script step, an approval gate and a resource step, ordered by results', () => {
    const s = stepSpec((p) => {
      const sides = p.addParameter('sides', { default: '6' });
      const roll = new ScriptStep(p, 'roll', { image: 'python:3.12-alpine', command: ['python'], source: fmt`import random\nprint(random.randint(1, ${sides}))` });
      const gate = new SuspendStep(p, 'approve', { depends: Depends.succeeded(roll) });
      new ResourceStep(p, 'record', {
        action: ResourceAction.CREATE, depends: Depends.all(gate, roll), continueOn: { error: true },
        manifest: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { generateName: 'roll-' }, data: { value: roll.result } },
        memoize: { key: fmt`${roll.result}`, configMap: { name: 'rolls' } },
      });
    });
    expect(template(s, 'roll').script).toEqual({
      name: 'main', image: 'python:3.12-alpine', command: ['python'], source: 'import random\nprint(random.randint(1, {{inputs.parameters.sides}}))',
    });
    expect(template(s, 'approve')).toEqual({ name: 'approve', suspend: {} });
    expect(task(s, 'approve')).toEqual({ name: 'approve', template: 'approve', depends: 'roll.Succeeded' });
    expect(task(s, 'record')).toMatchObject({
      depends: 'approve && roll', continueOn: { error: true },
      arguments: { parameters: [{ name: 'roll-result', value: '{{tasks.roll.outputs.result}}' }] },
    });
    expect(template(s, 'record')).toMatchObject({
      resource: { action: 'create', manifest: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  generateName: roll-\ndata:\n  value: "{{inputs.parameters.roll-result}}"\n' },
      memoize: { key: '{{inputs.parameters.roll-result}}', cache: { configMap: { name: 'rolls' } } },
    });
  });

  test('depends must name every step whose outputs a step reads', () => {
    expect(validationErrors((chart) => {
      const p = new Pipeline(chart, 'p');
      const a = new ScriptStep(p, 'a', { image, command: ['sh'], source: 'echo 1' });
      const b = new ContainerStep(p, 'b', { image });
      new ContainerStep(p, 'c', { image, depends: Depends.failed(b), args: [a.result] });
    })).toEqual(["[test/p/c] runs after 'a' (after() or an output it reads), which its depends expression does not name; add it, e.g. Depends.all(<expression>, a)"]);
  });

  test('a step hook may read the step\'s own outputs', () => {
    const s = stepSpec((p) => {
      const work = new ScriptStep(p, 'work', { image, command: ['sh'], source: 'echo done' });
      const notify = new ContainerTemplate(p, 'notify', { image, inputs: [new InputParameter('text')] });
      work.addHook('exit', { template: notify, arguments: { parameters: { text: work.status } } });
    });
    expect(task(s, 'work').hooks).toEqual({ exit: { template: 'notify', arguments: { parameters: [{ name: 'text', value: '{{tasks.work.status}}' }] } } });
    expect(s.templates.map((t: Obj) => t.name)).toContain('notify');
  });
});
