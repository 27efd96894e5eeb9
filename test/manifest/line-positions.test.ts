import * as fs from 'fs';
import * as path from 'path';
import { lineOffsets, parsedOffsets, pathSegments, readManifestText, stripBom } from '../../lib/manifest';

const REPO = path.join(__dirname, '../..');

function yamlFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.ya?ml$/.test(e.name))
    .map((e) => path.join(e.parentPath, e.name));
}

/** Every path into a value (keys, indexes), and one past each leaf and each mapping: what violations name. */
function pathsOf(value: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(prefix);
  if (Array.isArray(value)) value.forEach((v, i) => pathsOf(v, [...prefix, i], out));
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) pathsOf(v, [...prefix, k], out);
    out.push([...prefix, 'not-there']);
  } else out.push([...prefix, 'below-a-scalar']);
  return out;
}

// The line reader must give exactly the positions of a parse, or leave the document to the parser.
describe('positions read from lines agree with positions from a parse', () => {
  const files = [
    ...yamlFiles(path.join(REPO, 'test/fixtures')),
    ...yamlFiles(path.join(REPO, 'dist')),
  ].filter((f) => !f.includes(`${path.sep}hostile${path.sep}`) || /\/(bom|configmap-list|nested-lists|merge-keys|merge-order|flow-multiline|yaml11-scalars|tricky-positions|crlf-positions)\.yaml$/.test(f));
  let read = 0;
  let fellBack = 0;

  test.each(files.map((f) => [path.relative(REPO, f), f]))('%s', (_, file) => {
    const body = stripBom(fs.readFileSync(file, 'utf8'));
    const { entries } = readManifestText(body, file);
    const byDocument = new Map<number, { source: typeof entries[number]['source']; wanted: (string | number)[][] }>();
    for (const { object, source } of entries) {
      const document = byDocument.get(source.offset) ?? { source, wanted: [] };
      document.wanted.push(...pathsOf(object).slice(0, 4000).map((p) => [...source.itemPath, ...p]));
      byDocument.set(source.offset, document);
    }
    for (const { source, wanted } of byDocument.values()) {
      const fromLines = lineOffsets(body, source, wanted);
      if (!fromLines) {
        fellBack++;
        continue;
      }
      read++;
      expect(fromLines).toEqual(parsedOffsets(body, source, wanted));
    }
  });

  afterAll(() => {
    // Most manifests are plain block YAML; if the line reader gave up on them, positions would cost a parse again.
    expect(read).toBeGreaterThan(0.8 * (read + fellBack));
  });
});

describe('the line reader leaves to the parser what it does not follow', () => {
  const source = (text: string) => ({ line: 1, offset: 0, end: text.length, itemPath: [] });
  test.each<[string, string, (string | number)[]]>([
    ['a flow mapping that goes on past its line', 'a: {b: 1,\n  c: 2}\n', ['a', 'b']],
    ['a pair in a flow sequence', 'a: [b: 1]\n', ['a', 0]],
    ['an anchor on the path', 'a: &x\n  b: 1\n', ['a', 'b']],
    ['a quoted value that goes on past its line', 'a: "one\ntwo: x"\nb: 1\n', ['b']],
    ['a flow sequence that goes on past its line', 'a: [1,\n2]\nb: 1\n', ['b']],
    ['an explicit key', '? a\n: 1\n', ['a']],
    ['a key with an escape only YAML knows', '"\\x41": 1\n', ['A']],
    ['a tab in the indentation', 'a:\n\tb: 1\n', ['a', 'b']],
    ['a JSON document over several lines', '{\n  "a": {"b": 1}\n}\n', ['a', 'b']],
    ['an empty sequence item', 'a:\n-\n- x\n', ['a', 1]],
    ['a quoted value below a key that goes on at a lower indentation', 'a:\n  b: "one\nc: 2"\nc: 3\n', ['c']],
    ['a quoted value on its own line that goes on at a lower indentation', 'a:\n  "one\nc: 2"\nc: 3\n', ['c']],
    ['a flow sequence below a key that goes on at a lower indentation', 'a:\n  b: [x,\nc]\nc: 3\n', ['c']],
    ['a document end inside the document', 'a: 1\n...\nb: 2\n', ['b']],
  ])('%s', (_, text, wanted) => {
    expect(lineOffsets(text, source(text), [wanted])).toBeUndefined();
  });

  test.each<[string, string, (string | number)[], number | undefined]>([
    ['a same-column sequence', 'a:\n- x\n- y\nb: 1\n', ['a', 1], 9],
    ['a compact mapping in an item', 'a:\n  - name: x\n    image: y\n', ['a', 0, 'image'], 19],
    ['a key Kubernetes reads as a boolean', 'on: 1\n', ['true'], 0],
    ['a single-quoted key', "'it''s': 1\n", ["it's"], 0],
    ['a block scalar whose lines look like keys', 'a: |\n  b: 1\nb: 2\n', ['b'], 12],
    ['a comment between entries', 'a: 1\n# b: 0\nb: 2\n', ['b'], 12],
    ['a block scalar below a key whose text opens quotes', 'a:\n  script: |\n    echo "x\n    [y\n  b: 1\nc: 2\n', ['a', 'b'], 36],
    ['a block scalar in an item', 'a:\n- |\n  - not an item\n- x\n', ['a', 1], 25],
    ['a path below a scalar stops at its key', 'a: 1\n', ['a', 'b'], 0],
    ['a key that is not there', 'a: 1\n', ['b'], undefined],
    ['a one-line flow mapping', 'metadata: {name: x, labels: {"app": y}}\n', ['metadata', 'labels', 'app'], 29],
    ['a one-line flow sequence', 'command: [sh, -c, "echo a, b", x]\n', ['command', 3], 31],
    ['a one-line JSON document', '{"a": {"b": [1, 2]}}\n', ['a', 'b', 1], 16],
  ])('%s', (_, text, wanted, offset) => {
    expect(lineOffsets(text, source(text), [wanted])).toEqual([offset]);
    expect(parsedOffsets(text, source(text), [wanted])).toEqual([offset]);
  });
});

describe('pathSegments', () => {
  test.each<[string, (string | number)[]]>([
    ['', []],
    ['spec.templates[0].container', ['spec', 'templates', 0, 'container']],
    ['metadata.labels["app.kubernetes.io/name"]', ['metadata', 'labels', 'app.kubernetes.io/name']],
    ['data["a]b"].x', ['data', 'a]b', 'x']],
    ['data["quote \\" and backslash \\\\"][2]', ['data', 'quote " and backslash \\', 2]],
    ['spec.steps[0][1]', ['spec', 'steps', 0, 1]],
  ])('%s', (path, segments) => {
    expect(pathSegments(path)).toEqual(segments);
  });
});
