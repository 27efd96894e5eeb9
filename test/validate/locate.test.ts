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

  test('a path that is not in the file keeps no position', () => {
    expect(locate('bundle.yaml', 0, 'data.x')).not.toHaveProperty('line');
  });
});
