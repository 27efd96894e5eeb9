// The worker thread `kfops synth` type-checks the app in (./typecheck-thread.ts), so that the main thread stays free
// to handle signals at once: a cold check takes seconds of CPU. Plain JavaScript, like the bin: it loads the
// TypeScript source in this repository and the compiled file in the package (see ../load-entry.js).
'use strict';
const { parentPort, workerData } = require('worker_threads');
const { typecheckApp } = require('../load-entry')(__dirname, 'typecheck');

try {
  parentPort.postMessage({ result: typecheckApp(workerData) });
} catch (err) {
  // A UserError (no typescript, a broken tsconfig.json) crosses as its message and exit code; anything else is a bug.
  const userError = err && err.name === 'UserError' && typeof err.exitCode === 'number';
  parentPort.postMessage({ error: { message: String(err && err.message), exitCode: userError ? err.exitCode : undefined, stack: err && err.stack } });
}
