/**
 * Kubernetes resource quantities (`500m`, `2Gi`, `1e3`, or a plain number), as the API server parses them.
 *
 * @see https://github.com/kubernetes/apimachinery/blob/master/pkg/api/resource/quantity.go (ParseQuantity and the
 *   grammar in its doc comment; the suffixes are those of its suffixer: n u m "" k M G T P E, Ki..Ei, e<int>)
 */
const QUANTITY = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:([KMGTPE])i|([numkMGTPE])|[eE]([+-]?\d+))?$/;

const DECIMAL: Readonly<Record<string, number>> = { n: -9, u: -6, m: -3, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY: Readonly<Record<string, number>> = { K: 10, M: 20, G: 30, T: 40, P: 50, E: 60 };

/** True for a string the API server parses as a quantity. */
export function isQuantity(value: string): boolean {
  return QUANTITY.test(value);
}

/**
 * The value of a quantity, for comparisons (`1Gi` is 1073741824, `500m` is 0.5); undefined for anything the API
 * server would not parse, which the schema check reports.
 */
export function quantityValue(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const match = QUANTITY.exec(value);
  if (!match) return undefined;
  const [, number, binary, decimal, exponent] = match;
  const base = Number(number);
  if (binary) return base * 2 ** BINARY[binary];
  const power = decimal ? DECIMAL[decimal] : exponent ? Number(exponent) : 0;
  // Dividing for negative powers keeps 100n exactly 1e-7.
  return power < 0 ? base / 10 ** -power : base * 10 ** power;
}
