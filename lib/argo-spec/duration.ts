import { Duration } from 'cdk8s';

/**
 * Durations as Argo's string fields take them (`timeout`, `retryStrategy.backoff.duration`, `suspend.duration`,
 * `memoize.maxAge`, `podGC.deleteDelayDuration`): Go's `time.ParseDuration` syntax, or a bare number of seconds.
 * @see https://pkg.go.dev/time#ParseDuration
 */

const UNITS: ReadonlyArray<readonly [string, number]> = [['h', 3_600_000], ['m', 60_000], ['s', 1000], ['ms', 1]];

/** A duration in Go's spelling, largest units first without zero parts: `1h30m`, `45s`, `250ms`, `0s`. */
export function formatGoDuration(duration: Duration): string {
  let ms = duration.toMilliseconds();
  if (ms === 0) return '0s';
  let text = '';
  for (const [unit, size] of UNITS) {
    const amount = Math.floor(ms / size);
    if (amount > 0) {
      text += `${amount}${unit}`;
      ms -= amount * size;
    }
  }
  return text;
}

/** Parses a Go duration (`1h30m`, `90s`, `1.5h`) or a bare number of seconds; undefined when it is neither. */
export function parseGoDuration(text: string): Duration | undefined {
  const trimmed = text.trim();
  if (/^\d+$/.test(trimmed)) return Duration.seconds(Number(trimmed));
  if (!/^(\d+(\.\d+)?(h|m|s|ms))+$/.test(trimmed)) return undefined;
  let ms = 0;
  for (const m of trimmed.matchAll(/(\d+(?:\.\d+)?)(ms|h|m|s)/g)) {
    ms += Number(m[1]) * (UNITS.find(([u]) => u === m[2])?.[1] ?? 0);
  }
  return Number.isInteger(ms) ? Duration.millis(ms) : undefined;
}
