import { describeKindName, describeObject } from '../describe-object';
import { ObjectResult, Severity, ValidationReport, Violation } from '../violation';

/**
 * JUnit XML, which CI systems turn into annotations: a test suite per file, a test case per object, a
 * `<failure>` per error (and per warning under `strict`); other warnings go to the case's `<system-out>`.
 */
export function formatJunit(report: ValidationReport, strict: boolean): string {
  const byFile = new Map<string, ObjectResult[]>();
  for (const result of report.results) {
    const list = byFile.get(result.file) ?? [];
    list.push(result);
    byFile.set(result.file, list);
  }
  const fails = (v: Violation) => v.severity === Severity.ERROR || strict;
  let totalTests = 0;
  let totalFailures = 0;
  const suites: string[] = [];
  for (const [file, results] of byFile) {
    const failures = results.reduce((n, r) => n + r.violations.filter(fails).length, 0);
    totalTests += results.length;
    totalFailures += failures;
    const cases = results.map((r) => testCase(r, fails));
    suites.push(`  <testsuite name="${xml(file)}" tests="${results.length}" failures="${failures}" errors="0">\n${cases.join('')}  </testsuite>\n`);
  }
  return '<?xml version="1.0" encoding="UTF-8"?>\n'
    + `<testsuites name="kfops validate" tests="${totalTests}" failures="${totalFailures}" errors="0">\n${suites.join('')}</testsuites>\n`;
}

function testCase(result: ObjectResult, fails: (v: Violation) => boolean): string {
  const name = describeKindName(result) ?? describeObject(result);
  // CI annotations point at the case's line: the first failure's, else where the object starts.
  const line = result.violations.find((v) => fails(v) && v.line !== undefined)?.line ?? result.line;
  const attrs = `classname="${xml(result.file)}" name="${xml(name)}" file="${xml(result.file)}"${line !== undefined ? ` line="${line}"` : ''}`;
  if (result.violations.length === 0) return `    <testcase ${attrs}/>\n`;
  const body: string[] = [];
  const notes: string[] = [];
  for (const v of result.violations) {
    const at = v.line !== undefined ? `${result.file}:${v.line}:${v.column ?? 1} ` : '';
    const text = `${at}${v.path ? `${v.path}: ` : ''}${v.message}${v.fix ? `\nfix: ${v.fix}` : ''}${result.constructPath ? `\nconstruct: ${result.constructPath}` : ''}`;
    if (fails(v)) {
      body.push(`      <failure message="${xml(`${v.path ? `${v.path}: ` : ''}${v.message}`)}" type="${xml(v.rule)}">${xml(text)}</failure>\n`);
    } else {
      notes.push(`warning [${v.rule}] ${text}`);
    }
  }
  if (notes.length > 0) body.push(`      <system-out>${xml(notes.join('\n'))}</system-out>\n`);
  return `    <testcase ${attrs}>\n${body.join('')}    </testcase>\n`;
}

/** Escapes text for XML attributes and content, dropping characters XML 1.0 cannot carry. */
function xml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')
    .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
