import { nextTag } from '../../../argo-spec/variables';
import {
  isManifestReadError, keyOf, parseChunk, PositionedNode, PositionRecorder, splitDocuments, stripBom, YamlChunk,
} from '../../../manifest';
import { isRecord } from '../../object-index';
import { MASKED, SecretFinding, SecretPathSegment, SecretScan } from './secret-finding';

/** A secret found inside an embedded document, with the kind of the object it is in. */
export interface EmbeddedFinding {
  readonly finding: SecretFinding;
  readonly objectKind?: string;
}

/** An embedded document's secrets, and its text with them masked. */
export interface MaskedDocument {
  readonly findings: readonly EmbeddedFinding[];
  /** the document's text with every secret masked; the text itself when nothing was found */
  readonly text: string;
}

type Scan = (object: unknown) => SecretScan;

/**
 * Scans the JSON of a `kubectl.kubernetes.io/last-applied-configuration` annotation (the whole object as last
 * applied, Secret data included) and re-serializes it masked, as kubectl writes it: compact JSON.
 *
 * @returns undefined when the text is not JSON
 */
export function maskEmbeddedJson(text: string, scan: Scan): MaskedDocument | undefined {
  let object: unknown;
  try {
    object = JSON.parse(text);
  } catch {
    return undefined;
  }
  const { findings, masked } = scan(object);
  if (findings.length === 0) return { findings: [], text };
  return { findings: findings.map((finding) => ({ finding, objectKind: kindOf(object) })), text: JSON.stringify(masked) + (text.endsWith('\n') ? '\n' : '') };
}

/**
 * Scans the YAML of an Argo `resource.manifest` (one or more documents with `{{...}}` tags in them) and masks its
 * secrets in place, keeping the rest of the text as written. It is read by the one manifest reader (lib/manifest:
 * Kubernetes' YAML, duplicate keys refused, aliases bounded), so a hostile manifest is "not YAML", never a crash.
 *
 * @returns undefined when the text is not YAML
 */
export function maskEmbeddedYaml(text: string, scan: Scan): MaskedDocument | undefined {
  // Both sides of a diff, and every check of a run, hold the same manifests: parse each text once.
  if (yamlCache.has(text)) return yamlCache.get(text);
  const result = scanYaml(text, scan);
  if (yamlCache.size >= YAML_CACHE_SIZE) yamlCache.delete(yamlCache.keys().next().value as string);
  yamlCache.set(text, result);
  return result;
}

const YAML_CACHE_SIZE = 256;
const yamlCache = new Map<string, MaskedDocument | undefined>();

/** One document of the text (a chunk may hold several, split by `...`), read and scanned. */
interface ScannedDocument {
  readonly chunk: YamlChunk;
  /** its place among the values of its chunk */
  readonly index: number;
  readonly object: unknown;
  readonly scan: SecretScan;
}

function scanYaml(text: string, scan: Scan): MaskedDocument | undefined {
  const tags: string[] = [];
  // Argo tags are not YAML (`replicas: {{inputs.parameters.n}}` would read as a flow map): they become plain
  // words while reading, and are put back in the masked text.
  const neutral = neutralize(stripBom(text), tags);
  const documents: ScannedDocument[] = [];
  try {
    for (const chunk of splitDocuments(neutral)) {
      parseChunk(neutral, chunk, EMBEDDED).forEach((value, index) => {
        const object = restoreTags(value, tags);
        documents.push({ chunk, index, object, scan: scan(object) });
      });
    }
  } catch (err) {
    if (isManifestReadError(err)) return undefined;
    throw err;
  }
  const findings = documents.flatMap((d) => d.scan.findings.map((finding) => ({ finding, objectKind: kindOf(d.object) })));
  if (findings.length === 0) return { findings, text };
  return { findings, text: spliced(neutral, documents, tags) ?? reserialized(documents) };
}

const EMBEDDED = 'resource manifest';

/** The text with each tag replaced by a word, `tags` collecting them; an unclosed `{{` and what follows stay. */
function neutralize(text: string, tags: string[]): string {
  let out = '';
  let at = 0;
  for (let tag = nextTag(text); tag && tag.close >= 0; tag = nextTag(text, at)) {
    out += `${text.slice(at, tag.open)}kfopstag${tags.push(text.slice(tag.open, tag.close + 2)) - 1}x`;
    at = tag.close + 2;
  }
  return out + text.slice(at);
}

/**
 * The text with each secret's scalar replaced by its masked value (a JSON-quoted YAML scalar), at the positions
 * the reader records, and checked by reading it again: undefined when a secret is not a plain scalar there (an
 * alias, a mapping) or the result does not read as the masked documents, so the caller re-serializes instead.
 */
function spliced(neutral: string, documents: readonly ScannedDocument[], tags: readonly string[]): string | undefined {
  const edits: { start: number; end: number; text: string }[] = [];
  const roots = new Map<YamlChunk, PositionedNode[]>();
  for (const d of documents) {
    if (d.scan.findings.length === 0) continue;
    let chunkRoots = roots.get(d.chunk);
    if (!chunkRoots) {
      const recorder = new PositionRecorder(neutral.slice(d.chunk.offset, d.chunk.end));
      parseChunk(neutral, d.chunk, EMBEDDED, { listener: recorder.listener });
      chunkRoots = recorder.roots;
      roots.set(d.chunk, chunkRoots);
    }
    for (const { path } of d.scan.findings) {
      const node = nodeAt(chunkRoots[d.index], path);
      const value = valueAt(d.scan.masked, path);
      if (node?.kind !== 'scalar' || typeof value !== 'string') return undefined;
      let end = node.end;
      while (end > node.offset && ' \t\r\n'.includes(neutral[d.chunk.offset + end - 1])) end--;
      // `(masked)` reads as a plain scalar; anything else (a re-serialized annotation) is written JSON-quoted.
      edits.push({ start: d.chunk.offset + node.offset, end: d.chunk.offset + end, text: value === MASKED ? value : JSON.stringify(value) });
    }
  }
  edits.sort((a, b) => b.start - a.start);
  let out = neutral;
  for (const e of edits) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  const expected = JSON.stringify(documents.map((d) => d.scan.masked));
  try {
    const again = splitDocuments(out).flatMap((chunk) => parseChunk(out, chunk, EMBEDDED)).map((v) => restoreTags(v, tags));
    return JSON.stringify(again) === expected ? restoreTags(out, tags) as string : undefined;
  } catch (err) {
    if (isManifestReadError(err)) return undefined;
    throw err;
  }
}

/** The masked documents written out again as YAML: the text's layout is lost, its secrets are not shown. */
function reserialized(documents: readonly ScannedDocument[]): string {
  // Required on first use: the `yaml` library takes a while to load, and few runs need it.
  const { stringify } = require('yaml') as typeof import('yaml');
  return documents.map((d) => stringify(d.scan.masked, { lineWidth: 0 })).join('---\n');
}

/** The node a path leads to in a document read with positions. */
function nodeAt(root: PositionedNode | undefined, path: readonly SecretPathSegment[]): PositionedNode | undefined {
  let node = root;
  for (const segment of path) {
    if (node?.kind === 'mapping') node = node.entries.find((e) => keyOf(e.key) === String(segment))?.value;
    else if (node?.kind === 'sequence' && typeof segment === 'number') node = node.items[segment];
    else return undefined;
  }
  return node;
}

const TAG_WORD = /kfopstag(\d+)x/g;

/** Puts the tags back into every string of a value, so secrets are judged on the text as written. */
function restoreTags(value: unknown, tags: readonly string[]): unknown {
  if (tags.length === 0) return value;
  if (typeof value === 'string') return value.replace(TAG_WORD, (_, i: string) => tags[Number(i)]);
  if (Array.isArray(value)) return value.map((v) => restoreTags(v, tags));
  if (isRecord(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [restoreTags(k, tags) as string, restoreTags(v, tags)]));
  return value;
}

function kindOf(object: unknown): string | undefined {
  return isRecord(object) && typeof object.kind === 'string' ? object.kind : undefined;
}

function valueAt(value: unknown, path: readonly SecretPathSegment[]): unknown {
  let at = value;
  for (const seg of path) at = isRecord(at) || Array.isArray(at) ? (at as Record<string | number, unknown>)[seg] : undefined;
  return at;
}
