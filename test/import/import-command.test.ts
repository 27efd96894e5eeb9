import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { importCommand } from '../../lib/cli/import-command';
import { importDir } from '../helpers/import-dir';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'import');
const BIN = path.join(__dirname, '..', '..', 'lib', 'cli', 'kfops.js');

function run(paths: string[], out: string) {
  const lines: string[] = [];
  return importCommand({ cwd: path.dirname(out), paths, out: path.basename(out), log: (l) => lines.push(l) }).then((code) => ({ code, lines }));
}

describe('kfops import', () => {
  let out: { dir: string; remove: () => void };
  beforeEach(() => { out = importDir(); });
  afterEach(() => out.remove());

  test('writes one file per object, named after it, and main.ts; exit 0', async () => {
    const { code, lines } = await run([path.join(FIXTURES, 'release-model.yaml'), path.join(FIXTURES, 'shared-tools.yaml')], path.join(out.dir, 'src'));
    expect(code).toBe(0);
    expect(fs.readdirSync(path.join(out.dir, 'src')).sort()).toEqual(['main.ts', 'release-model.ts', 'shared-tools.ts']);
    expect(lines[lines.length - 1]).toBe('2 imported, 0 not imported; src/main.ts synthesizes the imported ones');
    expect(fs.readFileSync(path.join(out.dir, 'src', 'shared-tools.ts'), 'utf8')).toContain('export class SharedTools extends Pipeline');
  });

  test('reports what it cannot express by kind, name and reason, writes nothing for it, and exits 1', async () => {
    const input = path.join(out.dir, 'in.yaml');
    fs.writeFileSync(input, [
      'apiVersion: argoproj.io/v1alpha1', 'kind: Workflow', 'metadata: { generateName: ok- }',
      'spec: { entrypoint: a, templates: [{ name: a, container: { image: busybox } }] }', '---',
      'apiVersion: argoproj.io/v1alpha1', 'kind: Workflow', 'metadata: { name: spaced }',
      'spec: { entrypoint: a, templates: [{ name: a, container: { image: busybox, args: ["{{ workflow.name }}"] } }] }', '---',
      'apiVersion: v1', 'kind: ConfigMap', 'metadata: { name: settings }', '',
    ].join('\n'));
    const { code, lines } = await run([input], path.join(out.dir, 'src'));
    expect(code).toBe(1);
    expect(lines).toContain('not imported: Workflow spaced (in.yaml:6): the tag {{ workflow.name }} has spaces inside its braces, which kfops writes without');
    expect(lines).toContain('not imported: ConfigMap settings (in.yaml:11): v1 ConfigMap is not an Argo workflow kind kfops imports');
    expect(fs.readdirSync(path.join(out.dir, 'src')).sort()).toEqual(['main.ts', 'ok.ts']);
    expect(fs.readFileSync(path.join(out.dir, 'src', 'main.ts'), 'utf8')).not.toContain('Spaced');
  });

  // Argo v3.6 deprecated a CronWorkflow's singular schedule for schedules (v4 removed it): the same schedule, one item.
  test('a CronWorkflow with the singular schedule imports as schedules', async () => {
    const input = path.join(out.dir, 'in.yaml');
    fs.writeFileSync(input, [
      'apiVersion: argoproj.io/v1alpha1', 'kind: CronWorkflow', 'metadata: { name: nightly }',
      'spec: { schedule: "0 2 * * *", workflowSpec: { entrypoint: a, templates: [{ name: a, container: { image: "busybox:1.36" } }] } }', '',
    ].join('\n'));
    const { code, lines } = await run([input], path.join(out.dir, 'src'));
    expect([code, lines[0]]).toEqual([0, 'imported CronWorkflow nightly (in.yaml) -> src/nightly.ts']);
    expect(fs.readFileSync(path.join(out.dir, 'src', 'nightly.ts'), 'utf8')).toContain("schedules: ['0 2 * * *']");
  });

  test('a DAG of 3,000 tasks, each listed before the one it depends on, imports (ordered without recursion)', async () => {
    const input = path.join(out.dir, 'in.yaml');
    const tasks = Array.from({ length: 3000 }, (_, i) => `    - {name: t${i}, template: c${i < 2999 ? `, dependencies: [t${i + 1}]` : ''}}`);
    fs.writeFileSync(input, ['apiVersion: argoproj.io/v1alpha1', 'kind: WorkflowTemplate', 'metadata: {name: chain}', 'spec:', '  entrypoint: main',
      '  templates:', '  - name: main', '    dag:', '      tasks:', ...tasks.map((t) => `  ${t}`), '  - {name: c, container: {image: "busybox:1.36"}}', ''].join('\n'));
    const { code, lines } = await run([input], path.join(out.dir, 'src'));
    expect([code, lines[0]]).toEqual([0, 'imported WorkflowTemplate chain (in.yaml) -> src/chain.ts']);
  });

  test('an import where nothing round-trips writes nothing: main.ts and a file of the same name stay as they were', async () => {
    const src = path.join(out.dir, 'src');
    fs.mkdirSync(src);
    fs.writeFileSync(path.join(src, 'main.ts'), '// my app\n');
    fs.writeFileSync(path.join(src, 'cs.ts'), '// my edits\n');
    const input = path.join(out.dir, 'in.yaml');
    // A container set whose container waits for one that is not in the set: the DSL refuses it.
    fs.writeFileSync(input, ['apiVersion: argoproj.io/v1alpha1', 'kind: Workflow', 'metadata: { generateName: cs- }',
      'spec: { entrypoint: a, templates: [{ name: a, containerSet: { containers: [{ name: x, image: busybox, dependencies: [other] }] } }] }', ''].join('\n'));
    const { code, lines } = await run([input], src);
    expect([code, lines[lines.length - 1]]).toEqual([1, '0 imported, 1 not imported; nothing written']);
    expect(fs.readdirSync(src).sort()).toEqual(['cs.ts', 'main.ts']);
    expect([fs.readFileSync(path.join(src, 'main.ts'), 'utf8'), fs.readFileSync(path.join(src, 'cs.ts'), 'utf8')]).toEqual(['// my app\n', '// my edits\n']);
  });

  test('an object the DSL rejects when its code runs is reported with the DSL\'s message', async () => {
    const input = path.join(out.dir, 'in.yaml');
    // A container set whose container waits for one that is not in the set: Argo rejects it, so does kfops.
    fs.writeFileSync(input, [
      'apiVersion: argoproj.io/v1alpha1', 'kind: Workflow', 'metadata: { generateName: cs- }',
      'spec: { entrypoint: a, templates: [{ name: a, containerSet: { containers: [{ name: x, image: busybox, dependencies: [other] }] } }] }', '',
    ].join('\n'));
    const { code, lines } = await run([input], path.join(out.dir, 'src'));
    expect(code).toBe(1);
    expect(lines[0]).toBe("not imported: Workflow cs- (in.yaml): the generated code does not synthesize: container 'x' depends on 'other', which is not in the set (x)");
  });

  test('refuses, before reading or writing anything, a folder where Node finds no kfops, cdk8s and constructs', async () => {
    const outside = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'kfops-import-outside-')));
    const dir = path.join(outside, 'imp');

    const error = await importCommand({ cwd: outside, paths: [path.join(FIXTURES, 'release-model.yaml')], out: 'imp', log: () => undefined })
      .catch((e: unknown) => e);

    expect(error).toMatchObject({ name: 'UserError', exitCode: 2 });
    expect((error as Error).message).toBe(`--out imp: the generated code imports kfops, cdk8s, constructs by name, and from ${dir} Node finds `
      + 'no kfops, cdk8s, constructs (no node_modules above it has them); import into a folder of your kfops project (e.g. --out '
      + `pipelines/imported), or run \`npm install kfops cdk8s constructs\` in a folder above ${dir} first`);
    expect(fs.existsSync(dir)).toBe(false);
  });

  test.each([
    ['no paths', ['import', '--out', 'x'], 2],
    ['a missing path', ['import', 'nowhere.yaml', '--out', 'x'], 2],
    ['no --out', ['import', 'a.yaml'], 2],
  ])('%s exits 2 through the bin, without a stack trace', (_label, argv, exit) => {
    const result = spawnSync(process.execPath, [BIN, ...argv], { cwd: out.dir, encoding: 'utf8' });
    expect(result.status).toBe(exit);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  test("an imported object's main.ts is an app `kfops synth --app` synthesizes", () => {
    fs.copyFileSync(path.join(FIXTURES, 'release-model.yaml'), path.join(out.dir, 'release.yaml'));
    expect(spawnSync(process.execPath, [BIN, 'import', 'release.yaml', '--out', 'src'], { cwd: out.dir, encoding: 'utf8' }).status).toBe(0);
    // Imports by package name, as a project's own files do: the generated code does not depend on where kfops is.
    expect(fs.readFileSync(path.join(out.dir, 'src', 'release-model.ts'), 'utf8')).toMatch(/^import \{[^}]+\} from 'kfops';$/m);
    expect(fs.readFileSync(path.join(out.dir, 'src', 'main.ts'), 'utf8')).not.toMatch(/from '\.\./);
    const synth = spawnSync(process.execPath, [BIN, 'synth', '--app', 'src/main.ts', '--out', 'dist', '-q'], { cwd: out.dir, encoding: 'utf8' });
    expect(synth.stderr + synth.stdout).toBe('');
    expect(synth.status).toBe(0);
    expect(fs.readdirSync(path.join(out.dir, 'dist', 'release-model')).sort()).toEqual(['kustomization.yaml', 'workflow-release-model.yaml']);
  });
});
