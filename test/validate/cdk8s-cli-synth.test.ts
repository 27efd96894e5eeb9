import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { treeBytes } from '../helpers/tree-bytes';

const CDK8S = path.join(path.dirname(require.resolve('cdk8s-cli/package.json')), 'bin', 'cdk8s');
const ENTRY = path.resolve(__dirname, '..', '..', 'lib', 'validate', 'cdk8s-plugin-entry.js');
const INVALID_APP = path.resolve(__dirname, '..', 'fixtures', 'hostile', 'synth', 'invalid-app.ts');

/** A project whose cdk8s.yaml runs `app` with kfops' validation plugin, and whose dist/ holds earlier output. */
function project(app: string): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'kfops-cdk8s-cli-')));
  fs.writeFileSync(path.join(dir, 'cdk8s.yaml'), [
    `app: ${JSON.stringify(app)}`,
    'output: dist',
    'validations:',
    `  - package: ${ENTRY}`,
    '    version: 0.1.0',
    '    class: KfopsValidation',
    '',
  ].join('\n'));
  fs.mkdirSync(path.join(dir, 'dist', 'dev'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'dist', 'dev', 'old.yaml'), 'kept: true\n');
  return dir;
}

/** `npx cdk8s synth`, the cdk8s CLI itself, without its network upgrade check. */
function cdk8sSynth(cwd: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [CDK8S, 'synth'], { cwd, env: { ...process.env, CDK8S_CHECK_UPGRADE: 'false', NO_COLOR: '1' } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => { stdout += c.toString(); });
  child.stderr.on('data', (c: Buffer) => { stderr += c.toString(); });
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

describe('npx cdk8s synth with kfops\' plugin (what docs/synth.md says about it)', () => {
  test.concurrent('invalid output: the report names each construct path, and the output is moved out of dist/', async () => {
    const dir = project(`node --require ${require.resolve('tsx/cjs')} ${INVALID_APP}`);
    const result = await cdk8sSynth(dir);
    expect(result.code).toBe(2);
    expect(result.stdout).toContain('    - Construct Path: dev/train');
    expect(result.stdout).toContain('    - Resource Name: WorkflowTemplate ml/train');
    expect(result.stdout).not.toContain('Construct Path: N/A');
    expect(result.stderr).toContain('kfops: moved the invalid output from dist/ to .kfops/synth/rejected/dist/ so it is neither committed '
      + 'nor published; `git checkout -- dist` restores the committed output (npx kfops synth keeps the previous output in place instead)');
    expect(fs.existsSync(path.join(dir, 'dist'))).toBe(false);
    expect(Object.keys(treeBytes(path.join(dir, '.kfops', 'synth', 'rejected', 'dist'))).sort())
      .toEqual(['construct-metadata.json', 'dev/kustomization.yaml', 'dev/workflowtemplate-train.yaml']);
  });

  test.concurrent('a failing app: the cdk8s CLI has deleted dist/ before running it (kfops cannot prevent that)', async () => {
    const dir = project('node -e "console.error(\'[dev/p] broken\'); process.exit(1)"');
    const result = await cdk8sSynth(dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('[dev/p] broken');
    expect(fs.existsSync(path.join(dir, 'dist'))).toBe(false);
  });
});
