import * as path from 'path';
import { isManifestReadError, parseYamlFile, readTextFile } from '../../../manifest';
import { isWithin } from '../../../path-within';
import { isRecord, KubeObject, metadataOf } from '../../object-index';
import { error, Violation } from '../../violation';
import type { FileUse } from './kustomize-file-uses';
import { isInlineDocument, isLocal, ListedPath } from './kustomization-paths';

/** Fields of a Kustomization whose entries name a patch by `path` or hold it as `patch`. */
export const PATCH_ENTRY_LISTS = ['patches', 'patchesJson6902'] as const;

/** The patch files a kustomization names (`patches[].path`, `patchesJson6902[].path`, `patchesStrategicMerge`), to check as its other paths. */
export function patchPaths(kustomization: Readonly<Record<string, unknown>>): ListedPath[] {
  const found: ListedPath[] = [];
  const merge = kustomization.patchesStrategicMerge;
  if (Array.isArray(merge)) {
    merge.forEach((entry, i) => {
      // A blank entry is read as an empty document, not as a path (checkPatchEntries reports a list of only those).
      if (typeof entry === 'string' && entry.trim() !== '' && isLocal(entry) && !isInlineDocument(entry)) found.push({ field: `patchesStrategicMerge[${i}]`, entry, kind: 'file' });
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
 * entry. A strategic-merge patch without one finds its resource by its own kind and name. A `patchesStrategicMerge`
 * list of blank entries only is refused as empty.
 *
 * @param dir the kustomization's folder, absolute, that patch files are read from
 */
export function checkPatchEntries(kustomization: Readonly<Record<string, unknown>>, dir: string): Violation[] {
  const violations: Violation[] = [];
  // kustomize reads each entry as a document first: a blank one adds no patch, and a list of only those none at all.
  const merge = kustomization.patchesStrategicMerge;
  if (Array.isArray(merge) && merge.length > 0 && merge.every((entry) => typeof entry === 'string' && entry.trim() === '')) {
    violations.push(error('patchesStrategicMerge', 'kustomize/patch', 'every entry is blank, so kustomize refuses the list ("patch appears to be empty")',
      'name the patch files, or remove patchesStrategicMerge'));
  }
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

/**
 * A strategic-merge patch is checked as kustomize reads it, not as a full object: without a `target` in its
 * entry, kustomize finds the resource it patches by the patch's own kind and `metadata.name`, so both must be set.
 */
export function checkPatch(object: KubeObject, use: FileUse): Violation[] {
  if (use.targeted) return [];
  const named = typeof metadataOf(object).name === 'string';
  if (typeof object.kind === 'string' && object.kind !== '' && named) return [];
  const field = typeof object.kind !== 'string' || object.kind === '' ? 'kind' : 'metadata.name';
  return [error(field, 'kustomize/patch-target', `${path.basename(use.kustomization)} uses this file as a patch (${use.field}) without a `
    + `target, and the patch has no ${field}, so kustomize cannot find the resource it patches`,
    `set ${field} to the patched resource's, or give the entry a target (kind, name)`)];
}
