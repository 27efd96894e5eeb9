import { groupOf, isRecord, KubeObject } from '../../object-index';
import { error, Violation } from '../../violation';
import { isTimeZone, scheduleProblems, ScheduleReader } from '../argo/cron-schedule';

/** Kubernetes reads a CronJob's schedule with the same robfig/cron as Argo, but takes its zone only from timeZone. */
const KUBERNETES_SCHEDULE: ScheduleReader = {
  name: 'Kubernetes', scheduleRule: 'k8s/cron-schedule', zoneRule: 'k8s/cron-timezone', zoneField: 'spec.timeZone',
};
/** What each `/`-separated part of a time zone may hold (validateTimeZone's validTimeZoneCharacters). */
const ZONE_PART = /^[A-Za-z.\-_0-9+]{1,14}$/;

/**
 * A CronJob's schedule and time zone as the API server validates them: `cron.ParseStandard` takes the schedule
 * (five fields or a descriptor), which carries no `TZ=`/`CRON_TZ=`; `timeZone` is a name of the zone database, not
 * empty and not `Local`.
 *
 * @see https://github.com/kubernetes/kubernetes/blob/master/pkg/apis/batch/validation/validation.go (validateScheduleFormat, validateTimeZone)
 */
export function cronJobViolations(object: KubeObject): Violation[] {
  if (object.kind !== 'CronJob' || groupOf(object) !== 'batch' || !isRecord(object.spec)) return [];
  const { schedule, timeZone } = object.spec;
  const out = typeof schedule === 'string' && schedule !== '' ? scheduleProblems(schedule, 'spec.schedule', KUBERNETES_SCHEDULE) : [];
  if (typeof timeZone === 'string' && !validZone(timeZone)) {
    out.push(error('spec.timeZone', 'k8s/cron-timezone', timeZone === '' ? 'timeZone is empty, which the API server refuses ("must be nil or non-empty string")'
      : `timeZone "${timeZone}" is not a time zone the API server knows${timeZone.toLowerCase() === 'local' ? ' (Local is refused: name the zone)' : ''}`,
    'use a name of the time zone database, like "Europe/Berlin" or "Etc/UTC", or drop timeZone'));
  }
  return out;
}

function validZone(zone: string): boolean {
  if (zone === '' || zone.toLowerCase() === 'local') return false;
  const partsOk = zone.split('/').every((part) => part !== '.' && part !== '..' && !part.startsWith('-') && ZONE_PART.test(part));
  return partsOk && isTimeZone(zone);
}
