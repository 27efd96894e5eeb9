import { constants } from 'os';
import { UserError } from '../user-error';

/** The signals that stop a synth: Ctrl-C, `kill` and CI cancels, a closed terminal. */
export const STOP_SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/**
 * Runs `work` with an AbortSignal that SIGINT, SIGTERM or SIGHUP abort (the reason is the signal's name), so work
 * can stop its children and drop its staging folders. When a signal came, it is raised again once `work` has
 * settled, after `describe` is printed (`finished`: the signal came too late to stop `work`): the process then ends
 * the way an uninterrupted one would have, killed by that signal (a shell sees 128 + its number).
 */
export async function stopOnSignals<T>(
  work: (signal: AbortSignal) => Promise<T>,
  describe: (signal: NodeJS.Signals, finished: boolean) => string,
): Promise<T> {
  const controller = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => controller.abort(signal);
  for (const s of STOP_SIGNALS) process.on(s, onSignal);
  let result: T | undefined;
  let failure: unknown;
  let finished = false;
  try {
    result = await work(controller.signal);
    finished = true;
  } catch (err) {
    failure = err;
  } finally {
    for (const s of STOP_SIGNALS) process.off(s, onSignal);
  }
  if (controller.signal.aborted) {
    const signal = controller.signal.reason as NodeJS.Signals;
    const message = describe(signal, finished);
    console.error(`kfops: ${message}`);
    process.kill(process.pid, signal);
    // Reached only when another listener keeps the process alive: still fail with the signal's exit code.
    throw new UserError(message, 128 + constants.signals[signal]);
  }
  if (failure !== undefined) throw failure;
  return result as T;
}

/** Settles like `promise`, or rejects with the abort reason as soon as `signal` aborts. */
export function unlessAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => { signal.removeEventListener('abort', onAbort); resolve(value); },
      (err) => { signal.removeEventListener('abort', onAbort); reject(err); },
    );
  });
}
