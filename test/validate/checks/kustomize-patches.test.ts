import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { validateCommand } from '../../../lib/cli/validate-command';

// The shape of an install bundle's component (argo-workflows v4.1.2 manifests/components/otel-collector): a
// kustomization whose patches sit in overlays/, partial objects kustomize merges into the resources it patches.
const DEPLOYMENT = [
  'apiVersion: apps/v1', 'kind: Deployment', 'metadata: { name: web }', 'spec:',
  '  selector: { matchLabels: { app: web } }', '  template:', '    metadata: { labels: { app: web } }',
  '    spec: { containers: [{ name: web, image: "nginx:1.27" }] }', '',
].join('\n');
/** A strategic-merge patch: no selector, a container without an image; as a whole object it would be invalid. */
const ENV_PATCH = [
  'apiVersion: apps/v1', 'kind: Deployment', 'metadata: { name: web }', 'spec:', '  template:',
  '    spec: { containers: [{ name: web, env: [{ name: A, value: b }] }] }', '',
].join('\n');
const OPERATIONS = '- op: add\n  path: /spec/replicas\n  value: 2\n';

function bundle(kustomization: string, files: Record<string, string>): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'kfops-patches-')));
  for (const [file, text] of Object.entries({ 'kustomization.yaml': kustomization, 'deployment.yaml': DEPLOYMENT, ...files })) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

async function violations(cwd: string, paths: string[]): Promise<string[]> {
  let out = '';
  await validateCommand({ cwd, paths, format: 'json', out: (t) => { out += t; } });
  const report = JSON.parse(out) as { results: { file: string; violations: { rule: string; path: string; message: string }[] }[] };
  // The bundle uses the deprecated patch fields on purpose; kustomization.test.ts covers their warnings.
  const shown = (rule: string) => rule !== 'security/image-tag' && rule !== 'kustomize/deprecated-field';
  return report.results.flatMap((r) => r.violations.filter((v) => shown(v.rule)).map((v) => `${r.file} ${v.path} [${v.rule}]`));
}

const KUSTOMIZATION = [
  'apiVersion: kustomize.config.k8s.io/v1beta1', 'kind: Kustomization', 'resources: [deployment.yaml]',
  'patches:', '  - path: overlays/env.yaml',
  '  - path: overlays/ops.yaml', '    target: { kind: Deployment, name: web }',
  'patchesStrategicMerge: [overlays/merge.yaml]',
  'patchesJson6902:', '  - path: overlays/old-ops.yaml', '    target: { group: apps, version: v1, kind: Deployment, name: web }', '',
].join('\n');
const PATCHES = { 'overlays/env.yaml': ENV_PATCH, 'overlays/merge.yaml': ENV_PATCH, 'overlays/ops.yaml': OPERATIONS, 'overlays/old-ops.yaml': OPERATIONS };

describe('files a kustomization uses as patches', () => {
  test.each([
    ['the bundle', '.'],
    ['the patches folder alone, its kustomization one folder up', 'overlays'],
  ])('are not checked as whole objects when validating %s', async (_, given) => {
    const dir = bundle(KUSTOMIZATION, PATCHES);

    expect(await violations(dir, [given])).toEqual([]);
  });

  // kubectl kustomize builds the bundle without a file of overlays/ it does not list: the kustomization owns overlays/.
  test('the same partial object in the patches folder, not listed, is an unused file of that kustomization', async () => {
    const dir = bundle(KUSTOMIZATION, { ...PATCHES, 'overlays/stray.yaml': ENV_PATCH });

    expect(await violations(dir, ['overlays'])).toEqual(['overlays/stray.yaml  [kustomize/unused-file]']);
  });

  test('kubebuilder\'s patches folder: a patch whose entry is commented out is unused, though no file of the folder is listed', async () => {
    const kustomization = 'resources: [deployment.yaml]\npatches:\n#- path: patches/webhook_in_web.yaml\n';
    const dir = bundle(kustomization, { 'patches/webhook_in_web.yaml': ENV_PATCH });

    expect(await violations(dir, ['.'])).toEqual(['patches/webhook_in_web.yaml  [kustomize/unused-file]']);
  });

  test('the same partial object in a folder the kustomization names nothing of is still checked as an object', async () => {
    const dir = bundle(KUSTOMIZATION, { ...PATCHES, 'raw/stray.yaml': ENV_PATCH });

    expect(await violations(dir, ['raw'])).toEqual([
      'raw/stray.yaml spec.selector [required]',
      'raw/stray.yaml spec.template.spec.containers[0].image [k8s/containers]',
    ]);
  });

  test('a CRD patch (kubebuilder\'s trivial_conversion_patch.yaml) defines no kinds: no crd/invalid', async () => {
    const crd = (spec: string) => `apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: {name: webs.example.com}\nspec: ${spec}\n`;
    const full = crd('{group: example.com, names: {kind: Web, plural: webs}, scope: Namespaced, versions: [{name: v1, served: true, storage: true, schema: {openAPIV3Schema: {type: object}}}]}');
    const dir = bundle('resources: [deployment.yaml, bases/web.yaml]\npatches:\n- path: patches/conversion.yaml\n', { 'bases/web.yaml': full, 'patches/conversion.yaml': crd('{conversion: {strategy: None}}') });

    expect(await violations(dir, ['.'])).toEqual([]);
  });

  // kubebuilder's auth proxy: kubectl kustomize merges the proxy container, and its https port, into the Deployment.
  test('a Service targeting a port name that a strategic-merge patch adds to the selected pods', async () => {
    const service = 'apiVersion: v1\nkind: Service\nmetadata: { name: metrics }\nspec:\n  selector: { app: web }\n  ports: [{ name: https, port: 8443, targetPort: https }]\n';
    const proxy = [
      'apiVersion: apps/v1', 'kind: Deployment', 'metadata: { name: web }', 'spec:', '  template:',
      '    spec: { containers: [{ name: kube-rbac-proxy, image: "quay.io/brancz/kube-rbac-proxy:v0.16.0", ports: [{ name: https, containerPort: 8443 }] }] }', '',
    ].join('\n');
    const kustomization = (patches: string) => `resources: [deployment.yaml, service.yaml]\n${patches}`;

    expect(await violations(bundle(kustomization('patches:\n- path: proxy.yaml\n'), { 'service.yaml': service, 'proxy.yaml': proxy }), ['.'])).toEqual([]);
    expect(await violations(bundle(kustomization(''), { 'service.yaml': service }), ['.'])).toEqual(['service.yaml spec.ports[0].targetPort [k8s/service-target-port]']);
  });

  test('a patch without a target must name the resource it patches by kind and metadata.name', async () => {
    const dir = bundle(KUSTOMIZATION, { ...PATCHES, 'overlays/env.yaml': ENV_PATCH.replace('metadata: { name: web }', 'metadata: {}') });

    expect(await violations(dir, ['.'])).toEqual(['overlays/env.yaml metadata.name [kustomize/patch-target]']);
  });

  test('a patch entry naming a missing file is reported on the kustomization', async () => {
    const dir = bundle(KUSTOMIZATION.replace('overlays/env.yaml', 'overlays/gone.yaml'), PATCHES);

    expect(await violations(dir, ['kustomization.yaml'])).toEqual(['kustomization.yaml patches[0].path [kustomize/missing-resource]']);
  });
});
