import { FAILSAFE_SCHEMA, Schema, Type } from 'js-yaml';

/**
 * What a plain (unquoted, untagged) scalar means to Kubernetes. kubectl and the API server read YAML with
 * sigs.k8s.io/yaml over go-yaml v2, which resolves scalars the YAML 1.1 way: `yes`/`no`/`on`/`off`/`y`/`n` are
 * booleans, `0x1F`, `017` (octal) and `1_000` integers, `1e3` a float; timestamps stay strings.
 *
 * @see https://github.com/kubernetes-sigs/yaml (goyaml.v2/resolve.go)
 */
export function resolvePlainScalar(source: string): unknown {
  if (source.length === 0) return null;
  const first = source.charCodeAt(0);
  // Asked of every key and value a file holds: most are longer than any special word, and skip the lookup.
  if (source.length <= SPECIAL_LENGTH && SPECIAL.has(source)) return SPECIAL.get(source);
  // go-yaml looks further only at scalars starting with a digit, a sign or a dot.
  if (first === DOT) return GO_DOT_FLOAT.test(source) ? Number(source) : source;
  if (!(first >= ZERO && first <= NINE) && first !== PLUS && first !== MINUS) return source;
  const plain = source.includes('_') ? source.replace(/_/g, '') : source;
  const int = goInteger(plain);
  if (int !== undefined) return int;
  if (GO_FLOAT.test(plain)) {
    const value = Number(plain);
    // go-yaml's ParseFloat fails on overflow, so `1e999` stays a string.
    if (Number.isFinite(value)) return value;
  }
  return source;
}

/** The exact value of an integer literal (`0x1F`, `-017`, `1_000`), or undefined when it is not one. */
export function integerLiteralValue(source: string): bigint | undefined {
  const plain = source.replace(/_/g, '');
  const match = GO_INT.exec(plain);
  if (!match) return undefined;
  const [, sign, hex, octal, binary, legacyOctal, decimal] = match;
  // Over 64 significant digits is beyond 2^64 in any base; BigInt would take quadratic time on a hostile 5 MB number.
  if ((hex ?? octal ?? binary ?? legacyOctal ?? decimal).replace(/^0+/, '').length > 64) return undefined;
  const magnitude = hex !== undefined ? BigInt(`0x${hex}`)
    : octal !== undefined ? BigInt(`0o${octal}`)
      : binary !== undefined ? BigInt(`0b${binary}`)
        : legacyOctal !== undefined ? BigInt(`0o${legacyOctal}`)
          : BigInt(decimal);
  const value = sign === '-' ? -magnitude : magnitude;
  // ParseInt (int64), then ParseUint (uint64, no sign), as go-yaml tries them.
  if (value >= INT64_MIN && value <= INT64_MAX) return value;
  if (sign === '' && value <= UINT64_MAX) return value;
  return undefined;
}

const DOT = 0x2e;
const ZERO = 0x30;
const NINE = 0x39;
const PLUS = 0x2b;
const MINUS = 0x2d;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;
/** Go's ParseInt/ParseUint with base 0: a sign, then `0x`, `0o`, `0b`, a leading `0` (octal), or decimal. */
const GO_INT = /^([-+]?)(?:0[xX]([0-9a-fA-F]+)|0[oO]([0-7]+)|0[bB]([01]+)|0([0-7]+)|(0|[1-9][0-9]*))$/;
const SHORT_DECIMAL = /^[-+]?(?:0|[1-9][0-9]{0,14})$/;
/** go-yaml's yamlStyleFloat. */
const GO_FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;
const GO_DOT_FLOAT = /^\.[0-9]+(?:[eE][-+]?[0-9]+)?$/;

function goInteger(plain: string): number | undefined {
  // Most integers in manifests are short decimals, exact as JavaScript numbers.
  if (SHORT_DECIMAL.test(plain)) return Number(plain) + 0;
  const value = integerLiteralValue(plain);
  return value === undefined ? undefined : Number(value);
}

const SPECIAL = new Map<string, unknown>([
  ...['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON'].map((s) => [s, true] as const),
  ...['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF'].map((s) => [s, false] as const),
  ...['~', 'null', 'Null', 'NULL'].map((s) => [s, null] as const),
  ...['.nan', '.NaN', '.NAN'].map((s) => [s, NaN] as const),
  ...['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF'].map((s) => [s, Infinity] as const),
  ...['-.inf', '-.Inf', '-.INF'].map((s) => [s, -Infinity] as const),
]);

/** The length of the longest {@link SPECIAL} word. */
const SPECIAL_LENGTH = Math.max(...[...SPECIAL.keys()].map((word) => word.length));

const TIMESTAMP = /^\d{4}-\d\d?-\d\d?(?:(?:[Tt]|[ \t]+)\d\d?:\d\d?:\d\d?(?:\.\d*)?(?:[ \t]*(?:Z|[-+]\d\d?(?::?\d\d)?))?)?$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** The tag js-yaml records on plain scalars this schema resolved; no tag was written. */
export const PLAIN_SCALAR_TAG = 'tag:kfops.dev,2025:plain';

/** An explicit `!!int`, `!!float`, `!!bool` or `!!null`: the scalar must resolve to that kind. */
function explicitType(name: string, accepts: (value: unknown) => boolean): Type {
  return new Type(`tag:yaml.org,2002:${name}`, {
    kind: 'scalar',
    resolve: (data: string | null) => accepts(resolvePlainScalar(data ?? '')),
    construct: (data: string | null) => resolvePlainScalar(data ?? ''),
  });
}

const isNumber = (v: unknown) => typeof v === 'number';

/**
 * The js-yaml schema that reads YAML as Kubernetes does (go-yaml v2 through sigs.k8s.io/yaml): plain scalars
 * resolved by {@link resolvePlainScalar}, merge keys (`<<`), explicit standard tags checked like go-yaml
 * (`!!int abc` is an error), `!!binary` decoded to text, `!!timestamp` kept as written, and any other tag
 * (`!foo`, `!<tag:...>`, `!!set`) ignored: the node reads as if untagged, scalars as strings.
 */
export const KUBERNETES_YAML_SCHEMA: Schema = FAILSAFE_SCHEMA.extend({
  implicit: [
    new Type('tag:yaml.org,2002:merge', { kind: 'scalar', resolve: (data: string) => data === '<<' }),
    new Type(PLAIN_SCALAR_TAG, { kind: 'scalar', resolve: () => true, construct: resolvePlainScalar }),
  ],
  explicit: [
    explicitType('int', (v) => isNumber(v) && Number.isInteger(v)),
    explicitType('float', isNumber),
    explicitType('bool', (v) => typeof v === 'boolean'),
    explicitType('null', (v) => v === null),
    new Type('tag:yaml.org,2002:binary', {
      kind: 'scalar',
      resolve: (data: string | null) => BASE64.test((data ?? '').replace(/[\r\n]/g, '')),
      construct: (data: string | null) => Buffer.from((data ?? '').replace(/[\r\n]/g, ''), 'base64').toString('utf8'),
    }),
    new Type('tag:yaml.org,2002:timestamp', { kind: 'scalar', resolve: (data: string | null) => TIMESTAMP.test(data ?? '') }),
    new Type('', { kind: 'scalar', multi: true, construct: (data: string | null) => data ?? '' }),
    new Type('', { kind: 'sequence', multi: true, construct: (data: unknown[] | null) => data ?? [] }),
    new Type('', { kind: 'mapping', multi: true, construct: (data: Record<string, unknown> | null) => data ?? {} }),
  ],
});
