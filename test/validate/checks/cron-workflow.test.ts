import { checkCronWorkflow } from '../../../lib/validate/checks';
import { isTimeZone } from '../../../lib/validate/checks/argo/cron-schedule';
import { container, rules, runCheck } from '../builders';

const cron = (spec: Record<string, unknown>) => ({
  apiVersion: 'argoproj.io/v1alpha1', kind: 'CronWorkflow', metadata: { name: 'nightly' },
  spec: { workflowSpec: { entrypoint: 'main', templates: [container('main')] }, ...spec },
});

describe('checkCronWorkflow', () => {
  test.each<[string, Record<string, unknown>, string[]]>([
    ['five fields', { schedules: ['0 2 * * *'] }, []],
    ['names and steps', { schedules: ['*/15 9-17 * JAN-JUN MON-FRI'] }, []],
    ['descriptor', { schedules: ['@daily'] }, []],
    ['@every with a Go duration', { schedules: ['@every 1h30m'] }, []],
    ['CRON_TZ prefix', { schedules: ['CRON_TZ=Asia/Tokyo 0 9 * * *'] }, []],
    ['several schedules', { schedules: ['0 1 * * *', '30 13 * * 1'] }, []],
    ['valid timezone', { schedules: ['0 2 * * *'], timezone: 'America/Los_Angeles' }, []],
    ['UTC', { schedules: ['0 2 * * *'], timezone: 'UTC' }, []],
    ['out-of-range minute', { schedules: ['61 * * * *'] }, ['error:argo/cron-schedule']],
    ['six fields (seconds are not Argo)', { schedules: ['0 0 2 * * *'] }, ['error:argo/cron-schedule']],
    ['four fields', { schedules: ['0 2 * *'] }, ['error:argo/cron-schedule']],
    ['Jenkins hash', { schedules: ['H 0 * * *'] }, ['error:argo/cron-schedule']],
    ['Quartz last day', { schedules: ['0 0 L * *'] }, ['error:argo/cron-schedule']],
    ['Quartz nth weekday', { schedules: ['0 0 * * 1#2'] }, ['error:argo/cron-schedule']],
    ['unknown descriptor', { schedules: ['@fortnightly'] }, ['error:argo/cron-schedule']],
    ['bad @every', { schedules: ['@every soon'] }, ['error:argo/cron-schedule']],
    ['one bad schedule of several', { schedules: ['0 1 * * *', 'bad'] }, ['error:argo/cron-schedule']],
    ['unknown timezone', { schedules: ['0 2 * * *'], timezone: 'Mars/Olympus' }, ['error:argo/cron-timezone']],
    ['offset is not an IANA name', { schedules: ['0 2 * * *'], timezone: '+01:00' }, ['error:argo/cron-timezone']],
    ['bad CRON_TZ', { schedules: ['CRON_TZ=Nowhere/City 0 9 * * *'] }, ['error:argo/cron-timezone']],
    // validate.go CronWorkflow: concurrencyPolicy, startingDeadlineSeconds, and (v3.x) schedule with schedules
    ['known concurrencyPolicy', { schedules: ['0 2 * * *'], concurrencyPolicy: 'Forbid' }, []],
    ['startingDeadlineSeconds of 0', { schedules: ['0 2 * * *'], startingDeadlineSeconds: 0 }, []],
    ['negative startingDeadlineSeconds', { schedules: ['0 2 * * *'], startingDeadlineSeconds: -5 }, ['error:argo/cron-starting-deadline']],
    ['schedule and schedules both', { schedule: '0 1 * * *', schedules: ['0 2 * * *'] }, ['error:argo/cron-schedule']],
  ])('%s', (_, spec, expected) => {
    expect(rules(runCheck(checkCronWorkflow, cron(spec)))).toEqual(expected);
  });

  test('the singular schedule (deprecated in Argo v3.6) is checked and warned about; no schedule at all is an error', () => {
    expect(runCheck(checkCronWorkflow, cron({ schedule: '0 2 * * *' }))).toEqual([expect.objectContaining({
      path: 'spec.schedule', rule: 'argo/deprecated-field', severity: 'warning', fix: 'use spec.schedules: ["0 2 * * *"]',
    })]);
    expect(rules(runCheck(checkCronWorkflow, cron({ schedule: '0 2 * *' })))).toEqual(['error:argo/cron-schedule', 'warning:argo/deprecated-field']);
    expect(rules(runCheck(checkCronWorkflow, cron({})))).toEqual(['error:argo/cron-schedule']);
  });

  test('the message quotes the schedule and the path points at it', () => {
    expect(runCheck(checkCronWorkflow, cron({ schedules: ['0 1 * * *', '0 25 * * *'] }))[0]).toMatchObject({
      path: 'spec.schedules[1]', message: expect.stringContaining('schedule "0 25 * * *" is not a valid cron expression'),
    });
  });

  // robfig/cron v3 parser.go (getRange, parseIntOrName, mustParseInt), which Argo's validate.CronWorkflow runs.
  test.each<[string, string, string | undefined]>([
    ['lowercase names', '0 0 * jan-mar sun', undefined],
    ['N/step runs to the maximum', '5/15 * * * *', undefined],
    ['? in any field', '? * * * ?', undefined],
    ['empty list items are skipped', '1,,2 * * * *', undefined],
    ['a star ignores what follows its hyphen', '*-5 * * * *', undefined],
    ['a star ignores even an extension after its hyphen', '0 0 *-L ?-W *', undefined],
    ['a signed number', '+5 * * * *', undefined],
    ['leading zeros', '05 09 * * *', undefined],
    ['weekday 7 (Sunday elsewhere) is out of range', '0 0 * * 7', 'day of week field: end of range (7) above maximum (6): 7'],
    ['a weekday name in the month field', '0 0 * MON *', 'month field: failed to parse int from MON'],
    ['day of month 0', '0 0 0 * *', 'day of month field: beginning of range (0) below minimum (1): 0'],
    ['a reversed range', '0 10-5 * * *', 'hour field: beginning of range (10) beyond end of range (5): 10-5'],
    ['a zero step', '*/0 * * * *', 'minute field: step of range should be a positive number: */0'],
    ['too many hyphens', '1-2-3 * * * *', 'minute field: too many hyphens: 1-2-3'],
    ['too many slashes', '1/2/3 * * * *', 'minute field: too many slashes: 1/2/3'],
    ['an empty step', '1/ * * * *', 'minute field: failed to parse int from '],
  ])('robfig/cron getRange: %s', (_, schedule, problem) => {
    const violations = runCheck(checkCronWorkflow, cron({ schedules: [schedule] }));
    if (problem === undefined) expect(violations).toEqual([]);
    else expect(violations).toEqual([expect.objectContaining({ rule: 'argo/cron-schedule', message: `schedule "${schedule}" is not a valid cron expression: ${problem}` })]);
  });

  test.each([['Europe/Berlin', true], ['Etc/UTC', true], ['Europe/Berlín', false], ['', false]])('isTimeZone(%s)', (zone, expected) => {
    expect(isTimeZone(zone)).toBe(expected);
  });

  // time.LoadLocation reads Go's tzdata, which holds Factory; ICU (Intl) has no such zone
  test.each([['Factory', true], ['factory', false]])('isTimeZone(%s): a zone of Go\'s database only, in its own case', (zone, expected) => {
    expect(isTimeZone(zone)).toBe(expected);
  });
});
