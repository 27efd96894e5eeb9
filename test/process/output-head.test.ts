import { OutputHead } from '../../lib/process/output-head';

function headOf(chunks: readonly (string | Buffer)[], props?: ConstructorParameters<typeof OutputHead>[0]): string {
  const head = new OutputHead(props);
  for (const c of chunks) head.add(c);
  return head.text();
}

describe('OutputHead', () => {
  test('keeps the first lines and counts the rest', () => {
    const lines = Array.from({ length: 10 }, (_, i) => `line ${i}\n`);
    expect(headOf(lines, { maxLines: 3 })).toBe('line 0\nline 1\nline 2\n... (7 more lines)');
    expect(headOf(['only\n'], { maxLines: 3 })).toBe('only');
  });

  test('cuts a long line and says how much it left out, however the line arrives', () => {
    const whole = `${'x'.repeat(1000)}\nnext`;
    const expected = `${'x'.repeat(10)}... (990 more characters)\nnext`;
    expect(headOf([whole], { maxLineChars: 10 })).toBe(expected);
    expect(headOf(whole.match(/.{1,7}/gs)!, { maxLineChars: 10 })).toBe(expected);
  });

  test('an endless line is kept in bounded memory: only its head is held', () => {
    const head = new OutputHead({ maxLineChars: 50 });
    for (let i = 0; i < 2000; i++) head.add('y'.repeat(1000));
    expect(head.text()).toBe(`${'y'.repeat(50)}... (1999950 more characters)`);
  });

  test('a line ends at \\n or \\r\\n, also when \\r\\n is split between chunks', () => {
    expect(headOf(['a\r\nb\nc'])).toBe('a\nb\nc');
    expect(headOf(['a\r', '\nb'])).toBe('a\nb');
    expect(headOf(['a\r', '', '\nb'])).toBe('a\nb');
  });

  test('a lone \\r overwrites the line, as a terminal shows it: a progress bar does not crowd out the error after it', () => {
    const bar = Array.from({ length: 101 }, (_, i) => `${i}%|${'#'.repeat(i / 10)}|\r`).join('');
    expect(headOf([bar, '100%|##########|\n', 'Error: boom\n'], { maxLines: 3 })).toBe('100%|##########|\nError: boom');
    expect(headOf(['old\r', 'new\n'])).toBe('new');
  });

  test('with carriageReturn ends-line, a lone \\r ends the line, also at the end of a chunk', () => {
    expect(headOf(['a\rb\nc'], { carriageReturn: 'ends-line' })).toBe('a\nb\nc');
    expect(headOf(['a\r', 'b'], { carriageReturn: 'ends-line' })).toBe('a\nb');
  });

  test('with dropCutWord, a cut line loses its unfinished word, so no part of a token shows', () => {
    const line = `fatal: unable to access 'https://x:${'t'.repeat(200)}@example.com/r.git'\n`;
    expect(headOf([line], { maxLineChars: 60, dropCutWord: true })).toBe(`fatal: unable to access ... (${line.length - 1 - 'fatal: unable to access '.length} more characters)`);
    expect(headOf([line], { maxLineChars: 60 })).toContain('https://x:ttt');
  });

  test('decodes UTF-8 split between chunks', () => {
    const bytes = Buffer.from('grüße → ok\n');
    expect(headOf([bytes.subarray(0, 3), bytes.subarray(3, 9), bytes.subarray(9)])).toBe('grüße → ok');
  });

  test('skipped lines are neither kept nor counted', () => {
    const progress = (line: string) => line.startsWith('Receiving') || line.trim() === '';
    const chunks = ['Receiving objects: 10%\rReceiving objects: 100%\n', '\n', 'error: denied\n', 'hint: pull first\n'];
    expect(headOf(chunks, { maxLines: 1, skip: progress })).toBe('error: denied\n... (1 more line)');
  });

  test('text() can be asked again and says the same', () => {
    const head = new OutputHead({ maxLines: 1 });
    head.add('a\nb\nc');
    expect(head.text()).toBe('a\n... (2 more lines)');
    expect(head.text()).toBe('a\n... (2 more lines)');
  });
});
