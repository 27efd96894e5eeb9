import { hasTag, isCheckedVariable, isWholeTag, scanTags } from '../../lib/argo-spec/variables';

// Argo's template engine (util/template, valyala/fasttemplate): a tag runs from {{ to the next }}, `=` marks an
// expression, a missing }} is an error; common.GlobalVarValidWorkflowVariablePrefix says which tags are checked.
describe('scanTags', () => {
  test.each<[string, { name: string; kind: string }[]]>([
    ['plain text', []],
    ['{{inputs.parameters.x}}', [{ name: 'inputs.parameters.x', kind: 'simple' }]],
    ['a {{ workflow.name }} b {{pod.name}}', [{ name: 'workflow.name', kind: 'simple' }, { name: 'pod.name', kind: 'simple' }]],
    ['{{=sprig.upper(inputs.parameters.x)}}', [{ name: 'sprig.upper(inputs.parameters.x)', kind: 'expression' }]],
    ['{{ =x}}', [{ name: '=x', kind: 'simple' }]],
    ['{{steps.run-{{inputs.parameters.day}}.status}}', [{ name: 'inputs.parameters.day', kind: 'simple' }, { name: 'steps.run-*.status', kind: 'nested' }]],
    ['{{a}}}', [{ name: 'a', kind: 'simple' }]],
  ])('%s', (text, tags) => {
    const scanned = scanTags(text);
    expect(scanned.unclosedAt).toBeUndefined();
    expect(scanned.tags.map(({ name, kind }) => ({ name, kind }))).toEqual(tags);
  });

  test.each([['echo {{', 5], ['{{a}} and {{b', 10], ['{{ x {{y}}', 0]])('%s has an unclosed tag at %d', (text, offset) => {
    expect(scanTags(text as string).unclosedAt).toBe(offset);
  });

  test.each<[string, boolean, boolean]>([
    ['{{inputs.parameters.manifest}}', true, true],
    ['  {{ inputs.parameters.manifest }}\n', true, true],
    ['{{a}}{{b}}', false, true],
    ['kind: {{a}}', false, true],
    ['none', false, false],
  ])('isWholeTag / hasTag(%j)', (text, whole, has) => {
    expect(isWholeTag(text)).toBe(whole);
    expect(hasTag(text)).toBe(has);
  });

  test.each<[string, boolean]>([
    ['inputs.parameters.x', true], ['workflow.name', true], ['tasks.a.status', true], ['item.key', true],
    ['item', false], ['retries', false], ['lastRetry.exitCode', false], ['.Values.x', false], ['node.name', false],
  ])('isCheckedVariable(%s) is %s', (name, checked) => {
    expect(isCheckedVariable(name)).toBe(checked);
  });
});
