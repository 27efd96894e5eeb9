import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse } from 'yaml';
import { initCommand } from '../../lib/cli/init-command';
import { main } from '../../lib/cli/main';
import { packageName } from '../../lib/init/project-files';

const ROOT = path.join(__dirname, '..', '..');
const KFOPS = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

/** Every file the scaffold holds, relative and sorted; what `kfops init` must write. */
const PROJECT_FILES = [
  '.github/workflows/kfops.yml',
  '.gitignore',
  'README.md',
  'cdk8s.yaml',
  'imports/tfjob-crd.yaml',
  'package.json',
  'pipelines/environments.ts',
  'pipelines/main.ts',
  'pipelines/params/dev.yaml',
  'pipelines/train-pipeline.ts',
  'test/train-pipeline.test.ts',
  'tsconfig.json',
];

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'kfops-init-'));
}

/** Files under `dir`, relative and sorted. */
function filesOf(dir: string, prefix = ''): string[] {
  return fs.readdirSync(path.join(dir, prefix), { withFileTypes: true }).flatMap((e) => {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    return e.isDirectory() ? filesOf(dir, rel) : [rel];
  }).sort();
}

async function init(cwd: string, dir?: string, force?: boolean): Promise<{ code: number; out: string }> {
  let out = '';
  const code = await initCommand({ cwd, dir, force, write: (text) => { out += text; } });
  return { code, out };
}

describe('kfops init', () => {
  test('creates a missing folder (and its parents) with the whole project, and says what to run next', async () => {
    const cwd = tempDir();
    const { code, out } = await init(cwd, 'teams/My Pipelines');
    const project = path.join(cwd, 'teams', 'My Pipelines');
    expect(code).toBe(0);
    expect(filesOf(project)).toEqual(PROJECT_FILES);
    expect(out).toContain(`kfops init: wrote ${PROJECT_FILES.length} files to teams/My Pipelines/ (kfops ${KFOPS.version})`);
    expect(out).toContain('cd teams/My Pipelines\n  npm install');
  });

  test('package.json depends on the running kfops and pins what kfops is built and tested with', async () => {
    const cwd = tempDir();
    await init(cwd);
    const manifest = JSON.parse(fs.readFileSync(path.join(cwd, 'package.json'), 'utf8'));
    expect(manifest.name).toBe(packageName(path.basename(cwd)));
    expect(manifest.dependencies).toEqual({
      kfops: `^${KFOPS.version}`,
      cdk8s: KFOPS.dependencies.cdk8s,
      'cdk8s-plus-27': KFOPS.dependencies['cdk8s-plus-27'],
      constructs: KFOPS.dependencies.constructs,
    });
    expect(manifest.devDependencies).toMatchObject({
      typescript: KFOPS.devDependencies.typescript, jest: KFOPS.devDependencies.jest, tsx: KFOPS.dependencies.tsx,
    });
    expect(manifest.scripts).toMatchObject({ synth: 'kfops synth', test: 'tsc --noEmit && jest' });
    expect(manifest.engines).toEqual(KFOPS.engines);
  });

  test('cdk8s.yaml runs the app and loads the installed kfops validation plugin at this version', async () => {
    const cwd = tempDir();
    await init(cwd);
    const config = parse(fs.readFileSync(path.join(cwd, 'cdk8s.yaml'), 'utf8'));
    expect(config).toMatchObject({ app: 'node --require tsx/cjs pipelines/main.ts', output: 'dist', imports: ['imports/tfjob-crd.yaml'] });
    expect(config.validations).toEqual([{
      package: './node_modules/kfops/lib/validate/cdk8s-plugin-entry.js', version: KFOPS.version, class: 'KfopsValidation', properties: { strict: false },
    }]);
  });

  test('the TFJob CRD and the CI workflow are the very files this repository uses', async () => {
    const cwd = tempDir();
    await init(cwd);
    const same = (file: string) => expect(fs.readFileSync(path.join(cwd, file), 'utf8')).toBe(fs.readFileSync(path.join(ROOT, file), 'utf8'));
    same('imports/tfjob-crd.yaml');
    same('.github/workflows/kfops.yml');
  });

  test('refuses a non-empty folder, naming what is in it, and writes nothing', async () => {
    const cwd = tempDir();
    fs.writeFileSync(path.join(cwd, 'notes.md'), 'mine');
    fs.mkdirSync(path.join(cwd, 'src'));
    await expect(init(cwd)).rejects.toMatchObject({
      exitCode: 2,
      message: expect.stringMatching(/^\S+ is not empty \(notes\.md, src\/\): run kfops init in an empty or new folder, or add --force/),
    });
    expect(filesOf(cwd)).toEqual(['notes.md']);
  });

  test('names at most eight entries of a crowded folder', async () => {
    const cwd = tempDir();
    for (let i = 0; i < 10; i++) fs.writeFileSync(path.join(cwd, `f${i}`), '');
    await expect(init(cwd)).rejects.toThrow(/\(f0, f1, f2, f3, f4, f5, f6, f7 and 2 more\)/);
  });

  test('--force adds the missing files and keeps every existing one byte for byte', async () => {
    const cwd = tempDir();
    fs.writeFileSync(path.join(cwd, 'README.md'), '# ours\n');
    fs.mkdirSync(path.join(cwd, 'pipelines'));
    fs.writeFileSync(path.join(cwd, 'pipelines', 'main.ts'), '// ours\n');
    const { code, out } = await init(cwd, '.', true);
    expect(code).toBe(0);
    expect(filesOf(cwd)).toEqual(PROJECT_FILES);
    expect(fs.readFileSync(path.join(cwd, 'README.md'), 'utf8')).toBe('# ours\n');
    expect(fs.readFileSync(path.join(cwd, 'pipelines', 'main.ts'), 'utf8')).toBe('// ours\n');
    expect(out).toContain(`wrote ${PROJECT_FILES.length - 2} files to ./`);
    expect(out).toContain('kept 2 existing files as they are:\n  README.md\n  pipelines/main.ts');
  });

  test('--force writes nothing through a symbolic link inside the folder, and leaves the folder as it was', async () => {
    const cwd = tempDir();
    const outside = tempDir();
    fs.writeFileSync(path.join(cwd, 'keep.txt'), '');
    fs.symlinkSync(outside, path.join(cwd, 'test'));
    await expect(init(cwd, '.', true)).rejects.toMatchObject({ exitCode: 2, message: expect.stringContaining('test is a symbolic link') });
    expect(fs.readdirSync(outside)).toEqual([]);
    expect(fs.readdirSync(cwd).sort()).toEqual(['keep.txt', 'test']);
  });

  test('a file where the project needs a folder fails the whole init, removing what it had written', async () => {
    const cwd = tempDir();
    fs.writeFileSync(path.join(cwd, 'test'), 'a file, not a folder');
    await expect(init(cwd, '.', true)).rejects.toMatchObject({ exitCode: 2, message: expect.stringContaining('test is a file where the project has a folder') });
    expect(filesOf(cwd)).toEqual(['test']);
  });

  test('refuses a path that is a file', async () => {
    const cwd = tempDir();
    fs.writeFileSync(path.join(cwd, 'taken'), '');
    await expect(init(cwd, 'taken')).rejects.toMatchObject({ exitCode: 2, message: expect.stringContaining('exists and is not a folder') });
  });

  test('the CLI takes the folder as its argument and exits 2, with the message, on a refusal', async () => {
    const cwd = tempDir();
    const stdout = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const stderr = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      expect(await main(['init', path.join(cwd, 'project')])).toBe(0);
      expect(filesOf(path.join(cwd, 'project'))).toEqual(PROJECT_FILES);
      expect(await main(['init', path.join(cwd, 'project')])).toBe(2);
      expect(stderr).toHaveBeenCalledWith(expect.stringMatching(/^kfops: \S+project is not empty \(\.github\/, \.gitignore, /));
    } finally {
      stdout.mockRestore();
      stderr.mockRestore();
    }
  });

  test.each([
    ['My Pipelines', 'my-pipelines'],
    ['.hidden', 'hidden'],
    ['ml_ops~2', 'ml_ops~2'],
    ['!!!', 'ml-pipelines'],
  ])('names the package after the folder: %s -> %s', (folder, name) => {
    expect(packageName(folder)).toBe(name);
  });
});
