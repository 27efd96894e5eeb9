/**
 * The five fields of a standard cron expression, read the way Argo's cron library reads them (robfig/cron v3,
 * `cron.ParseStandard`): each field a comma-separated list of ranges, a range `*`, `?`, `N`, `N-M`, with an
 * optional `/step` (`N/step` runs from N to the field's maximum), numbers or, in the month and weekday fields,
 * three-letter names in any case. Weekdays are 0-6: robfig/cron has no 7 for Sunday, nor the Jenkins and Quartz
 * extensions (`H`, `L`, `W`, `#`).
 *
 * @see https://github.com/robfig/cron/blob/v3.0.1/parser.go (getField, getRange, parseIntOrName, mustParseInt)
 */

interface Bounds {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly names?: ReadonlyMap<string, number>;
}

const MONTH_NAMES = new Map(['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'].map((n, i) => [n, i + 1]));
const WEEKDAY_NAMES = new Map(['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'].map((n, i) => [n, i]));

/** The fields in order, with their ranges (robfig/cron's `minutes`, `hours`, `dom`, `months`, `dow` bounds). */
const FIELDS: readonly Bounds[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: MONTH_NAMES },
  { name: 'day of week', min: 0, max: 6, names: WEEKDAY_NAMES },
];

/** Go's `strconv.Atoi`: an optional sign, then decimal digits. */
const GO_INT = /^[+-]?\d+$/;

/**
 * What is wrong with five cron fields, as robfig/cron words it, or undefined when Argo accepts them.
 *
 * @param fields exactly five fields (the caller has counted them)
 */
export function cronFieldsProblem(fields: readonly string[]): string | undefined {
  for (let i = 0; i < FIELDS.length; i++) {
    // Empty items are skipped (`strings.FieldsFunc`): "1,,2" is 1 and 2.
    for (const range of fields[i].split(',').filter((r) => r !== '')) {
      const problem = rangeProblem(range, FIELDS[i]);
      if (problem) return `${FIELDS[i].name} field: ${problem}`;
    }
  }
  return undefined;
}

function rangeProblem(expr: string, bounds: Bounds): string | undefined {
  const rangeAndStep = expr.split('/');
  const lowAndHigh = rangeAndStep[0].split('-');
  let start: number | string;
  let end: number | string;
  if (lowAndHigh[0] === '*' || lowAndHigh[0] === '?') {
    // robfig/cron reads no further: `*-5` is `*`.
    [start, end] = [bounds.min, bounds.max];
  } else {
    start = intOrName(lowAndHigh[0], bounds);
    if (typeof start === 'string') return start;
    if (lowAndHigh.length > 2) return `too many hyphens: ${expr}`;
    end = lowAndHigh.length === 2 ? intOrName(lowAndHigh[1], bounds) : start;
    if (typeof end === 'string') return end;
  }
  let step = 1;
  if (rangeAndStep.length > 2) return `too many slashes: ${expr}`;
  if (rangeAndStep.length === 2) {
    const parsed = integer(rangeAndStep[1]);
    if (typeof parsed === 'string') return parsed;
    step = parsed;
    if (lowAndHigh.length === 1) end = bounds.max;
  }
  if (start < bounds.min) return `beginning of range (${start}) below minimum (${bounds.min}): ${expr}`;
  if (end > bounds.max) return `end of range (${end}) above maximum (${bounds.max}): ${expr}`;
  if (start > end) return `beginning of range (${start}) beyond end of range (${end}): ${expr}`;
  if (step === 0) return `step of range should be a positive number: ${expr}`;
  return undefined;
}

/** A number or a name of the field; a string is the problem. */
function intOrName(expr: string, bounds: Bounds): number | string {
  return bounds.names?.get(expr.toLowerCase()) ?? integer(expr);
}

/** A non-negative integer (robfig/cron's `mustParseInt`); a string is the problem. */
function integer(expr: string): number | string {
  if (!GO_INT.test(expr)) return `failed to parse int from ${expr}`;
  const n = Number(expr);
  return n < 0 ? `negative number (${n}) not allowed: ${expr}` : n;
}
