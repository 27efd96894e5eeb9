import { isRecord, KubeObject, metadataOf } from '../../object-index';
import { error, Violation } from '../../violation';
import { joinPath } from '../argo/template-tags';
import { configMapKey } from '../../../k8s-spec/name-rules';
import { own } from '../../../own';

/** The API server's limit on a ConfigMap's or Secret's data (core.MaxSecretSize). */
const MAX_DATA_BYTES = 1024 * 1024;

/** Keys each built-in Secret type requires, and which of them must hold JSON (ValidateSecret). */
const SECRET_KEYS: Readonly<Record<string, { readonly all?: readonly string[]; readonly any?: readonly string[]; readonly json?: string }>> = {
  'kubernetes.io/tls': { all: ['tls.crt', 'tls.key'] },
  'kubernetes.io/dockerconfigjson': { all: ['.dockerconfigjson'], json: '.dockerconfigjson' },
  'kubernetes.io/dockercfg': { all: ['.dockercfg'], json: '.dockercfg' },
  'kubernetes.io/basic-auth': { any: ['username', 'password'] },
  'kubernetes.io/ssh-auth': { all: ['ssh-privatekey'] },
};

/**
 * ConfigMaps' and Secrets' keys and sizes as the API server checks them: keys of alphanumerics, '-', '_' and '.';
 * no key in both data and binaryData; at most 1 MiB of data; the keys a Secret's type requires (tls.crt and
 * tls.key for kubernetes.io/tls, ...), a docker config holding JSON, and a service-account-token Secret naming its
 * ServiceAccount. A Secret's stringData counts as data, as the server merges it before checking.
 *
 * @see https://github.com/kubernetes/kubernetes/blob/master/pkg/apis/core/validation/validation.go (ValidateConfigMap, ValidateSecret)
 */
export function dataKeyViolations(object: KubeObject): Violation[] {
  if (object.apiVersion !== 'v1' || (object.kind !== 'ConfigMap' && object.kind !== 'Secret')) return [];
  const out: Violation[] = [];
  const secret = object.kind === 'Secret';
  const fields = secret ? ['data', 'stringData'] : ['data', 'binaryData'];
  const seen = new Map<string, string>();
  let bytes = 0;
  for (const field of fields) {
    const values = isRecord(object[field]) ? (object[field] as Record<string, unknown>) : {};
    for (const [key, value] of Object.entries(values)) {
      const problem = configMapKey(key);
      if (problem) out.push(error(joinPath(field, key), 'k8s/data-key', `key "${key}" ${problem}`, 'rename the key, e.g. "config.yaml" or "api_token"'));
      const other = seen.get(key);
      if (other !== undefined && !secret) out.push(error(joinPath(field, key), 'k8s/data-key', `key "${key}" is in ${other} too`, `keep it in one of ${other} and ${field}`));
      seen.set(key, field);
      if (typeof value === 'string') bytes += (field === 'data' && secret) || field === 'binaryData' ? Math.floor(value.replace(/=+$/, '').length * 3 / 4) : Buffer.byteLength(value);
    }
  }
  if (bytes > MAX_DATA_BYTES) {
    out.push(error(fields[0], 'k8s/data-key', `the ${object.kind} holds ${bytes} bytes of data, over the limit of ${MAX_DATA_BYTES}`, 'split it, or mount the data from a volume instead'));
  }
  if (secret && typeof object.type === 'string') out.push(...secretTypeViolations(object, object.type, seen));
  return out;
}

function secretTypeViolations(secret: KubeObject, type: string, keys: ReadonlyMap<string, string>): Violation[] {
  if (type === 'kubernetes.io/service-account-token') {
    const annotations = metadataOf(secret).annotations;
    const name = isRecord(annotations) ? annotations['kubernetes.io/service-account.name'] : undefined;
    return typeof name === 'string' && name !== '' ? [] : [error('metadata.annotations["kubernetes.io/service-account.name"]', 'k8s/secret-type',
      'a kubernetes.io/service-account-token Secret must name its ServiceAccount', 'add the annotation kubernetes.io/service-account.name: <service account>')];
  }
  const needs = own(SECRET_KEYS, type);
  if (!needs) return [];
  const out: Violation[] = [];
  for (const key of needs.all ?? []) {
    if (!keys.has(key)) out.push(error(joinPath('data', key), 'k8s/secret-type', `a ${type} Secret needs the key "${key}"`, `add "${key}" to data or stringData`));
  }
  if (needs.any && !needs.any.some((k) => keys.has(k))) {
    out.push(error('data', 'k8s/secret-type', `a ${type} Secret needs ${needs.any.map((k) => `"${k}"`).join(' or ')}`, `add ${needs.any.join(' and/or ')} to data or stringData`));
  }
  const jsonKey = needs.json;
  const field = jsonKey ? keys.get(jsonKey) : undefined;
  if (jsonKey && field) {
    const raw = (secret[field] as Record<string, unknown>)[jsonKey];
    const text = typeof raw !== 'string' ? undefined : field === 'data' ? Buffer.from(raw, 'base64').toString('utf8') : raw;
    if (text !== undefined && !isJson(text)) out.push(error(joinPath(field, jsonKey), 'k8s/secret-type', `"${jsonKey}" does not hold JSON`, 'store the registry config as JSON (kubectl create secret docker-registry writes it)'));
  }
  return out;
}

function isJson(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return isRecord(value);
  } catch {
    return false;
  }
}
