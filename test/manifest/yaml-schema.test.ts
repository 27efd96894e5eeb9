import { integerLiteralValue, parseYamlDocuments, parseYamlFile, resolvePlainScalar } from '../../lib/manifest';

// The table follows go-yaml v2's resolve.go (what sigs.k8s.io/yaml, and so kubectl and the API server, use).
describe('plain scalars resolve as go-yaml v2 does', () => {
  test.each<[string, unknown]>([
    ['yes', true], ['Yes', true], ['YES', true], ['y', true], ['Y', true], ['on', true], ['True', true],
    ['no', false], ['n', false], ['off', false], ['OFF', false], ['FALSE', false],
    ['yEs', 'yEs'], ['', null], ['~', null], ['null', null], ['Null', null], ['nULL', 'nULL'],
    ['0x1F', 31], ['0o17', 15], ['017', 15], ['0b101', 5], ['1_000', 1000], ['+12', 12], ['-0', 0], ['08', 8], ['0', 0],
    ['1e3', 1000], ['1.5', 1.5], ['.5', 0.5], ['-1.', -1], ['1e999', '1e999'], ['0x', '0x'],
    ['99999999999999999999999', 1e23], ['18446744073709551615', 18446744073709551615],
    ['2024-01-31', '2024-01-31'], ['190:20:30', '190:20:30'], ['1.2.3', '1.2.3'], ['-foo', '-foo'], ['<<', '<<'],
  ])('%j is %j', (source, value) => {
    expect(resolvePlainScalar(source)).toEqual(value);
  });

  test('a number too long for any float stays a string (a hostile 1 MB one too, without BigInt\'s quadratic parse)', () => {
    const digits = '1'.repeat(1_000_000);
    expect(resolvePlainScalar(digits)).toBe(digits);
    expect(parseYamlFile(`v: ${digits}\n`, 'x.yaml')).toEqual({ v: digits });
  });

  test('.inf and .nan resolve to numbers JSON cannot hold (the reader refuses them)', () => {
    expect(resolvePlainScalar('.inf')).toBe(Infinity);
    expect(resolvePlainScalar('-.Inf')).toBe(-Infinity);
    expect(resolvePlainScalar('.NaN')).toBeNaN();
  });

  test.each<[string, bigint | undefined]>([
    ['9007199254740993', 9007199254740993n], ['-0x10', -16n], ['9223372036854775807', 9223372036854775807n],
    ['18446744073709551615', 18446744073709551615n], ['18446744073709551616', undefined], ['-9223372036854775809', undefined], ['1.0', undefined],
    [`0x${'0'.repeat(100)}1F`, 31n], [`0b${'1'.repeat(64)}`, 18446744073709551615n], [`0b1${'0'.repeat(64)}`, undefined], ['9'.repeat(65), undefined],
  ])('the exact integer %s is %s', (source, value) => {
    expect(integerLiteralValue(source)).toBe(value);
  });
});

describe('explicit tags', () => {
  test.each<[string, unknown]>([
    ['!!str 12', '12'], ['!!int "12"', 12], ['!!float 1', 1], ['!!bool "yes"', true], ['!!null ""', null],
    ['!!binary aGVsbG8=', 'hello'], ['!!timestamp 2001-12-14', '2001-12-14'], ['!foo 5', '5'], ['!<tag:example.com,2000:x> 5', '5'],
    ['!!set {a, b}', { a: null, b: null }], ['!custom [1, 2]', [1, 2]], ['! 12', '12'],
  ])('%s reads as %j', (source, value) => {
    expect(parseYamlFile(`v: ${source}\n`, 'x.yaml')).toEqual({ v: value });
  });

  test.each([['!!int abc'], ['!!bool maybe'], ['!!binary not*base64']])('%s is refused as go-yaml refuses it', (source) => {
    expect(() => parseYamlFile(`v: ${source}\n`, 'x.yaml')).toThrow(/^x\.yaml:1:\d+: YAML syntax error: cannot resolve a node with !<tag:yaml\.org,2002:\w+> explicit tag/);
  });
});

describe('documents', () => {
  test('split at --- lines only, as Kubernetes\' YAMLReader splits them', () => {
    expect(parseYamlDocuments('a: 1\n--- # comment\nb: "---"\n---x: 2\n---\n--- {c: 3}\n', 'x.yaml')).toEqual([{ a: 1 }, { b: '---', '---x': 2 }, null, { c: 3 }]);
  });

  test('a file of one document refuses a second', () => {
    expect(() => parseYamlFile('a: 1\n---\nb: 2\n', 'p.yaml')).toThrow('p.yaml:3: holds more than one YAML document (keep one document: remove the `---` line)');
  });
});
