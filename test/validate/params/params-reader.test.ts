import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Chart } from 'cdk8s';
import { Environment } from '../../../lib/gitops';
import { describeParamsProblem } from '../../../lib/params';
import { validateParamsFile } from '../../../lib/validate/params/params-file';
import { catalog } from '../../fixtures/gitops/pipelines';

/** The schema synth checks `train` against, so validate --params checks the same. */
const trainSchema = catalog.train(new Chart(new App(), 'probe'), { values: {}, serviceAccountName: 'runner' }).parameterSchema();
const schemas = new Map([['train', trainSchema]]);

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kfops-params-reader-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** What synth says about the file (undefined: accepted, with these values) and what validate --params says. */
function both(text: string): { synth: string | Record<string, unknown>; validate: string[] } {
  const file = path.join(dir, 'dev.yaml');
  fs.writeFileSync(file, text);
  let synth: string | Record<string, unknown>;
  try {
    const env = new Environment(new App(), 'dev', {
      destination: { server: 'https://kubernetes.default.svc' }, namespace: 'ml-dev', pipelines: { train: {} }, catalog, paramsFile: file,
    });
    synth = env.params as Record<string, unknown>;
  } catch (err) {
    synth = (err as Error).message;
  }
  const validate = validateParamsFile(path.relative(process.cwd(), file), text, schemas).map(describeParamsProblem);
  return { synth, validate };
}

describe('synth and validate --params read params files with one reader', () => {
  test.each<[string, string, RegExp]>([
    ['a __proto__ parameter', 'train:\n  __proto__: {polluted: true}\n', /dev\.yaml:2:3: "__proto__" cannot be a parameter name/],
    ['a __proto__ pipeline', '__proto__:\n  x: 1\n', /dev\.yaml:1:1: "__proto__" cannot be a pipeline name/],
    ['a complex parameter key', 'train:\n  ? [train-steps]\n  : 5\n', /dev\.yaml:3:3: a sequence used as a key: keys must be strings/],
    ['a complex pipeline key', '? [train]\n: {train-steps: 5}\n', /dev\.yaml:2:1: a sequence used as a key/],
    ['an Argo expression not marked', "train:\n  project: '{{workflow.parameters.x}}'\n", /dev\.yaml:2:12: parameter "project" of pipeline "train" contains "\{\{", which Argo evaluates as an expression at run time \(tag the value !argo/],
    ['a sprig expression not marked', 'train:\n  project: "p-{{=sprig.date()}}"\n', /dev\.yaml:2:12: parameter "project" of pipeline "train" contains "\{\{"/],
    ['an unknown tag', 'train:\n  project: !secret x\n', /dev\.yaml:2:12: parameter "project" of pipeline "train" has the tag !secret; the only tag params files take is !argo/],
    ['a mapping as a value', 'train:\n  project: {a: 1}\n', /dev\.yaml:2:12: parameter "project" of pipeline "train" must be a single value, not a mapping/],
  ])('%s is refused by both at file:line:col', (_, text, message) => {
    const { synth, validate } = both(text);
    expect(typeof synth === 'string' ? synth : JSON.stringify(synth)).toMatch(message);
    expect(validate).toEqual([expect.stringMatching(message)]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test('an alias bomb in a complex key is refused by both at file:line:col, and the anchors\' own problems too', () => {
    const { synth, validate } = both('a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n? [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n: x\n');
    expect(synth).toMatch(/dev\.yaml:4:1: a sequence used as a key/);
    expect(validate).toEqual([
      expect.stringMatching(/dev\.yaml:1:1: there is no pipeline "a"/), expect.stringMatching(/dev\.yaml:1:4: pipeline "a" must map parameter names to values/),
      expect.stringMatching(/dev\.yaml:2:1: there is no pipeline "b"/), expect.stringMatching(/dev\.yaml:2:4: pipeline "b" must map parameter names to values/),
      expect.stringMatching(/dev\.yaml:4:1: a sequence used as a key/),
    ]);
  });

  test('a complex key does not hide the file\'s other problems: both report every one, in file order', () => {
    const { synth, validate } = both('train:\n  ? [train-steps]\n  : 5\n  epocs: 3\n  ratio: .inf\n? {x: 1}\n: {}\ntrian:\n  a: 1\n');
    const expected = [
      /dev\.yaml:3:3: a sequence used as a key: keys must be strings/,
      /dev\.yaml:4:3: pipeline "train" has no parameter "epocs"/,
      /dev\.yaml:5:\d+: Infinity is not a number JSON can hold/,
      /dev\.yaml:7:1: a mapping used as a key/,
      /dev\.yaml:8:1: there is no pipeline "trian" \(did you mean "train"\?\)/,
    ];
    expect(validate).toEqual(expected.map((m) => expect.stringMatching(m)));
    expect(synth).toMatch(/params file .*dev\.yaml has 5 problems:/);
    for (const m of expected) expect(synth).toMatch(m);
  });

  test.each<[string, string, Record<string, unknown>]>([
    ['a scalar alias', 'train:\n  project: &p local\n  mode: *p\n', { project: 'local', mode: 'local' }],
    ['the largest exact integer', 'train:\n  train-steps: 9007199254740991\n', { 'train-steps': 9007199254740991 }],
    ['an Argo expression tagged !argo', "train:\n  project: !argo '{{workflow.namespace}}-data'\n", { project: '{{workflow.namespace}}-data' }],
  ])('%s is accepted by both', (_, text, values) => {
    const { synth, validate } = both(text);
    expect(synth).toEqual({ train: values });
    expect(validate).toEqual([]);
  });

  test('a scalar alias across pipelines reads the anchored value', () => {
    const content = validateParamsFile('dev.yaml', 'train:\n  project: &p example-ml\nserve:\n  model: *p\n',
      new Map([...schemas, ['serve', { type: 'object', properties: { model: { type: 'string', const: 'example-ml' } } }]]));
    expect(content).toEqual([]);
  });

  // Argo reads an unquoted number through a 64-bit float (AnyString), so no reading keeps these digits but a quoted one.
  test.each<[string, string, string]>([
    ['an integer parameter', 'train:\n  train-steps: 9007199254740993\n', 'dev.yaml:2:16: parameter "train-steps" of pipeline "train" is 9007199254740993, '
      + 'which kfops cannot pass on exactly (integers must lie within ±9007199254740991) '
      + '(use an integer within ±9007199254740991, or make the parameter a string and quote the value)'],
    ['a negative one', 'train:\n  train-steps: -9007199254740993\n', 'dev.yaml:2:16: parameter "train-steps" of pipeline "train" is -9007199254740993, which kfops cannot pass on exactly'],
    ['an alias of one', 'serve: {model: &n 0x20000000000001}\ntrain:\n  project: x\n  train-steps: *n\n',
      'dev.yaml:4:16: parameter "train-steps" of pipeline "train" is 0x20000000000001, which kfops cannot pass on exactly'],
    ['a string parameter: a number like any other, to quote', 'train:\n  project: 9007199254740993\n',
      'dev.yaml:2:12: parameter "project" of pipeline "train": expected string, got number 9007199254740993 (quote the value to make it a string: project: "9007199254740993")'],
    ['a string parameter, a huge one', 'train:\n  project: 99999999999999999999999\n',
      'dev.yaml:2:12: parameter "project" of pipeline "train": expected string, got number 99999999999999999999999 (quote the value to make it a string: project: "99999999999999999999999")'],
    ['an unknown parameter: only its name is wrong', 'train:\n  trainsteps: 9007199254740993\n', 'dev.yaml:2:3: pipeline "train" has no parameter "trainsteps" (did you mean "train-steps"?)'],
  ])('an integer past 2^53 for %s is refused by both, with the digits as written', (_, text, message) => {
    const { synth, validate } = both(text);
    const problems = validate.filter((p) => !p.includes('there is no pipeline "serve"'));
    expect(problems).toEqual([expect.stringContaining(message)]);
    expect(synth).toContain(message);
  });

  test('quoted, an integer past 2^53 reaches a string parameter digit for digit', () => {
    expect(both('train:\n  project: "9007199254740993"\n')).toEqual({ synth: { train: { project: '9007199254740993' } }, validate: [] });
  });

  test('a tagged value is a string, so !argo on a number fails its type', () => {
    expect(both('train:\n  train-steps: !argo 5\n').validate).toEqual([expect.stringMatching(/dev\.yaml:2:16: parameter "train-steps" of pipeline "train": expected integer, got string "5"/)]);
  });
});
