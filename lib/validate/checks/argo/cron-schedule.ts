import { Check } from '../../check';
import { isRecord } from '../../object-index';
import { error, Violation, warning } from '../../violation';
import { cronFieldsProblem } from './cron-fields';
import { removedInV4 } from './argo-version';

/** The `@` shorthands Argo's cron library (robfig/cron) accepts. */
const DESCRIPTORS = new Set(['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly']);
/** A Go duration (`time.ParseDuration`), as `@every` and Argo CD sync windows take: `1h30m`, `90s`, `1.5h`. */
const GO_DURATION = /^[-+]?(0|((\d+(\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h))+)$/;

/** True for a Go duration such as `1h30m`. */
export function isGoDuration(text: string): boolean {
  return GO_DURATION.test(text);
}


/**
 * CronWorkflow `schedule` / `schedules` are cron expressions Argo accepts (five fields, or a descriptor), there is
 * at least one and not both fields, `timezone` is an IANA time zone name and `startingDeadlineSeconds` not
 * negative. The singular `schedule` is a warning (deprecated). (`concurrencyPolicy` is an enum the schema walker
 * checks, from the enum facts: not reported twice.)
 *
 * Argo: `validate.CronWorkflow`.
 * @see https://argo-workflows.readthedocs.io/en/latest/cron-workflows/
 */
export const checkCronWorkflow: Check = (object, context) => {
  if (object.kind !== 'CronWorkflow' || !isRecord(object.spec)) return [];
  const spec = object.spec;
  const violations: Violation[] = [];
  if (typeof spec.schedule === 'string' && Array.isArray(spec.schedules) && spec.schedules.length > 0) {
    violations.push(error('spec.schedule', 'argo/cron-schedule', 'the CronWorkflow sets both schedule and schedules, which Argo rejects',
      `move "${spec.schedule}" into spec.schedules and drop spec.schedule`));
  } else if (typeof spec.schedule === 'string') {
    violations.push(...scheduleProblems(spec.schedule, 'spec.schedule'));
    // On v4 the schema, which has no such field, reports it.
    if (!removedInV4(context)) {
      violations.push(warning('spec.schedule', 'argo/deprecated-field', 'spec.schedule is deprecated since Argo Workflows v3.6 and removed in v4',
        `use spec.schedules: ["${spec.schedule}"]`));
    }
  } else if (!Array.isArray(spec.schedules) || spec.schedules.length === 0) {
    violations.push(error('spec.schedules', 'argo/cron-schedule', 'a CronWorkflow needs at least one schedule',
      'add spec.schedules, e.g. ["0 2 * * *"] for 02:00 every day'));
  }
  if (Array.isArray(spec.schedules)) {
    spec.schedules.forEach((s, i) => {
      if (typeof s === 'string') violations.push(...scheduleProblems(s, `spec.schedules[${i}]`));
    });
  }
  if (typeof spec.timezone === 'string' && spec.timezone !== '' && !isTimeZone(spec.timezone)) {
    violations.push(error('spec.timezone', 'argo/cron-timezone', `timezone "${spec.timezone}" is not an IANA time zone name`,
      'use a name like "Europe/Berlin", "America/New_York" or "UTC"'));
  }
  if (typeof spec.startingDeadlineSeconds === 'number' && spec.startingDeadlineSeconds < 0) {
    violations.push(error('spec.startingDeadlineSeconds', 'argo/cron-starting-deadline', `startingDeadlineSeconds is ${spec.startingDeadlineSeconds}; it may not be negative`,
      'set 0 or more seconds, or drop it'));
  }
  return violations;
};

/**
 * Who reads a schedule with robfig/cron's `ParseStandard`, as messages name it and rules file it. Argo takes a
 * `CRON_TZ=` or `TZ=` prefix; Kubernetes refuses one in a CronJob's schedule ("cannot use TZ or CRON_TZ in
 * schedule, use timeZone field instead").
 */
export interface ScheduleReader {
  readonly name: string;
  readonly scheduleRule: string;
  readonly zoneRule: string;
  /** the field a zone belongs in, when a prefix in the schedule is refused */
  readonly zoneField?: string;
}

/** Argo Workflows' reading, which Argo CD's sync windows share. */
export const ARGO_SCHEDULE: ScheduleReader = { name: 'Argo', scheduleRule: 'argo/cron-schedule', zoneRule: 'argo/cron-timezone' };

/**
 * Why a schedule is invalid, as violations (none when valid). Verdicts are cached: trees repeat their schedules.
 *
 * @param reader who reads it @default Argo
 */
export function scheduleProblems(schedule: string, path: string, reader: ScheduleReader = ARGO_SCHEDULE): Violation[] {
  const key = `${reader.name}\u0000${schedule}`;
  let found = verdicts.get(key);
  if (!found) {
    found = problemsOf(schedule, reader);
    if (verdicts.size >= VERDICT_CACHE_SIZE) verdicts.clear();
    verdicts.set(key, found);
  }
  return found.map((v) => ({ ...v, path }));
}

const VERDICT_CACHE_SIZE = 10_000;
const verdicts = new Map<string, Violation[]>();

function problemsOf(schedule: string, reader: ScheduleReader): Violation[] {
  const path = '';
  const rule = reader.scheduleRule;
  // As robfig/cron's Parse: a zone prefix only at the very start, the rest trimmed after it; a descriptor taken
  // whole (`@daily ` and `@every  1h` are refused); five fields split at any whitespace.
  let expression = schedule;
  if (reader.zoneField !== undefined && schedule.includes('TZ')) {
    return [error(path, reader.zoneRule, `schedule "${schedule}" carries a time zone, which ${reader.name} refuses ("cannot use TZ or CRON_TZ in schedule")`,
      `drop the prefix and set ${reader.zoneField}`)];
  }
  // robfig/cron lets a schedule carry its own zone: `CRON_TZ=Asia/Tokyo 0 9 * * *`.
  const zone = /^(?:CRON_TZ|TZ)=(\S+)\s+(.*)$/.exec(expression);
  if (zone) {
    if (!isTimeZone(zone[1])) {
      return [error(path, reader.zoneRule, `schedule "${schedule}" names time zone "${zone[1]}", which is not an IANA name`,
        'use a name like "Europe/Berlin" or drop the prefix and set spec.timezone')];
    }
    expression = zone[2].trim();
  }
  if (expression.startsWith('@')) {
    if (DESCRIPTORS.has(expression)) return [];
    if (expression.startsWith('@every ') && isGoDuration(expression.slice('@every '.length))) return [];
    return [error(path, rule, `schedule "${schedule}" is not a valid cron descriptor`,
      `use one of ${[...DESCRIPTORS].join(', ')} or "@every <duration>" (e.g. "@every 1h30m")`)];
  }
  const fields = expression.split(/\s+/).filter((f) => f !== '');
  if (fields.length !== 5) {
    return [error(path, rule, `schedule "${schedule}" has ${fields.length} fields; ${reader.name} takes 5 (minute hour day-of-month month day-of-week)`,
      'write it as five fields, e.g. "0 2 * * *" for 02:00 every day')];
  }
  const problem = cronFieldsProblem(fields);
  if (problem === undefined) return [];
  // Jenkins' and Quartz's extensions (H, L, W, #), which robfig/cron reads as bad numbers, are named as such.
  const extension = fields.flatMap((f) => f.split(/[,/-]/)).find((atom) => /^(H|L|W|LW|\d+[LW]|[^#]*#[^#]*)$/i.test(atom));
  return [error(path, rule, extension !== undefined
    ? `schedule "${schedule}" uses "${extension}", which ${reader.name}'s cron parser does not take`
    : `schedule "${schedule}" is not a valid cron expression: ${problem}`, CRON_FIX)];
}

/** What a schedule may hold, as robfig/cron reads it. */
const CRON_FIX = 'use numbers, ranges (1-5), lists (1,3), steps (*/15) and month or weekday names (JAN, MON) only; weekdays are 0-6';

/**
 * Names of Go's zone database (tzdata, which the API server and Argo's controller embed) that ICU, and so the
 * runtime, does not know at all: `Factory`, the zone of a machine not yet set up.
 */
const GO_ONLY_ZONES = ['Factory'];

const knownZones = new Set<string>([...(typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : []), ...GO_ONLY_ZONES]);

/** The runtime's zone names by their lowercase spelling: Go's `time.LoadLocation` reads names in their own case only. */
const zonesByLowercase = new Map([...knownZones].map((zone) => [zone.toLowerCase(), zone]));

/** True for IANA zone names, including aliases (`UTC`, `Etc/UTC`, `US/Pacific`) the runtime knows, spelt in their own case. */
export function isTimeZone(name: string): boolean {
  if (knownZones.has(name)) return true;
  // `europe/berlin`: the runtime takes any case, Go's zone database (a file per name) does not.
  if (zonesByLowercase.has(name.toLowerCase()) || /(^|\/)[a-z]/.test(name)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    // Intl also accepts offsets like "+01:00", which Go's time.LoadLocation rejects.
    return /^[A-Za-z]/.test(name);
  } catch {
    return false;
  }
}
