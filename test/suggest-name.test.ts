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
});
