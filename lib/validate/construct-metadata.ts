import * as fs from 'fs';
import * as path from 'path';
import { CONSTRUCT_METADATA_FILE } from '../layout';
import { isRecord, KubeObject, nameOf, namespaceOf } from './object-index';

/**
 * Construct paths from `construct-metadata.json`, which the cdk8s CLI (and kfops synth) write at the root of the
 * output: `{version: '1.0.0', resources: {<name>: {path}}, objects?: {'<apiVersion>|<kind>|<namespace>|<name>': <path>}}`.
 * `objects` is kfops' exact key; `resources`, keyed by name alone, is the fallback cdk8s writes.
 */
export class ConstructPaths {
  /**
   * Finds the metadata files for manifests: the nearest `construct-metadata.json` in a file's folder or above,
   * up to one of the roots.
   */
  static forRoots(roots: readonly string[]): ConstructPaths {
    return new ConstructPaths(roots.map((r) => path.resolve(r)));
  }

  private readonly cache = new Map<string, Metadata | undefined>();

  private constructor(private readonly roots: readonly string[]) {}

  /** The construct path of an object in a file, if a metadata file knows it. */
  lookup(absolutePath: string, object: KubeObject): string | undefined {
    const metadata = this.metadataFor(path.dirname(absolutePath));
    if (!metadata) return undefined;
    const name = nameOf(object);
    if (name === undefined) return undefined;
    const key = `${String(object.apiVersion)}|${String(object.kind)}|${namespaceOf(object) ?? ''}|${name}`;
    return metadata.objects.get(key) ?? metadata.resources.get(name);
  }

  private metadataFor(dir: string): Metadata | undefined {
    if (this.cache.has(dir)) return this.cache.get(dir);
    let found: Metadata | undefined;
    const file = path.join(dir, CONSTRUCT_METADATA_FILE);
    if (fs.existsSync(file)) {
      found = readMetadata(file);
    } else if (!this.roots.includes(dir) && this.roots.some((r) => dir.startsWith(r + path.sep))) {
      found = this.metadataFor(path.dirname(dir));
    }
    this.cache.set(dir, found);
    return found;
  }
}

interface Metadata {
  readonly resources: Map<string, string>;
  readonly objects: Map<string, string>;
}

/** Reads a metadata file; a broken one yields nothing rather than failing validation, since it only adds context. */
function readMetadata(file: string): Metadata | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
  if (!isRecord(parsed)) return undefined;
  const resources = new Map<string, string>();
  const objects = new Map<string, string>();
  if (isRecord(parsed.resources)) {
    for (const [name, entry] of Object.entries(parsed.resources)) {
      if (isRecord(entry) && typeof entry.path === 'string') resources.set(name, entry.path);
    }
  }
  if (isRecord(parsed.objects)) {
    for (const [key, value] of Object.entries(parsed.objects)) if (typeof value === 'string') objects.set(key, value);
  }
  return { resources, objects };
}
