import * as path from 'path';
import { Worker } from 'worker_threads';
import { UserError } from '../user-error';
import type { TypecheckOptions, TypecheckResult } from './typecheck';

/** The worker's entry: plain JavaScript, loaded without tsx (see typecheck-worker.js). */
const WORKER = path.join(__dirname, 'typecheck-worker.js');

type WorkerMessage =
  | { readonly result: TypecheckResult }
  | { readonly error: { readonly message: string; readonly exitCode?: number; readonly stack?: string } };

/**
 * Runs {@link typecheckApp} in a worker thread, so the process stays responsive while the compiler works (a cold
 * check is seconds of CPU): a signal is handled at once, and aborting `signal` stops the check (the worker is
 * terminated) and rejects with the abort reason.
 *
 * @throws UserError as typecheckApp does (exit 2: no usable typescript, a broken tsconfig.json)
 */
export function typecheckOffThread(options: TypecheckOptions, signal?: AbortSignal): Promise<TypecheckResult> {
  if (signal?.aborted) return Promise.reject(signal.reason);
  return new Promise<TypecheckResult>((resolve, reject) => {
    const worker = new Worker(WORKER, { workerData: options });
    let settled = false;
    const settle = (done: () => void) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      done();
    };
    const onAbort = () => settle(() => {
      void worker.terminate();
      reject(signal?.reason);
    });
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.once('message', (message: WorkerMessage) => settle(() => {
      if ('result' in message) return resolve(message.result);
      if (message.error.exitCode !== undefined) return reject(new UserError(message.error.message, message.error.exitCode));
      const bug = new Error(message.error.message);
      bug.stack = message.error.stack;
      reject(bug);
    }));
    worker.once('error', (err) => settle(() => reject(err)));
    worker.once('exit', (code) => settle(() => reject(new Error(`the type-check worker exited with code ${code} before it answered`))));
  });
}
