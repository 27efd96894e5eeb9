import { constants } from 'os';
import { UserError } from '../user-error';

/** The signals that stop a command: Ctrl-C, `kill` and CI cancels, a closed terminal. */
export const STOP_SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** How the work ended, for the message {@link stopOnSignals} prints after a signal. */
export interface StoppedWork {
  /** True when the work completed anyway: the signal came too late to stop it. */
  readonly finished: boolean;
  /** What the work threw (typically its own "interrupted" error). @default - it did not throw */
  readonly error?: unknown;
}

/**
 * Runs `work` with an AbortSignal that the first SIGINT, SIGTERM or SIGHUP aborts (the reason is the signal's
 * name), so the work can stop its process groups and remove its temporary folders. Once the work has settled,
 * `describe` is printed (`kfops: ...`) and the signal is raised again: the process ends the way an uninterrupted
 * one would have, killed by that signal (a shell sees 128 + its number). A second signal ends the process at once
 * with exit code 128 + its number; `exit` listeners still run (process groups are killed, temp copies removed).
 */
export async function stopOnSignals<T>(
  work: (signal: AbortSignal) => Promise<T>,
  describe: (signal: NodeJS.Signals, outcome: StoppedWork) => string,
): Promise<T> {
  const controller = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    if (controller.signal.aborted) process.exit(exitCodeOf(signal));
    controller.abort(signal);
  };
  for (const s of STOP_SIGNALS) process.on(s, onSignal);
  let result: T | undefined;
  let outcome: StoppedWork;
  try {
    result = await work(controller.signal);
    outcome = { finished: true };
  } catch (err) {
    outcome = { finished: false, error: err };
  } finally {
    for (const s of STOP_SIGNALS) process.off(s, onSignal);
  }
  if (controller.signal.aborted) {
    const signal = controller.signal.reason as NodeJS.Signals;
    const message = describe(signal, outcome);
    console.error(`kfops: ${message}`);
    process.kill(process.pid, signal);
    // Reached only when another listener keeps the process alive: still fail with the signal's exit code.
    throw new UserError(message, exitCodeOf(signal));
  }
  if (!outcome.finished) throw outcome.error;
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

/** 128 + the signal's number, the exit code a shell shows for a process killed by it. */
function exitCodeOf(signal: NodeJS.Signals): number {
  return 128 + constants.signals[signal];
}
