import { countViolations, reportFails, ValidationReport } from '../violation';

/**
 * The report for machines: `{valid, summary: {files, objects, errors, warnings}, results}` with every object's
 * `{file, line?, apiVersion, kind, namespace, name, constructPath?, violations: [{path, message, rule, severity, fix}]}`.
 * Stable key order and sorting, so the same input gives the same bytes.
 */
export function formatJson(report: ValidationReport, strict: boolean): string {
  const { errors, warnings } = countViolations(report.results);
  return `${JSON.stringify({
    valid: !reportFails(report.results, strict),
    summary: { files: report.files, objects: report.objects, errors, warnings },
    results: report.results,
  }, null, 2)}\n`;
}
