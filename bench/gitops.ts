import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { KfopsApp } from '../lib';
import { deployEnvironments, EnvironmentConfig } from '../lib/gitops';
import { catalog, gitops } from '../pipelines/environments';

// Synthesizes the seed pipelines into N environments (copies of the project's, each with its own params file) and
// reports the time per synth and per environment: environments scale synth linearly, params checks included.
const PARAMS = path.join(__dirname, '..', 'pipelines', 'params');
const RUNS = 3;

function synthOnce(count: number, paramsDir: string, outdir: string): number {
  const names = Object.keys(gitops.environments);
  const environments: Record<string, EnvironmentConfig> = {};
  for (let i = 0; i < count; i++) {
    const template = names[i % names.length];
    environments[`${template}-${i}`] = { ...gitops.environments[template], namespace: `kfops-${template}-${i}` };
    fs.copyFileSync(path.join(PARAMS, `${template}.yaml`), path.join(paramsDir, `${template}-${i}.yaml`));
  }
  const start = process.hrtime.bigint();
  const app = new KfopsApp({ outdir });
  deployEnvironments(app, { ...gitops, environments, catalog, paramsDir });
  app.synth();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

const rows: string[] = [];
for (const count of [1, 3, 10, 30]) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kfops-bench-gitops-'));
  const paramsDir = path.join(dir, 'params');
  fs.mkdirSync(paramsDir);
  const times = Array.from({ length: RUNS }, () => synthOnce(count, paramsDir, path.join(dir, 'dist'))).sort((a, b) => a - b);
  const files = fs.readdirSync(path.join(dir, 'dist'), { recursive: true }).length;
  const median = times[Math.floor(RUNS / 2)];
  rows.push(`| ${count} | ${files} | ${median.toFixed(0)} | ${(median / count).toFixed(0)} |`);
  fs.rmSync(dir, { recursive: true, force: true });
}
console.log(`Environments synth (seed Workflow 1 and 2 in each; median of ${RUNS}; ${os.cpus().length} CPUs)\n`);
console.log('| environments | files written | synth ms | ms per environment |');
console.log('|---:|---:|---:|---:|');
console.log(rows.join('\n'));
