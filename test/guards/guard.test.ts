import { Chart, Duration, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import {
  anyOf, arrayOf, BOOLEAN, checkArguments, checkEach, constructPath, describeValue, DURATION, enumOf, Guard, INTEGER, NUMBER, PropsGuard,
  recordOf, required, shape, STRING,
} from '../../lib/guards';

enum Color {
  RED = 'Red',
  DARK_BLUE = 'DarkBlue',
}

interface Inner {
  readonly size: number;
  readonly label?: string;
}
interface Props {
  readonly name: string;
  readonly count?: number;
  readonly color?: Color;
  readonly inner?: Inner;
  readonly tags?: readonly string[];
  readonly labels?: Readonly<Record<string, string>>;
  readonly wait?: Duration | string;
}

const INNER = shape<Inner>('Inner', { size: required(INTEGER), label: STRING });
const GUARD = new PropsGuard<Props>('Props', {
  name: required(STRING),
  count: NUMBER,
  color: enumOf(Color, 'Color'),
  inner: INNER,
  tags: arrayOf(STRING),
  labels: recordOf(STRING),
  wait: anyOf([DURATION, STRING]),
});

const problem = (props: unknown, exact = true): string | undefined => {
  try {
    GUARD.checkAt('here', props, exact);
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
};

describe('PropsGuard', () => {
  test.each<[string, unknown, string | undefined]>([
    ['valid props', { name: 'a', count: 2, color: 'Red', inner: { size: 1 }, tags: ['x'], labels: { a: 'b' }, wait: Duration.seconds(3) }, undefined],
    ['optional props left undefined', { name: 'a', count: undefined }, undefined],
    ['a required prop missing', { count: 1 }, '[here] name is required (a string)'],
    ['no props at all', undefined, '[here] name is required (a string)'],
    ['props that are a list', [{ name: 'a' }], '[here] props must be Props (an object), got an array ([{"name":"a"}])'],
    ['a wrong primitive', { name: 3 }, '[here] name must be a string, got the number 3'],
    ['a number that is not finite', { name: 'a', count: Number.NaN }, '[here] count must be a number, got the number NaN'],
    ['an enum value by its member name', { name: 'a', color: 'DARK_BLUE' },
      '[here] color must be one of "Red", "DarkBlue" (Color), got the string "DARK_BLUE"; did you mean "DarkBlue" (Color.DARK_BLUE)?'],
    ['a misspelt prop', { name: 'a', cuont: 1 }, "[here] unknown prop 'cuont' (did you mean 'count'?)"],
    ['a prop far from any', { name: 'a', zzz: 1 }, "[here] unknown prop 'zzz' (Props has no such prop; remove it)"],
    ['a nested required field missing', { name: 'a', inner: {} }, '[here] inner.size is required (a whole number)'],
    ['a nested wrong value', { name: 'a', inner: { size: 1.5 } }, '[here] inner.size must be a whole number, got the number 1.5'],
    ['a nested misspelt field', { name: 'a', inner: { size: 1, lable: 'x' } }, "[here] unknown prop 'inner.lable' (did you mean 'inner.label'?)"],
    ['a list item of the wrong kind', { name: 'a', tags: ['x', 2] }, '[here] tags[1] must be a string, got the number 2'],
    ['a list item left undefined', { name: 'a', tags: [undefined] }, '[here] tags[0] must be a string, got undefined'],
    ['a record value of the wrong kind', { name: 'a', labels: { 'app.kubernetes.io/name': 1 } },
      '[here] labels["app.kubernetes.io/name"] must be a string, got the number 1'],
    ['a union given neither', { name: 'a', wait: 30 }, '[here] wait must be a Duration (e.g. Duration.minutes(30)), or a string, got the number 30'],
  ])('%s', (_what, props, expected) => {
    expect(problem(props)).toBe(expected === undefined ? undefined : expected);
  });

  test('an enum value in another case is suggested', () => {
    expect(problem({ name: 'a', color: 'darkblue' }))
      .toBe('[here] color must be one of "Red", "DarkBlue" (Color), got the string "darkblue"; did you mean "DarkBlue"?');
  });

  test('without exact, unknown props are left to the subclass that takes them', () => {
    expect(problem({ name: 'a', channel: '#ml' }, false)).toBeUndefined();
    expect(problem({ name: 1, channel: '#ml' }, false)).toBe('[here] name must be a string, got the number 1');
  });

  test('a union reports an object by the branch that takes objects, naming the field inside', () => {
    const guard = anyOf([STRING, shape<{ readonly request?: string }>('RequestAndLimit', { request: STRING })]);
    expect(guard.problem({ requests: '1' }, 'cpu')).toBe("unknown prop 'cpu.requests' (did you mean 'cpu.request'?)");
    expect(guard.problem(3, 'cpu')).toBe('cpu must be a string, or a RequestAndLimit object, got the number 3');
  });

  test('check() names the path the construct will have, and says what is wrong with the scope or id', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'dev');
    expect(() => GUARD.check(chart, 'a/b', { name: 1 } as never, true)).toThrow('[dev/a--b] name must be a string');
    expect(constructPath(new Construct(chart, 'p'), 'step', 'X')).toBe('dev/p/step');
    expect(constructPath(app, 'top', 'X', false)).toBe('top');
    // cdk8s writes only charts: outside one a construct would be dropped, or fail in the library.
    expect(() => constructPath(app, 'top', 'Pipeline')).toThrow("[top] a Pipeline must be made inside a chart, and its scope (the app) is in none");
    expect(() => constructPath(new Construct(app, 'loose'), 'x', 'ContainerStep'))
      .toThrow("[loose/x] a ContainerStep must be made inside a chart, and its scope ('loose') is in none");
    expect(() => constructPath({ node: {} }, 'x', 'ContainerStep'))
      .toThrow('ContainerStep: the scope (first argument) must be a construct, e.g. a Chart or a Pipeline, got an object ({"node":{}})');
  });
});

describe('argument checks', () => {
  test('a required argument left out, and one of the wrong kind', () => {
    const args = (name: unknown, flag: unknown): Array<readonly [string, unknown, Guard]> => [['name', name, required(STRING)], ['flag', flag, BOOLEAN]];
    expect(() => checkArguments('f', args(undefined, undefined))).toThrow('[f] name is required (a string)');
    expect(() => checkArguments('f', args('a', 'yes'))).toThrow('[f] flag must be true or false, got the string "yes"');
    expect(() => checkArguments('f', args('a', undefined))).not.toThrow();
  });

  test('rest arguments: undefined is a wrong value, not a missing one', () => {
    expect(() => checkEach('g', ['a', undefined], STRING, (i) => `argument ${i + 1}`)).toThrow('[g] argument 2 must be a string, got undefined');
  });
});

describe('describeValue', () => {
  class Widget {}
  test.each<[unknown, string]>([
    ['x'.repeat(70), `the string "${'x'.repeat(57)}..."`],
    [3, 'the number 3'],
    [false, 'false'],
    [null, 'null'],
    [() => 1, 'a function'],
    [new Widget(), 'a Widget'],
    [Duration.hours(1), 'a Duration'],
    [{ steps: [new Widget()] }, 'an object ({"steps":[<Widget>]})'],
    [{ a: { b: { c: 1 } } }, 'an object ({"a":{"b":{...}}})'],
  ])('%p', (value, text) => {
    expect(describeValue(value)).toBe(text);
  });

  test('a construct, whose tree has cycles, by its class', () => {
    const app = Testing.app();
    expect(describeValue([new Construct(app, 'c')])).toBe('an array ([<Construct>])');
  });
});
