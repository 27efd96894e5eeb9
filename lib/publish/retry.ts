import { setTimeout } from 'timers/promises';

/** How often and how patiently to retry an operation that lost a race. */
export interface RetryOptions {
  /** Retries after the first attempt; 0 tries once. @default 5 */
  readonly maxRetries?: number;
  /** Delay before the first retry; each further retry doubles it. @default 500 */
  readonly baseDelayMs?: number;
  /** Upper bound of one delay. @default 10000 */
  readonly maxDelayMs?: number;
  /** Source of jitter in [0, 1). @default Math.random */
  readonly random?: () => number;
  /** Aborting it ends a wait between attempts at once (with an `AbortError`). @default - never aborted */
  readonly signal?: AbortSignal;
}

/** Retry options with every default filled in (`signal` stays optional). */
export type ResolvedRetryOptions = Required<Omit<RetryOptions, 'signal'>> & Pick<RetryOptions, 'signal'>;

/** Fills in the defaults of {@link RetryOptions}. */
export function resolveRetryOptions(options: RetryOptions = {}): ResolvedRetryOptions {
  return {
    maxRetries: options.maxRetries ?? 5,
    baseDelayMs: options.baseDelayMs ?? 500,
    maxDelayMs: options.maxDelayMs ?? 10_000,
    random: options.random ?? Math.random,
    signal: options.signal,
  };
}

/**
 * Delay before retry number `retry` (0 for the first retry): exponential backoff with "equal jitter", i.e. a
 * random value between half and all of `min(maxDelayMs, baseDelayMs * 2^retry)`. The jitter keeps two CI jobs
 * that collided once from colliding again in lockstep.
 */
export function backoffDelay(retry: number, options: ResolvedRetryOptions): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** retry);
  return Math.round(ceiling / 2 + options.random() * (ceiling / 2));
}

/** Thrown by {@link retry} when every attempt failed with a retryable error; `lastError` is the final one. */
export class RetriesExhaustedError extends Error {
  constructor(public readonly attempts: number, public readonly lastError: Error) {
    super(`gave up after ${attempts} attempt${attempts === 1 ? '' : 's'}: ${lastError.message}`);
    this.name = 'RetriesExhaustedError';
  }
}

/**
 * Runs `attempt(1)`, `attempt(2)`, ... until one resolves, waiting {@link backoffDelay} between attempts.
 * An error for which `isRetryable` is false is rethrown at once; after `maxRetries` retries the last retryable
 * error is wrapped in {@link RetriesExhaustedError}. `onRetry` hears about each retry before its delay.
 */
export async function retry<T>(
  attempt: (n: number) => Promise<T>,
  isRetryable: (err: unknown) => boolean,
  options: ResolvedRetryOptions,
  onRetry?: (err: Error, nextAttempt: number, delayMs: number) => void,
): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt(n);
    } catch (err) {
      if (!isRetryable(err)) throw err;
      if (n > options.maxRetries) throw new RetriesExhaustedError(n, err as Error);
      const delay = backoffDelay(n - 1, options);
      onRetry?.(err as Error, n + 1, delay);
      await setTimeout(delay, undefined, { signal: options.signal });
    }
  }
}
