import { Chart, Duration, Size, Testing } from 'cdk8s';
import { Cpu } from 'cdk8s-plus-27';
import { Pipeline, SecretKey, useGcpSecret } from '../../lib';
import { CleanPodPolicy, RestartPolicy, TfCoordinator, TfJob, TfJobProps } from '../../lib/training';
import { Obj } from '../helpers/synth-chart';
import { tfJobViolations } from './tfjob-validation';

function synthJob(props: TfJobProps, configure?: (job: TfJob) => void): Obj {
  const chart = new Chart(Testing.app(), 'test');
  const job = new TfJob(chart, 'train', props);
  configure?.(job);
  const objects = Testing.synth(chart);
  expect(objects).toHaveLength(1);
  return objects[0];
}

describe('TfJob', () => {
  test('distributed: a chief, workers and parameter servers with the run and restart policy defaults', async () => {
    const job = synthJob({ image: 'trainer:1', args: ['--train-steps', 100], workers: 2, pss: 1, name: 'taxi' });
    expect(job).toMatchObject({ apiVersion: 'kubeflow.org/v1', kind: 'TFJob', metadata: { name: 'taxi' } });
    expect(job.spec.runPolicy).toEqual({ cleanPodPolicy: 'Running' });
    expect(Object.keys(job.spec.tfReplicaSpecs).sort()).toEqual(['Chief', 'PS', 'Worker']);
    expect(job.spec.tfReplicaSpecs.Chief.replicas).toBe(1);
    expect(job.spec.tfReplicaSpecs.Worker.replicas).toBe(2);
    expect(job.spec.tfReplicaSpecs.PS.replicas).toBe(1);
    // The coordinator's failures fail the job; the others restart in place.
    expect(job.spec.tfReplicaSpecs.Chief.restartPolicy).toBe('Never');
    expect(job.spec.tfReplicaSpecs.PS.restartPolicy).toBe('OnFailure');
    expect(job.spec.tfReplicaSpecs.Worker).toMatchObject({
      restartPolicy: 'OnFailure',
      template: { spec: { containers: [{ name: 'tensorflow', image: 'trainer:1', args: ['--train-steps', '100'] }] } },
    });
    expect(await tfJobViolations(job)).toEqual([]);
  });

  test('a Master coordinates when asked, and is the only coordinator', async () => {
    const job = synthJob({ image: 'trainer:1', coordinator: TfCoordinator.MASTER, workers: 1, pss: 1, evaluator: true });
    expect(Object.keys(job.spec.tfReplicaSpecs)).toEqual(['Evaluator', 'Master', 'PS', 'Worker']);
    expect(job.spec.tfReplicaSpecs.Master).toMatchObject({ replicas: 1, restartPolicy: 'Never' });
    expect(job.spec.tfReplicaSpecs.Evaluator.restartPolicy).toBe('OnFailure');
    expect(await tfJobViolations(job)).toEqual([]);
  });

  test('single-node: workers and pss 0 (the default) leave the chief alone', async () => {
    const job = synthJob({ image: 'trainer:1' });
    expect(Object.keys(job.spec.tfReplicaSpecs)).toEqual(['Chief']);
    expect(await tfJobViolations(job)).toEqual([]);
  });

  test('GPU node placement: nodeSelector and tolerations on every replica', async () => {
    const job = synthJob({
      image: 'trainer:1', workers: 1, pss: 1,
      nodeSelector: { 'cloud.google.com/gke-accelerator': 'nvidia-tesla-t4' },
      tolerations: [{ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' }],
    });
    for (const role of ['Chief', 'Worker', 'PS']) {
      expect(job.spec.tfReplicaSpecs[role].template.spec).toMatchObject({
        nodeSelector: { 'cloud.google.com/gke-accelerator': 'nvidia-tesla-t4' },
        tolerations: [{ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' }],
      });
    }
    expect(await tfJobViolations(job)).toEqual([]);
  });

  test('resources, GPUs, env, secrets, volumes and run policy', async () => {
    const job = synthJob({
      image: 'trainer:1',
      coordinator: TfCoordinator.MASTER,
      workers: 1,
      pss: 1,
      evaluator: true,
      resources: { cpu: { request: Cpu.units(2) }, memory: { limit: Size.gibibytes(4) }, gpu: { count: 1 } },
      psResources: { cpu: { request: Cpu.millis(500) } },
      env: { MODE: 'train', TOKEN: SecretKey.of('tokens', 'trainer') },
      restartPolicy: RestartPolicy.EXIT_CODE,
      workerRestartPolicy: RestartPolicy.ALWAYS,
      cleanPodPolicy: CleanPodPolicy.ALL,
      ttlAfterFinished: Duration.hours(1),
      activeDeadline: Duration.hours(6),
      backoffLimit: 3,
      serviceAccountName: 'trainer',
    }, (j) => j.apply(useGcpSecret()));
    expect(job.spec.runPolicy).toEqual({ cleanPodPolicy: 'All', ttlSecondsAfterFinished: 3600, activeDeadlineSeconds: 21600, backoffLimit: 3 });
    const worker = job.spec.tfReplicaSpecs.Worker;
    expect(worker.restartPolicy).toBe('Always');
    expect(job.spec.tfReplicaSpecs.Master.restartPolicy).toBe('ExitCode');
    expect(worker.template.spec.serviceAccountName).toBe('trainer');
    expect(worker.template.spec.containers[0].resources).toEqual({
      requests: { cpu: '2' }, limits: { memory: '4096Mi', 'nvidia.com/gpu': '1' },
    });
    expect(job.spec.tfReplicaSpecs.PS.template.spec.containers[0].resources).toEqual({ requests: { cpu: '500m' } });
    expect(job.spec.tfReplicaSpecs.Evaluator.replicas).toBe(1);
    expect(worker.template.spec.containers[0].env).toEqual([
      { name: 'MODE', value: 'train' },
      { name: 'TOKEN', valueFrom: { secretKeyRef: { name: 'tokens', key: 'trainer' } } },
      { name: 'GOOGLE_APPLICATION_CREDENTIALS', value: '/secret/gcp-credentials/user-gcp-sa.json' },
      { name: 'CLOUDSDK_AUTH_CREDENTIAL_FILE_OVERRIDE', value: '/secret/gcp-credentials/user-gcp-sa.json' },
    ]);
    expect(worker.template.spec.volumes).toEqual([{ name: 'user-gcp-sa', secret: { secretName: 'user-gcp-sa' } }]);
    expect(worker.template.spec.containers[0].volumeMounts).toEqual([{ name: 'user-gcp-sa', mountPath: '/secret/gcp-credentials' }]);
    expect(await tfJobViolations(job)).toEqual([]);
  });

  test('the upstream CRD schema, not a transcription, checks the job: misspelt pod fields are errors', async () => {
    const job = synthJob({ image: 'trainer:1', workers: 1 });
    const worker = job.spec.tfReplicaSpecs.Worker;
    worker.template.spec.affinty = {};
    worker.template.spec.containers[0].imagePullPolcy = 'Always';
    worker.replicas = '2';
    expect(await tfJobViolations(job)).toEqual([
      'type spec.tfReplicaSpecs.Worker.replicas',
      'unknown-field spec.tfReplicaSpecs.Worker.template.spec.affinty',
      'unknown-field spec.tfReplicaSpecs.Worker.template.spec.containers[0].imagePullPolcy',
    ]);
  });

  test.each([
    [{ workers: -1 }, '[test/train] workers must be >= 0, got -1 (set workers to 0 for single-node training)'],
    [{ pss: 1.5 }, '[test/train] pss must be a whole number, got 1.5'],
    [{ workers: '2' }, '[test/train] workers takes a number or an INTEGER parameter, got "2"'],
    [{ image: 'has space' }, "[test/train] image \"has space\" is not an image reference: it contains whitespace"],
    [{ backoffLimit: -1 }, '[test/train] backoffLimit must be a whole number >= 0, got -1'],
    [{ coordinator: 'Boss' }, '[test/train] coordinator must be one of "Chief", "Master" (TfCoordinator), got the string "Boss"'],
    [{ resources: { gpu: { count: 0 } } }, '[test/train] resources.gpu.count must be a whole number >= 1, got 0'],
    [{ name: 'Not_A_Label' }, "[test/train] name 'Not_A_Label' is not a DNS-1123 label"],
    [{ volumes: [{ name: 'nfs', nfs: { server: 'x', path: '/', mountOptions: ['vers=4'] } }] },
      "[test/train] volume 'nfs': nfs.mountOptions is not a field of a pod volume in the Training Operator's TFJob CRD"],
    [{ evaluator: true }, '[test/train] evaluator: true with coordinator CHIEF: the Training Operator ends the job as soon as the Chief exits'],
  ])('rejects %j', (props, message) => {
    expect(() => synthJob({ image: 'trainer:1', ...props } as TfJobProps)).toThrow(message);
  });

  test('a standalone job cannot take pipeline references', () => {
    const chart = new Chart(Testing.app(), 'test');
    const steps = new Pipeline(chart, 'p').addParameter('train-steps', { default: '10' });
    new TfJob(chart, 'train', { image: 'trainer:1', args: ['--train-steps', steps] });
    expect(() => Testing.synth(chart)).toThrow("[test/train] uses parameter 'train-steps', which only a pipeline run can resolve");
  });

  test('envFrom reaches every replica; what kfops does not write into a replica pod is an error, never dropped', async () => {
    const job = synthJob({ image: 'trainer:1', workers: 1, envFrom: [{ configMapRef: { name: 'settings' } }] });
    expect(job.spec.tfReplicaSpecs.Worker.template.spec.containers[0].envFrom).toEqual([{ configMapRef: { name: 'settings' } }]);
    expect(await tfJobViolations(job)).toEqual([]);
    const sidecar = (j: TfJob) => j.apply((pod) => pod.addSidecar({ name: 'proxy', image: 'envoyproxy/envoy:v1.30.1' }));
    expect(() => synthJob({ image: 'trainer:1' }, sidecar)).toThrow('[test/train] TFJob replica pods take no sidecars: the operator counts a '
      + 'replica done when its pod has completed, and a sidecar that keeps running keeps it from completing');
    // Not a TfJob prop; JavaScript callers can still pass it, and the props guard names it.
    expect(() => synthJob({ image: 'trainer:1', affinity: { nodeAffinity: {} } } as TfJobProps))
      .toThrow("[test/train] unknown prop 'affinity' (TfJobProps has no such prop; remove it)");
  });

  test('a volume mount needs its volume', () => {
    expect(() => synthJob({ image: 'trainer:1', volumeMounts: [{ name: 'data', mountPath: '/data' }] }))
      .toThrow("[test/train] volume mount 'data' has no volume of that name");
  });
});
