import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { checkDuplicateObjects } from '../../../lib/validate/checks';
import { KubeObject, ObjectIndex } from '../../../lib/validate/object-index';
import { validateManifests } from '../../../lib/validate/validator';

const object = (apiVersion: string, kind: string, name: string | undefined, namespace?: string): KubeObject =>
  ({ apiVersion, kind, metadata: { ...(name !== undefined && { name }), ...(namespace && { namespace }) } });

/** Runs the check on every object of one run, with each object's file named by its position (or as given). */
function run(objects: KubeObject[], fileNames: string[] = []): string[][] {
  const files = new Map(objects.map((o, i) => [o, fileNames[i] ?? `dist/${i}.yaml`]));
  const context = { index: new ObjectIndex(objects), sourceOf: (o: KubeObject) => files.get(o), fileOf: (o: KubeObject) => files.get(o) };
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

  // The API server ignores metadata.namespace on cluster-scoped kinds, so it is no part of their identity.
  test.each<[string, KubeObject[], number[]]>([
    ['ClusterWorkflowTemplates in "different" namespaces', [object('argoproj.io/v1alpha1', 'ClusterWorkflowTemplate', 'x', 'a'), object('argoproj.io/v1alpha1', 'ClusterWorkflowTemplate', 'x', 'b')], [0, 1]],
    ['a ClusterRole with and without a namespace', [object('rbac.authorization.k8s.io/v1', 'ClusterRole', 'r'), object('rbac.authorization.k8s.io/v1', 'ClusterRole', 'r', 'x')], [0, 1]],
    ['a cluster-scoped custom resource of the run', [
      { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'gadgets.example.com' }, spec: { group: 'example.com', scope: 'Cluster', names: { kind: 'Gadget' } } },
      object('example.com/v1', 'Gadget', 'g', 'a'), object('example.com/v1', 'Gadget', 'g', 'b')], [0, 0, 1]],
    ['a namespaced custom resource in two namespaces', [object('example.com/v1', 'Widget', 'w', 'a'), object('example.com/v1', 'Widget', 'w', 'b')], [0, 0]],
  ])('cluster scope: %s', (_, objects, counts) => {
    expect(run(objects).map((m) => m.length)).toEqual(counts);
  });

  test('a cluster-scoped duplicate is named without a namespace', () => {
    expect(run([object('argoproj.io/v1alpha1', 'ClusterWorkflowTemplate', 'x', 'a'), object('argoproj.io/v1alpha1', 'ClusterWorkflowTemplate', 'x', 'b')])[1])
      .toEqual(['ClusterWorkflowTemplate "x" is defined twice: in dist/0.yaml and in dist/1.yaml']);
  });

  // Each folder is what one Argo CD Application applies (kfops: one per environment), a kustomization of the run
  // widening it to the folders it includes.
  const cm = () => object('v1', 'ConfigMap', 'settings', 'ml');
  const clusterRole = (): KubeObject => ({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'foo' } });
  const kustomization = (resources: string[]): KubeObject => ({ apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization', resources } as KubeObject);
  test.each<[string, KubeObject[], string[], number[]]>([
    ['two environments sharing a namespace', [cm(), cm()], ['dist/dev/a.yaml', 'dist/prod/a.yaml'], [0, 0]],
    ['two files of one environment', [cm(), cm()], ['dist/dev/a.yaml', 'dist/dev/b.yaml:3'], [0, 1]],
    ['an overlay and the base it includes', [kustomization(['../base', 'a.yaml']), cm(), cm()], ['o/dev/kustomization.yaml', 'o/dev/a.yaml', 'o/base/a.yaml'], [0, 0, 1]],
    ['a base two overlays include, each with its own copy', [kustomization(['../base', 'a.yaml']), kustomization(['../base', 'a.yaml']), cm(), cm(), cm()],
      ['o/dev/kustomization.yaml', 'o/prod/kustomization.yaml', 'o/base/a.yaml', 'o/dev/a.yaml', 'o/prod/a.yaml'], [0, 0, 0, 1, 1]],
    // kustomize renames each base's objects with its own namePrefix before they meet in the overlay's build
    ['two bases with a namePrefix each, in one overlay', [kustomization(['../a', '../b']), { ...kustomization(['cm.yaml']), namePrefix: 'a-' }, { ...kustomization(['cm.yaml']), namePrefix: 'b-' }, cm(), cm()],
      ['o/dev/kustomization.yaml', 'o/a/kustomization.yaml', 'o/b/kustomization.yaml', 'o/a/cm.yaml', 'o/b/cm.yaml'], [0, 0, 0, 0, 0]],
    ['two bases with the same namePrefix, in one overlay', [kustomization(['../a', '../b']), { ...kustomization(['cm.yaml']), namePrefix: 'x-' }, { ...kustomization(['cm.yaml']), namePrefix: 'x-' }, cm(), cm()],
      ['o/dev/kustomization.yaml', 'o/a/kustomization.yaml', 'o/b/kustomization.yaml', 'o/a/cm.yaml', 'o/b/cm.yaml'], [0, 0, 0, 0, 1]],
    // kustomize: "may not add resource with an already registered id" — a namespace renames no cluster-scoped object
    ['a ClusterRole in two bases that set a namespace each', [kustomization(['../a', '../b']), { ...kustomization(['r.yaml']), namespace: 'a' }, { ...kustomization(['r.yaml']), namespace: 'b' }, clusterRole(), clusterRole()],
      ['o/dev/kustomization.yaml', 'o/a/kustomization.yaml', 'o/b/kustomization.yaml', 'o/a/r.yaml', 'o/b/r.yaml'], [0, 0, 0, 0, 1]],
    // kustomize: "namespace transformation produces ID conflict" — the overlay's namespace replaces the bases'
    ['two bases with a namespace each, the overlay setting its own', [{ ...kustomization(['../a', '../b']), namespace: 'z' }, { ...kustomization(['cm.yaml']), namespace: 'a' }, { ...kustomization(['cm.yaml']), namespace: 'b' }, cm(), cm()],
      ['o/dev/kustomization.yaml', 'o/a/kustomization.yaml', 'o/b/kustomization.yaml', 'o/a/cm.yaml', 'o/b/cm.yaml'], [0, 0, 0, 0, 1]],
    ['two bases whose namePrefix is spelt NamePrefix (as kustomize reads it)', [kustomization(['../a', '../b']), { ...kustomization(['cm.yaml']), NamePrefix: 'a-' }, { ...kustomization(['cm.yaml']), NamePrefix: 'b-' }, cm(), cm()],
      ['o/dev/kustomization.yaml', 'o/a/kustomization.yaml', 'o/b/kustomization.yaml', 'o/a/cm.yaml', 'o/b/cm.yaml'], [0, 0, 0, 0, 0]],
    // a diamond: root includes top (through two renaming bases) and other, which gives the same name as one of them
    ['a diamond of includes: each path keeps its own renames', [kustomization(['../top', '../other']), kustomization(['../m1', '../m2']), { ...kustomization(['../base']), namePrefix: 'm1-' },
      { ...kustomization(['../base']), namePrefix: 'm2-' }, kustomization(['cm.yaml']), { ...kustomization(['cm.yaml']), namePrefix: 'm2-' }, cm(), cm()],
    ['o/root/kustomization.yaml', 'o/top/kustomization.yaml', 'o/m1/kustomization.yaml', 'o/m2/kustomization.yaml', 'o/base/kustomization.yaml', 'o/other/kustomization.yaml', 'o/base/cm.yaml', 'o/other/cm.yaml'],
    [0, 0, 0, 0, 0, 0, 0, 1]],
    ['remote resources are not followed', [kustomization(['https://github.com/x/y//base?ref=v1']), cm(), cm()], ['o/dev/kustomization.yaml', 'o/dev/a.yaml', 'x/a.yaml'], [0, 0, 0]],
  ])('per folder: %s', (_, objects, files, counts) => {
    expect(run(objects, files).map((m) => m.length)).toEqual(counts);
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

  test('two copies of an environment in two folders are two Applications, not duplicates', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kfops-dup-'));
    const dev = path.join(__dirname, '..', '..', '..', 'dist', 'dev');
    for (const copy of ['a', 'b']) fs.cpSync(dev, path.join(dir, copy), { recursive: true });
    const report = await validateManifests({ cwd: dir, paths: ['a', 'b'] });
    expect(report.results.flatMap((r) => r.violations.filter((v) => v.rule === 'input/duplicate-object'))).toEqual([]);
    expect(report.objects).toBeGreaterThan(9);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
