import { readFileSync } from 'fs';
import * as path from 'path';
import { parseDocument } from 'yaml';
import { DIFF_COMMENT_MARKER } from '../../lib/diff/render-markdown';

const FILE = path.join(__dirname, '..', '..', '.github', 'workflows', 'kfops.yml');

interface Step { uses?: string; run?: string; with?: Record<string, unknown>; env?: Record<string, string>; if?: string; id?: string }
interface Job { if?: string; steps: Step[]; permissions?: Record<string, string> }

const doc = parseDocument(readFileSync(FILE, 'utf8'));
const workflow = doc.toJS() as { on: Record<string, unknown>; jobs: Record<string, Job> };
const runs = (job: Job) => job.steps.map((s) => s.run ?? '').join('\n');
const uses = (job: Job, action: string) => job.steps.find((s) => s.uses?.startsWith(`${action}@`));
const major = (step: Step | undefined) => Number(step?.uses?.match(/@v(\d+)$/)?.[1]);

describe('.github/workflows/kfops.yml', () => {
  test('is valid YAML', () => {
    expect(doc.errors).toEqual([]);
  });

  test('runs on pull requests and on pushes to main', () => {
    expect(Object.keys(workflow.on).sort()).toEqual(['pull_request', 'push']);
    expect(workflow.on.push).toEqual({ branches: ['main'] });
  });

  describe('review job', () => {
    const job = workflow.jobs.review;

    test('checks out the full history and installs with a cached npm on Node 20', () => {
      expect(uses(job, 'actions/checkout')?.with).toEqual({ 'fetch-depth': 0 });
      expect(uses(job, 'actions/setup-node')?.with).toEqual({ 'node-version': 20, cache: 'npm' });
      expect(job.steps.some((s) => s.run === 'npm ci')).toBe(true);
    });

    test('runs check before synth (synth rewrites dist/), then validate and diff', () => {
      const order = ['npx kfops check', 'npx kfops synth', 'npx kfops validate', 'npx kfops diff --base "origin/$BASE_REF"'];
      const positions = order.map((cmd) => runs(job).indexOf(cmd));
      expect(positions.every((p) => p >= 0)).toBe(true);
      expect([...positions].sort((a, b) => a - b)).toEqual(positions);
      expect(job.steps.find((s) => s.id === 'diff')?.env).toEqual({ BASE_REF: '${{ github.base_ref }}' });
      expect(runs(job)).toContain('--format markdown > diff.md');
    });

    test('posts or updates the one comment carrying the marker', () => {
      const script = String(uses(job, 'actions/github-script')?.with?.script);
      expect(script).toContain(`'${DIFF_COMMENT_MARKER}'`);
      expect(script).toContain('updateComment');
      expect(script).toContain('createComment');
      expect(job.permissions).toEqual({ contents: 'read', 'pull-requests': 'write' });
    });

    test('the comment script is valid JavaScript (github-script runs it as an async function body)', () => {
      const script = String(uses(job, 'actions/github-script')?.with?.script);
      const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor;
      expect(() => new AsyncFunction('require', 'github', 'context', script)).not.toThrow();
    });
  });

  test('publish job publishes on main with the deploy repo secret', () => {
    const job = workflow.jobs.publish;
    expect(job.if).toContain("github.ref == 'refs/heads/main'");
    const publish = job.steps.find((s) => s.run?.startsWith('npx kfops publish'));
    expect(publish?.run).toBe('npx kfops publish --repo "$DEPLOY_REPO_URL"');
    expect(publish?.env).toEqual({ DEPLOY_REPO_URL: '${{ secrets.DEPLOY_REPO_URL }}' });
    // Only checked, valid output is published.
    const runs = job.steps.map((s) => s.run ?? '');
    expect(runs.indexOf('npx kfops check')).toBeLessThan(runs.indexOf('npx kfops validate'));
    expect(runs.indexOf('npx kfops validate')).toBeGreaterThan(-1);
    expect(runs.indexOf('npx kfops validate')).toBeLessThan(runs.indexOf(publish?.run ?? ''));
  });

  test.each([
    ['actions/checkout', 7],
    ['actions/setup-node', 7],
    ['actions/github-script', 9],
  ])('every %s is at least v%i', (action, min) => {
    const steps = Object.values(workflow.jobs).flatMap((job) => job.steps.filter((s) => s.uses?.startsWith(`${action}@`)));
    expect(steps.length).toBeGreaterThan(0);
    for (const step of steps) expect(major(step)).toBeGreaterThanOrEqual(min);
  });
});
