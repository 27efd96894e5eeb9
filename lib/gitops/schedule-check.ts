import { CronExpressionParser } from 'cron-parser';
import type { Schedule } from '../dsl/pipeline';

/**
 * Problems of a schedule, as Argo's CronWorkflow would reject or misread it: cron expressions must have five fields
 * (or be an `@` macro such as `@daily`) with values in range, and the time zone must be an IANA name.
 * `where` prefixes each message.
 *
 * @see https://argo-workflows.readthedocs.io/en/latest/cron-workflows/
 */
export function scheduleProblems(schedule: Schedule, where: string): string[] {
  const problems: string[] = [];
  if (schedule.cron.length === 0) problems.push(`${where}.cron needs at least one cron expression, e.g. ['0 3 * * *']`);
  schedule.cron.forEach((expression, i) => {
    const fields = expression.trim().split(/\s+/);
    if (!expression.trim().startsWith('@') && fields.length !== 5) {
      problems.push(`${where}.cron[${i}] '${expression}' has ${fields.length} fields; Argo expects 5 (minute hour day-of-month month day-of-week)`);
      return;
    }
    try {
      CronExpressionParser.parse(expression);
    } catch (err) {
      problems.push(`${where}.cron[${i}] '${expression}' is not a valid cron expression: ${(err as Error).message}`);
    }
  });
  if (schedule.timezone !== undefined) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: schedule.timezone });
    } catch {
      problems.push(`${where}.timezone '${schedule.timezone}' is not an IANA time zone (e.g. 'UTC', 'America/Chicago')`);
    }
  }
  return problems;
}
