/**
 * How Go prints values, where Argo's output depends on it: `fmt`'s `%v` of a float64 (govaluate's string
 * concatenation), and `encoding/json` (`{{workflow.parameters}}`, `{{item}}` of a map or list).
 */

/**
 * A float64 as `fmt.Sprintf("%v", v)` prints it: the shortest digits that round-trip, in `%e` form when the
 * exponent is below -4 or at least 6 (`1e+06`, `123456`, `1.5e-05`), as strconv's `'g', -1` does.
 *
 * @see https://pkg.go.dev/strconv#FormatFloat
 */
export function goFloat(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '+Inf' : '-Inf';
  if (v === 0) return Object.is(v, -0) ? '-0' : '0';
  const [mantissa, exponent] = v.toExponential().split('e');
  const exp = Number(exponent);
  if (exp >= -4 && exp < 6) return String(v);
  return `${mantissa}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
}

/**
 * A JSON value as Go's `json.Marshal` writes it: compact, map keys sorted, and `<`, `>`, `&`, U+2028, U+2029
 * escaped as `\u003c`-style sequences.
 */
export function goJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return goJsonString(value);
  if (typeof value === 'number' || typeof value === 'boolean') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(goJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${goJsonString(k)}:${goJson(v)}`).join(',')}}`;
}

/** A string as `json.Marshal` writes it, HTML-safe. */
export function goJsonString(value: string): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Undoes the HTML-safe escapes, as Argo's `jsonutil.Fix` does before showing a JSON value as text. */
export function unescapeHtml(text: string): string {
  return text.replace(/\\u003c/g, '<').replace(/\\u003e/g, '>').replace(/\\u0026/g, '&');
}
