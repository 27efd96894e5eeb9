import { checkArgoWorkflow } from '../../../../lib/validate/checks';
import { rules, runCheck, workflow } from '../../builders';

const steps = (extra: Record<string, unknown> = {}) => ({ name: 'main', steps: [[{ name: 's', template: 'leaf' }]], ...extra });
const leaf = (extra: Record<string, unknown> = {}) => ({ name: 'leaf', container: { image: 'a:1' }, ...extra });
const check = (templates: unknown[]) => rules(runCheck(checkArgoWorkflow, workflow(templates)));

describe('what every template must get right (validate.go: validateTemplate, validateTemplateType, validateLeaf, validateNonLeaf)', () => {
  // validateTemplateType
  test.each<[string, Record<string, unknown>, string[]]>([
    ['one type', leaf({ name: 'main' }), []],
    ['no type', { name: 'main' }, ['error:argo/template-type']],
    ['two types', { name: 'main', container: { image: 'a:1' }, script: { image: 'a:1', source: 'x' } }, ['error:argo/template-type']],
    ['suspend {} counts as a type', { name: 'main', suspend: {} }, []],
    ['a delegating template (no such field in Argo) has no type', { name: 'main', template: 'other' }, ['error:argo/template-type']],
  ])('template type: %s', (_, template, expected) => {
    expect(check([template])).toEqual(expected);
  });

  // validateLeaf: parallelism; validateNonLeaf: activeDeadlineSeconds; timeout / pendingTimeout (IsLeaf)
  test.each<[string, unknown[], string[]]>([
    ['parallelism on steps', [steps({ parallelism: 2 }), leaf()], []],
    ['parallelism on a container', [steps(), leaf({ parallelism: 2 })], ['error:argo/template-field']],
    ['parallelism on suspend', [steps(), { name: 'leaf', suspend: {}, parallelism: 1 }], ['error:argo/template-field']],
    ['activeDeadlineSeconds on a container', [steps(), leaf({ activeDeadlineSeconds: 60 })], []],
    ['activeDeadlineSeconds as a variable', [steps(), leaf({ inputs: { parameters: [{ name: 'd', default: '60' }] }, activeDeadlineSeconds: '{{inputs.parameters.d}}' })], []],
    ['activeDeadlineSeconds as a numeric string', [steps(), leaf({ activeDeadlineSeconds: '60' })], []],
    ['activeDeadlineSeconds of -1', [steps(), leaf({ activeDeadlineSeconds: -1 })], ['error:argo/active-deadline']],
    ['activeDeadlineSeconds as text', [steps(), leaf({ activeDeadlineSeconds: 'soon' })], ['error:argo/active-deadline']],
    ['activeDeadlineSeconds on steps', [steps({ activeDeadlineSeconds: 60 }), leaf()], ['error:argo/template-field']],
    ['timeout on a container', [steps(), leaf({ timeout: '30s' })], []],
    ['timeout without a unit', [steps(), leaf({ timeout: '30' })], ['error:argo/timeout']],
    ['timeout on steps', [steps({ timeout: '1h' }), leaf()], ['error:argo/template-field']],
    ['pendingTimeout on a dag', [{ name: 'main', dag: { tasks: [{ name: 'a', template: 'leaf' }] }, pendingTimeout: '1m' }, leaf()], ['error:argo/template-field']],
    ['resourceClaims on a container', [steps(), leaf({ resourceClaims: [{ name: 'gpu' }] })], []],
    ['resourceClaims on steps', [steps({ resourceClaims: [{ name: 'gpu' }] }), leaf()], ['error:argo/template-field']],
    ['podResources on an http template', [steps(), { name: 'leaf', http: { url: 'https://x' }, podResources: { limits: { cpu: '1' } } }], ['error:argo/template-field']],
    ['a GPU in template podResources', [steps(), leaf({ podResources: { limits: { 'nvidia.com/gpu': '1' } } })], ['error:argo/pod-resources']],
  ])('%s', (_, templates, expected) => {
    expect(check(templates)).toEqual(expected);
  });

  test('activeDeadlineSeconds of 0 is accepted, as Argo checks < 0', () => {
    expect(check([steps(), leaf({ activeDeadlineSeconds: 0 })])).toEqual([]);
  });

  // validateTemplateHolder: retryStrategy.retryPolicy
  test.each<[string, string, string[]]>([
    ['Always', 'Always', []], ['OnTransientError', 'OnTransientError', []],
  ])('retryPolicy %s', (_, retryPolicy, expected) => {
    expect(check([leaf({ name: 'main', retryStrategy: { limit: 2, retryPolicy } })])).toEqual(expected);
  });

  // validateInitContainers
  test.each<[string, unknown[], string[]]>([
    ['named', [{ name: 'init', image: 'a:1' }], []],
    ['unnamed', [{ image: 'a:1' }], ['error:argo/container-name']],
  ])('init containers: %s', (_, initContainers, expected) => {
    expect(check([leaf({ name: 'main', initContainers })])).toEqual(expected);
  });

  // metrics.IsValidMetricName, ValidateMetricLabels, help, ValidateMetricValues
  const metric = (extra: Record<string, unknown>) => ({ name: 'duration_seconds', help: 'how long', gauge: { value: '{{duration}}' }, ...extra });
  test.each<[string, Record<string, unknown>, string[]]>([
    ['a valid gauge', metric({}), []],
    ['a counter', metric({ gauge: undefined, counter: { value: '1' } }), []],
    ['a name with dots', metric({ name: 'invalid.metric.name' }), ['error:argo/metric-name']],
    ['a label key with dots', metric({ labels: [{ key: 'invalid.key', value: 'x' }] }), ['error:argo/metric-name']],
    ['no help', metric({ help: '' }), ['error:argo/metric']],
    ['a gauge without value', metric({ gauge: { realtime: false } }), ['error:argo/metric']],
    // Argo's TestInvalidMetricName writes value: 1: the value is there (a type error is the schema's), not missing.
    ['a gauge whose value is a number', metric({ gauge: { realtime: false, value: 1 } }), []],
    ['a realtime gauge on resourcesDuration', metric({ gauge: { realtime: true, value: '{{resourcesDuration.cpu}}' } }), ['error:argo/metric']],
    ['a histogram without value', metric({ gauge: undefined, histogram: { buckets: [1] } }), ['error:argo/metric']],
  ])('metrics: %s', (_, prometheus, expected) => {
    expect(check([leaf({ name: 'main', metrics: { prometheus: [prometheus] } })])).toEqual(expected);
  });

  test('messages say what is wrong and the fix', () => {
    expect(runCheck(checkArgoWorkflow, workflow([steps(), leaf({ parallelism: 2 })]))[0]).toMatchObject({
      path: 'spec.templates[1].parallelism', message: 'template "leaf" sets parallelism, which only steps and dag templates have',
      fix: 'drop it, or set it on the steps or dag template that calls this one',
    });
  });
});
