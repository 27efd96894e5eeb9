import { isSecretNamedValue, scanSecrets } from '../validate/checks/security/secret-scan';
import { MASKED } from '../validate/checks/security/secret-finding';

export { isSecretNamedValue, MASKED };

/**
 * The object with every secret value replaced by {@link MASKED}: exactly the values `kfops validate` flags as
 * secrets (credentials by shape anywhere, literal values of secret-named env vars, parameters, ConfigMap keys and
 * annotations, random-looking values under names that hint at a secret), plus all Secret data, also inside
 * `last-applied-configuration` annotations and Argo resource manifests. The input is not modified.
 *
 * @param kind the object's kind, for bodies that lack one @default - the body's own `kind`
 */
export function maskSecrets(body: unknown, kind?: string): unknown {
  // Not cached: a diff of 200,000 added objects keeps no masked copy of each.
  return scanSecrets(body, { kind, cache: false }).masked;
}
