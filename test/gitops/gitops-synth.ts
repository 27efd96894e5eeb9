import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse } from 'yaml';
import { KfopsApp } from '../../lib';
import { deployEnvironments, DeployEnvironmentsProps } from '../../lib/gitops';
import { catalog, config } from '../fixtures/gitops/pipelines';

/** A synthesized object, loosely typed for assertions. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Obj = any;

export const FIXTURES = path.join(__dirname, '..', 'fixtures', 'gitops');

/** Synthesizes the fixture config (with `overrides`) into a fresh temp folder and returns the folder. */
export function synthGitOps(overrides: Partial<DeployEnvironmentsProps> = {}): string {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'kfops-gitops-'));
  const app = new KfopsApp({ outdir: path.join(outdir, 'dist') });
  deployEnvironments(app, { ...config, catalog, paramsDir: path.join(FIXTURES, 'params'), ...overrides });
  app.synth();
  return path.join(outdir, 'dist');
}

/** The object in `<dist>/<folder>/<file>`. */
export function readObject(dist: string, folder: string, file: string): Obj {
  return parse(fs.readFileSync(path.join(dist, folder, file), 'utf8'));
}

export { treeBytes } from '../helpers/tree-bytes';
