import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadManifests } from '../../lib/validate/load';
import { locateViolations } from '../../lib/validate/locate';
import { error } from '../../lib/validate/violation';

describe('locateViolations', () => {
  const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: s\n  labels:\n    "app.kubernetes.io/name": x y\nspec:\n  ports:\n    - port: 80\n    - port: 81\n      targetPort: web\n';
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kfops-locate-'));
    fs.writeFileSync(path.join(dir, 'bundle.yaml'), text);
    fs.mkdirSync(path.join(dir, 'kept'));
    fs.writeFileSync(path.join(dir, 'list.yaml'), 'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: a}\n- apiVersion: v1\n  kind: Service\n  metadata:\n    name: s\n  spec:\n    type: Bogus\n');
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const locate = (file: string, index: number, violationPath: string) => {
    const { objects } = loadManifests({ cwd: dir, paths: [file] });
    const object = objects[index];
    const [located] = locateViolations([{ object, result: { file, line: object.line, kind: 'Service', name: 's', violations: [error(violationPath, 'r', 'm')] } }]);
    return located.violations[0];
  };

  test.each<[string, number, number]>([
    ['spec.ports[1].targetPort', 16, 7],
    ['metadata.labels["app.kubernetes.io/name"]', 11, 5],
    ['spec.selector', 12, 1],
  ])('%s is found in the second document at line %i', (violationPath, line, column) => {
    expect(locate('bundle.yaml', 1, violationPath)).toMatchObject({ line, column });
  });

  test('a path inside a List item points into that item', () => {
    expect(locate('list.yaml', 1, 'spec.type')).toMatchObject({ line: 12, column: 5 });
  });

  test('positions come from the texts the files were read with: a file is not read again', () => {
    fs.writeFileSync(path.join(dir, 'once.yaml'), text);
    const { objects, texts } = loadManifests({ cwd: dir, paths: ['once.yaml'] });
    expect(texts.get(path.join(dir, 'once.yaml'))).toBe(text);
    // Changed on disk after it was read: the report places violations in what was validated.
    fs.writeFileSync(path.join(dir, 'once.yaml'), `# moved\n# down\n${text}`);
    const [located] = locateViolations([{ object: objects[1], result: { file: 'once.yaml', kind: 'Service', name: 's',
      violations: [error('spec.ports[1].targetPort', 'r', 'm')] } }], new Set(), texts);
    expect(located.violations[0]).toMatchObject({ line: 16, column: 7 });
    // Without the texts, the file is read again, and what it holds now no longer matches where the object was.
    const [reread] = locateViolations([{ object: objects[1], result: { file: 'once.yaml', kind: 'Service', name: 's',
      violations: [error('spec.ports[1].targetPort', 'r', 'm')] } }]);
    expect(reread.violations[0].line).not.toBe(16);
  });

  test('texts are kept while they add up to the budget; the files past it are read again for positions', () => {
    for (const name of ['k1.yaml', 'k2.yaml', 'k3.yaml']) fs.writeFileSync(path.join(dir, 'kept', name), text);
    const { texts } = loadManifests({ cwd: dir, paths: ['kept'], keptTextChars: 2 * text.length });
    expect([...texts.keys()].map((f) => path.basename(f))).toEqual(['k1.yaml', 'k2.yaml']);
  });

  test('a path that is not in the file keeps no position', () => {
    expect(locate('bundle.yaml', 0, 'data.x')).not.toHaveProperty('line');
  });

  test('many paths into one mapping each find their own key (one parse, a key index per mapping)', () => {
    const keys = Array.from({ length: 2000 }, (_, i) => `bad key ${i}`);
    fs.writeFileSync(path.join(dir, 'labels.yaml'), `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: m\n  labels:\n${keys.map((k) => `    ${k}: x\n`).join('')}`);
    const { objects } = loadManifests({ cwd: dir, paths: ['labels.yaml'] });
    const [located] = locateViolations([{ object: objects[0], result: { file: 'labels.yaml', kind: 'ConfigMap', name: 'm',
      violations: keys.map((k) => error(`metadata.labels[${JSON.stringify(k)}]`, 'k8s/label-key', 'm')) } }]);
    expect(located.violations.map((v) => v.line)).toEqual(keys.map((_, i) => 6 + i));
    expect(located.violations.every((v) => v.column === 5)).toBe(true);
  });

  test('every item of a List is placed by one parse of the List', () => {
    const items = Array.from({ length: 50 }, (_, i) => `- apiVersion: v1\n  kind: Pod\n  metadata: {name: p${i}}\n  spec:\n    containers:\n    - name: c\n      image: busybox\n`);
    fs.writeFileSync(path.join(dir, 'pods.yaml'), `apiVersion: v1\nkind: List\nitems:\n${items.join('')}`);
    const { objects } = loadManifests({ cwd: dir, paths: ['pods.yaml'] });
    const located = locateViolations(objects.map((object) => ({ object, result: { file: 'pods.yaml', kind: 'Pod', name: 'p',
      violations: [error('spec.containers[0].image', 'security/image-tag', 'm'), error('spec.volumes', 'r', 'missing')] } })));
    expect(located.map((r) => r.violations[0].line)).toEqual(items.map((_, i) => 4 + 7 * i + 6));
    // A path into a field that is missing points at the deepest key found: the item's spec.
    expect(located.map((r) => r.violations[1].line)).toEqual(items.map((_, i) => 4 + 7 * i + 3));
  });

  test('positions count in the decoded text of a UTF-16 file', () => {
    const text = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  type: Bogus\n';
    fs.writeFileSync(path.join(dir, 'utf16.yaml'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    expect(locate('utf16.yaml', 0, 'spec.type')).toMatchObject({ line: 6, column: 3 });
  });

  test('a file found in a folder is never read again through a link; a file named on the command line may be one', () => {
    const tree = fs.mkdtempSync(path.join(os.tmpdir(), 'kfops-locate-tree-'));
    fs.mkdirSync(path.join(tree, 'dist'));
    fs.writeFileSync(path.join(tree, 'dist', 'svc.yaml'), 'apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  type: Bogus\n');
    const { objects, namedFiles } = loadManifests({ cwd: tree, paths: ['dist'] });
    expect(namedFiles).toEqual([]);
    // Swapped for a link to the same content between the read and the lookup: not followed, so no position.
    fs.renameSync(path.join(tree, 'dist', 'svc.yaml'), path.join(tree, 'svc.yaml'));
    fs.symlinkSync(path.join(tree, 'svc.yaml'), path.join(tree, 'dist', 'svc.yaml'));
    const result = { file: 'dist/svc.yaml', kind: 'Service', name: 's', violations: [error('spec.type', 'r', 'm')] };
    expect(locateViolations([{ object: objects[0], result }])[0].violations[0]).not.toHaveProperty('line');
    const named = loadManifests({ cwd: tree, paths: ['dist/svc.yaml'] });
    expect(named.namedFiles).toEqual([path.join(tree, 'dist', 'svc.yaml')]);
    expect(locateViolations([{ object: named.objects[0], result }], new Set(named.namedFiles))[0].violations[0]).toMatchObject({ line: 6, column: 3 });
    fs.rmSync(tree, { recursive: true, force: true });
  });
});
