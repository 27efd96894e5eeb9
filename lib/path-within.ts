import * as path from 'path';

/**
 * Whether `file` lies in `dir` or below it (not `dir` itself). Both are compared as given, so resolve them first;
 * a name that only starts with two dots (`..cache`) is inside, a `..` step is not.
 */
export function isWithin(file: string, dir: string): boolean {
  const relative = path.relative(dir, file);
  return relative !== '' && relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative);
}
