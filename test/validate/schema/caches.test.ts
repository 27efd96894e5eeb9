import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { projectCacheDir } from '../../../lib/validate/schema/cache-files';
import { FIXTURES, loadRegistry } from './load-registry';

const CRD = path.join(FIXTURES, 'crds/widgets.example.com.yaml');
const widget = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' }, spec: { size: 'big' } };

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'kfops-schema-cache-'));
}

/** A CRD file past the 256 KiB threshold for caching. */
function bigCrdFile(): string {
  const file = path.join(tempDir(), 'bundle.yaml');
  const padding = `# ${'x'.repeat(120)}\n`.repeat(2500);
  fs.writeFileSync(file, `${padding}---\n${fs.readFileSync(CRD, 'utf8')}`);
  return file;
}

type Entry = { key: string; value: { doc: { spec: { names: { kind: string } } }; where: string }[] };

test('a large CRD file is parsed once; later runs read its CRDs from the cache', async () => {
  const cacheDir = tempDir();
  const file = bigCrdFile();
  (await loadRegistry({ crdPaths: [file], cacheDir })).validate(widget);
  const [entry] = fs.readdirSync(path.join(cacheDir, 'crds'));
  const cached = JSON.parse(fs.readFileSync(path.join(cacheDir, 'crds', entry), 'utf8')) as Entry;
  // Rename the kind in the cached copy: if the next run parsed the YAML again it would not know Gizmo.
  cached.value[0].doc.spec.names.kind = 'Gizmo';
  fs.writeFileSync(path.join(cacheDir, 'crds', entry), JSON.stringify(cached));
  const registry = await loadRegistry({ crdPaths: [file], cacheDir });
  expect(registry.has('example.com/v1', 'Gizmo')).toBe(true);
}, 30000);

test.each<[string, (entry: Entry) => string]>([
  ['not JSON (a write cut short)', (e) => JSON.stringify(e).slice(0, 100)],
  ['written for another content', (e) => JSON.stringify({ ...e, key: '0'.repeat(40) })],
  ['of another shape', (e) => JSON.stringify({ key: e.key, value: { crds: e.value } })],
  ['an empty file', () => ''],
])('a cache entry that is %s is ignored, and rewritten', async (_, corrupt) => {
  const cacheDir = tempDir();
  const file = bigCrdFile();
  await loadRegistry({ crdPaths: [file], cacheDir });
  const [name] = fs.readdirSync(path.join(cacheDir, 'crds'));
  const entryFile = path.join(cacheDir, 'crds', name);
  const good = fs.readFileSync(entryFile, 'utf8');
  const entry = JSON.parse(good) as Entry;
  entry.value[0].doc.spec.names.kind = 'Gizmo';
  fs.writeFileSync(entryFile, corrupt(entry));
  const registry = await loadRegistry({ crdPaths: [file], cacheDir });
  expect(registry.has('example.com/v1', 'Widget')).toBe(true);
  expect(registry.has('example.com/v1', 'Gizmo')).toBe(false);
  expect(fs.readFileSync(entryFile, 'utf8')).toBe(good);
  expect(fs.readdirSync(path.join(cacheDir, 'crds'))).toEqual([name]);
}, 30000);

describe('projectCacheDir', () => {
  test('is the node_modules/.cache/kfops of the nearest folder at or above cwd that has node_modules', () => {
    const project = tempDir();
    fs.mkdirSync(path.join(project, 'node_modules/kfops'), { recursive: true });
    fs.mkdirSync(path.join(project, 'dist/prod'), { recursive: true });
    const expected = path.join(project, 'node_modules', '.cache', 'kfops');
    expect(projectCacheDir(project)).toBe(expected);
    expect(projectCacheDir(path.join(project, 'dist/prod'))).toBe(expected);
  });

  test('is none outside a Node project, so nothing is written there', () => {
    const outside = tempDir();
    const found = projectCacheDir(outside);
    // A node_modules above the temp folder would be a machine's own; the temp folder itself gets none.
    expect(found === undefined || !found.startsWith(outside)).toBe(true);
  });

  test('is the project\'s, not the installed package\'s: the registry caches there by default', async () => {
    const project = tempDir();
    fs.mkdirSync(path.join(project, 'node_modules'));
    fs.mkdirSync(path.join(project, 'imports'));
    fs.copyFileSync(bigCrdFile(), path.join(project, 'imports', 'bundle.yaml'));
    await loadRegistry({ cwd: project });
    expect(fs.readdirSync(path.join(project, 'node_modules/.cache/kfops/crds'))).toHaveLength(1);
  }, 30000);
});
