import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { diffTrees } from '../../lib/diff/semantic-diff';
import { decodeText, readManifestText } from '../../lib/manifest';
import { ManifestReadError } from '../../lib/manifest/read-error';
import { readFileBytes } from '../../lib/manifest/read-file';
import { UserError } from '../../lib/user-error';
import { loadManifests } from '../../lib/validate/load';
import { readTreeFiles } from '../../lib/diff/tree-files';

const CORPUS = path.join(__dirname, '../fixtures/hostile/reader');
const corpus = (name: string) => fs.readFileSync(path.join(CORPUS, name));

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kfops-reader-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Validate's view of one corpus file, copied into a tree. */
function validateOne(name: string) {
  fs.mkdirSync(path.join(dir, 'dist'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'dist', name), corpus(name));
  return loadManifests({ cwd: dir, paths: ['dist'] });
}

/** Diff's view of one corpus file: base is empty, head holds the file. */
async function diffOne(name: string) {
  fs.mkdirSync(path.join(dir, 'base'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'head/prod'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'head/prod', name), corpus(name));
  return diffTrees(path.join(dir, 'base'), path.join(dir, 'head'));
}

const names = (objects: readonly { object: Record<string, unknown> }[]) =>
  objects.map((o) => `${String(o.object.kind)}/${String((o.object.metadata as { name?: string } | undefined)?.name)}`);

describe('validate and diff read the hostile corpus alike', () => {
  test.each<[string, string, number, RegExp]>([
    ['alias-bomb.yaml', 'input/alias-bomb', 1, /^dist\/alias-bomb\.yaml:1: aliases expand the document to .* values from \d+ written, more than go-yaml/],
    ['self-alias.yaml', 'input/alias-bomb', 1, /^dist\/self-alias\.yaml:1: an alias refers to the node that contains it/],
    ['binary.yaml', 'input/binary', 0, /^dist\/binary\.yaml is not text: it holds a NUL byte at offset 8 \(/],
    ['latin1.yaml', 'input/binary', 0, /^dist\/latin1\.yaml is not UTF-8 text \(save it as UTF-8/],
    ['deep.yaml', 'input/too-deep', 5, /^dist\/deep\.yaml:5:\d+: nested more than 1000 levels deep/],
    ['duplicate-key.yaml', 'input/duplicate-key', 5, /^dist\/duplicate-key\.yaml:5:3: duplicate key "name" \(keep one/],
    ['complex-key.yaml', 'input/complex-key', 6, /^dist\/complex-key\.yaml:6:3: a sequence used as a key: keys must be strings/],
    ['infinity.yaml', 'input/not-json', 5, /^dist\/infinity\.yaml:5:\d+: Infinity is not a number JSON can hold/],
    ['utf32le.yaml', 'input/binary', 0, /^dist\/utf32le\.yaml is UTF-32 text \(little-endian byte-order mark\), which kubectl does not read \(save it as UTF-8/],
    ['utf32be.yaml', 'input/binary', 0, /^dist\/utf32be\.yaml is UTF-32 text \(big-endian byte-order mark\), which kubectl does not read/],
  ])('%s is refused as %s, naming file and line, with no raw bytes', async (name, rule, line, message) => {
    const { objects, problems } = validateOne(name);
    expect(objects).toEqual([]);
    expect(problems).toHaveLength(1);
    const [v] = problems[0].violations;
    expect(v.rule).toBe(rule);
    if (line > 0) expect(v.line).toBe(line);
    const thrown = await diffOne(name).then(() => undefined, (err: unknown) => err);
    expect(thrown).toBeInstanceOf(ManifestReadError);
    const err = thrown as ManifestReadError;
    expect(err.message.replace(/^prod\//, 'dist/')).toMatch(message);
    expect(err.exitCode).toBe(1);
    // Nothing of a binary file reaches a message: only printable ASCII and the file name.
    expect(err.message).toMatch(/^[\x20-\x7e]*$/);
  });

  test.each<[string, string[]]>([
    ['nested-lists.yaml', ['ConfigMap/outer', 'Secret/inner', 'ConfigMap/deepest']],
    ['configmap-list.yaml', ['ConfigMap/first', 'ConfigMap/second']],
    ['bom.yaml', ['ConfigMap/with-bom']],
    ['merge-keys.yaml', ['ConfigMap/merged']],
    ['merge-order.yaml', ['ConfigMap/merge-order']],
    ['utf16le.yaml', ['ConfigMap/utf16le']],
    ['utf16be.yaml', ['ConfigMap/utf16be']],
    ['flow-multiline.yaml', ['Workflow/undefined']],
    ['yaml11-scalars.yaml', ['ConfigMap/scalars']],
    ['empty.yaml', []],
    ['comment-only.yaml', []],
    ['separators-only.yaml', []],
  ])('%s reads as %j', async (name, expected) => {
    const { objects, problems } = validateOne(name);
    // Nested Lists are read, and warned about (kubectl apply -f refuses them): see 'a List inside a List'.
    expect(problems.filter((p) => p.violations.some((v) => v.rule !== 'input/nested-list'))).toEqual([]);
    expect(names(objects)).toEqual(expected);
    const diff = await diffOne(name);
    expect(diff.objects.map((o) => `${o.ref.kind}/${o.ref.name}`).sort())
      .toEqual(expected.map((e) => e.replace('Workflow/undefined', 'Workflow/multiline-')).sort());
  });
});

describe('what Kubernetes reads', () => {
  const read = (name: string) => readManifestText(corpus(name).toString('utf8'), name).entries.map((e) => e.object);

  test('YAML 1.1 scalars resolve as go-yaml v2 does; quoted ones stay strings; timestamps stay text', () => {
    expect(read('yaml11-scalars.yaml')[0].data).toEqual({ enabled: true, octal: 493, hex: 31, date: '2024-01-31', quoted: 'yes' });
  });

  test('merge keys merge, explicit keys win', () => {
    expect(read('merge-keys.yaml')[0]).toMatchObject({ metadata: { labels: { app: 'web', tier: 'back' } }, data: { app: 'web', tier: 'front' } });
  });

  // go-yaml v2 decode.go: mapping() writes entries in textual order, merge() steps backwards through `<<: [...]`.
  test('merge keys apply in textual order, as go-yaml v2 applies them, whichever side of the merge a key is on', () => {
    expect(read('merge-order.yaml')[0].data).toEqual({
      before: { a: '2', b: '2' },
      after: { a: '1', b: '2' },
      listed: { a: 'first', b: 'first', c: 'second' },
      twice: { a: 'first', b: 'last', d: 'last' },
    });
  });

  test('UTF-16 files with a byte-order mark are decoded, as kubectl decodes them', () => {
    for (const name of ['utf16le.yaml', 'utf16be.yaml']) {
      const { entries, problems } = readManifestText(decodeText(corpus(name), name), name);
      expect(problems).toEqual([]);
      expect(entries.map((e) => e.object.data)).toEqual([{ word: 'grüße' }]);
    }
  });

  test('a multi-line double-quoted scalar in a flow sequence is accepted and folded', () => {
    expect(read('flow-multiline.yaml')[0]).toMatchObject({ spec: { templates: [{ container: { command: ['sh', '-c', 'echo one && echo two'] } }] } });
  });

  test('List items without apiVersion and kind take the List\'s, less "List"', () => {
    expect(read('configmap-list.yaml').map((o) => [o.apiVersion, o.kind])).toEqual([['v1', 'ConfigMap'], ['v1', 'ConfigMap']]);
  });

  describe('a List inside a List', () => {
    // Outer items a, [b, [c]], d: kustomize and cli-runtime's FlattenListVisitor queue the items (breadth-first).
    const NESTED = [
      'apiVersion: v1', 'kind: List', 'items:',
      '  - {apiVersion: v1, kind: ConfigMap, metadata: {name: a}}',
      '  - apiVersion: v1', '    kind: List', '    items:',
      '      - {apiVersion: v1, kind: ConfigMap, metadata: {name: b}}',
      '      - apiVersion: v1', '        kind: ConfigMapList', '        items:', '          - metadata: {name: c}',
      '  - {apiVersion: v1, kind: ConfigMap, metadata: {name: d}}', '',
    ].join('\n');

    test('is flattened breadth-first, each item at its own path, typed items taking their own List\'s kind', () => {
      const read = readManifestText(NESTED, 'nested.yaml');
      expect(read.problems).toEqual([]);
      expect(read.entries.map((e) => [(e.object.metadata as { name: string }).name, e.object.kind, e.source.itemPath])).toEqual([
        ['a', 'ConfigMap', ['items', 0]],
        ['d', 'ConfigMap', ['items', 2]],
        ['b', 'ConfigMap', ['items', 1, 'items', 0]],
        ['c', 'ConfigMap', ['items', 1, 'items', 1, 'items', 0]],
      ]);
    });

    test('is reported where it sits, even when empty: kubectl apply -f refuses the file', () => {
      expect(readManifestText(NESTED, 'nested.yaml').nestedLists.map((s) => s.itemPath)).toEqual([['items', 1], ['items', 1, 'items', 1]]);
      expect(readManifestText('apiVersion: v1\nkind: List\nitems:\n  - {apiVersion: v1, kind: List, items: []}\n', 'e.yaml').nestedLists)
        .toEqual([expect.objectContaining({ itemPath: ['items', 0] })]);
      expect(readManifestText('apiVersion: v1\nkind: List\nitems:\n  - {apiVersion: v1, kind: ConfigMap, metadata: {name: a}}\n', 'f.yaml').nestedLists).toEqual([]);
    });

    test('validate checks every item and warns at each inner List; diff reads the same objects', async () => {
      const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kfops-nested-list-'));
      try {
        fs.mkdirSync(path.join(root, 'base'));
        fs.mkdirSync(path.join(root, 'head/prod'), { recursive: true });
        fs.writeFileSync(path.join(root, 'head/prod/nested.yaml'), NESTED);
        const loaded = loadManifests({ cwd: root, paths: ['head'] });
        expect(loaded.objects.map((o) => (o.object.metadata as { name: string }).name)).toEqual(['a', 'd', 'b', 'c']);
        expect(loaded.problems.flatMap((r) => r.violations).map((v) => [v.severity, v.rule, v.path, v.line, v.column])).toEqual([
          ['warning', 'input/nested-list', 'items[1]', 5, 5], ['warning', 'input/nested-list', 'items[1].items[1]', 9, 9],
        ]);
        const diff = await diffTrees(path.join(root, 'base'), path.join(root, 'head'));
        expect(diff.objects.map((o) => `${o.ref.kind}/${o.ref.name}`)).toEqual(['ConfigMap/a', 'ConfigMap/b', 'ConfigMap/c', 'ConfigMap/d']);
      } finally {
        fs.rmSync(root, { recursive: true, force: true });
      }
    });
  });

  test('a __proto__ key is a plain key and pollutes nothing', () => {
    const [object] = readManifestText('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: p}\n__proto__: {polluted: true}\n', 'p.yaml').entries.map((e) => e.object);
    expect(Object.keys(object)).toContain('__proto__');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(object)).toBe(Object.prototype);
  });

  test('a legal alias is expanded into its own copy', () => {
    const [object] = readManifestText('apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  a: &r {cpu: 1}\n  b: *r\n', 'p.yaml').entries.map((e) => e.object);
    const spec = object.spec as Record<string, object>;
    expect(spec.b).toEqual({ cpu: 1 });
    expect(spec.b).not.toBe(spec.a);
  });
});

describe('links and names in a tree being read', () => {
  const configMap = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n';
  const setup = (make: (dist: string) => void) => {
    const dist = path.join(dir, 'dist');
    fs.mkdirSync(path.join(dist, 'prod'), { recursive: true });
    fs.writeFileSync(path.join(dist, 'prod', 'ok.yaml'), configMap);
    make(dist);
  };

  test.each<[string, (dist: string) => void, RegExp]>([
    ['a link to a file outside', (d) => fs.symlinkSync('/etc/passwd', path.join(d, 'prod', 'passwd.yaml')), /dist\/prod\/passwd\.yaml is a symbolic link \(to \/etc\/passwd\); links are refused, never followed/],
    ['a link to a folder', (d) => fs.symlinkSync(os.tmpdir(), path.join(d, 'prod', 'tmp')), /dist\/prod\/tmp is a symbolic link \(to .*\); links are refused/],
    ['a link loop', (d) => fs.symlinkSync('loop.yaml', path.join(d, 'prod', 'loop.yaml')), /dist\/prod\/loop\.yaml is a symbolic link in a loop \(to loop\.yaml\)/],
    ['a dangling link', (d) => fs.symlinkSync('gone.yaml', path.join(d, 'prod', 'x.yaml')), /dist\/prod\/x\.yaml is a dangling symbolic link \(to gone\.yaml, which does not exist\)/],
    ['a file name that is not UTF-8', (d) => fs.writeFileSync(Buffer.from(`${d}/prod/caf\xe9.yaml`, 'latin1'), configMap), /dist\/prod\/caf\\xe9\.yaml is a file whose name is not UTF-8/],
    ['a folder name that is not UTF-8', (d) => fs.mkdirSync(Buffer.from(`${d}/\xff\x1b[31m`, 'latin1')), /dist\/\\xff\\x1b\[31m is a folder whose name is not UTF-8/],
  ])('%s is refused by name, never followed', async (_, make, message) => {
    setup(make);
    const { objects, problems } = loadManifests({ cwd: dir, paths: ['dist'] });
    expect(names(objects)).toEqual(['ConfigMap/x']);
    expect(problems.map((p) => p.violations[0].message)).toEqual([expect.stringMatching(message)]);
    fs.mkdirSync(path.join(dir, 'empty'));
    const thrown = await diffTrees(path.join(dir, 'empty'), path.join(dir, 'dist')).then(() => undefined, (err: unknown) => err);
    expect(thrown).toBeInstanceOf(UserError);
    expect((thrown as UserError).message).toMatch(message);
    expect((thrown as UserError).exitCode).toBe(2);
    expect((thrown as UserError).message).toMatch(/^[\x20-\x7e]*$/);
  });
});

describe('big input', () => {
  test('a 5 MB List and a 5 MB multi-document file read without trouble', () => {
    const item = (i: number) => `- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: cm-${i}\n  data:\n    script: "${'x'.repeat(300)}"\n`;
    const doc = (i: number) => `---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-${i}\ndata:\n  script: "${'x'.repeat(300)}"\n`;
    const count = 13_000;
    const list = `apiVersion: v1\nkind: List\nitems:\n${Array.from({ length: count }, (_, i) => item(i)).join('')}`;
    const multi = Array.from({ length: count }, (_, i) => doc(i)).join('');
    expect(list.length).toBeGreaterThan(5_000_000);
    expect(readManifestText(list, 'list.yaml').entries).toHaveLength(count);
    const read = readManifestText(multi, 'multi.yaml');
    expect(read.entries).toHaveLength(count);
    expect(read.entries[count - 1].source.line).toBe((count - 1) * 7 + 2);
  });

  test('a file over the size limit is refused before it is read, in validate and diff alike', async () => {
    fs.mkdirSync(path.join(dir, 'dist/prod'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'dist/prod/big.yaml'), `${'#'.repeat(2000)}\n`);
    expect(loadManifests({ cwd: dir, paths: ['dist'], maxFileBytes: 1000 }).problems[0].violations[0]).toMatchObject({ rule: 'input/too-large' });
    await expect(readTreeFiles(path.join(dir, 'dist'), { maxBytes: 1000 })).rejects.toThrow(/big\.yaml is 2001 bytes, over the 1000-byte limit/);
  });
});

describe('no control character of the input reaches a message', () => {
  test('raw control characters are not YAML; a written escape sequence is shown as written', () => {
    expect(readManifestText('a: "\u001b[2J"\n', 'k.yaml').problems[0].message).toMatch(/^k\.yaml:1:\d+: YAML syntax error: [\x20-\x7e]*$/);
    const [problem] = readManifestText('a: 1\n"\\e[2Jx": 1\n"\\e[2Jx": 2\n', 'k.yaml').problems;
    expect(problem.message).toBe('k.yaml:3:1: duplicate key "\\\\e[2Jx" (keep one of the duplicate keys)');
  });

  test('a file name holding a newline is refused, shown escaped', () => {
    fs.mkdirSync(path.join(dir, 'dist'));
    fs.writeFileSync(path.join(dir, 'dist', 'a\nb.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n');
    const { objects, problems } = loadManifests({ cwd: dir, paths: ['dist'] });
    expect(objects).toEqual([]);
    expect(problems[0].violations[0].message).toBe('dist/a\\x0ab.yaml is a file whose name holds control characters (shown escaped), so nothing can refer to it reliably');
  });
});

describe('reading a file whole', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kfops-read-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test.each([0, 1, 4095, 4096, 65536, 200_000])('a file of %i bytes reads as written', (size) => {
    const file = path.join(dir, `f${size}`);
    const bytes = Buffer.alloc(size, 'a');
    fs.writeFileSync(file, bytes);
    expect(readFileBytes(file, `f${size}`).equals(bytes)).toBe(true);
  });

  // A file longer than the size fstat gives (as one that grows while read): /proc's files report 0 bytes.
  (fs.existsSync('/proc/self/status') ? test : test.skip)('a file longer than its stated size reads to its end', () => {
    const bytes = readFileBytes('/proc/self/status', 'status');
    expect(fs.statSync('/proc/self/status').size).toBe(0);
    expect(bytes.toString('utf8')).toMatch(/^Name:[\s\S]*\nVmPeak:[\s\S]*\n$/);
    expect(bytes.length).toBeGreaterThan(500);
  });
});
