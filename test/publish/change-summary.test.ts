import { summarizeChanges } from '../../lib/publish/change-summary';
import { FileChange } from '../../lib/publish/mirror';
import { cronWorkflow, kustomization, workflowTemplate } from './manifests';

const TEMPLATE = { kind: 'WorkflowTemplate', name: 'workflow1', namespace: 'ml' };

describe('summarizeChanges', () => {
  test('objects added, changed and removed per environment, sorted', () => {
    const changes: FileChange[] = [
      { env: 'prod', path: 'workflow1.yaml', change: 'changed', before: workflowTemplate('workflow1', { steps: 1 }), after: workflowTemplate('workflow1', { steps: 2 }) },
      { env: 'dev', path: 'cron.yaml', change: 'removed', before: cronWorkflow('workflow1') },
      { env: 'dev', path: 'b.yaml', change: 'added', after: workflowTemplate('b') },
      { env: 'dev', path: 'a.yaml', change: 'added', after: workflowTemplate('a') },
    ];

    const summary = summarizeChanges(changes);

    expect(summary.environments.map((e) => e.env)).toEqual(['dev', 'prod']);
    expect(summary.environments[0]).toMatchObject({
      files: 3,
      added: [{ kind: 'WorkflowTemplate', name: 'a' }, { kind: 'WorkflowTemplate', name: 'b' }],
      changed: [],
      removed: [{ kind: 'CronWorkflow', name: 'workflow1' }],
      otherFiles: [],
      parameters: [],
    });
    expect(summary.environments[1]).toMatchObject({ changed: [TEMPLATE], parameters: [{ parameter: 'steps', before: '1', after: '2' }] });
  });

  test('an object moved to another file unchanged is no object change', () => {
    const summary = summarizeChanges([
      { env: 'dev', path: 'old-name.yaml', change: 'removed', before: workflowTemplate('workflow1') },
      { env: 'dev', path: 'new-name.yaml', change: 'added', after: workflowTemplate('workflow1') },
    ]);
    expect(summary.environments[0]).toMatchObject({ files: 2, added: [], changed: [], removed: [], otherFiles: [] });
  });

  test('files without objects are listed as files', () => {
    const summary = summarizeChanges([
      { env: 'dev', path: 'kustomization.yaml', change: 'changed', before: kustomization(['a.yaml']), after: kustomization(['b.yaml']) },
      { env: 'dev', path: 'broken.yaml', change: 'added', after: 'key: [unclosed\n' },
      { env: 'dev', path: 'notes.txt', change: 'removed', before: 'old\n' },
    ]);
    expect(summary.environments[0].otherFiles).toEqual([
      { path: 'kustomization.yaml', change: 'changed' },
      { path: 'broken.yaml', change: 'added' },
      { path: 'notes.txt', change: 'removed' },
    ]);
  });

  test('multi-document files and generateName objects', () => {
    const hook = 'apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata:\n  generateName: train-on-sync-\n';
    const summary = summarizeChanges([{ env: 'dev', path: 'all.yaml', change: 'added', after: `${workflowTemplate('a')}---\n${hook}` }]);
    expect(summary.environments[0].added).toEqual([
      { kind: 'Workflow', name: 'train-on-sync-' },
      { kind: 'WorkflowTemplate', name: 'a', namespace: 'ml' },
    ]);
  });

  test.each([
    ['a changed value', { steps: 1 }, { steps: 2 }, [{ parameter: 'steps', op: 'changed', before: '1', after: '2' }]],
    ['a new parameter', {}, { lr: '0.1' }, [{ parameter: 'lr', op: 'added', after: '0.1' }]],
    ['a removed parameter', { lr: '0.1' }, {}, [{ parameter: 'lr', op: 'removed', before: '0.1' }]],
    ['no parameter change', { steps: 1 }, { steps: 1 }, []],
  ])('parameters: %s', (_name, before, after, expected) => {
    const old = workflowTemplate('w', before);
    // An image change makes the object differ even when no parameter does.
    const next = workflowTemplate('w', after).replace('busybox', 'busybox:2');
    const summary = summarizeChanges([{ env: 'prod', path: 'w.yaml', change: 'changed', before: old, after: next }]);
    expect(summary.environments[0].parameters.map(({ pipeline, env, ...p }) => {
      expect({ pipeline, env }).toEqual({ pipeline: 'w', env: 'prod' });
      return p;
    })).toEqual(expected);
  });

  test('a file too large to read is listed as a changed file, whatever it holds', () => {
    const summary = summarizeChanges([
      { env: 'dev', path: 'huge.yaml', change: 'changed', tooLarge: true },
      { env: 'dev', path: 'a.yaml', change: 'added', after: workflowTemplate('a') },
    ]);
    expect(summary.environments[0]).toMatchObject({
      files: 2, added: [{ kind: 'WorkflowTemplate', name: 'a' }], otherFiles: [{ path: 'huge.yaml', change: 'changed', tooLarge: true }],
    });
  });

  test('CronWorkflow parameters live under spec.workflowSpec', () => {
    const cron = (steps: number) =>
      'apiVersion: argoproj.io/v1alpha1\nkind: CronWorkflow\nmetadata:\n  name: nightly\n' +
      `spec:\n  schedule: "0 3 * * *"\n  workflowSpec:\n    arguments:\n      parameters:\n        - name: steps\n          value: ${steps}\n`;
    const summary = summarizeChanges([{ env: 'prod', path: 'c.yaml', change: 'changed', before: cron(1), after: cron(5) }]);
    expect(summary.environments[0].parameters).toEqual([
      { pipeline: 'nightly', env: 'prod', parameter: 'steps', op: 'changed', before: '1', after: '5' },
    ]);
  });
});
