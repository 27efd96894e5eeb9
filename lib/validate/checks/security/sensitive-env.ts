import { Check } from '../../check';
import { isRecord } from '../../object-index';
import { Violation, warning } from '../../violation';
import { joinPath } from '../argo/template-tags';

/** Names that say "this is a secret". */
const SENSITIVE_NAME = /PASSWORD|PASSWD|PASSPHRASE|SECRET|TOKEN|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|CREDENTIAL/i;
/** Suffixes that make such a name about a secret rather than the secret itself (`DB_PASSWORD_FILE`, `SECRET_NAME`). */
const REFERENCE_SUFFIX = /(_|-)(NAME|FILE|PATH|DIR|REF|ENABLED|URL|URI|ENDPOINT|TYPE|ID|TTL|EXPIRY|LENGTH|HEADER|MOUNT|LOCATION|NAMESPACE|FIELD|KEY_ID|VERSION|POLICY|MODE|FORMAT|PROVIDER|AUDIENCE|SCOPE)$/i;

/**
 * True when a value is certainly not a secret: empty, a `{{...}}`/`$(...)`/`${...}` reference, a path, a
 * boolean or number, or an obvious `<placeholder>`.
 */
export function isHarmlessValue(value: string): boolean {
  const v = value.trim();
  return v === '' || v.includes('{{') || v.includes('$(') || v.includes('${') || /^(\/|\.\/|~\/)/.test(v)
    || /^(true|false|yes|no|on|off|\d+(\.\d+)?)$/i.test(v) || /^<[^>]*>$/.test(v);
}

/**
 * An env var (or ConfigMap key) named like a secret (`*PASSWORD*`, `*TOKEN*`, `*SECRET*`) with a literal value:
 * a warning, since the value may be a dummy, but real secrets belong in a Secret.
 */
export const checkSensitiveEnv: Check = (object) => {
  const kind = object.kind;
  if (kind === 'Secret' || kind === 'SealedSecret' || kind === 'CustomResourceDefinition') return [];
  const violations: Violation[] = [];
  if (kind === 'ConfigMap' && isRecord(object.data)) {
    for (const [key, value] of Object.entries(object.data)) {
      if (typeof value === 'string' && isSensitiveName(key) && !isHarmlessValue(value)) {
        violations.push(warning(joinPath('data', key), 'security/sensitive-literal', `ConfigMap key "${key}" looks like a secret and holds a literal value`,
          'move it into a Secret and mount or reference that instead'));
      }
    }
  }
  findEnv(object, '', violations);
  return violations;
};

function isSensitiveName(name: string): boolean {
  return SENSITIVE_NAME.test(name) && !REFERENCE_SUFFIX.test(name);
}

function findEnv(value: unknown, path: string, out: Violation[]): void {
  if (Array.isArray(value)) {
    value.forEach((v, i) => findEnv(v, `${path}[${i}]`, out));
    return;
  }
  if (!isRecord(value)) return;
  for (const [key, child] of Object.entries(value)) {
    const childPath = joinPath(path, key);
    if (key === 'env' && Array.isArray(child)) {
      child.forEach((entry, i) => {
        if (!isRecord(entry) || typeof entry.name !== 'string' || typeof entry.value !== 'string') return;
        if (isSensitiveName(entry.name) && !isHarmlessValue(entry.value)) {
          out.push(warning(`${childPath}[${i}].value`, 'security/sensitive-env', `env ${entry.name} looks like a secret and has a literal value`,
            `take it from a Secret: valueFrom: {secretKeyRef: {name: <secret>, key: <key>}}`));
        }
      });
    } else if (typeof child === 'object' && child !== null) {
      findEnv(child, childPath, out);
    }
  }
}
