import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse, stringify } from 'yaml';
import { loadRegistry, rulesAt } from './load-registry';

/** The Training Operator's TFJob CRD: controller-gen output with a whole PodTemplateSpec inlined per replica type. */
const TFJOB_CRD = path.resolve(__dirname, '../../../lib/validate/schema/upstream/training-operator/1.9/kubeflow.org_tfjobs.yaml');

/** The TFJob CRD under another group, so several copies can sit in one bundle. */
function crdIn(group: string): Record<string, unknown> {
  const crd = parse(fs.readFileSync(TFJOB_CRD, 'utf8')) as { metadata: { name: string }; spec: { group: string } };
  crd.metadata.name = `tfjobs.${group}`;
  crd.spec.group = group;
  return crd as unknown as Record<string, unknown>;
}

const job = (group: string, container: Record<string, unknown>) => ({
  apiVersion: `${group}/v1`,
  kind: 'TFJob',
  metadata: { name: 'train' },
  spec: {
    tfReplicaSpecs: {
      Worker: {
        replicas: 2,
        template: {
          metadata: { labels: { app: 'train' } },
          spec: { containers: [{ name: 'tensorflow', image: 'tf:2', ports: [{ containerPort: 2222 }], resources: { limits: { cpu: '2', 'nvidia.com/gpu': 1 } }, ...container }] },
        },
      },
    },
  },
});

test('a 10,000+ line CRD file loads and validates its resources deep inside the pod template', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kfops-big-crd-'));
  const file = path.join(dir, 'tfjobs.yaml');
  fs.writeFileSync(file, stringify(crdIn('ml.example.com')));
  expect(fs.readFileSync(file, 'utf8').split('\n').length).toBeGreaterThan(10000);
  // The CRD itself is a valid apiextensions.k8s.io/v1 object too.
  expect((await loadRegistry()).validate(crdIn('ml.example.com'))).toEqual([]);
  const registry = await loadRegistry({ crdPaths: [file], cacheDir: false });
  expect(registry.validate(job('ml.example.com', { livenessProbe: { httpGet: { port: 'http', path: '/' } } }))).toEqual([]);
  expect(rulesAt(registry.validate(job('ml.example.com', { imagePullPolicy: 3, volumeMountz: [] })))).toEqual([
    'unknown-field spec.tfReplicaSpecs.Worker.template.spec.containers[0].volumeMountz',
    'type spec.tfReplicaSpecs.Worker.template.spec.containers[0].imagePullPolicy',
  ]);
  expect(rulesAt(registry.validate(job('ml.example.com', { resources: { limits: { cpu: '2 cores' } } })))).toEqual([
    'pattern spec.tfReplicaSpecs.Worker.template.spec.containers[0].resources.limits.cpu',
  ]);
});

test('a 10+ MB `kubectl get crd -o yaml` List bundle passes the default size limit and loads', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kfops-big-bundle-'));
  const file = path.join(dir, 'crds.yaml');
  const items = Array.from({ length: 20 }, (_, i) => crdIn(`ml${i}.example.com`));
  fs.writeFileSync(file, stringify({ apiVersion: 'v1', kind: 'List', metadata: { resourceVersion: '' }, items }));
  expect(fs.statSync(file).size).toBeGreaterThan(10 * 1024 * 1024);
  const registry = await loadRegistry({ crdPaths: [dir], cacheDir: false });
  expect(registry.has('ml19.example.com/v1', 'TFJob')).toBe(true);
  expect(registry.validate(job('ml19.example.com', {}))).toEqual([]);
});
