/**
 * Synth benchmark: wall time and peak memory of the example app and of generated apps of 10, 100 and 1,000
 * pipelines like Workflow 1, run by tsx's CommonJS hook (kfops' runner, as cdk8s.yaml sets it) and by ts-node (what
 * `cdk8s init typescript-app` sets up); then what type-checking the example app costs: the check alone, cold (no
 * .tsbuildinfo) and warm, and `kfops synth` end to end with and without it.
 * Run: npx tsx bench/synth.ts [--sizes 10,100,1000] [--repeat 3]
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { measure, Measurement, median } from './measure';

const repo = path.resolve(__dirname, '..');
const args = process.argv.slice(2);
const flag = (name: string, fallback: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const sizes = flag('--sizes', '10,100,1000').split(',').map(Number);
const repeat = Number(flag('--repeat', '3'));

const RUNNERS = {
  // What cdk8s.yaml runs: node with tsx's CommonJS hook (no ESM loader, no type checking).
  'tsx': (entry: string) => `node --require tsx/cjs ${entry}`,
  'ts-node': (entry: string) => `node_modules/.bin/ts-node ${entry}`,
};

function generatedApp(count: number): string {
  const dir = path.join(repo, 'bench', '.generated');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `app-${count}.ts`);
  fs.writeFileSync(file, [
    "import { Chart } from 'cdk8s';",
    "import { KfopsApp } from '../../lib';",
    "import { Workflow1 } from '../../pipelines/workflow1';",
    'KfopsApp.main((app) => {',
    "  const dev = new Chart(app, 'dev', { namespace: 'kubeflow' });",
    `  for (let i = 0; i < ${count}; i++) new Workflow1(dev, \`workflow1-\${String(i).padStart(4, '0')}\`);`,
    '});',
    '',
  ].join('\n'));
  return path.relative(repo, file);
}

function run(entry: string, runner: keyof typeof RUNNERS, times: number): Measurement {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'kfops-bench-'));
  try {
    return median(Array.from({ length: times }, () => measure(RUNNERS[runner](entry), { cwd: repo, env: { CDK8S_OUTDIR: path.join(out, 'dist') } })));
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
}

const rows: string[] = [];
const cases: Array<[string, string, number]> = [['example app (pipelines/main.ts)', 'pipelines/main.ts', repeat]];
for (const n of sizes) cases.push([`${n} pipelines like Workflow 1`, generatedApp(n), n >= 1000 ? 1 : repeat]);
for (const [label, entry, times] of cases) {
  const tsx = run(entry, 'tsx', times);
  const tsNode = run(entry, 'ts-node', times);
  rows.push(`| ${label} | ${tsx.seconds.toFixed(2)} s | ${tsx.peakMiB} MiB | ${tsNode.seconds.toFixed(2)} s | ${tsNode.peakMiB} MiB | ${(tsNode.seconds / tsx.seconds).toFixed(1)}x |`);
  console.error(`done: ${label}`);
}
console.log('### Synth (wall time, peak RSS; median of runs)\n');
console.log('| app | tsx | tsx peak | ts-node (cdk8s default) | ts-node peak | tsx speed-up |');
console.log('|---|---|---|---|---|---|');
for (const r of rows) console.log(r);

/** The type check of the example app alone, in a fresh process, with its incremental state in `cacheDir`. */
function typecheck(cacheDir: string): Measurement {
  const call = `require('./lib/synth/typecheck').typecheckApp({ cwd: process.cwd(), entry: require('path').resolve('pipelines/main.ts'), cacheDir: ${JSON.stringify(cacheDir)} })`;
  return measure(`node --require tsx/cjs -e ${JSON.stringify(`const r = ${call}; if (r.errors.length) { console.error(r.errors.join('\\n')); process.exit(1); }`)}`, { cwd: repo });
}

const checkRows: string[] = [];
const cold: Measurement[] = [];
const warm: Measurement[] = [];
for (let i = 0; i < repeat; i++) {
  const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'kfops-bench-tsbuildinfo-'));
  try {
    cold.push(typecheck(cache));
    warm.push(typecheck(cache));
  } finally {
    fs.rmSync(cache, { recursive: true, force: true });
  }
}
const row = (label: string, m: Measurement) => `| ${label} | ${m.seconds.toFixed(2)} s | ${m.cpuSeconds.toFixed(2)} s | ${m.peakMiB} MiB |`;
checkRows.push(row('type check alone, cold (no .tsbuildinfo)', median(cold)));
checkRows.push(row('type check alone, warm (unchanged program)', median(warm)));
const out = fs.mkdtempSync(path.join(os.tmpdir(), 'kfops-bench-synth-'));
try {
  const kfops = (flags: string) => median(Array.from({ length: repeat }, () => measure(`node lib/cli/kfops.js synth --quiet --out ${path.join(out, 'dist')} ${flags}`, { cwd: repo })));
  // One run first so the warm rows start from the state a developer's second synth sees.
  kfops('');
  const withCheck = kfops('');
  const without = kfops('--no-typecheck');
  checkRows.push(row('kfops synth (app, type check, validation), warm', withCheck));
  checkRows.push(row('kfops synth --no-typecheck (app, validation)', without));
} finally {
  fs.rmSync(out, { recursive: true, force: true });
}
console.log('\n### Type-checking the example app (pipelines/main.ts, what it imports and their declarations: 899 files; median of runs)\n');
console.log('| what | wall time | CPU time (user + sys) | peak RSS |');
console.log('|---|---|---|---|');
for (const r of checkRows) console.log(r);
