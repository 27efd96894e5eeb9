import { append } from '../../append';
import { describeObject } from '../describe-object';
import { countViolations, ObjectResult, Severity, ValidationReport, Violation } from '../violation';
import { escapeUnsafe } from '../../publish/display-text';

/** How the text report shows warnings that do not fail the run. */
export enum WarningDisplay {
  /** One line per rule with its count, the first occurrence and the fix (the default). */
  SUMMARY = 'summary',
  /** Every warning under its object, after the errors (`--verbose`). */
  LIST = 'list',
  /** Counted in the closing line only (`--errors-only`, `--quiet`). */
  NONE = 'none',
}

/** Options of {@link formatText}. */
export interface TextOptions {
  /** @default WarningDisplay.SUMMARY */
  readonly warnings?: WarningDisplay;
  /** Warnings fail the run (`--strict`), so they are listed with the errors. @default false */
  readonly strict?: boolean;
  /** Print nothing when nothing fails, and only the failures when something does (`--quiet`). @default false */
  readonly quiet?: boolean;
}

/**
 * The report for people, errors first: each object with failures under its `file - Kind namespace/name` line (so
 * objects of one file stay together), each violation with its position, path, rule and fix; then the warnings,
 * summarized per rule (or listed, or left out); then the counts.
 *
 * @example
 * dist/prod/train.yaml - WorkflowTemplate kfops/train  (construct: prod/train)
 *   error    dist/prod/train.yaml:9:3 spec.entrypoint: entrypoint "mian" is not a template of this workflow [argo/entrypoint]
 *            fix: did you mean "main"?
 *
 * Warnings by rule (--verbose lists each):
 *   51  security/image-tag: image "gcr.io/x/y" has no tag, so it means :latest (first: dist/dev/a.yaml:12:9)
 *       fix: pin a version tag (image:1.2.3) or a digest (image@sha256:...)
 *
 * 1 error, 51 warnings in 12 objects (12 files)
 */
export function formatText(report: ValidationReport, options: TextOptions = {}): string {
  const fails = (v: Violation) => v.severity === Severity.ERROR || options.strict === true;
  const lines = listed(report.results, fails);
  const advisory = report.results.some((r) => r.violations.some((v) => !fails(v)));
  const display = options.quiet ? WarningDisplay.NONE : options.warnings ?? WarningDisplay.SUMMARY;
  if (advisory && display === WarningDisplay.LIST) append(lines, listed(report.results, (v) => !fails(v)));
  if (advisory && display === WarningDisplay.SUMMARY) lines.push(...summarized(report.results, (v) => !fails(v)), '');
  if (options.quiet && lines.length === 0) return '';
  lines.push(summaryLine(report));
  // Messages quote what objects hold (names, keys, images): escaped, so none can forge a line or drive the terminal.
  return `${lines.map(escapeUnsafe).join('\n')}\n`;
}

/** The violations `shown` picks, under their objects, each object followed by a blank line. */
function listed(results: readonly ObjectResult[], shown: (v: Violation) => boolean): string[] {
  const lines: string[] = [];
  for (const result of results) {
    const violations = result.violations.filter(shown);
    if (violations.length === 0) continue;
    lines.push(header(result));
    for (const v of violations) {
      const label = v.severity === Severity.ERROR ? 'error  ' : 'warning';
      lines.push(`  ${label}  ${where(result, v)}${v.message} [${v.rule}]`);
      if (v.fix) lines.push(`           fix: ${v.fix}`);
    }
    lines.push('');
  }
  return lines;
}

/** One entry per rule, most frequent first: count, rule, the first occurrence's message, position and fix. */
function summarized(results: readonly ObjectResult[], shown: (v: Violation) => boolean): string[] {
  const rules = new Map<string, { count: number; first: Violation; result: ObjectResult }>();
  for (const result of results) {
    for (const v of result.violations.filter(shown)) {
      const entry = rules.get(v.rule);
      if (entry) entry.count++;
      else rules.set(v.rule, { count: 1, first: v, result });
    }
  }
  const sorted = [...rules].sort(([a, x], [b, y]) => y.count - x.count || (a < b ? -1 : 1));
  const width = String(sorted[0][1].count).length;
  const lines = ['Warnings by rule (--verbose lists each):'];
  for (const [rule, { count, first, result }] of sorted) {
    const at = first.line !== undefined ? `${result.file}:${first.line}:${first.column ?? 1}` : result.file;
    lines.push(`  ${String(count).padStart(width)}  ${rule}: ${first.message} (${count === 1 ? 'at' : 'first'}: ${at})`);
    if (first.fix) lines.push(`  ${' '.repeat(width)}  fix: ${first.fix}`);
  }
  return lines;
}

/** A position as file:line:column, which terminals and editors turn into a link, then the JSON path. */
function where(result: ObjectResult, v: Violation): string {
  const parts = [v.line !== undefined ? `${result.file}:${v.line}:${v.column ?? 1}` : '', v.path].filter((w) => w !== '');
  return parts.length > 0 ? `${parts.join(' ')}: ` : '';
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
