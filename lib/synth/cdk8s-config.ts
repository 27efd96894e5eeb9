import { promises as fs } from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { UserError } from '../user-error';

/** The parts of `cdk8s.yaml` kfops reads. */
export interface Cdk8sConfig {
  /** Shell command that runs the app; it writes manifests to `$CDK8S_OUTDIR`. */
  readonly app: string;
  /** Where synth output goes, relative to the project. @default 'dist' */
  readonly output: string;
}

/** Reads `cdk8s.yaml` in `cwd`, the same file `npx cdk8s synth` reads. */
export async function readCdk8sConfig(cwd: string): Promise<Cdk8sConfig> {
  const file = path.join(cwd, 'cdk8s.yaml');
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch {
    throw new UserError(`${file}: not found (run kfops from the project root, where cdk8s.yaml is)`, 2);
  }
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (err) {
    throw new UserError(`${file}: not valid YAML: ${(err as Error).message}`, 2);
  }
  const config = (doc ?? {}) as Record<string, unknown>;
  if (typeof config.app !== 'string' || config.app.trim() === '') {
    throw new UserError(`${file}: 'app' must be the command that runs the app (e.g. app: node --require tsx/cjs pipelines/main.ts)`, 2);
  }
  const output = config.output ?? 'dist';
  if (typeof output !== 'string') {
    throw new UserError(`${file}: 'output' must be a folder name, got ${JSON.stringify(output)}`, 2);
  }
  return { app: config.app, output };
}
