import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runKfops, startKfops } from '../helpers/kfops-child';
import { treeBytes } from '../helpers/tree-bytes';

const HOSTILE = path.resolve(__dirname, '..', 'fixtures', 'hostile', 'synth');
const HANG_APP = path.join(HOSTILE, 'hang-app.ts');
const TSX_CJS = require.resolve('tsx/cjs');

/** A project whose dist/ holds earlier output, and whose cdk8s.yaml app is `app` (a shell command). */
function project(app?: string): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'kfops-signals-')));
  fs.mkdirSync(path.join(dir, 'dist', 'dev'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'dist', 'dev', 'old.yaml'), 'kept: true\n');
  if (app) fs.writeFileSync(path.join(dir, 'cdk8s.yaml'), `app: ${JSON.stringify(app)}\n`);
  return dir;
}

/** Waits for the hanging app to write its pid: the app is running once it has. */
async function appPid(file: string): Promise<number> {
  for (let i = 0; i < 800; i++) {
    const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
    if (text !== '') return Number(text);
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`the app never started (${file})`);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Waits until a process is gone (an orphan is reaped by init shortly after it dies). */
async function gone(pid: number): Promise<boolean> {
  for (let i = 0; i < 200 && alive(pid); i++) await new Promise((r) => setTimeout(r, 25));
  return !alive(pid);
}

describe('kfops synth on signals (real signals to a real kfops process)', () => {
  test.concurrent.each(['SIGTERM', 'SIGINT', 'SIGHUP'] as const)('%s stops the app, keeps dist/, leaves no staging and ends by the signal', async (signal) => {
    const dir = project();
    const pidFile = path.join(dir, 'app.pid');
    const { child, exited } = startKfops(['synth', '--no-typecheck', '--app', HANG_APP], dir, { KFOPS_TEST_PID_FILE: pidFile });
    const app = await appPid(pidFile);
    child.kill(signal);
    const result = await exited;
    expect(result).toMatchObject({ code: null, signal });
    expect(result.stderr).toBe(`kfops: synth interrupted by ${signal}: stopped the app; dist was left as it was\n`);
    expect(await gone(app)).toBe(true);
    expect(treeBytes(path.join(dir, 'dist'))).toEqual({ 'dev/old.yaml': 'kept: true\n' });
    expect(fs.readdirSync(dir).sort()).toEqual(['.kfops', 'app.pid', 'dist']);
    expect(fs.readdirSync(path.join(dir, '.kfops', 'synth'))).toEqual([]);
  });

  test.concurrent('a cdk8s.yaml app under a shell is stopped with its whole process group', async () => {
    // `; true` keeps the shell waiting on the app, so the app is a grandchild kfops never sees directly.
    const dir = project(`node --require ${TSX_CJS} ${HANG_APP}; true`);
    const pidFile = path.join(dir, 'app.pid');
    const { child, exited } = startKfops(['synth', '--no-typecheck'], dir, { KFOPS_TEST_PID_FILE: pidFile });
    const app = await appPid(pidFile);
    child.kill('SIGTERM');
    expect(await exited).toMatchObject({ signal: 'SIGTERM' });
    expect(await gone(app)).toBe(true);
    expect(fs.readdirSync(path.join(dir, '.kfops', 'synth'))).toEqual([]);
  });

  test.concurrent('after SIGKILL (which cannot be caught) the next synth removes the staging folder left behind', async () => {
    const dir = project();
    const pidFile = path.join(dir, 'app.pid');
    const { child, ended } = startKfops(['synth', '--no-typecheck', '--app', HANG_APP], dir, { KFOPS_TEST_PID_FILE: pidFile });
    const app = await appPid(pidFile);
    try {
      child.kill('SIGKILL');
      // The orphaned app still holds kfops' stderr open, so wait for the process, not for its output to close.
      expect(await ended).toEqual({ code: null, signal: 'SIGKILL' });
      child.stderr?.destroy();
      const state = path.join(dir, '.kfops', 'synth');
      expect(fs.readdirSync(state)).toEqual([expect.stringMatching(new RegExp(`^stage-${child.pid}-[0-9a-f]+$`))]);
      // The killed synth's app is still running (an orphan): the next run must not wait for it or trip over it.
      expect(alive(app)).toBe(true);
      const next = await runKfops(['synth', '--no-typecheck', '--no-validate', '--app', path.join(HOSTILE, 'tiny-app.ts')], dir);
      expect(next).toMatchObject({ code: 0, stderr: '' });
      expect(fs.readdirSync(state)).toEqual([]);
      expect(fs.readdirSync(path.join(dir, 'dist', 'dev')).sort()).toEqual(['configmap-settings.yaml', 'kustomization.yaml']);
      expect(fs.readdirSync(dir).sort()).toEqual(['.kfops', 'app.pid', 'dist']);
    } finally {
      if (alive(app)) process.kill(app, 'SIGKILL');
    }
  });
});
