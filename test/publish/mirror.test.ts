import { blobId } from '../../lib/publish/blob-id';
import { DeployTree, findUnsafePaths, planMirror, TreeEntry } from '../../lib/publish/mirror';
import { OutputEnvironment } from '../../lib/publish/output-folder';

/** An output environment holding `files` (path -> text). */
function env(name: string, files: Record<string, string>): OutputEnvironment {
  return {
    name,
    files: Object.entries(files).map(([p, text]) => {
      const bytes = Buffer.from(text);
      return { path: p, bytes, blob: blobId(bytes) };
    }),
  };
}

const file = (text: string): TreeEntry => ({ mode: '100644', id: blobId(Buffer.from(text)) });
const link = (target: string): TreeEntry => ({ mode: '120000', id: blobId(Buffer.from(target)) });
const submodule: TreeEntry = { mode: '160000', id: 'a'.repeat(40) };

function tree(entries: Record<string, TreeEntry>): DeployTree {
  return new Map(Object.entries(entries));
}

/** The plan as `op target` lines. */
function ops(t: DeployTree, dir: string, envs: OutputEnvironment[]): string[] {
  return planMirror(t, dir, envs).map((c) => `${c.before ? (c.after ? '~' : '-') : '+'} ${c.target}`);
}

describe('planMirror', () => {
  test('adds, changes and deletes files, nested folders included; same content is no change', () => {
    const t = tree({ 'prod/a.yaml': file('a: 1\n'), 'prod/same.yaml': file('s\n'), 'prod/old/gone.yaml': file('x\n'), 'README.md': file('r') });
    expect(ops(t, '.', [env('prod', { 'a.yaml': 'a: 2\n', 'same.yaml': 's\n', 'serving/svc.yaml': 'new\n' })])).toEqual([
      '~ prod/a.yaml',
      '- prod/old/gone.yaml',
      '+ prod/serving/svc.yaml',
    ]);
  });

  test('dotfiles, dot-folders and construct-metadata.json in the deploy repo are left alone', () => {
    const t = tree({ 'dev/.gitkeep': file(''), 'dev/.argocd/config': file('keep'), 'dev/construct-metadata.json': file('old'), 'dev/sub/.keep': file('') });
    expect(ops(t, '.', [env('dev', { 'a.yaml': 'a\n' })])).toEqual(['+ dev/a.yaml']);
  });

  test('--dir: only <dir>/<env>/ is mirrored, the same env name elsewhere is not touched', () => {
    const t = tree({ 'dev/x.yaml': file('x'), 'clusters/ml/dev/y.yaml': file('y') });
    expect(ops(t, 'clusters/ml', [env('dev', { 'a.yaml': 'a\n' })])).toEqual(['+ clusters/ml/dev/a.yaml', '- clusters/ml/dev/y.yaml']);
  });

  test('a file may replace a folder and the other way round', () => {
    const t = tree({ 'dev/serving/x.yaml': file('x'), 'dev/jobs': file('was a file') });
    expect(ops(t, '.', [env('dev', { serving: 'now a file\n', 'jobs/a.yaml': 'a\n' })])).toEqual([
      '- dev/jobs', '+ dev/jobs/a.yaml', '+ dev/serving', '- dev/serving/x.yaml',
    ]);
  });

  test.each([
    ['the environment folder', 'dev', '.'],
    ['a --dir folder', 'clusters', 'clusters/ml'],
  ])('a file where %s goes is an error', (_what, at, dir) => {
    expect(() => planMirror(tree({ [at]: file('a file') }), dir, [env('dev', { 'a.yaml': 'a\n' })])).toThrow(
      `the deploy repo has a file at ${at}, where a folder kfops writes into goes (rename or delete that file, or pass another --dir)`,
    );
  });
});

describe('findUnsafePaths', () => {
  const output = [env('dev', { 'a.yaml': 'a\n', 'serving/svc.yaml': 's\n' })];
  const unsafe = (entries: Record<string, TreeEntry>, dir = '.') => {
    const t = tree(entries);
    return findUnsafePaths(t, planMirror(t, dir, output)).map((u) => [u.path, u.entry.mode, u.asWritten ?? '']);
  };

  test.each<[string, Record<string, TreeEntry>, string, string[][]]>([
    ['the environment folder is a link', { dev: link('/outside') }, '.', [['dev', '120000', '']]],
    ['a --dir folder is a link', { clusters: link('/outside') }, 'clusters/ml', [['clusters', '120000', '']]],
    ['a folder below the environment is a link', { 'dev/serving': link('../x') }, '.', [['dev/serving', '120000', '']]],
    ['a file kfops replaces is a link', { 'dev/a.yaml': link('/etc/passwd') }, '.', [['dev/a.yaml', '120000', '']]],
    ['a file kfops deletes is a link', { 'dev/stale.yaml': link('/outside/x') }, '.', [['dev/stale.yaml', '120000', '']]],
    ['the environment folder is a submodule', { dev: submodule }, '.', [['dev', '160000', '']]],
    ['a submodule below the environment', { 'dev/vendor': submodule }, '.', [['dev/vendor', '160000', '']]],
    ['a link that differs in case only', { DEV: link('/outside') }, '.', [['DEV', '120000', 'dev']]],
    ['a --dir link that differs in case only', { Clusters: link('/outside') }, 'clusters', [['Clusters', '120000', 'clusters']]],
    ['a link below the environment beside a folder that differs in case', { 'dev/Serving': link('/outside') }, '.', [['dev/Serving', '120000', '']]],
  ])('%s', (_name, entries, dir, expected) => {
    expect(unsafe(entries, dir)).toEqual(expected);
  });

  test('every offender is named, sorted', () => {
    expect(unsafe({ 'dev/stale.yaml': link('/x'), dev_other: link('/y'), 'dev/vendor': submodule }).map((u) => u[0])).toEqual([
      'dev/stale.yaml', 'dev/vendor',
    ]);
  });

  test('links and submodules kfops does not write through are fine', () => {
    expect(unsafe({ 'team-b/current': link('/outside'), 'dev/.argocd': link('/outside'), vendor: submodule, 'dev/a.yaml': file('a\n') })).toEqual([]);
  });

  test('a composed and a decomposed é are the same name', () => {
    const t = tree({ 'caf\u00e9': link('/outside') });
    const plan = planMirror(t, '.', [env('cafe\u0301', { 'a.yaml': 'a\n' })]);
    expect(findUnsafePaths(t, plan).map((u) => u.path)).toEqual(['caf\u00e9']);
  });
});
