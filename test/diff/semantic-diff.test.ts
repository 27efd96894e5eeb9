import * as path from 'path';
import { stringify } from 'yaml';
import { parseManifestFile } from '../../lib/diff/manifest-object';
import { renderMarkdown } from '../../lib/diff/render-markdown';
import { renderText } from '../../lib/diff/render-text';
import { diffManifests, diffTrees } from '../../lib/diff/semantic-diff';
import { formatParameterChange } from '../../lib/diff/value-format';

const FIXTURE = path.join(__dirname, '..', 'fixtures', 'diff', 'pr-train-steps');

/** Objects of one tree, given as file -> object. */
function tree(files: Record<string, unknown>) {
  return Object.entries(files).flatMap(([file, obj]) => parseManifestFile(file, stringify(obj)));
}

const deployment = (image: string, replicas: number, cpu = '1') => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'serving', namespace: 'ml' },
  spec: {
    replicas,
    template: { spec: { containers: [{ name: 'tf-serving', image, resources: { limits: { cpu } } }] } },
  },
});

describe('diffTrees on the train-steps pull request fixture', () => {
  test('one parameter in prod is the only change; the reordered env in dev is none', async () => {
    const diff = await diffTrees(path.join(FIXTURE, 'base'), path.join(FIXTURE, 'head'));
    expect(diff.objects.map((o) => [o.op, o.ref.env, o.ref.kind, o.ref.name])).toEqual([
      ['changed', 'prod', 'WorkflowTemplate', 'prod-workflow1'],
    ]);
    expect(diff.objects[0].changes.map((c) => [c.path, c.before, c.after])).toEqual([
      ['spec.arguments.parameters[name=train-steps].value', '10000', '12345'],
    ]);
    expect(diff.summary.parameters.map((p) => `${formatParameterChange(p)} (${p.env})`)).toEqual(['train-steps: 10000 -> 12345 (prod)']);
    expect(diff.summary.parameters[0].pipeline).toBe('workflow1');
  });

  test('the step that reads the changed parameter is marked changed', async () => {
    const diff = await diffTrees(path.join(FIXTURE, 'base'), path.join(FIXTURE, 'head'));
    expect(diff.pipelines).toEqual([expect.objectContaining({
      pipeline: 'workflow1', op: 'changed', changedSteps: ['train'], addedSteps: [], removedSteps: [],
    })]);
  });

  test('identical trees have no changes', async () => {
    const diff = await diffTrees(path.join(FIXTURE, 'base'), path.join(FIXTURE, 'base'));
    expect(diff.objects).toEqual([]);
  });
});

describe('diffManifests', () => {
  test('objects are matched by env/apiVersion/kind/namespace/name, not by file', () => {
    const base = tree({ 'prod/a.yaml': deployment('x:1', 1) });
    const head = tree({ 'prod/renamed.yaml': deployment('x:1', 1), 'dev/a.yaml': deployment('x:1', 1) });
    const diff = diffManifests(base, head);
    expect(diff.objects.map((o) => [o.op, o.ref.env, o.headFile])).toEqual([['added', 'dev', 'dev/a.yaml']]);
  });

  test('images, replicas and resources are summarized', () => {
    const diff = diffManifests(tree({ 'prod/d.yaml': deployment('tf-serving:2.14', 2, '1') }),
      tree({ 'prod/d.yaml': deployment('tf-serving:2.15', 4, '2') }));
    expect(diff.summary.images).toEqual([expect.objectContaining({
      path: 'spec.template.spec.containers[name=tf-serving].image', before: 'tf-serving:2.14', after: 'tf-serving:2.15',
    })]);
    expect(diff.summary.scaling.map((c) => [c.path, c.before, c.after])).toEqual([
      ['spec.replicas', 2, 4],
      ['spec.template.spec.containers[name=tf-serving].resources.limits.cpu', '1', '2'],
    ]);
  });

  test('added and removed parameters are summarized; secret-looking ones masked', () => {
    const wt = (params: { name: string; value: string }[]) => ({
      apiVersion: 'argoproj.io/v1alpha1', kind: 'WorkflowTemplate', metadata: { name: 'p' },
      spec: { entrypoint: 'main', arguments: { parameters: params }, templates: [{ name: 'main', container: { image: 'i' } }] },
    });
    const diff = diffManifests(
      tree({ 'dev/p.yaml': wt([{ name: 'seed', value: '1' }, { name: 'api-token', value: 'abc' }]) }),
      tree({ 'dev/p.yaml': wt([{ name: 'api-token', value: 'xyz' }, { name: 'eval-split', value: '0.2' }]) }),
    );
    expect(diff.summary.parameters.map(formatParameterChange)).toEqual([
      'api-token: (changed)',
      'eval-split: added (0.2)',
      'seed: removed (was 1)',
    ]);
    expect(JSON.stringify(diff)).not.toMatch(/abc|xyz/);
  });

  test('a CronWorkflow parameter under spec.workflowSpec counts as a pipeline parameter', () => {
    const cron = (steps: string) => ({
      apiVersion: 'argoproj.io/v1alpha1', kind: 'CronWorkflow', metadata: { name: 'nightly', labels: { 'kfops.dev/pipeline': 'workflow2' } },
      spec: { schedule: '0 2 * * *', workflowSpec: { workflowTemplateRef: { name: 'w' }, arguments: { parameters: [{ name: 'train-steps', value: steps }] } } },
    });
    const diff = diffManifests(tree({ 'prod/c.yaml': cron('1') }), tree({ 'prod/c.yaml': cron('2') }));
    expect(diff.summary.parameters).toEqual([expect.objectContaining({ pipeline: 'workflow2', parameter: 'train-steps', before: '1', after: '2' })]);
  });

  test('objects with only generateName are keyed by it', () => {
    const wf = (image: string) => ({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow', metadata: { generateName: 'run-' }, spec: { entrypoint: 'm', templates: [{ name: 'm', container: { image } }] } });
    const diff = diffManifests(tree({ 'dev/w.yaml': wf('a') }), tree({ 'dev/w.yaml': wf('b') }));
    expect(diff.objects.map((o) => [o.op, o.ref.name, o.ref.generated])).toEqual([['changed', 'run-', true]]);
  });

  test('multi-document files are read object by object', () => {
    const text = `${stringify(deployment('a:1', 1))}---\n${stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } })}`;
    const objects = parseManifestFile('prod/all.yaml', text);
    expect(objects.map((o) => o.ref.kind)).toEqual(['Deployment', 'ConfigMap']);
  });

  test('a kind: List is read item by item, as kubectl writes it', () => {
    const text = stringify({ apiVersion: 'v1', kind: 'List', items: [deployment('a:1', 1), { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } }] });
    const objects = parseManifestFile('prod/list.yaml', text);
    expect(objects.map((o) => `${o.ref.env} ${o.ref.kind}`)).toEqual(['prod Deployment', 'prod ConfigMap']);
  });

  test('a kustomization.yaml without name, apiVersion or kind is keyed by its folder', () => {
    const k = (resources: string[]) => parseManifestFile('prod/kustomization.yaml', stringify({ resources }));
    const diff = diffManifests(k(['a.yaml']), k(['a.yaml', 'b.yaml']));
    expect(diff.objects.map((o) => [o.op, o.ref.kind, o.ref.name])).toEqual([['changed', 'Kustomization', 'prod']]);
    expect(diff.objects[0].changes.map((c) => c.path)).toEqual(['resources']);
  });

  test('a kustomization.yaml with a key given twice is read as kustomize reads it, the last value winning; elsewhere it is refused', () => {
    const twice = 'resources: [a.yaml]\nresources: [a.yaml, b.yaml]\n';
    const diff = diffManifests(parseManifestFile('prod/kustomization.yaml', 'resources: [a.yaml]\n'), parseManifestFile('prod/kustomization.yaml', twice));
    expect(diff.objects[0].changes.map((c) => c.path)).toEqual(['resources']);
    expect(() => parseManifestFile('prod/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: c }\nmetadata: { name: d }\n')).toThrow(/duplicate key "metadata"/);
  });

  test('an added Secret carries its body with data masked', () => {
    const secret = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { key: 'c2VjcmV0' } };
    const diff = diffManifests([], tree({ 'prod/s.yaml': secret }));
    expect(diff.objects[0].body).toEqual({ ...secret, data: { key: '(masked)' } });
  });

  test('an object defined twice in one tree is an error naming both files', () => {
    const d = deployment('a', 1);
    expect(() => diffManifests(tree({ 'prod/a.yaml': d, 'prod/b.yaml': d }), []))
      .toThrow('base tree: Deployment serving (apps/v1, namespace ml) is defined twice, in prod/a.yaml and prod/b.yaml');
  });

  test('a document that is not a Kubernetes object is an error naming the file', () => {
    expect(() => parseManifestFile('prod/x.yaml', 'foo: bar\n')).toThrow('prod/x.yaml: not a Kubernetes object, missing apiVersion, kind, metadata.name');
  });
});

describe('kustomization files', () => {
  const kustomization = (resources: string[]) => ({ resources });

  test('a kustomization resource list is files added and dropped, not replicas and resources', () => {
    const diff = diffManifests(
      tree({ 'prod/kustomization.yaml': kustomization(['deployment-a.yaml', 'service-a.yaml']) }),
      tree({ 'prod/kustomization.yaml': kustomization(['deployment-a.yaml', 'service-b.yaml']) }),
    );
    expect(diff.summary.scaling).toEqual([]);
    expect(diff.summary.kustomizations.map((c) => [c.path, c.before, c.after])).toEqual([
      ['resources', 'service-a.yaml', undefined],
      ['resources', undefined, 'service-b.yaml'],
    ]);
  });

  test('the renderers give them their own section', () => {
    const diff = diffManifests(tree({ 'prod/kustomization.yaml': kustomization(['a.yaml']) }), tree({ 'prod/kustomization.yaml': kustomization(['a.yaml', 'b.yaml']) }));
    expect(renderText(diff)).toContain('Kustomization files\n  prod Kustomization prod: resources: + b.yaml\n');
    const md = renderMarkdown(diff);
    expect(md).toContain('**Kustomization files**');
    expect(md).not.toContain('Replicas and resources');
  });
});
