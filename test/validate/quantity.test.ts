import { isQuantity, quantityValue } from '../../lib/k8s-spec/quantity';

// apimachinery resource.ParseQuantity: binary and decimal suffixes, exponents, signs, bare decimals.
test.each<[unknown, number | undefined]>([
  ['500m', 0.5], ['1', 1], ['1.5', 1.5], ['.5', 0.5], ['1.', 1], ['+2', 2], ['-1Gi', -(2 ** 30)], ['2Ki', 2048], ['1Mi', 2 ** 20],
  ['1Ei', 2 ** 60], ['1k', 1000], ['3M', 3e6], ['1E', 1e18], ['1e3', 1000], ['1E-3', 0.001], ['100n', 1e-7], ['2u', 2e-6], [4, 4], [0.25, 0.25],
  // not quantities the API server parses
  ['1 GB', undefined], ['1GB', undefined], ['1KI', undefined], ['1ki', undefined], ['1K', undefined], ['1Y', undefined], ['1d', undefined], ['1e', undefined], ['1e1.5', undefined],
  ['', undefined], ['Gi', undefined], [true, undefined], [null, undefined], ['{{inputs.parameters.mem}}', undefined],
])('quantityValue(%j) = %s', (value, expected) => {
  expect(quantityValue(value)).toBe(expected);
  if (typeof value === 'string') expect(isQuantity(value)).toBe(expected !== undefined);
});
