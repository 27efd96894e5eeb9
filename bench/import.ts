/**
 * Import benchmark: the share of real-world Argo YAML that `kfops import` turns into DSL code which synthesizes back
 * to a semantically equal object, and why the rest does not; plus the time per object (convert, write, run, compare).
 *
 * Corpora: kfops' own feature corpus (test/fixtures/import/), Argo's examples kept with provenance in
 * test/fixtures/validate/schema/upstream/argo-workflows/, and, when the fetched mirrors are on this machine (read
 * there, never copied into the repo): argoproj/argo-workflows `examples/`, KFP v1-compiled pipelines (kubeflow/pipelines
 * 1.8.5 `sdk/python/tests/compiler/testdata`) and KFP v2 pipelines compiled to Argo by the KFP backend (`test_data/
 * compiled-workflows`). `KFOPS_MIRRORS` overrides where the mirrors are (default /work/.mirror).
 * Run: npx tsx bench/import.ts
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { importWorkflows } from '../lib/import/import-workflows';

const ROOT = path.join(__dirname, '..');
const MIRRORS = process.env.KFOPS_MIRRORS ?? '/work/.mirror';
const WORK = path.join(ROOT, '.kfops', 'bench-import');
const ARGO_KINDS = new Set(['Workflow', 'WorkflowTemplate', 'ClusterWorkflowTemplate', 'CronWorkflow']);

interface Corpus {
  readonly name: string;
  /** Folder of YAML, or undefined when its source is not on this machine. */
  readonly dir?: string;
}

/** Copies the YAML files under `prefix` of `ref` in a bare git mirror into a folder; undefined without the mirror. */
function fromMirror(repo: string, ref: string, prefix: string, into: string): string | undefined {
  const gitDir = path.join(MIRRORS, repo, 'repo');
  if (!fs.existsSync(gitDir)) return undefined;
  const files = execFileSync('git', ['--git-dir', gitDir, 'ls-tree', '-r', '--name-only', ref, prefix], { encoding: 'utf8' })
    .split('\n').filter((f) => /\.ya?ml$/.test(f) && !f.endsWith('.component.yaml'));
  const dir = path.join(WORK, into);
  fs.rmSync(dir, { recursive: true, force: true });
  for (const f of files) {
    const target = path.join(dir, f.slice(prefix.length));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, execFileSync('git', ['--git-dir', gitDir, 'show', `${ref}:${f}`], { maxBuffer: 64 * 1024 * 1024 }));
  }
  return dir;
}

fs.mkdirSync(WORK, { recursive: true });
const corpora: Corpus[] = [
  { name: 'kfops feature corpus (test/fixtures/import)', dir: path.join(ROOT, 'test/fixtures/import') },
  { name: 'Argo examples kept in the repo (upstream/argo-workflows)', dir: path.join(ROOT, 'test/fixtures/validate/schema/upstream/argo-workflows') },
  { name: 'argoproj/argo-workflows examples/ (mirror)', dir: fromMirror('argoproj+argo-workflows', 'HEAD', 'examples/', 'argo-examples') },
  { name: 'KFP v1-compiled pipelines, kubeflow/pipelines 1.8.5 (mirror)', dir: fromMirror('kubeflow+pipelines', '1.8.5', 'sdk/python/tests/compiler/testdata/', 'kfp-v1') },
  { name: 'KFP v2 compiled to Argo by the KFP backend (mirror)', dir: fromMirror('kubeflow+pipelines', 'HEAD', 'test_data/compiled-workflows/', 'kfp-v2') },
];

const rows: string[][] = [];
const reasons = new Map<string, { count: number; example: string }>();
let totalObjects = 0;
let totalWritten = 0;
let realObjects = 0;
let realWritten = 0;
for (const corpus of corpora) {
  if (!corpus.dir || !fs.existsSync(corpus.dir)) {
    rows.push([corpus.name, '-', '-', '-', '-', 'mirror not on this machine']);
    continue;
  }
  const out = path.join(WORK, 'out', path.basename(corpus.dir));
  fs.rmSync(out, { recursive: true, force: true });
  const start = process.hrtime.bigint();
  const report = importWorkflows({ cwd: ROOT, paths: [corpus.dir], out });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const failedArgo = report.failed.filter((f) => ARGO_KINDS.has(f.kind));
  const unreadable = report.failed.filter((f) => f.kind === '?').length;
  const objects = report.written.length + failedArgo.length;
  totalObjects += objects;
  totalWritten += report.written.length;
  if (!corpus.name.startsWith('kfops')) {
    realObjects += objects;
    realWritten += report.written.length;
  }
  for (const f of failedArgo) {
    const reason = f.reason.replace(/'[^']*'/g, "'…'").replace(/\{\{[^}]*\}\}/g, '{{…}}').replace(/"[^"]*"/g, '"…"').slice(0, 140);
    const entry = reasons.get(reason) ?? { count: 0, example: `${path.basename(f.source)} (${f.kind} ${f.name})` };
    entry.count++;
    reasons.set(reason, entry);
  }
  rows.push([
    corpus.name, String(objects), String(report.written.length), `${((100 * report.written.length) / Math.max(objects, 1)).toFixed(1)}%`,
    (ms / Math.max(objects, 1)).toFixed(0), `${unreadable} unreadable files; ${report.failed.length - failedArgo.length - unreadable} objects of other kinds`,
  ]);
}

console.log('| corpus | Argo objects | round-trip | share | ms per object | not counted |');
console.log('| --- | ---: | ---: | ---: | ---: | --- |');
for (const r of rows) console.log(`| ${r.join(' | ')} |`);
console.log(`| **all** | ${totalObjects} | ${totalWritten} | ${((100 * totalWritten) / Math.max(totalObjects, 1)).toFixed(1)}% | | |`);
console.log(`| **real-world (all but kfops' own)** | ${realObjects} | ${realWritten} | ${((100 * realWritten) / Math.max(realObjects, 1)).toFixed(1)}% | | |`);
console.log('\nWhy the rest does not round-trip:\n');
console.log('| objects | reason | e.g. |');
console.log('| ---: | --- | --- |');
for (const [reason, { count, example }] of [...reasons].sort((a, b) => b[1].count - a[1].count)) {
  console.log(`| ${count} | ${reason.replace(/\|/g, '\\|')} | ${example} |`);
}
