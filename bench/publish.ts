/**
 * Publish benchmark: wall time of `publish()` against a bare repo on local disk, so the numbers are git and
 * kfops work without network. Run: `npx tsx bench/publish.ts [objectsPerEnv]` (default 200). Prints Markdown.
 */
import { execFileSync } from 'child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { findUnsafePaths, planMirror } from '../lib/publish/mirror';
import { readOutputFolder } from '../lib/publish/output-folder';
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

/** Median wall time of `runs` calls of `run`, in ms. */
async function median(runs: number, run: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    await run();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)];
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

    // The two safety scans on their own: reading --from with its link check, and planning the mirror with the
    // check for links and submodules where it writes (against a deploy tree of the same size).
    const fromDir = path.join(cwd, 'dist');
    const scanMs = await median(9, () => readOutputFolder(fromDir, cwd));
    const output = await readOutputFolder(fromDir, cwd);
    const tree = new Map(output.envs.flatMap((e) => e.files.map((f) => [`${e.name}/${f.path}`, { mode: '100644', id: f.blob }] as const)));
    const planMs = await median(9, async () => findUnsafePaths(tree, planMirror(tree, '.', output.envs)));

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
    const files = ENVS.length * OBJECTS;
    console.log(`| read --from with the link check (${files} files, median of 9) | ${scanMs.toFixed(1)} ms | part of every publish |`);
    console.log(`| plan + link/submodule check against the deploy tree (${files} files, median of 9) | ${planMs.toFixed(1)} ms | part of every attempt |`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
