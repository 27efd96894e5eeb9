import * as path from 'path';
import { isManifestReadError, readManifestText, readTextFile } from '../../../manifest';
import { isWithin } from '../../../path-within';
import { isRecord, nameOf } from '../../object-index';
import { error, Violation } from '../../violation';
import { decodeKustomization } from './kustomization-fields';
import { kustomizationIn, statOf } from './kustomization-file';
import { isLocal } from './kustomization-paths';

/** Kustomizations nested deeper than this are taken as unknown (kustomize refuses a cycle; this only bounds the walk). */
const MAX_DEPTH = 16;

/** Fields whose entries may add or rename resources in ways only running them shows: a build with any is unknown. */
const OPAQUE_FIELDS = ['components', 'generators', 'transformers', 'helmCharts', 'helmChartInflationGenerator'] as const;

/**
 * The resources a kustomization's build holds when its own patches run, as `kind` -> every name each goes by (its
 * name in its file, and after each `namePrefix`/`nameSuffix` of the folders it is built in, since kustomize matches
 * a patch against a resource's earlier ids too): the objects of the files it lists, the builds of the folders it lists, and what its
 * generators make. Undefined when that cannot be known without running kustomize: a remote or unreadable entry, a
 * component, a plugin, a Helm chart.
 *
 * @param dir the kustomization's folder, absolute
 */
export function resourceNames(kustomization: Readonly<Record<string, unknown>>, dir: string, depth = 0): Map<string, Set<string>> | undefined {
  if (depth > MAX_DEPTH || OPAQUE_FIELDS.some((f) => kustomization[f] !== undefined)) return undefined;
  const names = new Map<string, Set<string>>();
  const add = (kind: string, name: string) => {
    const known = names.get(kind);
    if (known) known.add(name);
    else names.set(kind, new Set([name]));
  };
  for (const field of ['resources', 'bases']) {
    const entries = kustomization[field];
    if (!Array.isArray(entries)) continue;
    for (const entry of entries) {
      if (typeof entry !== 'string' || !isLocal(entry)) return undefined;
      const found = entryNames(path.resolve(dir, entry), dir, depth);
      if (!found) return undefined;
      for (const [kind, each] of found) for (const name of each) add(kind, name);
    }
  }
  for (const [field, kind] of [['configMapGenerator', 'ConfigMap'], ['secretGenerator', 'Secret']] as const) {
    const entries = kustomization[field];
    if (!Array.isArray(entries)) continue;
    for (const entry of entries) if (isRecord(entry) && typeof entry.name === 'string') add(kind, entry.name);
  }
  // A kustomization's own patches run before its own namePrefix and nameSuffix (kustomize's transformer order).
  if (depth === 0) return names;
  const prefix = typeof kustomization.namePrefix === 'string' ? kustomization.namePrefix : '';
  const suffix = typeof kustomization.nameSuffix === 'string' ? kustomization.nameSuffix : '';
  if (prefix !== '' || suffix !== '') for (const each of names.values()) for (const name of [...each]) each.add(`${prefix}${name}${suffix}`);
  return names;
}

/**
 * Nothing may be listed twice among `resources` and `bases` when it adds objects: kustomize would add them twice
 * and refuses the kustomization ("may not add resource with an already registered id"). An entry that adds no
 * object (a file of comments), or whose objects are not known here, may be.
 *
 * @param dir the kustomization's folder, absolute
 */
export function checkDuplicateResources(kustomization: Readonly<Record<string, unknown>>, dir: string): Violation[] {
  const violations: Violation[] = [];
  const seen = new Map<string, string>();
  for (const field of ['resources', 'bases']) {
    const entries = kustomization[field];
    if (!Array.isArray(entries)) continue;
    entries.forEach((entry, i) => {
      if (typeof entry !== 'string' || !isLocal(entry)) return;
      const absolute = path.resolve(dir, entry);
      const first = seen.get(absolute);
      if (first === undefined) {
        seen.set(absolute, `${field}[${i}]`);
        return;
      }
      const names = entryNames(absolute, dir, 0);
      if (!names || names.size === 0) return;
      violations.push(error(`${field}[${i}]`, 'kustomize/duplicate-resource', `${field}[${i}] lists "${entry}" again (as ${first} does), so kustomize `
        + 'would add its objects twice and refuses the kustomization ("may not add resource with an already registered id")', 'remove one of the two entries'));
    });
  }
  return violations;
}

/** The names of what one entry adds: a file's objects, or a folder's build. */
function entryNames(absolute: string, dir: string, depth: number): Map<string, Set<string>> | undefined {
  const stats = statOf(absolute);
  if (stats?.isDirectory()) {
    const nested = kustomizationIn(absolute);
    return nested?.object ? resourceNames(decodeKustomization(nested.object).value, absolute, depth + 1) : undefined;
  }
  if (!stats?.isFile() || !isWithin(absolute, dir)) return undefined;
  let text: string;
  try {
    text = readTextFile(absolute, absolute);
  } catch (err) {
    if (isManifestReadError(err)) return undefined;
    throw err;
  }
  const read = readManifestText(text, absolute);
  if (read.problems.length > 0) return undefined;
  const names = new Map<string, Set<string>>();
  for (const { object } of read.entries) {
    const name = nameOf(object);
    if (typeof object.kind !== 'string' || name === undefined) continue;
    const known = names.get(object.kind);
    if (known) known.add(name);
    else names.set(object.kind, new Set([name]));
  }
  return names;
}
