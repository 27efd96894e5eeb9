import { Duration } from 'cdk8s';
import { BOOLEAN, enumOf, OptionalGuard, required, shape, STRING } from '../guards';
import { DURATION_OR_VALUE, Value, VALUE } from './value';

/**
 * Which failures a step retries.
 * @see https://argo-workflows.readthedocs.io/en/latest/retries/
 */
export enum RetryPolicy {
  /** Retry failed and errored steps. */
  ALWAYS = 'Always',
  /** Retry steps whose container failed. */
  ON_FAILURE = 'OnFailure',
  /** Retry steps that errored (e.g. pod deleted, infrastructure). */
  ON_ERROR = 'OnError',
  /** Retry errors and failures Argo classifies as transient. */
  ON_TRANSIENT_ERROR = 'OnTransientError',
}

/** Exponential backoff between retries (Argo `retryStrategy.backoff`). */
export interface Backoff {
  /** Wait before the first retry. */
  readonly duration: Duration | Value;
  /** Multiplier applied to the wait after each retry. @default - Argo's default (no growth) */
  readonly factor?: number | Value;
  /** Give up retrying after this long in total. @default - no cap */
  readonly maxDuration?: Duration | Value;
}

/**
 * How a step or template retries (KFP `set_retry`, Argo `retryStrategy`). Unset fields keep Argo's defaults and are
 * not written.
 * @see https://argo-workflows.readthedocs.io/en/latest/fields/#retrystrategy
 */
export interface Retry {
  /** Retries after the first attempt. @default - unlimited */
  readonly limit?: number | Value;
  /** Which failures are retried. @default - Argo's default, RetryPolicy.ON_FAILURE */
  readonly policy?: RetryPolicy;
  /** Wait between attempts. @default - retry immediately */
  readonly backoff?: Backoff;
  /** Retry only while this expr-lang expression holds (`lastRetry.exitCode`, `lastRetry.status`, ...). @default - always */
  readonly expression?: string;
  /** Retry on a node other than the failed attempt's (`affinity.nodeAntiAffinity`). @default false */
  readonly nodeAntiAffinity?: boolean;
}

/** Guards a {@link Retry}. */
export const RETRY: OptionalGuard = shape<Retry>('Retry', {
  limit: VALUE,
  policy: enumOf(RetryPolicy, 'RetryPolicy'),
  backoff: shape<Backoff>('Backoff', { duration: required(DURATION_OR_VALUE), factor: VALUE, maxDuration: DURATION_OR_VALUE }),
  expression: STRING,
  nodeAntiAffinity: BOOLEAN,
});
