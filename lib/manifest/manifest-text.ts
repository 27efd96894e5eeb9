import { ManifestReadError, ReadErrorReason } from './read-error';
import { contentLine, parseChunk, ParseOptions, splitDocuments, stripBom } from './yaml-documents';

/** Where an object sits in its file: what a lazy position lookup ({@link locatePath}) needs. */
export interface ManifestSource {
  /** 1-based line where the object's document content starts */
  readonly line: number;
  /** offset of the document in the file's text */
  readonly offset: number;
  /** offset just past the document */
  readonly end: number;
  /** the object's path inside its document: `[]`, or `['items', 2]` for an item of a List */
  readonly itemPath: readonly (string | number)[];
}

/** One Kubernetes object of a manifest file. */
export interface ManifestEntry {
  readonly object: Record<string, unknown>;
  readonly source: ManifestSource;
}

/** What {@link readManifestText} found in one file. */
export interface ManifestText {
  /** the objects, `List`s expanded, in file order */
  readonly entries: readonly ManifestEntry[];
  /** documents or List items that could not be read into objects; the rest of the file is still read */
  readonly problems: readonly ManifestReadError[];
  /** how many YAML documents the file holds, empty ones included */
  readonly documents: number;
  /**
   * Lists found inside a List, by where each sits: their items are read (kustomize, which Argo CD renders with,
   * flattens them), but `kubectl apply -f` refuses the file
   */
  readonly nestedLists: readonly ManifestSource[];
}

/**
 * Reads a manifest file's text (YAML or JSON) into Kubernetes objects, as kubectl reads it: documents split at
 * `---` lines, empty and comment-only documents skipped (an empty file is 0 objects, no error), and every object
 * that has an `items` field expanded into its items (a `List`, a `ConfigMapList`), items without apiVersion and
 * kind taking the List's apiVersion and its kind less `List`. Nested Lists are expanded too, breadth-first as
 * kubectl's FlattenListVisitor and kustomize do, and reported in `nestedLists`: kustomize reads them, kubectl
 * (1.32) refuses them ("*unstructured.Unstructured is not a list").
 * @see https://github.com/kubernetes/cli-runtime/blob/master/pkg/resource/visitor.go (FlattenListVisitor)
 *
 * @param text the file's content (a leading BOM is ignored)
 * @param file the file as messages name it
 * @param parse how YAML is parsed (see {@link ParseOptions}; `lastKeyWins` for a kustomization file)
 */
export function readManifestText(text: string, file: string, parse: Pick<ParseOptions, 'lastKeyWins'> = {}): ManifestText {
  const body = stripBom(text);
  const entries: ManifestEntry[] = [];
  const problems: ManifestReadError[] = [];
  const nestedLists: ManifestSource[] = [];
  const chunks = splitDocuments(body);
  let documents = 0;
  for (const chunk of chunks) {
    let values: unknown[];
    try {
      values = parseChunk(body, chunk, file, parse);
    } catch (err) {
      if (!(err instanceof ManifestReadError)) throw err;
      documents++;
      problems.push(err);
      continue;
    }
    documents += Math.max(values.length, 1);
    const line = contentLine(body, chunk);
    for (const value of values) {
      // `---` with nothing after it (common at the end of bundles) is no object, not a broken one.
      if (value === null || value === undefined) continue;
      flattenLists(value, { line, offset: chunk.offset, end: chunk.end, itemPath: [] }, file, { entries, problems, nestedLists });
    }
  }
  return { entries, problems, documents, nestedLists };
}

/** What {@link readKustomizationText} found in a kustomization file. */
export interface KustomizationText extends ManifestText {
  /** keys given twice, which kustomize reads anyway (the last value wins): not among `problems` */
  readonly duplicateKeys: readonly ManifestReadError[];
}

/**
 * Reads a kustomization file as kustomize reads it: as {@link readManifestText}, but a key given twice keeps its
 * last value (kustomize's `Kustomization.Unmarshal` does not decode strictly), and is set apart in `duplicateKeys`
 * for the caller to say so.
 */
export function readKustomizationText(text: string, file: string): KustomizationText {
  const strict = readManifestText(text, file);
  const duplicateKeys = strict.problems.filter((p) => p.reason === ReadErrorReason.DUPLICATE_KEY);
  const read = duplicateKeys.length === 0 ? strict : readManifestText(text, file, { lastKeyWins: true });
  // kustomize reads the first document only: when that one is empty (`---` and comments, or `~`), the file is.
  return { ...read, entries: firstDocumentEmpty(text, read) ? [] : read.entries, duplicateKeys };
}

/** Whether a file's first YAML document is empty while a later one is not (comment lines before the first `---` are no document). */
function firstDocumentEmpty(text: string, read: ManifestText): boolean {
  const body = stripBom(text);
  const [first] = splitDocuments(body);
  if (!first || read.entries.length === 0 || read.entries[0].source.offset === first.offset) return false;
  return body.slice(first.offset, first.end).split('\n').some((line) => !/^\s*(#.*|%.*)?$/.test(line));
}

/** What {@link flattenLists} adds to as it reads. */
interface Found {
  readonly entries: ManifestEntry[];
  readonly problems: ManifestReadError[];
  readonly nestedLists: ManifestSource[];
}

/** kubectl's rule: an object with an `items` field is a list of objects (`items: null` is an empty one). */
function flattenLists(value: unknown, source: ManifestSource, file: string, { entries, problems, nestedLists }: Found): void {
  const queue: { value: unknown; source: ManifestSource }[] = [{ value, source }];
  for (let i = 0; i < queue.length; i++) {
    const { value: current, source: at } = queue[i];
    const where = at.itemPath.length === 0 ? 'the document' : formatItemPath(at.itemPath);
    if (!isObject(current)) {
      problems.push(new ManifestReadError({ file, line: at.line, reason: ReadErrorReason.NOT_AN_OBJECT,
        problem: `${where} is ${describe(current)}, not a Kubernetes object`,
        fix: 'each YAML document (and each List item) must be a mapping with apiVersion, kind and metadata' }));
      continue;
    }
    if (!Object.hasOwn(current, 'items')) {
      entries.push({ object: current, source: at });
      continue;
    }
    const items = current.items;
    if (items !== null && !Array.isArray(items)) {
      problems.push(new ManifestReadError({ file, line: at.line, reason: ReadErrorReason.NOT_AN_OBJECT,
        problem: `${where} has items that are ${describe(items)}, so it is neither an object nor a List`,
        fix: 'a List holds its objects in a sequence under items' }));
      continue;
    }
    if (at.itemPath.length > 0) nestedLists.push(at);
    const apiVersion = current.apiVersion;
    const itemKind = typeof current.kind === 'string' ? current.kind.replace(/List$/, '') : undefined;
    (items ?? []).forEach((item: unknown, index: number) => {
      const inherited = isObject(item) && item.kind === undefined && item.apiVersion === undefined && itemKind
        ? { ...item, apiVersion, kind: itemKind } : item;
      queue.push({ value: inherited, source: { ...at, itemPath: [...at.itemPath, 'items', index] } });
    });
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return 'empty';
  if (Array.isArray(value)) return 'a sequence';
  return `a ${typeof value}`;
}

/** `items[2].items[0]`, as violation paths write it. */
export function formatItemPath(itemPath: readonly (string | number)[]): string {
  return itemPath.map((s) => (typeof s === 'number' ? `[${s}]` : s)).join('.').replace(/\.\[/g, '[');
}
