/**
 * `npm run bench`: runs every benchmark in bench/ (each prints a Markdown table) one after the other, so their
 * timings do not disturb each other. Pass names to run some: npm run bench -- synth diff
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const HELPERS = new Set(['run.ts', 'measure.ts']);
const wanted = process.argv.slice(2);
const scripts = fs.readdirSync(__dirname)
  .filter((f) => f.endsWith('.ts') && !HELPERS.has(f))
  .filter((f) => wanted.length === 0 || wanted.includes(path.basename(f, '.ts')))
  .sort();
let failed = 0;
for (const script of scripts) {
  console.log(`\n## bench/${script}\n`);
  const res = spawnSync(process.execPath, ['--import', 'tsx', path.join(__dirname, script)], { stdio: 'inherit' });
  if (res.status !== 0) failed++;
}
process.exitCode = failed > 0 ? 1 : 0;
