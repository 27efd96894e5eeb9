import * as fs from 'fs';
import * as path from 'path';
import { CONSTRUCT_METADATA_FILE, setAsideRejected } from '../layout';

/**
 * The output folder the cdk8s CLI wrote `manifests` into: the innermost folder holding all of them that has a
 * `construct-metadata.json` (cdk8s and KfopsApp write it at the root when validations run), strictly inside `cwd`.
 */
export function outputFolderOf(manifests: readonly string[], cwd: string): string | undefined {
  if (manifests.length === 0) return undefined;
  const root = path.resolve(cwd);
  let common = path.dirname(path.resolve(cwd, manifests[0]));
  for (const m of manifests) {
    const dir = path.dirname(path.resolve(cwd, m));
    while (dir !== common && !dir.startsWith(common + path.sep)) common = path.dirname(common);
  }
  for (let dir = common; dir.startsWith(root + path.sep); dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, CONSTRUCT_METADATA_FILE))) return dir;
  }
  return undefined;
}

/**
 * Moves `folder` to `.kfops/synth/rejected/<name>` when the process exits: after every validation plugin has read
 * it and the CLI has printed its reports. The cdk8s CLI deletes the output folder before running the app, so
 * the folder holds only this run's invalid output; moving it keeps it from being committed or published.
 */
export function setAsideOnExit(folder: string, cwd: string): void {
  process.once('exit', () => {
    const shown = path.relative(cwd, folder);
    try {
      const destination = setAsideRejected(folder, cwd, path.basename(folder));
      console.error(`kfops: moved the invalid output from ${shown}/ to ${path.relative(cwd, destination)}/ so it is neither `
        + `committed nor published; \`git checkout -- ${shown}\` restores the committed output (npx kfops synth keeps the `
        + 'previous output in place instead)');
    } catch (err) {
      console.error(`kfops: could not move the invalid output out of ${shown}/ (${(err as NodeJS.ErrnoException).code ?? String(err)}); `
        + 'do not commit it');
    }
  });
}
