import { Check } from '../../check';
import { Violation, warning } from '../../violation';
import { segmentsPath } from '../argo/template-tags';
import { embeddedSuffix, SecretFinding } from './secret-finding';
import { scanSecrets } from './secret-scan';

/**
 * A literal value under a secret-sounding name: an env var (`DB_PASSWORD`, `PGPASS`), an Argo parameter
 * (`api-token`), a ConfigMap key or an annotation, or a random-looking value under a name that hints at a secret
 * (`SESSION_KEY`). A warning, since the value may be a dummy, but real secrets belong in a Secret.
 */
export const checkSensitiveEnv: Check = (object) => {
  const kind = object.kind;
  if (kind === 'Secret' || kind === 'SealedSecret' || kind === 'CustomResourceDefinition') return [];
  return scanSecrets(object).findings.filter((f) => f.kind === 'named' && f.embedded?.kind !== 'Secret').map(describe);
};

function describe(f: SecretFinding): Violation {
  const path = segmentsPath(f.path);
  const where = embeddedSuffix(f);
  switch (f.place) {
    case 'env':
      return warning(path, 'security/sensitive-env', `env ${f.name} ${f.what}${where}`,
        'take it from a Secret: valueFrom: {secretKeyRef: {name: <secret>, key: <key>}}');
    case 'config':
      return warning(path, 'security/sensitive-literal', `ConfigMap key "${f.name}" ${f.what}${where}`, 'move it into a Secret and mount or reference that instead');
    case 'annotation':
      return warning(path, 'security/sensitive-literal', `annotation "${f.name}" ${f.what}${where}`, 'keep secrets out of annotations: put it in a Secret');
    default:
      return warning(path, 'security/sensitive-parameter', `${f.place === 'parameter' ? 'parameter' : 'value'} "${f.name}" ${f.what}${where}`,
        'parameters and values are stored in plain text in the object; read the secret in the step from a Secret (env valueFrom.secretKeyRef or a volume)');
  }
}
