import * as path from 'path';
import { isManifestReadError, parseYamlFile, readTextFile } from '../../../manifest';
import { isRecord, KubeObject, metadataOf } from '../../object-index';
import { error, ObjectResult, Violation } from '../../violation';
import { decodeKustomization } from './kustomization-fields';
import { kustomizationIn } from './kustomization-file';
import { isLocal, isWithin, ListedPath } from './kustomization-paths';

/** Fields of a Kustomization whose entries name a patch by `path` or hold it as `patch`. */
const PATCH_ENTRY_LISTS = ['patches', 'patchesJson6902'] as const;

/** The patch files a kustomization names (`patches[].path`, `patchesJson6902[].path`, `patchesStrategicMerge`), to check as its other paths. */
export function patchPaths(kustomization: Readonly<Record<string, unknown>>): ListedPath[] {
  const found: ListedPath[] = [];
  const merge = kustomization.patchesStrategicMerge;
  if (Array.isArray(merge)) {
    merge.forEach((entry, i) => {
      if (typeof entry === 'string' && isLocal(entry)) found.push({ field: `patchesStrategicMerge[${i}]`, entry, kind: 'file' });
    });
  }
  for (const field of PATCH_ENTRY_LISTS) {
    const entries = kustomization[field];
    if (!Array.isArray(entries)) continue;
    entries.forEach((entry, i) => {
      if (isRecord(entry) && typeof entry.path === 'string' && isLocal(entry.path)) found.push({ field: `${field}[${i}].path`, entry: entry.path, kind: 'file' });
    });
  }
  return found;
}

/**
 * Each entry of `patches` and `patchesJson6902` as kustomize's PatchTransformer takes it: exactly one of `path` and
 * `patch` ("must specify one of patch and path", "patch and path can't be set at the same time"), and a `target`
 * for a JSON patch (a list of operations: "must specify a target for JSON patch"), as for every `patchesJson6902`
 * entry. A strategic-merge patch without one finds its resource by its own kind and name.
 *
 * @param dir the kustomization's folder, absolute, that patch files are read from
 */
export function checkPatchEntries(kustomization: Readonly<Record<string, unknown>>, dir: string): Violation[] {
  const violations: Violation[] = [];
  for (const field of PATCH_ENTRY_LISTS) {
    const entries = kustomization[field];
    if (!Array.isArray(entries)) continue;
    entries.forEach((entry, i) => {
      if (!isRecord(entry)) return;
      const at = `${field}[${i}]`;
      const file = typeof entry.path === 'string' && entry.path !== '' ? entry.path : undefined;
      // kustomize trims the inline patch first: one of blanks is none.
      const inline = typeof entry.patch === 'string' && entry.patch.trim() !== '' ? entry.patch : undefined;
      if (file === undefined && inline === undefined) {
        violations.push(error(at, 'kustomize/patch', 'the entry names no patch: kustomize refuses it ("must specify one of patch and path")',
          'give the patch inline as patch: or in a file as path:'));
        return;
      }
      if (file !== undefined && inline !== undefined) {
        violations.push(error(at, 'kustomize/patch', 'the entry sets both path and patch: kustomize refuses it ("patch and path can\'t be set at the same time")',
          'keep one of path and patch'));
        return;
      }
      if (isRecord(entry.target)) {
        if (field === 'patchesJson6902' && (typeof entry.target.name !== 'string' || entry.target.name === '')) {
          violations.push(error(`${at}.target`, 'kustomize/patch-target', 'a patchesJson6902 target names no resource, so kustomize refuses it ("must specify the target name")',
            'add the name of the resource to patch, or move the entry to patches, whose target may select by kind alone'));
        }
        return;
      }
      const operations = field === 'patchesJson6902' || isJsonPatch(inline ?? readPatchFile(dir, file!));
      if (operations) {
        violations.push(error(at, 'kustomize/patch-target', `the entry is a JSON patch (a list of operations) without a target, so kustomize `
          + 'refuses it ("must specify a target")', 'add target: with the kind and name of the resource to patch'));
      }
    });
  }
  return violations;
}

/** A patch file's text, or undefined when it cannot be read (reported as the missing or outside path it is). */
export function readPatchFile(dir: string, entry: string): string | undefined {
  const file = path.resolve(dir, entry);
  if (!isWithin(file, dir)) return undefined;
  try {
    return readTextFile(file, file);
  } catch (err) {
    if (isManifestReadError(err)) return undefined;
    throw err;
  }
}

/** Whether a patch's text is a JSON patch: a YAML or JSON list (of operations), not an object to merge. */
function isJsonPatch(text: string | undefined): boolean {
  if (text === undefined) return false;
  try {
    return Array.isArray(parseYamlFile(text, 'patch'));
  } catch (err) {
    if (isManifestReadError(err)) return false;
    throw err;
  }
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
  const found = kustomizationIn(dir);
  // A broken kustomization is reported where it is validated; here it lists no patches.
  if (!found?.object) return patches;
  const { file: kustomization } = found;
  // Read as kustomize reads it: `Patches:` is `patches`.
  const object = decodeKustomization(found.object).value;
  const add = (entry: unknown, field: string, targeted: boolean) => {
    if (typeof entry !== 'string' || !isLocal(entry)) return;
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
