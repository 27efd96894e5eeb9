import { summarizeChanges } from '../../lib/publish/change-summary';
import { formatCommitMessage, formatSubject } from '../../lib/publish/commit-message';
import { kustomization, workflowTemplate } from './manifests';

describe('formatCommitMessage', () => {
  const summary = summarizeChanges([
    { env: 'prod', path: 'w1.yaml', before: workflowTemplate('workflow1', { 'train-steps': 10000 }), after: workflowTemplate('workflow1', { 'train-steps': 12345 }) },
    { env: 'dev', path: 'w2.yaml', after: workflowTemplate('workflow2') },
    { env: 'dev', path: 'old.yaml', before: workflowTemplate('old') },
    { env: 'dev', path: 'kustomization.yaml', before: kustomization(['old.yaml']), after: kustomization(['w2.yaml']) },
  ]);

  test('subject, per-environment lists, parameters and trailer', () => {
    expect(formatCommitMessage(summary, { sourceCommit: 'abc123' })).toBe(
      'kfops publish: dev, prod (1 added, 1 changed, 1 removed)\n\n' +
        'dev: 1 added, 1 removed (3 files)\n' +
        '  + WorkflowTemplate/workflow2\n' +
        '  - WorkflowTemplate/old\n' +
        '  ~ file kustomization.yaml\n' +
        'prod: 1 changed (1 file)\n' +
        '  ~ WorkflowTemplate/workflow1\n\n' +
        'Parameters:\n' +
        '  workflow1 train-steps: 10000 -> 12345 (prod)\n\n' +
        'Source-Commit: abc123\n',
    );
  });

  test('a given subject replaces the generated one; no trailer without a source commit', () => {
    const message = formatCommitMessage(summary, { subject: '  Release 7  ' });
    expect(message.split('\n').slice(0, 3)).toEqual(['Release 7', '', 'dev: 1 added, 1 removed (3 files)']);
    expect(message).not.toContain('Source-Commit');
  });

  test('only files changed', () => {
    const onlyFiles = summarizeChanges([{ env: 'dev', path: 'kustomization.yaml', before: 'a: 1\n', after: 'a: 2\n' }]);
    expect(formatSubject(onlyFiles)).toBe('kfops publish: dev (1 file changed)');
  });

  test('long lists are cut with a count of the rest', () => {
    const many = summarizeChanges(
      Array.from({ length: 45 }, (_, i) => ({ env: 'dev', path: `w${i}.yaml`, after: workflowTemplate(`w${String(i).padStart(2, '0')}`) })),
    );
    const lines = formatCommitMessage(many).split('\n');
    expect(lines.filter((l) => l.startsWith('  + '))).toHaveLength(40);
    expect(lines).toContain('  ... and 5 more');
  });
});
