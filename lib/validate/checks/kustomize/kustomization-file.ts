import * as fs from 'fs';
import * as path from 'path';
import { KUSTOMIZATION_FILE_NAMES } from '../../../layout';
import { isManifestReadError, parseYamlFile, readTextFile } from '../../../manifest';
import { isRecord } from '../../object-index';

/** A folder's kustomization file, as kustomize finds it. */
export interface KustomizationFile {
  /** the file, absolute */
  readonly file: string;
  /** its content; undefined when it cannot be read or parsed (reported where the file itself is validated) */
  readonly object?: Readonly<Record<string, unknown>>;
  /** its text, when it could be read */
  readonly text?: string;
}

/**
 * The kustomization of a folder: the first of `kustomization.yaml`, `kustomization.yml`, `Kustomization` there,
 * as kustomize looks them up; undefined when there is none. A link is found but never read through.
 */
export function kustomizationIn(dir: string): KustomizationFile | undefined {
  const name = KUSTOMIZATION_FILE_NAMES.find((n) => statOf(path.join(dir, n))?.isFile());
  if (name === undefined) return undefined;
  const file = path.join(dir, name);
  let text: string | undefined;
  try {
    text = readTextFile(file, file);
    const object = parseYamlFile(text, file);
    return isRecord(object) ? { file, object, text } : { file, text };
  } catch (err) {
    if (isManifestReadError(err)) return text === undefined ? { file } : { file, text };
    throw err;
  }
}

/**
 * What is at a path a kustomization names (through a link too, as kustomize looks), or undefined for nothing, and
 * for what cannot be looked at: a path through a file (`a.yaml/b`), a NUL byte, no permission.
 */
export function statOf(file: string): fs.Stats | undefined {
  try {
    return fs.statSync(file, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}

/** True for a kustomization entry that names a remote resource (a URL, `github.com/...`, `git@...`, `?ref=`), not a file or folder. */
export function isRemote(entry: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(entry) || /^(github\.com|gitlab\.com|bitbucket\.org)\//.test(entry) || entry.includes('?ref=') || entry.startsWith('git@');
}
