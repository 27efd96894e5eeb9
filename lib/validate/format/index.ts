export { formatReport, formatReportParts, ReportFormat } from './format-report';
export { formatJson } from './json';
export { formatJunit } from './junit';
export { formatText, summaryLine, WarningDisplay } from './text';
export type { TextOptions } from './text';
