/**
 * The time formats govaluate tries on every quoted string of an expression (`tryParseTime`): a string that parses
 * as one of them is a time, compared as Unix seconds, not as text. Layouts use Go's reference-time notation.
 *
 * @see https://pkg.go.dev/time#pkg-constants
 */
const LAYOUTS = [
  'Mon Jan _2 15:04:05 2006', // ANSIC
  'Mon Jan _2 15:04:05 MST 2006', // UnixDate
  'Mon Jan 02 15:04:05 -0700 2006', // RubyDate
  '3:04PM', // Kitchen
  '2006-01-02T15:04:05Z07:00', // RFC3339
  '2006-01-02T15:04:05.999999999Z07:00', // RFC3339Nano
  '2006-01-02',
  '2006-01-02 15:04',
  '2006-01-02 15:04:05',
  '2006-01-02 15:04:05-07:00',
  '2006-01-02T15Z0700',
  '2006-01-02T15:04Z0700',
  '2006-01-02T15:04:05Z0700',
  '2006-01-02T15:04:05.999999999Z0700',
];

/** Layout elements, longest first so `2006` wins over `2`, `-07:00` over `-0700`. */
const ELEMENTS = ['Z07:00', '-07:00', 'Z0700', '-0700', '.999999999', '2006', 'Mon', 'Jan', 'MST', '_2', '01', '02', '15', '04', '05', 'PM', '3'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/**
 * Unix seconds of a string in one of govaluate's time formats, or undefined. Times without a zone are read in the
 * controller's local zone, taken to be UTC (the controller's image default).
 */
export function parseGovaluateTime(text: string): number | undefined {
  for (const layout of LAYOUTS) {
    const seconds = parseLayout(text, layout);
    if (seconds !== undefined) return seconds;
  }
  return undefined;
}

interface Fields {
  year: number; month: number; day: number; hour: number; minute: number; second: number; offset: number; pm?: boolean;
}

function parseLayout(text: string, layout: string): number | undefined {
  const f: Fields = { year: 0, month: 1, day: 1, hour: 0, minute: 0, second: 0, offset: 0 };
  let hour12 = false;
  let rest = text;
  let i = 0;
  while (i < layout.length) {
    const element = ELEMENTS.find((e) => layout.startsWith(e, i));
    if (!element) {
      if (rest[0] !== layout[i]) return undefined;
      rest = rest.slice(1);
      i++;
      continue;
    }
    i += element.length;
    const read = readElement(element, rest, f);
    if (read === undefined) return undefined;
    if (element === '3') hour12 = true;
    rest = rest.slice(read);
    // Go accepts a fractional second right after the seconds even when the layout has none.
    if (element === '05' && !layout.startsWith('.999', i)) rest = rest.replace(/^[.,]\d+/, '');
  }
  if (rest !== '') return undefined;
  if (hour12) {
    if (f.hour < 1 || f.hour > 12) return undefined;
    if (f.pm === true && f.hour < 12) f.hour += 12;
    if (f.pm === false && f.hour === 12) f.hour = 0;
  }
  if (f.month < 1 || f.month > 12 || f.day < 1 || f.day > daysIn(f.year, f.month) || f.hour > 23 || f.minute > 59 || f.second > 59) return undefined;
  return daysFromCivil(f.year, f.month, f.day) * 86400 + f.hour * 3600 + f.minute * 60 + f.second - f.offset;
}

/** Reads one element at the start of `text` into `f`; returns how many characters it took, or undefined. */
function readElement(element: string, text: string, f: Fields): number | undefined {
  const digits = (min: number, max: number) => {
    const m = new RegExp(`^\\d{${min},${max}}`).exec(text);
    return m ? m[0] : undefined;
  };
  const number = (min: number, max: number, set: (n: number) => void) => {
    const d = digits(min, max);
    if (d === undefined) return undefined;
    set(Number(d));
    return d.length;
  };
  switch (element) {
    case '2006': return number(4, 4, (n) => { f.year = n; });
    case '01': return number(2, 2, (n) => { f.month = n; });
    case '02': return number(2, 2, (n) => { f.day = n; });
    case '_2': {
      if (!text.startsWith(' ')) return number(1, 2, (d) => { f.day = d; });
      const m = /^ (\d{1,2})/.exec(text);
      if (!m) return undefined;
      f.day = Number(m[1]);
      return m[0].length;
    }
    case '15': return number(1, 2, (n) => { f.hour = n; });
    case '3': return number(1, 2, (n) => { f.hour = n; });
    case '04': return number(2, 2, (n) => { f.minute = n; });
    case '05': return number(2, 2, (n) => { f.second = n; });
    case '.999999999': {
      const m = /^[.,]\d+/.exec(text);
      return m ? m[0].length : 0;
    }
    case 'PM':
      if (text.startsWith('PM') || text.startsWith('AM')) {
        f.pm = text.startsWith('PM');
        return 2;
      }
      return undefined;
    case 'Jan': {
      const month = MONTHS.findIndex((m) => text.startsWith(m));
      if (month < 0) return undefined;
      f.month = month + 1;
      return 3;
    }
    case 'Mon': return DAYS.some((d) => text.startsWith(d)) ? 3 : undefined;
    case 'MST': {
      const m = /^[A-Z]{3,5}|^UTC|^GMT/.exec(text);
      return m ? m[0].length : undefined;
    }
    default: return readZone(element, text, f);
  }
}

/** `Z07:00`, `Z0700` (both also take `Z`), `-07:00`, `-0700`. */
function readZone(element: string, text: string, f: Fields): number | undefined {
  if (element.startsWith('Z') && text.startsWith('Z')) return 1;
  const m = (element.includes(':') ? /^([+-])(\d{2}):(\d{2})/ : /^([+-])(\d{2})(\d{2})/).exec(text);
  if (!m) return undefined;
  f.offset = (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 3600 + Number(m[3]) * 60);
  return m[0].length;
}

function daysIn(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Days since 1970-01-01 of a proleptic Gregorian date, for any year (Kitchen times are in year 0). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}
