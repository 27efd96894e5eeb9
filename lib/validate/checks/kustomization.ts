import * as fs from 'fs';
import * as path from 'path';
import { KubeObject } from '../object-index';
import { error, Violation } from '../violation';

/** Fields of a Kustomization that list files or folders. */
const PATH_LISTS = ['resources', 'bases', 'components', 'crds', 'patchesStrategicMerge'] as const;

/**
 * A `kustomization.yaml` is not a Kubernetes object to apply; kfops checks only that the files and folders it
 * lists exist (remote URLs are not fetched).
 *
 * @param file the kustomization file's absolute path, to resolve the listed paths against
 */
export function checkKustomization(object: KubeObject, file: string): Violation[] {
  const dir = path.dirname(file);
  const violations: Violation[] = [];
  for (const field of PATH_LISTS) {
    const list = object[field];
    if (!Array.isArray(list)) continue;
    list.forEach((entry, i) => {
      if (typeof entry !== 'string' || isRemote(entry) || entry.includes('\n')) return;
      if (!fs.existsSync(path.resolve(dir, entry))) {
        violations.push(error(`${field}[${i}]`, 'kustomize/missing-resource', `${field} lists "${entry}", which does not exist next to the kustomization`,
          'fix the path (it is relative to the kustomization file) or remove the entry'));
      }
    });
  }
  return violations;
}

function isRemote(entry: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(entry) || /^(github\.com|gitlab\.com|bitbucket\.org)\//.test(entry) || entry.includes('?ref=') || entry.startsWith('git@');
}
