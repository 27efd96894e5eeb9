import type { Memoize as IMemoize } from '../../imports/argo-workflows';
import type { PodGC as IPodGC } from '../../imports/argo-workflows';
import type { RetryStrategy as IRetryStrategy } from '../../imports/argo-workflows';
import type { TTLStrategy as ITTLStrategy } from '../../imports/argo-workflows';
import { Duration } from 'cdk8s';
import { formatGoDuration } from '../argo-spec/duration';
import type { Retry } from '../dsl/retry';
import type { CronOptions } from '../dsl/schedule';
import type { Memoize } from '../dsl/template';
import type { ITemplateRenderer } from '../dsl/template-renderer';
import type { Value } from '../dsl/value';
import { PodGc, PodGcStrategy, Ttl } from '../dsl/workflow-options';

/** A Go-duration string field (`timeout`, `backoff.duration`, ...): a Duration in Go's spelling, or a value. */
export function goDuration(r: ITemplateRenderer, d: Duration | Value): string {
  return d instanceof Duration ? formatGoDuration(d) : r.value(d);
}

/** An integer-or-string seconds field (`activeDeadlineSeconds`): a Duration in seconds, or a value. */
export function seconds(r: ITemplateRenderer, d: Duration | Value): number | string {
  return d instanceof Duration ? d.toSeconds() : typeof d === 'number' ? d : r.value(d);
}

/** An integer-or-string field: numbers as they are, anything else rendered. */
export function intOrString(r: ITemplateRenderer, v: number | Value): number | string {
  return typeof v === 'number' ? v : r.value(v);
}

/** Argo's `retryStrategy`: only the fields given. */
export function renderRetry(r: ITemplateRenderer, retry: Retry): IRetryStrategy {
  const b = retry.backoff;
  return {
    ...(retry.limit !== undefined && { limit: intOrString(r, retry.limit) }),
    ...(retry.policy && { retryPolicy: retry.policy }),
    ...(b && {
      backoff: {
        duration: goDuration(r, b.duration),
        ...(b.factor !== undefined && { factor: intOrString(r, b.factor) }),
        ...(b.maxDuration !== undefined && { maxDuration: goDuration(r, b.maxDuration) }),
      },
    }),
    ...(retry.expression !== undefined && { expression: retry.expression }),
    ...(retry.nodeAntiAffinity && { affinity: { nodeAntiAffinity: {} } }),
  } as IRetryStrategy;
}

/** Argo's `memoize`. */
export function renderMemoize(r: ITemplateRenderer, m: Memoize): IMemoize {
  return {
    key: r.value(m.key),
    ...(m.maxAge !== undefined && { maxAge: goDuration(r, m.maxAge) }),
    cache: { configMap: { name: m.configMap.name, ...(m.configMap.key !== undefined && { key: m.configMap.key }) } },
  } as IMemoize;
}

/** Argo's `podGC`, from a strategy alone or the full settings. */
export function renderPodGc(podGc: PodGcStrategy | PodGc): IPodGC {
  if (typeof podGc === 'string') return { strategy: podGc };
  return {
    ...(podGc.strategy && { strategy: podGc.strategy }),
    ...(podGc.labelSelector && { labelSelector: podGc.labelSelector }),
    ...(podGc.deleteDelay && { deleteDelayDuration: formatGoDuration(podGc.deleteDelay) }),
  } as IPodGC;
}

/** Argo's `ttlStrategy`. */
export function renderTtl(ttl: Ttl): ITTLStrategy {
  return {
    ...(ttl.afterCompletion && { secondsAfterCompletion: ttl.afterCompletion.toSeconds() }),
    ...(ttl.afterSuccess && { secondsAfterSuccess: ttl.afterSuccess.toSeconds() }),
    ...(ttl.afterFailure && { secondsAfterFailure: ttl.afterFailure.toSeconds() }),
  };
}

/** The cron fields of a CronWorkflow's spec, only those given. */
export function renderCron(c: CronOptions): Record<string, unknown> {
  return {
    schedules: [...c.schedules],
    ...(c.timezone !== undefined && { timezone: c.timezone }),
    ...(c.concurrencyPolicy !== undefined && { concurrencyPolicy: c.concurrencyPolicy }),
    ...(c.startingDeadline && { startingDeadlineSeconds: c.startingDeadline.toSeconds() }),
    ...(c.suspend !== undefined && { suspend: c.suspend }),
    ...(c.successfulJobsHistoryLimit !== undefined && { successfulJobsHistoryLimit: c.successfulJobsHistoryLimit }),
    ...(c.failedJobsHistoryLimit !== undefined && { failedJobsHistoryLimit: c.failedJobsHistoryLimit }),
    ...(c.when !== undefined && { when: c.when }),
    ...(c.stopExpression !== undefined && { stopStrategy: { expression: c.stopExpression } }),
  };
}
