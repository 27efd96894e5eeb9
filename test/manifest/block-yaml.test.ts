import * as fs from 'fs';
import * as path from 'path';
import * as blockYaml from '../../lib/manifest/block-yaml';
import { NOT_BLOCK_YAML, readBlockYaml } from '../../lib/manifest/block-yaml';
import { parseChunk, parseYamlDocuments, splitDocuments, stripBom } from '../../lib/manifest/yaml-documents';

const REPO = path.join(__dirname, '../..');

/** js-yaml's reading of a document, the reference: a listener keeps parseChunk off the block reader. */
function jsYaml(source: string): { value?: unknown; error?: true } {
  try {
    const values = parseChunk(source, { offset: 0, end: source.length, line: 1 }, 'doc.yaml', { listener: () => undefined });
    return values.length === 1 ? { value: values[0] } : { error: true };
  } catch {
    return { error: true };
  }
}

/** Every document of the YAML files under the folders, as splitDocuments cuts them. */
function documentsUnder(...folders: string[]): { file: string; source: string }[] {
  return folders.flatMap((folder) => fs.readdirSync(path.join(REPO, folder), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.ya?ml$/.test(e.name))
    .map((e) => path.join(e.parentPath, e.name)).sort()
    .flatMap((file) => {
      const body = stripBom(fs.readFileSync(file, 'utf8'));
      return splitDocuments(body).map((chunk) => ({ file: path.relative(REPO, file), source: body.slice(chunk.offset, chunk.end) }));
    }));
}

/** A seeded generator (a linear congruential one), so every run tries the same inputs. */
function random(seed: number): (n: number) => number {
  let state = seed;
  return (n) => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state % n;
  };
}

describe('the block subset reads as js-yaml reads it', () => {
  test.each<[string, string, unknown]>([
    ['nested mappings', 'a:\n  b:\n    c: d\n  e: f\n', { a: { b: { c: 'd' }, e: 'f' } }],
    ['a sequence at its key\'s indentation and indented', 'a:\n- 1\n- x\nb:\n  - z\n', { a: [1, 'x'], b: ['z'] }],
    ['compact mappings and Argo\'s `- -` step groups', 'steps:\n- - name: a\n    template: t\n  - name: b\n- - name: c\n',
      { steps: [[{ name: 'a', template: 't' }, { name: 'b' }], [{ name: 'c' }]] }],
    ['go-yaml v2 scalars', 'a: yes\nb: 0x1F\nc: 017\nd: 1_000\ne: 1e3\nf: ~\ng: 2001-01-01\nh: .5\ni: -1\n',
      { a: true, b: 31, c: 15, d: 1000, e: 1000, f: null, g: '2001-01-01', h: 0.5, i: -1 }],
    ['quoted scalars and keys', 'a: "x\\n\\"y\\""\nb: \'it\'\'s\'\n"c d": \'1\'\n\'on\': "yes"\n', { a: 'x\n"y"', b: "it's", 'c d': '1', on: 'yes' }],
    ['comments, and a # inside a word', '# head\na: b # tail\n  # indented\nc: d#e\n', { a: 'b', c: 'd#e' }],
    ['colons that separate nothing', 'image: registry:5000/app:1.0\nurl: http://x/y\n', { image: 'registry:5000/app:1.0', url: 'http://x/y' }],
    ['empty values, flow sequences, [] and {}', 'a:\nb: []\nc: {}\nd: [sh, -c, "x y", 1]\n', { a: null, b: [], c: {}, d: ['sh', '-c', 'x y', 1] }],
    ['literal block scalars, chomped three ways', 'a: |\n  x\n\n   y\n\nb: |-\n  x\nc: |+\n  x\n\nd: 1\n',
      { a: 'x\n\n y\n', b: 'x', c: 'x\n\n', d: 1 }],
    ['a folded block scalar', 'a: >-\n  one\n  two\nb: >\n  three\n', { a: 'one two', b: 'three\n' }],
    ['plain and quoted scalars folded over lines, as CRD descriptions are', "a: one\n  two\n\n  three\nb: 'four\n  five'\nc: 6\n",
      { a: 'one two\nthree', b: 'four five', c: 6 }],
    ['a leading --- and a root sequence', '--- # first\n- a\n- b: c\n', ['a', { b: 'c' }]],
    ['a block scalar at the end of a text with no final newline', 'a: |\n  x', { a: 'x\n' }],
    ['one-line flow collections, nested, as hand-written Argo YAML has them',
      "a: {parameters: [{name: m, value: 'x y'}, {name: p, value: 1}]}\n",
      { a: { parameters: [{ name: 'm', value: 'x y' }, { name: 'p', value: 1 }] } }],
    ['flow mappings as sequence items', "- { image: 'debian', tag: '9.1' }\n- {a: [ ], b: { }, \"c\": ~}\n",
      [{ image: 'debian', tag: '9.1' }, { a: [], b: {}, c: null }]],
    ['a multi-line quoted scalar as a sequence item', "- 'b\n  c'\n- d\n", ['b c', 'd']],
    // YAML trims spaces and tabs only; NBSP and the Unicode line separators are text.
    ['whitespace that is no YAML blank, at the end of values and items', 'a: x\u00a0\nb: y\u2029\nc: [x\u3000, z]\nd: "e\u00a0\n  f"\n',
      { a: 'x\u00a0', b: 'y\u2029', c: ['x\u3000', 'z'], d: 'e\u00a0 f' }],
    // A character the first scan cannot tell from a refused one (a surrogate) is told apart before giving up.
    ['a character outside the BMP (a surrogate pair), in values and a quoted key', 'a: "ship \u{1F680}"\n"\u{1F680}": b\nc: x\u0085y \u{1F680}\n',
      { a: 'ship \u{1F680}', '\u{1F680}': 'b', c: 'x\u0085y \u{1F680}' }],
    ['colons inside plain values that are no separators', 'a: b:c\nd: "e: f"\ng: h:#i\nj: k #: l\n', { a: 'b:c', d: 'e: f', g: 'h:#i', j: 'k' }],
  ])('%s', (_, source, expected) => {
    expect(readBlockYaml(source)).toStrictEqual(expected);
    expect(jsYaml(source)).toStrictEqual({ value: expected });
  });

  test.each<[string, string]>([
    ['an anchor and an alias', 'a: &x 1\nb: *x\n'],
    ['a tag', 'a: !!str 1\n'],
    ['a merge key', 'a:\n  <<: {b: 1}\n'],
    ['a duplicate key (js-yaml refuses it, with its message)', 'a: 1\na: 2\n'],
    ['a key that resolves to no string', 'true: 1\n'],
    ['a tab', 'a:\tb\n'],
    ['CRLF line ends', 'a: b\r\n'],
    ['a flow mapping key with no value', 'a: {b}\n'],
    ['a trailing comma in a flow sequence', 'a: [b, ]\n'],
    ['a single pair in a flow sequence', 'a: [b: c]\n'],
    ['a duplicate key in a flow mapping', 'a: {b: 1, b: 2}\n'],
    ['a multi-line flow sequence', 'a: [b,\n  c]\n'],
    ['an escape across lines', 'a: "b\\\n  c"\n'],
    ['an indentation indicator', 'a: |2\n   b\n'],
    ['a scalar on the line after its key', 'a:\n  b\n'],
    ['a more indented line after a quoted scalar', 'a: "b"\n  c\n'],
    ['`a: b: c`', 'a: b: c\n'],
    ['a document end', 'a: b\n...\n'],
    ['a directive', '%YAML 1.1\n---\na: b\n'],
    ['.inf, which JSON cannot hold', 'a: .inf\n'],
    ['a control character', 'a: \u0007\n'],
    ['a lone surrogate', 'a: x\ud800\n'],
    ['a noncharacter', 'a: x\uffff\n'],
    ['a `: ` in a plain value before its comment', 'a: b: c # d\n'],
    ['a `:` ending a plain continuation line', 'a: b\n  c:\n'],
    ['an empty document', '# nothing\n'],
    ['a root scalar', 'text\n'],
    ['bad indentation', 'a:\n    b: 1\n  c: 2\n'],
    // js-yaml reads the `- x` below as a second entry of the inner sequence, unlike YAML's grammar.
    ['an empty entry closing a nested sequence', '- -\n- x\n'],
    ['a `...` line with more after it (a document end to js-yaml)', 'a: 1\n... b: 2\n'],
  ])('%s is left to js-yaml', (_, source) => {
    expect(readBlockYaml(source)).toBe(NOT_BLOCK_YAML);
  });

  test('parseYamlDocuments reads block documents with the block reader, and the rest with js-yaml', () => {
    const spy = jest.spyOn(blockYaml, 'readBlockYaml');
    try {
      expect(parseYamlDocuments('a: 1\n---\nb: &x 2\nc: *x\n', 'two.yaml')).toEqual([{ a: 1 }, { b: 2, c: 2 }]);
      expect(spy.mock.results.map((r) => r.value === NOT_BLOCK_YAML)).toEqual([false, true]);
    } finally {
      spy.mockRestore();
    }
  });
});

describe('against js-yaml, on material it was not written for', () => {
  const documents = documentsUnder('test/fixtures', 'dist', 'imports', 'pipelines');

  test('every document of the repository\'s YAML that the block reader takes reads as js-yaml reads it', () => {
    let taken = 0;
    for (const { file, source } of documents) {
      const value = readBlockYaml(source);
      if (value === NOT_BLOCK_YAML) continue;
      taken++;
      expect({ file, ...jsYaml(source) }).toStrictEqual({ file, value });
    }
    // Most of it is block YAML: the fixtures hold hostile and odd YAML on purpose, the synth output none.
    expect(taken).toBeGreaterThan(documents.length / 2);
    expect(documents.filter((d) => d.file.startsWith('dist/')).every((d) => readBlockYaml(d.source) !== NOT_BLOCK_YAML)).toBe(true);
  });

  test('documents broken at random (inserts of indicators, deletions, moved lines) read as js-yaml reads them, or are left to it', () => {
    const pick = random(20261202);
    const pieces = [':', ' ', '#', ' #', '-', '- ', '-\n', "'", '"', '|', '>', '[', ']', '{', '}', ',', '\n', '  ', ': ', '?', '&a ', '*a', '!',
      '\\', "''", '|-', '>+', '---', '...', '... ', '\t', '\u00a0', '\u2028', '\ufeff'];
    const sources = documents.map((d) => d.source).filter((s) => s.length < 5000 && readBlockYaml(s) !== NOT_BLOCK_YAML);
    let taken = 0;
    for (let i = 0; i < 3000; i++) {
      let source = sources[pick(sources.length)];
      for (let edit = pick(3); edit >= 0; edit--) {
        const at = pick(source.length + 1);
        const lines = source.split('\n');
        switch (pick(3)) {
          case 0: source = source.slice(0, at) + pieces[pick(pieces.length)] + source.slice(at); break;
          case 1: source = source.slice(0, at) + source.slice(at + 1 + pick(3)); break;
          default: lines.splice(pick(lines.length), 0, `${' '.repeat(pick(5))}${lines[pick(lines.length)].trimStart()}`); source = lines.join('\n');
        }
      }
      const value = readBlockYaml(source);
      if (value === NOT_BLOCK_YAML) continue;
      taken++;
      expect({ source, ...jsYaml(source) }).toStrictEqual({ source, value });
    }
    expect(taken).toBeGreaterThan(300);
  });

  test('small documents built from the grammar\'s corners read as js-yaml reads them, or are left to it', () => {
    const pick = random(7);
    const keys = ['a', 'x y', '"q"', "'s'", 'a.b/c', 'on', '1', 'null', '-a', 'k-'];
    const values = [' {a: 1, b: [x, "y"]}', ' [{n: a}, {n: b}]', ' {a: }', ' {a}', ' [a, ]', ' {a: b, a: c}', ' [a: b]', ' {a: b}#c', ' [[1], [2, 3]]',
      '', ' v', ' 1', ' 0x1F', ' yes', ' ~', ' "d\\tq"', " 'it''s'", ' [a, -b]', ' []', ' {}', ' |', ' |-', ' |+', ' >',
      ' a # c', ' a#b', ' x:y', ' a: b', ' -', ' - x', ' &a x', ' <<', ' .nan', " 'multi", ' "multi', ' {a: b}', ' 1_000', ' "a" b'];
    const texts = ['text', '  more', 'more: x', '# c', '', '   ', 'x #y', "end'", 'end"', '- z', "it''s", '-', '- -', '...', '... x', 'w\u00a0'];
    let taken = 0;
    for (let i = 0; i < 20000; i++) {
      const lines: string[] = [];
      for (let n = pick(8); n >= 0; n--) {
        const indent = ' '.repeat([0, 0, 2, 2, 4, 1, 3][pick(7)]);
        const kind = pick(10);
        lines.push(kind < 5 ? `${indent}${keys[pick(keys.length)]}:${values[pick(values.length)]}`
          : kind < 7 ? `${indent}-${pick(2) ? ` ${keys[pick(keys.length)]}:` : ''}${values[pick(values.length)]}`
            : `${indent}${texts[pick(texts.length)]}`);
      }
      const source = lines.join('\n') + (pick(4) ? '\n' : '');
      const value = readBlockYaml(source);
      if (value === NOT_BLOCK_YAML) continue;
      taken++;
      expect({ source, ...jsYaml(source) }).toStrictEqual({ source, value });
    }
    expect(taken).toBeGreaterThan(5000);
  });
});
