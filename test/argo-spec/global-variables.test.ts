import { globalVariables } from '../../lib/argo-spec/global-variables';

describe('globalVariables', () => {
  const run = { name: 'r-1', namespace: 'ml', labels: { team: 'run', own: 'x' }, annotations: { note: 'run' } };

  test('workflowMetadata labels and annotations are the Workflow\'s, under its own (the controller sets them on it)', () => {
    const spec = { entrypoint: 'main', workflowMetadata: { labels: { team: 'template', env: 'prod', count: 3 }, annotations: { note: 'template', by: 'ci' } } };
    const vars = globalVariables(spec, run, []);
    expect(vars.get('workflow.labels.team')).toBe('run');
    expect(vars.get('workflow.labels.env')).toBe('prod');
    expect(vars.get('workflow.labels.own')).toBe('x');
    // Only strings are labels.
    expect(vars.has('workflow.labels.count')).toBe(false);
    expect(vars.get('workflow.annotations.note')).toBe('run');
    expect(vars.get('workflow.annotations.by')).toBe('ci');
  });

  test('without workflowMetadata, the run\'s own labels only', () => {
    const vars = globalVariables({ entrypoint: 'main' }, run, []);
    expect([...vars.keys()].filter((k) => k.startsWith('workflow.labels.')).sort()).toEqual(['workflow.labels.own', 'workflow.labels.team']);
    expect(vars.get('workflow.name')).toBe('r-1');
    expect(vars.get('workflow.namespace')).toBe('ml');
  });
});
