import { describeObject } from '../describe-object';
import { countViolations, ObjectResult, Severity, ValidationReport } from '../violation';

/**
 * The report for people: each object with violations under its `file - Kind namespace/name` line (so objects of
 * one file stay together), each violation with its path, rule and fix, then the counts.
 *
 * @example
 * dist/prod/train.yaml - WorkflowTemplate kfops/train  (construct: prod/train)
 *   error    dist/prod/train.yaml:9:3 spec.entrypoint: entrypoint "mian" is not a template of this workflow [argo/entrypoint]
 *            fix: did you mean "main"?
 *
 * 1 error, 0 warnings in 12 objects (12 files)
 */
export function formatText(report: ValidationReport): string {
  const lines: string[] = [];
  for (const result of report.results) {
    if (result.violations.length === 0) continue;
    lines.push(header(result));
    for (const v of result.violations) {
      const label = v.severity === Severity.ERROR ? 'error  ' : 'warning';
      // A position is given as file:line:column, which terminals and editors turn into a link.
      const where = [v.line !== undefined ? `${result.file}:${v.line}:${v.column ?? 1}` : '', v.path].filter((w) => w !== '').join(' ');
      lines.push(`  ${label}  ${where ? `${where}: ` : ''}${v.message} [${v.rule}]`);
      if (v.fix) lines.push(`           fix: ${v.fix}`);
    }
    lines.push('');
  }
  lines.push(summaryLine(report));
  return `${lines.join('\n')}\n`;
}

function header(result: ObjectResult): string {
  return result.constructPath ? `${describeObject(result)}  (construct: ${result.constructPath})` : describeObject(result);
}

/** `2 errors, 1 warning in 14 objects (12 files)`, or the all-clear. */
export function summaryLine(report: ValidationReport): string {
  const { errors, warnings } = countViolations(report.results);
  const files = `${report.files} file${report.files === 1 ? '' : 's'}`;
  if (errors === 0 && warnings === 0) return `${report.objects} object${report.objects === 1 ? '' : 's'} in ${files}: valid`;
  return `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'} in ${report.objects} object${report.objects === 1 ? '' : 's'} (${files})`;
}
