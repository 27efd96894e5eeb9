import { evaluateWhen, GovaluateError } from '../../lib/preview/govaluate';
import { parseGovaluateTime } from '../../lib/preview/go-time';

describe('evaluateWhen: Argo when expressions, as the controller evaluates them after substitution', () => {
  test.each<[string, boolean]>([
    // Bare words are strings: Argo turns every govaluate variable into a string literal.
    ['cloud == cloud', true],
    ['cloud == local', false],
    ["'cloud' != 'local'", true],
    // Numbers compare as numbers, strings as strings.
    ['4 > 0', true],
    ['10 < 9', false],
    ["'10' < '9'", true],
    ['0x1F == 31', true],
    // Precedence and associativity.
    ['1 - 2 - 3 == -4', true],
    ['2 ** 3 ** 2 == 64', true],
    ['-2 ** 2 == 4', true],
    ['1 + 2 * 3 == 7', true],
    ["(4 > 0) && ('a' == 'a')", true],
    ['true || false && false', true],
    ['!(1 == 2)', true],
    // `in` over a list, regular expressions, ternaries.
    ['b in (a, b, c)', true],
    ['d in (a, b, c)', false],
    ["'train-v2' =~ '^train'", true],
    ["'train-v2' !~ 'v2$'", false],
    ["'ABC' =~ '(?i)abc'", true],
    ['(true ? 1 : 2) == 1', true],
    // Quoted strings that read as times compare as times.
    ["'2016-02-01' == '2016-02-01 00:00:00'", true],
    ["'2016-02-01T00:00:00Z' < '2016-03-01T00:00:00+01:00'", true],
    // `+` concatenates when either side is a string, printing numbers as Go does.
    ["'a' + 1000000 == 'a1e+06'", true],
    ["'a' + 12 == 'a12'", true],
    // Short circuits skip the type checks of the side not evaluated.
    ["false && 'x'", false],
    ["true || 'x'", true],
  ])('%s -> %s', (expression, expected) => {
    expect(evaluateWhen(expression)).toBe(expected);
  });

  test.each<[string, string]>([
    // A value with a dash, left unquoted, is a subtraction of strings.
    ['local-run == local-run', "Value 'local' cannot be used with the modifier '-', it is not a number"],
    ['!cloud', 'Cannot transition token types from PREFIX [!] to STRING [cloud]'],
    ["true && 'x'", "Value 'x' cannot be used with the logical operator '&&', it is not a bool"],
    ['1 ? 2 : 3', "Value '1' cannot be used with the ternary operator '?', it is not a bool"],
    ['1 + 2', "Expected boolean evaluation for '1 + 2'. Got 3"],
    ["'a' > 1", "Value 'a' cannot be used with the comparator '>', it is not a number"],
    ['a.b == 1', "Unable to access unexported field 'b' in token 'a.b'"],
    ['a.B == 1', "No parameter 'a' found."],
    ['1.2.3 == 1', "Unable to parse numeric value '1.2.3' to float64"],
    ["'open == x", 'Unclosed string literal'],
    ["'open == 'x", 'Cannot transition token types from STRING [open == ] to VARIABLE [x]'],
    ['(1 == 1', 'Unbalanced parenthesis'],
    ['1 ==', 'Unexpected end of expression'],
    ['a $ b', "Invalid token: '$'"],
    ["'x' =~ '(?=y)'", 'invalid or unsupported Perl syntax'],
  ])('%s fails: %s', (expression, message) => {
    expect(() => evaluateWhen(expression)).toThrow(GovaluateError);
    expect(() => evaluateWhen(expression)).toThrow(message);
  });
});

describe('parseGovaluateTime: the formats govaluate tries on quoted strings', () => {
  test.each<[string, number | undefined]>([
    ['2016-02-01', 1454284800],
    ['2016-02-01 00:00', 1454284800],
    ['2016-02-01 00:00:00', 1454284800],
    ['2016-02-01 01:00:00+01:00', 1454284800],
    ['2016-02-01T00:00:00Z', 1454284800],
    ['2016-02-01T00:00:00.5Z', 1454284800],
    ['2016-02-01T01Z+0100', undefined],
    ['2016-02-01T01+0100', 1454284800],
    ['Mon Feb  1 00:00:00 2016', 1454284800],
    ['3:04PM', -62167219200 + 15 * 3600 + 4 * 60],
    ['2016-02-30', undefined],
    ['2016-2-1', undefined],
    ['yesterday', undefined],
  ])('%s', (text, seconds) => {
    expect(parseGovaluateTime(text)).toBe(seconds);
  });
});

// Go's govaluate sets no limit; kfops stops where its parse would run out of stack, with a message.
test('a when nesting parentheses past 100 levels is an error, not a stack overflow', () => {
  expect(evaluateWhen(`${'('.repeat(100)}1 == 1${')'.repeat(100)}`)).toBe(true);
  expect(() => evaluateWhen(`${'('.repeat(700)}1 == 1${')'.repeat(700)}`)).toThrow(new GovaluateError('the expression nests parentheses and prefixes more than 100 deep; write it flatter'));
  expect(() => evaluateWhen(`${'!'.repeat(5000)}true`)).toThrow(GovaluateError);
});

// Argo matches =~ with Go's RE2, in linear time; a `when` in a pull request must not hang a preview or a diff.
test('=~ with a pattern that backtracks badly is decided at once, as RE2 decides it', () => {
  expect(evaluateWhen(`'${'a'.repeat(40)}!' =~ '^(a+)+$'`)).toBe(false);
  expect(evaluateWhen(`'${'a'.repeat(40)}' =~ '^(a+)+$'`)).toBe(true);
  expect(evaluateWhen("'ABC' =~ '(?i)abc'")).toBe(true);
});
