import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { synth } from '../../lib/synth/synth';
import { treeBytes as readTree } from '../helpers/tree-bytes';

const repo = path.resolve(__dirname, '..', '..');
const HOSTILE = path.join(repo, 'test', 'fixtures', 'hostile', 'synth');
const TINY_APP = path.join(HOSTILE, 'tiny-app.ts');

function tempProject(app?: string): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'kfops-synth-')));
  if (app !== undefined) fs.writeFileSync(path.join(dir, 'cdk8s.yaml'), `app: ${JSON.stringify(app)}\n`);
  return dir;
}

/** A project whose app is plain node running `lines`, so the tests that need no KfopsApp stay fast. */
function nodeAppProject(lines: readonly string[]): string {
  const dir = tempProject('node app.js');
  fs.writeFileSync(path.join(dir, 'app.js'), [...lines, ''].join('\n'));
  return dir;
}

/** A project whose app writes one object. */
function plainProject(): string {
  return nodeAppProject([
    "const fs = require('fs');",
    "fs.mkdirSync(process.env.CDK8S_OUTDIR + '/dev', { recursive: true });",
    "fs.writeFileSync(process.env.CDK8S_OUTDIR + '/dev/configmap-settings.yaml', 'kind: ConfigMap\\n');",
  ]);
}

/** The construct metadata synth adds to the output of an app that writes none, so the folder is known as its own. */
const MARKER = { 'construct-metadata.json': '{\n  "version": "1.0.0",\n  "resources": {}\n}\n' };

/** What an earlier synth left: a manifest, and the construct metadata every synth output has at its top. */
const OLD_OUTPUT = { 'construct-metadata.json': '{}\n', 'dev/kept.yaml': 'a: 1\n' };

function withOldOutput(project: string): void {
  fs.mkdirSync(path.join(project, 'dist', 'dev'), { recursive: true });
  for (const [file, content] of Object.entries(OLD_OUTPUT)) fs.writeFileSync(path.join(project, 'dist', file), content);
}

describe('synth', () => {
  test('is deterministic: two synths of the example app produce identical bytes', async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kfops-det-'));
    const a = await synth({ cwd: repo, outdir: path.join(tmp, 'a') });
    const b = await synth({ cwd: repo, outdir: path.join(tmp, 'b') });
    const treeA = readTree(a);
    expect(Object.keys(treeA).length).toBeGreaterThan(2);
    expect(readTree(b)).toEqual(treeA);
  });

  test('a failing app leaves the previous output as it was and reports the app\'s error', async () => {
    const project = tempProject('node -e "console.error(\'[dev/p] broken pipeline\'); process.exit(1)"');
    withOldOutput(project);
    await expect(synth({ cwd: project })).rejects.toMatchObject({ message: 'synth failed: [dev/p] broken pipeline', exitCode: 1 });
    expect(readTree(path.join(project, 'dist'))).toEqual(OLD_OUTPUT);
    expect(fs.readdirSync(project).sort()).toEqual(['.kfops', 'cdk8s.yaml', 'dist']);
    expect(fs.readdirSync(path.join(project, '.kfops', 'synth'))).toEqual([]);
  });

  test('an app whose error output holds a bundle-long line or floods stderr is shown by its head, lines cut short', async () => {
    const project = nodeAppProject([
      "process.stderr.write('x'.repeat(100000) + '\\n');",
      "process.stderr.write('Error: the real message\\n');",
      "for (let i = 0; i < 5000; i++) process.stderr.write('    at frame ' + i + '\\n');",
      'process.exitCode = 1;',
    ]);
    const failure = await synth({ cwd: project }).then(() => undefined, (err: Error) => err);
    const lines = (failure as Error).message.split('\n');
    expect(lines[1]).toBe(`${'x'.repeat(400)}... (99600 more characters)`);
    expect(lines[2]).toBe('Error: the real message');
    expect(lines.length).toBeLessThanOrEqual(62);
    expect(lines[lines.length - 1]).toBe('... (4942 more lines)');
  });

  test('an app that crashes other than with exit 1 is exit 2, its error output kept whole', async () => {
    const project = tempProject('node -e "console.error(\'line one\'); console.error(\'line two\'); process.exit(3)"');
    await expect(synth({ cwd: project })).rejects.toMatchObject({ message: 'synth failed:\nline one\nline two', exitCode: 2 });
  });

  test('a successful app replaces the output folder whole, staging under .kfops/ which ignores itself', async () => {
    const project = tempProject('node -e "const fs=require(\'fs\');fs.mkdirSync(process.env.CDK8S_OUTDIR+\'/dev\',{recursive:true});fs.writeFileSync(process.env.CDK8S_OUTDIR+\'/dev/new.yaml\',\'b: 2\\n\');console.log(process.env.CDK8S_OUTDIR)"');
    withOldOutput(project);
    await synth({ cwd: project });
    expect(readTree(path.join(project, 'dist'))).toEqual({ ...MARKER, 'dev/new.yaml': 'b: 2\n' });
    expect(fs.readdirSync(project).sort()).toEqual(['.kfops', 'cdk8s.yaml', 'dist']);
    expect(fs.readFileSync(path.join(project, '.kfops', '.gitignore'), 'utf8')).toMatch(/^\*$/m);
  });

  test('an output folder outside the project is staged beside it, and nothing stays there', async () => {
    const project = plainProject();
    const elsewhere = tempProject();
    await synth({ cwd: project, outdir: path.join(elsewhere, 'out') });
    expect(fs.readdirSync(elsewhere)).toEqual(['out']);
    expect(readTree(path.join(elsewhere, 'out'))).toEqual({ ...MARKER, 'dev/configmap-settings.yaml': 'kind: ConfigMap\n' });
    expect(fs.readdirSync(project).sort()).toEqual(['app.js', 'cdk8s.yaml']);
  });

  test('stale staging folders of dead synths are removed at start; live ones are left alone', async () => {
    const project = plainProject();
    const state = path.join(project, '.kfops', 'synth');
    // A pid past the kernel's limit is never a live process.
    const dead = path.join(state, 'stage-99999999-0badf00d');
    const live = path.join(state, `stage-${process.pid}-00c0ffee`);
    for (const dir of [dead, path.join(state, 'old-99999999-0badf00d'), live]) fs.mkdirSync(path.join(dir, 'dev'), { recursive: true });
    await synth({ cwd: project });
    expect(fs.readdirSync(state)).toEqual([path.basename(live)]);
  });

  test.each([
    ['022', '755', '644'],
    ['027', '750', '640'],
    ['002', '775', '664'],
  ])('the output honours umask %s: folders %s, files %s', async (umask, dirMode, fileMode) => {
    const project = plainProject();
    const previous = process.umask(parseInt(umask, 8));
    try {
      await synth({ cwd: project });
    } finally {
      process.umask(previous);
    }
    const mode = (p: string) => (fs.statSync(path.join(project, p)).mode & 0o777).toString(8);
    expect([mode('dist'), mode('dist/dev'), mode('dist/dev/configmap-settings.yaml')]).toEqual([dirMode, dirMode, fileMode]);
  });

  test('a missing or broken cdk8s.yaml is a clear error', async () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'kfops-none-'));
    await expect(synth({ cwd: empty })).rejects.toThrow('cdk8s.yaml: not found (run kfops from the project root');
    fs.writeFileSync(path.join(empty, 'cdk8s.yaml'), 'output: dist\n');
    await expect(synth({ cwd: empty })).rejects.toThrow("'app' must be the command that runs the app");
  });
});

describe('synth --app FILE', () => {
  test('synthesizes any app file, into dist/ when there is no cdk8s.yaml', async () => {
    const project = tempProject();
    expect(await synth({ cwd: project, app: TINY_APP })).toBe(path.join(project, 'dist'));
    expect(Object.keys(readTree(path.join(project, 'dist'))).sort()).toEqual(['construct-metadata.json', 'dev/configmap-settings.yaml', 'dev/kustomization.yaml']);
  });

  test("into cdk8s.yaml's output folder when there is one, ignoring its app", async () => {
    const project = tempProject('node -e "process.exit(1)"');
    fs.appendFileSync(path.join(project, 'cdk8s.yaml'), 'output: manifests\n');
    await synth({ cwd: project, app: TINY_APP });
    expect(fs.readdirSync(path.join(project, 'manifests', 'dev'))).toContain('configmap-settings.yaml');
  });

  test('a file that does not exist is exit 2', async () => {
    await expect(synth({ cwd: tempProject(), app: 'nope.ts' })).rejects.toMatchObject({
      message: "--app nope.ts: no such file (give the app's entry file, e.g. --app pipelines/main.ts)", exitCode: 2,
    });
  });
});

describe('empty output is not a success', () => {
  test('an app that exits 0 before app.synth() keeps the previous output and names the app and the fix', async () => {
    const project = tempProject();
    withOldOutput(project);
    const app = path.join(HOSTILE, 'exit-early-app.ts');
    await expect(synth({ cwd: project, app })).rejects.toMatchObject({
      exitCode: 1,
      message: `synth failed: the app '${app}' exited 0 but wrote nothing into its output folder; it must call app.synth() `
        + '(KfopsApp.main does) and not exit before it. dist was left as it was (--allow-empty accepts empty output)',
    });
    expect(readTree(path.join(project, 'dist'))).toEqual(OLD_OUTPUT);
    expect(fs.readdirSync(path.join(project, '.kfops', 'synth'))).toEqual([]);
  });

  test('an app with no objects where the output folder had some keeps it, unless --allow-empty', async () => {
    const project = tempProject();
    withOldOutput(project);
    const app = path.join(HOSTILE, 'no-objects-app.ts');
    await expect(synth({ cwd: project, app })).rejects.toThrow(`synth failed: the app '${app}' produced no objects, where dist has 1 `
      + 'manifest file; dist was left as it was (if removing every object is intended, synth again with --allow-empty)');
    expect(readTree(path.join(project, 'dist'))).toEqual(OLD_OUTPUT);
    await synth({ cwd: project, app, allowEmpty: true });
    expect(Object.keys(readTree(path.join(project, 'dist'))).sort()).toEqual(['construct-metadata.json', 'dev/kustomization.yaml']);
  });

  test('no objects into an output folder that had none is fine', async () => {
    const project = tempProject();
    await synth({ cwd: project, app: path.join(HOSTILE, 'no-objects-app.ts') });
    expect(fs.existsSync(path.join(project, 'dist', 'dev', 'kustomization.yaml'))).toBe(true);
  });
});

describe('output folders synth refuses to replace', () => {
  test.each([
    ['the project itself', '.', 'the output folder . is the project folder or holds it'],
    ['a folder above the project', '..', 'is the project folder or holds it'],
  ])('%s', async (_label, out, message) => {
    const project = tempProject();
    await expect(synth({ cwd: project, app: TINY_APP, outdir: out })).rejects.toMatchObject({ message: expect.stringContaining(message), exitCode: 2 });
  });

  test.each([
    ['its own git history: .git', '.git', 'is a git directory'],
    ['a folder inside .git', '.git/refs', 'is inside the git directory'],
    ['the committed CRDs: imports/', 'imports', 'holds files synth did not write (imports/tfjob-crd.yaml): it has no construct-metadata.json'],
    ['the params files: pipelines/params', 'pipelines/params', 'holds files synth did not write (pipelines/params/dev.yaml)'],
    ['the sources: pipelines/', 'pipelines', 'holds files synth did not write (pipelines/main.ts, pipelines/params)'],
    ['a bare repository', 'backup.git', 'is a git repository (it has HEAD, objects/ and refs/)'],
    ['the work tree of another repository', 'vendor', 'holds a .git: it is the work tree of a git repository'],
  ])('%s is refused, and nothing in it changes', async (_label, out, message) => {
    const project = tempProject();
    git(project, 'init', '--quiet');
    for (const [file, content] of Object.entries({
      'imports/tfjob-crd.yaml': 'kind: CustomResourceDefinition\n', 'pipelines/main.ts': '// the user\'s work\n',
      'pipelines/params/dev.yaml': 'workflow1: {}\n',
    })) {
      fs.mkdirSync(path.dirname(path.join(project, file)), { recursive: true });
      fs.writeFileSync(path.join(project, file), content);
    }
    git(project, 'add', '.');
    git(project, '-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '--quiet', '-m', 'sources');
    git(project, 'clone', '--quiet', '--bare', '.', 'backup.git');
    git(project, 'clone', '--quiet', '.', 'vendor');
    const before = readTree(project);

    const error = await synth({ cwd: project, app: TINY_APP, outdir: out }).catch((e: unknown) => e);
    expect(error).toMatchObject({ exitCode: 2 });
    expect((error as Error).message).toMatch(new RegExp(`^the output folder ${escape(out)} `));
    expect((error as Error).message).toContain(message);
    expect((error as Error).message).toContain('choose a folder only synth writes (e.g. --out dist)');
    expect(readTree(project)).toEqual(before);
    expect(git(project, 'log', '--format=%s')).toBe('sources\n');
  });

  test.each([
    ['missing', () => undefined],
    ['empty', (dir: string) => fs.mkdirSync(dir)],
    ['one synth made (construct-metadata.json at its top)', (dir: string) => {
      fs.mkdirSync(path.join(dir, 'dev'), { recursive: true });
      fs.writeFileSync(path.join(dir, 'construct-metadata.json'), '{}\n');
      fs.writeFileSync(path.join(dir, 'dev', 'old.yaml'), 'kind: ConfigMap\n');
    }],
  ])('an output folder that is %s is replaced', async (_label, make) => {
    const project = plainProject();
    make(path.join(project, 'out'));
    await synth({ cwd: project, outdir: 'out', allowEmpty: true });
    expect(readTree(path.join(project, 'out'))).toEqual({ ...MARKER, 'dev/configmap-settings.yaml': 'kind: ConfigMap\n' });
  });
});

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8' });
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
