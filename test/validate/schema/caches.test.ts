import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { FIXTURES, loadRegistry, rulesAt } from './load-registry';

const CRD = path.join(FIXTURES, 'crds/widgets.example.com.yaml');
const widget = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' }, spec: { size: 'big' } };

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'kfops-schema-cache-'));
}

/** The one compiled validator a run left in the cache. */
function onlyEntry(cacheDir: string): string {
  const entries = fs.readdirSync(path.join(cacheDir, 'validators'));
  expect(entries).toHaveLength(1);
  return path.join(cacheDir, 'validators', entries[0]);
}

test('a compiled validator is written to the cache and loaded from it by the next run', async () => {
  const cacheDir = tempDir();
  expect(rulesAt((await loadRegistry({ crdPaths: [CRD], cacheDir })).validate(widget))).toEqual(['type spec.size']);
  const entry = onlyEntry(cacheDir);
  expect(path.basename(entry)).toMatch(/^[0-9a-f]{40}\.js$/);
  // Replace the entry with a validator that says where it came from: the next run must use it, not recompile.
  fs.writeFileSync(
    entry,
    'module.exports = function v() { v.errors = [{ instancePath: "", keyword: "from-cache", params: {}, message: "cached" }]; return false; };',
  );
  expect(rulesAt((await loadRegistry({ crdPaths: [CRD], cacheDir })).validate(widget))).toEqual(['from-cache ']);
});

test('a cached validator gives the same violations as a fresh compile', async () => {
  const cacheDir = tempDir();
  const obj = { ...widget, spec: { size: 1, sise: 2, port: true, mode: 'Medium' } };
  const fresh = (await loadRegistry({ crdPaths: [CRD], cacheDir: false })).validate(obj);
  (await loadRegistry({ crdPaths: [CRD], cacheDir })).validate(obj);
  expect((await loadRegistry({ crdPaths: [CRD], cacheDir })).validate(obj)).toEqual(fresh);
  expect(fresh.length).toBe(3);
});

test('an unreadable cache entry is compiled again', async () => {
  const cacheDir = tempDir();
  (await loadRegistry({ crdPaths: [CRD], cacheDir })).validate(widget);
  fs.writeFileSync(onlyEntry(cacheDir), 'this is not javascript {');
  expect(rulesAt((await loadRegistry({ crdPaths: [CRD], cacheDir })).validate(widget))).toEqual(['type spec.size']);
});

test('cacheDir: false neither reads nor writes a cache', async () => {
  const cacheDir = tempDir();
  (await loadRegistry({ crdPaths: [CRD], cacheDir })).validate(widget);
  fs.writeFileSync(onlyEntry(cacheDir), 'module.exports = function v() { v.errors = []; return true; };');
  const before = fs.readdirSync(path.join(cacheDir, 'validators'));
  expect(rulesAt((await loadRegistry({ crdPaths: [CRD], cacheDir: false })).validate(widget))).toEqual(['type spec.size']);
  expect(fs.readdirSync(path.join(cacheDir, 'validators'))).toEqual(before);
});

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
