import { placeholder, renderPlaceholders } from '../../lib/preview/placeholder';
import { finishTags, substitute, SubstitutionError } from '../../lib/preview/substitute';
import { dependsOutcomes, parseDepends, TaskPhase } from '../../lib/preview/depends';

const vars = new Map([
  ['workflow.parameters.steps', '50000'],
  ['inputs.parameters.dir', 'gs://b/x'],
  ['inputs.parameters.t', 'train'],
  ['workflow.parameters.quote', 'say "hi"\nbye'],
]);

describe('substitute: Argo template substitution on the JSON of a value', () => {
  test.each<[string, unknown, unknown]>([
    ['a tag', '--steps={{workflow.parameters.steps}}', '--steps=50000'],
    ['spaces inside the braces', '{{ inputs.parameters.dir }}/tf', 'gs://b/x/tf'],
    ['several tags', '{{inputs.parameters.dir}}-{{workflow.parameters.steps}}', 'gs://b/x-50000'],
    ['an unknown tag stays for a later pass', '{{tasks.a.outputs.result}}', '{{tasks.a.outputs.result}}'],
    ['a nested tag resolves inside out', '{{tasks.{{inputs.parameters.t}}.outputs.result}}', '{{tasks.train.outputs.result}}'],
    ['quotes and newlines in a value', { v: '{{workflow.parameters.quote}}' }, { v: 'say "hi"\nbye' }],
    ['map keys too', { '{{inputs.parameters.t}}': 1 }, { train: 1 }],
    ['an expression becomes a placeholder', "{{=sprig.trim('a')}}", placeholder("=sprig.trim('a')")],
  ])('%s', (_label, value, expected) => {
    expect(substitute(value, vars)).toEqual(expected);
  });

  test('a "{{" without "}}" cannot be substituted', () => {
    expect(() => substitute('--x={{inputs.parameters.dir', vars)).toThrow(SubstitutionError);
    expect(() => substitute('--x={{inputs.parameters.dir', vars)).toThrow('has no closing "}}"');
  });

  test('a value with a control character Go quotes as \\a, \\v or \\x.. makes the substitution fail', () => {
    const bad = new Map([['workflow.parameters.bell', 'ding\u0007']]);
    expect(() => substitute('{{workflow.parameters.bell}}', bad)).toThrow('holds the control character U+0007');
    expect(substitute('{{workflow.parameters.tab}}', new Map([['workflow.parameters.tab', 'a\tb']]))).toBe('a\tb');
  });

  test('finishTags turns run-time variables into placeholders and returns the names Argo does not know', () => {
    const { value, unknown } = finishTags({ a: '{{tasks.train.outputs.parameters.job-name}}', b: '{{workflow.uid}}', c: '{{inputs.parameters.typo}}' });
    expect(renderPlaceholders(value)).toEqual({ a: '<tasks.train.outputs.parameters.job-name>', b: '<workflow.uid>', c: '{{inputs.parameters.typo}}' });
    expect(unknown).toEqual(['inputs.parameters.typo']);
  });
});

describe('depends: what a task dependency logic can be on a run where steps succeed', () => {
  const phases = (entries: Record<string, TaskPhase[]>) => new Map(Object.entries(entries).map(([k, v]) => [k, new Set(v)]));
  test.each<[Record<string, unknown>, Record<string, TaskPhase[]>, boolean[]]>([
    [{ dependencies: ['a', 'b'] }, { a: ['Succeeded'], b: ['Skipped'] }, [true]],
    [{ depends: 'a.Succeeded' }, { a: ['Skipped'] }, [false]],
    [{ depends: 'a.Failed' }, { a: ['Succeeded'] }, [false]],
    [{ depends: 'a' }, { a: ['Succeeded', 'Skipped'] }, [true]],
    [{ depends: 'a.Succeeded' }, { a: ['Succeeded', 'Skipped'] }, [true, false]],
    [{ depends: 'a.Succeeded || b.Failed' }, { a: ['Omitted'], b: ['Succeeded'] }, [false]],
    [{ depends: '!(a.Succeeded) && b' }, { a: ['Skipped'], b: ['Succeeded'] }, [true]],
    [{ depends: 'a.Errored' }, { a: ['Errored'] }, [true]],
  ])('%j with %j', (task, given, expected) => {
    const logic = parseDepends(task)!;
    expect([...dependsOutcomes(logic, phases(given))].sort()).toEqual(expected.sort());
  });

  test('a bare dependency passes a failed task that continues on failure', () => {
    const logic = parseDepends({ dependencies: ['a'] })!;
    expect([...dependsOutcomes(logic, phases({ a: ['Failed'] }), new Map([['a', new Set<TaskPhase>(['Failed'])]]))]).toEqual([true]);
    expect([...dependsOutcomes(logic, phases({ a: ['Failed'] }))]).toEqual([false]);
  });

  test.each([
    ['a.Finished', "task result 'Finished' for task 'a' is invalid"],
    ['(a', 'a "(" is not closed'],
    ['a &&', 'expected a task name'],
  ])('%s is rejected', (depends, message) => {
    expect(() => parseDepends({ depends })).toThrow(message);
  });
});
