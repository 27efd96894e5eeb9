import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { synthCommand } from '../../lib/cli/synth-command';
import { UserError } from '../../lib/user-error';

/** A WorkflowTemplate whose entrypoint names no template: invalid output, with the error on line 6. */
const INVALID = [
  'apiVersion: argoproj.io/v1alpha1',
  'kind: WorkflowTemplate',
  'metadata:',
  '  name: train',
  'spec:',
  '  entrypoint: mian',
  '  templates:',
  '    - name: main',
  '      container:',
  '        image: alpine:3.19',
  '        command: [echo, hi]',
  '',
].join('\n');

/** A project whose app (plain node, fast) writes `manifest` as dev/workflowtemplate-train.yaml. */
function project(manifest: string): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'kfops-synth-command-')));
  fs.writeFileSync(path.join(dir, 'cdk8s.yaml'), 'app: node app.js\n');
  writeApp(dir, manifest);
  return dir;
}

function writeApp(dir: string, manifest: string): void {
  fs.writeFileSync(path.join(dir, 'app.js'), [
    "const fs = require('fs');",
    "fs.mkdirSync(process.env.CDK8S_OUTDIR + '/dev', { recursive: true });",
    `fs.writeFileSync(process.env.CDK8S_OUTDIR + '/dev/workflowtemplate-train.yaml', ${JSON.stringify(manifest)});`,
    '',
  ].join('\n'));
}

describe('kfops synth on invalid output', () => {
  test('keeps the rejected output in .kfops/synth/rejected/, and every file:line of the report opens there', async () => {
    const dir = project(INVALID);
    const logged: string[] = [];

    const error = await synthCommand({ cwd: dir, typecheck: false, log: (t) => logged.push(t) }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toBe('synth output is invalid (1 error); the previous output was kept, and the rejected output '
      + 'is in .kfops/synth/rejected/dist/ (the files named above). Fix the errors above and synth again');
    const report = logged.join('\n');
    const places = [...report.matchAll(/(\S+\.yaml):(\d+)/g)].map((m) => [m[1], Number(m[2])] as const);
    expect(places).toContainEqual(['.kfops/synth/rejected/dist/dev/workflowtemplate-train.yaml', 6]);
    for (const [file, line] of places) {
      expect(fs.readFileSync(path.join(dir, file), 'utf8').split('\n')[line - 1]).toBe('  entrypoint: mian');
    }
    expect(report).not.toMatch(/stage-\d+/);
    expect(fs.existsSync(path.join(dir, 'dist'))).toBe(false);
    expect(fs.readdirSync(path.join(dir, '.kfops', 'synth')).sort()).toEqual(['rejected']);

    // Once the app is fixed, synth succeeds and what the failure kept is gone.
    writeApp(dir, INVALID.replace('mian', 'main'));
    await synthCommand({ cwd: dir, typecheck: false, log: () => undefined });
    expect(fs.readdirSync(path.join(dir, 'dist', 'dev'))).toEqual(['workflowtemplate-train.yaml']);
    expect(fs.readdirSync(path.join(dir, '.kfops', 'synth', 'rejected'))).toEqual([]);
  });
});
