import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { checkDuplicateObjects } from '../../../lib/validate/checks';
import { KubeObject, ObjectIndex } from '../../../lib/validate/object-index';
import { validateManifests } from '../../../lib/validate/validator';

const object = (apiVersion: string, kind: string, name: string | undefined, namespace?: string): KubeObject =>
  ({ apiVersion, kind, metadata: { ...(name !== undefined && { name }), ...(namespace && { namespace }) } });

/** Runs the check on every object of one run, with each object's file named by its position. */
function run(objects: KubeObject[]): string[][] {
  const files = new Map(objects.map((o, i) => [o, `dist/${i}.yaml`]));
  const context = { index: new ObjectIndex(objects), sourceOf: (o: KubeObject) => files.get(o) };
  return objects.map((o) => checkDuplicateObjects(o, context).map((v) => v.message));
}

describe('the same object twice in one run', () => {
  test.each<[string, KubeObject[], number[]]>([
    ['distinct names', [object('v1', 'ConfigMap', 'a'), object('v1', 'ConfigMap', 'b')], [0, 0]],
    ['same name, different kinds', [object('v1', 'ConfigMap', 'a'), object('v1', 'Secret', 'a')], [0, 0]],
    ['same name, different namespaces', [object('v1', 'ConfigMap', 'a', 'dev'), object('v1', 'ConfigMap', 'a', 'prod')], [0, 0]],
    ['same name and namespace', [object('v1', 'ConfigMap', 'a', 'dev'), object('v1', 'ConfigMap', 'a', 'dev')], [0, 1]],
    ['the same object in two versions of its group', [object('autoscaling/v1', 'HorizontalPodAutoscaler', 'h'), object('autoscaling/v2', 'HorizontalPodAutoscaler', 'h')], [0, 1]],
    ['same kind name in different groups', [object('apps/v1', 'Deployment', 'd'), object('example.com/v1', 'Deployment', 'd')], [0, 0]],
    ['three copies', [object('v1', 'ConfigMap', 'a'), object('v1', 'ConfigMap', 'a'), object('v1', 'ConfigMap', 'a')], [0, 1, 1]],
    ['objects named at creation (generateName)', [object('argoproj.io/v1alpha1', 'Workflow', undefined), object('argoproj.io/v1alpha1', 'Workflow', undefined)], [0, 0]],
  ])('%s', (_, objects, counts) => {
    expect(run(objects).map((m) => m.length)).toEqual(counts);
  });

  test('the error names both files', () => {
    const found = run([object('apps/v1', 'Deployment', 'serve', 'prod'), object('v1', 'Service', 'serve', 'prod'), object('apps/v1', 'Deployment', 'serve', 'prod')]);
    expect(found[2]).toEqual(['Deployment "serve" in namespace "prod" is defined twice: in dist/0.yaml and in dist/2.yaml']);
  });
});

describe('duplicates across files', () => {
  test('kfops validate names the file and line of both copies', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kfops-dup-'));
    const config = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: ml\ndata: {a: "1"}\n';
    fs.writeFileSync(path.join(dir, 'a.yaml'), config);
    fs.writeFileSync(path.join(dir, 'b.yaml'), `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: other, namespace: ml}\n---\n${config}`);
    const report = await validateManifests({ cwd: dir, paths: ['.'] });
    const found = report.results.flatMap((r) => r.violations.filter((v) => v.rule === 'input/duplicate-object').map((v) => `${r.file}: ${v.message}`));
    expect(found).toEqual(['b.yaml: ConfigMap "settings" in namespace "ml" is defined twice: in a.yaml and in b.yaml:5']);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
