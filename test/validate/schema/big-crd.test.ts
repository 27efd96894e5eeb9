import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { stringify } from 'yaml';
import { loadRegistry, rulesAt } from './load-registry';
import { bigCrd } from './generate-big-crd';

const job = (container: Record<string, unknown>) => ({
  apiVersion: 'ml.example.com/v1',
  kind: 'TrainingJob',
  metadata: { name: 'train' },
  spec: {
    replicaSpecs: {
      Worker: {
        replicas: 2,
        template: {
          metadata: { labels: { app: 'train' } },
          spec: { containers: [{ name: 'tf', image: 'tf:2', ports: [{ containerPort: 2222 }], resources: { limits: { cpu: '2', 'nvidia.com/gpu': 1 } }, ...container }] },
        },
      },
    },
  },
});

test('an 8,000+ line CRD file loads and validates its resources deep inside the pod template', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kfops-big-crd-'));
  const file = path.join(dir, 'trainingjobs.yaml');
  fs.writeFileSync(file, stringify(bigCrd('ml.example.com'), { aliasDuplicateObjects: false }));
  expect(fs.readFileSync(file, 'utf8').split('\n').length).toBeGreaterThan(8000);
  // The CRD itself is a valid apiextensions.k8s.io/v1 object too.
  expect((await loadRegistry()).validate(bigCrd('ml.example.com'))).toEqual([]);
  const registry = await loadRegistry({ crdPaths: [file], cacheDir: false });
  expect(registry.validate(job({ livenessProbe: { httpGet: { port: 'http', path: '/' } } }))).toEqual([]);
  expect(rulesAt(registry.validate(job({ imagePullPolicy: 3, volumeMountz: [] })))).toEqual([
    'unknown-field spec.replicaSpecs.Worker.template.spec.containers[0].volumeMountz',
    'type spec.replicaSpecs.Worker.template.spec.containers[0].imagePullPolicy',
  ]);
  expect(rulesAt(registry.validate(job({ resources: { limits: { cpu: '2 cores' } } })))).toEqual([
    'pattern spec.replicaSpecs.Worker.template.spec.containers[0].resources.limits.cpu',
  ]);
});

test('a 10+ MB `kubectl get crd -o yaml` List bundle passes the default size limit and loads', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kfops-big-bundle-'));
  const file = path.join(dir, 'crds.yaml');
  const items = Array.from({ length: 14 }, (_, i) => bigCrd(i === 0 ? 'ml.example.com' : `ml${i}.example.com`));
  fs.writeFileSync(file, stringify({ apiVersion: 'v1', kind: 'List', metadata: { resourceVersion: '' }, items }, { aliasDuplicateObjects: false }));
  expect(fs.statSync(file).size).toBeGreaterThan(10 * 1024 * 1024);
  const registry = await loadRegistry({ crdPaths: [dir], cacheDir: false });
  expect(registry.has('ml13.example.com/v1', 'TrainingJob')).toBe(true);
  expect(registry.validate(job({}))).toEqual([]);
});
