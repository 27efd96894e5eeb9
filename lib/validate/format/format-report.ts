import { joinedChunks } from '../../text-chunks';
import { ValidationReport } from '../violation';
import { formatJson, jsonParts } from './json';
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

/**
 * {@link formatReport} in parts to write one after another: a large JSON report comes in chunks of about 64 KiB and
 * never needs to be one string (the text and JUnit reports come whole).
 */
export function formatReportParts(report: ValidationReport, format: ReportFormat, strict: boolean, text: Omit<TextOptions, 'strict'> = {}): Iterable<string> {
  return format === ReportFormat.JSON ? joinedChunks(jsonParts(report, strict)) : [formatReport(report, format, strict, text)];
}
