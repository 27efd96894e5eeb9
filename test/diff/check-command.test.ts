import { promises as fs } from 'fs';
import * as path from 'path';
import { checkCommand } from '../../lib/cli/check-command';
import { synth } from '../../lib/synth/synth';
import { makeTemp, removeTemp, writeFiles, writeTinyProject } from '../helpers/temp-git';

const cm = (name: string, value: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  value: "${value}"\n`;

describe('checkCommand', () => {
  let dir: string;
  let output: string;
  const check = (out?: string) => checkCommand({ cwd: dir, out, write: (t) => { output += t; } });

  beforeEach(async () => {
    dir = await makeTemp('check');
    output = '';
    await writeTinyProject(dir, { 'dev/configmap-a.yaml': cm('a', '1'), 'prod/configmap-a.yaml': cm('a', '2') });
    await synth({ cwd: dir });
  });
  afterEach(() => removeTemp(dir));

  test('exit 0 when the committed output equals a fresh synth', async () => {
    expect(await check()).toBe(0);
    expect(output).toBe('kfops check: dist/ is up to date with the pipelines\n');
  });

  test('exit 1 listing changed, missing and stale files, the objects, and the fix', async () => {
    await writeFiles(dir, {
      'dist/prod/configmap-a.yaml': cm('a', 'edited by hand'),
      'dist/dev/configmap-stale.yaml': cm('stale', '0'),
    });
    await fs.rm(path.join(dir, 'dist/dev/configmap-a.yaml'));
    expect(await check()).toBe(1);
    expect(output).toBe([
      'kfops check: dist/ is out of date with the pipelines (3 files drifted):',
      '  missing  dist/dev/configmap-a.yaml  (synth writes it; not committed)',
      '  stale    dist/dev/configmap-stale.yaml  (committed; synth no longer writes it)',
      '  changed  dist/prod/configmap-a.yaml  (content differs)',
      'Objects:',
      '  + dev ConfigMap a',
      '  - dev ConfigMap stale',
      '  ~ prod ConfigMap a',
      'Fix: run `npx kfops synth` and commit dist/.',
      '',
    ].join('\n'));
  });

  test('a byte difference that is not a semantic one still drifts', async () => {
    await writeFiles(dir, { 'dist/prod/configmap-a.yaml': `${cm('a', '2')}\n` });
    expect(await check()).toBe(1);
    expect(output).toContain('  changed  dist/prod/configmap-a.yaml');
    expect(output).not.toContain('Objects:');
  });

  test('a missing output folder is drift, every file missing', async () => {
    await fs.rm(path.join(dir, 'dist'), { recursive: true });
    expect(await check()).toBe(1);
    // Synth marks every output folder as its own with construct-metadata.json, a plain app's too.
    expect(output).toContain('(3 files drifted)');
    expect(output).toContain('  missing  dist/construct-metadata.json');
  });

  test('--out names another committed folder', async () => {
    await fs.rename(path.join(dir, 'dist'), path.join(dir, 'manifests'));
    expect(await check('manifests')).toBe(0);
  });

  test('a failing synth is exit 2 with the app error', async () => {
    await writeFiles(dir, { 'objects.json': '{ not json' });
    await expect(check()).rejects.toMatchObject({ exitCode: 2, message: expect.stringContaining('synth failed') });
  });

  test('no cdk8s.yaml is exit 2', async () => {
    await fs.rm(path.join(dir, 'cdk8s.yaml'));
    await expect(check()).rejects.toMatchObject({ exitCode: 2, message: expect.stringContaining('cdk8s.yaml: not found') });
  });
});
