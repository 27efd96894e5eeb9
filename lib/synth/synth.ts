import * as fs from 'fs';
import * as path from 'path';
import { stopOnSignals, unlessAborted } from '../process/stop-signals';
import { UserError } from '../user-error';
import { AppCommand, resolveApp } from './app-command';
import { readCdk8sConfig } from '../layout/cdk8s-config';
import { displayPath } from './io-error';
import { inspectOutputFolder, inspectReplaceable, markAsOutput, OutputFolderContent } from './output-folder';
import { cleanStaleStaging, replaceDir } from './replace-dir';
import { runApp } from './run-app';
import { typecheckOffThread } from './typecheck-thread';

/** Type errors listed in the message; the rest are counted. */
const MAX_TYPE_ERRORS = 30;

/** Options of {@link synth}. */
export interface SynthOptions {
  /** Project root, where `cdk8s.yaml` is. */
  readonly cwd: string;
  /** Output folder, relative to `cwd` or absolute. @default - `output` of cdk8s.yaml, else 'dist' */
  readonly outdir?: string;
  /** The app's entry file, run with node and tsx's CommonJS hook (`--app FILE`). @default - cdk8s.yaml `app` */
  readonly app?: string;
  /**
   * Type-check the app's program (see {@link typecheckOffThread}) while the app runs; a type error fails synth.
   * Apps without a TypeScript entry file are not checked. @default false
   */
  readonly typecheck?: boolean;
  /**
   * Accept output without objects: an app that wrote nothing, or no objects where the output folder had some, is
   * otherwise an error that keeps the previous output. @default false
   */
  readonly allowEmpty?: boolean;
  /**
   * Checks the fresh output (in `stagedDir`, bound for `outdir`) before it replaces the output folder, e.g.
   * validation; throwing keeps the previous output. It may move `stagedDir` away (to keep rejected output).
   * @default - no check
   */
  readonly check?: (stagedDir: string, outdir: string) => Promise<void>;
}

/**
 * Synthesizes the project's app into its output folder atomically: the app writes into a staging folder that
 * replaces the output folder only when the app succeeded, its types check (with `typecheck`), it produced objects
 * and the output passed `check`. SIGINT, SIGTERM and SIGHUP stop the app, drop the staging folder and end the
 * process by the same signal. Returns the absolute output folder.
 */
export async function synth(options: SynthOptions): Promise<string> {
  const app = await resolveApp(options.cwd, options.app);
  const outdir = path.resolve(options.cwd, options.outdir ?? (await defaultOutput(options)));
  const shown = displayPath(outdir, options.cwd);
  const before = inspectReplaceable(outdir, options.cwd);
  cleanStaleStaging(outdir, options.cwd);
  await stopOnSignals((signal) => replaceDir(outdir, async (staged) => {
    await runTypechecked(options, app, staged, shown, signal);
    if (!options.allowEmpty) assertNotEmpty(inspectOutputFolder(staged), before, app, shown);
    markAsOutput(staged);
    if (options.check) await unlessAborted(options.check(staged, outdir), signal);
  }, { projectRoot: options.cwd, signal }), (signal, { finished }) => (finished
    ? `synth interrupted by ${signal} after ${shown} was replaced`
    : `synth interrupted by ${signal}: stopped the app; ${shown} was left as it was`));
  return outdir;
}

async function defaultOutput(options: SynthOptions): Promise<string> {
  if (options.app !== undefined && !fs.existsSync(path.join(options.cwd, 'cdk8s.yaml'))) return 'dist';
  return (await readCdk8sConfig(options.cwd)).output;
}

/**
 * Runs the app and, at the same time, type-checks it in a worker thread: the app is a process of its own, so on two
 * cores the check costs little wall time, and the main thread stays free to handle signals at once. Type errors
 * stop the app and fail synth; an app that fails stops the check, and its error is the one reported.
 */
async function runTypechecked(options: SynthOptions, app: AppCommand, staged: string, shown: string, signal: AbortSignal): Promise<void> {
  const stopApp = new AbortController();
  const stopCheck = new AbortController();
  const forward = () => {
    stopApp.abort(signal.reason);
    stopCheck.abort(signal.reason);
  };
  signal.addEventListener('abort', forward, { once: true });
  try {
    const running = runApp({ cwd: options.cwd, app, outdir: staged, outdirLabel: shown, signal: stopApp.signal });
    running.catch(() => stopCheck.abort('the app failed'));
    let errors: readonly string[] = [];
    try {
      if (options.typecheck && app.entry) errors = (await typecheckOffThread({ cwd: options.cwd, entry: app.entry }, stopCheck.signal)).errors;
    } catch (err) {
      if (!signal.aborted && stopCheck.signal.aborted) await running;
      stopApp.abort('SIGTERM');
      await running.catch(() => undefined);
      throw err;
    }
    if (errors.length > 0) {
      stopApp.abort('SIGTERM');
      await running.catch(() => undefined);
      const more = errors.length > MAX_TYPE_ERRORS ? `\n  ... and ${errors.length - MAX_TYPE_ERRORS} more` : '';
      throw new UserError(`type check failed with ${errors.length} error${errors.length === 1 ? '' : 's'}; ${shown} was left as it was `
        + `(fix them, or synth without type checking: --no-typecheck):\n  ${errors.slice(0, MAX_TYPE_ERRORS).join('\n  ')}${more}`);
    }
    await running;
  } finally {
    signal.removeEventListener('abort', forward);
  }
}

/** An app that exited 0 without synthesizing must not replace real output with nothing. */
function assertNotEmpty(written: OutputFolderContent, before: OutputFolderContent, app: AppCommand, shown: string): void {
  if (written.entries === 0) {
    throw new UserError(`synth failed: the app '${app.label}' exited 0 but wrote nothing into its output folder; it must call `
      + `app.synth() (KfopsApp.main does) and not exit before it. ${shown} was left as it was (--allow-empty accepts empty output)`);
  }
  if (written.manifests === 0 && before.manifests > 0) {
    throw new UserError(`synth failed: the app '${app.label}' produced no objects, where ${shown} has ${before.manifests} manifest `
      + `file${before.manifests === 1 ? '' : 's'}; ${shown} was left as it was (if removing every object is intended, synth again with --allow-empty)`);
  }
}
