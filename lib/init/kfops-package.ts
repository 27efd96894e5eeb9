import * as fs from 'fs';
import * as path from 'path';

/** kfops' own folder: the repository, or node_modules/kfops where a project installed it. */
export const KFOPS_ROOT = path.resolve(__dirname, '..', '..');

/** What `kfops init` takes from kfops' package.json: its version, and the versions it is built and tested with. */
export interface KfopsPackage {
  readonly version: string;
  /** Node versions kfops runs on (`engines.node`). */
  readonly node: string;
  /** Exact versions of the packages kfops depends on and is developed with, by name. */
  readonly versions: Readonly<Record<string, string>>;
}

/** Reads the package.json kfops runs from (npm keeps devDependencies in a packed package.json). */
export function readKfopsPackage(): KfopsPackage {
  const manifest = JSON.parse(fs.readFileSync(path.join(KFOPS_ROOT, 'package.json'), 'utf8')) as {
    version: string;
    engines?: { node?: string };
    dependencies?: Record<string, string>;
    devDependencies?: Record<string, string>;
  };
  return {
    version: manifest.version,
    node: manifest.engines?.node ?? '>=20',
    versions: { ...manifest.devDependencies, ...manifest.dependencies },
  };
}
