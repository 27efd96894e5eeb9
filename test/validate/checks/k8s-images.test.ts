import { checkKubernetesNative } from '../../../lib/validate/checks';
import { KubeObject } from '../../../lib/validate/object-index';
import { runCheck, workflow } from '../builders';

/**
 * Image references in every place a container is written, read as the kubelet reads them (kubelet
 * applyDefaultImageTag: distribution/reference ParseNormalizedNamed); the API server only refuses an empty image
 * and, in a Pod, surrounding whitespace (validateContainerCommon, validateContainersOnlyForPod).
 */

const BAD = ['https://x/y:1', '::1.0.0', '@sha256:abc', 'gcr.io/My/Extract:1.0.0', 'nginx:1.25 '];
const GOOD = 'registry.example.com/team/app:1.0';

const c = (image: unknown, name = 'main'): Record<string, unknown> => ({ name, image });
const podSpec = (image: unknown) => ({ containers: [c(image)] });
const template = (image: unknown) => ({ metadata: { labels: { app: 'a' } }, spec: podSpec(image) });
const meta = { name: 'x' };

/** [where, object with the image at `path`, path] */
const PLACES: [string, (image: unknown) => KubeObject, string][] = [
  ['Pod', (i) => ({ apiVersion: 'v1', kind: 'Pod', metadata: meta, spec: podSpec(i) }), 'spec.containers[0].image'],
  ['Pod init container', (i) => ({ apiVersion: 'v1', kind: 'Pod', metadata: meta, spec: { initContainers: [c(i, 'init')], containers: [c(GOOD)] } }),
    'spec.initContainers[0].image'],
  ['Deployment', (i) => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: meta, spec: { selector: { matchLabels: { app: 'a' } }, template: template(i) } }),
    'spec.template.spec.containers[0].image'],
  ['Job', (i) => ({ apiVersion: 'batch/v1', kind: 'Job', metadata: meta, spec: { template: { spec: { restartPolicy: 'Never', containers: [c(i)] } } } }),
    'spec.template.spec.containers[0].image'],
  ['CronJob', (i) => ({ apiVersion: 'batch/v1', kind: 'CronJob', metadata: meta,
    spec: { schedule: '@daily', jobTemplate: { spec: { template: { spec: { restartPolicy: 'Never', containers: [c(i)] } } } } } }),
  'spec.jobTemplate.spec.template.spec.containers[0].image'],
  ['TFJob replica', (i) => ({ apiVersion: 'kubeflow.org/v1', kind: 'TFJob', metadata: meta,
    spec: { tfReplicaSpecs: { Worker: { replicas: 2, template: { spec: { containers: [c(i, 'tensorflow')] } } } } } }),
  'spec.tfReplicaSpecs.Worker.template.spec.containers[0].image'],
  ['Argo container template', (i) => workflow([{ name: 'main', container: { image: i } }]), 'spec.templates[0].container.image'],
  ['Argo script template', (i) => workflow([{ name: 'main', script: { image: i, source: 'print(1)' } }]), 'spec.templates[0].script.image'],
  ['Argo initContainer', (i) => workflow([{ name: 'main', container: { image: GOOD }, initContainers: [c(i, 'init')] }]), 'spec.templates[0].initContainers[0].image'],
  ['Argo sidecar', (i) => workflow([{ name: 'main', container: { image: GOOD }, sidecars: [c(i, 'proxy')] }]), 'spec.templates[0].sidecars[0].image'],
  ['Argo containerSet', (i) => workflow([{ name: 'main', containerSet: { containers: [c(i)] } }]), 'spec.templates[0].containerSet.containers[0].image'],
  ['Argo inline DAG task', (i) => workflow([{ name: 'main', dag: { tasks: [{ name: 't', inline: { container: { image: i } } }] } }]),
    'spec.templates[0].dag.tasks[0].inline.container.image'],
  ['Argo inline step', (i) => workflow([{ name: 'main', steps: [[{ name: 's', inline: { script: { image: i, source: 'x' } } }]] }]),
    'spec.templates[0].steps[0][0].inline.script.image'],
  ['CronWorkflow', (i) => ({ apiVersion: 'argoproj.io/v1alpha1', kind: 'CronWorkflow', metadata: meta,
    spec: { schedules: ['0 * * * *'], workflowSpec: { entrypoint: 'main', templates: [{ name: 'main', container: { image: i } }] } } }),
  'spec.workflowSpec.templates[0].container.image'],
  ['WorkflowTemplate templateDefaults', (i) => workflow([{ name: 'main', container: { command: ['x'] } }], { templateDefaults: { container: { image: i } } }, 'WorkflowTemplate'),
    'spec.templateDefaults.container.image'],
  ['templateDefaults sidecar', (i) => workflow([{ name: 'main', container: { image: GOOD } }], { templateDefaults: { sidecars: [c(i, 'proxy')] } }),
    'spec.templateDefaults.sidecars[0].image'],
];

const imageFindings = (object: KubeObject) => runCheck(checkKubernetesNative, object)
  .filter((v) => v.rule === 'k8s/image-reference').map((v) => `${v.severity} ${v.path}`);

describe.each(PLACES)('the image of: %s', (_where, build, path) => {
  test.each(BAD)('%j is an error', (image) => {
    expect(imageFindings(build(image))).toEqual([`error ${path}`]);
  });

  test.each([GOOD, '{{inputs.parameters.image}}', '{{=inputs.parameters.repo + ":" + inputs.parameters.tag}}', 'gcr.io/proj/{{workflow.parameters.name}}:1'])(
    '%j passes (templated values are judged once substituted)', (image) => {
      expect(imageFindings(build(image))).toEqual([]);
    });
});

describe('image reference messages and severities', () => {
  const pod = (image: string): KubeObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: meta, spec: podSpec(image) });
  const deployment = PLACES[2][1];

  test('a grammar error says what the kubelet does and how to write a reference', () => {
    expect(runCheck(checkKubernetesNative, pod('gcr.io/My/Extract:1.0.0'))).toEqual([expect.objectContaining({
      severity: 'error', path: 'spec.containers[0].image', rule: 'k8s/image-reference',
      message: 'image "gcr.io/My/Extract:1.0.0" is not an image reference: repository path \'My/Extract\' must be lowercase; '
        + 'the kubelet refuses it (InvalidImageName), so the container never starts',
      fix: "write [registry[:port]/]repository[:tag][@digest], e.g. 'gcr.io/my-project/trainer:1.4.0'",
    })]);
  });

  test('surrounding whitespace is the API server\'s refusal', () => {
    expect(runCheck(checkKubernetesNative, pod(' nginx:1.25'))[0]).toMatchObject({
      severity: 'error', message: 'image " nginx:1.25" has leading or trailing whitespace, which the API server refuses in a Pod',
    });
  });

  test('a blank image is a placeholder in a pod template (a warning), an error in a Pod or an Argo template', () => {
    expect(imageFindings(deployment(' '))).toEqual(['warning spec.template.spec.containers[0].image']);
    expect(imageFindings(pod(' '))).toEqual(['error spec.containers[0].image']);
    expect(imageFindings(PLACES[6][1](' '))).toEqual(['error spec.templates[0].container.image']);
  });

  test('an uppercase first component is a registry host to the kubelet: a warning, wherever it is', () => {
    for (const [, build, path] of PLACES) expect(imageFindings(build('MyOrg/trainer:1.0'))).toEqual([`warning ${path}`]);
    expect(runCheck(checkKubernetesNative, pod('MyOrg/trainer:1.0'))[0].message).toBe(
      "image \"MyOrg/trainer:1.0\": 'MyOrg' has uppercase letters, so the kubelet reads it as a registry host, not a Docker Hub account "
      + "(write 'myorg/trainer:1.0' for Docker Hub)");
  });

  test('an empty or missing image is left to the missing-image checks', () => {
    expect(imageFindings(pod(''))).toEqual([]);
    expect(imageFindings(PLACES[0][1](undefined))).toEqual([]);
  });
});
