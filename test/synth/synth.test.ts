import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { synth } from '../../lib/synth/synth';
import { treeBytes as readTree } from '../helpers/tree-bytes';

const repo = path.resolve(__dirname, '..', '..');

function tempProject(app: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kfops-synth-'));
  fs.writeFileSync(path.join(dir, 'cdk8s.yaml'), `app: ${JSON.stringify(app)}\n`);
  return dir;
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
    fs.mkdirSync(path.join(project, 'dist', 'dev'), { recursive: true });
    fs.writeFileSync(path.join(project, 'dist', 'dev', 'kept.yaml'), 'a: 1\n');
    await expect(synth({ cwd: project })).rejects.toThrow('synth failed:\n[dev/p] broken pipeline');
    expect(readTree(path.join(project, 'dist'))).toEqual({ 'dev/kept.yaml': 'a: 1\n' });
    expect(fs.readdirSync(project).sort()).toEqual(['cdk8s.yaml', 'dist']);
  });

  test('a successful app replaces the output folder whole', async () => {
    const project = tempProject('node -e "const fs=require(\'fs\');fs.mkdirSync(process.env.CDK8S_OUTDIR+\'/dev\',{recursive:true});fs.writeFileSync(process.env.CDK8S_OUTDIR+\'/dev/new.yaml\',\'b: 2\\n\')"');
    fs.mkdirSync(path.join(project, 'dist', 'dev'), { recursive: true });
    fs.writeFileSync(path.join(project, 'dist', 'dev', 'stale.yaml'), 'a: 1\n');
    await synth({ cwd: project });
    expect(readTree(path.join(project, 'dist'))).toEqual({ 'dev/new.yaml': 'b: 2\n' });
  });

  test('a missing or broken cdk8s.yaml is a clear error', async () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'kfops-none-'));
    await expect(synth({ cwd: empty })).rejects.toThrow('cdk8s.yaml: not found (run kfops from the project root');
    fs.writeFileSync(path.join(empty, 'cdk8s.yaml'), 'output: dist\n');
    await expect(synth({ cwd: empty })).rejects.toThrow("'app' must be the command that runs the app");
  });
});
