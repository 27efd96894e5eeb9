import { Duration } from 'cdk8s';
import { arrayOf, BOOLEAN, DURATION, enumOf, NUMBER, OptionalGuard, required, shape, STRING } from '../guards';

/**
 * What a scheduled run does when the previous one is still running.
 * @see https://argo-workflows.readthedocs.io/en/latest/cron-workflows/
 */
export enum ConcurrencyPolicy {
  ALLOW = 'Allow',
  FORBID = 'Forbid',
  REPLACE = 'Replace',
}

/** A recurring run of the pipeline: a CronWorkflow that references the WorkflowTemplate. */
export interface Schedule {
  /** Cron expressions (five fields), e.g. `['0 3 * * *']`. */
  readonly cron: readonly string[];
  /** IANA time zone the expressions are read in. @default 'UTC' */
  readonly timezone?: string;
  /** What happens when a run is due while the previous still runs. @default ConcurrencyPolicy.FORBID */
  readonly concurrencyPolicy?: ConcurrencyPolicy;
  /** A run that could not start within this long of its time is skipped. @default - no deadline */
  readonly startingDeadline?: Duration;
  /** Create the CronWorkflow suspended. @default false */
  readonly suspend?: boolean;
  /** Successful runs to keep. @default 3 */
  readonly successfulJobsHistoryLimit?: number;
  /** Failed runs to keep. @default 1 */
  readonly failedJobsHistoryLimit?: number;
}

/**
 * The cron part of a pipeline of kind CronWorkflow, as Argo takes it: unset fields keep Argo's defaults and are not
 * written (a {@link Schedule} instead applies kfops' defaults).
 * @see https://argo-workflows.readthedocs.io/en/latest/fields/#cronworkflowspec
 */
export interface CronOptions {
  /** Cron expressions (five fields). */
  readonly schedules: readonly string[];
  /** IANA time zone the expressions are read in. @default - the controller's time zone */
  readonly timezone?: string;
  /** What happens when a run is due while the previous still runs. @default - Argo's default (Allow) */
  readonly concurrencyPolicy?: ConcurrencyPolicy;
  /** A run that could not start within this long of its time is skipped. @default - no deadline */
  readonly startingDeadline?: Duration;
  /** Suspended: no runs are created. @default false */
  readonly suspend?: boolean;
  /** Successful runs to keep. @default - Argo's default (3) */
  readonly successfulJobsHistoryLimit?: number;
  /** Failed runs to keep. @default - Argo's default (1) */
  readonly failedJobsHistoryLimit?: number;
  /** Create a run only when this expr-lang expression holds (e.g. on `cronworkflow.lastScheduledTime`). @default - always */
  readonly when?: string;
  /** Stop scheduling once this expression holds (`stopStrategy.expression`). @default - never */
  readonly stopExpression?: string;
}

/** The CronWorkflow fields of a kfops {@link Schedule}, with kfops' defaults applied. */
export function scheduleCron(schedule: Schedule): CronOptions {
  return {
    schedules: [...schedule.cron],
    timezone: schedule.timezone ?? 'UTC',
    concurrencyPolicy: schedule.concurrencyPolicy ?? ConcurrencyPolicy.FORBID,
    startingDeadline: schedule.startingDeadline,
    ...(schedule.suspend && { suspend: true }),
    successfulJobsHistoryLimit: schedule.successfulJobsHistoryLimit ?? 3,
    failedJobsHistoryLimit: schedule.failedJobsHistoryLimit ?? 1,
  };
}

const CONCURRENCY_POLICY = enumOf(ConcurrencyPolicy, 'ConcurrencyPolicy');
const CRON_EXPRESSIONS = arrayOf(STRING, "an array of cron expressions (e.g. ['0 3 * * *'])");

/** Guards a {@link Schedule}. */
export const SCHEDULE: OptionalGuard = shape<Schedule>('Schedule', {
  cron: required(CRON_EXPRESSIONS), timezone: STRING, concurrencyPolicy: CONCURRENCY_POLICY, startingDeadline: DURATION, suspend: BOOLEAN,
  successfulJobsHistoryLimit: NUMBER, failedJobsHistoryLimit: NUMBER,
});

/** Guards {@link CronOptions}. */
export const CRON_OPTIONS: OptionalGuard = shape<CronOptions>('CronOptions', {
  schedules: required(CRON_EXPRESSIONS), timezone: STRING, concurrencyPolicy: CONCURRENCY_POLICY, startingDeadline: DURATION, suspend: BOOLEAN,
  successfulJobsHistoryLimit: NUMBER, failedJobsHistoryLimit: NUMBER, when: STRING, stopExpression: STRING,
});
