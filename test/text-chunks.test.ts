import { joinedChunks } from '../lib/text-chunks';

describe('joinedChunks', () => {
  test('joins pieces until a chunk reaches the size, keeps every character in order, and ends with the rest', () => {
    const pieces = ['abc', 'de', 'f', 'ghij', 'k'];
    expect([...joinedChunks(pieces, 4)]).toEqual(['abcde', 'fghij', 'k']);
  });

  test('one piece longer than the size is a chunk of its own, not cut', () => {
    expect([...joinedChunks(['x'.repeat(10), 'y'], 4)]).toEqual(['x'.repeat(10), 'y']);
  });

  test('no pieces, or only empty ones, give no chunk', () => {
    expect([...joinedChunks([], 4)]).toEqual([]);
    expect([...joinedChunks(['', ''], 4)]).toEqual([]);
  });

  test('reads its pieces one at a time, as they are asked for', () => {
    let made = 0;
    function* pieces(): Generator<string> {
      for (let i = 0; i < 100; i++) {
        made++;
        yield 'ab';
      }
    }
    const chunks = joinedChunks(pieces(), 10);
    expect(chunks.next().value).toBe('ab'.repeat(5));
    expect(made).toBe(5);
  });
});
