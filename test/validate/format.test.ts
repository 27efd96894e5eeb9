import { describeObject } from '../../lib/validate/describe-object';
import { formatJson, formatJunit, formatReportParts, formatText, ReportFormat, TextOptions, WarningDisplay } from '../../lib/validate/format';
import { error, ValidationReport, warning } from '../../lib/validate/violation';

const report: ValidationReport = {
  files: 3,
  objects: 3,
  results: [
    { file: 'dist/a.yaml', apiVersion: 'v1', kind: 'Service', namespace: 'ml', name: 'serving', constructPath: 'dev/serving/Service',
      violations: [error('spec.selector', 'k8s/service-selector', 'selector app=x matches no pod template', 'make it match'), warning('metadata', 'x/y', 'a <note> & "quote"')] },
    { file: 'dist/b.yaml', line: 7, apiVersion: 'v1', kind: 'ConfigMap', name: 'clean', violations: [] },
    { file: 'params/prod.yaml', violations: [{ ...error('w.e', 'params/type', 'expected integer'), line: 2, column: 11 }] },
  ],
};

describe('describeObject', () => {
  test.each([
    [{ file: 'a.yaml', kind: 'Service', namespace: 'ml', name: 's' }, 'a.yaml - Service ml/s'],
    [{ file: 'a.yaml', line: 12, kind: 'ConfigMap', name: 'c' }, 'a.yaml:12 - ConfigMap c'],
    [{ file: 'a.yaml', kind: 'Workflow' }, 'a.yaml - Workflow (unnamed)'],
    [{ file: 'a.yaml' }, 'a.yaml'],
  ])('%j', (id, expected) => {
    expect(describeObject(id)).toBe(expected);
  });
});

describe('the JSON report in parts', () => {
  test.each<[string, ValidationReport]>([
    ['a report', report],
    ['an empty report', { files: 0, objects: 0, results: [] }],
    ['a report of 3,000 results', { files: 3000, objects: 3000, results: Array.from({ length: 3000 }, (_, i) => ({ ...report.results[0], name: `s-${i}` })) }],
  ])('%s is the bytes of JSON.stringify with two-space indentation, written in chunks of 64 KiB', (_, r) => {
    const parts = [...formatReportParts(r, ReportFormat.JSON, false)];
    // One write per chunk, not one per result; a small report is one chunk.
    expect(parts.slice(0, -1).every((p) => p.length >= 64 * 1024)).toBe(true);
    expect(parts.length).toBeLessThanOrEqual(Math.max(1, r.results.length / 50));
    const whole = `${JSON.stringify({ valid: r.results.every((x) => x.violations.every((v) => v.severity !== 'error')), summary: { files: r.files, objects: r.objects,
      errors: r.results.flatMap((x) => x.violations).filter((v) => v.severity === 'error').length,
      warnings: r.results.flatMap((x) => x.violations).filter((v) => v.severity === 'warning').length }, results: r.results }, null, 2)}\n`;
    expect(parts.join('')).toBe(whole);
    expect(formatJson(r, false)).toBe(whole);
  });
});

describe('formatters', () => {
  test('text lists errors first, under their objects, then summarizes warnings per rule, then the counts', () => {
    expect(formatText(report)).toBe([
      'dist/a.yaml - Service ml/serving  (construct: dev/serving/Service)',
      '  error    spec.selector: selector app=x matches no pod template [k8s/service-selector]',
      '           fix: make it match',
      '',
      'params/prod.yaml',
      '  error    params/prod.yaml:2:11 w.e: expected integer [params/type]',
      '',
      'Warnings by rule (--verbose lists each):',
      '  1  x/y: a <note> & "quote" (at: dist/a.yaml)',
      '',
      '2 errors, 1 warning in 3 objects (3 files)',
      '',
    ].join('\n'));
  });

  const manyWarnings: ValidationReport = {
    files: 2,
    objects: 2,
    results: [
      { file: 'dist/a.yaml', kind: 'WorkflowTemplate', name: 'a', violations: [
        { ...warning('spec.templates[0].container.image', 'security/image-tag', 'image "x" has no tag', 'pin a tag'), line: 9, column: 7 },
        { ...warning('spec.templates[1].container.image', 'security/image-tag', 'image "y" has no tag', 'pin a tag'), line: 19, column: 7 },
        warning('spec.templates[1].container.env[0]', 'security/sensitive-env', 'DB_PASSWORD has a literal value'),
      ] },
      { file: 'dist/b.yaml', kind: 'WorkflowTemplate', name: 'b', violations: Array.from({ length: 10 }, (_, i) =>
        ({ ...warning(`spec.templates[${i}].container.image`, 'security/image-tag', 'image "z" has no tag', 'pin a tag'), line: 5 + i, column: 7 })) },
    ],
  };

  test.each<[string, TextOptions, string[]]>([
    ['summary (default): one line per rule, most frequent first, with the first occurrence and its fix', {}, [
      'Warnings by rule (--verbose lists each):',
      '  12  security/image-tag: image "x" has no tag (first: dist/a.yaml:9:7)',
      '      fix: pin a tag',
      '   1  security/sensitive-env: DB_PASSWORD has a literal value (at: dist/a.yaml)',
      '',
      '0 errors, 13 warnings in 2 objects (2 files)',
    ]],
    ['errors only: warnings are only counted', { warnings: WarningDisplay.NONE }, ['0 errors, 13 warnings in 2 objects (2 files)']],
    ['quiet: nothing when nothing fails', { quiet: true }, []],
  ])('text warnings, %s', (_label, options, lines) => {
    expect(formatText(manyWarnings, options)).toBe(lines.length === 0 ? '' : `${lines.join('\n')}\n`);
  });

  test('text --verbose lists every warning under its object, after the errors', () => {
    const text = formatText(report, { warnings: WarningDisplay.LIST });
    expect(text.indexOf('  warning  metadata: a <note> & "quote" [x/y]')).toBeGreaterThan(text.indexOf('params/prod.yaml'));
    expect(text.split('\n').filter((l) => l.startsWith('dist/a.yaml - Service ml/serving'))).toHaveLength(2);
  });

  test('text under --strict lists warnings with the errors, since they fail the run', () => {
    const text = formatText(manyWarnings, { strict: true });
    expect(text).not.toContain('Warnings by rule');
    expect(text.split('\n').filter((l) => l.startsWith('  warning  '))).toHaveLength(13);
  });

  test('text --quiet shows only the failures and the counts when something fails', () => {
    expect(formatText(report, { quiet: true })).toBe([
      'dist/a.yaml - Service ml/serving  (construct: dev/serving/Service)',
      '  error    spec.selector: selector app=x matches no pod template [k8s/service-selector]',
      '           fix: make it match',
      '',
      'params/prod.yaml',
      '  error    params/prod.yaml:2:11 w.e: expected integer [params/type]',
      '',
      '2 errors, 1 warning in 3 objects (3 files)',
      '',
    ].join('\n'));
  });

  test('text says valid when nothing is wrong', () => {
    expect(formatText({ files: 1, objects: 1, results: [report.results[1]] })).toBe('1 object in 1 file: valid\n');
  });

  test.each([[false, true], [true, false]])('json: strict=%s makes warnings-only reports valid=%s', (strict, valid) => {
    const warningsOnly: ValidationReport = { files: 1, objects: 1, results: [{ file: 'a.yaml', kind: 'X', name: 'x', violations: [warning('', 'r', 'm')] }] };
    expect(JSON.parse(formatJson(warningsOnly, strict))).toMatchObject({ valid, summary: { errors: 0, warnings: 1 } });
  });

  test.each<[boolean, string]>([
    [false, 'failures="2"'],
    [true, 'failures="3"'],
  ])('junit: strict=%s counts %s', (strict, counted) => {
    const xml = formatJunit(report, strict);
    expect(xml).toContain(`<testsuites name="kfops validate" tests="3" ${counted} errors="0">`);
  });

  test('junit escapes XML and keeps warnings in system-out', () => {
    const xml = formatJunit(report, false);
    expect(xml).toContain('<testcase classname="dist/a.yaml" name="Service ml/serving" file="dist/a.yaml">');
    expect(xml).toContain('<system-out>warning [x/y] metadata: a &lt;note&gt; &amp; &quot;quote&quot;\nconstruct: dev/serving/Service</system-out>');
    expect(xml).toContain('<testcase classname="dist/b.yaml" name="ConfigMap clean" file="dist/b.yaml" line="7"/>');
  });
});

// A message quotes what an object holds; a name or key with escape sequences must not drive the terminal or forge
// a line of the report (the file names were escaped already; now everything in a line is).
test('the text report escapes control and format characters inside its lines, tabs aside', () => {
  const report: ValidationReport = {
    files: 1, objects: 1,
    results: [{ file: 'cm.yaml', kind: 'ConfigMap', name: '\u001b[31mred\nfake: line\u202e', violations: [error('metadata.name', 'k8s/name', 'name "\u001b]0;pwned\u0007"\tis bad', 'rename\r\nit')] }],
  };
  const text = formatText(report);
  expect(text).not.toMatch(/[\u001b\u0007\r\u202e]/);
  expect(text.split('\n').filter((l) => l.includes('fake: line'))).toEqual(['cm.yaml - ConfigMap \\u{1b}[31mred\\nfake: line\\u{202e}']);
  expect(text).toContain('name "\\u{1b}]0;pwned\\u{7}"\tis bad');
  expect(text).toContain('fix: rename\\r\\nit');
});
