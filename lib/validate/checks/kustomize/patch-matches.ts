import { readManifestText } from '../../../manifest';
import { suggestName } from '../../../suggest-name';
import { isRecord, nameOf } from '../../object-index';
import { error, Violation } from '../../violation';
import { resourceNames } from './kustomization-resources';
import { isInlineDocument } from './kustomization-paths';
import { readPatchFile } from './kustomize-patches';

/** A strategic-merge patch without a target, and where the kustomization names it. */
interface UntargetedPatch {
  readonly field: string;
  readonly kind: string;
  readonly name: string;
}

/**
 * A strategic-merge patch without a `target` patches the one resource of the build with its kind and name (by any
 * name the resource had on the way: kustomize v5.5.0 `PatchTransformer.transformStrategicMerge`, `GetById`); when
 * the build holds none, kustomize refuses it ("no resource matches strategic merge patch"). Checked only where the
 * build is known without running kustomize (see {@link resourceNames}); the API group and namespace are not
 * compared, so a mismatch there is left to kustomize.
 *
 * @param dir the kustomization's folder, absolute
 */
export function checkPatchMatches(kustomization: Readonly<Record<string, unknown>>, dir: string): Violation[] {
  // A Component's patches patch the build that includes it, which is not known here.
  if (kustomization.kind === 'Component') return [];
  const patches = untargetedPatches(kustomization, dir);
  if (patches.length === 0) return [];
  const names = resourceNames(kustomization, dir);
  if (!names) return [];
  const violations: Violation[] = [];
  for (const { field, kind, name } of patches) {
    const known = names.get(kind);
    if (known?.has(name)) continue;
    const close = known ? suggestName(name, [...known]) : undefined;
    violations.push(error(field, 'kustomize/patch-no-match', `the patch of ${kind} "${name}" matches no resource the kustomization builds, so kustomize `
      + 'refuses it ("no resource matches strategic merge patch")',
    close !== undefined ? `did you mean "${close}"?` : `patch a ${kind} the kustomization lists (by its kind and metadata.name), or give the entry a target`));
  }
  return violations;
}

function untargetedPatches(kustomization: Readonly<Record<string, unknown>>, dir: string): UntargetedPatch[] {
  const found: UntargetedPatch[] = [];
  const add = (field: string, text: string | undefined) => {
    if (text === undefined) return;
    const read = readManifestText(text, field);
    if (read.problems.length > 0) return;
    for (const { object } of read.entries) {
      const name = nameOf(object);
      if (typeof object.kind === 'string' && name !== undefined) found.push({ field, kind: object.kind, name });
    }
  };
  const patches = kustomization.patches;
  if (Array.isArray(patches)) {
    patches.forEach((entry, i) => {
      if (!isRecord(entry) || entry.target !== undefined) return;
      if (typeof entry.patch === 'string' && entry.patch !== '') add(`patches[${i}]`, entry.patch);
      else if (typeof entry.path === 'string') add(`patches[${i}].path`, readPatchFile(dir, entry.path));
    });
  }
  const merge = kustomization.patchesStrategicMerge;
  if (Array.isArray(merge)) {
    merge.forEach((entry, i) => {
      if (typeof entry === 'string' && entry !== '') add(`patchesStrategicMerge[${i}]`, isInlineDocument(entry) ? entry : readPatchFile(dir, entry));
    });
  }
  return found;
}
