import { isRecord } from '../../object-index';
import { SecretFinding, SecretScan } from './secret-finding';

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

/** Argo tags are not YAML: `replicas: {{inputs.parameters.n}}` would parse as a flow map. */
const TAG = /\{\{[\s\S]*?\}\}/g;

/**
 * Scans the YAML of an Argo `resource.manifest` (one or more documents with `{{...}}` tags in them) and masks its
 * secrets in place, keeping the rest of the text as written.
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

function scanYaml(text: string, scan: Scan): MaskedDocument | undefined {
  const tags: string[] = [];
  // Tags become plain words while parsing, and are put back in the masked text.
  const neutral = text.replace(TAG, (tag) => `kfopstag${tags.push(tag) - 1}x`);
  // Required on first use: the `yaml` library takes a while to load, and most runs hold no resource manifest.
  const { parseAllDocuments } = require('yaml') as typeof import('yaml');
  const docs = parseAllDocuments(neutral, { version: '1.1', logLevel: 'silent', uniqueKeys: false });
  const list = Array.isArray(docs) ? docs : [docs];
  if (list.some((d) => d.errors.length > 0)) return undefined;
  const findings: EmbeddedFinding[] = [];
  for (const doc of list) {
    const object = restoreTags(doc.toJS({ maxAliasCount: 100 }), tags);
    const { findings: found, masked } = scan(object);
    for (const finding of found) {
      findings.push({ finding, objectKind: kindOf(object) });
      doc.setIn(finding.path, valueAt(masked, finding.path));
    }
  }
  if (findings.length === 0) return { findings, text };
  const masked = list.map((d) => d.toString({ lineWidth: 0 })).join('');
  return { findings, text: restoreTags(masked, tags) as string };
}

const TAG_WORD = /kfopstag(\d+)x/g;

/** Puts the tags back into every string of a value, so secrets are judged on the text as written. */
function restoreTags(value: unknown, tags: readonly string[]): unknown {
  if (typeof value === 'string') return value.replace(TAG_WORD, (_, i: string) => tags[Number(i)]);
  if (Array.isArray(value)) return value.map((v) => restoreTags(v, tags));
  if (isRecord(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [restoreTags(k, tags) as string, restoreTags(v, tags)]));
  return value;
}

function kindOf(object: unknown): string | undefined {
  return isRecord(object) && typeof object.kind === 'string' ? object.kind : undefined;
}

function valueAt(value: unknown, path: readonly (string | number)[]): unknown {
  let at = value;
  for (const seg of path) at = (at as Record<string | number, unknown>)[seg];
  return at;
}
