import { ObjectIndex, RunMemo } from '../../lib/validate/object-index';

describe('RunMemo', () => {
  test('works a value out once per run and key, falsy values included', () => {
    const memo = new RunMemo<boolean>();
    const run = new ObjectIndex([]);
    const compute = jest.fn(() => false);
    expect(memo.get(run, 'a', compute)).toBe(false);
    expect(memo.get(run, 'a', compute)).toBe(false);
    expect(compute).toHaveBeenCalledTimes(1);
    expect(memo.get(run, 'b', () => true)).toBe(true);
  });

  test('another run (index) works it out anew', () => {
    const memo = new RunMemo<number>();
    const first = new ObjectIndex([]);
    const second = new ObjectIndex([]);
    expect(memo.get(first, 'k', () => 1)).toBe(1);
    expect(memo.get(second, 'k', () => 2)).toBe(2);
    expect(memo.get(first, 'k', () => 3)).toBe(1);
  });
});

describe('ObjectIndex.find', () => {
  test('finds by kind, name and namespace, the first in input order', () => {
    const a = { kind: 'Deployment', metadata: { name: 'web', namespace: 'ml' }, spec: { n: 1 } };
    const b = { kind: 'Deployment', metadata: { name: 'web', namespace: 'ml' }, spec: { n: 2 } };
    const index = new ObjectIndex([a, b, { kind: 'Service', metadata: { name: 'web', namespace: 'ml' } }]);
    expect(index.find('Deployment', 'web', 'ml')).toBe(a);
    expect(index.find('Deployment', 'web', 'other')).toBeUndefined();
    expect(index.find('ConfigMap', 'web', 'ml')).toBeUndefined();
  });
});
