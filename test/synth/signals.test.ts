import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runKfops, startKfops } from '../helpers/kfops-child';
import { treeBytes } from '../helpers/tree-bytes';

const HOSTILE = path.resolve(__dirname, '..', 'fixtures', 'hostile', 'synth');
const HANG_APP = path.join(HOSTILE, 'hang-app.ts');
const WRITING_APP = path.join(HOSTILE, 'writing-app.ts');
const TSX_CJS = require.resolve('tsx/cjs');

/** A project whose dist/ holds earlier output, and whose cdk8s.yaml app is `app` (a shell command). */
function project(app?: string): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'kfops-signals-')));
  fs.mkdirSync(path.join(dir, 'dist', 'dev'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'dist', 'dev', 'old.yaml'), 'kept: true\n');
  fs.writeFileSync(path.join(dir, 'dist', 'construct-metadata.json'), '{}\n');
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
    expect(treeBytes(path.join(dir, 'dist'))).toEqual({ 'construct-metadata.json': '{}\n', 'dev/old.yaml': 'kept: true\n' });
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

  test.concurrent('after SIGKILL (which cannot be caught) the app stops at once, and the next synth removes the staging folder', async () => {
    const dir = project();
    const pidFile = path.join(dir, 'app.pid');
    const { child, ended } = startKfops(['synth', '--no-typecheck', '--app', WRITING_APP], dir, { KFOPS_TEST_PID_FILE: pidFile });
    const app = await appPid(pidFile);
    try {
      child.kill('SIGKILL');
      expect(await ended).toEqual({ code: null, signal: 'SIGKILL' });
      // Its group's leader saw kfops go (the pipe from kfops closed) and stopped it: nothing writes into the dead
      // synth's staging folder any more.
      expect(await gone(app)).toBe(true);
      const state = path.join(dir, '.kfops', 'synth');
      const [staging] = fs.readdirSync(state);
      expect(staging).toMatch(new RegExp(`^stage-${child.pid}-[0-9a-f]+$`));
      const written = fs.readdirSync(path.join(state, staging, 'dev')).length;
      await new Promise((r) => setTimeout(r, 300));
      expect(fs.readdirSync(path.join(state, staging, 'dev'))).toHaveLength(written);
      const next = await runKfops(['synth', '--no-typecheck', '--no-validate', '--app', path.join(HOSTILE, 'tiny-app.ts')], dir);
      expect(next).toMatchObject({ code: 0, stderr: '' });
      expect(fs.readdirSync(state)).toEqual([]);
      expect(fs.readdirSync(path.join(dir, 'dist', 'dev')).sort()).toEqual(['configmap-settings.yaml', 'kustomization.yaml']);
      expect(fs.readdirSync(dir).sort()).toEqual(['.kfops', 'app.pid', 'dist']);
    } finally {
      if (alive(app)) process.kill(app, 'SIGKILL');
    }
  });

  test('SIGTERM during a cold type check ends synth at once: the check runs off the main thread', async () => {
    // A program whose cold check takes seconds: cdk8s-plus-27 with its declarations checked, and a fresh cache.
    const dir = project();
    fs.symlinkSync(path.resolve(__dirname, '..', '..', 'node_modules'), path.join(dir, 'node_modules'));
    fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: {
      strict: true, target: 'ES2022', module: 'node16', moduleResolution: 'node16', types: ['node'], skipLibCheck: false, noEmit: true,
    } }));
    fs.writeFileSync(path.join(dir, 'main.ts'), [
      "import * as fs from 'fs';",
      "import * as plus from 'cdk8s-plus-27';",
      'void plus;',
      "fs.writeFileSync(process.env.KFOPS_TEST_PID_FILE ?? 'app.pid', String(process.pid));",
      'setInterval(() => undefined, 60_000);',
      '',
    ].join('\n'));
    const pidFile = path.join(dir, 'app.pid');
    const { child, exited } = startKfops(['synth', '--app', 'main.ts'], dir, { KFOPS_TEST_PID_FILE: pidFile });
    const app = await appPid(pidFile);
    await new Promise((r) => setTimeout(r, 300));
    const signalled = Date.now();
    child.kill('SIGTERM');
    const result = await exited;
    expect(result).toMatchObject({ code: null, signal: 'SIGTERM' });
    expect(result.stderr).toBe('kfops: synth interrupted by SIGTERM: stopped the app; dist was left as it was\n');
    // GitHub Actions sends SIGKILL about 7.5 s after its SIGTERM; a check on the main thread took longer than that.
    expect(Date.now() - signalled).toBeLessThan(2500);
    expect(await gone(app)).toBe(true);
  });
});
