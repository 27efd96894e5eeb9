import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { FIXTURES, loadRegistry } from './load-registry';

const CRD = path.join(FIXTURES, 'crds/widgets.example.com.yaml');
const widget = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' }, spec: { size: 'big' } };

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'kfops-schema-cache-'));
}

test('a large CRD file is parsed once; later runs read its CRDs from the cache', async () => {
  const cacheDir = tempDir();
  const dir = tempDir();
  const file = path.join(dir, 'bundle.yaml');
  const padding = `# ${'x'.repeat(120)}\n`.repeat(2500); // past the 256 KiB threshold
  fs.writeFileSync(file, `${padding}---\n${fs.readFileSync(CRD, 'utf8')}`);
  (await loadRegistry({ crdPaths: [file], cacheDir })).validate(widget);
  const [entry] = fs.readdirSync(path.join(cacheDir, 'crds'));
  const cached = JSON.parse(fs.readFileSync(path.join(cacheDir, 'crds', entry), 'utf8')) as { doc: { spec: { names: { kind: string } } } }[];
  // Rename the kind in the cached copy: if the next run parsed the YAML again it would not know Gizmo.
  cached[0].doc.spec.names.kind = 'Gizmo';
  fs.writeFileSync(path.join(cacheDir, 'crds', entry), JSON.stringify(cached));
  const registry = await loadRegistry({ crdPaths: [file], cacheDir });
  expect(registry.has('example.com/v1', 'Gizmo')).toBe(true);
}, 30000);

