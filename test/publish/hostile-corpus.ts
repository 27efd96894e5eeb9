/** The publish part of the hostile-input corpus under test/fixtures/hostile/publish/, read for the tests. */
import { readFileSync } from 'fs';
import * as path from 'path';
import { parse } from 'yaml';

const DIR = path.resolve(__dirname, '../fixtures/hostile/publish');

/** Reads one corpus file. */
export function corpus<T>(file: string): T {
  return parse(readFileSync(path.join(DIR, file), 'utf8')) as T;
}

/** A hostile `--from` folder, see output-folders.yaml. */
export interface OutputFolderCase {
  readonly name: string;
  readonly links?: Record<string, string>;
  readonly fifos?: string[];
  readonly from?: string;
  readonly names: string[];
}

/** An entry of a hostile deploy-repo tree, see deploy-trees.yaml. */
export type TreeSpec = { link: string } | { submodule: true } | { file: string } | { gitdir: true };

/** A hostile deploy-repo branch, see deploy-trees.yaml. */
export interface DeployTreeCase {
  readonly name: string;
  readonly dir?: string;
  readonly tree: Record<string, TreeSpec>;
  readonly names?: string[];
}

/** A remote with credentials, see urls.yaml. */
export interface UrlCase {
  readonly name: string;
  readonly url: string;
  readonly secrets: string[];
}
