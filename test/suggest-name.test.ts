import { editDistance, suggestName } from '../lib/suggest-name';

describe('suggestName', () => {
  test.each<[string, string[], string | undefined]>([
    ['mian', ['main', 'train'], 'main'],
    ['learning_rte', ['learning_rate', 'epochs'], 'learning_rate'],
    ['EPOCHS', ['epochs'], 'epochs'],
    ['foo', ['epochs', 'optimizer'], undefined],
    ['Z', ['A', 'B'], undefined],
  ])('suggestName(%s)', (name, candidates, expected) => {
    expect(suggestName(name, candidates)).toBe(expected);
  });

  test.each([['main', 'mian', 1], ['kitten', 'sitting', 3], ['', 'abc', 3], ['same', 'same', 0]])('editDistance(%s, %s)', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
  });

  test('editDistance with a bound gives the distance up to it, and bound + 1 past it', () => {
    // Every pair of short strings over a small alphabet, where typos, swaps and length changes all occur.
    const words = ['', 'a', 'b', 'ab', 'ba', 'abc', 'acb', 'bca', 'aabb', 'abab', 'baba', 'abcab', 'cabba'];
    for (const a of words) {
      for (const b of words) {
        const exact = editDistance(a, b);
        for (const max of [0, 1, 2, 3]) expect([a, b, max, editDistance(a, b, max)]).toEqual([a, b, max, Math.min(exact, max + 1)]);
      }
    }
  });

  test('the closest of many candidates wins, wherever it is listed', () => {
    const many = Array.from({ length: 500 }, (_, i) => `deployment-${i}-of-a-long-list`);
    expect(suggestName('deployment-42-of-a-long-lst', many)).toBe('deployment-42-of-a-long-list');
    expect(suggestName('php-apache', [...many, 'php-apache-c1', 'php-apach'])).toBe('php-apach');
  });
});
