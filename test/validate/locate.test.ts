import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { locateViolations, pathSegments } from '../../lib/validate/locate';
import { error } from '../../lib/validate/violation';

describe('pathSegments', () => {
  test.each<[string, (string | number)[]]>([
    ['spec.templates[0].dag.tasks[12].template', ['spec', 'templates', 0, 'dag', 'tasks', 12, 'template']],
    ['metadata.labels["app.kubernetes.io/name"]', ['metadata', 'labels', 'app.kubernetes.io/name']],
    ['data.model-dir', ['data', 'model-dir']],
    ['', []],
  ])('%s', (p, segments) => {
    expect(pathSegments(p)).toEqual(segments);
  });
});

describe('locateViolations', () => {
  const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: s\n  labels:\n    "app.kubernetes.io/name": x y\nspec:\n  ports:\n    - port: 80\n    - port: 81\n      targetPort: web\n';
  let file: string;
  beforeAll(() => {
    file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kfops-locate-')), 'bundle.yaml');
    fs.writeFileSync(file, text);
  });

  test.each<[string, number, number]>([
    ['spec.ports[1].targetPort', 16, 7],
    ['metadata.labels["app.kubernetes.io/name"]', 11, 5],
    ['spec.selector', 12, 1],
  ])('%s is found in the second document at line %i', (violationPath, line, column) => {
    const [located] = locateViolations([{ absolutePath: file, result: { file: 'bundle.yaml', line: 6, kind: 'Service', name: 's', violations: [error(violationPath, 'r', 'm')] } }]);
    expect(located.violations[0]).toMatchObject({ line, column });
  });
});
