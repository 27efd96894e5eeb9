import * as fs from 'fs';
import * as path from 'path';

/** Where the upstream schema files live, one folder per project and release (`argo-workflows/4.1/`). */
export const UPSTREAM_DIR = path.join(__dirname, 'upstream');
/** The file in {@link UPSTREAM_DIR} that says where every data file came from. */
export const PROVENANCE_FILE = 'provenance.json';

/** Where one data file came from; written by `scripts/refresh-schemas.ts`. */
export interface ProvenanceEntry {
  /** the data file, relative to {@link UPSTREAM_DIR} (`argo-workflows/4.1/schema.json`) */
  readonly file: string;
  /** the {@link SchemaProject} */
  readonly project: string;
  /** GitHub `owner/name` of the upstream project */
  readonly repository: string;
  /** the tag (Kubernetes: release branch) the file was taken at */
  readonly ref: string;
  /** the file's path in the upstream repository */
  readonly path: string;
  /** SHA-256 of the file's bytes, which are upstream's unchanged */
  readonly sha256: string;
  /** the unchanged copy it was read from, when not the upstream repository itself */
  readonly via?: string;
}

let entries: readonly ProvenanceEntry[] | undefined;

/** Every data file's provenance, read once. */
export function provenance(): readonly ProvenanceEntry[] {
  entries ??= (JSON.parse(fs.readFileSync(path.join(UPSTREAM_DIR, PROVENANCE_FILE), 'utf8')) as { files: ProvenanceEntry[] })
    .files;
  return entries;
}

/** The data files of one release folder (`kubernetes/1.33`), as paths relative to {@link UPSTREAM_DIR}. */
export function releaseFiles(folder: string): string[] {
  return provenance()
    .filter((e) => e.file.startsWith(`${folder}/`))
    .map((e) => e.file);
}
