/**
 * Benchmark of `kfops preview` on the example app's committed dist/: a cold CLI process per pipeline (what a user
 * waits for), the same in one process (first call, then warm), the engine alone (substitution, conditions,
 * manifests parsed; no schema checks), and the CLI's start-up floor (`kfops --help`). Prints a Markdown table.
 * Run: `npx tsx bench/preview.ts` (env RUNS to tune; the example app must be synthesized).
 */
import * as os from 'os';
import * as path from 'path';
import { previewCommand } from '../lib/cli/preview-command';
import { findPipelineObject, readTreeEnvironment } from '../lib/cli/tree-environment';
import { previewInput } from '../lib/diff/pipeline-run';
import { previewRun } from '../lib/preview';
import { measure, median } from './measure';

const ROOT = path.join(__dirname, '..');
const RUNS = Number(process.env.RUNS ?? 3);
const WARM_RUNS = 20;
const TARGETS = [['workflow1', 'prod'], ['workflow2', 'prod'], ['workflow1', 'dev']] as const;

function ms(fn: () => unknown): number {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

async function msAsync(fn: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function mid(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
}

async function main(): Promise<void> {
  const cli = `${process.execPath} ${path.join(ROOT, 'lib/cli/kfops.js')}`;
  const floor = median(Array.from({ length: RUNS }, () => measure(`${cli} --help > /dev/null`, { cwd: ROOT })));
  console.log(`### kfops preview on the example app (median of ${RUNS} cold runs, ${WARM_RUNS} warm; ${os.cpus().length} CPUs, Node ${process.version})\n`);
  console.log('| pipeline | cold process | peak memory | in-process, first call | in-process, warm | engine alone, warm | steps |');
  console.log('|---|---:|---:|---:|---:|---:|---:|');
  for (const [pipeline, env] of TARGETS) {
    const cold = median(Array.from({ length: RUNS }, () => measure(`${cli} preview ${pipeline} --env ${env} --format json > /dev/null`, { cwd: ROOT })));
    const options = { cwd: ROOT, pipeline, env, format: 'json' as const, write: () => undefined };
    const first = await msAsync(() => previewCommand(options));
    const warm: number[] = [];
    for (let i = 0; i < WARM_RUNS; i++) warm.push(await msAsync(() => previewCommand(options)));
    const tree = await readTreeEnvironment(ROOT, { env });
    const input = previewInput(findPipelineObject(tree, pipeline), { env: () => tree.objects, all: tree.all }, pipeline);
    let steps = 0;
    const engine = mid(Array.from({ length: WARM_RUNS }, () => ms(() => { steps = previewRun(input).steps.length; })));
    console.log(`| ${pipeline} (${env}) | ${cold.seconds.toFixed(2)} s | ${cold.peakMiB} MiB | ${first.toFixed(0)} ms | ${mid(warm).toFixed(0)} ms | ${engine.toFixed(1)} ms | ${steps} |`);
  }
  console.log(`| (\`kfops --help\`: Node, tsx and module loading) | ${floor.seconds.toFixed(2)} s | ${floor.peakMiB} MiB | | | | |`);
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
