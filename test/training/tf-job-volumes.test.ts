import { Chart, Testing } from 'cdk8s';
import type { Volume } from 'kubernetes-types/core/v1';
import { Pipeline } from '../../lib';
import { TfJob, TfJobStep } from '../../lib/training';
import { Obj, synthChart, workflowSpec } from '../helpers/synth-chart';
import { manifestAfterSubstitution, tfJobViolations } from './tfjob-validation';

function chiefVolumes(volume: Volume): { job: Obj; volumes: unknown } {
  const chart = new Chart(Testing.app(), 'test');
  new TfJob(chart, 'train', { image: 'trainer:1', volumes: [volume], volumeMounts: [{ name: volume.name, mountPath: '/data' }] });
  const [job] = Testing.synth(chart);
  return { job, volumes: job.spec.tfReplicaSpecs.Chief.template.spec.volumes };
}

// Every core volume source the pod builder takes reaches the replica pods as written, including the fields the
// generated TFJob classes spell otherwise (downwardAPI, volumeID, targetWWNs) and the quantities they wrap.
const SOURCES: Volume[] = [
  { name: 'data', nfs: { server: 'nfs.example.com', path: '/exports/data', readOnly: true } },
  { name: 'data', csi: { driver: 'gcsfuse.csi.storage.gke.io', volumeAttributes: { bucketName: 'b', volumeID: 'user-key' }, readOnly: true } },
  {
    name: 'data',
    ephemeral: {
      volumeClaimTemplate: {
        metadata: { labels: { team: 'ml' } },
        spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'fast', resources: { requests: { storage: '10Gi' }, limits: { storage: '20Gi' } } },
      },
    },
  },
  { name: 'data', emptyDir: { medium: 'Memory', sizeLimit: '1Gi' } },
  { name: 'data', downwardAPI: { items: [{ path: 'cpu', resourceFieldRef: { containerName: 'tensorflow', resource: 'limits.cpu', divisor: '1m' } }] } },
  {
    name: 'data',
    projected: {
      sources: [
        { serviceAccountToken: { audience: 'storage', expirationSeconds: 3600, path: 'token' } },
        { downwardAPI: { items: [{ path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } }] } },
        { configMap: { name: 'settings', items: [{ key: 'a', path: 'a.txt' }] } },
      ],
    },
  },
  { name: 'data', awsElasticBlockStore: { volumeID: 'vol-0123', fsType: 'ext4' } },
  { name: 'data', fc: { targetWWNs: ['500a0982991b8dc5'], lun: 2 } },
  { name: 'data', azureDisk: { diskName: 'd', diskURI: 'https://example.blob.core.windows.net/vhds/d.vhd' } },
  { name: 'data', hostPath: { path: '/mnt/data', type: 'Directory' } },
  { name: 'data', persistentVolumeClaim: { claimName: 'data' } },
];

describe('TfJob volumes', () => {
  test.each(SOURCES.map((v) => [Object.keys(v).find((k) => k !== 'name'), v] as const))('%s reaches every replica as written', async (_, volume) => {
    const { job, volumes } = chiefVolumes(volume);

    expect(volumes).toEqual([volume]);
    expect(await tfJobViolations(job)).toEqual([]);
  });

  test('in a pipeline step, a volume taking a parameter reaches the job with the value Argo substitutes', async () => {
    const spec = workflowSpec(synthChart((chart) => {
      const pipeline = new Pipeline(chart, 'p');
      const server = pipeline.addParameter('nfs-server', { default: 'nfs.example.com' });
      new TfJobStep(pipeline, 'train', {
        image: 'trainer:1', volumes: [{ name: 'data', nfs: { server, path: '/exports' } }], volumeMounts: [{ name: 'data', mountPath: '/data' }],
      });
    }));
    const job = manifestAfterSubstitution(spec, 'train');

    expect(job.spec.tfReplicaSpecs.Chief.template.spec.volumes).toEqual([{ name: 'data', nfs: { server: 'nfs.example.com', path: '/exports' } }]);
    expect(await tfJobViolations(job)).toEqual([]);
  });

  test('a field the TFJob CRD does not have is an error when the job is constructed, naming the field', () => {
    const chart = new Chart(Testing.app(), 'test');
    const volume = { name: 'data', csi: { driver: 'd', nodePublishSecretRef: { name: 's' }, fsGroupPolicy: 'File' } } as Volume;

    expect(() => new TfJob(chart, 'train', { image: 'trainer:1', volumes: [volume] }))
      .toThrow("[test/train] volume 'data': csi.fsGroupPolicy is not a field of a pod volume in the Training Operator's TFJob CRD, "
        + 'so the operator would never see it; remove it, or mount the storage through a PersistentVolumeClaim');
  });

  test('a volume added after construction is checked by validation, before the job is serialized', () => {
    const app = Testing.app();
    const job = new TfJob(new Chart(app, 'test'), 'train', { image: 'trainer:1' });
    job.apply((pod) => pod.addVolume({ name: 'data', nfs: { server: 'x', path: '/', bogus: true } as Volume['nfs'] }));

    expect(() => app.synth()).toThrow(/Validation failed[^]*\[test\/train\] volume 'data': nfs\.bogus is not a field/);
    expect(() => app.synth()).not.toThrow(/Failed serializing/);
  });
});
