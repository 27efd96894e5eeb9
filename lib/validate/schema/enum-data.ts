import * as fs from 'fs';
import * as path from 'path';

/** Where the enum facts live: one file per project and release (`kubernetes/1.33.json`), and their provenance. */
export const ENUMS_DIR = path.join(__dirname, 'enums');
/** The file in {@link ENUMS_DIR} that says where every enum data file came from. */
export const ENUM_PROVENANCE_FILE = 'provenance.json';

/**
 * How an enum is declared upstream:
 * - `+enum`: a Kubernetes string type marked `// +enum`; its values are the type's constants;
 * - `kubebuilder`: a string type marked `+kubebuilder:validation:Enum=`; the values are the marker's;
 * - `kubebuilder-field`: a plain string field with that marker; the enum is named `<definition>.<field>`;
 * - `constants`: an unmarked string type with typed constants: a closed set only where the API server or the
 *   controller rejects other values, which kfops decides in code (enum-corrections.ts), not here.
 */
export type EnumMarker = '+enum' | 'kubebuilder' | 'kubebuilder-field' | 'constants';

/** One enumeration: its values in declaration order, how it is declared, and the Go file that declares it. */
export interface EnumFact {
  readonly values: readonly string[];
  readonly marker: EnumMarker;
  /** path of the Go file in the upstream repository */
  readonly file: string;
}

/** The enum-typed fields of one schema definition. */
export interface DefinitionEnums {
  /** JSON field name -> enum name (a key of {@link EnumFile.enums}, or a Kubernetes enum for Argo's fields) */
  readonly fields: Readonly<Record<string, string>>;
  /**
   * Kubernetes definitions whose fields this one inlines (`apiv1.Container` embedded in Argo's `UserContainer`):
   * their enum fields are this definition's too, as the selected Kubernetes release declares them
   */
  readonly embeds?: readonly string[];
}

/**
 * The enum facts of one project release, as `scripts/extract-enums.ts` reads them from the Go API types:
 * definition name -> field -> enum, and each enum's allowed values.
 */
export interface EnumFile {
  readonly project: string;
  readonly version: string;
  /** schema definition name (`io.k8s.api.core.v1.Container`) -> its enum fields */
  readonly definitions: Readonly<Record<string, DefinitionEnums>>;
  /** enum name (`io.k8s.api.core.v1.PullPolicy`) -> values */
  readonly enums: Readonly<Record<string, EnumFact>>;
}

/** One Go file an enum data file was read from. */
export interface EnumSource {
  readonly repository: string;
  readonly ref: string;
  readonly path: string;
  /** SHA-256 of the Go file's bytes */
  readonly sha256: string;
}

/** Where one enum data file came from; written by `scripts/extract-enums.ts`. */
export interface EnumProvenanceEntry {
  /** the data file, relative to {@link ENUMS_DIR} (`kubernetes/1.33.json`) */
  readonly file: string;
  /** the SchemaProject */
  readonly project: string;
  /** the release (`1.33`) */
  readonly version: string;
  /** GitHub `owner/name` of the Go API types */
  readonly repository: string;
  /** the tag read */
  readonly ref: string;
  /** SHA-256 of the data file */
  readonly sha256: string;
  /** every Go file (and go.mod) read to write it */
  readonly sources: readonly EnumSource[];
}

/** The folder-relative name of a release's enum data file: `kubernetes/1.33.json`. */
export function enumFileName(project: string, version: string): string {
  return `${project}/${version}.json`;
}

const files = new Map<string, EnumFile | undefined>();

/** The enum facts of one release, read once; undefined when kfops ships none for it. */
export function readEnumFile(project: string, version: string): EnumFile | undefined {
  const name = enumFileName(project, version);
  if (!files.has(name)) {
    const file = path.join(ENUMS_DIR, name);
    files.set(name, fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as EnumFile) : undefined);
  }
  return files.get(name);
}
