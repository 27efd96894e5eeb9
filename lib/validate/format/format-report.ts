import { ValidationReport } from '../violation';
import { formatJson } from './json';
import { formatJunit } from './junit';
import { formatText, TextOptions } from './text';

/** The report formats `--format` accepts. */
export enum ReportFormat {
  TEXT = 'text',
  JSON = 'json',
  JUNIT = 'junit',
}

/**
 * Renders a report; `strict` counts warnings as failures (json `valid`, junit `<failure>`, text lists them with the
 * errors). `text` shapes the text format only; json and junit always carry everything.
 */
export function formatReport(report: ValidationReport, format: ReportFormat, strict: boolean, text: Omit<TextOptions, 'strict'> = {}): string {
  switch (format) {
    case ReportFormat.TEXT: return formatText(report, { ...text, strict });
    case ReportFormat.JSON: return formatJson(report, strict);
    case ReportFormat.JUNIT: return formatJunit(report, strict);
  }
}
