import { fullFormats } from 'ajv-formats/dist/formats';
import { isQuantity } from '../../k8s-spec/quantity';

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
/** Line breaks, which Go's base64 decoding (the API server's for `[]byte` fields) skips wherever they are. */
const LINE_BREAKS = /[\r\n]/g;
const INT32 = 2 ** 31;
const INT64 = 2 ** 63;

type FormatCheck = (value: unknown) => boolean;

const fromAjv = (name: 'date' | 'date-time' | 'ipv4' | 'ipv6' | 'uuid'): FormatCheck => {
  const format = fullFormats[name] as RegExp | { validate: (s: string) => boolean };
  return (value) => typeof value !== 'string' || (format instanceof RegExp ? format.test(value) : format.validate(value));
};

/**
 * The formats kfops checks, by name: those whose meaning here matches the API server's or the Go types' (ranges
 * of int32/int64 fields break when unmarshalled). Others are skipped rather than risk a false alarm: `duration` is
 * a Go duration there but ISO 8601 in JSON Schema, `uri` accepts bare paths there, and the API server ignores
 * formats it does not know. Each check passes values of other types (the `type` keyword judges those).
 */
export const FORMATS: ReadonlyMap<string, FormatCheck> = new Map<string, FormatCheck>([
  ['int32', (v) => typeof v !== 'number' || (v >= -INT32 && v < INT32)],
  ['int64', (v) => typeof v !== 'number' || (v >= -INT64 && v < INT64)],
  ['float', () => true],
  ['double', () => true],
  // A `data: key: |` block scalar ends in a line break, and `base64` wraps its output at 76 columns.
  ['byte', (v) => typeof v !== 'string' || BASE64.test(v.replace(LINE_BREAKS, ''))],
  ['date', fromAjv('date')],
  ['date-time', fromAjv('date-time')],
  ['ipv4', fromAjv('ipv4')],
  ['ipv6', fromAjv('ipv6')],
  ['uuid', fromAjv('uuid')],
  ['quantity', (v) => typeof v !== 'string' || isQuantity(v)],
]);
