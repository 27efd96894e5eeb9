import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { simpleGit } from 'simple-git';
import { diffCommand, DiffCommandOptions } from '../../lib/cli/diff-command';
import { commitAll, initRepo, makeTemp, removeTemp, writeFiles, writeTinyProject } from '../helpers/temp-git';

const FIXTURE = path.join(__dirname, '..', 'fixtures', 'diff', 'pr-train-steps');

const workflowTemplate = (steps: string) => [
  'apiVersion: argoproj.io/v1alpha1',
  'kind: WorkflowTemplate',
  'metadata:',
  '  name: workflow1',
  '  labels:',
  '    kfops.dev/pipeline: workflow1',
  'spec:',
  '  entrypoint: main',
  '  arguments:',
  '    parameters:',
  '      - name: train-steps',
  `        value: "${steps}"`,
  '  templates:',
  '    - name: main',
  '      dag:',
  '        tasks:',
  '          - name: train',
  '            template: train',
  '    - name: train',
  '      container:',
  '        image: trainer:1',
  '        args: ["--steps", "{{workflow.parameters.train-steps}}"]',
  '',
].join('\n');

async function run(options: Omit<DiffCommandOptions, 'write' | 'log'>) {
  let out = '';
  let log = '';
  const code = await diffCommand({ ...options, write: (t) => { out += t; }, log: (t) => { log += t; } });
  return { code, out, log };
}

describe('diffCommand on synthesized folders', () => {
  const dirs = { cwd: FIXTURE, baseDir: 'base', headDir: 'head' };

  test.each([
    ['changes without --exit-code', 0, { ...dirs }],
    ['changes with --exit-code', 1, { ...dirs, exitCode: true }],
    ['no changes with --exit-code', 0, { ...dirs, headDir: 'base', exitCode: true }],
    ['--out as head, changes with --exit-code', 1, { cwd: FIXTURE, baseDir: 'base', out: 'head', exitCode: true }],
  ])('%s: exit %i', async (_label, expected, options) => {
    expect((await run(options)).code).toBe(expected);
  });

  test.each([
    ['text', 'kfops diff: 1 changed'],
    ['markdown', '<!-- kfops-diff -->'],
    ['json', '"kfopsDiff": 1'],
  ] as const)('--format %s', async (format, expected) => {
    expect((await run({ ...dirs, format })).out).toContain(expected);
  });

  test('text is plain unless color is asked for (the CLI asks on a TTY without NO_COLOR)', async () => {
    expect((await run(dirs)).out).not.toContain('\x1b[');
    expect((await run({ ...dirs, color: true })).out).toContain('\x1b[1mkfops diff: 1 changed');
  });

  test.each([
    ['--base and --base-dir', { base: 'main', baseDir: 'base' }, '--base and --base-dir both given'],
    ['neither --base nor --base-dir', {}, 'missing --base <ref>'],
    ['--head and --head-dir', { baseDir: 'base', head: 'HEAD', headDir: 'head' }, '--head and --head-dir both given'],
    ['--head-dir and --out', { baseDir: 'base', headDir: 'head', out: 'head' }, '--head-dir and --out both given'],
    ['a missing folder', { baseDir: 'nope', headDir: 'head' }, 'no such folder'],
  ])('%s is exit 2', async (_label, options, message) => {
    await expect(run({ cwd: FIXTURE, ...options })).rejects.toMatchObject({ exitCode: 2, message: expect.stringContaining(message) });
  });
});

describe('diffCommand between git revisions', () => {
  let repo: string;

  beforeEach(async () => {
    repo = await makeTemp('diff-git');
    await initRepo(repo);
    await writeTinyProject(repo, { 'prod/workflowtemplate-workflow1.yaml': workflowTemplate('10000') });
    await commitAll(repo, 'pipeline');
    await writeTinyProject(repo, { 'prod/workflowtemplate-workflow1.yaml': workflowTemplate('12345') });
    await commitAll(repo, 'more training steps');
  });
  afterEach(() => removeTemp(repo));

  const worktrees = async () => (await simpleGit(repo).raw(['worktree', 'list', '--porcelain'])).split('\n').filter((l) => l.startsWith('worktree '));
  const leftovers = async () => (await fs.readdir(os.tmpdir())).filter((f) => f.startsWith('kfops-worktree-'));

  test('base..head of two commits shows the parameter change, and removes its worktrees', async () => {
    const before = await leftovers();
    const { code, out } = await run({ cwd: repo, base: 'HEAD~1', head: 'HEAD', exitCode: true });
    expect(code).toBe(1);
    expect(out).toContain('train-steps: 10000 -> 12345 (prod)');
    expect(await worktrees()).toEqual([`worktree ${repo}`]);
    expect((await leftovers()).filter((f) => !before.includes(f))).toEqual([]);
  });

  test('head defaults to the working tree, uncommitted edits included', async () => {
    await writeTinyProject(repo, { 'prod/workflowtemplate-workflow1.yaml': workflowTemplate('99') });
    const { out } = await run({ cwd: repo, base: 'HEAD', format: 'json' });
    expect(JSON.parse(out).summary.parameters).toEqual([
      { pipeline: 'workflow1', env: 'prod', parameter: 'train-steps', op: 'changed', before: '12345', after: '99' },
    ]);
  });

  test('a project in a subfolder of the repository is synthesized from the same subfolder', async () => {
    const sub = await makeTemp('diff-sub');
    try {
      await initRepo(sub);
      await writeTinyProject(path.join(sub, 'ml'), { 'prod/wt.yaml': workflowTemplate('1') });
      await commitAll(sub, 'one');
      await writeTinyProject(path.join(sub, 'ml'), { 'prod/wt.yaml': workflowTemplate('2') });
      const { out } = await run({ cwd: path.join(sub, 'ml'), base: 'HEAD' });
      expect(out).toContain('train-steps: 1 -> 2 (prod)');
    } finally {
      await removeTemp(sub);
    }
  });

  test('the same revision on both sides has no changes', async () => {
    expect((await run({ cwd: repo, base: 'HEAD', head: 'HEAD', exitCode: true })).code).toBe(0);
  });

  test('an unknown revision is exit 2 with a hint to fetch', async () => {
    await expect(run({ cwd: repo, base: 'origin/main' })).rejects.toMatchObject({
      exitCode: 2,
      message: expect.stringContaining("revision 'origin/main' not found"),
    });
  });

  test('a base whose synth fails is exit 2 and still removes the worktree', async () => {
    await writeFiles(repo, { 'objects.json': '{ broken' });
    await commitAll(repo, 'broken');
    await writeTinyProject(repo, { 'prod/workflowtemplate-workflow1.yaml': workflowTemplate('1') });
    await expect(run({ cwd: repo, base: 'HEAD' })).rejects.toMatchObject({
      exitCode: 2,
      message: expect.stringContaining("synthesizing revision 'HEAD' failed"),
    });
    expect(await worktrees()).toEqual([`worktree ${repo}`]);
  });

  test('a base from before kfops (no cdk8s.yaml) is an empty tree', async () => {
    const git = simpleGit(repo);
    await git.checkout(['--orphan', 'empty']);
    await git.rm(['-r', '--cached', '.']);
    await writeFiles(path.join(repo, 'readme-only'), { 'README.md': 'hi\n' });
    await git.add(['readme-only']);
    await git.commit('before kfops');
    await git.checkout(['-f', 'main']);
    const { out } = await run({ cwd: repo, base: 'empty' });
    expect(out).toContain('kfops diff: 0 changed, 1 added, 0 removed');
  });

  test('node_modules is linked when package-lock.json is unchanged, npm ci runs when it changed', async () => {
    // The app records how it found node_modules, so the synthesized output says how the base was installed.
    const app = [
      "const fs = require('fs'); const path = require('path');",
      "const nm = path.join(__dirname, 'node_modules');",
      "const how = !fs.existsSync(nm) ? 'none' : fs.lstatSync(nm).isSymbolicLink() ? 'linked' : 'installed';",
      "fs.mkdirSync(path.join(process.env.CDK8S_OUTDIR, 'dev'), { recursive: true });",
      "fs.writeFileSync(path.join(process.env.CDK8S_OUTDIR, 'dev', 'cm.yaml'), `apiVersion: v1\\nkind: ConfigMap\\nmetadata:\\n  name: install\\ndata:\\n  how: ${how}\\n`);",
      '',
    ].join('\n');
    const lock = (version: string) => `${JSON.stringify({ name: 'p', version, lockfileVersion: 3, requires: true, packages: { '': { name: 'p', version } } }, null, 2)}\n`;
    const pkg = (version: string) => `${JSON.stringify({ name: 'p', version, private: true })}\n`;
    await writeFiles(repo, { 'synth.js': app, 'package.json': pkg('1.0.0'), 'package-lock.json': lock('1.0.0') });
    await commitAll(repo, 'lock 1');
    await fs.mkdir(path.join(repo, 'node_modules'));
    // Same lock as HEAD: the base links the working tree's node_modules; the head (working tree) has a real folder.
    const linked = JSON.parse((await run({ cwd: repo, base: 'HEAD', format: 'json' })).out);
    expect(linked.objects[0].changes).toEqual([expect.objectContaining({ path: 'data.how', before: 'linked', after: 'installed' })]);
    // Different lock: npm ci installs into the worktree instead of linking (no dependencies, so it works offline
    // and leaves no node_modules behind).
    await writeFiles(repo, { 'package.json': pkg('2.0.0'), 'package-lock.json': lock('2.0.0') });
    const { out, log } = await run({ cwd: repo, base: 'HEAD', format: 'json' });
    expect(JSON.parse(out).objects[0].changes).toEqual([expect.objectContaining({ path: 'data.how', before: 'none', after: 'installed' })]);
    expect(log).toContain('installed dependencies of HEAD with npm ci');
  });
});
