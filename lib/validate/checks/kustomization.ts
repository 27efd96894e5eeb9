import * as fs from 'fs';
import * as path from 'path';
import { KUSTOMIZATION_FILE_NAMES } from '../../layout';
import { isManifestReadError, parseYamlFile, readTextFile } from '../../manifest';
import { isRecord, KubeObject, metadataOf } from '../object-index';
import { error, ObjectResult, Violation } from '../violation';

/** Fields of a Kustomization that list files or folders. */
const PATH_LISTS = ['resources', 'bases', 'components', 'crds', 'patchesStrategicMerge'] as const;
/** Fields of a Kustomization whose entries name a patch file by `path`. */
const PATCH_ENTRY_LISTS = ['patches', 'patchesJson6902'] as const;

/**
 * A `kustomization.yaml` is not a Kubernetes object to apply; kfops checks only that the files and folders it
 * lists exist (remote URLs are not fetched).
 *
 * @param file the kustomization file's absolute path, to resolve the listed paths against
 */
export function checkKustomization(object: KubeObject, file: string): Violation[] {
  const dir = path.dirname(file);
  const violations: Violation[] = [];
  const missing = (field: string, entry: string) => !isRemote(entry) && !entry.includes('\n') && !fs.existsSync(path.resolve(dir, entry))
    && error(field, 'kustomize/missing-resource', `${field.replace(/\[\d+\].*$/, '')} lists "${entry}", which does not exist next to the kustomization`,
      'fix the path (it is relative to the kustomization file) or remove the entry');
  for (const field of PATH_LISTS) {
    const list = object[field];
    if (!Array.isArray(list)) continue;
    list.forEach((entry, i) => {
      const problem = typeof entry === 'string' && missing(`${field}[${i}]`, entry);
      if (problem) violations.push(problem);
    });
  }
  for (const field of PATCH_ENTRY_LISTS) {
    const list = object[field];
    if (!Array.isArray(list)) continue;
    list.forEach((entry, i) => {
      const problem = isRecord(entry) && typeof entry.path === 'string' && missing(`${field}[${i}].path`, entry.path);
      if (problem) violations.push(problem);
    });
  }
  return violations;
}

/** How a kustomization uses a file as a patch. */
export interface PatchUse {
  /** The kustomization file, absolute. */
  readonly kustomization: string;
  /** Where it lists the file, e.g. `patches[0].path`. */
  readonly field: string;
  /** The entry names its target (`target:`); without one, kustomize finds it by the patch's own kind and name. */
  readonly targeted: boolean;
}

/**
 * The files kustomizations use as patches (`patches`, `patchesStrategicMerge`, `patchesJson6902`): partial
 * objects or JSON patch operations that kustomize merges into a resource, not objects of their own. A file is
 * looked up in the kustomization files of its folder and the folders above it (an install bundle keeps a
 * component's patches in a folder below its kustomization, e.g. `overlays/`), each read once.
 */
export class KustomizePatches {
  /** Folder -> the patches that the kustomizations in it and the folders above it list (the nearest one wins). */
  private readonly byFolder = new Map<string, ReadonlyMap<string, PatchUse>>();

  /** How a kustomization at or above the file's folder uses `file` (absolute) as a patch; undefined when none does. */
  useOf(file: string): PatchUse | undefined {
    return this.patchesAtOrAbove(path.dirname(file)).get(file);
  }

  /**
   * Whether a reader's problem is only a JSON patch being what it is, a sequence of operations (`- op: add`), not an
   * object: in a file a kustomization uses as a patch, that is no problem.
   *
   * @param cwd what the problem's file is relative to
   */
  isPatchOperations(problem: ObjectResult, cwd: string): boolean {
    return problem.violations.length === 1 && problem.violations[0].rule === 'input/not-an-object'
      && / is a sequence, /.test(problem.violations[0].message) && this.useOf(path.resolve(cwd, problem.file)) !== undefined;
  }

  // Once per folder, however many objects it holds: each lookup after that is one map access.
  private patchesAtOrAbove(dir: string): ReadonlyMap<string, PatchUse> {
    let found = this.byFolder.get(dir);
    if (!found) {
      const parent = path.dirname(dir);
      const above = parent === dir ? new Map<string, PatchUse>() : this.patchesAtOrAbove(parent);
      const here = readPatches(dir);
      found = here.size === 0 ? above : new Map([...above, ...here]);
      this.byFolder.set(dir, found);
    }
    return found;
  }
}

function readPatches(dir: string): ReadonlyMap<string, PatchUse> {
  const patches = new Map<string, PatchUse>();
  const name = KUSTOMIZATION_FILE_NAMES.find((n) => fs.statSync(path.join(dir, n), { throwIfNoEntry: false })?.isFile());
  if (name === undefined) return patches;
  const kustomization = path.join(dir, name);
  let object: unknown;
  try {
    object = parseYamlFile(readTextFile(kustomization, kustomization), kustomization);
  } catch (err) {
    // A broken kustomization is reported where it is validated; here it lists no patches.
    if (isManifestReadError(err)) return patches;
    throw err;
  }
  if (!isRecord(object)) return patches;
  const add = (entry: unknown, field: string, targeted: boolean) => {
    if (typeof entry !== 'string' || isRemote(entry) || entry.includes('\n')) return;
    const file = path.resolve(dir, entry);
    if (!patches.has(file)) patches.set(file, { kustomization, field, targeted });
  };
  const inline = object.patchesStrategicMerge;
  if (Array.isArray(inline)) inline.forEach((entry, i) => add(entry, `patchesStrategicMerge[${i}]`, false));
  for (const field of PATCH_ENTRY_LISTS) {
    const list = object[field];
    if (!Array.isArray(list)) continue;
    list.forEach((entry, i) => {
      if (isRecord(entry)) add(entry.path, `${field}[${i}].path`, isRecord(entry.target));
    });
  }
  return patches;
}

/**
 * A strategic-merge patch is checked as kustomize reads it, not as a full object: without a `target` in its
 * entry, kustomize finds the resource it patches by the patch's own kind and `metadata.name`, so both must be set.
 */
export function checkPatch(object: KubeObject, use: PatchUse): Violation[] {
  if (use.targeted) return [];
  const named = typeof metadataOf(object).name === 'string';
  if (typeof object.kind === 'string' && object.kind !== '' && named) return [];
  const field = typeof object.kind !== 'string' || object.kind === '' ? 'kind' : 'metadata.name';
  return [error(field, 'kustomize/patch-target', `${path.basename(use.kustomization)} uses this file as a patch (${use.field}) without a `
    + `target, and the patch has no ${field}, so kustomize cannot find the resource it patches`,
    `set ${field} to the patched resource's, or give the entry a target (kind, name)`)];
}

/** True for a kustomization entry that names a remote resource (a URL, `github.com/...`, `git@...`, `?ref=`), not a file or folder. */
export function isRemote(entry: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(entry) || /^(github\.com|gitlab\.com|bitbucket\.org)\//.test(entry) || entry.includes('?ref=') || entry.startsWith('git@');
}
