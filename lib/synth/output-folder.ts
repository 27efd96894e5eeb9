import * as fs from 'fs';
import * as path from 'path';
import { CONSTRUCT_METADATA_FILE, isKustomizationFile } from '../layout';
import { isWithin } from '../path-within';
import { UserError } from '../user-error';
import { displayPath } from './io-error';

/** Entries of a refused folder an error names before it says "and N more". */
const NAMED_ENTRIES = 5;

/** What an output folder holds, as far as replacing it is concerned. */
export interface OutputFolderContent {
  /** Entries at its top level (0 when it does not exist). */
  readonly entries: number;
  /** Non-empty manifest files (`*.yaml`, `*.yml`, `*.json` besides construct metadata and kustomizations). */
  readonly manifests: number;
}

/** Reads what `dir` holds, without following links. */
export function inspectOutputFolder(dir: string): OutputFolderContent {
  let top: fs.Dirent[];
  try {
    top = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return { entries: 0, manifests: 0 };
  }
  let manifests = 0;
  const walk = (folder: string, entries: fs.Dirent[]) => {
    for (const entry of entries) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(full, fs.readdirSync(full, { withFileTypes: true }));
      else if (entry.isFile() && isManifestFile(entry.name) && fs.statSync(full).size > 0) manifests++;
    }
  };
  walk(dir, top);
  return { entries: top.length, manifests };
}

/**
 * Reads what the output folder holds, refusing every folder synth did not make, since synth replaces its output
 * folder whole: only a folder that is missing, empty, or has {@link CONSTRUCT_METADATA_FILE} at its top (which
 * every synth output has) may be replaced. The project itself (or a folder above it) and anything in or of a git
 * repository (`.git`, a bare repo, a work tree or submodule) are refused whatever they hold.
 *
 * @throws UserError (exit 2) naming the folder, what is in it, and the fix
 */
export function inspectReplaceable(target: string, cwd: string): OutputFolderContent {
  const shown = displayPath(target, cwd);
  const [targetDir, projectDir] = [path.resolve(target), path.resolve(cwd)];
  if (projectDir === targetDir || isWithin(projectDir, targetDir)) {
    throw new UserError(`the output folder ${shown} is the project folder or holds it; synth replaces its output folder `
      + 'whole, so choose a folder only synth writes (e.g. --out dist)', 2);
  }
  const git = gitFolderOf(path.resolve(target));
  if (git) {
    throw new UserError(`the output folder ${shown} ${git}; synth replaces its output folder whole and would destroy the `
      + 'repository\'s history, so it never writes there: choose a folder only synth writes (e.g. --out dist)', 2);
  }
  let entries: string[];
  try {
    entries = fs.readdirSync(target).sort();
  } catch {
    return { entries: 0, manifests: 0 };
  }
  if (entries.length > 0 && !fs.lstatSync(path.join(target, CONSTRUCT_METADATA_FILE), { throwIfNoEntry: false })?.isFile()) {
    const named = entries.slice(0, NAMED_ENTRIES).map((e) => path.join(shown, e)).join(', ');
    const more = entries.length > NAMED_ENTRIES ? ` and ${entries.length - NAMED_ENTRIES} more` : '';
    throw new UserError(`the output folder ${shown} holds files synth did not write (${named}${more}): it has no `
      + `${CONSTRUCT_METADATA_FILE}, which synth writes at the top of every output folder, and synth replaces its output `
      + 'folder whole, so it would delete them: choose a folder only synth writes (e.g. --out dist), or, if this is output '
      + `of an older tool, remove ${shown} first`, 2);
  }
  return inspectOutputFolder(target);
}

/**
 * Why `dir` belongs to git, or undefined: a `.git` folder (any case) on its path, a folder git would take for a
 * repository (`HEAD`, `objects/`, `refs/`: a bare repo), or one holding a `.git` (a work tree, a submodule).
 */
function gitFolderOf(dir: string): string | undefined {
  const parts = dir.split(path.sep);
  const at = parts.findIndex((part) => part.toLowerCase().replace(/[. ]+$/, '') === '.git');
  if (at >= 0) return `is ${at === parts.length - 1 ? 'a git directory' : `inside the git directory ${parts.slice(0, at + 1).join(path.sep)}`}`;
  const has = (name: string, folder: boolean) => {
    const stat = fs.lstatSync(path.join(dir, name), { throwIfNoEntry: false });
    return folder ? stat?.isDirectory() === true : stat !== undefined;
  };
  if (has('HEAD', false) && has('objects', true) && has('refs', true)) return 'is a git repository (it has HEAD, objects/ and refs/)';
  if (has('.git', false)) return 'holds a .git: it is the work tree of a git repository';
  return undefined;
}

/**
 * Makes sure the output marks itself as synth's: an app that writes no {@link CONSTRUCT_METADATA_FILE} (a plain
 * cdk8s App without validation plugins) gets an empty one, in cdk8s' format, so the next synth may replace the
 * folder again.
 */
export function markAsOutput(dir: string): void {
  const file = path.join(dir, CONSTRUCT_METADATA_FILE);
  if (!fs.existsSync(file)) fs.writeFileSync(file, `${JSON.stringify({ version: '1.0.0', resources: {} }, null, 2)}\n`);
}

function isManifestFile(name: string): boolean {
  return /\.(?:ya?ml|json)$/.test(name) && name !== CONSTRUCT_METADATA_FILE && !isKustomizationFile(name);
}
