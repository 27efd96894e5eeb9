import { backoffDelay, resolveRetryOptions, retry, RetriesExhaustedError } from '../../lib/publish/retry';

class Conflict extends Error {}

describe('backoffDelay', () => {
  test.each([
    [0, 0, 50],
    [0, 0.999, 100],
    [1, 0, 100],
    [3, 0.5, 600],
    [10, 0, 500], // capped at maxDelayMs, then jittered down to half at most
    [10, 1, 1000],
  ])('retry %i with random %d waits %i ms', (n, random, expected) => {
    const options = resolveRetryOptions({ baseDelayMs: 100, maxDelayMs: 1000, random: () => random });
    expect(backoffDelay(n, options)).toBe(expected);
  });

  test('defaults: 5 retries from 500 ms', () => {
    expect(resolveRetryOptions()).toMatchObject({ maxRetries: 5, baseDelayMs: 500, maxDelayMs: 10_000 });
  });
});

describe('retry', () => {
  const fast = resolveRetryOptions({ maxRetries: 3, baseDelayMs: 1, maxDelayMs: 2 });

  test('retries retryable errors until an attempt succeeds', async () => {
    const seen: number[] = [];
    const result = await retry(
      async (n) => {
        seen.push(n);
        if (n < 3) throw new Conflict('moved');
        return 'ok';
      },
      (e) => e instanceof Conflict,
      fast,
    );
    expect(result).toBe('ok');
    expect(seen).toEqual([1, 2, 3]);
  });

  test('rethrows other errors at once', async () => {
    let calls = 0;
    const failing = retry(async () => { calls++; throw new Error('boom'); }, (e) => e instanceof Conflict, fast);
    await expect(failing).rejects.toThrow('boom');
    expect(calls).toBe(1);
  });

  test('gives up after maxRetries retries with the last error', async () => {
    const retries: number[] = [];
    const failing = retry(
      async (n) => { throw new Conflict(`moved ${n}`); },
      (e) => e instanceof Conflict,
      fast,
      (_err, next) => retries.push(next),
    );
    await expect(failing).rejects.toThrow(RetriesExhaustedError);
    await expect(failing).rejects.toMatchObject({ attempts: 4, message: 'gave up after 4 attempts: moved 4' });
    expect(retries).toEqual([2, 3, 4]);
  });
});
