import type { Schedule } from '../dsl/schedule';
import { isTimeZone, scheduleProblems as cronProblems } from '../validate/checks/argo/cron-schedule';

/**
 * Problems of an environment's schedule, found before synth by the same rules `kfops validate` applies to
 * CronWorkflows (cron expressions Argo's parser takes, IANA time zones). `where` prefixes each message.
 *
 * @see https://argo-workflows.readthedocs.io/en/latest/cron-workflows/
 */
export function scheduleProblems(schedule: Schedule, where: string): string[] {
  const problems: string[] = [];
  if (schedule.cron.length === 0) problems.push(`${where}.cron needs at least one cron expression, e.g. ['0 3 * * *']`);
  schedule.cron.forEach((expression, i) => {
    for (const v of cronProblems(expression, `${where}.cron[${i}]`)) problems.push(`${v.path}: ${v.message}${v.fix ? ` (${v.fix})` : ''}`);
  });
  if (schedule.timezone !== undefined && !isTimeZone(schedule.timezone)) {
    problems.push(`${where}.timezone '${schedule.timezone}' is not an IANA time zone (e.g. 'UTC', 'America/Chicago')`);
  }
  return problems;
}
