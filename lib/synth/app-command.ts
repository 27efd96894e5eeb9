import * as fs from 'fs';
import * as path from 'path';
import { UserError } from '../user-error';
import { readCdk8sConfig } from '../layout/cdk8s-config';

/** A cdk8s app as synth runs it. */
export interface AppCommand {
  /** A shell command (cdk8s.yaml `app`), run as `npx cdk8s synth` runs it. Exactly one of `shell` and `argv`. */
  readonly shell?: string;
  /** A program and its arguments, run without a shell (`--app FILE`). */
  readonly argv?: readonly string[];
  /** What messages call the app: the command, or the file. */
  readonly label: string;
  /** The app's TypeScript entry file, absolute, when there is one: what the type check starts from. */
  readonly entry?: string;
}

const TYPESCRIPT_FILE = /\.(?:[cm]?ts|tsx)$/;
/** Runtime flags whose next word is a module or a config file, never the entry (`node --require tsx/cjs main.ts`). */
const FLAGS_WITH_VALUE = new Set(['-r', '--require', '--import', '--loader', '--experimental-loader', '-P', '--project', '--tsconfig']);
/**
 * kfops-source: while kfops runs from its TypeScript sources (this repository), `import 'kfops'` in an app resolves
 * to those sources too (a package's own export condition; other packages ignore it), as cdk8s.yaml's app does.
 * An installed kfops is compiled and ships no sources, so there the condition would point at files that are not
 * there: the app imports the compiled package.
 */
const SOURCE_CONDITIONS: readonly string[] = path.extname(__filename) === '.ts' ? ['--conditions=kfops-source'] : [];
/** Flags after which the command runs inline code, not an entry file. */
const INLINE_CODE = new Set(['-e', '--eval', '-p', '--print']);

/**
 * The app to synthesize: `appFile` (`--app FILE`, run with node and tsx's CommonJS hook, as cdk8s.yaml's default
 * app is) or else cdk8s.yaml's `app` command.
 *
 * @throws UserError (exit 2) when `appFile` does not exist, or cdk8s.yaml is missing or broken
 */
export async function resolveApp(cwd: string, appFile?: string): Promise<AppCommand> {
  if (appFile !== undefined) {
    const entry = path.resolve(cwd, appFile);
    if (!fs.statSync(entry, { throwIfNoEntry: false })?.isFile()) {
      throw new UserError(`--app ${appFile}: no such file (give the app's entry file, e.g. --app pipelines/main.ts)`, 2);
    }
    return {
      argv: [process.execPath, ...SOURCE_CONDITIONS, '--require', require.resolve('tsx/cjs'), entry],
      label: appFile,
      entry: TYPESCRIPT_FILE.test(entry) ? entry : undefined,
    };
  }
  const { app } = await readCdk8sConfig(cwd);
  return { shell: app, label: app, entry: entryOfCommand(app, cwd) };
}

/**
 * The TypeScript file a shell command runs (`node --require tsx/cjs pipelines/main.ts` -> pipelines/main.ts;
 * `npx ts-node -P tsconfig.json main.ts` -> main.ts), absolute; undefined when it runs none (JavaScript, inline
 * code, another language).
 */
export function entryOfCommand(command: string, cwd: string): string | undefined {
  const words = [...command.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]);
  for (let i = 0; i < words.length; i++) {
    if (INLINE_CODE.has(words[i])) return undefined;
    if (FLAGS_WITH_VALUE.has(words[i])) {
      i++;
      continue;
    }
    if (!TYPESCRIPT_FILE.test(words[i])) continue;
    const file = path.resolve(cwd, words[i]);
    if (fs.statSync(file, { throwIfNoEntry: false })?.isFile()) return file;
  }
  return undefined;
}
