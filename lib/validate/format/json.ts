import { countViolations, reportFails, ValidationReport } from '../violation';

/**
 * The report for machines: `{valid, summary: {files, objects, errors, warnings}, results}` with every object's
 * `{file, line?, apiVersion, kind, namespace, name, constructPath?, violations: [{path, message, rule, severity, fix}]}`.
 * Stable key order and sorting, so the same input gives the same bytes.
 */
export function formatJson(report: ValidationReport, strict: boolean): string {
  return [...jsonParts(report, strict)].join('');
}

/**
 * {@link formatJson} in parts (the head, then each result), the same bytes as `JSON.stringify(..., null, 2)`: a
 * report of a finding in each of 170,000 objects is 90 MB of text, which written part by part never needs to be
 * one string.
 */
export function* jsonParts(report: ValidationReport, strict: boolean): Generator<string> {
  const { errors, warnings } = countViolations(report.results);
  const head = JSON.stringify({ valid: !reportFails(report.results, strict), summary: { files: report.files, objects: report.objects, errors, warnings } }, null, 2);
  if (report.results.length === 0) {
    yield `${head.slice(0, -2)},\n  "results": []\n}\n`;
    return;
  }
  yield `${head.slice(0, -2)},\n  "results": [\n`;
  const last = report.results.length - 1;
  for (let i = 0; i <= last; i++) {
    // Each result sits two levels deep in the report, so its lines take four more spaces.
    yield `    ${JSON.stringify(report.results[i], null, 2).replace(/\n/g, '\n    ')}${i < last ? ',' : ''}\n`;
  }
  yield '  ]\n}\n';
}
