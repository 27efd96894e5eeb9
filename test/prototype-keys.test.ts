import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { stringify } from 'yaml';
import { parseManifestFile } from '../lib/diff/manifest-object';
import { renderText } from '../lib/diff/render-text';
import { diffManifests } from '../lib/diff/semantic-diff';
import { readManifestText } from '../lib/manifest';
import { Pipeline } from '../lib';
import { KfpComponent } from '../lib/components';
import { diffFields } from '../lib/diff/field-diff';
import { tagCode } from '../lib/import/references';
import { imageReferenceProblem } from '../lib/k8s-spec/image-reference';
import { hpaViolations } from '../lib/validate/checks/k8s/hpa-spec';
import { checkServiceSelectors } from '../lib/validate/checks';
import { validateManifests } from '../lib/validate/validator';
import { synthChart } from './helpers/synth-chart';
import { runCheck } from './validate/builders';

/**
 * Keys that name what every plain JavaScript object inherits. Labels, selectors, annotations, ConfigMap keys and
 * parameter names are the input's: a lookup like `labels[key]` must find the input's value or nothing, never
 * `Object.prototype.constructor` (a Service selecting `constructor: x` once crashed validate with a stack trace).
 */
const INHERITED = ['constructor', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf', '__proto__'];

const ROOT = path.resolve(__dirname, '..');
const FIXTURES = [path.join(__dirname, 'fixtures', 'validate', 'no-false-alarms'), path.join(__dirname, 'fixtures', 'validate', 'schema', 'upstream')];

/** Every `.yaml` file under the fixtures, with its objects. */
function fixtureObjects(): { file: string; objects: unknown[] }[] {
  return FIXTURES.flatMap((root) => fs.readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.yaml')).sort()
    .map((f) => ({ file: path.join(root, f), objects: readManifestText(fs.readFileSync(path.join(root, f), 'utf8'), f).entries.map((e) => e.object) })));
}

/** The value with each inherited name added as a string key to every map, and given to every `name` field. */
function withInheritedKeys(value: unknown, rename: boolean): unknown {
  if (Array.isArray(value)) return value.map((v) => withInheritedKeys(v, rename));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    Object.defineProperty(out, k, { value: rename && k === 'name' && typeof v === 'string' ? 'constructor' : withInheritedKeys(v, rename), enumerable: true, writable: true, configurable: true });
  }
  if (!rename) for (const key of INHERITED) Object.defineProperty(out, key, { value: 'x', enumerable: true, writable: true, configurable: true });
  return out;
}

describe('map keys and names that plain objects inherit are data, everywhere', () => {
  const files = fixtureObjects();
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kfops-proto-'));
    for (const [variant, rename] of [['keys', false], ['names', true]] as const) {
      fs.mkdirSync(path.join(dir, variant));
      files.forEach(({ objects }, i) => {
        const text = objects.map((o) => stringify(withInheritedKeys(o, rename), { aliasDuplicateObjects: false })).join('---\n');
        fs.writeFileSync(path.join(dir, variant, `f${i}.yaml`), text);
      });
    }
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('the fixtures hold the maps that checks look keys up in', () => {
    const kinds = new Set(files.flatMap((f) => f.objects.map((o) => (o as { kind?: string }).kind)));
    for (const kind of ['Deployment', 'Service', 'HorizontalPodAutoscaler', 'ConfigMap', 'WorkflowTemplate', 'Application']) expect(kinds).toContain(kind);
  });

  test.each(['keys', 'names'])('validate reports on every object, with no crash (%s)', async (variant) => {
    const report = await validateManifests({ cwd: ROOT, paths: [path.join(dir, variant)] });
    expect(report.objects).toBe(files.reduce((n, f) => n + f.objects.length, 0));
    for (const result of report.results) for (const v of result.violations) expect(typeof v.rule === 'string' && typeof v.message === 'string').toBe(true);
    // The added keys are read as keys: a selector of `constructor: x` selects no pod, it does not crash.
    expect(report.results.some((r) => r.violations.some((v) => v.message.includes('constructor')))).toBe(true);
  });

  test('diff renders the added keys as added fields', () => {
    const named = files.map((f) => ({ objects: f.objects.filter((o) => typeof (o as { metadata?: { name?: unknown } }).metadata?.name === 'string') }));
    const diffs = named.filter((f) => f.objects.length > 0).map(({ objects }) => {
      const before = objects.map((o) => stringify(o)).join('---\n');
      const after = objects.map((o) => stringify(withInheritedKeys(o, false), { aliasDuplicateObjects: false })).join('---\n');
      return renderText(diffManifests(parseManifestFile('dev/a.yaml', before), parseManifestFile('dev/a.yaml', after)));
    });
    expect(diffs.join('\n')).toMatch(/constructor/);
  });
});

describe('tables and maps looked up by a key from the input find only their own entries', () => {
  test('a Service selecting `constructor` beside the pod labels of a Workflow selects nothing, without crashing', () => {
    const workflow = { apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow', metadata: { name: 'w', namespace: 'ml' },
      spec: { podMetadata: { labels: { app: 'w' } }, templates: [{ name: 'main', container: { image: 'x:1' } }] } };
    const service = { apiVersion: 'v1', kind: 'Service', metadata: { name: 's', namespace: 'ml' }, spec: { selector: { app: 'w', constructor: 'x' }, ports: [{ port: 80 }] } };
    expect(runCheck(checkServiceSelectors, service, [workflow]).map((v) => v.rule)).toEqual(['k8s/service-selector']);
  });

  test('diff: an added `constructor` label is added, a `__proto__` field is a field, a list named `toString` is compared', () => {
    const labels = (extra: Record<string, string>) => ({ metadata: { labels: Object.assign(Object.create(null), { app: 'a' }, extra) } });
    expect(diffFields('Deployment', labels({}), labels({ constructor: 'x' })).map((c) => `${c.op} ${c.path}`)).toEqual(['added metadata.labels.constructor']);
    const proto = JSON.parse('{"spec": {"__proto__": {}}}');
    expect(diffFields('Widget', proto, { spec: { replicas: {} } }).map((c) => `${c.op} ${c.path}`)).toEqual(['removed spec.__proto__', 'added spec.replicas']);
    const list = (items: unknown[]) => ({ spec: JSON.parse(JSON.stringify({ toString: items })) });
    expect(diffFields('Widget', list(['a', 'b']), list(['a', 'c'])).map((c) => `${c.op} ${c.path}`)).toEqual(['changed spec.toString']);
    // A list of maps is matched by its merge key: the table of merge keys has none for `toString`, so `name` it is.
    expect(diffFields('Widget', list([{ name: 'a', v: 1 }]), list([{ name: 'a', v: 2 }])).map((c) => `${c.op} ${c.path}`)).toEqual(['changed spec.toString[name=a].v']);
  });

  test('an HPA metric or target type named like an inherited property is only an unknown type (the schema reports it)', () => {
    const hpa = { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'h' }, spec: { minReplicas: 1, maxReplicas: 2,
      scaleTargetRef: { kind: 'Deployment', name: 'd' },
      metrics: [{ type: 'constructor' }, { type: 'Resource', resource: { name: 'cpu', target: { type: 'toString' } } }] } };
    expect(hpaViolations(hpa).map((v) => v.message).join('\n')).not.toMatch(/native code|function/);
  });

  test('an image digest algorithm named `constructor` is an unknown algorithm', () => {
    expect(imageReferenceProblem('nginx@constructor:0123456789abcdef0123456789abcdef')).toMatch(/digest algorithm 'constructor' is not one the kubelet knows/);
  });

  test('import: a tag named `constructor` is no workflow variable', () => {
    expect(() => tagCode('constructor', { uses: new Set(), parameters: new Map() })).not.toThrow(TypeError);
    let code = '';
    try {
      code = tagCode('constructor', { uses: new Set(), parameters: new Map() });
    } catch (err) {
      expect((err as Error).constructor.name).toBe('Inexpressible');
    }
    expect(code).not.toMatch(/native code/);
  });

  test('a KFP component input named `constructor` with no value and no default is reported as such', () => {
    const component = KfpComponent.fromYaml(['name: c', 'inputs: [{name: constructor}]', 'implementation:', '  container:',
      '    image: x:1', '    args: [{inputValue: constructor}]'].join('\n'));
    expect(() => synthChart((chart) => component.step(new Pipeline(chart, 'p'), 's', { inputs: {} })))
      .toThrow(/input 'constructor' of component 'c' has no value and no default/);
  });
});
