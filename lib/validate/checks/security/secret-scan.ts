import { isRecord } from '../../object-index';
import { segmentsPath } from '../argo/template-tags';
import { COMMAND_LINE_SECRET, maskCommandLine, secretArgIndexes } from './command-line-secrets';
import { findCredential } from './credential-patterns';
import { maskEmbeddedJson, maskEmbeddedYaml } from './embedded-documents';
import {
  EmbeddedSecret, MASKED, NamedPlace, SecretFinding, SecretPathSegment, SecretScan,
} from './secret-finding';
import { isHarmlessValue, isSecretHintName, isSecretName, looksRandom } from './secret-names';

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
const ARGO_PIPELINE_KINDS = new Set(['Workflow', 'WorkflowTemplate', 'ClusterWorkflowTemplate', 'CronWorkflow']);
const cache = new WeakMap<object, SecretScan>();

/** How {@link scanSecrets} scans. */
export interface ScanOptions {
  /** the object's kind when the body lacks one (diffing a bare fragment); such a scan is not cached @default - the body's `kind` */
  readonly kind?: string;
  /** keep the result for the next scan of the same object @default true */
  readonly cache?: boolean;
}

/**
 * Finds every secret value in a Kubernetes object, the one detector behind validate's security checks and the
 * masking of `kfops diff` and `kfops preview`: credentials by shape anywhere (strings of every field, args,
 * annotations), literal values of secret-named env vars, Argo parameters, ConfigMap keys and annotations, Secret
 * data, and all of these inside the `kubectl.kubernetes.io/last-applied-configuration` annotation and Argo
 * `resource.manifest` documents. Results are cached per object unless `options.cache` is false: validate's checks
 * scan each object several times.
 */
export function scanSecrets(object: unknown, options: ScanOptions = {}): SecretScan {
  const { kind } = options;
  const cacheable = options.cache !== false && kind === undefined && typeof object === 'object' && object !== null;
  const cached = cacheable ? cache.get(object) : undefined;
  if (cached) return cached;
  const body = isRecord(object) ? object : {};
  const ctx: ScanContext = {
    kind: kind ?? (typeof body.kind === 'string' ? body.kind : ''),
    apiVersion: typeof body.apiVersion === 'string' ? body.apiVersion : undefined,
    findings: [],
  };
  const masked = visit(object, [], ctx);
  const result: SecretScan = { findings: ctx.findings, masked };
  if (cacheable) cache.set(object, result);
  return result;
}

/**
 * False when no scan of the object can find Secret data (a `secret-data` finding): it is no Secret, and it embeds no
 * document that may be one (a last-applied-configuration annotation, an Argo resource manifest). A CRD's schema,
 * a megabyte of descriptions, is then not walked for a finding it cannot hold.
 */
export function mayHoldSecretData(object: Record<string, unknown>): boolean {
  const { kind, apiVersion, metadata } = object;
  if (kind === 'Secret') return true;
  if (typeof apiVersion === 'string' && apiVersion.startsWith('argoproj.io/') && typeof kind === 'string' && ARGO_PIPELINE_KINDS.has(kind)) return true;
  return isRecord(metadata) && isRecord(metadata.annotations) && Object.prototype.hasOwnProperty.call(metadata.annotations, LAST_APPLIED);
}

/**
 * Why a named literal value is a secret, or undefined: a secret-sounding name with a literal value, or a
 * random-looking value under a name that hints at a secret. Values with a credential shape are found by shape.
 */
export function namedSecretReason(name: string, value: string): string | undefined {
  if (isHarmlessValue(value) || isObjectReference(value) || isJsonDocument(value)) return undefined;
  if (isSecretName(name)) return 'looks like a secret and has a literal value';
  if (isSecretHintName(name) && looksRandom(value)) return 'holds a random-looking literal value under a name that suggests a secret';
  return undefined;
}

/**
 * True for `namespace/name`, how annotations name the Secret a controller reads (cert-manager's
 * `inject-ca-from-secret: cert-manager/cert-manager-webhook-ca`): two lowercase DNS names.
 */
function isObjectReference(value: string): boolean {
  return /^[a-z0-9]([-a-z0-9]*[a-z0-9])?\/[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(value);
}

/**
 * True for a JSON object or array (KServe's `credentials` ConfigMap key holds its storage settings so): configuration,
 * not one secret; credentials inside it are still found by their shape.
 */
function isJsonDocument(value: string): boolean {
  const v = value.trim();
  if (!((v.startsWith('{') && v.endsWith('}')) || (v.startsWith('[') && v.endsWith(']')))) return false;
  try {
    const parsed: unknown = JSON.parse(v);
    return typeof parsed === 'object' && parsed !== null;
  } catch {
    return false;
  }
}

/** True when a named value (a parameter, a step input) is a secret, by its name or by its shape. */
export function isSecretNamedValue(name: string, value: string): boolean {
  return namedSecretReason(name, value) !== undefined || findCredential(value) !== undefined;
}

interface ScanContext {
  readonly kind: string;
  readonly apiVersion?: string;
  readonly findings: SecretFinding[];
}

/**
 * @param path where `value` is: one stack of keys and indexes for the whole walk (pushed and popped around each
 *   child, copied into a finding), so walking an object allocates no path per node
 */
function visit(value: unknown, path: SecretPathSegment[], ctx: ScanContext): unknown {
  if (typeof value === 'string') return visitString(value, path, ctx);
  if (Array.isArray(value)) return visitList(value, path, ctx);
  if (isRecord(value)) return visitMap(value, path, ctx);
  return value;
}

function visitString(value: string, path: SecretPathSegment[], ctx: ScanContext): unknown {
  const embedded = embeddedDocument(path, ctx);
  if (embedded) {
    const found = embedded === 'last-applied-configuration' ? maskEmbeddedJson(value, scanSecrets) : maskEmbeddedYaml(value, scanSecrets);
    if (found && found.findings.length > 0) {
      for (const { finding, objectKind } of found.findings) {
        const inner = segmentsPath(finding.path) + (finding.embedded ? ` > ${finding.embedded.path}` : '');
        ctx.findings.push({ ...finding, path: [...path], embedded: { document: embedded, kind: objectKind, path: inner } });
      }
      return found.text;
    }
  }
  const what = findCredential(value);
  if (!what) return value;
  ctx.findings.push({ path: [...path], kind: 'credential', what });
  // The one pattern matched last: nothing else in the string is a credential, only the flags' values are hidden.
  return what === COMMAND_LINE_SECRET ? maskCommandLine(value) : MASKED;
}

function visitList(list: unknown[], path: SecretPathSegment[], ctx: ScanContext): unknown {
  const field = path[path.length - 1];
  const place: NamedPlace = field === 'env' ? 'env' : field === 'parameters' ? 'parameter' : 'value';
  let out: unknown[] | undefined;
  const flagValues = secretArgIndexes(list);
  for (let i = 0; i < list.length; i++) {
    const item = list[i];
    path.push(i);
    let masked: unknown;
    if (flagValues.includes(i)) {
      ctx.findings.push({ path: [...path], kind: 'credential', what: COMMAND_LINE_SECRET });
      masked = MASKED;
    } else {
      masked = isRecord(item) && typeof item.name === 'string' ? visitNamedItem(item, item.name, path, place, ctx) : visit(item, path, ctx);
    }
    path.pop();
    if (masked !== item) (out ??= [...list])[i] = masked;
  }
  return out ?? list;
}

/** A `{name, value}` item (env var, Argo parameter with `value` or `default`): its value is judged by the name. */
function visitNamedItem(item: Record<string, unknown>, name: string, path: SecretPathSegment[], place: NamedPlace, ctx: ScanContext): unknown {
  let out: Record<string, unknown> | undefined;
  // Keys, not entries: every map of every object is walked, and an array per field is garbage to collect.
  for (const key of Object.keys(item)) {
    const child = item[key];
    path.push(key);
    let masked: unknown;
    if ((key === 'value' || key === 'default') && typeof child === 'string') masked = visitNamedValue(name, child, path, place, ctx);
    else masked = visit(child, path, ctx);
    path.pop();
    if (masked !== child) (out ??= { ...item })[key] = masked;
  }
  return out ?? item;
}

function visitNamedValue(name: string, value: string, path: SecretPathSegment[], place: NamedPlace, ctx: ScanContext): unknown {
  const byShape = visitString(value, path, ctx);
  if (byShape !== value) return byShape;
  const why = namedSecretReason(name, value);
  if (!why) return value;
  ctx.findings.push({ path: [...path], kind: 'named', what: why, name, place });
  return MASKED;
}

function visitMap(map: Record<string, unknown>, path: SecretPathSegment[], ctx: ScanContext): unknown {
  const secretData = path.length === 0 && ctx.kind === 'Secret' && (ctx.apiVersion === undefined || ctx.apiVersion === 'v1');
  const keyed: NamedPlace | undefined = path.length === 1 && path[0] === 'data' && ctx.kind === 'ConfigMap' ? 'config'
    : path.length >= 2 && path[path.length - 1] === 'annotations' && path[path.length - 2] === 'metadata' ? 'annotation' : undefined;
  let out: Record<string, unknown> | undefined;
  for (const key of Object.keys(map)) {
    const child = map[key];
    path.push(key);
    let masked: unknown;
    if (secretData && (key === 'data' || key === 'stringData') && isRecord(child)) masked = maskSecretData(child, path, ctx);
    else if (keyed && typeof child === 'string' && key !== LAST_APPLIED) masked = visitNamedValue(key, child, path, keyed, ctx);
    else masked = visit(child, path, ctx);
    path.pop();
    if (masked !== child) (out ??= { ...map })[key] = masked;
  }
  return out ?? map;
}

function maskSecretData(data: Record<string, unknown>, path: SecretPathSegment[], ctx: ScanContext): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    ctx.findings.push({ path: [...path, key], kind: 'secret-data', what: `Secret ${String(path[0])}`, name: key, blank: value === '' || value === null });
    out[key] = MASKED;
  }
  return out;
}

/** Which embedded document a string at `path` holds, if any. */
function embeddedDocument(path: readonly SecretPathSegment[], ctx: ScanContext): EmbeddedSecret['document'] | undefined {
  if (path.length === 3 && path[0] === 'metadata' && path[1] === 'annotations' && path[2] === LAST_APPLIED) return 'last-applied-configuration';
  if (!ctx.apiVersion?.startsWith('argoproj.io/') || !ARGO_PIPELINE_KINDS.has(ctx.kind)) return undefined;
  const n = path.length;
  const templates = n === 5 ? path[1] === 'templates' : n === 6 && path[1] === 'workflowSpec' && path[2] === 'templates';
  return path[0] === 'spec' && templates && path[n - 2] === 'resource' && path[n - 1] === 'manifest' ? 'resource manifest' : undefined;
}
