import { Duration } from 'cdk8s';

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

/** Exponential backoff between retries. */
export interface Backoff {
  /** Wait before the first retry. */
  readonly duration: Duration;
  /** Multiplier applied to the wait after each retry. @default 2 */
  readonly factor?: number;
  /** Give up retrying after this long in total. @default - no cap */
  readonly maxDuration?: Duration;
}

/** How a step retries (KFP `set_retry`, Argo `retryStrategy`). */
export interface Retry {
  /** Retries after the first attempt. */
  readonly limit: number;
  /** Which failures are retried. @default RetryPolicy.ON_FAILURE */
  readonly policy?: RetryPolicy;
  /** Wait between attempts. @default - retry immediately */
  readonly backoff?: Backoff;
}
