import { Duration } from 'cdk8s';
import { formatGoDuration, parseGoDuration } from '../../lib/argo-spec/duration';

describe('Go durations', () => {
  test.each([
    [Duration.seconds(30), '30s'],
    [Duration.seconds(90), '1m30s'],
    [Duration.minutes(10), '10m'],
    [Duration.hours(2), '2h'],
    [Duration.days(1), '24h'],
    [Duration.millis(250), '250ms'],
    [Duration.seconds(0), '0s'],
  ])('%s is written %s', (d, text) => {
    expect(formatGoDuration(d)).toBe(text);
  });

  test.each([
    ['90s', 90_000], ['1h30m', 5_400_000], ['1.5h', 5_400_000], ['20', 20_000], ['250ms', 250],
  ])('%s reads as %i ms', (text, ms) => {
    expect(parseGoDuration(text)?.toMilliseconds()).toBe(ms);
  });

  test.each(['', 'soon', '10 minutes', '{{inputs.parameters.wait}}', '-5s'])('%j is not a duration', (text) => {
    expect(parseGoDuration(text)).toBeUndefined();
  });
});
