import * as fs from 'fs';
import * as path from 'path';
import { UserError } from '../user-error';

/** The class name cdk8s.yaml names kfops' validation plugin by (`validations: [{ class: KfopsValidation }]`). */
const VALIDATION_PLUGIN_CLASS = 'KfopsValidation';

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
    text = await fs.promises.readFile(file, 'utf8');
  } catch {
    throw new UserError(`${file}: not found (run kfops from the project root, where cdk8s.yaml is)`, 2);
  }
  const config = parseCdk8sYaml(file, text, 'not valid YAML');
  if (typeof config.app !== 'string' || config.app.trim() === '') {
    throw new UserError(`${file}: 'app' must be the command that runs the app (e.g. app: node --require tsx/cjs pipelines/main.ts)`, 2);
  }
  const output = config.output ?? 'dist';
  if (typeof output !== 'string') {
    throw new UserError(`${file}: 'output' must be a folder name, got ${JSON.stringify(output)}`, 2);
  }
  return { app: config.app, output };
}

/**
 * The `properties` of the {@link VALIDATION_PLUGIN_CLASS} entry under `validations:` in `<cwd>/cdk8s.yaml`, which
 * `npx cdk8s synth` passes to the plugin and `kfops validate` / `kfops synth` read too (schema versions). Empty
 * when the project has no cdk8s.yaml or no such entry; the rest of the file is synth's to check.
 *
 * @throws UserError (exit code 2) when cdk8s.yaml is not valid YAML
 */
export function readValidationSettings(cwd: string): Readonly<Record<string, unknown>> {
  const file = path.join(cwd, 'cdk8s.yaml');
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return {};
  }
  const validations = parseCdk8sYaml(file, text, 'not valid YAML, so its validation settings cannot be read').validations;
  if (!Array.isArray(validations)) return {};
  const entry: unknown = validations.find((v: unknown) => isRecord(v) && v.class === VALIDATION_PLUGIN_CLASS);
  return isRecord(entry) && isRecord(entry.properties) ? entry.properties : {};
}

/** cdk8s.yaml as the cdk8s CLI parses it (the `yaml` library); an empty file is `{}`. */
function parseCdk8sYaml(file: string, text: string, problem: string): Record<string, unknown> {
  // Required here, not at the top: most commands never read cdk8s.yaml, and the library takes a while to load.
  const { parse } = require('yaml') as typeof import('yaml');
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (err) {
    throw new UserError(`${file}: ${problem}: ${(err as Error).message}`, 2);
  }
  return isRecord(doc) ? doc : {};
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
