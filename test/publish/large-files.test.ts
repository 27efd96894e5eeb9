/**
 * Files in the deploy repo over the manifest reader's limit are never read: a publish (here a --dry-run, in a
 * process of its own so its memory can be measured) lists them as changed files and stays small.
 */
import { spawnSync } from 'child_process';
import * as path from 'path';
import { DEFAULT_MAX_FILE_BYTES } from '../../lib/manifest';
import { ReadBudget } from '../../lib/publish/read-budget';
import { commitFiles, createBareRepo, removeTempDirs, tempDir, writeTree } from '../helpers/git-repos';
import { workflowTemplate } from './manifests';

afterAll(removeTempDirs);

const PUBLISH = path.resolve(__dirname, '../../lib/publish/publish.ts');

/** Runs `publish(options)` in a node process of its own; resolves to its result and the process' peak memory. */
function publishInChild(options: Record<string, unknown>): { result: Record<string, unknown>; maxRssMiB: number; stderr: string } {
  const script = `
    const { publish } = require(${JSON.stringify(PUBLISH)});
    publish(${JSON.stringify(options)}).then(
      (result) => console.log(JSON.stringify({ result, maxRssMiB: process.resourceUsage().maxRSS / 1024 })),
      (error) => { console.error(error.message); process.exit(3); });`;
  const child = spawnSync(process.execPath, ['--require', require.resolve('tsx/cjs'), '-e', script], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (child.status !== 0) throw new Error(`publish failed (${child.status}): ${child.stderr}`);
  return { ...JSON.parse(child.stdout), stderr: child.stderr };
}

/** A ConfigMap manifest of about `bytes` bytes: valid YAML a reader would parse if it read it. */
function hugeConfigMap(bytes: number): string {
  const line = '  key-0000000: value value value value value value value value value value\n';
  return `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: huge\ndata:\n${line.repeat(Math.ceil(bytes / line.length))}`;
}

describe('deploy-repo files over the read limit', () => {
  test('are never read: a dry run lists them as changed files, and its memory stays far below their size', () => {
    const size = DEFAULT_MAX_FILE_BYTES + 16 * 1024 * 1024;
    const repo = createBareRepo({ files: { 'dev/huge.yaml': hugeConfigMap(size), 'dev/workflow1.yaml': workflowTemplate('workflow1') } });
    commitFiles(repo, 'main', { 'README.md': 'x\n' }, 'readme');
    const cwd = tempDir('kfops-project-');
    writeTree(path.join(cwd, 'dist'), { 'dev/workflow1.yaml': workflowTemplate('workflow1', { steps: 2 }) });

    const { result, maxRssMiB } = publishInChild({ cwd, repo, dryRun: true });
    // The same publish against a deploy repo without the big file: what a dry run costs anyway.
    const small = createBareRepo({ files: { 'dev/huge.yaml': hugeConfigMap(1000), 'dev/workflow1.yaml': workflowTemplate('workflow1') } });
    const baseline = publishInChild({ cwd, repo: small, dryRun: true }).maxRssMiB;

    expect(result.status).toBe('dry-run');
    expect(result.changes).toEqual([
      { env: 'dev', path: 'huge.yaml', change: 'removed', tooLarge: true },
      expect.objectContaining({ env: 'dev', path: 'workflow1.yaml', change: 'changed' }),
    ]);
    expect(result.message).toContain('  - file huge.yaml (objects not listed: over the 64 MiB a publish reads)');
    expect(result.message).toContain('  ~ WorkflowTemplate/workflow1');
    // Reading the 80 MiB file would cost its size twice (bytes, then text); parsing it, gigabytes.
    expect(maxRssMiB - baseline).toBeLessThan(size / 1024 / 1024 / 2);
  });
});

describe('ReadBudget', () => {
  test('refuses a file over the per-file limit, and every file once the total is spent', () => {
    const budget = new ReadBudget(10, 25);
    expect([11, 10, 10, 6, 5, 0].map((size) => budget.take(size))).toEqual([false, true, true, false, true, true]);
  });

  test('by default: the manifest reader\'s limit per file, and as much in all', () => {
    const budget = new ReadBudget();
    expect(budget.take(DEFAULT_MAX_FILE_BYTES + 1)).toBe(false);
    expect(budget.take(DEFAULT_MAX_FILE_BYTES)).toBe(true);
    expect(budget.take(1)).toBe(false);
  });
});
