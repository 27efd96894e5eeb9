import { checkArgoWorkflow, checkTfJobAdmission } from '../../../../lib/validate/checks';
import { KubeObject, ObjectIndex } from '../../../../lib/validate/object-index';
import { validateManifests } from '../../../../lib/validate';
import { runCheck, workflow } from '../../builders';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const replica = (containers: unknown[]) => ({ replicas: 1, template: { spec: { containers } } });
const tf = { name: 'tensorflow', image: 'tensorflow/tensorflow:2.15.0' };

function tfJob(replicaSpecs: Record<string, unknown>, metadata: Record<string, unknown> = { name: 'mnist' }, spec: Record<string, unknown> = {}): KubeObject {
  return { apiVersion: 'kubeflow.org/v1', kind: 'TFJob', metadata, spec: { ...spec, tfReplicaSpecs: replicaSpecs } };
}

const paths = (object: KubeObject) => runCheck(checkTfJobAdmission, object).map((v) => `${v.path} ${v.severity}:${v.rule}`);

// Training Operator v1.8/v1.9 pkg/webhooks/tensorflow/tfjob_webhook.go validateTFJob and validateTFReplicaSpecs,
// pkg/common/util/webhooks.go ValidateRunPolicy (v1.9).
describe('TFJob admission (the Training Operator webhook)', () => {
  test.each<[string, KubeObject, string[]]>([
    ['chief and workers with tensorflow containers', tfJob({ Chief: replica([tf]), Worker: replica([{ name: 'sidecar', image: 'busybox:1.36' }, tf]) }), []],
    ['a replica without a tensorflow container (validateTFReplicaSpecs)', tfJob({ Worker: replica([{ name: 'trainer', image: 'tf:1' }]) }),
      ['spec.tfReplicaSpecs.Worker.template.spec.containers error:kubeflow/tfjob']],
    ['a replica with an empty container list is k8s/containers\' to report', tfJob({ Worker: replica([]) }), []],
    ['a replica with no pod template (validateTFReplicaSpecs: containers must be specified)', tfJob({ Worker: { replicas: 1 } }),
      ['spec.tfReplicaSpecs.Worker.template.spec.containers error:kubeflow/tfjob']],
    ['a replica whose template has no spec', tfJob({ Worker: { template: {} } }), ['spec.tfReplicaSpecs.Worker.template.spec.containers error:kubeflow/tfjob']],
    ['a null replica is pruned before admission', tfJob({ Worker: null, Chief: replica([tf]) }), []],
    ['both Chief and Master (chiefOrMaster > 1)', tfJob({ Chief: replica([tf]), Master: replica([tf]) }), ['spec.tfReplicaSpecs error:kubeflow/tfjob']],
    ['one Master', tfJob({ Master: replica([tf]), Worker: replica([tf]) }), []],
    ['a name with dots (NameIsDNS1035Label)', tfJob({ Worker: replica([tf]) }, { name: 'tf.job.v1' }), ['metadata.name error:kubeflow/tfjob']],
    ['a name starting with a digit', tfJob({ Worker: replica([tf]) }, { name: '1-mnist' }), ['metadata.name error:kubeflow/tfjob']],
    ['a name longer than 63', tfJob({ Worker: replica([tf]) }, { name: `m${'a'.repeat(63)}` }), ['metadata.name error:kubeflow/tfjob']],
    ['a name no object may have is the name check\'s, reported once', tfJob({ Worker: replica([tf]) }, { name: 'Mnist_Job' }), []],
    ['a generateName that makes a DNS-1035 name', tfJob({ Worker: replica([tf]) }, { generateName: 'mnist-' }), []],
    ['a generateName with a dot', tfJob({ Worker: replica([tf]) }, { generateName: 'mnist.v1-' }), ['metadata.generateName error:kubeflow/tfjob']],
    ['a generateName in upper case (k8s/name does not judge generateName)', tfJob({ Worker: replica([tf]) }, { generateName: 'Mnist-' }), ['metadata.generateName error:kubeflow/tfjob']],
    ['a long generateName is cut to 58 characters', tfJob({ Worker: replica([tf]) }, { generateName: `m${'a'.repeat(80)}` }), []],
    ['managedBy MultiKueue', tfJob({ Worker: replica([tf]) }, { name: 'mnist' }, { runPolicy: { managedBy: 'kueue.x-k8s.io/multikueue' } }), []],
    ['managedBy the Training Operator', tfJob({ Worker: replica([tf]) }, { name: 'mnist' }, { runPolicy: { managedBy: 'kubeflow.org/training-operator' } }), []],
    ['managedBy another controller (ValidateRunPolicy)', tfJob({ Worker: replica([tf]) }, { name: 'mnist' }, { runPolicy: { managedBy: 'example.com/other' } }),
      ['spec.runPolicy.managedBy error:kubeflow/tfjob']],
    ['a kubeflow.org/v1beta2 TFJob is not what the webhook (v1) sees', { ...tfJob({ Worker: replica([{ name: 'x', image: 'x:1' }]) }), apiVersion: 'kubeflow.org/v1beta2' }, []],
    ['a PyTorchJob is not a TFJob', { ...tfJob({ Worker: replica([{ name: 'pytorch', image: 'p:1' }]) }), kind: 'PyTorchJob' }, []],
  ])('%s', (_, object, expected) => {
    expect(paths(object)).toEqual(expected);
  });

  test('managedBy is v1.9\'s: on v1.8 the schema reports it as an unknown field, once', async () => {
    const other = tfJob({ Worker: replica([tf]) }, { name: 'mnist' }, { runPolicy: { managedBy: 'example.com/other' } });
    const rulesOn = (trainingOperatorVersion: string) => checkTfJobAdmission(other, { index: new ObjectIndex([other]), trainingOperatorVersion }).map((v) => v.rule);
    expect(rulesOn('1.9')).toEqual(['kubeflow/tfjob']);
    expect(rulesOn('1.8')).toEqual([]);

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kfops-tfjob-'));
    fs.writeFileSync(path.join(dir, 'tfjob.yaml'), JSON.stringify(other));
    const report = await validateManifests({ cwd: dir, paths: ['tfjob.yaml'], schemaVersions: { versions: { trainingOperatorVersion: '1.8' }, source: 'flag' } });
    expect(report.results.flatMap((r) => r.violations).map((v) => `${v.path} ${v.rule}`)).toEqual(['spec.runPolicy.managedBy unknown-field']);
  });

  test('a role whose name needs quoting is written as a quoted key', () => {
    expect(paths(tfJob({ 'my role': replica([{ name: 'x', image: 'x:1' }]) }))).toEqual(['spec.tfReplicaSpecs["my role"].template.spec.containers error:kubeflow/tfjob']);
  });

  test('messages name the replica, the container the operator needs and the fix', () => {
    expect(runCheck(checkTfJobAdmission, tfJob({ PS: replica([{ name: 'ps', image: 'tf:1' }]) }))[0]).toMatchObject({
      message: 'replica PS has no container named "tensorflow", which the Training Operator runs and watches',
      fix: 'name the training container "tensorflow"',
    });
  });
});

const manifest = (name: string, container: string) => `apiVersion: kubeflow.org/v1
kind: TFJob
metadata:
  name: ${name}
spec:
  tfReplicaSpecs:
    Worker:
      replicas: 2
      template:
        spec:
          containers:
          - name: ${container}
            image: tensorflow/tensorflow:2.15.0
`;

describe('TFJob admission of a resource template\'s manifest', () => {
  const run = (m: string) => {
    const object = workflow([{ name: 'main', resource: { action: 'create', manifest: m } }]);
    return checkArgoWorkflow(object, { index: new ObjectIndex([object]) }).filter((v) => v.rule === 'kubeflow/tfjob');
  };

  test('the webhook\'s rules hold for the TFJob a step creates', () => {
    expect(run(manifest('mnist', 'trainer'))).toEqual([expect.objectContaining({
      path: 'spec.templates[0].resource.manifest', severity: 'error',
      message: 'TFJob manifest, at spec.tfReplicaSpecs.Worker.template.spec.containers: replica Worker has no container named "tensorflow", which the Training Operator runs and watches',
    })]);
    expect(run(manifest('mnist', 'tensorflow'))).toEqual([]);
  });

  test('a name known only at run time is not judged, nor a container named by a parameter', () => {
    expect(run(manifest('"{{workflow.name}}.train"', 'tensorflow'))).toEqual([]);
    expect(run(manifest('mnist', '"{{workflow.parameters.container}}"'))).toEqual([]);
  });

  test('a replica without containers is the pod rules\' to report, as of the run\'s own TFJobs', () => {
    const noContainers = manifest('mnist', 'tensorflow').replace(/containers:\n[\s\S]*$/, 'containers: []\n');
    expect(run(noContainers)).toEqual([]);
  });
});

test('a name that is no DNS-1123 subdomain is reported once, by k8s/name', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kfops-tfjob-'));
  fs.writeFileSync(path.join(dir, 'tfjob.yaml'), manifest('Mnist_Job', 'tensorflow'));
  const report = await validateManifests({ cwd: dir, paths: ['tfjob.yaml'] });
  expect(report.results.flatMap((r) => r.violations).map((v) => `${v.path} ${v.rule}`)).toEqual(['metadata.name k8s/name']);
});

test('kfops validate reports the webhook\'s rules on a TFJob file', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kfops-tfjob-'));
  fs.writeFileSync(path.join(dir, 'tfjob.yaml'), manifest('tf.job', 'tensorflow'));
  const report = await validateManifests({ cwd: dir, paths: ['tfjob.yaml'] });
  expect(report.results.flatMap((r) => r.violations).map((v) => `${v.path} ${v.rule} ${v.line}`)).toEqual(['metadata.name kubeflow/tfjob 4']);
});
