/**
 * Publish benchmark: wall time of `publish()` against a bare repo on local disk, so the numbers are git and
 * kfops work without network. Run: `npx tsx bench/publish.ts [objectsPerEnv]` (default 200). Prints Markdown.
 */
import { execFileSync } from 'child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { publish, PublishResult } from '../lib/publish/publish';

const OBJECTS = Number(process.argv[2] ?? 200);
const ENVS = ['dev', 'staging', 'prod'];

function template(name: string, steps: number): string {
  return `apiVersion: argoproj.io/v1alpha1\nkind: WorkflowTemplate\nmetadata:\n  name: ${name}\n  namespace: ml\n` +
    `spec:\n  entrypoint: main\n  arguments:\n    parameters:\n      - name: train-steps\n        value: "${steps}"\n` +
    '  templates:\n    - name: main\n      container:\n        image: busybox\n';
}

function writeDist(root: string, envs: readonly string[], steps: number): void {
  for (const env of envs) {
    const dir = path.join(root, 'dist', env);
    mkdirSync(dir, { recursive: true });
    for (let i = 0; i < OBJECTS; i++) writeFileSync(path.join(dir, `workflow${i}.yaml`), template(`workflow${i}`, steps));
  }
}

async function timed(run: () => Promise<PublishResult | PublishResult[]>): Promise<[number, string]> {
  const start = process.hrtime.bigint();
  const result = await run();
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const results = Array.isArray(result) ? result : [result];
  return [ms, results.map((r) => `${r.status} (${r.attempts} attempt${r.attempts === 1 ? '' : 's'})`).join(', ')];
}

async function main(): Promise<void> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'kfops-bench-publish-'));
  try {
    const repo = path.join(root, 'deploy.git');
    execFileSync('git', ['init', '--quiet', '--bare', '--initial-branch=main', repo]);
    const cwd = path.join(root, 'project');
    writeDist(cwd, ENVS, 100);
    const options = { cwd, repo, createBranch: true, retry: { baseDelayMs: 50, maxDelayMs: 400 } };

    const rows: Array<[string, number, string]> = [];
    const add = async (name: string, run: () => Promise<PublishResult | PublishResult[]>) => {
      const [ms, outcome] = await timed(run);
      rows.push([name, ms, outcome]);
    };

    await add(`first publish (${ENVS.length} envs x ${OBJECTS} objects)`, () => publish(options));
    await add('rerun, nothing changed', () => publish(options));
    writeFileSync(path.join(cwd, 'dist', 'prod', 'workflow0.yaml'), template('workflow0', 12345));
    await add('dry run, one parameter changed', () => publish({ ...options, dryRun: true }));
    await add('one parameter changed', () => publish(options));

    const racers = ['team-a', 'team-b', 'team-c', 'team-d'].map((env) => {
      const dir = path.join(root, env);
      writeDist(dir, [env], 1);
      return dir;
    });
    await add(`${racers.length} publishers racing (other envs)`, () =>
      Promise.all(racers.map((dir) => publish({ ...options, cwd: dir }))));

    console.log(`| publish scenario | wall time | outcome |\n|---|---:|---|`);
    for (const [name, ms, outcome] of rows) console.log(`| ${name} | ${Math.round(ms)} ms | ${outcome} |`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
