import { ValidationReport } from '../violation';
import { formatJson } from './json';
import { formatJunit } from './junit';
import { formatText } from './text';

/** The report formats `--format` accepts. */
export enum ReportFormat {
  TEXT = 'text',
  JSON = 'json',
  JUNIT = 'junit',
}

/** Renders a report; `strict` counts warnings as failures (json `valid`, junit `<failure>`). */
export function formatReport(report: ValidationReport, format: ReportFormat, strict: boolean): string {
  switch (format) {
    case ReportFormat.TEXT: return formatText(report);
    case ReportFormat.JSON: return formatJson(report, strict);
    case ReportFormat.JUNIT: return formatJunit(report, strict);
  }
}
