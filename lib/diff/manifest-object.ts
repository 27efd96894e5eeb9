import { isKustomizationFile } from '../layout';
import { formatItemPath, readKustomizationText, readManifestText } from '../manifest';
import { displayText } from '../publish/display-text';
import { UserError } from '../user-error';

/**
 * Where an object lives in a synthesized tree and who it is: the identity the diff matches base and head by.
 *
 * Identity is environment + apiVersion + kind + namespace + name; objects that have only `metadata.generateName`
 * (a `Workflow` submitted by name prefix) use the prefix as their name.
 */
export interface ObjectRef {
  /** The first folder under the tree root (`dist/prod/x.yaml` -> `prod`); '' for files at the root. */
  readonly env: string;
  readonly apiVersion: string;
  readonly kind: string;
  /** `metadata.namespace`; '' when the object does not set one. */
  readonly namespace: string;
  /** `metadata.name`, or `metadata.generateName` when there is no name. */
  readonly name: string;
  /** True when `name` is a `generateName` prefix. */
  readonly generated: boolean;
}

/** One Kubernetes object read from a synthesized tree. */
export interface ManifestObject {
  readonly ref: ObjectRef;
  /** The identity key, see {@link objectId}. */
  readonly id: string;
  /** Path of the file relative to the tree root, with `/` separators. */
  readonly file: string;
  /** The object as parsed from YAML. */
  readonly body: Record<string, unknown>;
}

/** The key two objects are matched by: `env|apiVersion|kind|namespace|name`. */
export function objectId(ref: ObjectRef): string {
  return [ref.env, ref.apiVersion, ref.kind, ref.namespace, ref.name].join('|');
}

/**
 * A short human label: `prod WorkflowTemplate workflow1` (plus namespace and `generateName` marks). Each part comes
 * from a manifest or a folder name and is shown by `displayText`, so an odd name cannot forge a line.
 */
export function describeRef(ref: ObjectRef): string {
  const name = ref.generated ? `${displayText(ref.name)}* (generateName)` : displayText(ref.name);
  const ns = ref.namespace ? ` -n ${displayText(ref.namespace)}` : '';
  return `${ref.env ? `${displayText(ref.env)} ` : ''}${displayText(ref.kind)} ${name}${ns}`;
}

/** Orders objects by env, kind, namespace, name, apiVersion, so every output lists them the same way. */
export function compareRefs(a: ObjectRef, b: ObjectRef): number {
  return cmp(a.env, b.env) || cmp(a.kind, b.kind) || cmp(a.namespace, b.namespace) || cmp(a.name, b.name)
    || cmp(a.apiVersion, b.apiVersion);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The environment of a tree-relative file: its first folder, '' for files at the root. */
export function envOfFile(file: string): string {
  const slash = file.indexOf('/');
  return slash < 0 ? '' : file.slice(0, slash);
}

/**
 * Parses one manifest file (one or more YAML documents) into objects with the manifest reader: empty documents are
 * skipped and Lists expanded as kubectl does. YAML that cannot be read is its `ManifestReadError` (exit 1, naming
 * `file:line:col`); a document that is not a Kubernetes object is a {@link UserError} naming the file and document.
 *
 * @param file path relative to the tree root, used for the environment and in messages
 * @param text the file's content
 */
export function parseManifestFile(file: string, text: string): ManifestObject[] {
  // A kustomization is read as kustomize reads it: a key given twice is no error there (validate warns of it).
  const read = isKustomizationFile(file) ? readKustomizationText(text, file) : readManifestText(text, file);
  if (read.problems.length > 0) throw read.problems[0];
  return read.entries.map(({ object, source }) => {
    const item = source.itemPath.length > 0 ? ` ${formatItemPath(source.itemPath)}` : '';
    const where = read.documents > 1 ? `${file}:${source.line}${item}` : `${file}${item}`;
    return toManifestObject(where, file, object);
  });
}

/** Default apiVersion of a `kustomization.yaml`, which may leave apiVersion and kind out. */
const KUSTOMIZE_API_VERSION = 'kustomize.config.k8s.io/v1beta1';

function toManifestObject(where: string, file: string, obj: Record<string, unknown>): ManifestObject {
  if (isKustomizationFile(file)) return kustomization(file, obj);
  const metadata = (obj.metadata ?? {}) as Record<string, unknown>;
  const missing = ['apiVersion', 'kind'].filter((f) => typeof obj[f] !== 'string');
  const name = typeof metadata.name === 'string' ? metadata.name : undefined;
  const generateName = typeof metadata.generateName === 'string' ? metadata.generateName : undefined;
  if (name === undefined && generateName === undefined) missing.push('metadata.name');
  if (missing.length > 0) {
    throw new UserError(`${where}: not a Kubernetes object, missing ${missing.join(', ')} (every manifest needs apiVersion, kind and metadata.name)`);
  }
  const ref: ObjectRef = {
    env: envOfFile(file),
    apiVersion: obj.apiVersion as string,
    kind: obj.kind as string,
    namespace: typeof metadata.namespace === 'string' ? metadata.namespace : '',
    name: (name ?? generateName) as string,
    generated: name === undefined,
  };
  return { ref, id: objectId(ref), file, body: obj };
}

/**
 * A `kustomization.yaml` is identified by its folder: it usually has no name, and kustomize lets it omit
 * apiVersion and kind too.
 *
 * @see https://kubectl.docs.kubernetes.io/references/kustomize/kustomization/
 */
function kustomization(file: string, obj: Record<string, unknown>): ManifestObject {
  const metadata = (obj.metadata ?? {}) as Record<string, unknown>;
  const slash = file.lastIndexOf('/');
  const ref: ObjectRef = {
    env: envOfFile(file),
    apiVersion: typeof obj.apiVersion === 'string' ? obj.apiVersion : KUSTOMIZE_API_VERSION,
    kind: typeof obj.kind === 'string' ? obj.kind : 'Kustomization',
    namespace: '',
    name: typeof metadata.name === 'string' ? metadata.name : slash < 0 ? '.' : file.slice(0, slash),
    generated: false,
  };
  return { ref, id: objectId(ref), file, body: obj };
}
