import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { validateCommand } from '../../../lib/cli/validate-command';
import { KustomizeFileUses } from '../../../lib/validate/checks';
import { Severity } from '../../../lib/validate/violation';
import { ObjectIndex } from '../../../lib/validate/object-index';

// Each case was built with `kubectl kustomize` (kustomize v5.5.0, the one in kubectl 1.32) before it was written
// down: the accepted ones build, and each refused one fails with the kustomize message quoted beside it.
const CONFIG_MAP = 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: settings }\ndata: { a: b }\n';
const COMPONENT = 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nnamePrefix: p-\n';
/** `patches:` with one inline strategic-merge patch, without a target, of the ConfigMap `name`. */
const patchOf = (name: string) => `patches:\n- patch: |-\n    apiVersion: v1\n    kind: ConfigMap\n    metadata: { name: ${name} }\n    data: { x: y }\n`;
/** The folders around `app/` that cases list. */
const AROUND = {
  'base/kustomization.yaml': 'resources: [cm.yaml]\n', 'base/cm.yaml': CONFIG_MAP, 'comp/kustomization.yaml': COMPONENT,
  'prefixed/kustomization.yaml': 'namePrefix: p-\nresources: [cm.yaml]\n', 'prefixed/cm.yaml': CONFIG_MAP,
  'shared/cm.yaml': CONFIG_MAP, 'shared/app.env': 'A=b\n',
};

function tree(files: Record<string, string>): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'kfops-kustomization-')));
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

interface Report {
  readonly results: { file: string; violations: { rule: string; path: string; severity: string; message: string; fix?: string }[] }[];
}

async function validate(files: Record<string, string>, paths = ['app']): Promise<{ code: number; report: Report }> {
  let out = '';
  const code = await validateCommand({ cwd: tree(files), paths, format: 'json', out: (t) => { out += t; } });
  return { code, report: JSON.parse(out) as Report };
}

function kustomizationResult(report: Report): Report['results'][number] {
  return report.results.find((r) => r.file === 'app/kustomization.yaml')!;
}

/** Every finding as `file path [rule]` (`!` marks a warning). */
async function findings(kustomization: string, files: Record<string, string> = {}): Promise<string[]> {
  const { report } = await validate({ 'app/kustomization.yaml': kustomization, 'app/cm.yaml': CONFIG_MAP, ...files });
  // app/cm.yaml is there for the cases that list it; the others leave it unused, which a test of its own covers.
  const spare = (file: string, rule: string) => file === 'app/cm.yaml' && rule === 'kustomize/unused-file';
  return report.results.flatMap((r) => r.violations.filter((v) => !spare(r.file, v.rule)).map((v) => `${r.file} ${v.path} [${v.severity === 'warning' ? '!' : ''}${v.rule}]`));
}

describe('a kustomization that kustomize builds', () => {
  test.each([
    ['fields matched by name ignoring case, as encoding/json matches them', 'Resources: [cm.yaml]\nimages:\n- name: nginx\n  newtag: "1.27"\n'],
    ['null fields, which leave a field unset', 'resources: [cm.yaml]\nnamespace: null\nimages: null\n'],
    ['an empty list, which is no empty kustomization', 'resources: []\n'],
    ['only metadata', 'metadata: { name: app }\n'],
    ['a base folder outside its own, which the load restrictor allows', 'resources: [../base]\n'],
    ['a JSON patch with a target', 'resources: [cm.yaml]\npatches:\n- target: { kind: ConfigMap, name: settings }\n  patch: |-\n    - op: add\n      path: /data/x\n      value: y\n'],
    ['a component listed twice', 'resources: [cm.yaml]\ncomponents: [../comp, ../comp]\n'],
    ['a generator file source given as key=path', 'configMapGenerator:\n- name: g\n  files: [settings=cm.yaml]\n  literals: [a=b=c]\n'],
    ['a Component with its own apiVersion', 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nresources: [cm.yaml]\n'],
    // A strategic-merge patch without a target finds its resource by any name it had (GetById over earlier ids).
    ['a patch of a base\'s resource', `resources: [../base]\n${patchOf('settings')}`],
    ['a patch by the name a base\'s namePrefix gives', `resources: [../prefixed]\n${patchOf('p-settings')}`],
    ['a patch by the name a resource had before a base\'s namePrefix', `resources: [../prefixed]\n${patchOf('settings')}`],
    ['a patch of a generated ConfigMap', `configMapGenerator:\n- name: generated\n  literals: [a=b]\n${patchOf('generated')}`],
    ['`Patches:` with a JSON patch file and a target (the file is no object of its own)', 'resources: [cm.yaml]\nPatches: [{ path: ops.yaml, target: { kind: ConfigMap, name: settings } }]\n',
      { 'app/ops.yaml': '- op: add\n  path: /data/x\n  value: y\n' }],
    ['a component whose kustomization spells `Kind:`', 'resources: [cm.yaml]\ncomponents: [../odd-case]\n',
      { 'odd-case/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1alpha1\nKind: Component\nnamePrefix: p-\n' }],
    ['a one-line inline transformer', 'resources: [cm.yaml]\ntransformers: ["{apiVersion: builtin, kind: NamespaceTransformer, metadata: {name: x, namespace: foo}}"]\n'],
    ['a patch of blanks beside a path, which kustomize trims to none', 'resources: [cm.yaml]\npatches: [{ path: patch.yaml, patch: " " }]\n',
      { 'app/patch.yaml': CONFIG_MAP.replace('{ a: b }', '{ x: z }') }],
    ['a file of comments listed twice, which adds no object', 'resources: [cm.yaml, notes.yaml, notes.yaml]\n', { 'app/notes.yaml': '# nothing yet\n' }],
    ['a field name that matches only under Go\'s case folding (ſ is s)', 're\u017fources: [cm.yaml]\n'],
    // YAML-to-JSON sorts the keys: of `resources` and `Resources`, the lowercase one (sorting last) wins in either order
    ['two spellings of a field, the one that sorts last naming what is there', 'resources: [cm.yaml]\nResources: [missing.yaml]\n'],
    ['empty inline configs', 'resources: [cm.yaml]\ngenerators: [""]\ntransformers: [""]\n'],
    ['a comment before the first ---, which is no document of its own', '# header\n---\nresources: [cm.yaml]\n'],
  ] as [string, string, Record<string, string>?][])('passes: %s', async (_, kustomization, files = {}) => {
    expect(await findings(kustomization, { ...AROUND, ...files })).toEqual([]);
  });

  test('a blank patchesStrategicMerge entry beside a patch file is read as an empty document, which adds nothing', async () => {
    // kubectl kustomize builds it, warning only that the field is deprecated
    expect(await findings('resources: [cm.yaml]\npatchesStrategicMerge: ["  ", cm.yaml]\n'))
      .toEqual(['app/kustomization.yaml patchesStrategicMerge [!kustomize/deprecated-field]']);
  });

  test('files kustomize reads as inputs are no objects: generator data, transformer configs, configurations', async () => {
    const kustomization = 'resources: [cm.yaml]\ntransformers: [prefix.yaml]\nconfigurations: [conf.yaml]\nconfigMapGenerator:\n- name: g\n  files: [config.json, rows=data.yaml]\n';
    const inputs = {
      // kubectl kustomize builds this; as objects, each of these files would be an error (no kind, no schema, not an object)
      'app/prefix.yaml': 'apiVersion: builtin\nkind: PrefixSuffixTransformer\nmetadata: { name: p }\nprefix: x-\nfieldSpecs: [{ path: metadata/name }]\n',
      'app/conf.yaml': 'namePrefix:\n- path: spec/x\n  kind: Foo\n', 'app/config.json': '{"a": 1}', 'app/data.yaml': '- 1\n- 2\n',
    };

    expect(await findings(kustomization, inputs)).toEqual([]);
  });

  test('an input that cannot be read is still reported', async () => {
    const dir = tree({ 'app/kustomization.yaml': 'configMapGenerator:\n- name: g\n  files: [big.json]\n', 'app/big.json': `{"a": "${'x'.repeat(2048)}"}` });
    let out = '';
    const code = await validateCommand({ cwd: dir, paths: ['app'], format: 'json', maxFileSize: '1k', out: (t) => { out += t; } });

    expect(code).toBe(1);
    expect((JSON.parse(out) as Report).results.flatMap((r) => r.violations.map((v) => `${r.file} ${v.rule}`))).toEqual(['app/big.json input/too-large']);
  });

  test('a file its folder\'s kustomization does not use is a warning, and is not checked as an object: it is never applied', async () => {
    // kubectl kustomize builds the folder without it
    const broken = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: old }\nspec: { template: { spec: { containers: [{ name: c }] } } }\n';

    expect(await findings('resources: [cm.yaml]\n', { 'app/old-patch.yaml': broken })).toEqual(['app/old-patch.yaml  [!kustomize/unused-file]']);
  });

  test('an unused file of several objects (a List, documents) is one warning, as the finding is the file\'s', async () => {
    const list = 'apiVersion: v1\nkind: List\nitems:\n- { apiVersion: v1, kind: ConfigMap, metadata: { name: b1 } }\n- { apiVersion: v1, kind: ConfigMap, metadata: { name: b2 } }\n';
    const documents = 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: c1 }\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: { name: c2 }\n';
    expect(await findings('resources: [cm.yaml]\n', { 'app/list.yaml': list, 'app/docs.yaml': documents })).toEqual([
      'app/docs.yaml  [!kustomize/unused-file]', 'app/list.yaml  [!kustomize/unused-file]',
    ]);
  });

  test('an unused file that does not even parse (a template, a list) is the same warning, not a syntax error', async () => {
    expect(await findings('resources: [cm.yaml]\n', { 'app/tmpl.yaml': 'a: {{ .Values.x }}\n', 'app/list.yaml': '- 1\n' })).toEqual([
      'app/list.yaml  [!kustomize/unused-file]', 'app/tmpl.yaml  [!kustomize/unused-file]',
    ]);
  });

  test('a selector the build does not make whole stays an error: a mismatch, a parent that lists the file without labels', async () => {
    const rc = 'apiVersion: v1\nkind: ReplicationController\nmetadata: { name: rc }\nspec:\n  selector: { app: a }\n  template:\n    metadata: { labels: { app: b } }\n    spec: { containers: [{ name: c, image: "nginx:1.27" }] }\n';
    const byExpression = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: d }\nspec:\n  selector: { matchExpressions: [{ key: app, operator: In, values: [a] }] }\n  template:\n    metadata: { labels: { app: b } }\n    spec: { containers: [{ name: c, image: "nginx:1.27" }] }\n';
    expect(await findings('resources: [cm.yaml, rc.yaml, d.yaml]\ncommonLabels: { team: x }\n', { 'app/rc.yaml': rc, 'app/d.yaml': byExpression }))
      .toEqual(['app/d.yaml spec.selector [k8s/selector]', 'app/kustomization.yaml commonLabels [!kustomize/deprecated-field]', 'app/rc.yaml spec.selector [k8s/selector]']);

    const bare = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: web }\nspec:\n  template:\n    spec: { containers: [{ name: web, image: "nginx:1.27" }] }\n';
    // kubectl kustomize app: the parent builds base/web.yaml without the base's labels, so without a selector
    expect(await findings('resources: [cm.yaml, base/web.yaml]\n', {
      'app/base/kustomization.yaml': 'resources: [web.yaml]\nlabels:\n- pairs: { app: web }\n  includeSelectors: true\n', 'app/base/web.yaml': bare,
    })).toEqual(['app/base/web.yaml spec.selector [required]']);
  });

  test('only the built-in workloads get the selector the labels create: kustomize\'s field specs name the API group', () => {
    const uses = new KustomizeFileUses();
    const use = { kind: 'resource', kustomization: '/k/kustomization.yaml', field: 'resources[0]', targeted: false, addsSelectors: true, setsNamespace: false } as const;
    const statefulSet = (apiVersion: string) => ({ apiVersion, kind: 'StatefulSet', metadata: { name: 's' }, spec: {} });
    const missing = { path: 'spec.selector', rule: 'required', message: 'missing required field "selector"', severity: Severity.ERROR };

    const index = new ObjectIndex([]);
    expect(uses.resolvedByBuild(statefulSet('apps/v1'), use, missing, index, [])).toBe(true);
    expect(uses.resolvedByBuild(statefulSet('apps.kruise.io/v1beta1'), use, missing, index, [])).toBe(false);
  });

  test('a workload without a selector is fine where the build\'s labels create it (commonLabels, labels with includeSelectors)', async () => {
    // kubectl kustomize writes spec.selector.matchLabels from the labels, which the API server then takes
    const deployment = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: web }\nspec:\n  template:\n    spec: { containers: [{ name: web, image: "nginx:1.27" }] }\n';
    const withLabels = (labels: string) => findings(`resources: [cm.yaml, web.yaml]\n${labels}`, { 'app/web.yaml': deployment });

    expect(await withLabels('labels:\n- pairs: { app: web }\n  includeSelectors: true\n')).toEqual([]);
    expect(await withLabels('labels:\n- pairs: { app: web }\n')).toEqual(['app/web.yaml spec.selector [required]']);
  });

  // kubectl kustomize: with namespace: set, the Service a webhook names moves there and the webhook's service with it.
  test('a webhook whose service namespace the build fills in (KFP\'s admission-webhook base); not without the Service or the namespace', async () => {
    const webhook = 'apiVersion: admissionregistration.k8s.io/v1\nkind: MutatingWebhookConfiguration\nmetadata: { name: m }\nwebhooks:\n'
      + '- name: m.example.com\n  admissionReviewVersions: [v1]\n  sideEffects: None\n  clientConfig:\n    service: { name: svc, path: /apply }\n';
    const service = 'apiVersion: v1\nkind: Service\nmetadata: { name: svc }\nspec:\n  ports: [{ port: 443 }]\n';
    const files = { 'app/mwc.yaml': webhook, 'app/svc.yaml': service };

    expect(await findings('namespace: kubeflow\nresources: [cm.yaml, mwc.yaml, svc.yaml]\n', files)).toEqual([]);
    expect(await findings('namespace: kubeflow\nresources: [cm.yaml, mwc.yaml]\n', { 'app/mwc.yaml': webhook }))
      .toEqual(['app/mwc.yaml webhooks[0].clientConfig.service.namespace [required]']);
    expect(await findings('resources: [cm.yaml, mwc.yaml, svc.yaml]\n', files)).toEqual(['app/mwc.yaml webhooks[0].clientConfig.service.namespace [required]']);
  });

  // kubectl kustomize default and overlays/standalone: each build writes the selector from its labels.
  test('a base without a selector that every kustomization including it builds with labels (kubebuilder\'s manager/)', async () => {
    const bare = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: web }\nspec:\n  template:\n    spec: { containers: [{ name: web, image: "nginx:1.27" }] }\n';
    const files = (standalone: string) => ({
      'app/manager/kustomization.yaml': 'resources: [manager.yaml]\n', 'app/manager/manager.yaml': bare,
      'app/default/kustomization.yaml': 'resources: [../manager]\nlabels:\n- pairs: { app: web }\n  includeSelectors: true\n',
      'app/overlays/standalone/kustomization.yaml': standalone,
    });

    expect(await findings('resources: [cm.yaml]\n', files('resources: [../../default]\n'))).toEqual([]);
    // A build that includes the base without labels writes the Deployment without a selector.
    expect(await findings('resources: [cm.yaml]\n', files('resources: [../../manager]\n'))).toEqual(['app/manager/manager.yaml spec.selector [required]']);
  });

  // kubectl kustomize app: "cycle detected: candidate root .../app contains visited root .../app".
  test('two folders whose kustomizations include each other are a cycle; a diamond is not', async () => {
    expect(await findings('resources: [cm.yaml, ../other]\n', { 'other/kustomization.yaml': 'resources: [../app]\n' }))
      .toEqual(['app/kustomization.yaml resources[1] [kustomize/cycle]']);
    const base = 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: base }\n';
    expect(await findings('resources: [cm.yaml, ../left, ../right]\n', {
      'left/kustomization.yaml': 'resources: [../base]\nnamePrefix: l-\n', 'right/kustomization.yaml': 'resources: [../base]\nnamePrefix: r-\n',
      'base/kustomization.yaml': 'resources: [cm.yaml]\n', 'base/cm.yaml': base,
    })).toEqual([]);
  });

  test('a second document is a warning: kustomize reads only the first', async () => {
    expect(await findings('resources: [cm.yaml]\n---\nkind: Foo\nbogus: 1\n')).toEqual(['app/kustomization.yaml  [!kustomize/extra-document]']);
  });

  test('a key given twice is a warning: kustomize reads it, keeping the last value (Kustomization.Unmarshal is not strict)', async () => {
    const { code, report } = await validate({ 'app/kustomization.yaml': 'resources: [cm.yaml]\nresources: [cm.yaml]\n', 'app/cm.yaml': CONFIG_MAP });

    expect(code).toBe(0);
    expect(report.results.flatMap((r) => r.violations.map((v) => `${v.severity} ${v.rule}`))).toEqual(['warning input/duplicate-key']);
    expect(kustomizationResult(report).violations[0].message).toMatch(/kustomize reads the file anyway and keeps the last value/);
  });

  test('a kustomization with a key given twice is still checked, as kustomize reads it: the last value wins', async () => {
    // kustomize: json: unknown field "bogus" (the first resources list is dropped, so missing.yaml is what it loads)
    expect(await findings('resources: [cm.yaml]\nresources: [missing.yaml]\nbogus: 1\n')).toEqual([
      'app/kustomization.yaml  [!input/duplicate-key]',
      'app/kustomization.yaml bogus [kustomize/unknown-field]', 'app/kustomization.yaml resources[0] [kustomize/missing-resource]',
    ]);
  });
});

describe('what a kustomization stamps on every object it builds', () => {
  // kustomize builds each of these; the API server refuses the objects it builds.
  test.each([
    ['a namespace that is no DNS label', 'namespace: Prod_1\nresources: [cm.yaml]\n', ['app/kustomization.yaml namespace [kustomize/namespace]']],
    ['a label key and value the API server refuses', 'resources: [cm.yaml]\nlabels:\n- pairs: { "bad key!": v, team: "has space" }\n',
      ['app/kustomization.yaml labels[0].pairs["bad key!"] [kustomize/label]', 'app/kustomization.yaml labels[0].pairs.team [kustomize/label]']],
    ['an annotation key with an empty prefix', 'resources: [cm.yaml]\ncommonAnnotations: { "/x": "y" }\n', ['app/kustomization.yaml commonAnnotations["/x"] [kustomize/annotation]']],
    // A warning: RBAC names take more than most kinds' names.
    ['a name prefix and suffix most names refuse', 'namePrefix: "-x"\nnameSuffix: X\nresources: [cm.yaml]\n',
      ['app/kustomization.yaml namePrefix [!kustomize/name-affix]', 'app/kustomization.yaml nameSuffix [!kustomize/name-affix]']],
  ])('%s', async (_, kustomization, expected) => {
    expect(await findings(kustomization)).toEqual(expected);
  });

  test('Helm charts are a warning: kustomize inflates them only with --enable-helm, which Argo CD passes only when told', async () => {
    // kubectl kustomize: must specify --enable-helm
    expect(await findings('helmCharts:\n- name: redis\n  repo: https://charts.example.com\n  version: 1.0.0\n  releaseName: r\n'))
      .toEqual(['app/kustomization.yaml helmCharts [!kustomize/helm]']);
  });

  test('deprecated fields are warnings, as kustomize prints them', async () => {
    expect(await findings('bases: [../base]\ncommonLabels: { team: ml }\n', AROUND)).toEqual([
      'app/kustomization.yaml bases [!kustomize/deprecated-field]', 'app/kustomization.yaml commonLabels [!kustomize/deprecated-field]',
    ]);
  });
});

describe('a kustomization that kustomize refuses', () => {
  test.each([
    // json: unknown field "resource"
    ['a misspelt field', 'resource: [cm.yaml]\n', {}, ['app/kustomization.yaml resource [kustomize/unknown-field]']],
    // json: unknown field "includeSelector" (Label)
    ['a misspelt field of a nested struct', 'resources: [cm.yaml]\nlabels:\n- pairs: { a: b }\n  includeSelector: true\n', [],
      ['app/kustomization.yaml labels[0].includeSelector [kustomize/unknown-field]']],
    // cannot unmarshal string into Go struct field Kustomization.resources of type []string
    ['a string where a list goes', 'resources: cm.yaml\n', {}, ['app/kustomization.yaml resources [kustomize/field-type]']],
    // cannot unmarshal number into Go struct field Image.images.newTag of type string
    ['an unquoted number as an image tag', 'resources: [cm.yaml]\nimages:\n- name: nginx\n  newTag: 1.20\n', [],
      ['app/kustomization.yaml images[0].newTag [kustomize/field-type]']],
    // cannot unmarshal bool into Go struct field Kustomization.commonAnnotations of type string (YAML 1.1: yes)
    ['a YAML 1.1 boolean as an annotation value', 'resources: [cm.yaml]\ncommonAnnotations: { a: yes }\n', [],
      ['app/kustomization.yaml commonAnnotations.a [kustomize/field-type]']],
    // cannot unmarshal string into Go struct field Replica.replicas.count of type int64
    ['a quoted replica count', 'resources: [cm.yaml]\nreplicas:\n- name: settings\n  count: "3"\n', {}, ['app/kustomization.yaml replicas[0].count [kustomize/field-type]']],
    // kind should be Kustomization or Component
    ['another kind', 'kind: Foo\nresources: [cm.yaml]\n', {}, ['app/kustomization.yaml kind [kustomize/kind]']],
    // apiVersion for Kustomization should be kustomize.config.k8s.io/v1beta1
    ['a Kustomization with another apiVersion', 'apiVersion: v1\nkind: Kustomization\nresources: [cm.yaml]\n', {}, ['app/kustomization.yaml apiVersion [kustomize/api-version]']],
    // apiVersion for Component should be kustomize.config.k8s.io/v1alpha1
    ['a Component with the Kustomization apiVersion', 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Component\nresources: [cm.yaml]\n', [],
      ['app/kustomization.yaml apiVersion [kustomize/api-version]']],
    // kustomization.yaml is empty
    ['nothing but kind and apiVersion', 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n', {}, ['app/kustomization.yaml  [kustomize/empty]']],
    ['nothing but comments', '# to do\n', {}, ['app/kustomization.yaml  [kustomize/empty]']],
    ['an empty file', '', {}, ['app/kustomization.yaml  [kustomize/empty]']],
    // kustomization.yaml is empty: FixKustomization moves bases into resources, and "" is Go's zero value
    ['an empty bases list', 'bases: []\n', {}, ['app/kustomization.yaml bases [!kustomize/deprecated-field]', 'app/kustomization.yaml  [kustomize/empty]']],
    ['an empty namePrefix alone', 'namePrefix: ""\n', {}, ['app/kustomization.yaml  [kustomize/empty]']],
    // kustomize reads the first document only
    ['an empty first document', '---\n# nothing yet\n---\nresources: [cm.yaml]\n', {}, ['app/kustomization.yaml  [kustomize/empty]']],
    // a one-line mapping is a path to resources (only transformers, generators, validators take documents)
    ['a one-line mapping under resources', 'resources: ["{a: b}"]\n', {}, ['app/kustomization.yaml resources[0] [kustomize/missing-resource]']],
    // a null item is Go's zero value: a patch with neither patch nor path, a generator with no name, an empty path
    ['a null patch entry', 'resources: [cm.yaml]\npatches: [null]\n', {}, ['app/kustomization.yaml patches[0] [kustomize/patch]']],
    ['a null generator entry', 'configMapGenerator: [~]\n', {}, ['app/kustomization.yaml configMapGenerator[0].name [kustomize/generator-name]']],
    // new root cannot be empty
    ['an empty resources entry', 'resources: [""]\n', {}, ['app/kustomization.yaml resources[0] [kustomize/missing-resource]']],
    // cycle detected
    ['its own folder under resources', 'resources: [cm.yaml, .]\n', {}, ['app/kustomization.yaml resources[1] [kustomize/cycle]']],
    // must specify the target name
    ['a patchesJson6902 target without a name', 'resources: [cm.yaml]\npatchesJson6902:\n- target: { version: v1, kind: ConfigMap }\n  patch: "[{op: add, path: /data/x, value: y}]"\n', {},
      ['app/kustomization.yaml patchesJson6902 [!kustomize/deprecated-field]', 'app/kustomization.yaml patchesJson6902[0].target [kustomize/patch-target]']],
    // key name or file path contains '='
    ['a file source with two =', 'configMapGenerator:\n- name: g\n  files: [a=b=c]\n', { 'app/b=c': 'x' }, ['app/kustomization.yaml configMapGenerator[0].files[0] [kustomize/generator-source]']],
    // Found multiple kustomization files under: ...
    ['a second kustomization file in the folder', 'resources: [cm.yaml]\n', { 'app/kustomization.yml': 'resources: [cm.yaml]\n' },
      ['app/kustomization.yaml  [kustomize/multiple-files]', 'app/kustomization.yml  [kustomize/multiple-files]']],
    // security; file '.../shared/cm.yaml' is not in or below '.../app'
    ['a resource file outside its folder', 'resources: [../shared/cm.yaml]\n', {}, ['app/kustomization.yaml resources[0] [kustomize/outside-root]']],
    ['a patch file outside its folder', 'resources: [cm.yaml]\npatches:\n- path: ../shared/cm.yaml\n', {}, ['app/kustomization.yaml patches[0].path [kustomize/outside-root]']],
    ['a generator env file outside its folder', 'configMapGenerator:\n- name: g\n  envs: [../shared/app.env]\n', [],
      ['app/kustomization.yaml configMapGenerator[0].envs[0] [kustomize/outside-root]']],
    // unable to find one of 'kustomization.yaml', 'kustomization.yml' or 'Kustomization' in directory
    ['a folder without a kustomization', 'resources: [plain]\n', { 'app/plain/cm.yaml': CONFIG_MAP.replace('settings', 'plain') }, ['app/kustomization.yaml resources[0] [kustomize/missing-kustomization]']],
    // expected kind 'Component' for path '...' but got 'Kustomization'
    ['a Kustomization under components', 'components: [../base]\n', {}, ['app/kustomization.yaml components[0] [kustomize/component]']],
    // must build at directory: '.../cm.yaml': file is not directory
    ['a file under components', 'components: [cm.yaml]\n', {}, ['app/kustomization.yaml components[0] [kustomize/component]']],
    // a Component under resources: '.../comp' must resolve to a file
    ['a Component under resources', 'resources: [../comp]\n', {}, ['app/kustomization.yaml resources[0] [kustomize/component]']],
    ['a Component that spells `KIND:` under resources', 'resources: [c]\n', { 'app/c/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1alpha1\nKIND: Component\nnamePrefix: p-\n' },
      ['app/kustomization.yaml resources[0] [kustomize/component]']],
    // may not add resource with an already registered id: ConfigMap.v1.[noGrp]/settings.[noNs]
    ['a resource file listed twice', 'resources: [cm.yaml, ./cm.yaml]\n', {}, ['app/kustomization.yaml resources[1] [kustomize/duplicate-resource]']],
    ['a base listed twice', 'resources: [../base, ../base]\n', {}, ['app/kustomization.yaml resources[1] [kustomize/duplicate-resource]']],
    // must specify one of patch and path
    ['a patch entry with neither patch nor path', 'resources: [cm.yaml]\npatches:\n- target: { kind: ConfigMap }\n', {}, ['app/kustomization.yaml patches[0] [kustomize/patch]']],
    // PatchStrategicMergeTransformer: patch appears to be empty (each entry is read as a document first)
    ['a patchesStrategicMerge list of blank entries only', 'resources: [cm.yaml]\npatchesStrategicMerge: ["", "  "]\n', {},
      ['app/kustomization.yaml patchesStrategicMerge [!kustomize/deprecated-field]', 'app/kustomization.yaml patchesStrategicMerge [kustomize/patch]']],
    // patch and path can't be set at the same time
    ['a patch entry with both', 'resources: [cm.yaml]\npatches:\n- path: cm.yaml\n  patch: "x: y"\n', {}, ['app/kustomization.yaml patches[0] [kustomize/patch]']],
    // must specify a target for JSON patch
    ['an inline JSON patch without a target', 'resources: [cm.yaml]\npatches:\n- patch: |-\n    - op: add\n      path: /data/x\n      value: y\n', [],
      ['app/kustomization.yaml patches[0] [kustomize/patch-target]']],
    ['a JSON patch file without a target', 'resources: [cm.yaml]\npatches:\n- path: ops.yaml\n', { 'app/ops.yaml': '- op: add\n  path: /data/x\n  value: y\n' }, ['app/kustomization.yaml patches[0] [kustomize/patch-target]']],
    // a configmap must have a name (said of Secrets too)
    ['a Secret generator without a name', 'secretGenerator:\n- literals: [a=b]\n', {}, ['app/kustomization.yaml secretGenerator[0].name [kustomize/generator-name]']],
    // invalid literal source ab, expected key=value
    ['a literal without =', 'configMapGenerator:\n- name: g\n  literals: [ab]\n', {}, ['app/kustomization.yaml configMapGenerator[0].literals[0] [kustomize/generator-source]']],
    // missing key name for file path "cm.yaml" in source "=cm.yaml"
    ['a file source with an empty key', 'configMapGenerator:\n- name: g\n  files: [=cm.yaml]\n', {}, ['app/kustomization.yaml configMapGenerator[0].files[0] [kustomize/generator-source]']],
    // configmap g illegally repeats the key `a`
    ['a key given twice', 'configMapGenerator:\n- name: g\n  literals: [a=1]\n  files: [a=cm.yaml]\n', {}, ['app/kustomization.yaml configMapGenerator[0].files[0] [kustomize/generator-key]']],
    // no resource matches strategic merge patch "ConfigMap.v1.[noGrp]/setings.[noNs]"
    ['a patch of a resource the build does not hold', `resources: [cm.yaml]\n${patchOf('setings')}`, {}, ['app/kustomization.yaml patches[0] [kustomize/patch-no-match]']],
    // patches run before the kustomization's own namePrefix: no resource is named p-settings yet
    ['a patch by the name its own namePrefix will give', `namePrefix: p-\nresources: [cm.yaml]\n${patchOf('p-settings')}`, {},
      ['app/kustomization.yaml patches[0] [kustomize/patch-no-match]']],
    // lstat .../nope.txt: no such file or directory
    ['a generator file that is not there', 'configMapGenerator:\n- name: g\n  files: [nope.txt]\n', {}, ['app/kustomization.yaml configMapGenerator[0].files[0] [kustomize/missing-resource]']],
  ] as [string, string, Record<string, string>, string[]][])('%s', async (_, kustomization, files, expected) => {
    expect(await findings(kustomization, { ...AROUND, ...files })).toEqual(expected);
  });

  test('every field problem is reported, where kustomize stops at the first, each with a fix', async () => {
    const { code, report } = await validate({ 'app/kustomization.yaml': 'resourcez: [cm.yaml]\nnamePrefix: 5\nimages:\n- name: a\n  newTag: 1.2\n' });

    expect(code).toBe(1);
    expect(kustomizationResult(report).violations.map((v) => [v.path, v.fix])).toEqual([
      ['resourcez', 'rename "resourcez" to "resources"'],
      ['namePrefix', 'quote the value: "5"'],
      ['images[0].newTag', 'quote the value: "1.2"'],
    ]);
  });

  test('a string where a list goes is told to become a list', async () => {
    const { report } = await validate({ 'app/kustomization.yaml': 'resources: cm.yaml\n', 'app/cm.yaml': CONFIG_MAP });

    expect(kustomizationResult(report).violations[0]).toMatchObject({
      message: expect.stringMatching(/expected a list of strings \(Go \[\]string\), got string "cm.yaml"/), fix: 'write it as a list: [cm.yaml]',
    });
  });

  test('a patch that matches nothing suggests the closest name of its kind', async () => {
    const { report } = await validate({ 'app/kustomization.yaml': `resources: [cm.yaml]\n${patchOf('setings')}`, 'app/cm.yaml': CONFIG_MAP });

    expect(kustomizationResult(report).violations[0].fix).toBe('did you mean "settings"?');
  });

  test('a Component\'s patches are not matched: they patch the build that includes the component', async () => {
    const component = `apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\n${patchOf('elsewhere')}`;

    expect(await findings(component)).toEqual([]);
  });

  test('a list of 200,000 entries is reported, not a stack overflow', async () => {
    const entries = Array.from({ length: 200_000 }, (_, i) => `missing-${i}.yaml`).join(', ');

    expect(await findings(`resources: [${entries}]\n`)).toHaveLength(200_000);
  });

  test('paths through a file or with a NUL byte are missing, not a crash', async () => {
    expect(await findings('resources: [cm.yaml/x, "a\\0b"]\n')).toEqual([
      'app/kustomization.yaml resources[0] [kustomize/missing-resource]', 'app/kustomization.yaml resources[1] [kustomize/missing-resource]',
    ]);
  });

  test('an object of kind Kustomization in a file of another name is only checked for its paths: kustomize reads no such file', async () => {
    const other = 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresourcez: [x]\n';

    expect(await findings('resources: [cm.yaml]\n', { 'app/other.yaml': other })).toEqual([]);
  });

  test('a key every object inherits is an unknown field, not a crash', async () => {
    expect(await findings('constructor: [cm.yaml]\nresources: [cm.yaml]\nlabels: [{ pairs: { toString: x, constructor: "z" } }]\n'))
      .toEqual(['app/kustomization.yaml constructor [kustomize/unknown-field]']);
  });
});
