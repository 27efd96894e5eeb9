import { fieldNameProblem, metricNameProblem, nameAfterSubstitution, parameterNameProblem, reservedContainerNameSince } from '../../lib/argo-spec/names';

// validate.go: isValidWorkflowFieldName (templates, steps, tasks, containers), isValidParamOrArtifactName,
// metrics.IsValidMetricName, common.IsArgoSidecar.
describe('Argo names', () => {
  test.each<[string, boolean]>([
    ['train', true], ['Train-2', true], ['123-NAME', true], ['a'.repeat(128), true],
    ['', false], ['-lead', false], ['under_score', false], ['dot.ted', false], ['a'.repeat(129), false], ['{{x}}', false],
  ])('field name %j valid: %s', (name, valid) => {
    expect(fieldNameProblem(name) === undefined).toBe(valid);
  });

  test.each<[string, boolean]>([['my_param-1', true], ['MY-PARAM', true], ['_x', true], ['', false], ['a.b', false], ['a b', false]])('parameter name %j valid: %s', (name, valid) => {
    expect(parameterNameProblem(name) === undefined).toBe(valid);
  });

  test.each<[string, boolean]>([['duration_seconds', true], ['_x', true], ['invalid.metric', false], ['a:b', false], ['1x', false], ['', false]])('metric name %j valid: %s', (name, valid) => {
    expect(metricNameProblem(name) === undefined).toBe(valid);
  });

  test.each([['wait', 'always'], ['supervisor', '4.1'], ['artifact-plugin-s3', '4.1'], ['main', undefined], ['waiter', undefined]])('%s is reserved: %s', (name, since) => {
    expect(reservedContainerNameSince(name)).toBe(since);
  });

  // validate.go isValidStepName (placeholderFragmentRegex -> "x") and validateOutputs on the ProcessArgs result.
  test.each([
    ['run-{{inputs.parameters.day}}', 'run-x'],
    ['{{ workflow.parameters.env }}-train', 'x-train'],
    ['a-{{steps.b.outputs.result}}', 'a-{{steps.b.outputs.result}}'],
    ['plain', 'plain'],
    ['broken-{{inputs.x', 'broken-{{inputs.x'],
  ])('%s is checked as %s', (name, checked) => {
    expect(nameAfterSubstitution(name)).toBe(checked);
  });
});
