import * as fs from 'fs';
import * as path from 'path';
import { UserError } from '../user-error';
import { displayPath } from './io-error';

/** Files synth writes that hold no objects of their own. */
const NOT_OBJECTS = new Set(['construct-metadata.json', 'kustomization.yaml']);
/** Files that mark a project, never an output folder. */
const PROJECT_MARKERS = ['cdk8s.yaml', 'package.json', 'tsconfig.json', '.git'];
/** Source files: synth never writes them, so a folder holding one is not an output folder. */
const SOURCE_FILE = /\.(?:[cm]?[jt]s|tsx|jsx|py|go)$/;

/** What an output folder holds, as far as replacing it is concerned. */
export interface OutputFolderContent {
  /** Entries at its top level (0 when it does not exist). */
  readonly entries: number;
  /** Non-empty manifest files (`*.yaml`, `*.yml`, `*.json` besides construct metadata and kustomizations). */
  readonly manifests: number;
  /** A file no synth writes (a project marker or a source file), relative to the folder. */
  readonly foreign?: string;
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
  let foreign = top.find((e) => PROJECT_MARKERS.includes(e.name))?.name;
  const walk = (folder: string, entries: fs.Dirent[]) => {
    for (const entry of entries) {
      if (foreign) return;
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) {
        walk(full, fs.readdirSync(full, { withFileTypes: true }));
      } else if (entry.isFile()) {
        if (SOURCE_FILE.test(entry.name)) foreign ??= path.relative(dir, full);
        else if (/\.(?:ya?ml|json)$/.test(entry.name) && !NOT_OBJECTS.has(entry.name) && fs.statSync(full).size > 0) manifests++;
      }
    }
  };
  walk(dir, top);
  return { entries: top.length, manifests, foreign };
}

/**
 * Reads what the output folder holds, refusing folders whose replacement would destroy work: the project itself
 * (or a folder holding it), and folders holding a project or source files (`--out pipelines`). Synth replaces the
 * output folder whole.
 *
 * @throws UserError (exit 2) naming the folder and what is in it
 */
export function inspectReplaceable(target: string, cwd: string): OutputFolderContent {
  const shown = displayPath(target, cwd);
  const fromTarget = path.relative(path.resolve(target), path.resolve(cwd));
  if (fromTarget === '' || (!fromTarget.startsWith('..') && !path.isAbsolute(fromTarget))) {
    throw new UserError(`the output folder ${shown} is the project folder or holds it; synth replaces its output folder `
      + 'whole, so choose a folder only synth writes (e.g. --out dist)', 2);
  }
  const content = inspectOutputFolder(target);
  if (content.foreign) {
    throw new UserError(`the output folder ${shown} holds ${path.join(shown, content.foreign)}, which synth never writes; `
      + 'synth replaces its output folder whole, so choose a folder only synth writes (e.g. --out dist)', 2);
  }
  return content;
}
