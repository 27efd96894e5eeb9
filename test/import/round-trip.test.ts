import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { importWorkflows } from '../../lib/import/import-workflows';
import { importDir } from '../helpers/import-dir';

const ROOT = path.join(__dirname, '..', '..');
const CORPORA = ['test/fixtures/import', 'test/fixtures/validate/schema/upstream/argo-workflows'];

describe('kfops import round-trips', () => {
  const { dir, remove } = importDir();
  afterAll(remove);
  const report = importWorkflows({ cwd: ROOT, paths: CORPORA, out: dir });

  test('every object of the feature corpus synthesizes back to itself', () => {
    const fixtures = report.written.filter((w) => w.source.startsWith('test/fixtures/import/')).map((w) => `${w.kind} ${w.name}`);
    expect(fixtures.sort()).toEqual([
      'ClusterWorkflowTemplate shared-tools',
      'CronWorkflow nightly-retrain',
      'Workflow release-model-',
      'Workflow taxi-tip-',
      'Workflow train-evaluate-smoke-',
      'WorkflowTemplate train-evaluate',
    ]);
  });

  test("Argo's own examples kept in the repo round-trip, but for the one Kubernetes would reject", () => {
    // k8s-jobs.yaml puts its generateName under metadata.labels, so the object has no name, which Kubernetes refuses.
    expect(report.failed.map((f) => `${path.basename(f.source)}: ${f.reason}`)).toEqual([
      'k8s-jobs.yaml: the object has neither metadata.name nor metadata.generateName',
    ]);
    expect(report.written.filter((w) => w.source.includes('upstream/argo-workflows/')).length).toBe(34);
  });

  test('the generated code type-checks with the project settings (strict, no unused locals)', () => {
    const config = ts.readConfigFile(path.join(ROOT, 'tsconfig.json'), ts.sys.readFile).config;
    const { options } = ts.parseJsonConfigFileContent(config, ts.sys, ROOT);
    const files = fs.readdirSync(dir).filter((f) => f.endsWith('.ts')).map((f) => path.join(dir, f));
    const program = ts.createProgram(files, { ...options, noEmit: true, skipLibCheck: true });
    const problems = ts.getPreEmitDiagnostics(program)
      .filter((d) => d.file?.fileName.startsWith(dir))
      .map((d) => `${path.basename(d.file!.fileName)}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`);
    expect(problems).toEqual([]);
  });

  test('the generated code uses objects, never hand-typed {{...}} references', () => {
    const text = fs.readdirSync(dir).filter((f) => f.endsWith('.ts') && f !== 'main.ts')
      .map((f) => fs.readFileSync(path.join(dir, f), 'utf8')).join('\n');
    expect(text).not.toMatch(/\{\{(inputs|outputs|tasks|steps|workflow\.parameters|item)[.}]/);
    expect(text).toContain("new DagTask(this.main, 'train'");
  });

  test('main.ts synthesizes every imported object, each into a folder of its own', () => {
    const main = fs.readFileSync(path.join(dir, 'main.ts'), 'utf8');
    for (const w of report.written) expect(main).toContain(`new ${w.className}(new Chart(app, '${w.file.replace(/\.ts$/, '')}')`);
  });

  test('a templateRef to a template of an imported WorkflowTemplate or ClusterWorkflowTemplate is typed from its construct', () => {
    const release = fs.readFileSync(path.join(dir, 'release-model.ts'), 'utf8');
    expect(release).toContain("new WorkflowStep(release, 'train', { template: TemplateRef.to(refs.trainEvaluate.main) });");
    expect(release).toContain('template: TemplateRef.to(refs.sharedTools.kubeconform),');
    expect(fs.readFileSync(path.join(dir, 'train-evaluate.ts'), 'utf8')).toContain('  public readonly main: DagTemplate;');
    expect(fs.readFileSync(path.join(dir, 'main.ts'), 'utf8')).toMatch(
      /const trainEvaluate = new TrainEvaluate\(new Chart\(app, 'train-evaluate'\)\);[^]*new ReleaseModel\(new Chart\(app, 'release-model'\), \{ sharedTools, trainEvaluate \}\);/);
  });
});
