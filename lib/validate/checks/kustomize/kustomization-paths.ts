import * as path from 'path';
import { isWithin } from '../../../path-within';
import { isRecord } from '../../object-index';
import { error, Violation } from '../../violation';
import { decodeKustomization } from './kustomization-fields';
import { isRemote, kustomizationIn, statOf } from './kustomization-file';

/**
 * What kustomize lets an entry of a field be: a file, which its default load restrictor (`LoadRestrictionsRootOnly`,
 * which Argo CD keeps) loads only from the kustomization's folder or below; or a folder holding a kustomization of
 * its own, which may be anywhere (`../base`).
 */
type EntryKind = 'file' | 'file-or-kustomization' | 'component';

/** The fields that list paths, and what each entry may be (kustomize v5.5.0 `api/internal/target/kusttarget.go`). */
const PATH_LISTS: readonly (readonly [string, EntryKind])[] = [
  ['resources', 'file-or-kustomization'], ['bases', 'file-or-kustomization'], ['components', 'component'],
  ['crds', 'file'], ['configurations', 'file'],
  ['generators', 'file-or-kustomization'], ['transformers', 'file-or-kustomization'], ['validators', 'file-or-kustomization'],
];

/** A path the kustomization names, where it names it. */
export interface ListedPath {
  /** where: `resources[0]`, `patches[1].path` */
  readonly field: string;
  readonly entry: string;
  readonly kind: EntryKind;
}

/** The paths in the fields that list them, remote entries and inline documents left out; empty entries kept, to be reported. */
export function listedPaths(kustomization: Readonly<Record<string, unknown>>): ListedPath[] {
  const found: ListedPath[] = [];
  for (const [field, kind] of PATH_LISTS) {
    const entries = kustomization[field];
    if (!Array.isArray(entries)) continue;
    const inline = INLINE_FIELDS.has(field);
    entries.forEach((entry, i) => {
      if (typeof entry !== 'string' || isRemote(entry) || (inline && (entry === '' || isInlineDocument(entry)))) return;
      found.push({ field: `${field}[${i}]`, entry, kind });
    });
  }
  const replacements = kustomization.replacements;
  if (Array.isArray(replacements)) {
    replacements.forEach((r, i) => {
      if (isRecord(r) && typeof r.path === 'string' && r.path !== '') found.push({ field: `replacements[${i}].path`, entry: r.path, kind: 'file' });
    });
  }
  const openapi = kustomization.openapi;
  if (isRecord(openapi) && typeof openapi.path === 'string' && isLocal(openapi.path)) found.push({ field: 'openapi.path', entry: openapi.path, kind: 'file' });
  return found;
}

/**
 * Checks the paths a kustomization names, each against what kustomize does with it: it must be given and exist; a
 * file must lie in the kustomization's folder or below; a folder must hold a kustomization, a `Component` under
 * `components` and anything else under `resources`, and not be the kustomization's own ("cycle detected").
 *
 * @param dir the kustomization's folder, absolute
 */
export function checkListedPaths(listed: readonly ListedPath[], dir: string): Violation[] {
  const violations: Violation[] = [];
  for (const { field, entry, kind } of listed) {
    const problem = entry === ''
      ? error(field, 'kustomize/missing-resource', 'the entry is empty, so kustomize refuses it ("new root cannot be empty")', 'name a file or folder, or remove the entry')
      : pathProblem(field, entry, path.resolve(dir, entry), kind, dir);
    if (problem) violations.push(problem);
  }
  return violations;
}

function pathProblem(field: string, entry: string, absolute: string, kind: EntryKind, dir: string): Violation | undefined {
  const list = field.replace(/\[\d+\].*$/, '');
  const stats = statOf(absolute);
  if (!stats) {
    return error(field, 'kustomize/missing-resource', `${list} lists "${entry}", which does not exist next to the kustomization`,
      'fix the path (it is relative to the kustomization file) or remove the entry');
  }
  if (!stats.isDirectory()) {
    if (kind === 'component') {
      return error(field, 'kustomize/component', `components lists the file "${entry}"; kustomize builds a component from a folder ("must build at directory")`,
        'list the folder that holds the component\'s kustomization (kind: Component), or move the file to resources');
    }
    return isWithin(absolute, dir) ? undefined : outsideRoot(field, list, entry);
  }
  if (kind === 'file') {
    return error(field, 'kustomize/missing-resource', `${list} lists "${entry}", which is a folder; kustomize reads a file here`, 'list the file');
  }
  if (absolute === dir) {
    return error(field, 'kustomize/cycle', `${list} lists "${entry}", the kustomization's own folder, so kustomize refuses it ("cycle detected")`, 'remove the entry');
  }
  const nested = kustomizationIn(absolute);
  if (!nested) {
    return error(field, 'kustomize/missing-kustomization', `${list} lists the folder "${entry}", which holds no kustomization.yaml, so kustomize `
      + 'cannot build it ("unable to find one of \'kustomization.yaml\', \'kustomization.yml\' or \'Kustomization\'")',
    'add a kustomization.yaml to the folder that lists its files, or list the files themselves');
  }
  const nestedKind = nested.object ? kindOf(nested.object) : undefined;
  if (kind === 'component' && nestedKind !== undefined && nestedKind !== 'Component') {
    return error(field, 'kustomize/component', `components lists "${entry}", whose kustomization is a ${nestedKind}; kustomize takes only a Component here`
      + ' ("expected kind \'Component\'")', 'move the entry to resources, or make the folder\'s kustomization kind: Component (apiVersion: kustomize.config.k8s.io/v1alpha1)');
  }
  if (kind === 'file-or-kustomization' && nestedKind === 'Component') {
    return error(field, 'kustomize/component', `${list} lists "${entry}", which is a Component; kustomize builds a Component only under components`,
      'move the entry to components');
  }
  const loop = nested.object ? folderPath(nested.object, absolute, dir) : undefined;
  if (loop) {
    return error(field, 'kustomize/cycle', `${list} lists "${entry}", which includes this folder again (${[dir, ...loop].map((d) => path.relative(dir, d) || '.').join(' -> ')}), so kustomize refuses it ("cycle detected")`,
      'remove one of the entries through which the folders include each other');
  }
  return undefined;
}

/** How deep {@link folderPath} follows kustomizations (kustomize itself stops at a cycle). */
const MAX_FOLDER_DEPTH = 32;

/**
 * The folders from `from` (whose kustomization is `kustomization`) to `target` through the folders the
 * kustomizations list as resources or components, or undefined when `target` is not among what `from` builds.
 */
function folderPath(kustomization: Readonly<Record<string, unknown>>, from: string, target: string, seen = new Set<string>(), depth = 0): string[] | undefined {
  if (depth > MAX_FOLDER_DEPTH || seen.has(from)) return undefined;
  seen.add(from);
  for (const { entry, kind } of listedPaths(decodeKustomization(kustomization).value)) {
    if ((kind !== 'file-or-kustomization' && kind !== 'component') || !isLocal(entry)) continue;
    const next = path.resolve(from, entry);
    if (next === target) return [from, target];
    if (next === from || !statOf(next)?.isDirectory()) continue;
    const inner = kustomizationIn(next);
    const rest = inner?.object ? folderPath(inner.object, next, target, seen, depth + 1) : undefined;
    if (rest) return [from, ...rest];
  }
  return undefined;
}

/** A kustomization's kind as kustomize reads it (`Kind:` too), `Kustomization` when not given. */
function kindOf(kustomization: Readonly<Record<string, unknown>>): string {
  const { kind } = decodeKustomization(kustomization).value;
  return typeof kind === 'string' && kind !== '' ? kind : 'Kustomization';
}

/** An error for a file outside the kustomization's folder, which kustomize's default load restrictor refuses. */
export function outsideRoot(field: string, list: string, entry: string): Violation {
  return error(field, 'kustomize/outside-root', `${list} lists the file "${entry}", which is outside the kustomization's folder: kustomize `
    + 'refuses to load it ("security; file is not in or below" the folder), with the load restrictor Argo CD uses by default',
  'move the file into the kustomization\'s folder (a folder outside it may be listed when it holds a kustomization of its own), '
    + 'or build with --load-restrictor LoadRestrictionsNone (Argo CD: kustomize.buildOptions)');
}

/** An entry that names a local path: not empty, not remote. */
export function isLocal(entry: string): boolean {
  return entry !== '' && !isRemote(entry);
}

/**
 * An entry of a field that takes documents as well as paths (`transformers`, `generators`, `validators`,
 * `patchesStrategicMerge`) that is a document: several lines, or a one-line flow mapping such as
 * `{apiVersion: builtin, kind: ...}`. Other fields take paths only.
 */
export function isInlineDocument(entry: string): boolean {
  return entry.includes('\n') || /^\s*\{/.test(entry);
}

/** Fields whose entries may be documents, an empty one among them (an empty config). */
const INLINE_FIELDS = new Set(['generators', 'transformers', 'validators']);
