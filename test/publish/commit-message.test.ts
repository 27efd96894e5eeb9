import { execFileSync } from 'child_process';
import { ChangeSummary, summarizeChanges } from '../../lib/publish/change-summary';
import { formatCommitMessage, formatSubject } from '../../lib/publish/commit-message';
import { UserError } from '../../lib/user-error';
import { git, removeTempDirs, tempDir } from '../helpers/git-repos';
import { corpus } from './hostile-corpus';
import { kustomization, workflowTemplate } from './manifests';

afterAll(removeTempDirs);

const SHA = '4f1c2e0b9d4f1c2e0b9d4f1c2e0b9d4f1c2e0b9d';

describe('formatCommitMessage', () => {
  const summary = summarizeChanges([
    { env: 'prod', path: 'w1.yaml', change: 'changed' as const, before: workflowTemplate('workflow1', { 'train-steps': 10000 }), after: workflowTemplate('workflow1', { 'train-steps': 12345 }) },
    { env: 'dev', path: 'w2.yaml', change: 'added' as const, after: workflowTemplate('workflow2') },
    { env: 'dev', path: 'old.yaml', change: 'removed' as const, before: workflowTemplate('old') },
    { env: 'dev', path: 'kustomization.yaml', change: 'changed' as const, before: kustomization(['old.yaml']), after: kustomization(['w2.yaml']) },
  ]);

  test('subject, per-environment lists, parameters and trailer', () => {
    expect(formatCommitMessage(summary, { sourceCommit: 'abc1234' })).toBe(
      'kfops publish: dev, prod (1 added, 1 changed, 1 removed)\n\n' +
        'Changes in dev: 1 added, 1 removed (3 files)\n' +
        '  + WorkflowTemplate/workflow2\n' +
        '  - WorkflowTemplate/old\n' +
        '  ~ file kustomization.yaml\n' +
        'Changes in prod: 1 changed (1 file)\n' +
        '  ~ WorkflowTemplate/workflow1\n\n' +
        'Parameter changes:\n' +
        '  workflow1 train-steps: 10000 -> 12345 (prod)\n\n' +
        'Source-Commit: abc1234\n',
    );
  });

  test('a given subject replaces the generated one, as one line; no trailer without a source commit', () => {
    const message = formatCommitMessage(summary, { subject: '  Release 7\n\nSource-Commit: forged  ' });
    expect(message.split('\n').slice(0, 3)).toEqual(['Release 7 Source-Commit: forged', '', 'Changes in dev: 1 added, 1 removed (3 files)']);
    expect(trailers(message)).toBe('');
  });

  test('a source commit that is no commit id is refused', () => {
    expect(() => formatCommitMessage(summary, { sourceCommit: 'abc\nSigned-off-by: x' })).toThrow(UserError);
    expect(() => formatCommitMessage(summary, { sourceCommit: 'abc\nSigned-off-by: x' })).toThrow(
      'source commit "abc\\nSigned-off-by: x" is not a commit id (expected 7 to 64 hex digits)',
    );
  });

  test('only files changed', () => {
    const onlyFiles = summarizeChanges([{ env: 'dev', path: 'kustomization.yaml', change: 'changed' as const, before: 'a: 1\n', after: 'a: 2\n' }]);
    expect(formatSubject(onlyFiles)).toBe('kfops publish: dev (1 file changed)');
  });

  test('long lists are cut with a count of the rest', () => {
    const many = summarizeChanges(
      Array.from({ length: 45 }, (_, i) => ({ env: 'dev', path: `w${i}.yaml`, change: 'added' as const, after: workflowTemplate(`w${String(i).padStart(2, '0')}`) })),
    );
    const lines = formatCommitMessage(many).split('\n');
    expect(lines.filter((l) => l.startsWith('  + '))).toHaveLength(40);
    expect(lines).toContain('  ... and 5 more');
  });
});

/** The trailers git finds in `message` (`git interpret-trailers --parse`), with or without the `---` divider rule. */
function trailers(message: string, noDivider = false): string {
  return execFileSync('git', ['interpret-trailers', '--parse', ...(noDivider ? ['--no-divider'] : [])], { input: message, encoding: 'utf8' });
}

describe('values from the manifests cannot forge trailers (test/fixtures/hostile/publish/commit-values.yaml)', () => {
  /** A summary in which `value` is every name and value a commit message shows. */
  function hostileSummary(value: string): ChangeSummary {
    return {
      environments: [{
        env: value,
        files: 2,
        added: [{ kind: 'WorkflowTemplate', name: value }],
        changed: [{ kind: value, name: 'w' }],
        removed: [],
        otherFiles: [{ path: value, change: 'added' }],
        parameters: [{ pipeline: value, env: value, parameter: value, before: value, after: value, op: 'changed' }],
      }],
    };
  }

  const repo = tempDir('kfops-trailers-');
  git(repo, ['init', '--quiet']);
  const tree = git(repo, ['write-tree']).trim();

  test.each(corpus<string[]>('commit-values.yaml').map((v) => [JSON.stringify(v), v] as const))('%s', (_shown, value) => {
    const withTrailer = formatCommitMessage(hostileSummary(value), { sourceCommit: SHA });
    const without = formatCommitMessage(hostileSummary(value));

    expect(trailers(withTrailer)).toBe(`Source-Commit: ${SHA}\n`);
    expect(trailers(withTrailer, true)).toBe(`Source-Commit: ${SHA}\n`);
    expect(trailers(without)).toBe('');
    expect(trailers(without, true)).toBe('');
    // Every line is kfops' own: the subject, a fixed heading, an indented item, a blank, or the trailer.
    for (const line of withTrailer.split('\n').slice(1)) {
      expect(line).toMatch(/^$|^Changes in |^ {2}\S|^Parameter changes:$|^Source-Commit: [0-9a-f]+$/);
    }
    // And git reads the same from a real commit with that message.
    const commit = execFileSync('git', ['commit-tree', tree], { cwd: repo, input: withTrailer, encoding: 'utf8' }).trim();
    expect(git(repo, ['log', '-1', '--format=%(trailers)', commit])).toBe(`Source-Commit: ${SHA}\n\n`);
  });
});
