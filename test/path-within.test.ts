import * as path from 'path';
import { displayPath } from '../lib/manifest';
import { isWithin } from '../lib/path-within';

describe('isWithin', () => {
  const dir = path.join('/', 'work', 'project');

  test('a file in the folder or below it is within', () => {
    expect(isWithin(path.join(dir, 'a.yaml'), dir)).toBe(true);
    expect(isWithin(path.join(dir, 'dist', 'dev', 'a.yaml'), dir)).toBe(true);
  });

  test('the folder itself, its parent and its siblings are not', () => {
    expect(isWithin(dir, dir)).toBe(false);
    expect(isWithin(path.dirname(dir), dir)).toBe(false);
    expect(isWithin(path.join(path.dirname(dir), 'project-2', 'a.yaml'), dir)).toBe(false);
    expect(isWithin(path.join(dir, '..', 'other', 'a.yaml'), dir)).toBe(false);
  });

  test('a name that only starts with two dots is inside, not a step up', () => {
    expect(isWithin(path.join(dir, '..cache', 'a.yaml'), dir)).toBe(true);
    expect(isWithin(path.join(dir, '...'), dir)).toBe(true);
  });
});

describe('displayPath', () => {
  const cwd = path.join('/', 'work', 'project');

  test('a file inside the project is shown relative to it, one outside by its absolute path', () => {
    expect(displayPath(cwd, path.join(cwd, 'dist', 'a.yaml'))).toBe('dist/a.yaml');
    expect(displayPath(cwd, path.join(cwd, '..cache', 'a.yaml'))).toBe('..cache/a.yaml');
    expect(displayPath(cwd, path.join('/', 'work', 'other', 'a.yaml'))).toBe('/work/other/a.yaml');
    expect(displayPath(cwd, cwd)).toBe(cwd);
  });
});
