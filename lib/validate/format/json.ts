import { countViolations, reportFails, ValidationReport } from '../violation';

/**
 * The report for machines: `{valid, summary: {files, objects, errors, warnings}, results}` with every object's
 * `{file, line?, apiVersion, kind, namespace, name, constructPath?, violations: [{path, message, rule, severity, fix}]}`.
 * Stable key order and sorting, so the same input gives the same bytes.
 */
export function formatJson(report: ValidationReport, strict: boolean): string {
  return [...jsonParts(report, strict)].join('');
}

/** Results stringified at a time: enough to make each call count, few enough that no part is a large string. */
const RESULTS_PER_PART = 256;
const WRAPPER_HEAD = '{\n  "results": [\n';
const WRAPPER_TAIL = '\n  ]\n}';

/**
 * {@link formatJson} in parts (the head, then the results a few hundred at a time), the same bytes as
 * `JSON.stringify(..., null, 2)`: a report of a finding in each of 170,000 objects is 90 MB of text, which written
 * part by part never needs to be one string.
 */
export function* jsonParts(report: ValidationReport, strict: boolean): Generator<string> {
  const { errors, warnings } = countViolations(report.results);
  const head = JSON.stringify({ valid: !reportFails(report.results, strict), summary: { files: report.files, objects: report.objects, errors, warnings } }, null, 2);
  if (report.results.length === 0) {
    yield `${head.slice(0, -2)},\n  "results": []\n}\n`;
    return;
  }
  yield `${head.slice(0, -2)},\n  "results": [\n`;
  const { results } = report;
  for (let start = 0; start < results.length; start += RESULTS_PER_PART) {
    // Stringified as the list of `{"results": [...]}`, a part's results sit at their depth in the report, so their
    // lines are indented by JSON.stringify itself; cut the wrapper's first two lines and last two off.
    const part = JSON.stringify({ results: results.slice(start, start + RESULTS_PER_PART) }, null, 2);
    yield `${part.slice(WRAPPER_HEAD.length, -WRAPPER_TAIL.length)}${start + RESULTS_PER_PART < results.length ? ',' : ''}\n`;
  }
  yield '  ]\n}\n';
}
