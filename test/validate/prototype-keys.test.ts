import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { stringify } from 'yaml';
import { parseManifestFile } from '../../lib/diff/manifest-object';
import { renderText } from '../../lib/diff/render-text';
import { diffManifests } from '../../lib/diff/semantic-diff';
import { readManifestText } from '../../lib/manifest';
import { validateManifests } from '../../lib/validate/validator';

/**
 * Keys that name what every plain JavaScript object inherits. Labels, selectors, annotations, ConfigMap keys and
 * parameter names are the input's: a lookup like `labels[key]` must find the input's value or nothing, never
 * `Object.prototype.constructor` (a Service selecting `constructor: x` once crashed validate with a stack trace).
 */
const INHERITED = ['constructor', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf', '__proto__'];

const ROOT = path.resolve(__dirname, '..', '..');
const FIXTURES = [path.join(__dirname, '..', 'fixtures', 'validate', 'no-false-alarms'), path.join(__dirname, '..', 'fixtures', 'validate', 'schema', 'upstream')];

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
