/**
 * The offset of the first character at or after `position` that is not a space, tab or line break: where js-yaml's
 * node events leave off, the next token starts (a `:` there makes the node just read a mapping key).
 */
export function nextTokenAt(source: string, position: number): number {
  let at = position;
  while (at < source.length && ' \t\r\n'.includes(source[at])) at++;
  return at;
}
