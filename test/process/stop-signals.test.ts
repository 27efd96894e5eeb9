import { spawnSync } from 'child_process';
import * as path from 'path';

const STOP_SIGNALS = path.resolve(__dirname, '..', '..', 'lib', 'process', 'stop-signals.ts');

/**
 * Runs `scenario` (the body of an async function with stopOnSignals and unlessAborted in scope) in a node process
 * of its own: jest's sandboxed `process` does not carry signal listeners to the real one, so real signals cannot be
 * tested in process. A SIGHUP listener stands in for a host that keeps the process alive, so the fallback (a
 * UserError with the signal's exit code) is what the scenario sees.
 */
function run(scenario: string): { stdout: string; stderr: string; status: number | null } {
  const script = `
    const { stopOnSignals, unlessAborted } = require(${JSON.stringify(STOP_SIGNALS)});
    const describe = (signal, { finished }) => signal + (finished ? ' after the work' : ' stopped the work');
    process.on('SIGHUP', () => undefined);
    (async () => { ${scenario} })().then(
      (r) => console.log(JSON.stringify({ result: r })),
      (e) => console.log(JSON.stringify({ message: e.message, exitCode: e.exitCode })));`;
  const res = spawnSync(process.execPath, ['--require', require.resolve('tsx/cjs'), '-e', script], { encoding: 'utf8' });
  return { stdout: res.stdout.trim(), stderr: res.stderr.trim(), status: res.status };
}

describe('stopOnSignals', () => {
  test('a signal aborts the work, which stops; the process is then ended by the same signal (exit 128+n)', () => {
    expect(run(`
      const work = (signal) => unlessAborted(new Promise(() => process.kill(process.pid, 'SIGHUP')), signal);
      return stopOnSignals(work, describe);`)).toEqual({
      stdout: JSON.stringify({ message: 'SIGHUP stopped the work', exitCode: 129 }), stderr: 'kfops: SIGHUP stopped the work', status: 0,
    });
  });

  test('a signal that comes when the work can no longer stop is still honoured, and says so', () => {
    expect(run(`
      const work = async (signal) => {
        process.kill(process.pid, 'SIGHUP');
        await new Promise((resolve) => signal.addEventListener('abort', resolve));
        return 'written';
      };
      return stopOnSignals(work, describe);`)).toEqual({
      stdout: JSON.stringify({ message: 'SIGHUP after the work', exitCode: 129 }), stderr: 'kfops: SIGHUP after the work', status: 0,
    });
  });

  test("without a signal the work's result and errors pass through, and no listener stays", () => {
    expect(run(`
      const before = process.listenerCount('SIGTERM');
      const ok = await stopOnSignals(async () => 42, describe);
      const failed = await stopOnSignals(async () => { throw new Error('app failed'); }, describe).catch((e) => e.message);
      return [ok, failed, process.listenerCount('SIGTERM') - before];`)).toEqual({ stdout: JSON.stringify({ result: [42, 'app failed', 0] }), stderr: '', status: 0 });
  });

  test('a second signal ends the process at once with 128+n, and exit listeners still run', () => {
    expect(run(`
      process.on('exit', () => console.log('exit listener ran'));
      // Work that ignores the abort and keeps the process busy, as a child that will not stop does.
      const work = () => new Promise(() => {
        setInterval(() => undefined, 1000);
        process.kill(process.pid, 'SIGHUP');
        setTimeout(() => process.kill(process.pid, 'SIGHUP'), 50);
      });
      return stopOnSignals(work, describe);`)).toEqual({ stdout: 'exit listener ran', stderr: '', status: 129 });
  });
});
